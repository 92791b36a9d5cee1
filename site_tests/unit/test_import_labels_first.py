"""The cover page's labels first and their values after them, as a PDF's text layer may give the
register's two columns ("From:", "To:", "Subject:", then "General Secretariat of the Council",
"Delegations", "Council conclusions on ..."): the same document as the labels beside their values.

Each case is a register-shaped text of fixtures/import/ with its labelled block rewritten here;
a subject's value reads like the text's title and must stay the subject's.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conclusions.importer import import_document

from site_tests.support.imported import imported

pytestmark = pytest.mark.unit

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"
LABELLED = re.compile(r"^(?P<label>From|On|To|No\. prev\. doc\.|Subject):\s*(?P<value>.*)$")
TEXTS = sorted(
    p.name
    for p in FIXTURES.glob("ST-*-en.txt")
    if "extracted" not in p.name and re.search(r"^Subject:", p.read_text(encoding="utf-8"), re.MULTILINE)
)


def _labels_first(text: str) -> str:
    """The labelled block with every label on a line of its own first, then the values in order
    (a wrapped value's lines after its first)."""
    lines = text.split("\n")
    first = next(i for i, line in enumerate(lines) if LABELLED.match(line))
    last = max(i for i, line in enumerate(lines) if LABELLED.match(line))
    end = last + 1
    while end < len(lines) and not re.match(r"^(Delegations|ANNEX|The delegations)\b", lines[end]):
        end += 1
    labels, values = [], []
    for line in lines[first:end]:
        match = LABELLED.match(line)
        if match:
            labels.append(match["label"] + ":")
            values.append(match["value"])
        else:
            values.append(line)
    return "\n".join([*lines[:first], *labels, *values, *lines[end:]])


def test_there_are_texts_to_try() -> None:
    assert len(TEXTS) >= 3


@pytest.mark.parametrize("name", TEXTS)
def test_labels_first_give_the_same_document(name: str, tmp_path: Path) -> None:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    moved = _labels_first(text)
    assert moved != text
    path = tmp_path / name
    path.write_text(moved, encoding="utf-8")
    result = import_document(path)
    assert result.report.text().startswith("Verdict: ready to publish"), result.report.text()[:400]
    assert result.document_md == imported(FIXTURES / name).document_md

"""Faithful or it fails, as a user meets it: `mkdocs build` itself refuses a site that lacks a word
of its original, names each line to decide, writes nothing, and builds once the difference is
placed or accepted with a reason (core/fidelity.py; the check's own cases: unit/test_fidelity_check.py)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import yaml

from site_tests.support.build import FIXTURES, build
from site_tests.support.documents import import_into

TEXT = FIXTURES / "import" / "ST-10987-2024-INIT-en.txt"
EXPECTED = yaml.safe_load((FIXTURES / "import" / "ST-10987-2024-INIT-en.expected.yml").read_text("utf-8"))


def _errors(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line.split("-  ", 1)[1] for line in result.stderr.splitlines() if line.startswith("ERROR")]


def _line_of(text: str, start: str) -> int:
    return next(i for i, line in enumerate(text.split("\n"), start=1) if line.startswith(start))


def test_a_lost_heading_and_word_stop_the_build_with_the_lines_to_decide(tmp_path: Path) -> None:
    source = import_into(TEXT, tmp_path / "source")
    assert build(tmp_path / "good", source=source).returncode == 0
    document = source / "document.md"
    heading = EXPECTED["headings"][1]  # "II. Recommendations", as the faults of the issue dropped it
    text = document.read_text(encoding="utf-8")
    document.write_text(text.replace(f"## {heading}\n\n", "").replace("an active role", "a role"), encoding="utf-8")
    site = tmp_path / "site"
    result = build(site, source=source, check=False)
    assert result.returncode != 0 and not site.exists(), "nothing is written"
    original = TEXT.read_text(encoding="utf-8")
    name = f"source/original/{TEXT.name}"
    errors = _errors(result)
    assert [e.split(" of the original")[0] for e in errors] == [
        f"{name}:{_line_of(original, '3. RECOGNISES')}: 'an active'",
        f"{name}:{_line_of(original, heading)}: '{heading.replace('.', '')}'",
    ]
    assert all("/paragraphs/" in e and "accept the difference in import.yml" in e for e in errors)


def test_an_unplaced_line_stops_the_build_until_accepted_with_a_reason(tmp_path: Path) -> None:
    text = FIXTURES / "import" / "lettered-recitals.txt"
    source = import_into(text, tmp_path / "source")
    result = build(tmp_path / "site", source=source, check=False)
    number = _line_of(text.read_text(encoding="utf-8"), "Statement by the Commission")
    assert [e.split(": ", 1)[0] for e in _errors(result)] == [f"source/original/{text.name}:{number}"]
    assert "left unplaced" in _errors(result)[0]
    record = source / "import.yml"
    record.write_text(
        record.read_text(encoding="utf-8")
        + f"accepted:\n  - where: line {number}\n    words: 'Statement by the Commission: see the addendum to this "
        "document.'\n    reason: the statement is published in the addendum\n",
        encoding="utf-8",
    )
    assert build(tmp_path / "site", source=source).returncode == 0


def test_a_collection_checks_each_document_in_its_folder(tmp_path: Path) -> None:
    from conclusions.cli import main

    source = tmp_path / "source"
    shutil.copytree(import_into(TEXT, tmp_path / "one"), source)
    added = FIXTURES / "import" / "lettered-recitals.txt"
    assert main(["import", str(added), "--source", str(source), "--add"]) == 0
    result = build(tmp_path / "site", source=source, check=False)
    number = _line_of(added.read_text(encoding="utf-8"), "Statement by the Commission")
    assert [e.split(": ", 1)[0] for e in _errors(result)] == [
        f"source/documents/st-9876-2024/original/{added.name}:{number}"
    ]


def test_a_doubtful_line_stops_the_build_until_a_person_has_checked_it(tmp_path: Path) -> None:
    """Every word is on the site, but the import doubted where a line went (the importer's
    cases: unit/test_importer.py): the build refuses, at the record's entry, writes nothing,
    and builds once `checked:` names the line and its text with a reason."""
    source = import_into(TEXT, tmp_path / "source")
    original = TEXT.read_text(encoding="utf-8")
    number = _line_of(original, "3. RECOGNISES")
    line = original.split("\n")[number - 1]
    record = source / "import.yml"
    data = yaml.safe_load(record.read_text(encoding="utf-8"))
    assert not data.get("doubtful"), "the text imports without a doubt"
    doubt = {"where": f"line {number}", "text": line, "cause": "a doubt, as the importer writes one"}
    record.write_text(
        record.read_text(encoding="utf-8").replace("doubtful: []\n", "") + yaml.safe_dump({"doubtful": [doubt]}),
        encoding="utf-8",
    )
    site = tmp_path / "site"
    result = build(site, source=source, check=False)
    assert result.returncode != 0 and not site.exists(), "nothing is written"
    errors = _errors(result)
    assert len(errors) == 1 and errors[0].startswith("source/import.yml:") and f"line {number}:" in errors[0]
    assert "'checked:'" in errors[0]
    checked = {"checked": [{"where": f"line {number}", "text": line, "reason": "read against the original: right"}]}
    record.write_text(record.read_text(encoding="utf-8") + yaml.safe_dump(checked), encoding="utf-8")
    assert build(site, source=source).returncode == 0

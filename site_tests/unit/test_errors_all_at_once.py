"""Every mistake in the source is reported in one run, one line each, and nothing is written.

A person fixing a source should not need one build per mistake: the document and every
registry are checked, and the checks that link them run too, whatever the others found.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path

import pytest
from conclusions.core.edition import build_edition
from conclusions.core.errors import MAX_REPORTED, SourceErrors

from site_tests.support.build import FIXTURES

# (file, text, replacement, the start of the line reported): four mistakes in two files, in the
# order a person reads them: by file, then line.
MISTAKES = [
    (
        "actors.yml",
        "url: https://commission.europa.eu/",
        "url: http://commission.europa.eu/",
        "mini/actors.yml:9: 'url' of actor 'commission' must be an https:// URL",
    ),
    ("document.md", "date: 2022-06-20", "date: 2022-13-45", "mini/document.md:7: 'date' must be a real date"),
    (
        "document.md",
        "3. NOTES the role of ENER work[^b];",
        "3. NOTES the role of ENER work[^b]; BEMOANS it.",
        "mini/document.md:27: 'BEMOANS' opens a clause of paragraph 3 but is not an operative verb",
    ),
    (
        "document.md",
        "[^a]: 1234/21.",
        "[^a]: 1234/21.\n\n[^z]: unused.",
        "mini/document.md:35: footnote [^z] is defined but never referenced",
    ),
]


def mini_source(tmp_path: Path) -> Path:
    source = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", source, ignore=shutil.ignore_patterns("expected*.yml"))
    return source


def apply_mistakes(source: Path, mistakes: Iterable[tuple[str, str, str, object]]) -> None:
    for name, old, new, _ in mistakes:
        path = source / name
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, (name, old)
        path.write_text(text.replace(old, new), encoding="utf-8")


def test_every_mistake_is_reported_by_file_and_line(tmp_path: Path) -> None:
    source = mini_source(tmp_path)
    apply_mistakes(source, MISTAKES)
    with pytest.raises(SourceErrors) as caught:
        build_edition(source)
    lines = caught.value.lines()
    assert len(lines) == len(MISTAKES)
    for line, (_, _, _, start) in zip(lines, MISTAKES, strict=True):
        assert line.startswith(start), line


def test_past_the_cap_the_rest_are_counted(tmp_path: Path) -> None:
    source = mini_source(tmp_path)
    path = source / "document.md"
    text = path.read_text(encoding="utf-8")
    extra = MAX_REPORTED + 7
    notes = "\n\n".join(f"[^u{n}]: unused." for n in range(extra))
    path.write_text(text.rstrip("\n") + "\n\n" + notes + "\n", encoding="utf-8")
    with pytest.raises(SourceErrors) as caught:
        build_edition(source)
    lines = caught.value.lines()
    assert len(lines) == MAX_REPORTED + 1
    assert lines[-1].startswith(f"... and {extra - MAX_REPORTED} more mistakes")

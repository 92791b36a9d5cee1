"""`mkdocs serve` sees a save and builds it once, watching with the file system's events and
by polling (watching.py), for a save in place and for an editor's save to a temporary file
renamed over the source."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from site_tests.support.build import FIXTURES
from site_tests.support.live import Served, serving

BUILT = "Building documentation..."
"""MkDocs' line at the start of each build."""


def _first_paragraph(document: Path) -> tuple[str, int]:
    """The first numbered paragraph's line of `document`, and its number."""
    found = re.search(r"^(\d+)\. .+$", document.read_text(encoding="utf-8"), re.MULTILINE)
    assert found, f"{document} has no numbered paragraph"
    return found[0], int(found[1])


def _save_in_place(document: Path, old: str, new: str) -> None:
    """Truncate, write, close: as most editors save."""
    document.write_text(document.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


def _save_by_rename(document: Path, old: str, new: str) -> None:
    """Write a temporary file beside the source, then rename it over the source: as editors that
    save atomically do (the source is never seen half written)."""
    temporary = document.with_name(f".{document.name}.tmp")
    temporary.write_text(document.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    os.replace(temporary, document)


def _saved(served: Served, page: str, marker: str) -> None:
    served.wait_for(f"the save of {marker}", served.page_has(page, marker))


@pytest.mark.parametrize(("watch_with", "said"), [("events", "with file events"), ("polling", "by polling")])
def test_a_save_is_seen_and_built_once(watch_with: str, said: str, tmp_path: Path) -> None:
    source = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", source)
    document = source / "document.md"
    line, number = _first_paragraph(document)
    page = f"paragraphs/{number}/"
    settings = f"plugins:\n  - conclusions:\n      watch_with: {watch_with}\n  - search\n"
    with serving(source, tmp_path, settings=settings) as served:
        assert f"watching the source {said}: watch_with: {watch_with}" in served.log()
        assert served.log_count(BUILT) == 1

        _save_by_rename(document, line, line + " zyxrenamed")
        _saved(served, page, "zyxrenamed")
        line += " zyxrenamed"

        builds = served.log_count(BUILT)
        _save_in_place(document, line, line + " zyxfirst")
        _saved(served, page, "zyxfirst")
        line += " zyxfirst"
        # A second save after the first was served: a build the first caused late (a step of
        # its save seen apart) would come before the second's.
        _save_in_place(document, line, line + " zyxsecond")
        _saved(served, page, "zyxsecond")
        assert served.log_count(BUILT) == builds + 2, served.tail()

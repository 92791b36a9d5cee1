"""While serving, the core keeps the work of each item for the next build (`remembered.recent`):
what a build makes with it is what a build makes without, after every kind of edit, and what
is kept is no more than the last two builds' work."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from conclusions.core import remembered
from conclusions.core.document_source import read_document
from conclusions.core.errors import Problems, SourceErrors
from conclusions.core.site import SiteMaker, all_pages, build_collection, site_data

from site_tests.support.build import FIXTURES, SOURCE

MINI = FIXTURES / "mini"
SITE_URL = "https://example.org/mini/"


@pytest.fixture
def keeping() -> Iterator[None]:
    remembered.keep_recent(True)
    try:
        yield
    finally:
        remembered.keep_recent(False)


def _made(source: Path) -> tuple[Any, list[str], dict[str, str]]:
    c = build_collection(source)
    return c, [p.markdown for p in all_pages(c)], site_data(c, SITE_URL)


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _edits(source: Path) -> list[tuple[str, Callable[[], object]]]:
    """Edits made one after the other, each of what a build reads: the mini fixture's own words."""
    document, glossary, verbs = source / "document.md", source / "glossary.yml", source / "verbs.yml"
    original = document.read_text(encoding="utf-8")
    return [
        ("as it is", lambda: None),
        ("a paragraph's words", lambda: _replace(document, "to map buoys", "to map CO<sub>2</sub> buoys")),
        (
            "a term's patterns",
            lambda: _replace(glossary, "patterns: [CO<sub>2</sub>]", "patterns: [CO<sub>2</sub>, buoys]"),
        ),
        ("the text back as it was", lambda: document.write_text(original, encoding="utf-8")),
        ("the lines after a heading", lambda: _replace(document, "## A. FIRST STEPS\n", "## A. FIRST STEPS\n\n")),
        (
            "a verb's request",
            lambda: _replace(
                verbs, "{verb: NOTES, forms: [NOTES], request: false}", "{verb: NOTES, forms: [NOTES], request: true}"
            ),
        ),
    ]


def test_a_build_with_the_last_builds_work_makes_what_a_build_without_makes(tmp_path: Path, keeping: None) -> None:
    remembered.keep_recent(False)
    fresh_source = tmp_path / "fresh" / "source"
    shutil.copytree(MINI, fresh_source)
    fresh = []
    for _what, edit in _edits(fresh_source):
        edit()
        fresh.append(_made(fresh_source))
    remembered.keep_recent(True)
    source = tmp_path / "kept" / "source"
    shutil.copytree(MINI, source)
    sizes = []
    for (what, edit), expected in zip(_edits(source), fresh, strict=True):
        edit()
        remembered.next_build()
        got = _made(source)
        assert got[1] == expected[1], f"the pages after {what}"
        assert got[2] == expected[2], f"the data after {what}"
        assert got[0] == expected[0], f"the collection after {what}"
        sizes.append(remembered.recent_kept())
    assert sizes[0] > 0, "a build keeps its work"
    # This build's work and the last's, never more: no build's edit makes it grow.
    assert max(sizes) <= 2 * sizes[0] + 2 * len(_edits(source))
    remembered.next_build()
    remembered.next_build()
    assert remembered.recent_kept() == 0, "nothing older than the last build is kept"


def test_nothing_is_kept_unless_the_serve_machinery_asks(tmp_path: Path) -> None:
    source = tmp_path / "source"
    shutil.copytree(MINI, source)
    _made(source)
    assert remembered.recent_kept() == 0


def _fidelity(source: Path) -> list[str]:
    """What the check that every word of the original is on the site says of `source`."""
    maker = SiteMaker()
    try:
        maker.check_fidelity(source, maker.collection(source))
    except SourceErrors as errors:
        return [str(e) for e in errors.errors]
    return []


def test_the_words_of_the_original_are_checked_alike_with_the_last_builds_work(tmp_path: Path) -> None:
    """The flagship (a site with its original): a word taken out of a paragraph is reported
    as lost, with the kept work as without, and no longer once it is back."""
    flagship = read_document(SOURCE, Problems())
    assert flagship is not None
    paragraph = flagship.paragraphs[-1]
    word = next(w for w in paragraph.text.split() if w.isalpha() and len(w) > 6)
    said = []
    for keep in (False, True):
        remembered.keep_recent(keep)
        try:
            source = tmp_path / str(keep) / "source"
            shutil.copytree(SOURCE, source)
            document = source / "document.md"
            original = document.read_text(encoding="utf-8")
            states = []
            for text in (original, original.replace(f" {word} ", " ", 1), original):
                document.write_text(text, encoding="utf-8")
                remembered.next_build()
                states.append(_fidelity(source))
            said.append(states)
        finally:
            remembered.keep_recent(False)
    assert said[0] == said[1]
    assert not said[0][0] and said[0][1] and not said[0][2], "the lost word is reported, then no longer"
    assert any(word in line for line in said[0][1])


def test_a_key_that_cannot_be_hashed_is_made_each_time(keeping: None) -> None:
    made: list[int] = []
    recent = remembered.Recent[object, int]()

    def make() -> int:
        made.append(1)
        return len(made)

    assert recent.get(("words", ["a", "list"]), make) == 1
    assert recent.get(("words", ["a", "list"]), make) == 2
    assert recent.get(("words", ("a", "tuple")), make) == 3
    assert recent.get(("words", ("a", "tuple")), make) == 3, "a hashable key finds its result again"

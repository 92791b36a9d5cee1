"""While serving, the core keeps the work of each item for the next build (`remembered.recent`):
what a build makes with it is what a build makes without, after every kind of edit, and what
is kept is no more than the last two builds' work."""

from __future__ import annotations

import dataclasses
import pickle
import shutil
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
from conclusions.core import remembered
from conclusions.core.document_source import read_document
from conclusions.core.errors import Problems, SourceErrors
from conclusions.core.pages import templates
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


R = TypeVar("R")
Edits = Callable[[Path], list[tuple[str, Callable[[], object]]]]


def _after_each_edit(folder: Path, edits: Edits, made: Callable[[Path], R], keep: bool) -> list[tuple[str, R, int]]:
    """`made` of a copy of the mini fixture in `folder` after each of its `edits`, one build
    each, with (`keep`) or without the last build's work; with how much work is kept then."""
    remembered.keep_recent(keep)
    source = folder / "source"
    shutil.copytree(MINI, source)
    out = []
    for what, edit in edits(source):
        edit()
        remembered.next_build()
        out.append((what, made(source), remembered.recent_kept()))
    return out


def test_a_build_with_the_last_builds_work_makes_what_a_build_without_makes(tmp_path: Path, keeping: None) -> None:
    fresh = _after_each_edit(tmp_path / "fresh", _edits, _made, keep=False)
    kept = _after_each_edit(tmp_path / "kept", _edits, _made, keep=True)
    for (what, got, _), (_, expected, _) in zip(kept, fresh, strict=True):
        assert got[1] == expected[1], f"the pages after {what}"
        assert got[2] == expected[2], f"the data after {what}"
        assert got[0] == expected[0], f"the collection after {what}"
    sizes = [size for _, _, size in kept]
    assert sizes[0] > 0, "a build keeps its work"
    # This build's work and the last's, never more: no build's edit makes it grow.
    assert max(sizes) <= 2 * sizes[0] + 2 * len(kept)
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


class _Result:
    """A result a build made (compared by identity; no cycle, so freed as soon as let go)."""


def test_what_a_build_no_longer_needs_is_let_go_once_idle_or_a_few_builds_later(keeping: None) -> None:
    remembered.next_build()
    held = _Result()
    alive = weakref.ref(held)
    remembered.let_go_later(held)
    del held
    remembered.next_build()
    assert alive() is not None, "held while the server is busy"
    remembered.let_go()
    assert alive() is None, "let go once it is idle"
    remembered.next_build()
    held = _Result()
    alive = weakref.ref(held)
    remembered.let_go_later(held)
    del held
    builds = 0
    while alive() is not None:
        remembered.next_build()
        builds += 1
        assert builds <= remembered.LET_GO_AFTER, "never idle: let go a few builds later"
    assert builds == remembered.LET_GO_AFTER


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


REGISTER_PAGES = ("instruments/", "glossary.md", "actors/", "verbs.md")


def _register_pages(source: Path) -> dict[str, Any]:
    """The register pages of a build of `source`, by their source path."""
    return {page.src: page for page in all_pages(build_collection(source)) if page.src.startswith(REGISTER_PAGES)}


def _mention_edits(source: Path) -> list[tuple[str, Callable[[], object]]]:
    """Edits that change what the register pages show of a mention, and edits that change none:
    the mini fixture's own words, one after the other."""
    document, instruments = source / "document.md", source / "instruments.yml"
    original = document.read_text(encoding="utf-8")
    return [
        ("as it is", lambda: None),
        ("a word beside a mention", lambda: _replace(document, "to report on the", "to report yearly on the")),
        ("a mention added", lambda: _replace(document, "to map buoys", "to map buoys under the Blue Deal")),
        ("a mention taken out", lambda: _replace(document, "RECALLS the Blue Deal", "RECALLS the deal")),
        ("a word in no clause of an entry", lambda: _replace(document, "NOTES the role", "NOTES the wide role")),
        ("an entry's words", lambda: _replace(instruments, "A deal for blue things.", "A deal for blue waters.")),
        ("the text back as it was", lambda: document.write_text(original, encoding="utf-8")),
    ]


def _pages_alike(tmp_path: Path, edits: Edits, pages: Callable[[Path], dict[str, Any]]) -> list[dict[str, Any]]:
    """`pages` after each of `edits`, made with the last build's work; each edit's the same as
    a build without it makes."""
    fresh = _after_each_edit(tmp_path / "fresh", edits, pages, keep=False)
    with_kept = _after_each_edit(tmp_path / "kept", edits, pages, keep=True)
    for (what, got, _), (_, expected, _) in zip(with_kept, fresh, strict=True):
        shown = {src: page.markdown for src, page in got.items()}
        assert shown == {src: page.markdown for src, page in expected.items()}, f"the pages after {what}"
    return [made for _, made, _ in with_kept]


def test_each_register_page_is_kept_while_what_it_shows_is_the_same(tmp_path: Path, keeping: None) -> None:
    """Each register page made with the last build's work is the one a build without it makes,
    after edits that change a mention and edits that do not; a page whose entry's mentions are
    the same is the very page of the last build, and a page whose mention changed shows it."""
    builds = _pages_alike(tmp_path, _mention_edits, _register_pages)

    def kept(step: int) -> set[str]:
        """The register pages of edit `step` that are the very pages of the build before."""
        return {src for src, page in builds[step].items() if builds[step - 1].get(src) is page}

    charter, deal, commission = "instruments/ocean-charter.md", "instruments/blue-deal.md", "actors/commission.md"
    # A word beside a mention: the pages that show it change; the others are kept.
    assert "yearly" in builds[1][charter].markdown and "yearly" in builds[1][commission].markdown
    assert charter not in kept(1) and commission not in kept(1)
    assert deal in kept(1) and "glossary.md" in kept(1)
    # A mention added, then taken out: the entry's page lists it, then no longer.
    assert "paragraphs/2.md" in builds[2][deal].markdown and deal not in kept(2)
    assert "paragraphs/1.md" not in builds[3][deal].markdown and deal not in kept(3)
    assert charter in kept(2) and charter in kept(3)
    # A word in a clause that mentions no instrument or actor: only the verbs' page shows it.
    assert "wide role" in builds[4]["verbs.md"].markdown
    assert set(builds[4]) - kept(4) == {"verbs.md"}
    # An entry's own words: its page, not the others'.
    assert "blue waters" in builds[5][deal].markdown and deal not in kept(5) and charter in kept(5)


def test_an_entry_hashed_once_hashes_as_its_fields_and_a_copy_works_it_out_again() -> None:
    """A registry entry's hash is kept on it (it stands in many kept results' keys): the hash
    its fields give, never carried to a copy, where it may differ (a string's hash differs from
    one process to the next)."""
    flagship = build_collection(SOURCE)
    entry = flagship.registries.actors[0]
    assert hash(entry) == hash(entry)
    assert "_hash_once" not in pickle.dumps(entry).decode("latin-1")
    copy = pickle.loads(pickle.dumps(entry))
    assert copy == entry and hash(copy) == hash(entry)
    renamed = dataclasses.replace(entry, name=entry.name + " (renamed)")
    assert {entry: 1}.get(copy) == 1 and {entry: 1}.get(renamed) is None


def _own_pages(source: Path) -> dict[str, Any]:
    """The pages of the paragraphs of a build of `source`, by their source path."""
    return {page.src: page for page in all_pages(build_collection(source)) if page.src.startswith("paragraphs/")}


def _item_edits(source: Path) -> list[tuple[str, Callable[[], object]]]:
    """Edits of one paragraph, of a footnote, of a heading and of the last paragraph's
    neighbours: the mini fixture's own words, one after the other."""
    document = source / "document.md"
    return [
        ("as it is", lambda: None),
        ("a paragraph's words", lambda: _replace(document, "to map buoys", "to map drifting buoys")),
        ("a footnote's words", lambda: _replace(document, "[^a]: 1234/21.", "[^a]: 1234/21, as amended.")),
        ("a heading", lambda: _replace(document, "## B. LATER STEPS", "## B. NEXT STEPS")),
        (
            "a paragraph added at the end",
            lambda: _replace(document, "on the Ocean Charter.\n", "on the Ocean Charter.\n\n5. NOTES the end.\n"),
        ),
    ]


def test_each_paragraphs_page_is_kept_while_what_it_shows_is_the_same(tmp_path: Path, keeping: None) -> None:
    """A paragraph's page made with the last build's work is the one a build without it makes;
    the page of a paragraph whose words, footnotes, section and neighbours are the same is the
    very page of the last build."""
    builds = _pages_alike(tmp_path, _item_edits, _own_pages)

    def remade(step: int) -> set[str]:
        """The pages of edit `step` that are not the very pages of the build before."""
        return {src for src, page in builds[step].items() if builds[step - 1].get(src) is not page}

    assert remade(1) == {"paragraphs/2.md"} and "drifting" in builds[1]["paragraphs/2.md"].markdown
    assert remade(2) == {"paragraphs/1.md"} and "as amended" in builds[2]["paragraphs/1.md"].markdown
    assert remade(3) == {"paragraphs/4.md"} and "NEXT STEPS" in builds[3]["paragraphs/4.md"].markdown
    # The last paragraph gains a neighbour; a paragraph with no footnote (footnotes moved down
    # a line) is kept.
    assert {"paragraphs/4.md", "paragraphs/5.md"} <= remade(4) and "paragraphs/2.md" not in remade(4)
    assert "Paragraph 5 →" in builds[4]["paragraphs/4.md"].markdown


def test_a_paragraphs_page_whose_template_reads_the_whole_document_is_made_each_time(
    tmp_path: Path, keeping: None
) -> None:
    """A site's own template may print anything of the document: its pages are not kept."""
    overrides = tmp_path / "overrides"
    (overrides / "pages").mkdir(parents=True)
    (overrides / "pages" / "paragraph.html").write_text(
        "{{ blocks(title, text) }}\n<p>{{ document.paragraphs | length }} paragraphs</p>\n", encoding="utf-8"
    )
    used = templates.PageTemplates.of(overrides)
    assert used.reads("paragraph", "document") and not templates.PACKAGE.reads("paragraph", "document")
    templates.use(used)
    try:
        built = _after_each_edit(tmp_path / "kept", _item_edits, _own_pages, keep=True)
    finally:
        templates.use(templates.PACKAGE)
    assert "4 paragraphs" in built[3][1]["paragraphs/1.md"].markdown
    assert "5 paragraphs" in built[4][1]["paragraphs/1.md"].markdown, "a page of an unchanged paragraph made again"

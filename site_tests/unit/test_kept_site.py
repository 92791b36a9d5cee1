"""Under `mkdocs serve` each step of the core's `SiteMaker` is taken from the last good build
while its inputs are the same (the serve machinery's `KeptSite`): in a collection, after each
kind of edit, what it makes is what a fresh `SiteMaker` makes; and a step whose key leaves out
one of the inputs it reads makes something else after some edit, which these edits show."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Hashable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
from conclusions.core import remembered
from conclusions.core.jsondata import JsonData
from conclusions.core.sharing import SiteSharing
from conclusions.core.site import SiteMaker
from conclusions.rebuild import KeptSite

from site_tests.support.build import FIXTURES

MINI = FIXTURES / "mini"
SITE_URL = "https://example.org/kept/"
T = TypeVar("T")

# Three copies of the mini fixture's (invented) text, each with its own id and date; the newest
# recalls a paragraph of the oldest, and the middle one opens with a recital.
TEXTS = {
    "st-10001-2022": ("ST 10001/22", "2022-06-20", "", ""),
    "st-10002-2022": ("ST 10002/22", "2022-07-20", "RECALLING:\n\n- the Ocean Charter,\n\n", ""),
    "st-10003-2022": ("ST 10003/22", "2022-08-20", "", " RECALLS paragraph 2 of ST 10001/22;"),
}


def _text(document_id: str, date: str, recitals: str, recalls: str) -> str:
    text = (MINI / "document.md").read_text(encoding="utf-8")
    number = document_id.removeprefix("ST ")
    for old, new in (
        ("document_id: ST 10001/22", f"document_id: {document_id}"),
        ("number: 10001/22", f"number: {number}"),
        ("date: 2022-06-20", f"date: {date}"),
        ("short_title: Ocean observation", f"short_title: Ocean observation {number}"),
        ("THE COUNCIL OF THE EUROPEAN UNION,\n\n", f"THE COUNCIL OF THE EUROPEAN UNION,\n\n{recitals}"),
        ("to report on the Ocean Charter.", f"to report on the Ocean Charter.{recalls}"),
    ):
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def _collection(folder: Path) -> Path:
    source = folder / "source"
    source.mkdir(parents=True)
    for registry in MINI.glob("*.yml"):
        if registry.name != "expected.yml":
            shutil.copy(registry, source)
    (source / "collection.yml").write_text("title: Ocean texts (test fixture)\n", encoding="utf-8")
    for folder_name, fields in TEXTS.items():
        (source / "documents" / folder_name).mkdir(parents=True)
        (source / "documents" / folder_name / "document.md").write_text(_text(*fields), encoding="utf-8")
    return source


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _edits(source: Path) -> list[tuple[str, Callable[[], object]]]:
    """Each kind of edit a save makes, one after the other."""
    first, middle, last = (source / "documents" / name / "document.md" for name in TEXTS)
    added = source / "documents" / "st-10004-2022"
    return [
        ("nothing", lambda: None),
        ("a word in a paragraph", lambda: _replace(middle, "to map buoys", "to map drifting buoys")),
        ("a recital", lambda: _replace(middle, "- the Ocean Charter,", "- the Ocean Charter and the Blue Deal,")),
        ("a heading", lambda: _replace(middle, "## B. LATER STEPS", "## B. NEXT STEPS")),
        ("a footnote", lambda: _replace(middle, "[^a]: 1234/21.", "[^a]: 1234/21, as amended.")),
        ("a paragraph added", lambda: _replace(middle, "Ocean Charter.\n", "Ocean Charter.\n\n5. NOTES the end.\n")),
        ("a text's short title", lambda: _replace(first, "short_title: Ocean", "short_title: The ocean")),
        ("the date a text is recalled by", lambda: _replace(first, "date: 2022-06-20", "date: 2022-06-21")),
        ("the reference back", lambda: _replace(first, "date: 2022-06-21", "date: 2022-06-20")),
        ("a reference taken out", lambda: _replace(last, " RECALLS paragraph 2 of ST 10001/22;", "")),
        ("a registry entry", lambda: _replace(source / "instruments.yml", "A deal for blue", "A deal for deep blue")),
        ("collection.yml", lambda: _replace(source / "collection.yml", "Ocean texts", "Sea texts")),
        ("a text added", lambda: _add(added, _text("ST 10004/22", "2022-09-20", "", ""))),
        ("a text removed", lambda: shutil.rmtree(added)),
    ]


def _add(folder: Path, text: str) -> None:
    folder.mkdir()
    (folder / "document.md").write_text(text, encoding="utf-8")


def _made(maker: SiteMaker, source: Path) -> dict[str, Any]:
    """What a build of `source` makes of the core's steps: pages, data, cards."""
    c = maker.collection(source)
    parts = maker.page_parts(c)
    maker.check_addresses(c, parts)
    return {
        "pages": [page for part in parts for page in part],
        "data": maker.data(c, SITE_URL),
        "cards": maker.cards(SiteSharing(c, SITE_URL, "Kept")),
    }


def _after_each_edit(folder: Path, make: Callable[[], SiteMaker]) -> Iterator[tuple[str, dict[str, Any]]]:
    """What `make()`'s maker makes after each edit of a copy of the collection in `folder`, one
    maker for every build, as under `mkdocs serve`."""
    source = _collection(folder)
    maker = make()
    for what, edit in _edits(source):
        edit()
        remembered.next_build()
        if isinstance(maker, KeptSite):
            maker.results.start()
        made = _made(maker, source)
        if isinstance(maker, KeptSite):
            maker.results.succeeded()
        yield what, made


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, dict[str, Any]]]:
    """What a build makes after each edit without anything kept (as `mkdocs build`)."""
    made = list(_after_each_edit(tmp_path_factory.mktemp("fresh"), SiteMaker))
    c = made[0][1]
    assert any(p.src.endswith("recitals/1.md") for p in c["pages"]), "the middle text has a recital"
    assert "st-10001-2022/paragraphs/2" in c["data"]["data/collection.json"], "the newest recalls the oldest"
    return made


@pytest.fixture
def keeping() -> Iterator[None]:
    remembered.keep_recent(True)
    try:
        yield
    finally:
        remembered.keep_recent(False)


def _differences(fresh: list[tuple[str, dict[str, Any]]], folder: Path, make: Callable[[], SiteMaker]) -> Iterator[str]:
    """The edits after which `make()`'s maker made something other than a fresh build, found
    one build after the other: a test that needs only the first makes no build after it."""
    kept = _after_each_edit(folder, make)
    for (what, got), (_, expected) in zip(kept, fresh, strict=True):
        yield from (f"{part} after {what}" for part in expected if got[part] != expected[part])


def test_the_kept_steps_make_what_a_fresh_build_makes_after_each_kind_of_edit(
    fresh: list[tuple[str, dict[str, Any]]], tmp_path: Path, keeping: None
) -> None:
    assert list(_differences(fresh, tmp_path, KeptSite)) == []


class _Forgetting(KeptSite):
    """`KeptSite` with one input left out of the key of the step `name` (at `index`)."""

    def __init__(self, name: str, index: int) -> None:
        super().__init__()
        self.name, self.index = name, index

    def step(self, name: Hashable, inputs: tuple[Any, ...], make: Callable[[], T], *, small: bool = False) -> T:
        if name == self.name or (isinstance(name, tuple) and name[0] == self.name):
            inputs = inputs[: self.index] + inputs[self.index + 1 :]
        return super().step(name, inputs, make, small=small)


@pytest.mark.parametrize(
    ("name", "index"),
    [
        ("collection home", 0),  # what it lists of each text
        ("collection home", 1),  # the references resolved
        ("linked", 0),  # the text
        ("pages", 0),  # the edition
        ("register pages", 2),  # the texts' shares
        ("data", 0),  # the edition
    ],
)
def test_a_key_without_one_of_its_inputs_is_caught(
    fresh: list[tuple[str, dict[str, Any]]], tmp_path: Path, keeping: None, name: str, index: int
) -> None:
    assert next(_differences(fresh, tmp_path, lambda: _Forgetting(name, index)), None), f"{name} without input {index}"


def test_a_document_s_kept_backlinks_without_what_they_show_are_caught(
    fresh: list[tuple[str, dict[str, Any]]], tmp_path: Path, keeping: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Within the edited text's share of the register pages, each entry's table of backlinks
    is kept under what it shows of each (`registers._shown`): without it, a stale table."""
    from conclusions.core.pages import registers

    monkeypatch.setattr(registers, "_shown", lambda edition, found: ())
    assert next(_differences(fresh, tmp_path, KeptSite), None)


def test_the_data_of_an_item_recalls_what_its_footnotes_recall_and_where_it_is_recalled(tmp_path: Path) -> None:
    """The references of each item's footnotes, and those to each paragraph from other texts,
    worked out for every item at once, are those a pass over the references for the item finds,
    in the order of the edition's."""
    source = _collection(tmp_path)
    _replace(
        source / "documents" / "st-10003-2022" / "document.md",
        "[^b]: See the Blue Deal.",
        "[^b]: See paragraph 2 of ST 10001/22.",
    )
    found = found_recalled = 0
    for edition in SiteMaker().collection(source).editions:
        data = JsonData(edition, SITE_URL)
        anchors = [p.anchor for p in edition.document.paragraphs] + [x.anchor for x in edition.document.recitals]
        for anchor in anchors:
            expected = [
                key
                for key, refs in edition.references.items()
                if key != anchor and any(r.carrier == anchor for r in refs)
            ]
            assert data._notes_of(anchor) == expected, anchor
            found += len(expected)
        for p in edition.document.paragraphs:
            recalled = [r for r in edition.recalled_in if any(q.number == p.number for q in r.paragraphs)]
            assert data._recalled_in.get(p.number, []) == recalled, p.number
            found_recalled += len(recalled)
    assert found > len(TEXTS), "footnotes of the collection's texts recall other documents"
    assert found_recalled >= 2, "a paragraph recalled in a text and in a footnote of another"

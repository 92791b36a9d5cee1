"""`SiteMaker.check_addresses` gives the outcome of the one address check of every page and
file (`unique_addresses.check_addresses` over `published_files`), while it takes each
document's addresses as a step: the same addresses, no error on a site without two things at
one address, and the same error, naming the same two, on a site with them; under a maker that
gives back the steps of an earlier build (as `mkdocs serve` does), too."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any, TypeVar

import pytest
from conclusions.core.collection import Collection
from conclusions.core.errors import SourceError
from conclusions.core.pages import Page
from conclusions.core.site import SiteMaker
from conclusions.core.unique_addresses import (
    check_addresses,
    document_file_addresses,
    page_addresses,
    published_files,
    site_file_addresses,
)

from site_tests.unit.test_hostile_sources import _collection
from site_tests.unit.test_source_errors import copy_mini

T = TypeVar("T")


class Remembering(SiteMaker):
    """A maker that gives back a step's earlier result while its inputs are equal."""

    def __init__(self) -> None:
        self.kept: dict[Hashable, tuple[tuple[Any, ...], Any]] = {}
        self.made = 0

    def step(self, name: Hashable, inputs: tuple[Any, ...], make: Callable[[], T], *, small: bool = False) -> T:
        kept = self.kept.get(name)
        if kept is None or kept[0] != inputs:
            self.made += 1
            kept = self.kept[name] = (inputs, make())
        result: T = kept[1]
        return result


def _site(tmp_path: Path, kind: str) -> Collection:
    """The small fixture alone (`one`), or a collection of two copies of it (`many`)."""
    if kind == "one":
        return SiteMaker().collection(copy_mini(tmp_path))
    source = _collection(tmp_path, {"st-10001-2022": "document_id: ST 10001/22\n", "st-10002-2022": ""})
    second = source / "documents" / "st-10002-2022" / "document.md"
    text = second.read_text(encoding="utf-8").replace("date: 2022-06-20", "document_id: ST 10002/22\ndate: 2022-06-21")
    second.write_text(text, encoding="utf-8")
    return SiteMaker().collection(source)


SITES = ["one", "many"]


def _parts(maker: SiteMaker, c: Collection) -> list[list[Page]]:
    return [list(part) for part in maker.page_parts(c)]


@pytest.mark.parametrize("kind", SITES)
def test_the_steps_hold_every_address_the_check_compares(tmp_path: Path, kind: str) -> None:
    c = _site(tmp_path, kind)
    parts = _parts(SiteMaker(), c)
    pages = [page for part in parts for page in part]
    assert pages == list(SiteMaker().pages(c))
    stepped = [*(page_addresses(part) for part in parts), site_file_addresses(c)]
    stepped += [document_file_addresses(e) for e in (*c.editions, *c.versions)]
    every = [a for part in stepped for a in part]
    assert len(every) == len(set(every))
    assert set(every) == set(page_addresses(pages)) | set(published_files(c))
    SiteMaker().check_addresses(c, parts)


def _error(check: Callable[[], None]) -> str:
    with pytest.raises(SourceError) as caught:
        check()
    return str(caught.value)


@pytest.mark.parametrize("kind", SITES)
def test_two_pages_at_one_address_are_named_as_the_whole_check_names_them(tmp_path: Path, kind: str) -> None:
    c = _site(tmp_path, kind)
    parts = _parts(SiteMaker(), c)
    taken = parts[-1][0]
    intruder = Page(taken.src, "Intruder", "", what="the section 'Intruder'", origin=("source/x.md", 3))
    whole = _error(lambda: check_addresses([*(p for part in parts for p in part), intruder], published_files(c)))
    assert whole.startswith("source/x.md:3: the section 'Intruder' would be published at ")
    maker = Remembering()
    maker.check_addresses(c, parts)
    made = maker.made
    assert _error(lambda: maker.check_addresses(c, [*parts, [intruder]])) == whole
    # Only the new part's addresses were made again; the error came all the same.
    assert maker.made == made + 1
    maker.check_addresses(c, parts)
    assert _error(lambda: SiteMaker().check_addresses(c, [*parts, [intruder]])) == whole

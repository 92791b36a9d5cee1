"""A page of a collection lists the texts, not every page of the site: its menu holds its own
text's pages and, of every other text, one link, to its home. So a page's size does not grow
with the pages of other texts. Read from the built fixture collection and from a collection
with a text in two languages (whose pages in French link the texts they have no version of).
Not yet so: the pages of a language version are entries of the menu's top level, on every
page (`plugin._nav`); they are left out of the check."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

from conclusions.core.collection import Collection
from conclusions.core.site import build_collection
from conclusions.core.urls import site_path

from site_tests.build.test_languages import bilingual_collection
from site_tests.support.collection import BuiltCollection
from site_tests.support.html import page

__all__ = ["bilingual_collection"]  # the fixture, used here as in test_languages.py


def _menu(site: Path, address: str) -> set[str]:
    """The addresses the primary menu of the page at `address` links to (site-relative)."""
    menu = page(site, address).select_one("nav.md-nav--primary")
    assert menu is not None, address
    base = f"http://site/{address}"
    found = {urljoin(base, str(a["href"])).removeprefix("http://site/") for a in menu.select("a.md-nav__link")}
    return {link.split("#", 1)[0] for link in found}


def _check(site: Path, c: Collection) -> None:
    texts = [*c.editions, *c.versions]
    homes = {site_path(e.urls.home) for e in texts}
    versions = tuple(v.urls.prefix for v in c.versions)
    for edition in texts:
        u = edition.urls
        paragraph = site_path(u.paragraph_page(edition.document.paragraphs[0].number))
        for address in (site_path(u.home), site_path(u.text), paragraph):
            links = _menu(site, address)
            # Another text: not this one, nor one of its language versions (a folder of its own).
            mine = edition.urls.prefix.split("/", 1)[0] + "/"
            others = [e for e in texts if not e.urls.prefix.startswith(mine)]
            assert site_path(u.text) in links, f"{address}: its own text's full text is not in its menu"
            for other in others:
                assert site_path(other.urls.home) in links, f"{address}: {other.urls.home} is not in its menu"
                inside = {x for x in links if x.startswith(other.urls.prefix) and x not in homes}
                # Not yet: a version's pages are entries of the menu's top level (plugin._nav).
                inside = {x for x in inside if not x.startswith(versions)}
                assert not inside, f"{address}: the menu lists pages of another text: {sorted(inside)[:3]}"


def test_each_page_lists_the_texts_and_its_own_texts_pages(collection: BuiltCollection) -> None:
    _check(collection.site, collection.model)


def test_a_version_s_pages_list_the_other_texts_by_one_link(bilingual_collection: Path) -> None:
    source = bilingual_collection.parent / "source"
    c = build_collection(source)
    assert c.versions, "the fixture has a text in two languages"
    _check(bilingual_collection, c)

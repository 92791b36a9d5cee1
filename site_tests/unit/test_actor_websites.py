"""An actor's page links its official website only where the registry gives one: a group of
states or bodies ("all States", "international organisations") has no website of its own, and
its page shows no "Official website" line rather than another body's site."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conclusions.core.collection import Collection
from conclusions.core.site import all_pages, build_collection
from conclusions.core.urls import actor_page

from site_tests.support.build import FIXTURES, SOURCE


def _website_lines(c: Collection) -> dict[str, bool]:
    """For each actor of the site, whether its page has the "Official website" link."""
    words = c.editions[0].interface("registers.official_website")
    pages = {page.src: page for page in all_pages(c)}
    return {a.id: f">{words}<" in pages[actor_page(a.id)].body for a in c.registries.actors}


@pytest.mark.parametrize("source", [SOURCE, FIXTURES / "mini"], ids=["flagship", "mini"])
def test_an_actor_page_links_a_website_exactly_when_the_registry_gives_one(source: Path) -> None:
    c = build_collection(source)
    shown = _website_lines(c)
    assert shown == {a.id: bool(a.url) for a in c.registries.actors}


def test_a_group_without_a_website_is_read_and_shows_none(tmp_path: Path) -> None:
    source = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", source)
    registry = source / "actors.yml"
    text = registry.read_text(encoding="utf-8")
    # The Member States as a group (invented entry): no `url`.
    website = "    url: https://european-union.europa.eu/\n    patterns: [Member States]"
    assert website in text
    registry.write_text(text.replace(website, "    patterns: [Member States]"), encoding="utf-8")
    c = build_collection(source)
    group = next(a for a in c.registries.actors if a.id == "member-states")
    assert group.url == ""
    shown = _website_lines(c)
    assert shown["member-states"] is False
    assert any(shown.values()), "no actor of the fixture kept its website"

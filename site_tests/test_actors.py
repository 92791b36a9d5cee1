"""Clauses, operative verbs and addressees, against what a person read by hand."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from site_tests.expected_by_hand import CLAUSES_BY_PARAGRAPH
from site_tests.support.build import SOURCE
from site_tests.support.html import content, page

ACTORS = yaml.safe_load((SOURCE / "actors.yml").read_text(encoding="utf-8"))["actors"]


def _clauses(site: Path, number: int) -> list[tuple[str, list[str]]]:
    soup = content(page(site, f"paragraphs/{number}/"))
    rows = soup.find(id="clauses").find_next("table").select("tbody tr")
    result = []
    for row in rows:
        verb, who = row.find_all("td")
        result.append((verb.get_text(strip=True), [a["href"].split("/")[-2] for a in who.select("a")]))
    return result


@pytest.mark.parametrize("number", sorted(CLAUSES_BY_PARAGRAPH))
def test_clauses_verbs_and_addressees_match_the_hand_reading(site: Path, number: int) -> None:
    assert _clauses(site, number) == CLAUSES_BY_PARAGRAPH[number]


def test_clause_anchors_cover_the_paragraph(site: Path) -> None:
    soup = content(page(site, "paragraphs/9/"))
    clauses = soup.select("#p9 span.clause")
    assert clauses[0].get_text().startswith("In this context, WELCOMES")
    assert [c["id"] for c in clauses] == ["welcomes", "considers", "stresses"]
    text = content(page(site, "text/"))
    assert [c["id"] for c in text.select("#p10 span.clause")] == [
        "p10-invites",
        "p10-invites-2",
        "p10-encourages",
        "p10-calls-upon",
    ]


def test_every_clause_link_resolves(site: Path) -> None:
    for path in sorted((site / "actors").glob("*/index.html")):
        soup = content(page(site, f"actors/{path.parent.name}/"))
        for link in soup.select('a[href*="paragraphs/"]'):
            target, _, anchor = link["href"].partition("#")
            number = target.rstrip("/").split("/")[-1]
            para = content(page(site, f"paragraphs/{number}/"))
            assert para.find(id=anchor) is not None, (path.parent.name, link["href"])


def test_every_actor_has_a_page_with_requests_or_mentions(site: Path) -> None:
    for actor in ACTORS:
        soup = content(page(site, f"actors/{actor['id']}/"))
        assert soup.find(id="asked-to-act") or soup.find(id="mentioned-in"), actor["id"]


def test_actor_page_lists_what_it_is_asked(site: Path) -> None:
    soup = content(page(site, "actors/eda/"))
    rows = soup.find(id="asked-to-act").find_next("table").select("tbody tr")
    asked = [(r.find_all("td")[0].get_text(strip=True), r.find_all("td")[1].get_text(strip=True)) for r in rows]
    assert ("28", "CALLS UPON") in asked and ("28", "ENCOURAGES") in asked
    link = rows[0].find("a")
    assert link["href"] == "../../paragraphs/28/#calls-upon"


def test_verbs_index_lists_every_clause_of_a_verb(site: Path) -> None:
    soup = content(page(site, "verbs/"))
    invites = soup.find(id="invites").find_parent("div")
    hrefs = [a["href"] for a in invites.select("li a")]
    assert "../paragraphs/21/#invites" in hrefs
    assert "../paragraphs/10/#invites-2" in hrefs


def test_paragraph_page_lists_addressed_and_mentioned_actors(site: Path) -> None:
    soup = content(page(site, "paragraphs/21/"))
    block = soup.find(id="actors").find_next("p")
    assert "Asked to act" in block.get_text()
    names = [a["href"].split("/")[-2] for a in block.select("a")]
    assert names == ["high-representative", "member-states", "commission"]


def test_matrix_and_tables_are_tables_to_assistive_technology(browser, served) -> None:
    page_ = browser.new_page()
    try:
        page_.goto(served + "actors/")
        matrix = page_.get_by_role("table", name="Requests by section")
        assert matrix.count() == 1
        assert matrix.get_by_role("columnheader").count() >= 2
        commission = matrix.get_by_role("rowheader", name="European Commission")
        assert commission.count() == 1
        links = matrix.get_by_role("link", name="requests to European Commission in", exact=False)
        assert links.count() >= 1
        page_.goto(served + "actors/eda/")
        asked = page_.get_by_role("table").first
        assert asked.get_by_role("columnheader", name="What is asked").count() == 1
    finally:
        page_.close()

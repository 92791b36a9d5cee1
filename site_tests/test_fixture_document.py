"""Another Council conclusions text builds with no code change."""

from __future__ import annotations

from pathlib import Path

from site_tests.support.html import content, page


def test_the_fixture_builds_with_its_own_numbering(mini_site: Path) -> None:
    assert sorted(int(p.name) for p in (mini_site / "paragraphs").iterdir()) == [1, 2, 3, 4]
    assert not (mini_site / "recitals").exists()
    assert sorted(p.name for p in (mini_site / "sections").iterdir()) == ["a", "b", "opening"]


def test_fixture_footnotes_keep_their_labels(mini_site: Path) -> None:
    text = content(page(mini_site, "text/"))
    assert [el["id"] for el in text.select("div.footnote")] == ["fn:a", "fn:b"]
    assert text.find(id="fnref:b").find_parent(id="p3") is not None


def test_fixture_clauses_and_addressees(mini_site: Path) -> None:
    soup = content(page(mini_site, "paragraphs/2/"))
    assert [s["id"] for s in soup.select("span.clause")] == ["invites", "encourages"]
    rows = [[td.get_text(" ", strip=True) for td in tr.find_all("td")] for tr in soup.select("#clauses ~ table tr")[1:]]
    assert rows == [["INVITES", "European Commission"], ["ENCOURAGES", "Member States"]]


def test_fixture_marked_up_term_links_to_glossary(mini_site: Path) -> None:
    link = content(page(mini_site, "paragraphs/2/")).select_one("a.term")
    assert link["href"] == "../../glossary/#co2"
    assert link.decode_contents() == "CO<sub>2</sub>"

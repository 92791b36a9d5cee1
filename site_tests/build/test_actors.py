"""Clauses, operative verbs and addressees, for every document of the list: against what a
person read by hand (`clauses` in the expected.yml beside the document), and the pages of
actors and verbs against the model.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conclusions.core.edition import Edition
from playwright.sync_api import Browser

from site_tests.support.documents import Built
from site_tests.support.html import content, page
from site_tests.support.source_text import normal


def _clauses(site: Path, number: int) -> list[tuple[str, list[str]]]:
    """The paragraph page's table of clauses: (verb, [ids of the actors asked to act])."""
    soup = content(page(site, f"paragraphs/{number}/"))
    heading = soup.find(id="clauses")
    if heading is None:
        return []
    result = []
    for row in heading.find_next("table").select("tbody tr"):
        verb, who = row.find_all("td")
        result.append((verb.get_text(strip=True), [a["href"].split("/")[-2] for a in who.select("a")]))
    return result


def _json_clauses(site: Path, number: int) -> list[tuple[str, list[str]]]:
    data = json.loads((site / "data" / "paragraphs" / f"{number}.json").read_text(encoding="utf-8"))
    return [(c["verb"]["name"], [a["id"] for a in c["addressees"]]) for c in data["clauses"]]


def test_clauses_verbs_and_addressees_match_the_hand_reading(doc: Built) -> None:
    expected = {int(n): [(verb, list(who)) for verb, who in clauses] for n, clauses in doc.expected("clauses").items()}
    wrong = []
    for number, clauses in expected.items():
        page_reading, data_reading = _clauses(doc.site, number), _json_clauses(doc.site, number)
        assert page_reading == data_reading, f"paragraph {number}: the page and its JSON differ"
        if page_reading != clauses:
            wrong.append(f"paragraph {number}: built {page_reading}, read by hand {clauses}")
    assert not wrong, f"{doc}: clauses not as read by hand:\n" + "\n".join(wrong)


def test_clause_anchors_cover_the_paragraph(doc: Built) -> None:
    text = content(page(doc.site, "text/"))
    for paragraph in doc.model.paragraphs:
        clauses = doc.edition.clauses.get(paragraph.number, ())
        soup = content(page(doc.site, f"paragraphs/{paragraph.number}/"))
        spans = soup.select(f"#{paragraph.anchor} span.clause[id]")
        assert [s["id"] for s in spans] == [c.anchor for c in clauses], paragraph.number
        full = text.select(f"#{paragraph.anchor} span.clause[id]")
        assert [s["id"] for s in full] == [c.text_anchor for c in clauses], paragraph.number
        for span, clause in zip(spans, clauses, strict=True):
            span = BeautifulSoup(str(span), "html.parser")  # a copy: the parsed page is shared
            for marker in span.select("sup"):
                if marker.select_one("a.footnote-ref"):
                    marker.decompose()
            # The clause's words from its opening ("In this context, WELCOMES ...") on; a clause
            # that opens points holds their words in the points' own list items.
            shown = normal(span.get_text())
            assert shown and normal(clause.source).startswith(shown), (paragraph.number, clause.anchor)


def test_every_clause_link_resolves(doc: Built) -> None:
    site = doc.site
    pages = [f"actors/{p.parent.name}/" for p in sorted((site / "actors").glob("*/index.html"))]
    for url in [*pages, "verbs/"]:
        soup = content(page(site, url))
        for link in soup.select('a[href*="paragraphs/"]'):
            target, _, anchor = link["href"].partition("#")
            number = target.rstrip("/").split("/")[-1]
            para = content(page(site, f"paragraphs/{number}/"))
            assert para.find(id=anchor or f"p{number}") is not None, (url, link["href"])


def test_every_actor_has_a_page_with_requests_or_mentions(doc: Built) -> None:
    published = {a.id for a in doc.edition.registries.actors}
    built = {p.name for p in (doc.site / "actors").iterdir() if p.is_dir()}
    assert built == published
    for actor in doc.edition.registries.actors:
        soup = content(page(doc.site, f"actors/{actor.id}/"))
        asked, mentioned = soup.find(id="asked-to-act"), soup.find(id="mentioned-in")
        assert (asked is not None) == bool(doc.edition.actor_requests[actor.id]), actor.id
        assert (mentioned is not None) == bool(doc.edition.actor_mentions[actor.id]), actor.id
        assert asked or mentioned, actor.id


def test_actor_pages_list_what_each_is_asked(doc: Built) -> None:
    for actor in doc.edition.registries.actors:
        requests = doc.edition.actor_requests[actor.id]
        if not requests:
            continue
        soup = content(page(doc.site, f"actors/{actor.id}/"))
        rows = soup.find(id="asked-to-act").find_next("table").select("tbody tr")
        asked = [
            (r.find_all("td")[0].get_text(strip=True), r.find_all("td")[1].get_text(" ", strip=True)) for r in rows
        ]
        assert [number for number, _ in asked] == [str(c.paragraph.number) for c in requests], actor.id
        # What is asked, with its verb as written, once (no column of verbs beside it).
        assert all(c.form in words for (_, words), c in zip(asked, requests, strict=True)), actor.id
        assert all(len(r.find_all("td")) == 2 for r in rows), actor.id
        links = [r.find("a")["href"] for r in rows]
        assert links == [f"../../paragraphs/{c.paragraph.number}/#{c.anchor}" for c in requests], actor.id


def test_verbs_index_lists_every_clause_of_a_verb(doc: Built) -> None:
    soup = content(page(doc.site, "verbs/"))
    for verb in doc.edition.registries.verbs:
        clauses = doc.edition.verb_clauses[verb.id]
        block = soup.find(id=verb.id)
        assert block is not None, verb.id
        hrefs = [a["href"] for a in block.find_parent("div").select("li a")]
        assert hrefs == [f"../paragraphs/{c.paragraph.number}/#{c.anchor}" for c in clauses], verb.id


def test_paragraph_pages_list_addressed_and_mentioned_actors(doc: Built) -> None:
    for paragraph in doc.model.paragraphs:
        clauses = doc.edition.clauses.get(paragraph.number, ())
        addressed = list(dict.fromkeys(a.id for c in clauses for a in c.addressees))
        mentioned = list(dict.fromkeys(m.entry.id for m in doc.edition.of(paragraph).actors))
        mentioned = [a for a in mentioned if a not in addressed]
        soup = content(page(doc.site, f"paragraphs/{paragraph.number}/"))
        heading = soup.find(id="actors")
        if not addressed and not mentioned:
            assert heading is None, paragraph.number
            continue
        lines = {}
        for block in heading.find_all_next("p", limit=2):
            label = block.get_text().split(":", 1)[0].strip()
            lines[label] = [a["href"].split("/")[-2] for a in block.select("a") if not a["href"].startswith("#")]
        words = doc.edition.interface
        asked_label, also_label = (
            words(k).split(":")[0].strip() for k in ("paragraph.asked_to_act_see", "paragraph.also_mentioned")
        )
        # Those asked to act are listed once, in the Clauses table; the Actors section points there.
        table = soup.find(id="clauses").find_next("table") if addressed else None
        in_table = [a["href"].split("/")[-2] for a in table.select("td a") if "actors/" in a["href"]] if table else []
        assert list(dict.fromkeys(in_table)) == addressed, paragraph.number
        assert lines.get(asked_label, []) == [], paragraph.number
        assert lines.get(also_label, []) == mentioned, paragraph.number


def test_matrix_and_tables_are_tables_to_assistive_technology(browser: Browser, served: str, edition: Edition) -> None:
    asked = [a for a in edition.registries.actors if edition.actor_requests[a.id]]
    if not asked:
        pytest.skip("no clause of the document in source/ asks an actor of its registries to act: no table of requests")
    actor = asked[0]
    page_ = browser.new_page()
    try:
        page_.goto(served + "actors/")
        matrix = page_.get_by_role("table", name="Requests by section")
        assert matrix.count() == 1
        # A column per section after the actors' column; a link per section that holds a request.
        assert matrix.get_by_role("columnheader").count() == 1 + len(edition.document.sections)
        assert matrix.get_by_role("rowheader", name=actor.name, exact=True).count() == 1
        links = matrix.get_by_role("link", name=re.compile(rf"^\d+ requests? to {re.escape(actor.name)} in "))
        sections = {edition.document.section_of(c.paragraph).slug for c in edition.actor_requests[actor.id]}
        assert links.count() == len(sections)
        page_.goto(served + f"actors/{actor.id}/")
        table = page_.get_by_role("table").first
        assert table.get_by_role("columnheader", name="What is asked").count() == 1
        assert table.get_by_role("row").count() == 1 + len(edition.actor_requests[actor.id])
    finally:
        page_.close()

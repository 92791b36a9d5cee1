"""What the text gives of itself, against the registries: a registry entry wins, a site confirms,
corrects or suppresses an automatic entry by its id, the same text always gives the same ids,
and in a collection the words that name another of its texts link to that text.

The documents are small invented texts written into a temporary source folder; the model is
built by the core (`build_edition`, `build_collection`), as `mkdocs build` builds it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conclusions.core.errors import SourceErrors
from conclusions.core.index import build_edition
from conclusions.core.site import build_collection

# Invented text, in the shape of a Council text.
TEXT = """---
document_id: ST 4321/25
date: 2025-03-10
title: Council conclusions on marine data (invented)
---

RECALLING:

- Council conclusions of 23 May 2023 on the ‘Fair and sustainable use of space’[^1],

1. WELCOMES Regulation (EU) 2021/696 and the Copernicus Marine Service (CMS); RECALLS the European Green Deal;

2. CALLS ON the Ocean Data Forum to report on the Green Deal; INVITES the European Environmental Agency to assist the CMS;

[^1]: 9675/23.
"""


def _source(folder: Path, text: str = TEXT, **files: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "document.md").write_text(text, encoding="utf-8")
    for name, content in files.items():
        (folder / f"{name}.yml").write_text(content, encoding="utf-8")
    return folder


def _ids(edition, kind: str) -> set[str]:
    return {e.id for e in getattr(edition.registries, kind) if e.automatic}


def test_the_text_gives_instruments_terms_and_actors_with_ids_made_from_what_they_are(tmp_path: Path) -> None:
    edition = build_edition(_source(tmp_path))
    assert _ids(edition, "instruments") == {"st-9675-2023"}  # the conclusions, by their footnote's number
    assert _ids(edition, "terms") == {"cms"}
    assert _ids(edition, "actors") == {"ocean-data-forum"}
    # The shared registry's entries take the words that name them another way.
    links = {b.match.pattern for b in edition.instrument_links["space-regulation"]}
    assert links == {"Regulation (EU) 2021/696"}, "the act's number names the shared Space Regulation"
    assert "Green Deal" in {b.match.pattern for b in edition.instrument_links["european-green-deal"]}
    asked = {a.id for c in edition.clauses[2] for a in c.addressees}
    assert asked == {"ocean-data-forum", "european-environment-agency"}
    # Every finding is listed, with where it stands and its address.
    lines = [f.line() for f in edition.automatic]
    assert any("st-9675-2023" in line and "recital 1" in line and "ST-9675-2023-INIT" in line for line in lines)


def test_the_same_text_gives_the_same_entries_and_ids(tmp_path: Path) -> None:
    first = build_edition(_source(tmp_path / "a"))
    second = build_edition(_source(tmp_path / "b"))
    assert first.automatic == second.automatic
    for kind in ("instruments", "terms", "actors"):
        assert [e.id for e in getattr(first.registries, kind)] == [e.id for e in getattr(second.registries, kind)]


def test_a_site_confirms_an_automatic_entry_by_its_id_and_its_page_keeps_its_address(tmp_path: Path) -> None:
    actors = """actors:
  - id: ocean-data-forum
    name: Ocean Data Forum of the Member States
    kind: other
    description: A forum of the Member States' marine data services (invented).
    url: https://example.org/forum
    patterns: [Ocean Data Forum]
"""
    edition = build_edition(_source(tmp_path, actors=actors))
    forum = next(a for a in edition.registries.actors if a.id == "ocean-data-forum")
    assert not forum.automatic and forum.url == "https://example.org/forum"
    assert [c.paragraph.number for c in edition.actor_requests["ocean-data-forum"]] == [2]
    assert all(f.id != "ocean-data-forum" for f in edition.automatic)


def test_a_site_suppresses_an_automatic_entry_by_id_and_words_by_themselves(tmp_path: Path) -> None:
    edition = build_edition(
        _source(tmp_path, glossary="suppress:\n  - cms\n", instruments="suppress:\n  - Green Deal\n")
    )
    assert "cms" not in _ids(edition, "terms")
    assert "Green Deal" not in {b.match.pattern for b in edition.instrument_links.get("european-green-deal", ())}


def test_a_suppress_item_that_holds_nothing_back_stops_the_build(tmp_path: Path) -> None:
    with pytest.raises(SourceErrors) as raised:
        build_edition(_source(tmp_path, actors="suppress:\n  - no-such-body\n"))
    assert "actors.yml:2: suppress 'no-such-body' names no actor found in the text" in str(raised.value)


def test_a_registry_pattern_on_the_same_words_wins(tmp_path: Path) -> None:
    instruments = """instruments:
  - id: fair-use-of-space
    title: Council conclusions on the fair and sustainable use of space
    kind: council-document
    description: Invented entry for the test.
    url: https://example.org/fair
    patterns: [Council conclusions of 23 May 2023, "9675/23"]
"""
    edition = build_edition(_source(tmp_path, instruments=instruments))
    assert "st-9675-2023" not in _ids(edition, "instruments")
    assert {b.item.anchor for b in edition.instrument_links["fair-use-of-space"]} == {"r1", "fn:1"}


def test_a_site_entry_gets_no_words_it_did_not_write(tmp_path: Path) -> None:
    """A site's own entry is a hand reading: no spelling or short form is added to it."""
    instruments = """instruments:
  - id: european-green-deal
    title: The European Green Deal
    kind: policy-document
    description: The site's own entry.
    url: https://example.org/deal
    patterns: [European Green Deal]
"""
    edition = build_edition(_source(tmp_path, instruments=instruments))
    assert {b.match.pattern for b in edition.instrument_links["european-green-deal"]} == {"European Green Deal"}


COLLECTED = """---
document_id: ST {number}/25
date: 2025-0{month}-10
title: Council conclusions on {title}
---

1. RECALLS the Council conclusions on ‘{other}’ of 10 {other_month} 2025 and its conclusions of 2 February 2024 on ports;
"""


def test_in_a_collection_the_title_before_the_date_names_a_text_of_it(tmp_path: Path) -> None:
    source = tmp_path / "source"
    first = COLLECTED.format(number="1111", month=3, title="marine data", other="river data", other_month="April")
    second = COLLECTED.format(number="2222", month=4, title="river data", other="marine data", other_month="March")
    _source(source / "documents" / "st-1111-2025", first)
    _source(source / "documents" / "st-2222-2025", second)
    c = build_collection(source)
    resolved = [r for r in c.references if r.cited is not None]
    assert sorted(r.words for r in resolved) == [
        "Council conclusions on ‘marine data’ of 10 March 2025",
        "Council conclusions on ‘river data’ of 10 April 2025",
    ]
    # The words that name a text of the collection link to it, not to an instrument.
    ids = {i.id for i in c.registries.instruments}
    assert not any(i.startswith("council-conclusions-2025") for i in ids)
    # Conclusions the collection does not hold are an instrument with the register's search.
    outside = next(i for i in c.registries.instruments if i.id == "council-conclusions-2024-02-02")
    assert outside.url.startswith("https://www.consilium.europa.eu/en/documents-publications/public-register/")
    assert {r.words for r in c.unresolved} == {"conclusions of 2 February 2024 on ports"}

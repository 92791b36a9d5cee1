"""What the text gives of itself, against the registries: a registry entry wins, a site confirms,
corrects or suppresses an automatic entry by its id, the same text always gives the same ids,
and in a collection the words that name another of its texts link to that text.

The documents are small invented texts written into a temporary source folder; the model is
built by the core (`build_edition`, `build_collection`), as `mkdocs build` builds it.
"""

from __future__ import annotations

from pathlib import Path

from conclusions.core.edition import Edition, build_edition

from site_tests.unit.test_automatic_registry import source_with


def _ids(edition: Edition, kind: str) -> set[str]:
    return {e.id for e in getattr(edition.registries, kind) if e.automatic}


def test_the_text_gives_instruments_terms_and_actors_with_ids_made_from_what_they_are(tmp_path: Path) -> None:
    edition = build_edition(source_with(tmp_path))
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


def test_a_site_suppresses_an_automatic_entry_by_id_and_words_by_themselves(tmp_path: Path) -> None:
    edition = build_edition(
        source_with(tmp_path, glossary="suppress:\n  - cms\n", instruments="suppress:\n  - Green Deal\n")
    )
    assert "cms" not in _ids(edition, "terms")
    assert "Green Deal" not in {b.match.pattern for b in edition.instrument_links.get("european-green-deal", ())}


def test_a_registry_pattern_on_the_same_words_wins(tmp_path: Path) -> None:
    instruments = """instruments:
  - id: fair-use-of-space
    title: Council conclusions on the fair and sustainable use of space
    kind: council-document
    description: Invented entry for the test.
    url: https://example.org/fair
    patterns: [Council conclusions of 23 May 2023, "9675/23"]
"""
    edition = build_edition(source_with(tmp_path, instruments=instruments))
    assert "st-9675-2023" not in _ids(edition, "instruments")
    assert {b.item.anchor for b in edition.instrument_links["fair-use-of-space"]} == {"r1", "fn:1"}

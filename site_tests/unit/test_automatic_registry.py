"""What the text gives of itself, against the registries: a registry entry wins, a site confirms,
corrects or suppresses an automatic entry by its id, the same text always gives the same ids,
and in a collection the words that name another of its texts link to that text.

The documents are small invented texts written into a temporary source folder; the model is
built by the core (`build_edition`, `build_collection`), as `mkdocs build` builds it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conclusions.core.edition import build_edition
from conclusions.core.errors import SourceErrors
from conclusions.core.site import build_collection

from site_tests.support import yaml_data

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


def source_with(folder: Path, text: str = TEXT, **files: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "document.md").write_text(text, encoding="utf-8")
    for name, content in files.items():
        (folder / f"{name}.yml").write_text(content, encoding="utf-8")
    return folder


def test_the_same_text_gives_the_same_entries_and_ids(tmp_path: Path) -> None:
    first = build_edition(source_with(tmp_path / "a"))
    second = build_edition(source_with(tmp_path / "b"))
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
    edition = build_edition(source_with(tmp_path, actors=actors))
    forum = next(a for a in edition.registries.actors if a.id == "ocean-data-forum")
    assert not forum.automatic and forum.url == "https://example.org/forum"
    assert [c.paragraph.number for c in edition.actor_requests["ocean-data-forum"]] == [2]
    assert all(f.id != "ocean-data-forum" for f in edition.automatic)


def test_a_suppress_item_that_holds_nothing_back_stops_the_build(tmp_path: Path) -> None:
    with pytest.raises(SourceErrors) as raised:
        build_edition(source_with(tmp_path, actors="suppress:\n  - no-such-body\n"))
    assert "actors.yml:2: suppress 'no-such-body' names no actor found in the text" in str(raised.value)


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
    edition = build_edition(source_with(tmp_path, instruments=instruments))
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
    source_with(source / "documents" / "st-1111-2025", first)
    source_with(source / "documents" / "st-2222-2025", second)
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


PLACES = """---
document_id: ST 4322/25
date: 2025-03-11
title: Council conclusions on cultural data (invented)
---

1. RECALLS Regulation (EU) 2021/696 establishing the Union Space Programme[^1] and the Council Resolution on the EU Work Plan for Culture 2023-2026[^2];

2. WELCOMES the Council conclusions on the data space for cultural heritage (OJ C 173, 16.5.2023, p. 2).

3. TAKES NOTE of the guidelines published in OJ C 12, 4.1.2020, p. 3.

[^1]: OJ L 170, 12.5.2021, p. 69.
[^2]: OJ C 466, 7.12.2022, p. 1.
"""


def test_a_place_in_the_journal_is_an_instrument_unless_it_is_where_a_cited_act_was_published(
    tmp_path: Path,
) -> None:
    edition = build_edition(source_with(tmp_path, PLACES))
    found = {e.id: e for e in edition.registries.instruments if e.automatic}
    # Footnote 1 gives where the act of its sentence was published (the L series): that act, not
    # a place of its own.
    assert "oj-l-2021-170-p69" not in {e.id for e in edition.registries.instruments}
    # Footnote 2 (in the same sentence, but the C series) and the bracket give the places of
    # texts without a number: each an instrument, named by the words before it when they say
    # what the text is ("Council conclusions on ..."), with the Journal's address.
    assert found["oj-c-2022-466-p1"].url.endswith("?uri=OJ:C:2022:466:TOC")
    assert found["oj-c-2023-173-p2"].name.startswith("Council conclusions on the data space")
    assert found["oj-c-2022-466-p1"].name.startswith("Council Resolution on the EU Work Plan")
    assert found["oj-c-2023-173-p2"].kind == found["oj-c-2022-466-p1"].kind == "council-document"
    # A place with no words that say what the text is: named by the place.
    assert (found["oj-c-2020-12-p3"].name, found["oj-c-2020-12-p3"].kind) == (
        "OJ C 12, 4.1.2020, p. 3",
        "official-journal",
    )


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("en", "INVITES THE {name}, in line with national circumstances, to act."),
        ("it", "INVITA GLI {name}, nel rispetto delle circostanze nazionali, ad agire."),
        ("es", "INVITA A LOS {name}, de acuerdo con las circunstancias nacionales, a actuar."),
    ],
)
def test_an_addressee_in_capitals_is_the_registrys_entry_it_spells(
    tmp_path: Path, language: str, sentence: str
) -> None:
    """'INVITES THE MEMBER STATES to': the registry's Member States in capitals, after an article
    the registry's name leaves out; never an entry of its own."""

    shared = Path(__file__).resolve().parents[2] / "plugins" / "conclusions" / "registry" / "actors.yml"
    entry = next(a for a in yaml_data.read_shipped(shared)["actors"] if a["id"] == "member-states")
    own = next((x for x in entry.get("languages", ()) if x["language"] == language), None)
    name = (own["patterns"] if own and own.get("patterns") else entry["patterns"])[0]
    text = (
        f"---\ndocument_id: ST 4324/25\ndate: 2025-03-13\ntitle: Council conclusions (invented)\nlanguage: {language}\n---\n\n"
        f"1. {sentence.format(name=name.upper())}\n"
    )
    edition = build_edition(source_with(tmp_path, text))
    assert [a.id for c in edition.clauses[1] for a in c.addressees] == ["member-states"]
    assert not any(e.automatic for e in edition.registries.actors)

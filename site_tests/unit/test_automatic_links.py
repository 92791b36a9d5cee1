"""Links without hand work: a fresh import of the flagship's original, with no registry of its
own, against the project's hand reading of the same text.

The import links what the shared registry names and what the text gives of itself
(core/automatic.py). What a person read off the text is `source/expected.yml` (instruments and
terms by paragraph, each clause's addressees); which id an import gives each thing the hand
reading names, and where the hand reading finds what expected.yml does not list by item
(recitals, footnotes), is `fixtures/automatic/st-14512-23.yml`. The thresholds are the ones
asked of the automatic reading: at least 22 of the 24 instruments, 23 of the 25 abbreviations
and every request to an actor. An instrument or a term counts as linked when it is linked at
every place the hand reading finds it; a request when the same clause asks the same actor.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from conclusions.core.edition import Backlink, Edition
from conclusions.core.model import Paragraph, Recital

from site_tests.support import yaml_data
from site_tests.support.build import FIXTURES, SOURCE
from site_tests.support.documents import IMPORTS, SEED, import_into

MAPPING = FIXTURES / "automatic" / "st-14512-23.yml"
INSTRUMENTS_AT_LEAST = 22
TERMS_AT_LEAST = 23


def _load(path: Path) -> dict[str, Any]:
    return yaml_data.safe_load(path.read_text(encoding="utf-8")) or {}


@dataclass(frozen=True)
class Measure:
    """What the import links of what the hand reading lists."""

    instruments: dict[str, list[str]]
    """Hand id -> the places it is not linked at ([] when linked everywhere)."""
    terms: dict[str, list[str]]
    requests: int
    missing_requests: list[str]
    extra_requests: list[str]

    def linked(self, kind: str) -> list[str]:
        return [hand for hand, missed in getattr(self, kind).items() if not missed]


@cache
def _measure(tmp: Path) -> Measure:
    from conclusions.core.edition import build_edition

    expected = _load(SOURCE / "expected.yml")
    mapping = _load(MAPPING)
    edition = build_edition(import_into(SEED, tmp / "source"))
    places_of = _places(expected, mapping)

    def missed(kind: str, links: Mapping[str, Sequence[Backlink[Any]]]) -> dict[str, list[str]]:
        out = {}
        for hand, entry in mapping[kind].items():
            found = {b.item.anchor for b in links.get(entry["as"], ())}
            out[hand] = [p for p in places_of[(kind, hand)] if p not in found]
        return out

    missing, extra, total = [], [], 0
    actors = {hand: entry["as"] for hand, entry in mapping["actors"].items()}
    for number, clauses in expected["clauses"].items():
        made = edition.clauses.get(int(number), ())
        for index, (verb, asked) in enumerate(clauses):
            got = [a.id for a in made[index].addressees] if index < len(made) else []
            want = [actors[a] for a in asked]
            total += len(want)
            missing += [f"paragraph {number}, {verb}: {a}" for a in want if a not in got]
            extra += [f"paragraph {number}, {verb}: {a}" for a in got if a not in want]
    return Measure(
        missed("instruments", edition.instrument_links), missed("terms", edition.term_links), total, missing, extra
    )


def _places(expected: dict[str, Any], mapping: dict[str, Any]) -> dict[tuple[str, str], list[str]]:
    """Where the hand reading finds each instrument and term: the paragraphs of expected.yml,
    and the recitals and footnotes the mapping names."""
    places: dict[tuple[str, str], list[str]] = {}
    for kind in ("instruments", "terms"):
        for number, ids in expected[kind].items():
            for hand in ids:
                places.setdefault((kind, hand), []).append(f"p{number}")
        for hand, entry in mapping[kind].items():
            places.setdefault((kind, hand), []).extend(entry.get("in", []))
    return places


@pytest.fixture(scope="module")
def measure(tmp_path_factory: pytest.TempPathFactory) -> Measure:
    expected, mapping = SOURCE / "expected.yml", _load(MAPPING)
    if not SEED.is_file() or not expected.is_file():
        pytest.skip(f"source/ holds another text than {mapping['document_id']}: the measure is of that text")
    if _load(expected).get("document_id") != mapping["document_id"]:
        pytest.skip(f"source/expected.yml reads another text than {mapping['document_id']}")
    return _measure(tmp_path_factory.mktemp("automatic"))


def _report(measure: Measure, kind: str) -> str:
    return "\n".join(
        f"  {hand}: not at {', '.join(missed)}" for hand, missed in getattr(measure, kind).items() if missed
    )


def test_the_instruments_the_text_recalls_are_linked(measure: Measure) -> None:
    linked = measure.linked("instruments")
    assert len(linked) >= INSTRUMENTS_AT_LEAST, (
        f"{len(linked)} of {len(measure.instruments)} instruments linked:\n{_report(measure, 'instruments')}"
    )


def test_the_abbreviations_have_tooltips(measure: Measure) -> None:
    linked = measure.linked("terms")
    assert len(linked) >= TERMS_AT_LEAST, (
        f"{len(linked)} of {len(measure.terms)} terms linked:\n{_report(measure, 'terms')}"
    )


def test_every_request_finds_whom_it_asks_and_no_one_else(measure: Measure) -> None:
    assert measure.requests, "expected.yml lists requests to actors"
    assert not measure.missing_requests, "\n".join(measure.missing_requests)
    assert not measure.extra_requests, "\n".join(measure.extra_requests)


# -- another text, as a new user would try one --------------------------------------------------

INVENTED = IMPORTS / "ST-10234-2025-INIT-en.txt"


Invented = tuple[Edition, dict[str, Any]]
"""The invented text imported and read, and its hand readings."""


@pytest.fixture(scope="module")
def invented(tmp_path_factory: pytest.TempPathFactory) -> Invented:
    from conclusions.core.edition import build_edition

    expected = _load(INVENTED.with_name(INVENTED.stem + ".expected.yml"))
    return build_edition(import_into(INVENTED, tmp_path_factory.mktemp("invented") / "source")), expected


def test_references_by_number_or_date_and_title_link_to_official_addresses(invented: Invented) -> None:
    edition, expected = invented
    listed: list[Paragraph | Recital] = [*edition.document.recitals, *edition.document.paragraphs]
    items = {i.anchor: i for i in listed}
    wrong = []
    for ref in expected["references"]:
        item = items[ref["in"]]
        start = item.text.index(ref["words"])
        hits = [m for m in edition.of(item).instruments if m.start <= start < m.end]
        if not hits or not hits[0].entry.url.startswith(ref["to"]):
            got = hits[0].entry.url if hits else "no link"
            wrong.append(f"{ref['in']}: '{ref['words']}' -> {got}, read by hand {ref['to']}")
    assert not wrong, "\n".join(wrong)


def test_every_abbreviation_the_text_defines_has_a_tooltip(invented: Invented) -> None:
    edition, expected = invented
    linked = {item.text[m.start : m.end] for item in edition.document.paragraphs for m in edition.of(item).terms}
    assert set(expected["defined"]) <= linked, f"no tooltip on {sorted(set(expected['defined']) - linked)}"


def test_every_body_asked_to_act_has_an_actor_page(invented: Invented) -> None:
    edition, expected = invented
    asked = {a.id for clauses in edition.clauses.values() for c in clauses for a in c.addressees}
    published = {a.id for a in edition.registries.actors}
    assert set(expected["asked"]) == asked
    assert asked <= published

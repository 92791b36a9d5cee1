"""Where registry entries are mentioned (core/mentions.py): tables of texts and what is found."""

from __future__ import annotations

import pytest
from conclusions.core.errors import SourceError
from conclusions.core.mentions import Matcher

from site_tests.unit.entries import actor, instrument, term


def found(matcher: Matcher, text: str) -> list[tuple[str, str]]:  # type: ignore[type-arg]
    """(entry id, the words) of every mention."""
    return [(m.entry.id, text[m.start : m.end]) for m in matcher.find(text)]


EU = Matcher([term("eu", "EU"), term("nato", "NATO"), term("eu-nato", "EU-NATO")], "term")

WORD_BOUNDARIES = [
    ("the EU and NATO", [("eu", "EU"), ("nato", "NATO")]),
    ("EUROPE", []),
    ("the NATOs", []),
    ("pre-EU", [("eu", "EU")]),
    ("the EU's", [("eu", "EU")]),
    ("(EU)", [("eu", "EU")]),
    ("EU,NATO", [("eu", "EU"), ("nato", "NATO")]),
    ("EU-NATO cooperation", [("eu-nato", "EU-NATO")]),
    ("the eu", []),
    ("EU2", []),
    ("ÉEU", []),
]


@pytest.mark.parametrize(("text", "expected"), WORD_BOUNDARIES, ids=[t for t, _ in WORD_BOUNDARIES])
def test_patterns_match_whole_words_only_and_the_longest_wins(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(EU, text) == expected


ABC = Matcher([term("abc2", "ABC<sup>2</sup>"), term("co2", "CO<sub>2</sub>"), term("sup", "sup")], "term")

MARKUP = [
    ("the ABC<sup>2</sup> programme", [("abc2", "ABC<sup>2</sup>")]),
    ("ABC<sup>2</sup>.", [("abc2", "ABC<sup>2</sup>")]),
    ("ABC 2", []),
    ("CO<sub>2</sub> emissions", [("co2", "CO<sub>2</sub>")]),
    ("CO2 emissions", []),
    ("x<sup>2</sup>", []),
    ("the sup of it", [("sup", "sup")]),
]


@pytest.mark.parametrize(("text", "expected"), MARKUP, ids=[t for t, _ in MARKUP])
def test_markup_inside_patterns_and_no_match_cuts_into_a_tag(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(ABC, text) == expected


def test_no_match_cuts_into_a_footnote_reference() -> None:
    eight = Matcher([term("eight", "8"), term("space", "Space")], "term")
    assert found(eight, "Space[^8] and 8 more") == [("space", "Space"), ("eight", "8")]
    assert [m.start for m in eight.find("Space[^8] and 8 more")] == [0, 14]


def test_a_pattern_holding_another_entrys_pattern_wins_where_it_stands() -> None:
    matcher = Matcher([actor("union", "Union"), actor("eu", "European Union")], "actor")
    assert found(matcher, "the European Union and the Union") == [("eu", "European Union"), ("union", "Union")]
    assert matcher.occurring("the European Union") == {"European Union", "Union"}


def test_two_entries_that_claim_overlapping_words_stop_the_build() -> None:
    matcher = Matcher([instrument("space-programme", "Space Programme"), instrument("eu-space", "EU Space")], "x")
    with pytest.raises(SourceError, match='claim the same words in "EU Space Programme"; change one pattern'):
        matcher.find("the EU Space Programme")


def test_one_pattern_in_two_entries_stops_the_build() -> None:
    with pytest.raises(SourceError, match="pattern 'EU' of term 'eu2' is also claimed by 'eu'"):
        Matcher([term("eu", "EU"), term("eu2", "EU")], "term")


def test_the_same_entry_may_match_overlapping_patterns() -> None:
    matcher = Matcher([actor("council", "Council", "the Council")], "actor")
    assert found(matcher, "the Council") == [("council", "the Council")]


EXCLUDE = Matcher([actor("council", "the Council", exclude=("the Council conclusions", "of the Council of"))], "a")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the Council adopts", [("council", "the Council")]),
        ("in the Council conclusions of 2021", []),
        ("Regulation of the Council of 1 May", []),
        ("the Council conclusions and the Council", [("council", "the Council")]),
        ("the Council; the Council conclusions", [("council", "the Council")]),
    ],
)
def test_no_mention_inside_an_excluded_phrase(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(EXCLUDE, text) == expected


def test_an_empty_registry_finds_nothing() -> None:
    assert Matcher([], "term").find("EU") == []

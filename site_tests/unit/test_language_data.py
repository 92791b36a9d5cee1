"""A language is data: each language the package ships interface words for has its words for the
importer (`words/<language>.yml`), its words of citations, references and names
(`registry/citations.yml`, `references.yml`, `names.yml`), its labels of the shared registry's
kinds, the words of every shared entry the registry gives in other languages, and the language
switch's name in its own words."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import conclusions
import pytest
from conclusions.core.errors import Problems
from conclusions.core.interface import BASE, package_languages
from conclusions.core.languages import switch_label
from conclusions.core.registry_source import read_registries

from site_tests.support import yaml_data

PACKAGE = Path(conclusions.__file__).parent
# Every language but English: its words are each language's own.
OTHERS = [language for language in package_languages() if language != BASE]


def _registry(name: str) -> dict[str, object]:
    return dict(yaml_data.read_shipped(PACKAGE / "registry" / name))


def test_the_package_ships_more_than_english() -> None:
    assert {"fr", "de", "it", "es", "nl", "pt", "pl"} <= set(OTHERS)


@pytest.mark.parametrize("language", OTHERS)
def test_a_language_of_the_interface_is_a_language_of_every_words_file(language: str) -> None:
    words = yaml_data.read_shipped(PACKAGE / "words" / f"{language}.yml")
    assert words["language"] == language
    assert len(words["months"]) == 12
    for key in ("header labels", "statuses", "titles", "preamble", "lead-ins", "recital openers"):
        assert words[key], key
    assert language in _registry("citations.yml")
    if language != "de":  # German cites other documents by number only (no words for dates yet)
        assert language in _registry("references.yml")
        assert language in _registry("names.yml")


@pytest.mark.parametrize("language", OTHERS)
def test_the_shared_registrys_kinds_are_labelled_in_every_language(language: str) -> None:
    problems = Problems()
    shared = read_registries(Path("/nonexistent-site-source"), problems)
    assert not problems
    for kind in (*shared.instrument_kinds, *shared.actor_kinds):
        assert dict(kind.labels).get(language), (kind.id, language)


@pytest.mark.parametrize("language", OTHERS)
def test_a_shared_entry_given_in_other_languages_is_given_in_every_one(language: str) -> None:
    """Where the shared registry names, describes or addresses an entry in other languages than
    English, it does so in each language of the interface, with the same keys: else a page in
    one of them shows that entry in English while the others do not."""
    given = 0
    for name, entries in (("actors.yml", "actors"), ("instruments.yml", "instruments"), ("glossary.yml", "terms")):
        data: dict[str, list[dict[str, Any]]] = yaml_data.read_shipped(PACKAGE / "registry" / name)
        for entry in data.get(entries, []):
            items = {item["language"]: set(item) for item in entry.get("languages", [])}
            if items:
                given += 1
                keys = set.union(*items.values())
                assert items.get(language) == keys, (name, entry["id"], language, keys)
    assert given


@pytest.mark.parametrize("language", OTHERS)
def test_the_language_switch_is_named_in_the_pages_language(language: str) -> None:
    assert switch_label(language) not in ("", switch_label(BASE))

"""The interface speaks the document's language (core/interface.py, lang/*.yml): a fixture site in
each language of the interface but English (site_tests/fixtures/interface/, invented texts)
is built, and the visible and accessible text of every page type (home, full text, section,
paragraph, recital, the registers' lists and entries, the About pages, the 404 page),
Material's header, navigation and footer included, holds none of the English interface words,
neither the plugin's nor Material's; the same for every page of the French version of the
two-language fixture (fixtures/bilingual), whose site is in English. The shared registry's
kinds, descriptions and names are in the page's language, or in English marked as English
(lang="en"). A site replaces a word in source/lang/<language>.yml, and a word it gets wrong
stops the build at its line.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from conclusions.core.edition import build_edition
from conclusions.core.interface import BASE, PACKAGE_WORDS, SCRIPT_KEYS, english_keys, interface, package_languages
from conclusions.core.site import build_collection
from conclusions.material_theme import _templates as material_templates

from site_tests.support.build import FIXTURES, _root_plugin_options, build
from site_tests.support.documents import Spec, prepare

LANGUAGES = [language for language in package_languages() if language != BASE]  # each has a fixture
BILINGUAL = Spec("bilingual", source=FIXTURES / "bilingual")  # a document of the list (support/documents.py)
_ACCESSIBLE = ("aria-label", "title", "alt", "placeholder")
# Addresses (in code) are not words; nor are scripts and styles.
_SKIPPED = {"script", "style", "template", "code"}


class _Reader(HTMLParser):
    """The text nodes and accessible attributes of the page's body in the page's own language:
    what an element marks as another language (`lang`), a screen reader reads in that language."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page_language = ""
        self.languages: list[tuple[str, str]] = []
        """The open elements that declare a language, with it."""
        self.body = 0
        self.skip = 0
        self.found: list[str] = []
        self.other_language: list[tuple[str, str]] = []
        """What elements mark as in another language than the page's: (language, text)."""
        # An address printed in parts (partials/address.html) is read as one address.
        self.address = 0
        self.parts: list[str] = []

    @property
    def language(self) -> str:
        return self.languages[-1][1] if self.languages else self.page_language

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "html":
            self.page_language = values.get("lang") or ""
        if tag == "body":
            self.body += 1
        if values.get("lang"):
            self.languages.append((tag, str(values["lang"])))
        if tag in _SKIPPED:
            self.skip += 1
        if self.body:
            self._read(*(v for k, v in attrs if k in _ACCESSIBLE and v))
        if tag == "span" and (self.address or ("class", "address") in attrs):
            self.address += 1

    def handle_endtag(self, tag: str) -> None:
        if self.languages and self.languages[-1][0] == tag:
            self.languages.pop()
        if tag in _SKIPPED and self.skip:
            self.skip -= 1
        if tag == "span" and self.address:
            self.address -= 1
            if not self.address:
                self._read("".join(self.parts))
                self.parts = []

    def handle_data(self, data: str) -> None:
        if self.address:
            self.parts.append(data)
        elif self.body and not self.skip and data.strip():
            self._read(data)

    def _read(self, *texts: str) -> None:
        for text in texts:
            if self.language == self.page_language:
                self.found.append(text)
            else:
                self.other_language.append((self.language, text))


def _registry(name: str) -> dict[str, list[dict[str, object]]]:
    data: dict[str, list[dict[str, object]]] = yaml.safe_load(
        (PACKAGE_WORDS.parent / "registry" / name).read_text(encoding="utf-8")
    )
    return data


def _registry_english() -> list[str]:
    """The shared registry's own English words a page shows: its kinds' labels and its actors'
    and instruments' descriptions. None of them is a word of another language, so a page in
    another language must not show one unmarked."""
    words = []
    for name, entries in (("instruments.yml", "instruments"), ("actors.yml", "actors")):
        data = _registry(name)
        words += [str(k["label"]) for k in data.get("kinds", [])]
        words += [str(e["description"]) for e in data.get(entries, [])]
    return sorted(words, key=len, reverse=True)


def _registry_english_marked() -> set[str]:
    """What a page may show in English marked as English (lang="en"): the shared registry's
    words where it has none in the page's language, its entries' names and titles and its
    glossary's expansions and definitions included. Names are not looked for unmarked: many
    are the same in every language ('Galileo', 'Malta')."""
    words = set(_registry_english())
    words |= {str(e["name"]) for e in _registry("actors.yml")["actors"]}
    words |= {str(e["title"]) for e in _registry("instruments.yml")["instruments"]}
    for term in _registry("glossary.yml")["terms"]:
        words |= {str(term["expansion"]), str(term["definition"])}
    return words


def _unexplained_english(marked: list[tuple[str, str]]) -> set[str]:
    """What pages mark as English that is not the shared registry's English."""
    return {text for lang, text in marked if lang == "en"} - _registry_english_marked() - {""}


def _material_words(language: str) -> dict[str, str]:
    """Material's interface words in `language`, from the translation it ships."""
    text = (material_templates() / "partials" / "languages" / f"{language}.html").read_text(encoding="utf-8")
    return {
        k: v for k, v in re.findall(r'^\s*"([\w.]+)":\s*"(.*)",?\s*$', text, re.M) if not k.startswith("search.config")
    }


def _material_english_only(language: str) -> list[str]:
    """Material's English words (a letter run of four or more) that its words in `language` do not hold."""
    english, other = _material_words("en"), _material_words(language)
    theirs = " | ".join(other.values())
    runs = set()
    for key, word in english.items():
        for run in re.split(r"#", word):
            run = run.strip(" .:,;()–-")
            if key not in ("language", "direction") and len(re.sub(r"\W", "", run)) >= 4 and run not in theirs:
                runs.add(run)
    return sorted(runs)


def _english_only(language: str) -> list[str]:
    """The runs of English interface words (between placeholders) that no word of `language` holds."""
    english, other = interface(BASE), interface(language)
    theirs = " | ".join(other.words.values())
    runs = set()
    for key in english_keys():
        for run in re.split(r"\{\w+\}", english.words[key]):
            run = run.strip(" .:,;()–-")
            if len(re.sub(r"\W", "", run)) >= 4 and run not in theirs:
                runs.add(run)
    return sorted(runs)


@pytest.fixture(scope="module", params=LANGUAGES)
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    language = request.param
    site = tmp_path_factory.mktemp(f"interface-{language}") / "site"
    build(site, source=FIXTURES / "interface" / language)
    return language, site


@pytest.fixture(scope="module")
def bilingual(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path, list[Path]]:
    """The two-language fixture's site, its version's language and every page of the version."""
    c = build_collection(FIXTURES / "bilingual")
    (version,) = c.versions
    site = prepare(BILINGUAL, tmp_path_factory).site  # the build the other tests of the fixture read
    pages = sorted((site / version.urls.prefix).rglob("index.html"))
    return version.document.header.language, site, pages


_KINDS = ("index.html", "text/index.html", "404.html", "about/index.html", "about/urls/index.html")
_REGISTERS = ("instruments", "glossary", "actors", "verbs")


def _pages(site: Path) -> list[Path]:
    """Every page type: the text's, the registers' (lists and entries) and the About pages."""
    pages = [site / k for k in _KINDS]
    pages += [site / folder / "index.html" for folder in _REGISTERS]
    for folder in ("sections", "paragraphs", "recitals", "instruments", "actors"):
        pages.extend(sorted((site / folder).glob("*/index.html")))
    return pages


def test_every_page_type_is_read(built: tuple[str, Path]) -> None:
    """The fixture has a page of each type, so that the test below reads each."""
    _, site = built
    pages = _pages(site)
    assert all(p.is_file() for p in pages)
    for folder in ("sections", "paragraphs", "recitals", "instruments", "actors"):
        assert any(p.parent.parent == site / folder for p in pages), folder


def _english_on(pages: list[Path], site: Path, language: str) -> tuple[list[str], list[tuple[str, str]]]:
    """The English interface words (the plugin's and Material's) read on `pages` in the pages'
    own language, one line each; and what the pages mark as another language."""
    runs = _english_only(language) + _material_english_only(language)
    assert runs, "the English words must hold runs no other language shares"
    found, marked = [], []
    for page in pages:
        reader = _Reader()
        reader.feed(page.read_text(encoding="utf-8"))
        assert reader.page_language == language, page
        text = "\n".join(reader.found)
        assert text, f"{page}: nothing read"
        # What the site's own options say (its reuse notice) and addresses are not interface words.
        text = " ".join(text.split()).replace(" ".join(str(_root_plugin_options().get("reuse_notice", "")).split()), "")
        text = re.sub(r"https?://\S+", "", text)
        for run in runs + _registry_english():
            if re.search(rf"(?<!\w){re.escape(run)}(?!\w)", text):
                found.append(f"{page.relative_to(site)}: {run!r}")
        marked += reader.other_language
    return found, marked


def test_no_english_interface_word_on_any_page(built: tuple[str, Path]) -> None:
    language, site = built
    found, marked = _english_on(_pages(site), site, language)
    assert not found, "English interface words on a page in another language:\n" + "\n".join(found)
    # The shared registry's English where it has no words in the page's language: marked so.
    assert not _unexplained_english(marked), marked


def test_the_check_tells_the_registry_english_from_other_english(tmp_path: Path) -> None:
    """The checks above fail for an English interface word, marked or not, and for marked
    English that is not the registry's; an untranslated registry name marked as English passes."""
    # A run that holds no other run ("A clause of a paragraph" holds "clause"), so that it is found once.
    language, english = next(
        (language, run)
        for language in LANGUAGES
        for run in _english_only(language)
        if not any(
            other != run and re.search(rf"(?<!\w){re.escape(other)}(?!\w)", run) for other in _english_only(language)
        )
    )
    name = str(_registry("actors.yml")["actors"][0]["name"])
    page = tmp_path / "index.html"
    body = f'<span lang="en">{name}</span> <span lang="en">{english}</span> <p>{english}</p>'
    page.write_text(f'<html lang="{language}"><body>{body}</body></html>', encoding="utf-8")
    found, marked = _english_on([page], tmp_path, language)
    assert found == [f"index.html: {english!r}"]
    assert _unexplained_english(marked) == {english}


def test_no_english_word_on_the_pages_of_a_french_version(bilingual: tuple[str, Path, list[Path]]) -> None:
    """The French pages of a site in English: Material's interface and the navigation too."""
    language, site, pages = bilingual
    assert pages
    found, _marked = _english_on(pages, site, language)
    assert not found, "English interface words on a page of the version:\n" + "\n".join(found)


def test_the_pages_carry_the_words_of_their_scripts(built: tuple[str, Path]) -> None:
    """The scripts hold the English words; a page in another language gives them its own."""
    language, site = built
    page = (site / "paragraphs" / "1" / "index.html").read_text(encoding="utf-8")
    holder = re.search(r'data-interface-words="([^"]*)"', page)
    assert holder is not None
    words = json.loads(html.unescape(holder.group(1)))
    assert words == {key: interface(language)(key) for key in SCRIPT_KEYS}


def test_the_scripts_hold_the_english_words() -> None:
    english = interface(BASE)
    scripts = "".join(
        (PACKAGE_WORDS.parent / "theme" / "assets" / f).read_text() for f in ("share.js", "conclusions.js")
    )
    for key in SCRIPT_KEYS:
        assert json.dumps(english.words[key]) in scripts, key


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_file_gives_every_word(language: str) -> None:
    words = interface(language)
    english = interface(BASE)
    for key in english_keys():
        assert set(re.findall(r"\{\w+\}", words.words[key])) == set(re.findall(r"\{\w+\}", english.words[key])), key
    assert len(words.months) == 12


def test_a_site_replaces_a_word_and_a_wrong_word_stops_the_build(tmp_path: Path) -> None:
    source = tmp_path / "source"
    shutil.copytree(FIXTURES / "interface" / "fr", source)
    (source / "lang").mkdir()
    (source / "lang" / "fr.yml").write_text('share:\n  cite: "Citer ce passage"\n', encoding="utf-8")
    build(tmp_path / "site", source=source)
    page = (tmp_path / "site" / "paragraphs" / "1" / "index.html").read_text(encoding="utf-8")
    assert ">Citer ce passage</button>" in page
    (source / "lang" / "fr.yml").write_text(
        'share:\n  cite: "Citer"\n  copy_link_to: "Copier le lien"\n  kopieren: "x"\n', encoding="utf-8"
    )
    result = build(tmp_path / "broken", source=source, check=False)
    assert result.returncode != 0
    assert "lang/fr.yml:3: 'share.copy_link_to' lacks {label}" in result.stderr
    assert "lang/fr.yml:4: 'share.kopieren' is no word of the interface" in result.stderr


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_french_or_german_text_needs_no_verbs_of_its_own(language: str) -> None:
    """The shared registry's French and German operative verbs (registry/verbs.yml) split the
    fixture's paragraphs into clauses, and a request finds the actor it asks to act."""
    source = FIXTURES / "interface" / language
    assert not (source / "verbs.yml").exists()
    edition = build_edition(source)
    with_clause = {c.paragraph.number for clauses in edition.verb_clauses.values() for c in clauses}
    assert with_clause == {p.number for p in edition.document.paragraphs}
    own = yaml.safe_load((source / "actors.yml").read_text(encoding="utf-8"))["actors"]
    for actor in own:
        assert edition.actor_requests.get(actor["id"]), actor["id"]

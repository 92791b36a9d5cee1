"""The site loses no word of the original text.

The original is read here with its own small reader, independent of the plugin's parser,
so a parser bug cannot hide a lost word.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conclusions.core.document_source import parse_document

from site_tests.support.build import ROOT
from site_tests.support.html import content, page, words

ORIGINAL = ROOT / "source" / "original" / "ST-14512-2023-INIT-en.txt"
SHARED = ROOT.parent / "shared" / "documents" / ORIGINAL.name
# Recorded when the copy was taken from the Council's text; guards against edits to the copy.
ORIGINAL_SHA256 = "c39555394022cc800800ac2d03a8a82bf8eef8590ad12f71faa26671a9e6f09c"


class _Markers:
    """Footnote markers run 1, 2, 3, ... through the text; any other <sup> is part of a word (IRIS<sup>2</sup>)."""

    def __init__(self) -> None:
        self.next = 1

    def __call__(self, match: re.Match[str]) -> str:
        if int(match.group(1)) == self.next:
            self.next += 1
            return ""
        return match.group(1)


def _clean(line: str, markers: _Markers) -> str:
    line = re.sub(r"\*\*|^#+\s*", "", line.strip())
    return re.sub(r"<sup>(\d+)</sup>", markers, line)


def original_blocks() -> dict[str, list[str]]:
    """The original split into header, recitals, paragraphs and footnotes, each as words."""
    blocks: dict[str, list[str]] = {"header": []}
    in_header = True
    recital = 0
    markers = _Markers()
    for raw in ORIGINAL.read_text(encoding="utf-8").splitlines():
        if m := re.match(r"^<sup>(\d+)</sup> (.*)$", raw.strip()):
            blocks[f"fn:{m.group(1)}"] = words(m.group(2))
            continue
        line = _clean(raw, markers)
        if not line or line == "---":
            continue
        if m := re.match(r"^(\d+)\. (.*)$", line):
            in_header = False
            blocks[f"p{m.group(1)}"] = words(m.group(2))
        elif line.startswith("- "):
            in_header = False
            recital += 1
            blocks[f"r{recital}"] = words(line[2:])
        elif re.match(r"^[IVX]+\.\s", line):
            in_header = False
            blocks.setdefault("sections", []).extend(words(line))
        elif in_header:
            # The register data and cover note (home page), then the heading and preamble (full text).
            key = "preamble" if "preamble" in blocks else "header"
            blocks[key].extend(words(line))
            if line.startswith("Delegations will find"):
                blocks["preamble"] = []
    return blocks


BLOCKS = original_blocks()


def test_the_copy_in_source_is_the_councils_text() -> None:
    data = ORIGINAL.read_bytes()
    assert hashlib.sha256(data).hexdigest() == ORIGINAL_SHA256
    if SHARED.exists():
        assert data == SHARED.read_bytes(), "source/original differs from the shared original"
    doc = parse_document(ROOT / "source")
    # The reader above and the plugin's parser find the same items: header, preamble and headings, plus each one.
    assert len(BLOCKS) == 3 + len(doc.recitals) + len(doc.paragraphs) + len(doc.footnotes)


# What the edition adds around the Council's words: numbers, footnote markers, back-links, buttons.
ADDITIONS = "a.pnum, sup.fnref, a.footnote-backref, span.fn-num, button, .share, [data-edition-addition]"


def text_words(element) -> list[str]:
    """The words of a built element, without the edition's additions."""
    element = BeautifulSoup(str(element), "html.parser")
    for extra in element.select(ADDITIONS):
        extra.decompose()
    return words(element.get_text(""))


def _in_order(expected: list[str], found: list[str]) -> list[str]:
    """Words of `expected` missing from `found` when read in order."""
    missing, pos = [], 0
    for word in expected:
        try:
            pos = found.index(word, pos) + 1
        except ValueError:
            missing.append(word)
    return missing


def test_full_text_page_has_every_word_in_order(site: Path) -> None:
    soup = content(page(site, "text/"))
    for key, expected in BLOCKS.items():
        if key in ("header", "sections", "preamble"):
            continue
        element = soup.find(id=key)
        assert element is not None, f"{key} is not on the full-text page"
        got = text_words(element)
        assert got == expected, f"{key}: words lost or altered: {_in_order(expected, got)[:10]}"
    page_words = words(soup.get_text(" "))
    assert _in_order(BLOCKS["sections"], page_words) == [], "section headings lost"
    assert _in_order(BLOCKS["preamble"], page_words) == [], "heading or preamble lost"


def test_paragraphs_appear_in_the_councils_order(site: Path) -> None:
    soup = content(page(site, "text/"))
    ids = [el["id"] for el in soup.select("div.para")]
    assert ids == [key for key in BLOCKS if re.fullmatch(r"p\d+", key)]


def test_home_page_has_the_whole_header(site: Path) -> None:
    got = words(content(page(site, "")).get_text(" "))
    assert _in_order(BLOCKS["header"], got) == []


@pytest.mark.parametrize("number", [int(key[1:]) for key in BLOCKS if re.fullmatch(r"p\d+", key)])
def test_paragraph_page_has_every_word(site: Path, number: int) -> None:
    element = content(page(site, f"paragraphs/{number}/")).find(id=f"p{number}")
    assert element is not None
    got, expected = text_words(element), BLOCKS[f"p{number}"]
    assert got == expected, f"paragraph {number} lost or altered: {_in_order(expected, got)[:10]}"


def test_a_dropped_word_is_caught() -> None:
    expected = BLOCKS["p21"]
    damaged = expected[:5] + expected[6:]
    assert _in_order(expected, damaged) == [expected[5]]


def test_every_word_of_the_original_is_on_the_site_in_order(site: Path) -> None:
    from site_tests.support.fidelity import lost_words

    assert lost_words(ROOT / "source", site) == []


def test_the_generic_check_catches_a_lost_word(site: Path, tmp_path: Path) -> None:
    import shutil

    from site_tests.support.fidelity import lost_words

    copy = tmp_path / "site"
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns("*.png", "*.json"))
    text = copy / "text" / "index.html"
    soup = BeautifulSoup(text.read_text(encoding="utf-8"), "html.parser")
    paragraph = soup.find(id="p21")
    # Drop one word of a plain text run of the paragraph (not a marker or a button label).
    run = next(s for s in paragraph.find_all(string=True) if s.parent.name in ("p", "span") and len(s.split()) > 4)
    words = run.split(" ")
    victim = next(i for i, w in enumerate(words) if len(w) > 4)
    run.replace_with(" ".join(words[:victim] + words[victim + 1 :]))
    text.write_text(str(soup), encoding="utf-8")
    problems = lost_words(ROOT / "source", copy)
    assert problems and problems[0].startswith(repr(words[victim].strip(",;")))

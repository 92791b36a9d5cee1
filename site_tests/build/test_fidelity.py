"""The site loses no word of the original text, for every document of the list.

The original is read with readers of the tests' own (support/fidelity.py), independent of
the plugin's parser and the importer, so a bug in either cannot hide a lost word: whatever
`original/` holds (the register's text in any shape, or its PDF's text layer), less the
furniture the importer reported removing, appears in order on the site. A document written
as `document.md` by hand has no original: the words of its body are its text.

Where the original is the register's Markdown-like extraction (the flagship's), a reader of
that shape splits it into header, recitals, paragraphs and footnotes, and each must come out
word for word on the full-text page and on its own page.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag

from site_tests.support.build import ROOT
from site_tests.support.documents import Built
from site_tests.support.fidelity import lost_words, written_original
from site_tests.support.html import content, page, words

SHARED = ROOT.parent / "shared" / "documents"
"""Where the project keeps the Council's files, when it is there: the copy must equal them."""


def _originals(doc: Built) -> list[Path]:
    folder = doc.source / "original"
    return sorted(p for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []


def test_every_word_of_the_original_is_on_the_site_in_order(doc: Built, tmp_path: Path) -> None:
    if _originals(doc):
        assert lost_words(doc.source, doc.site) == []
    else:
        assert lost_words(written_original(doc.source, tmp_path), doc.site, header=False) == []


def test_the_generic_check_catches_a_lost_word(doc: Built, tmp_path: Path) -> None:
    copy = tmp_path / "site"
    shutil.copytree(doc.site, copy, ignore=shutil.ignore_patterns("*.png", "*.json"))
    text = copy / "text" / "index.html"
    soup = BeautifulSoup(text.read_text(encoding="utf-8"), "html.parser")
    page_words = soup.get_text(" ").split()

    def victims() -> Iterator[tuple[Any, list[str], int]]:
        """Plain text runs of the paragraphs, longest paragraph first (not a marker or a button
        label), and in each a word the page has once, inside the run (its edges may be glued to
        a marker)."""
        for paragraph in sorted(doc.model.paragraphs, key=lambda p: -len(p.text)):
            element = soup.find(id=paragraph.anchor)
            for run in element.find_all(string=True) if element else []:
                if run.parent.name in ("p", "span") and len(run.split()) > 4:
                    parts = run.split(" ")
                    for i in range(1, len(parts) - 1):
                        if parts[i].isalpha() and page_words.count(parts[i]) == 1:
                            yield run, parts, i

    run, parts, victim = next(victims())
    run.replace_with(" ".join(parts[:victim] + parts[victim + 1 :]))
    text.write_text(str(soup), encoding="utf-8")
    if _originals(doc):
        problems = lost_words(doc.source, copy)
    else:
        problems = lost_words(written_original(doc.source, tmp_path / "original"), copy, header=False)
    assert problems and problems[0].startswith(repr(parts[victim]))


def test_the_copy_of_the_original_is_the_councils_text(doc: Built) -> None:
    recorded = doc.expected("original_sha256")
    assert sorted(recorded) == [p.name for p in _originals(doc)]
    for original in _originals(doc):
        data = original.read_bytes()
        assert hashlib.sha256(data).hexdigest() == recorded[original.name], original.name
        shared = SHARED / original.name
        if shared.exists():
            assert data == shared.read_bytes(), f"{original} differs from the shared original"


# -- the register's Markdown-like extraction, read block by block -------------------------


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


def _markdown_like(doc: Built) -> Path:
    """The document's original in the register's Markdown-like shape; skips when it has none."""
    for original in _originals(doc):
        text = original.read_bytes()
        if not text.startswith(b"%PDF") and re.search(rb"^<sup>\d+</sup> ", text, re.M):
            return original
    pytest.skip(f"{doc}: no original in the register's Markdown-like shape (the reader of blocks reads only that)")


def original_blocks(original: Path) -> dict[str, list[str]]:
    """The original split into header, recitals, paragraphs and footnotes, each as words."""
    blocks: dict[str, list[str]] = {"header": []}
    in_header = True
    recital = 0
    markers = _Markers()
    for raw in original.read_text(encoding="utf-8").splitlines():
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


# What the edition adds around the Council's words: numbers, footnote markers, back-links, buttons.
ADDITIONS = "a.pnum, sup.fnref, a.footnote-backref, span.fn-num, button, .share, [data-edition-addition]"


def text_words(element: Tag) -> list[str]:
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


def test_the_block_reader_finds_what_the_parser_finds(doc: Built) -> None:
    blocks = original_blocks(_markdown_like(doc))
    model = doc.model
    # Header, preamble and headings, plus each recital, paragraph and footnote.
    assert len(blocks) == 3 + len(model.recitals) + len(model.paragraphs) + len(model.footnotes)


def test_full_text_page_has_every_word_in_order(doc: Built) -> None:
    blocks = original_blocks(_markdown_like(doc))
    soup = content(page(doc.site, "text/"))
    for key, expected in blocks.items():
        if key in ("header", "sections", "preamble"):
            continue
        element = soup.find(id=key)
        assert element is not None, f"{key} is not on the full-text page"
        got = text_words(element)
        assert got == expected, f"{key}: words lost or altered: {_in_order(expected, got)[:10]}"
    page_words = words(soup.get_text(" "))
    assert _in_order(blocks["sections"], page_words) == [], "section headings lost"
    assert _in_order(blocks["preamble"], page_words) == [], "heading or preamble lost"


def test_paragraphs_appear_in_the_councils_order(doc: Built) -> None:
    blocks = original_blocks(_markdown_like(doc))
    soup = content(page(doc.site, "text/"))
    assert [el["id"] for el in soup.select("div.para")] == [key for key in blocks if re.fullmatch(r"p\d+", key)]


def test_home_page_has_the_whole_header(doc: Built) -> None:
    blocks = original_blocks(_markdown_like(doc))
    got = words(content(page(doc.site, "")).get_text(" "))
    assert _in_order(blocks["header"], got) == []


def test_every_paragraph_page_has_every_word(doc: Built) -> None:
    blocks = original_blocks(_markdown_like(doc))
    wrong = []
    for key, expected in blocks.items():
        if not re.fullmatch(r"p\d+", key):
            continue
        element = content(page(doc.site, f"paragraphs/{key[1:]}/")).find(id=key)
        got = text_words(element) if element is not None else []
        if got != expected:
            wrong.append(f"paragraph {key[1:]} lost or altered: {_in_order(expected, got)[:10]}")
    assert not wrong, "\n".join(wrong)


def test_a_dropped_word_is_caught(doc: Built) -> None:
    blocks = original_blocks(_markdown_like(doc))
    expected = max((v for k, v in blocks.items() if k.startswith("p")), key=len)
    once = next(i for i, w in enumerate(expected) if i and expected.count(w) == 1)
    damaged = expected[:once] + expected[once + 1 :]
    assert _in_order(expected, damaged) == [expected[once]]

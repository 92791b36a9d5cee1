"""Every word of whatever `source/original/` holds appears, in order, on the built site.

The original is read here on its own terms (text as it is; a PDF through its text layer,
with PDFium), not through the plugin's parser or the importer's structure finder, so that a
bug in either cannot hide a lost word. What the importer reported removing as page
furniture (`source/import.yml`, `removed:`) is taken out first, line for line.

Words are compared by their letters and digits only: punctuation, hyphens and spacing are
not words, and a line-end hyphen joins the two halves whichever way the importer read it.
Footnote markers stay glued to the word before them on both sides ("20213" is 2021 and
marker 3 in the original, and 2021<sup>3</sup> on the site).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from bs4 import BeautifulSoup, Tag

from site_tests.support.html import content, page

# What the edition adds around the Council's words: buttons, back-links, notes of its own.
ADDITIONS = "button, .share-tools, a.footnote-backref, [data-edition-addition], a.md-button"


REACH = 40
"""How many words the site may add between two words of the original."""


def _tokens(text: str) -> list[str]:
    return [t for t in (re.sub(r"\W|_", "", word) for word in text.split()) if t]


def _pdf_text(path: Path) -> str:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        pages = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    finally:
        pdf.close()
    return "\n".join(pages)


def original_text(source: Path) -> str:
    """The original's text, less the furniture lines the importer reported removing."""
    originals = sorted(p for p in (source / "original").iterdir() if p.is_file())
    assert originals, f"{source}/original/ holds no original"
    parts = []
    for path in originals:
        data = path.read_bytes()
        text = _pdf_text(path) if data.startswith(b"%PDF") else data.decode("utf-8")
        parts.append(
            text.replace("\r\n", "\n")
            .replace("\r", "\n")
            .replace("\u00ad", "-")
            .replace("\x02", "-")
            .replace("\ufffe", "-")
        )
    lines = "\n".join(parts).split("\n")
    record = source / "import.yml"
    removed = (yaml.safe_load(record.read_text(encoding="utf-8")) or {}).get("removed", []) if record.exists() else []
    at = 0
    for entry in removed:
        line = entry["text"] if isinstance(entry, dict) else entry
        found = next((i for i in range(at, len(lines)) if lines[i].strip() == line.strip()), None)
        assert found is not None, f"import.yml says it removed {line!r}, which the original does not hold there"
        del lines[found]
        at = found
    return "\n".join(lines)


def original_words(source: Path) -> list[str]:
    text = original_text(source)
    # The Markdown-like extraction's own markup is not text.
    text = re.sub(r"</?sup>", "", text).replace("**", "")
    lines = [re.sub(r"^\s*#+\s+", "", line) for line in text.split("\n") if line.strip() != "---"]
    joined = ""
    for line in lines:
        line = line.strip()
        # A line-end hyphen before a lower-case letter: one word, hyphenated or not.
        if joined.endswith("-") and line[:1].islower():
            joined += line
        else:
            joined += "\n" + line
    return _tokens(joined)


_BLOCKS = ["p", "div", "li", "ol", "ul", "td", "th", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "nav", "br"]


def _site_text(element: Tag) -> str:
    soup = BeautifulSoup(str(element), "html.parser")
    for extra in soup.select(ADDITIONS):
        extra.decompose()
    # Inline elements (links, verbs, markers) sit inside words' spacing as the text has it;
    # only the edges of blocks separate words.
    for block in soup.find_all(_BLOCKS):
        block.insert(0, " ")
        block.append(" ")
    return soup.get_text("")


@dataclass
class SiteWords:
    main: list[str]
    """The home page's register data and cover note, then the full text, without footnotes."""
    footnotes: list[list[str]]
    """Each footnote with text: its number, then its words."""


def site_words(site: Path) -> SiteWords:
    home = content(page(site, ""))
    header = home.select_one(".doc-header")
    parts = [header] if header is not None else []
    sibling = header.find_next_sibling() if header is not None else None
    while sibling is not None and sibling.name != "h2":
        parts.append(sibling)
        sibling = sibling.find_next_sibling()
    full = BeautifulSoup(str(content(page(site, "text/"))), "html.parser")
    notes = []
    for note in full.select("div.footnote"):
        if note.select_one("[data-edition-addition]") is None:
            notes.append(_tokens(_site_text(note)))
    for gone in full.select("div.footnotes, #footnotes"):
        gone.decompose()
    text = " ".join(_site_text(p) for p in parts) + " " + _site_text(full)
    return SiteWords(_tokens(text), notes)


def _cut(words: list[str], run: list[str]) -> bool:
    """Remove the first occurrence of `run` from `words`."""
    n = len(run)
    for i in range(len(words) - n + 1):
        if words[i : i + n] == run:
            del words[i : i + n]
            return True
    return False


def lost_words(source: Path, site: Path) -> list[str]:
    """Problems, each naming a lost word with the words before it; empty when none is lost."""
    expected = original_words(source)
    found = site_words(site)
    problems = [f"footnote {' '.join(n[:8])} is not in the original" for n in found.footnotes if not _cut(expected, n)]
    # Each word must come soon after the one before: the site adds a few words of its own
    # (field labels, numbers, markers), never a page of them. A word not found within that
    # reach is lost, and the search goes on from where it was, so the report names it.
    pos = 0
    for i, word in enumerate(expected):
        try:
            pos = found.main.index(word, pos, pos + REACH) + 1
        except ValueError:
            problems.append(f"{word!r} after {' '.join(expected[max(0, i - 8) : i])!r}")
    return problems

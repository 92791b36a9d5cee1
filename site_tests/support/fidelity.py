"""Every word of whatever `source/original/` holds appears, in order, on the built site.

The original is read here on its own terms (text as it is; a PDF through its text layer,
with PDFium), not through the plugin's parser or the importer's structure finder, so that a
bug in either cannot hide a lost word. What the importer reported removing as page
furniture (`source/import.yml`, `removed:`) is taken out first, line for line.

Words are compared by their letters and digits only (NFKC: a superscript two is a two):
punctuation, hyphens and spacing are not words, and a line-end hyphen joins the two halves
whichever way the importer read it.
Footnote markers stay glued to the word before them on both sides ("20213" is 2021 and
marker 3 in the original, and 2021<sup>3</sup> on the site); PDFium's text layer sets a
raised marker apart ("security 1"), and so the site's markers are set apart for a PDF.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import conclusions
from bs4 import BeautifulSoup, Tag

from site_tests.support import yaml_data
from site_tests.support.html import content, page

# What the edition adds around the Council's words: buttons, back-links, notes of its own.
ADDITIONS = "button, .share-tools, a.footnote-backref, [data-edition-addition], a.md-button"


REACH = 40
"""How many words the site may add between two words of the original."""

# The labels of the register's cover page in every language the importer reads (the header labels
# of conclusions/words/*.yml, "n°" standing for each way of writing the number sign): structure,
# which the site gives in labels of its own ("From"), not words of the text.
_NUMBER_SIGN = r"(?:n\.?\s?[°º]|№|no\.?|nr\.?)\s*"


def _label(label: str) -> str:
    return _NUMBER_SIGN + re.escape(label[3:]) if label.startswith("n° ") else re.escape(label)


_LABELS = re.compile(
    r"^\s*(?:"
    + "|".join(
        _label(label)
        for label in sorted(
            {
                str(label)
                for path in (Path(conclusions.__file__).parent / "words").glob("*.yml")
                for label in (yaml_data.safe_load(path.read_text(encoding="utf-8")) or {}).get("header labels") or {}
            },
            key=len,
            reverse=True,
        )
    )
    + r")\s*:\s*",
    re.IGNORECASE,
)
# EUR-Lex sets a footnote marker apart in brackets: "2019-2027 ( 1 ),".
_APART = re.compile(r"\S \( ?\d{1,3} ?\)")


def _tokens(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text)  # IRIS² as the text layer has it is IRIS<sup>2</sup>
    return [t for t in (re.sub(r"\W|_", "", word) for word in text.split()) if t]


def _pdf_pages(path: Path) -> list[str]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        return [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    finally:
        pdf.close()


def _normal(text: str) -> str:
    return (
        text.replace("\r\n", "\n")
        .replace("\r", "\n")
        .replace("\u00ad", "-")
        .replace("\x02", "-")
        .replace("\ufffe", "-")
    )


def _removed(source: Path) -> list[tuple[str, str]]:
    """(where, text) of each line the importer reported removing as page furniture."""
    record = source / "import.yml"
    removed = (
        (yaml_data.safe_load(record.read_text(encoding="utf-8")) or {}).get("removed", []) if record.exists() else []
    )
    return [(entry.get("where", ""), entry["text"]) if isinstance(entry, dict) else ("", entry) for entry in removed]


def original_text(source: Path) -> str:
    """The original's text (not a PDF), less the furniture lines the importer reported removing."""
    originals = sorted(p for p in (source / "original").iterdir() if p.is_file())
    assert originals, f"{source}/original/ holds no original"
    lines = "\n".join(_normal(path.read_bytes().decode("utf-8")) for path in originals).split("\n")
    at = 0
    for _where, line in _removed(source):
        found = next((i for i in range(at, len(lines)) if lines[i].strip() == line.strip()), None)
        assert found is not None, f"import.yml says it removed {line!r}, which the original does not hold there"
        del lines[found]
        at = found
    return "\n".join(lines)


def _words_of(text: str) -> list[str]:
    # The Markdown-like extraction's own markup is not text.
    text = re.sub(r"</?sup>", "", text).replace("**", "")
    lines = [_LABELS.sub("", re.sub(r"^\s*#+\s+", "", line)) for line in text.split("\n") if line.strip() != "---"]
    joined = ""
    above = ""
    for line in lines:
        line = line.strip()
        # Word's second-level bullet, a Courier "o", under a line that opens a list or beside
        # another: a marker (the site writes "•"), not the word "o".
        if line.startswith("o ") and (above.endswith(":") or above.startswith("o ")):
            above, line = line, line[2:]
        elif line:
            above = line
        # A line-end hyphen between letters or digits: one word, hyphenated or not
        # ("cyber-" / "attack", "EMPHAS-" / "ISES").
        if joined.endswith("-") and joined[-2:-1].isalnum() and line[:1].isalnum():
            joined += line
        else:
            joined += "\n" + line
    return _tokens(joined)


def original_words(source: Path) -> list[str]:
    """The words of the original, less the furniture the importer reported removing. A PDF is
    read here through PDFium's own text (its order, not the importer's): each line removed is
    cut, as words, from the page it stood on."""
    originals = sorted(p for p in (source / "original").iterdir() if p.is_file())
    pdfs = [p for p in originals if p.read_bytes()[:4] == b"%PDF"]
    if not pdfs:
        return _words_of(original_text(source))
    pages = [_words_of(_normal(page)) for path in pdfs for page in _pdf_pages(path)]
    for where, line in _removed(source):
        found = re.match(r"page (\d+)", where)
        assert found is not None, where
        number = int(found.group(1)) - 1
        assert _cut(pages[number], _tokens(line)) or not _tokens(line), (
            f"import.yml says it removed {line!r} from {where}, which that page does not hold"
        )
    return [word for page in pages for word in page]


_BLOCKS = ["p", "div", "li", "ol", "ul", "td", "th", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "nav", "br"]


def _site_text(element: Tag, markers_apart: bool = False) -> str:
    soup = BeautifulSoup(str(element), "html.parser")
    for extra in soup.select(ADDITIONS):
        extra.decompose()
    if markers_apart:
        for marker in soup.select("sup.fnref"):
            marker.insert_before(" ")
    # Inline elements (links, verbs, markers) sit inside words' spacing as the text has it;
    # only the edges of blocks separate words.
    for block in soup.find_all(_BLOCKS):
        block.insert(0, " ")
        block.append(" ")
    return soup.get_text("")


@dataclass
class SiteWords:
    main: list[str]
    """The home page's cover note (in the register's cover page, beside its data table), then
    the full text, without footnotes."""
    footnotes: list[list[str]]
    """Each footnote with text: its number, then its words."""
    register: list[list[str]]
    """The words of each field of the home page's register data (its table's second column)."""


def _cover_section(register: Tag) -> list[Tag]:
    """The rest of the register's cover page, around its data table: the cover note, whether it
    stands before the table or after it. The section is what lies between the headings (h1, h2)
    on either side of the table; the heading itself is the site's word, not the register's."""
    before = []
    sibling = register.find_previous_sibling()
    while sibling is not None and sibling.name not in ("h1", "h2"):
        before.append(sibling)
        sibling = sibling.find_previous_sibling()
    after = []
    sibling = register.find_next_sibling()
    while sibling is not None and sibling.name not in ("h1", "h2"):
        after.append(sibling)
        sibling = sibling.find_next_sibling()
    return [*reversed(before), *after]


def site_words(site: Path, header: bool = True, markers_apart: bool = False) -> SiteWords:
    """The site's words; without the register data of the home page when `header` is False;
    footnote markers as words of their own when `markers_apart` (as a PDF's text layer has them)."""
    home = content(page(site, ""))
    register = home.select_one(".doc-header")
    fields = [_tokens(_site_text(cell)) for cell in register.select("td:nth-of-type(2)")] if register else []
    parts = _cover_section(register) if register is not None else []
    full = BeautifulSoup(str(content(page(site, "text/"))), "html.parser")
    notes = []
    for note in full.select("div.footnote"):
        if note.select_one("[data-edition-addition]") is None:
            notes.append(_tokens(_site_text(note)))
    for gone in full.select("div.footnotes, #footnotes"):
        gone.decompose()
    text = " ".join(_site_text(p, markers_apart) for p in [*parts, full])
    return SiteWords(_tokens(text), notes, fields if header else [])


def _cut(words: list[str], run: list[str]) -> bool:
    """Remove the first occurrence of `run` from `words`."""
    n = len(run)
    for i in range(len(words) - n + 1):
        if words[i : i + n] == run:
            del words[i : i + n]
            return True
    return False


def lost_words(source: Path, site: Path, header: bool = True) -> list[str]:
    """Problems, each naming a lost word with the words before it; empty when none is lost.

    `header=False` leaves the home page's register data out of the site's words, for an
    original that has none (`written_original`)."""
    expected = original_words(source)
    originals = [p.read_bytes() for p in (source / "original").iterdir() if p.is_file()]
    apart = any(data[:4] == b"%PDF" or _APART.search(data.decode("utf-8", "replace")) for data in originals)
    found = site_words(site, header, markers_apart=apart)
    problems = [f"footnote {' '.join(n[:8])} is not in the original" for n in found.footnotes if not _cut(expected, n)]
    # The register data is a table of fields, in the site's order (a PDF may print the labels
    # first and the values after): each field's words are cut from the original first, as a
    # run, or word by word where the site writes the field otherwise ("ST 9876/24" for "9876/24").
    for field in found.register:
        if not _cut(expected, field):
            for word in field:
                _cut(expected, [word])
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


def written_original(source: Path, folder: Path) -> Path:
    """For a document written as `document.md` by hand (no original/): a folder whose
    original/ holds the words of its body as a reader sees them, read here without the
    plugin's parser. The front matter is not text, so the site's register data is not
    compared (`lost_words(..., header=False)`).

    Footnote references `[^a]` stand as the marker glued to the word, as a register text
    prints them; a footnote definition is its marker and its text; a marker without text is
    not a word of the text (the site says the text is missing, in words of its own).
    """
    text = (source / "document.md").read_text(encoding="utf-8")
    body = text.split("\n---\n", 1)[1]
    lines = []
    for line in body.split("\n"):
        if re.fullmatch(r"\s*\[\^[A-Za-z0-9]+\]:\s*", line):
            continue
        line = re.sub(r"^\[\^([A-Za-z0-9]+)\]:", r"\1", line)
        line = re.sub(r"\[\^([A-Za-z0-9]+)\]", r"\1", line)
        lines.append(re.sub(r"</?(?:sup|sub|em|strong|i|b)>", "", line))
    (folder / "original").mkdir(parents=True)
    (folder / "original" / "document.txt").write_text("\n".join(lines), encoding="utf-8")
    return folder

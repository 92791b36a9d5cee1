"""A page of EUR-Lex (an act of the Official Journal as HTML) as the lines a reader sees on it.

EUR-Lex writes each paragraph as a `<p>`, a point as a table row whose first cell holds its
marker ("(a)", "1.", "—") and whose second holds its text, and a footnote marker as a raised
number in brackets (`(<span class="oj-super oj-note-tag">1</span>)`). The lines read here are
those a reader copies from the page: one a paragraph, a point's marker and text on one line,
a marker as "( 1 )" (the form the importer reads in text copied from EUR-Lex). Where the page
holds the act in EUR-Lex's container (`eli-container`), only that is read: a page saved with
EUR-Lex's menus around the act gives the act alone.

The standard library's HTML parser is enough for one page shape: no dependency is added. Each
line is numbered by the line of the HTML file where its text starts, as an editor shows it.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Tags that end a line of text where they open or close (a table cell does not: see _Page).
_BLOCKS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "tfoot",
        "thead",
        "tr",
        "ul",
    ]
)
_SKIPPED = frozenset({"head", "script", "style", "noscript", "template", "svg", "button"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"})
# A point's marker alone in its table cell: "(a)", "a)", "(iv)", "1.", "—", "–", "•".
_MARKER = re.compile(r"^(?:\(?[0-9]{1,3}[.)]|\(?[a-z]{1,4}[.)]|\([0-9a-z]{1,4}\)|[—–‒-]|•)$", re.IGNORECASE)
_CONTAINER = "eli-container"
_RAISED = "oj-super"


def looks_like_html(text: str) -> bool:
    """Whether a text is an HTML page (what a browser saves, or EUR-Lex's HTML of an act)."""
    start = text.lstrip()[:512].lower()
    return start.startswith(("<!doctype html", "<html", "<?xml")) and "<html" in text[:4096].lower()


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[tuple[int, str, bool]] = []
        """(HTML line, text, inside EUR-Lex's container) of every line of text."""
        self._text: list[str] = []
        self._start = 0
        self._skipping = 0
        self._broken = False
        self._new_cell = False
        self._containers: list[int] = []
        self._depth = 0
        self._raised: list[int] = []

    # -- structure ---------------------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self._skipping += 1
            return
        if tag == "br":
            self._flush()
            return
        if tag in _VOID:
            return
        self._depth += 1
        classes = (dict(attrs).get("class") or "").split()
        if _CONTAINER in classes:
            self._flush()  # the text before it is outside
            self._containers.append(self._depth)
        if tag in ("td", "th"):
            self._new_cell = True
            self._broken = True
        elif tag in _BLOCKS:
            self._broken = True
        if tag == "sup" or _RAISED in classes:
            self._raised.append(len(self._joined()))
        else:
            self._raised.append(-1)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self._skipping = max(0, self._skipping - 1)
            return
        if tag in _VOID or self._depth == 0:
            return
        if tag in _BLOCKS:
            self._broken = True
        start = self._raised.pop() if self._raised else -1
        if start >= 0:
            self._set_apart(start)
        if self._containers and self._containers[-1] == self._depth:
            self._flush()
            self._containers.pop()
        self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._skipping or (not data.strip() and not self._text):
            return
        if self._broken and data.strip():
            current = " ".join(self._joined().split())
            if self._new_cell and _MARKER.match(current):
                self._text.append(" ")  # a point's marker and its text: one line
            else:
                self._flush()
            self._broken = self._new_cell = False
        if not self._text:
            self._start = self.getpos()[0]
        self._text.append(data)

    def close(self) -> None:
        super().close()
        self._flush()

    # -- text ------------------------------------------------------------------------------------------

    def _joined(self) -> str:
        return "".join(self._text)

    def _set_apart(self, start: int) -> None:
        """A raised footnote number in brackets, "(1)", as EUR-Lex's copied text has it: "( 1 )"."""
        text = self._joined()
        number = text[start:].strip()
        if number.isdigit() and text[:start].rstrip().endswith("("):
            self._text = [text[:start].rstrip(), " ", number, " "]

    def _flush(self) -> None:
        text = " ".join(self._joined().split())
        if text:
            self.lines.append((self._start, text, bool(self._containers)))
        self._text = []
        self._broken = self._new_cell = False


def html_lines(text: str) -> list[tuple[int, str]]:
    """The lines of text of an HTML page, each with the line of the file where it starts; only
    those inside EUR-Lex's container when the page has one."""
    page = _Page()
    page.feed(text)
    page.close()
    inside = [(number, line) for number, line, contained in page.lines if contained]
    return inside or [(number, line) for number, line, _ in page.lines]

"""An act's HTML page from EUR-Lex is read as the lines a reader sees on it, and imports to the
same document as the text copied from that page.

fixtures/import/OJ-C-2024-5230-en.html is the invented resolution of OJ-C-2024-5230-en.txt
written in the shape EUR-Lex serves an act of the Official Journal (a header table, `oj-normal`
paragraphs, numbered items as table rows, raised footnote numbers in brackets, the notes, ELI
and ISSN), with a site's menus and footer around EUR-Lex's container.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conclusions.importer import import_document
from conclusions.reader.html import html_lines, looks_like_html
from conclusions.reader.lines import KIND_HTML, Unreadable, read_original

pytestmark = pytest.mark.unit

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"
PAGE = FIXTURES / "OJ-C-2024-5230-en.html"
TEXT = FIXTURES / "OJ-C-2024-5230-en.txt"


def test_the_page_imports_to_the_same_document_as_its_copied_text() -> None:
    page, text = import_document(PAGE), import_document(TEXT)
    assert page.report.kind == KIND_HTML
    assert page.report.text().startswith("Verdict: ready to publish")
    assert page.document_md == text.document_md


def test_the_page_gives_the_copied_texts_lines() -> None:
    """Line for line what the text copied from the page holds (its two-line masthead aside)."""
    copied = [line for line in TEXT.read_text(encoding="utf-8").splitlines() if line]
    read = [line for _, line in html_lines(PAGE.read_text(encoding="utf-8"))]
    assert read == copied


def test_each_line_is_numbered_by_where_its_text_stands_in_the_file() -> None:
    source = PAGE.read_text(encoding="utf-8").splitlines()
    for number, line in html_lines(PAGE.read_text(encoding="utf-8")):
        assert line.split()[0].strip("().") in source[number - 1], (number, line)


@pytest.mark.parametrize(
    ("html", "lines"),
    [
        # a point's marker and its text, in two cells of a row: one line
        (
            "<table><tr><td><p>(a)</p></td><td><p>the first point;</p></td></tr>"
            "<tr><td><p>(b)</p></td><td><p>the second.</p></td></tr></table>",
            ["(a) the first point;", "(b) the second."],
        ),
        # a raised footnote number in brackets, as the copied text has it
        ('<p>volunteers<a href="#n1">(<span class="oj-super oj-note-tag">1</span>)</a>.</p>', ["volunteers( 1 )."]),
        # two cells of text in a row are two lines; a line break ends a line
        (
            "<table><tr><td><p>EN</p></td><td><p>C series</p></td></tr></table><p>a<br/>b</p>",
            ["EN", "C series", "a", "b"],
        ),
        # scripts, styles and the head are no text
        ("<head><title>T</title><style>p{}</style></head><body><script>x</script><p>text</p></body>", ["text"]),
        # only EUR-Lex's container, when the page has one
        ('<div>Menu</div><div class="eli-container"><p>the act</p></div><p>Footer</p>', ["the act"]),
    ],
)
def test_lines_of_a_page(html: str, lines: list[str]) -> None:
    page = f"<!DOCTYPE html><html><body>{html}</body></html>"
    assert looks_like_html(page)
    assert [line for _, line in html_lines(page)] == lines


def test_a_zipped_file_and_a_page_without_text_are_refused_in_one_line() -> None:
    with pytest.raises(Unreadable, match=r"^x\.docx is a zipped file .*PDF"):
        read_original(b"PK\x03\x04 a Word document", "x.docx")
    with pytest.raises(Unreadable, match=r"^y\.html is an HTML page with no text"):
        read_original(b"<!DOCTYPE html><html><body><script>1</script></body></html>", "y.html")

"""Words that close a paragraph or recital after its points ("c) share good practices ...,"
then "in order to widen access for all."): they are the item's, not its last point's.

In document.md they follow the points after a blank line, indented like the item's text; the
pages show them after the list; the importer reads them off a lower-case line after a short
point line that ends with ",". The documents here are invented, written beside each test; the
import cases are variants of the invented fixture fixtures/import/ST-7342-2026-INIT-en.txt.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, cast

import pytest
import yaml
from conclusions.core.edition import build_edition
from conclusions.core.errors import SourceErrors
from conclusions.core.fidelity import check_site
from conclusions.core.model import Document, Paragraph
from conclusions.core.pages.render import Renderer
from conclusions.core.site import build_collection
from conclusions.importer import import_document

from site_tests.support import yaml_data
from site_tests.support.build import FIXTURES
from site_tests.support.core import parse_document
from site_tests.support.documents import import_into

pytestmark = pytest.mark.unit

FRONT = "---\ntitle: Council conclusions on ocean observation (invented)\n---\n\n"
CLOSING = "in order to serve the Ocean Charter[^1] & keep costs < 5 %."
BODY = (
    "THE COUNCIL OF THE EUROPEAN UNION,\n\n"
    "- RECALLING its work on:\n  – buoys;\n  – ships,\n\n  which the Blue Deal supports,\n\n"
    "HEREBY ADOPTS THE FOLLOWING CONCLUSIONS:\n\n"
    "1. INVITES the Member States to:\n   a) map buoys;\n   b) share data,\n\n"
    f"   {CLOSING}\n\n"
    "2. NOTES the role of ENER work.\n\n"
    "[^1]: Invented.\n"
)
IMPORTS = FIXTURES / "import"
REGISTER = "ST-7342-2026-INIT-en.txt"
SHORT_POINT = "c) make library buildings accessible,"
CLOSING_LINE = "so that every adult can learn close to home."


def _parse(tmp_path: Path, body: str) -> Document:
    (tmp_path / "document.md").write_text(FRONT + body, encoding="utf-8")
    return parse_document(tmp_path)


def _line_of(body: str, words: str) -> int:
    """The line of document.md on which `words` stand (the front matter comes first)."""
    return (FRONT + body).split("\n").index(next(line for line in (FRONT + body).split("\n") if words in line)) + 1


# -- the source format ------------------------------------------------------------------------


def test_indented_words_after_a_blank_line_close_the_item(tmp_path: Path) -> None:
    document = _parse(tmp_path, BODY)
    paragraph = document.paragraph(1)
    assert paragraph.closing_words == CLOSING
    assert paragraph.closing_line == _line_of(BODY, "in order to serve")
    last = paragraph.points[-1]
    # The last point keeps its own words; the closing words follow them after a newline.
    assert paragraph.text[last.start : last.end] == "share data,"
    assert paragraph.text[last.end] == "\n" and paragraph.closing == last.end + 1
    assert paragraph.footnotes == ("1",)
    recital = document.recitals[0]
    assert recital.closing_words == "which the Blue Deal supports,"
    assert document.lead_in == ("HEREBY ADOPTS THE FOLLOWING CONCLUSIONS:",)
    assert document.paragraph(2).closing == 0 and document.paragraph(2).closing_words == ""


def test_a_line_right_after_a_point_goes_on_with_the_point_as_before(tmp_path: Path) -> None:
    """Without the blank line, at the left edge or indented, the line is the point's, as it
    always was: no source written before closing words existed reads otherwise."""
    for body in (
        BODY.replace(f",\n\n   {CLOSING}", f",\n{CLOSING}"),
        BODY.replace(f",\n\n   {CLOSING}", f",\n   {CLOSING}"),
    ):
        paragraph = _parse(tmp_path, body).paragraph(1)
        last = paragraph.points[-1]
        assert paragraph.closing == 0
        assert paragraph.text[last.start : last.end] == f"share data, {CLOSING}"


def test_a_lead_in_after_a_recitals_points_stays_the_lead_in(tmp_path: Path) -> None:
    body = BODY.replace("\n\n  which the Blue Deal supports,", "")
    document = _parse(tmp_path, body)
    assert document.recitals[0].closing == 0
    assert document.lead_in == ("HEREBY ADOPTS THE FOLLOWING CONCLUSIONS:",)


@pytest.mark.parametrize(
    ("old", "new", "at", "says"),
    [
        # Words at the left edge after a blank line: no paragraph, no closing words; the error says how.
        (
            f"\n\n   {CLOSING}",
            f"\n\n{CLOSING}",
            "in order to serve",
            "if these words close paragraph 1 after its points, indent them like its text",
        ),
        (f"   {CLOSING}\n", f"   {CLOSING}\n   c) report back;\n", "c) report back", "a point after the closing words"),
    ],
    ids=["left-edge", "point-after"],
)
def test_a_misplaced_closing_is_refused_at_its_line(tmp_path: Path, old: str, new: str, at: str, says: str) -> None:
    body = BODY.replace(old, new)
    with pytest.raises(SourceErrors) as errors:
        _parse(tmp_path, body)
    message = str(errors.value)
    assert f":{_line_of(body, at)}:" in message and says in message


# -- the pages ----------------------------------------------------------------------------------


REGISTRIES = {
    "actors.yml": "kinds:\n  - {id: eu, label: EU}\nactors:\n  - id: member-states\n    name: Member States\n"
    "    kind: eu\n    description: The EU countries.\n    url: https://example.org/ms\n    patterns: [Member States]\n",
    "glossary.yml": "terms:\n  - {id: ener, term: ENER, expansion: Energy, definition: A code., patterns: [ENER]}\n",
    "instruments.yml": "kinds:\n  - {id: charter, label: Charters}\ninstruments:\n"
    "  - {id: ocean-charter, title: Ocean Charter, kind: charter, url: https://example.org/oc, description: A charter.,\n"
    "     patterns: [Ocean Charter]}\n"
    "  - {id: blue-deal, title: Blue Deal, kind: charter, url: https://example.org/bd, description: A deal.,\n"
    "     patterns: [Blue Deal]}\n",
    "verbs.yml": "verbs:\n  - {verb: INVITES, forms: [INVITES], request: true}\n"
    "  - {verb: NOTES, forms: [NOTES], request: false}\n",
}
"""Registries that BODY uses whole (an entry it does not mention stops the build)."""


@pytest.fixture
def mini_with_closing(tmp_path: Path) -> Path:
    """BODY with registries of its instruments, term, actor and verbs."""
    source = tmp_path / "source"
    source.mkdir()
    (source / "document.md").write_text(FRONT + BODY, encoding="utf-8")
    for name, text in REGISTRIES.items():
        (source / name).write_text(text, encoding="utf-8")
    return source


def test_the_closing_words_stand_after_the_list_linked_and_escaped(mini_with_closing: Path) -> None:
    edition = build_edition(mini_with_closing)
    paragraph = edition.document.paragraph(1)
    for full_text in (False, True):
        html = str(Renderer(edition, "text.md").paragraph_block(paragraph, full_text))
        closing = re.search(r'<p class="closing">(.*?)</p>', html, re.S)
        assert closing is not None and html.index("</ol>") < closing.start()
        words = closing.group(1)
        # Linked as any text is (the instrument, the footnote), through the one escaping path.
        assert re.search(r"<a [^>]*>Ocean Charter</a>", words)
        assert 'class="footnote-ref"' in words
        assert "&amp; keep costs &lt; 5 %." in words
        # The last point holds its own words only.
        last = re.findall(r"<li[^>]*>(.*?)</li>", html, re.S)[-1]
        assert "share data," in last and "Ocean Charter" not in last
    recital = str(Renderer(edition, "text.md").recital_block(edition.document.recitals[0]))
    assert re.search(r'</ul>\s*<p class="closing">.*Blue Deal.*supports,.*</p>', recital, re.S)


def test_the_clause_of_the_last_point_takes_in_the_closing_words(mini_with_closing: Path) -> None:
    """The clause that holds the points ends with the item, closing words included; the actors
    it asks are still those named before "to"."""
    edition = build_edition(mini_with_closing)
    paragraph: Paragraph = edition.document.paragraph(1)
    clauses = edition.clauses[1]
    assert clauses[-1].end == len(paragraph.text)
    assert [a.id for a in clauses[0].addressees] == ["member-states"]


# -- the importer -----------------------------------------------------------------------------


def _expected() -> dict[str, Any]:
    return cast(
        "dict[str, Any]", yaml_data.safe_load((IMPORTS / REGISTER.replace(".txt", ".expected.yml")).read_text("utf-8"))
    )


def _variant(tmp_path: Path, old: str, new: str) -> Path:
    text = (IMPORTS / REGISTER).read_text(encoding="utf-8")
    assert text.count(old) == 1
    path = tmp_path / REGISTER
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def test_the_imported_closing_words_keep_every_word_and_build(tmp_path: Path) -> None:
    """The import of the fixture passes the build's check that every word of the original is
    kept, in its order, with its closing words the items' own."""
    source = import_into(IMPORTS / REGISTER, tmp_path / "source")
    collection = build_collection(source)
    check_site(source, collection)
    document = collection.editions[0].document
    assert {p.number for p in document.paragraphs if p.closing} == set(_expected()["closing"])


def test_after_a_full_point_line_the_lower_case_line_is_doubtful(tmp_path: Path) -> None:
    """A last point line as wide as the text's lines may have wrapped: the next line stays
    with the point, as before, and the import names it for a person to decide."""
    long_point = "c) make library buildings accessible to every reader, including those who use wheelchairs,"
    result = import_document(_variant(tmp_path, SHORT_POINT, long_point))
    assert [d.text for d in result.report.doubtful] == [CLOSING_LINE]
    assert not result.report.text().startswith("Verdict: ready to publish")
    assert f"{long_point[3:]} {CLOSING_LINE}" in result.document_md


def test_a_doubtful_closing_stops_the_build_until_a_person_checks_it(tmp_path: Path) -> None:
    long_point = "c) make library buildings accessible to every reader, including those who use wheelchairs,"
    source = import_into(_variant(tmp_path, SHORT_POINT, long_point), tmp_path / "source")
    with pytest.raises(SourceErrors) as errors:
        check_site(source, build_collection(source))
    assert CLOSING_LINE in str(errors.value)
    doubt = yaml_data.safe_load((source / "import.yml").read_text(encoding="utf-8"))["doubtful"][0]
    checked = {"checked": [{"where": doubt["where"], "text": doubt["text"], "reason": "the point's own words"}]}
    with (source / "import.yml").open("a", encoding="utf-8") as record:
        record.write(yaml.safe_dump(checked, allow_unicode=True))
    check_site(source, build_collection(source))


def test_a_lower_case_line_that_another_point_follows_is_the_points_own(tmp_path: Path) -> None:
    long_point = "c) make library buildings accessible to every reader, including those who use wheelchairs,"
    path = _variant(tmp_path, f"{SHORT_POINT}\n{CLOSING_LINE}", f"{long_point}\nand ramps;\nd) keep them warm.")
    result = import_document(path)
    assert result.report.doubtful == ()
    assert (
        "   c) make library buildings accessible to every reader, including those who use wheelchairs, and ramps;"
        in (result.document_md)
    )


def test_a_point_that_ends_its_sentence_has_no_closing_words(tmp_path: Path) -> None:
    """After a point that ends with ";" or "." a line in lower case is no closing: the reading
    stays as it was (here, unplaced after an ended item)."""
    result = import_document(_variant(tmp_path, SHORT_POINT, SHORT_POINT.replace(",", ";")))
    assert "\n\n   so that every adult" not in result.document_md


def test_a_recital_that_closes_after_its_points_is_followed_by_the_next(tmp_path: Path) -> None:
    """document.md writes dash recitals together: the next one follows the closing words
    without a blank line, and the core reads both as the import found them."""
    closing = "which together keep many adults from learning throughout their lives,"
    after = "NOTING that libraries lend books free of charge,"
    result = import_document(_variant(tmp_path, f"{closing}\n", f"{closing}\n{after}\n"))
    assert result.report.doubtful == () and result.report.unplaced == ()
    assert f"   {closing}\n- {after}\n" in result.document_md
    # The report names the items that close after their points, for the person who checks.
    assert any("not its last point: recital 2, paragraph 2, paragraph 3, paragraph 4" in n for n in result.report.notes)
    (tmp_path / "document.md").write_text(result.document_md, encoding="utf-8")
    recitals = parse_document(tmp_path).recitals
    assert [r.closing_words for r in recitals] == ["", closing, ""]
    assert recitals[2].text == after


def test_words_that_a_point_follows_go_on_with_the_point_above(tmp_path: Path) -> None:
    """A lower-case line after a short point line is no closing when another point follows:
    the words stay the point's, in their order."""
    result = import_document(_variant(tmp_path, f"{CLOSING_LINE}\n", f"{CLOSING_LINE}\nd) keep them warm.\n"))
    assert "   c) make library buildings accessible, so that every adult can learn close to home.\n" in (
        result.document_md
    )
    assert "   d) keep them warm.\n" in result.document_md
    (tmp_path / "document.md").write_text(result.document_md, encoding="utf-8")
    assert parse_document(tmp_path).paragraph(2).closing == 0


# Paragraphs 2 and 3 of the fixture as a register PDF lays them out: a paragraph's next lines and
# its points at its text's edge (six spaces: drawn 42 pt right), a point's next lines hanging
# right of its marker (ten). Both last points fill their lines and end with ",".
HANGING = {
    "a) keep public libraries open in rural areas;\n": (
        "      a) keep public libraries open in rural areas, in particular in the regions where the next\n"
        "          library is far away;\n"
    ),
    "b) train library staff in digital skills;\n": "      b) train library staff in digital skills;\n",
    f"{SHORT_POINT}\n{CLOSING_LINE}\n": (
        "      c) make library buildings accessible to every reader, including those who use wheelchairs,\n"
        f"      {CLOSING_LINE}\n"
    ),
    "– reading clubs for adults with low literacy;\n": "      – reading clubs for adults with low literacy;\n",
    "– courses in digital skills for older people,\n": (
        "      – courses in digital skills for older people, and in particular for those who live alone,\n"
        "          far from any town,\n"
    ),
    "with a view to reaching those who take part least in adult learning today, in particular in\n": (
        "      with a view to reaching those who take part least in adult learning today, in particular in\n"
    ),
    "rural and remote areas.\n": "      rural and remote areas.\n",
}


def test_in_a_pdf_whose_points_hang_where_a_line_starts_decides(tmp_path: Path) -> None:
    """After a full point line, a line back at the marker's edge closes the item, and one that
    hangs right of it goes on with the point: neither is doubtful in such a PDF (the same words
    as plain text lines leave the first doubtful)."""
    from site_tests.import_shapes import draw

    text = (IMPORTS / REGISTER).read_text(encoding="utf-8")
    for old, new in HANGING.items():
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    lines = tmp_path / REGISTER
    lines.write_text(text, encoding="utf-8")
    assert [d.text for d in import_document(lines).report.doubtful] == [CLOSING_LINE]
    pdf = tmp_path / REGISTER.replace(".txt", ".pdf")
    pdf.write_bytes(draw(lines, "register"))
    result = import_document(pdf)
    assert result.report.kind == "PDF"
    assert result.report.doubtful == () and result.report.unplaced == ()
    (tmp_path / "document.md").write_text(result.document_md, encoding="utf-8")
    document = parse_document(tmp_path)
    assert document.paragraph(2).closing_words == CLOSING_LINE
    assert document.paragraph(3).closing_words == _expected()["closing"][3]
    last = document.paragraph(3).points[-1]
    assert document.paragraph(3).text[last.start : last.end].endswith("who live alone, far from any town,")

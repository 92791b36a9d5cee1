"""Sub-sections in `document.md`: a `### A. Title` heading under a `## II. TITLE` one holds the
paragraphs after it, which are its section's too; each mistake in their use is one line naming
the file, the line and what to do. The texts are invented."""

from __future__ import annotations

from pathlib import Path

import pytest
from conclusions.core import remembered
from conclusions.core.edition import build_edition
from conclusions.core.errors import SourceErrors
from conclusions.core.languages import mismatch
from conclusions.core.model import Document
from conclusions.core.pages import text

from site_tests.support.core import parse_document

pytestmark = pytest.mark.unit

FRONT = "---\ntitle: Council conclusions on rural broadband (invented)\n---\n\n"
BODY = (
    "THE COUNCIL OF THE EUROPEAN UNION,\n\n"
    "## I. INTRODUCTION\n\n"
    "1. WELCOMES the report.\n\n"
    "## II. FINDINGS\n\n"
    "### A. Planning\n\n"
    "2. NOTES the maps.\n\n"
    "3. SHARES the view.\n\n"
    "### B. Monitoring\n\n"
    "4. ACKNOWLEDGES the efforts:\n   a) indicators;\n   b) targets,\n\n   in good time.\n\n"
    "## III. RECOMMENDATIONS\n\n"
    "5. ENDORSES the recommendations.\n"
)


def _parse(tmp_path: Path, body: str) -> Document:
    (tmp_path / "document.md").write_text(FRONT + body, encoding="utf-8")
    return parse_document(tmp_path)


def _line_of(body: str, words: str) -> int:
    """The line of document.md on which `words` stand (the front matter comes first)."""
    return next(i for i, line in enumerate((FRONT + body).split("\n"), start=1) if words in line)


def _errors(tmp_path: Path, body: str) -> list[str]:
    with pytest.raises(SourceErrors) as caught:
        _parse(tmp_path, body)
    return caught.value.lines()


def test_a_section_holds_its_sub_sections_and_their_paragraphs(tmp_path: Path) -> None:
    document = _parse(tmp_path, BODY)
    findings = document.sections[1]
    assert [s.heading for s in document.sections] == ["I. INTRODUCTION", "II. FINDINGS", "III. RECOMMENDATIONS"]
    assert [p.number for p in findings.paragraphs] == [2, 3, 4]
    assert findings.range_label == "2–4"
    assert findings.own_paragraphs == ()
    assert [(s.heading, s.range_label, s.anchor) for s in findings.subsections] == [
        ("A. Planning", "2–3", "s-ii-a"),
        ("B. Monitoring", "4", "s-ii-b"),
    ]
    assert [s.line for s in findings.subsections] == [_line_of(BODY, "### A."), _line_of(BODY, "### B.")]
    # A paragraph's closing words after its points stay in its sub-section as in its section.
    assert findings.subsections[1].paragraphs[0].closing_words == "in good time."
    assert findings.subsections[1].paragraphs[0] is findings.paragraphs[-1]
    assert document.section_of(document.paragraph(3)) is findings
    assert [sub for sub, _ in findings.parts()] == list(findings.subsections)
    assert document.sections[0].subsections == () and document.sections[2].subsections == ()


def test_a_section_may_have_paragraphs_of_its_own_before_its_sub_sections(tmp_path: Path) -> None:
    body = BODY.replace("## II. FINDINGS\n\n", "## II. FINDINGS\n\n2. NOTES first.\n\n").replace(
        "2. NOTES the maps.\n\n3. SHARES the view.\n\n", "3. NOTES the maps.\n\n"
    )
    findings = _parse(tmp_path, body).sections[1]
    assert [p.number for p in findings.own_paragraphs] == [2]
    assert [(None if sub is None else sub.label, [p.number for p in ps]) for sub, ps in findings.parts()] == [
        (None, [2]),
        ("A", [3]),
        ("B", [4]),
    ]


def test_a_sub_section_before_any_section_is_refused(tmp_path: Path) -> None:
    body = BODY.replace("## I. INTRODUCTION", "### I. INTRODUCTION")
    assert _errors(tmp_path, body) == [
        f"{tmp_path.name}/document.md:{_line_of(body, '### I.')}: a sub-section heading ('### ') before any "
        "section heading ('## '); put a '## ' heading above it, or write it as '## ' if it is a section"
    ]


def test_a_section_with_neither_paragraphs_nor_sub_sections_is_refused(tmp_path: Path) -> None:
    body = "## I. INTRODUCTION\n\n1. WELCOMES the report.\n\n## II. FINDINGS\n\n## III. RECOMMENDATIONS\n\n2. ENDORSES it.\n"
    assert _errors(tmp_path, body) == [
        f"{tmp_path.name}/document.md:{_line_of(body, '## II.')}: section 'II. FINDINGS' has no paragraphs; add "
        "them (or '### ' sub-sections with theirs) or remove the heading"
    ]


def test_a_sub_section_without_paragraphs_is_refused_wherever_it_stands(tmp_path: Path) -> None:
    # One empty before the next sub-section, one at the end of the text: both in one run.
    body = BODY.replace("### B. Monitoring\n\n", "### B. Monitoring\n\n### C. Follow-up\n\n") + "\n### A. Later\n"
    assert _errors(tmp_path, body) == [
        f"{tmp_path.name}/document.md:{_line_of(body, '### B.')}: sub-section 'B. Monitoring' of section "
        "'II. FINDINGS' has no paragraphs; add them or remove the heading",
        f"{tmp_path.name}/document.md:{_line_of(body, '### A. Later')}: sub-section 'A. Later' of section "
        "'III. RECOMMENDATIONS' has no paragraphs; add them or remove the heading",
    ]


def test_a_sub_section_twice_in_its_section_is_refused(tmp_path: Path) -> None:
    body = BODY.replace("### B. Monitoring", "### A. Monitoring")
    assert _errors(tmp_path, body) == [
        f"{tmp_path.name}/document.md:{_line_of(body, '### A. Monitoring')}: sub-section 'A' appears twice under "
        f"section 'II. FINDINGS' (first on line {_line_of(body, '### A. Planning')}); letter sub-sections uniquely"
    ]


def test_the_same_letter_in_two_sections_is_two_sub_sections(tmp_path: Path) -> None:
    body = BODY.replace("5. ENDORSES", "### A. Commission\n\n5. ENDORSES")
    document = _parse(tmp_path, body)
    assert [s.anchor for section in document.sections for s in section.subsections] == ["s-ii-a", "s-ii-b", "s-iii-a"]


def test_a_sub_section_whose_anchor_is_a_sections_is_refused(tmp_path: Path) -> None:
    body = BODY.replace("## III. RECOMMENDATIONS", "## II A")
    assert _errors(tmp_path, body) == [
        f"{tmp_path.name}/document.md:{_line_of(body, '## II A')}: section 'II A' would have the same address as the "
        f"sub-section heading on line {_line_of(body, '### A. Planning')}; number or retitle one of them"
    ]


def test_words_under_the_first_heading_before_paragraph_1_stay_under_it(tmp_path: Path) -> None:
    # Where the Council put them ("I. INTRODUCTION", then "THE COUNCIL OF THE EUROPEAN UNION,"):
    # the words check reads the text in its order, and the full text shows it so.
    body = BODY.replace("THE COUNCIL OF THE EUROPEAN UNION,\n\n## I. INTRODUCTION\n\n", "")
    body = body.replace("1. WELCOMES", "## I. INTRODUCTION\n\nTHE COUNCIL OF THE EUROPEAN UNION,\n\n1. WELCOMES", 1)
    assert body.startswith("## I. INTRODUCTION")
    document = _parse(tmp_path, body)
    assert document.preamble == ()
    assert document.sections[0].opening_words == ("THE COUNCIL OF THE EUROPEAN UNION,",)
    assert all(s.opening_words == () for s in document.sections[1:])
    # Before the heading, they are the preamble, as before.
    assert _parse(tmp_path, BODY).preamble == ("THE COUNCIL OF THE EUROPEAN UNION,",)
    assert _parse(tmp_path, BODY).sections[0].opening_words == ()


def test_a_language_version_must_have_the_same_sub_sections(tmp_path: Path) -> None:
    first = _parse(tmp_path, BODY)
    flat = BODY.replace("### A. Planning\n\n", "").replace("### B. Monitoring\n\n", "")
    (tmp_path / "other").mkdir()
    other = _parse(tmp_path / "other", flat)
    assert mismatch(first, _parse(tmp_path / "other", BODY)) is None
    assert mismatch(first, other) == (f"part 2 has sub-headings over paragraphs none here, but 2-3, 4 in {first.path}")


def test_a_paragraphs_page_kept_while_serving_names_its_sub_section_as_it_now_stands(tmp_path: Path) -> None:
    """Under `mkdocs serve` a paragraph's page is kept while what it shows is the same: a
    retitled sub-heading changes its breadcrumb, though not the paragraph."""
    (tmp_path / "document.md").write_text(FRONT + BODY, encoding="utf-8")
    remembered.keep_recent(True)
    try:
        edition = build_edition(tmp_path)
        before = text.paragraph(edition, edition.document.paragraph(2))
        remembered.next_build()
        (tmp_path / "document.md").write_text(
            FRONT + BODY.replace("A. Planning", "A. Planning ahead"), encoding="utf-8"
        )
        edition = build_edition(tmp_path)
        after = text.paragraph(edition, edition.document.paragraph(2))
    finally:
        remembered.keep_recent(False)
    assert "A. Planning" in before.body and "Planning ahead" not in before.body
    assert "A. Planning ahead" in after.body


def test_a_first_heading_may_stand_before_the_recitals_and_the_lead_in(tmp_path: Path) -> None:
    # "I. INTRODUCTION", the words that open the text, the recitals, the lead-in, paragraph 1.
    body = BODY.replace("THE COUNCIL OF THE EUROPEAN UNION,\n\n## I. INTRODUCTION\n\n", "").replace(
        "1. WELCOMES",
        "## I. INTRODUCTION\n\nTHE COUNCIL OF THE EUROPEAN UNION,\n\n- RECALLING its conclusions;\n"
        "- NOTING the report;\n\nHEREBY ADOPTS THE FOLLOWING CONCLUSIONS:\n\n1. WELCOMES",
        1,
    )
    document = _parse(tmp_path, body)
    assert document.leading_section is document.sections[0]
    assert document.sections[0].opening_words == ("THE COUNCIL OF THE EUROPEAN UNION,",)
    assert [x.number for x in document.recitals] == [1, 2]
    assert document.lead_in == ("HEREBY ADOPTS THE FOLLOWING CONCLUSIONS:",)
    assert [p.number for p in document.sections[0].paragraphs] == [1]
    # Recitals before the first heading: the text opens with them, as before.
    before = body.replace("## I. INTRODUCTION\n\n", "").replace("HEREBY", "## I. INTRODUCTION\n\nHEREBY")
    assert _parse(tmp_path, before).leading_section is None
    assert _parse(tmp_path, BODY).leading_section is None

"""Hostile and accidental sources are refused at their line, before MkDocs touches the site.

The cases of the adversarial pass that got past the source checks: sizes that made MkDocs
fail after it had emptied `site/` ("File name too long", RecursionError), invisible
characters that silently changed what is matched, YAML that exhausted memory or the stack,
addresses a collection took from folder names unchecked, and failures that were tracebacks.
Each is a mistake in a copy of the small fixture (`fixtures/mini/`) or of a small
collection made of it, with the one line the maintainer reads. A handful run `mkdocs build`
to prove the previous site is left as it was, whatever stops the build.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from conclusions.core.edition import build_edition
from conclusions.core.errors import SourceError, shown
from conclusions.core.limits import SHOWN_LENGTH
from conclusions.core.pages import Page
from conclusions.core.site import all_pages, build_collection
from conclusions.core.unique_addresses import check_addresses, published_files
from conclusions.core.urls import SITE_FOLDERS

from site_tests.support.build import FIXTURES
from site_tests.unit.test_source_errors import Case, apply, check_all, copy_mini

MINI = FIXTURES / "mini"


DEEP_POINTS = "".join("  " * (depth + 1) + "- deeper\n" for depth in range(190))


DEEP_BLOCK = "".join("      " + "  " * depth + f"k{depth}:\n" for depth in range(40)) + "      " + "  " * 40 + "end"


CASES = [
    # Sizes MkDocs refused after it had emptied site/.
    Case(
        "heading-300-characters",
        "document.md",
        [("## A. FIRST STEPS", "## " + "LONG " * 60)],
        message="mini/document.md:23: the heading 'LONG LONG LONG LONG LONG LONG LONG LONG LONG LONG LONG LONG …' "
        "would make an address of 299 bytes, more than 200; number it (e.g. '## I. TITLE': the number names "
        "the address) or shorten it",
    ),
    Case(
        "section-number-4400-digits",
        "document.md",
        [("## A. FIRST STEPS", "## " + "7" * 4400 + ". FIRST STEPS")],
        message=f"mini/document.md:23: the section number '{'7' * 60}…' would make an address of 4,400 bytes, "
        "more than 200; correct it",
    ),
    Case(
        "paragraph-number-4400-digits",
        "document.md",
        [("3. NOTES", "3" * 4400 + ". NOTES")],
        message="mini/document.md:27: a paragraph number of 4,400 digits (at most 5); number the paragraphs 1, 2, 3, ...",
    ),
    Case(
        "registry-id-279-characters",
        "actors.yml",
        [("id: commission", "id: " + "c" * 279)],
        message=f"mini/actors.yml:5: 'id' of actor '{'c' * 60}…' is 279 characters long, more than 100 (it "
        "becomes part of a URL); shorten it",
    ),
    Case(
        "points-nested-190-deep",
        "document.md",
        [("3. NOTES the role of ENER work[^b];\n", "3. NOTES the role of ENER work[^b]:\n" + DEEP_POINTS)],
        message="mini/document.md:38: points of paragraph 3 are nested more than 10 levels deep here; indent this "
        "point less, or make it text of the point above",
    ),
    # Invisible characters that changed what is matched without a word.
    Case(
        "zero-width-joiner-in-a-verb",
        "document.md",
        [("2. INVITES", "2. INVI\u200dTES")],
        message="mini/document.md:25:8: the invisible character U+200D (ZERO WIDTH JOINER) hides inside the text "
        "and changes what it matches (an operative verb, a name); remove it",
    ),
    Case(
        "zero-width-space-in-a-name",
        "document.md",
        [("the Commission to map", "the Commis\u200bsion to map")],
        message="mini/document.md:25:22: the invisible character U+200B (ZERO WIDTH SPACE) hides inside the text "
        "and changes what it matches (an operative verb, a name); remove it",
    ),
    Case(
        "word-joiner",
        "document.md",
        [("RECALLS the Blue Deal", "RECALLS the Blue\u2060Deal")],
        message="mini/document.md:21:55: the invisible character U+2060 (WORD JOINER) hides inside the text and "
        "changes what it matches (an operative verb, a name); remove it",
    ),
    Case(
        "byte-order-mark-inside-the-text",
        "glossary.yml",
        [("expansion: Energy", "expansion: Ener\ufeffgy")],
        message="mini/glossary.yml:9:20: the invisible character U+FEFF (ZERO WIDTH NO-BREAK SPACE) hides inside "
        "the text and changes what it matches (an operative verb, a name); remove it",
    ),
    Case(
        "soft-hyphen",
        "instruments.yml",
        [("title: Ocean Charter", "title: Ocean Char\u00adter")],
        message="mini/instruments.yml:8:22: the invisible character U+00AD (SOFT HYPHEN) hides inside the text and "
        "changes what it matches (an operative verb, a name); remove it",
    ),
    Case(
        "zero-width-joiner-written-as-an-escape",
        "actors.yml",
        [("name: European Commission", 'name: "European \\u200dCommission"')],
        message="mini/actors.yml:6:11: the invisible character U+200D (ZERO WIDTH JOINER) in this value (written "
        "with an escape) hides inside the text and changes what it matches (an operative verb, a name); remove it",
    ),
    # YAML that Python could not read, or that took all memory.
    Case(
        "yaml-integer-of-4400-digits",
        "glossary.yml",
        [("definition: A gas.", "definition: " + "9" * 4400)],
        message="mini/glossary.yml:5:17: a number of 4,400 digits, more than 100; put it in quotes if it is text",
    ),
    Case(
        "yaml-nested-5000-deep",
        "glossary.yml",
        [("definition: A gas.", "definition: " + "[" * 5000 + "]" * 5000)],
        message="mini/glossary.yml:5:1014: lists and mappings are nested more than 32 levels deep here; the files "
        "of a site need a few levels: flatten the YAML",
    ),
    Case(
        "yaml-nested-40-deep-by-indentation",
        "glossary.yml",
        [("definition: A gas.", "definition:\n" + DEEP_BLOCK)],
        message="mini/glossary.yml:35:65: lists and mappings are nested more than 32 levels deep here; the files of "
        "a site need a few levels: flatten the YAML",
    ),
    Case(
        "yaml-aliases-nested-8-levels",
        "glossary.yml",
        [
            (
                "terms:",
                'a: &a ["x","x","x","x","x","x","x","x","x"]\n'
                + "".join(
                    f"{c}: &{c} [{', '.join([f'*{p}'] * 9)}]\n" for p, c in zip("abcdefg", "bcdefgh", strict=True)
                )
                + "terms:",
            )
        ],
        message="mini/glossary.yml:1:4: aliases (*name) repeat the value anchored here into 54,480,987 more "
        "values, more than 10,000; write the values out instead",
    ),
    Case(
        "yaml-alias-inside-itself",
        "glossary.yml",
        [("definition: A gas.", "definition: &loop [1, *loop]")],
        message="mini/glossary.yml:5:17: an alias (*name) inside the value it names; write the value out",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_each_case_is_one_line_at_its_source(case: Case, tmp_path: Path) -> None:
    source = copy_mini(tmp_path)
    apply(case, source)
    started = time.process_time()
    with pytest.raises(SourceError) as caught:
        check_all(source)
    assert str(caught.value) == case.message
    assert "\n" not in str(caught.value)
    assert time.process_time() - started < 30, "no case may take the time or memory its size asks for"


def test_a_key_that_aliases_multiply_is_quoted_in_a_few_dozen_characters(tmp_path: Path) -> None:
    """PyYAML's error for a key that is not text wrote the key out: nested aliases expanded it
    in memory (7 levels: 879 MB). The key is quoted cut, without being expanded."""
    source = copy_mini(tmp_path)
    anchors = '- &a ["x","x","x"]\n' + "".join(
        f"- &{c} [*{p}, *{p}, *{p}]\n" for p, c in zip("abcd", "bcde", strict=True)
    )
    (source / "glossary.yml").write_text(f"anchors:\n{anchors}? *e\n: value\n", encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        check_all(source)
    message = str(caught.value)
    assert message.startswith("mini/glossary.yml:6: key [[[[['x', 'x', 'x'], ['x'")
    assert message.endswith(" must be text")
    assert len(message) < 200


def test_shown_never_expands_more_than_it_shows() -> None:
    nested: object = ["x"] * 9
    for _ in range(12):  # 9**13 values if written out
        nested = [nested] * 9
    assert len(shown(nested)) == SHOWN_LENGTH + 1
    assert shown("W" * 10_000) == repr("W" * SHOWN_LENGTH + "…")
    assert shown(10**5000) == "(a number of 5,001 digits)"
    assert shown("ST 9876/24") == "'ST 9876/24'"


@pytest.mark.parametrize(
    ("heading", "slug"),
    [
        ("ΕΙΣΑΓΩΓΗ", "εισαγωγη"),
        ("Στόχοι για το 2030", "στόχοι-για-το-2030"),
        ("ВЪВЕДЕНИЕ И ЦЕЛИ", "въведение-и-цели"),
        # Latin titles keep the addresses published before: a-z and 0-9 only.
        ("OPENING REMARKS", "opening-remarks"),
        ("Énergie et climat", "nergie-et-climat"),
    ],
)
def test_an_unnumbered_heading_in_any_script_has_an_address(heading: str, slug: str, tmp_path: Path) -> None:
    source = copy_mini(tmp_path)
    apply(Case("heading", "document.md", [("## A. FIRST STEPS", f"## {heading}")]), source)
    edition = build_edition(source)
    assert [s.slug for s in edition.document.sections][1] == slug
    assert f"sections/{slug}.md" in {page.src for page in all_pages(edition)}


def test_a_heading_with_no_letter_or_digit_says_so(tmp_path: Path) -> None:
    source = copy_mini(tmp_path)
    apply(Case("heading", "document.md", [("## A. FIRST STEPS", "## – * –")]), source)
    with pytest.raises(SourceError) as caught:
        build_edition(source)
    assert str(caught.value) == (
        "mini/document.md:23: the heading '– * –' has no letter or digit to name its address; number it "
        "(e.g. '## I. TITLE')"
    )


_RULES = (
    "en:\n  months: [January, February, March, April, May, June, July, August, September, October, November, "
    "December]\n  date: {date}\n  by_date: [Council conclusions of]\n  paragraph: [paragraph]\n  of: [of]\n"
    "  and: [and]\n"
)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            _RULES.format(date='"{day} {year}"'),
            "mini/references.yml:3: 'date' of language 'en' must hold {month} once, not 0 times (it is written with "
            '{day}, {month}, {year}, e.g. "{day} {month} {year}"); correct it',
        ),
        (
            _RULES.format(date='"{day} {day} {month} {year}"'),
            "mini/references.yml:3: 'date' of language 'en' must hold {day} once, not 2 times (it is written with "
            '{day}, {month}, {year}, e.g. "{day} {month} {year}"); correct it',
        ),
        (
            _RULES.format(date='"{day} {month} {year} {era}"'),
            "mini/references.yml:3: 'date' of language 'en' holds a brace other than {day}, {month}, {year}; remove it",
        ),
        ("en: [1, 2]\n", "mini/references.yml:1: language 'en' must be a mapping of 'key: value' lines"),
        (
            _RULES.format(date='"{day} {month} {year}"').replace("[of]", "[on, off]"),
            "mini/references.yml:6: 'of' of language 'en' must be a list of texts and not empty; put the words yes, "
            "no, on and off in quotes",
        ),
    ],
)
def test_a_site_s_reference_words_are_checked_like_any_source(text: str, message: str, tmp_path: Path) -> None:
    source = copy_mini(tmp_path)
    (source / "references.yml").write_text(text, encoding="utf-8")
    from conclusions.core.errors import Problems
    from conclusions.core.references import read_rules

    problems = Problems()
    read_rules(source, problems)
    assert [str(e) for e in problems.errors] == [message]


def _collection(parent: Path, documents: dict[str, str]) -> Path:
    """source/ with the fixture's registries and one copy of its document per folder, edited."""
    source = parent / "source"
    source.mkdir()
    for registry in MINI.glob("*.yml"):
        if registry.name != "expected.yml":
            shutil.copy(registry, source)
    document = (MINI / "document.md").read_text(encoding="utf-8")
    for folder, front in documents.items():
        (source / "documents" / folder).mkdir(parents=True)
        text = document.replace("document_id: ST 10001/22\n", front)
        (source / "documents" / folder / "document.md").write_text(text, encoding="utf-8")
    return source


def _collection_error(source: Path) -> str:
    with pytest.raises(SourceError) as caught:
        c = build_collection(source)
        check_addresses(list(all_pages(c)), published_files(c))
    assert "\n" not in str(caught.value)
    return str(caught.value)


@pytest.mark.parametrize(
    "folder", ["a b", "x<y>", "index.html", "sitemap.xml", "javascript:void", "http:134744072", "Upper", "x" * 101]
)
def test_a_folder_name_is_a_prefix_only_when_an_id_could_be(folder: str, tmp_path: Path) -> None:
    source = _collection(tmp_path, {folder: "", "other": ""})
    message = _collection_error(source)
    assert message.startswith(f"source/documents/{folder}/document.md: the folder name {shown(folder)} (the prefix")
    assert message.endswith("; rename the folder, or give the document its document_id")


@pytest.mark.parametrize("folder", sorted(SITE_FOLDERS))
def test_a_folder_name_may_not_be_a_folder_of_the_site(folder: str, tmp_path: Path) -> None:
    source = _collection(tmp_path, {folder: "", "other": ""})
    assert _collection_error(source) == (
        f"source/documents/{folder}/document.md: the folder name '{folder}' (the prefix of a document without a "
        f"document id) is the name of the site's own folder /{folder}/; rename the folder, or give the document "
        "its document_id"
    )


@pytest.mark.parametrize("document_id", ["Glossary", "Instruments", "About", "Actors", "Verbs", "Text"])
def test_a_document_id_may_not_make_a_folder_of_the_site(document_id: str, tmp_path: Path) -> None:
    folder = document_id.lower()
    source = _collection(tmp_path, {folder: f"document_id: {document_id}\n"})
    assert _collection_error(source) == (
        f"source/documents/{folder}/document.md: document id '{document_id}' makes the prefix '{folder}', which is "
        f"the name of the site's own folder /{folder}/; correct the document id"
    )


def test_two_documents_with_one_id_name_both_files(tmp_path: Path) -> None:
    # The same id dated in two centuries makes two prefixes: 'st-10001-2022' and 'st-10001-1922'.
    source = _collection(tmp_path, {"st-10001-2022": "document_id: ST 10001/22\n", "st-10001-1922": ""})
    old = source / "documents" / "st-10001-1922" / "document.md"
    old.write_text(
        old.read_text(encoding="utf-8").replace("date: 2022-06-20", "document_id: ST 10001 /22\ndate: 1922-06-20"),
        encoding="utf-8",
    )
    assert _collection_error(source) == (
        "source/documents/st-10001-2022/document.md: document id 'ST 10001/22' is also the id of "
        "source/documents/st-10001-1922/document.md; each document of a collection has its own id: correct the id "
        "of one of them, or remove one"
    )


def test_redirect_pages_go_through_the_one_address_check(tmp_path: Path) -> None:
    source = _collection(tmp_path, {"st-10001-2022": "document_id: ST 10001/22\n"})
    (source / "collection.yml").write_text("formerly_at_root: st-10001-2022\n", encoding="utf-8")
    c = build_collection(source)
    files = published_files(c)
    assert "text/index.html" in files and "paragraphs/1/index.html" in files
    pages = list(all_pages(c))
    check_addresses(pages, files)
    intruder = Page("text/index.md", "Text", "", what="the page 'Text'", origin=("source/x.md", 1))
    with pytest.raises(SourceError) as caught:
        check_addresses([*pages, intruder], files)
    assert str(caught.value) == (
        "source/x.md:1: the page 'Text' would be published at text/, which is already the address of the file "
        "text/index.html; rename it: every page needs an address of its own"
    )

"""The importer: the seed in three shapes gives one document.md; small fixtures, one per structure.

Expectations come from the texts under test (counts of the original, lines of a fixture),
so that a test holds for any text of the same shape, not only for the one it reads.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any, cast

import conclusions
import pytest
from conclusions.core.edition import build_edition
from conclusions.core.model import Document, Paragraph, Recital
from conclusions.core.yamlsource import text_problem
from conclusions.importer import ImportFailure, ImportResult, import_document
from conclusions.importer.lines import join_wrapped
from conclusions.importer.verbs import shared_verbs
from conclusions.importer.words import words as importer_words

from site_tests.import_shapes import Shape, pdf_shape, plain_shape
from site_tests.support import yaml_data
from site_tests.support.imported import imported, own_language_register_texts

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "source"
SEED = SOURCE / "original" / "ST-14512-2023-INIT-en.txt"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"

# Where the hand-made source/document.md may differ from the import of its seed, and why:
# the comment lines written by hand at the top of the front matter. (`language` does not
# differ: the importer reads it from the register file name, ST-...-en.)
INTENDED_FRONT_MATTER_DIFFERENCES = {
    "hand-written comment lines": [
        "# Header of the Council document, as the Council register gives it.",
        '# The format is documented in README.md ("How to add a document").',
    ],
}


def _split(document_md: str) -> tuple[str, str]:
    """(front matter text, body) of a document.md."""
    assert document_md.startswith("---\n")
    end = document_md.index("\n---\n", 4)
    return document_md[4 : end + 1], document_md[end + 5 :]


def _same(first: ImportResult, second: ImportResult) -> bool:
    return (
        first.document_md == second.document_md
        and first.registries == second.registries
        and first.report.text() == second.report.text()
        and first.removed == second.removed
        and first.record == second.record
    )


def _seed() -> Path:
    """The flagship's original; when source/ holds another text, the tests made from it skip."""
    if not SEED.is_file():
        pytest.skip(f"{SEED.relative_to(ROOT)} is not there: source/ holds another text than the seed ST 14512/23")
    return SEED


@pytest.fixture(scope="module")
def seed_import() -> ImportResult:
    return imported(_seed())


@pytest.fixture(scope="module")
def shape() -> Shape:
    return plain_shape(_seed().read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def shape_dir(tmp_path_factory: pytest.TempPathFactory, shape: Shape) -> Path:
    folder = tmp_path_factory.mktemp("shapes")
    # The register's file names, so that the language comes the same way as for the seed.
    (folder / SEED.name).write_text(shape.text(), encoding="utf-8")
    (folder / SEED.with_suffix(".pdf").name).write_bytes(pdf_shape(shape))
    return folder


# -- 1. The Markdown-like seed gives the hand-made document.md --------------------------


def test_seed_body_is_the_hand_made_body(seed_import: ImportResult) -> None:
    _, imported = _split(seed_import.document_md)
    _, hand_made = _split((SOURCE / "document.md").read_text(encoding="utf-8"))
    assert imported == hand_made


def test_seed_front_matter_differs_only_as_intended(seed_import: ImportResult) -> None:
    imported, _ = _split(seed_import.document_md)
    hand_made, _ = _split((SOURCE / "document.md").read_text(encoding="utf-8"))
    intended = [line for lines in INTENDED_FRONT_MATTER_DIFFERENCES.values() for line in lines]
    assert all(line in hand_made.splitlines() for line in intended)
    assert [line for line in hand_made.splitlines() if line not in intended] == imported.splitlines()
    assert yaml_data.safe_load(imported) == yaml_data.safe_load(hand_made)


def test_seed_counts_are_the_original_counts(seed_import: ImportResult) -> None:
    original = SEED.read_text(encoding="utf-8")
    report = seed_import.report
    assert report.paragraphs == len(re.findall(r"^\d+\.\s", original, re.M))
    assert report.recitals == len(re.findall(r"^- ", original, re.M))
    assert report.footnotes == len(re.findall(r"^<sup>\d+</sup>\s", original, re.M))
    headings = [line for line in original.splitlines() if re.search(r"^[#* ]*[IVX]+\.\s", line)]
    assert report.sections == len(headings)
    assert report.unplaced == ()
    assert report.fields_missing == ()
    text = report.text()
    assert f"{report.paragraphs} paragraphs" in text and f"{report.footnotes} footnotes" in text
    # The rules of the Markdown-like shape are its only lines not carried over.
    assert seed_import.removed == tuple(line.strip() for line in original.splitlines() if line.strip() == "---")


def test_seed_registries(seed_import: ImportResult) -> None:
    # Every verb of the seed is in the shared list, and actors, terms and instruments come
    # from the shared registry: the new site needs no registry file of its own.
    assert seed_import.registries == {}
    hand_made = yaml_data.safe_load((SOURCE / "verbs.yml").read_text(encoding="utf-8"))["verbs"]
    found = {verb.verb: verb for verb in seed_import.report.verbs}
    assert set(found) == {entry["verb"] for entry in hand_made}
    assert {name: verb.request for name, verb in found.items()} == {e["verb"]: e["request"] for e in hand_made}
    assert all(verb.known for verb in found.values())


def test_seed_record(seed_import: ImportResult) -> None:
    record = yaml_data.safe_load(seed_import.record)
    assert record["input"] == SEED.name
    assert record["input_sha256"] == hashlib.sha256(SEED.read_bytes()).hexdigest()
    assert record["document_sha256"] == hashlib.sha256(seed_import.document_md.encode()).hexdigest()
    assert [entry["text"] for entry in record["removed"]] == list(seed_import.removed)
    assert record["options"] == {"number": None, "date": None, "title": None, "short_title": None, "language": None}


def test_seed_parses_with_the_core_parser(seed_import: ImportResult, tmp_path: Path) -> None:
    document = _parses(seed_import, tmp_path)
    assert len(document.paragraphs) == seed_import.report.paragraphs
    assert len(document.recitals) == seed_import.report.recitals
    assert len(document.footnotes) == seed_import.report.footnotes


def test_crlf_gives_the_same_document(seed_import: ImportResult, tmp_path: Path) -> None:
    path = tmp_path / SEED.name
    path.write_bytes(SEED.read_bytes().replace(b"\n", b"\r\n"))
    assert import_document(path).document_md == seed_import.document_md


# -- 2. Plain lines derived from the seed ------------------------------------------------


def test_plain_shape_is_what_it_claims(shape: Shape) -> None:
    text = shape.text()
    lines = text.splitlines()
    # Wrapped, hyphenated both ways, furniture on every page, markers glued.
    assert max(len(line) for line in lines) <= 92
    assert len(shape.compounds) >= 2 and len(shape.splits) >= 2
    assert shape.pages >= 5 and len(shape.furniture) == 3 * shape.pages
    assert sum(1 for line in lines if line.endswith("-")) >= len(shape.compounds) + len(shape.splits)
    assert re.search(r"(?:19|20)\d\d\d,", text)  # "30 April 20218,"
    assert "<sup>" not in text and "**" not in text


def test_plain_shape_gives_the_same_document(seed_import: ImportResult, shape: Shape, shape_dir: Path) -> None:
    result = imported(shape_dir / SEED.name)
    assert result.report.kind == "plain text lines"
    assert result.document_md == seed_import.document_md
    assert result.registries == seed_import.registries
    assert result.removed == tuple(shape.furniture)
    assert result.report.unplaced == ()
    # Each hyphenation was decided as the seed writes the word.
    _, body = _split(result.document_md)
    for compound in shape.compounds:
        assert compound in body
    for word in shape.splits:
        assert word in body


def test_a_dash_that_starts_a_wrapped_line_mid_sentence(
    seed_import: ImportResult, shape: Shape, tmp_path: Path
) -> None:
    # "... Security and Defence" / "– For a European Union ...": the same recital goes on,
    # since the line above could not end one; likewise "Scheme" / "– including" in a paragraph.
    text = shape.text()
    for words in ("Defence – For", "Scheme – including"):
        line = next(line for line in text.split("\n") if words in line)
        start = line.index(words) + len(words.split(" – ")[0])
        text = text.replace(line, line[:start] + "\n– " + line[start + 3 :], 1)
    assert "Defence\n– For a European Union" in text and "Scheme\n– including" in text
    path = tmp_path / SEED.name
    path.write_text(text, encoding="utf-8")
    result = import_document(path)
    assert result.document_md == seed_import.document_md
    assert result.report.unplaced == ()


def test_invisible_characters_are_taken_out(tmp_path: Path) -> None:
    text = (FIXTURES / "lettered-recitals.txt").read_text(encoding="utf-8")
    hostile = text.replace("drinking water", "drinking\u2028water").replace("A. Whereas", "A.\tWhereas\u202e\x07")
    path = tmp_path / "hostile.txt"
    path.write_text(hostile, encoding="utf-8")
    result = import_document(path)
    assert text_problem(result.document_md) is None
    assert result.document_md == imported(FIXTURES / "lettered-recitals.txt").document_md
    report = result.report.text()
    assert "U+202E" in report and "U+0007" in report


# -- 3. A Council-like PDF of those lines ----------------------------------------------


def test_pdf_gives_the_same_document(seed_import: ImportResult, shape: Shape, shape_dir: Path) -> None:
    result = imported(shape_dir / SEED.with_suffix(".pdf").name)
    assert result.report.kind == "PDF"
    assert result.document_md == seed_import.document_md
    assert result.removed == tuple(shape.furniture)
    assert result.report.unplaced == ()
    # Lines of a PDF are named by page and line.
    assert re.search(r"page \d+, line \d+: " + re.escape(shape.furniture[0]), result.report.text())


# -- 4. Small fixtures, one per structure ------------------------------------------------


def _fixture(name: str) -> tuple[str, ImportResult]:
    path = FIXTURES / name
    return path.read_text(encoding="utf-8"), imported(path)


def _blocks(document_md: str) -> list[str]:
    return _split(document_md)[1].strip("\n").split("\n\n")


def _line_number(text: str, start: str) -> int:
    return next(i for i, line in enumerate(text.split("\n"), start=1) if line.startswith(start))


def _opening_caps(text: str) -> set[str]:
    """Upper-case words that open a numbered paragraph or a ";" segment, from paragraph 1 on."""
    first = re.search(r"^1\.\s", text, re.M)
    assert first is not None, "no paragraph 1"
    body = text[first.start() :]
    found = set()
    for piece in re.split(r";|^\d+\.\s", body, flags=re.M):
        words = []
        for word in piece.split():
            if not (word.isalpha() and word.isupper()):
                break
            words.append(word)
        if sum(map(len, words)) >= 4:
            found.add(" ".join(words))
    return found


def _in_shared_list(run: str) -> bool:
    """Whether a run is a verb of the shared list ("CALLS" of "CALLS on" included)."""
    return any(
        " ".join(word for word in form.split() if word.isupper()) == run
        for verb in shared_verbs()
        for form in verb.forms
    )


def _parses(result: ImportResult, tmp_path: Path) -> Document:
    """The core reads the imported source folder (document.md and the registries) whole."""
    (tmp_path / "document.md").write_text(result.document_md, encoding="utf-8")
    for name, text in result.registries.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return build_edition(tmp_path).document


def test_lettered_recitals(tmp_path: Path) -> None:
    text, result = _fixture("lettered-recitals.txt")
    letters = re.findall(r"^([A-Z])\.\s", text, re.M)
    blocks = _blocks(result.document_md)
    assert [block[:2] for block in blocks if re.match(r"[A-Z]\.\s", block)] == [f"{letter}." for letter in letters]
    assert result.report.recitals == len(letters) and result.report.recital_kind == "letters"
    # A real compound keeps its line-end hyphen; a split word that the text has whole loses it.
    assert "know-how" in result.document_md and "infrastructure remains" in result.document_md
    # The register's "No. Cion doc." label is a header field of its own.
    cion = text.split("\n")[_line_number(text, "No. Cion doc.") - 1].split(": ", 1)[1]
    assert yaml_data.safe_load(_split(result.document_md)[0])["commission_document"] == cion
    # Unplaced lines are listed with their line numbers, and are not in document.md.
    for start in ("Statement by the Commission",):
        number = _line_number(text, start)
        line = text.split("\n")[number - 1]
        assert f"line {number}: {line}" in result.report.text()
        assert line not in result.document_md
    assert len(result.report.unplaced) == 1
    # Furniture: page footers, directorate lines and LIMITE, every one of them.
    furniture = [line for line in text.split("\n") if re.match(r"\d+/\d\d \w+/\w+ \d+$|TREE\.|LIMITE$", line)]
    assert list(result.removed) == furniture
    # Verbs: known ones from the shared list, the others marked new.
    expected_new = {run for run in _opening_caps(text) if not _in_shared_list(run)}
    assert expected_new
    assert {verb.verb for verb in result.report.new_verbs} == expected_new
    assert all(_in_shared_list(verb.forms[0].split()[0]) for verb in result.report.verbs if verb.known)
    assert all(f"{verb.verb}: " in result.report.text() for verb in result.report.verbs)
    assert "NEW" in result.report.text()
    assert len(_parses(result, tmp_path).recitals) == len(letters)


# The nesting the points of nested-points.txt must get (the text has no indentation to
# show it): a new kind of marker goes one level deeper after a line ending with ":",
# else it stands beside the point above; a kind seen before goes back to its level.
NESTED_POINTS = {
    2: ["a.", "b.", "  i.", "  ii.", "    –", "    –", "  iii.", "c."],
    3: ["(a)", "(b)", "  (i)", "  (ii)", "  –", "  –", "(c)"],
}


def test_nested_points(tmp_path: Path) -> None:
    text, result = _fixture("nested-points.txt")
    blocks = {int(block.split(".")[0]): block for block in _blocks(result.document_md) if re.match(r"\d+\.", block)}
    for number, expected in NESTED_POINTS.items():
        lines = blocks[number].split("\n")
        assert lines[0].endswith(":")  # "On partnerships:" keeps its verbs in the points
        shape = []
        for line in lines[1:]:
            indent = len(line) - len(line.lstrip(" "))
            assert indent % 3 == 0 and indent >= 3
            shape.append("  " * (indent // 3 - 1) + line.split()[0])
        assert shape == expected
    # Each point line of the fixture is one point, its words whole.
    point_lines = [line for line in text.split("\n") if re.match(r"(?:\(?[a-z]+[.)]|–)\s", line)]
    assert result.report.points == len(point_lines)
    for line in point_lines:
        assert line.split(" ", 1)[1].split(";")[0] in result.document_md
    assert "funding for joint calls with African partners" in result.document_md  # wrapped point joined
    assert result.report.unplaced == ()
    # Verbs that stand in the points are found.
    found = {verb.verb for verb in result.report.verbs}
    assert _opening_caps(re.sub(r"^(?:\(?[a-z]+[.)]|–)\s", "", text, flags=re.M)) <= found
    parsed = _parses(result, tmp_path)
    assert len(parsed.paragraphs) == len(blocks)


def test_markers_glued_to_years_without_texts(tmp_path: Path) -> None:
    text, result = _fixture("markers-without-text.txt")
    glued = re.findall(r"\b(?:19|20)\d\d(\d{1,2}),", text)
    assert glued and [int(n) for n in glued] == list(range(1, len(glued) + 1))
    for number in glued:
        assert f"\n[^{number}]:\n" in result.document_md + "\n"  # defined, without text
    assert result.report.footnotes_without_text == tuple(glued)
    for year in re.findall(r"\b((?:19|20)\d\d)\d{1,2},", text):
        assert f"{year}[^" in result.document_md
    assert "G7" in result.document_md  # digits after a word, but not the next marker
    assert "without text" in result.report.text()
    # The form feed in the middle of a line starts a page there.
    assert result.report.paragraphs == len(re.findall(r"(?:^|\f)\d+\.\s", text, re.M))
    assert len(_parses(result, tmp_path).footnotes) == len(glued)


def test_presidency_note_with_annex(tmp_path: Path) -> None:
    text, result = _fixture("presidency-annex.txt")
    lines = text.split("\n")
    annex = lines.index("ANNEX")
    cover_numbers = [line.split(".")[0] for line in lines[:annex] if re.match(r"\d+\.\s", line)]
    annex_numbers = [line.split(".")[0] for line in lines[annex:] if re.match(r"\d+\.\s", line)]
    blocks = _blocks(result.document_md)
    heading = blocks.index("# ANNEX")
    assert [block.split(".")[0] for block in blocks[:heading]] == cover_numbers
    after = [block.split(".")[0] for block in blocks[heading:] if re.match(r"\d+\.\s", block)]
    assert after == annex_numbers == [str(n) for n in range(1, len(annex_numbers) + 1)]
    header = yaml_data.safe_load(_split(result.document_md)[0])
    title = lines[annex + 1]
    rest = title.split(" on the ", 1)[1]
    assert header["title"] == title and header["short_title"] == rest[0].upper() + rest[1:]
    assert header["subject"].startswith(lines[_line_number(text, "Subject:") - 1].split(": ", 1)[1])
    assert "cover_note" in result.report.fields_missing  # no "Delegations will find" sentence
    # The ANNEX repeated at the top of a page is furniture; the first one is the heading.
    assert result.removed.count("ANNEX") == lines.count("ANNEX") - 1
    assert result.report.unplaced == ()
    parsed = _parses(result, tmp_path)
    assert parsed.annex == "ANNEX" and len(parsed.cover) == len(cover_numbers)


def test_french_text(tmp_path: Path) -> None:
    text, result = _fixture("french.txt")
    header = yaml_data.safe_load(_split(result.document_md)[0])
    assert "14 mars 2024" in header["place_date"] and str(header["date"]) == "2024-03-14"
    assert header["title"].startswith("Conclusions du Conseil")
    assert header["citation_title"] == header["title"]  # "Conclusions" opens it: not lowered
    assert header["title"].lower().endswith(header["short_title"].lower())
    expected = _opening_caps(text)
    found = {verb.verb for verb in result.report.verbs}
    assert expected == found
    new = {run for run in expected if not _in_shared_list(run)}
    assert {verb.verb for verb in result.report.new_verbs} == new
    # The shared list holds French verbs: only the ones it lacks go into the site's verbs.yml.
    assert new != expected
    verbs = yaml_data.safe_load(result.registries["verbs.yml"])["verbs"] if new else []
    assert {verb["verb"] for verb in verbs} == new
    assert all(verb["request"] is False for verb in verbs)  # unknown verbs: request false
    report = result.report.text()
    for verb in new:
        assert re.search(rf"{re.escape(verb)}: .*NEW", report)
    assert len(_parses(result, tmp_path).paragraphs) == result.report.paragraphs


# -- Rules and options -------------------------------------------------------------------


def test_line_end_hyphens() -> None:
    words = Counter({"interconnected": 2, "attack": 3, "cyber": 1})
    assert join_wrapped("closely inter-", "connected;", words) == "closely interconnected;"
    assert join_wrapped("the cyber-", "attack against", words) == "the cyber-attack against"
    assert join_wrapped("end-to-", "end encryption", words) == "end-to-end encryption"
    assert join_wrapped("Defence", "– For a European Union", words) == "Defence – For a European Union"
    assert join_wrapped("soft\u00ad", "hyphen", words) == "softhyphen"


def test_options_override_the_text(tmp_path: Path) -> None:
    result = import_document(
        FIXTURES / "french.txt",
        number="7345/24 REV 1",
        date="2024-03-15",
        title="Conclusions du Conseil sur la police",
        short_title="Police",
        language="fr",
    )
    header = yaml_data.safe_load(_split(result.document_md)[0])
    assert header["number"] == "7345/24 REV 1" and header["document_id"] == "ST 7345/24 REV 1"
    assert str(header["date"]) == "2024-03-15" and header["language"] == "fr"
    assert header["title"] == "Conclusions du Conseil sur la police" and header["short_title"] == "Police"
    assert yaml_data.safe_load(result.record)["options"]["date"] == "2024-03-15"
    assert "Options: number=7345/24 REV 1" in result.report.text()


@pytest.mark.parametrize("date", ["2024-02-30", "13 November 2023", "2024-3-1", "20240301"])
def test_a_date_must_be_a_real_iso_date(date: str) -> None:
    with pytest.raises(ImportFailure) as failure:
        import_document(FIXTURES / "french.txt", date=date)
    message = str(failure.value)
    assert "\n" not in message and date in message and "YYYY-MM-DD" in message


def test_text_must_be_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Conseil de l'Union européenne\n".encode("latin-1"))
    with pytest.raises(ImportFailure, match="UTF-8"):
        import_document(path)


def _blank_pdf() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(10, 10, 50, 50)
    return bytes(pdf.output())


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("broken.pdf", b"%PDF-1.4\nbroken", "cannot be read"),
        ("scan.pdf", None, "no text layer"),
        ("empty.txt", b"\n \n", "empty"),
        ("untitled.txt", b"1. NOTES that the text has no title.\n", "no title found"),
    ],
)
def test_what_cannot_be_imported_says_what_to_fix(name: str, content: bytes | None, says: str, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_bytes(_blank_pdf() if content is None else content)
    with pytest.raises(ImportFailure, match=says) as failure:
        import_document(path)
    assert "\n" not in str(failure.value)
    with pytest.raises(ImportFailure, match="cannot be read"):
        import_document(tmp_path / "missing.txt")


# -- 5. Same input, same output --------------------------------------------------------


@pytest.mark.parametrize("name", ["seed", "plain", "pdf", *sorted(p.name for p in FIXTURES.glob("*.txt"))])
def test_same_input_same_output(name: str, request: pytest.FixtureRequest) -> None:
    if name in ("seed", "plain", "pdf"):
        shape_dir: Path = request.getfixturevalue("shape_dir")
        shapes = {"seed": SEED, "plain": shape_dir / SEED.name, "pdf": shape_dir / SEED.with_suffix(".pdf").name}
        path = shapes[name]
    else:
        path = FIXTURES / name
    # One import shared with the other tests that read this input, one made here.
    assert _same(imported(path), import_document(path))


# -- 6. The shapes the register and the Official Journal publish (fixtures/import/README.md) ---

REAL_SHAPED = {
    # text -> (its PDF-extraction variants of the same text, the layout it is drawn in)
    "ST-10987-2024-INIT-en.txt": (["ST-10987-2024-INIT-en-extracted.txt"], "register"),
    "EUCO-31-2024-INIT-en.txt": ([], "register"),
    "OJ-C-2024-4521-en.txt": ([], "journal"),
    "OJ-C-2024-5230-en.txt": ([], "journal"),
    "ST-11402-2024-INIT-en.txt": ([], "register"),
    "ST-8802-2025-INIT-en.txt": ([], "register"),
    "ST-6044-2026-INIT-en.txt": ([], "register"),
    "ST-11250-2026-INIT-en.txt": ([], "register"),
    "ST-7342-2026-INIT-en.txt": ([], "register"),
    "ST-7415-2026-INIT-fr.txt": ([], "register"),
    "ST-15230-2026-INIT-en.txt": ([], "register"),
    "ST-15612-2026-INIT-en.txt": ([], "register"),
    "ST-16801-2026-INIT-en.txt": ([], "register"),
    "ST-15920-2026-INIT-en.txt": ([], "register"),
}


def _expected(name: str) -> dict[str, Any]:
    return cast(
        "dict[str, Any]",
        yaml_data.safe_load((FIXTURES / name.replace(".txt", ".expected.yml")).read_text(encoding="utf-8")),
    )


@pytest.fixture(scope="module")
def drawn(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each real-shaped text drawn as a PDF in its layout, under the text's register name."""
    from site_tests.import_shapes import draw

    folder = tmp_path_factory.mktemp("drawn")
    made = {}
    for name, (_, layout) in REAL_SHAPED.items():
        made[name] = folder / name.replace(".txt", ".pdf")
        made[name].write_bytes(draw(FIXTURES / name, layout))
    return made


@pytest.mark.parametrize("name", sorted(REAL_SHAPED))
def test_a_real_shaped_text_is_read_as_a_person_reads_it(name: str, tmp_path: Path) -> None:
    result = imported(FIXTURES / name)
    expected = _expected(name)
    assert result.report.text().startswith("Verdict: ready to publish")
    assert result.report.unplaced == () and result.report.doubtful == ()
    header = yaml_data.safe_load(_split(result.document_md)[0])
    for field, value in expected["header"].items():
        assert str(header[field]) == str(value) if not isinstance(value, list) else header[field] == value, field
    document = _parses(result, tmp_path)
    assert document.header.document_id == expected["document_id"]
    assert len(document.paragraphs) == expected["paragraphs"]
    headings = [s.heading for s in document.sections if not s.implicit]
    assert headings == expected.get("headings", headings)
    # Headings one level down only where the text has them ("A. Planning" under "II. FINDINGS"):
    # a text lettered throughout keeps its headings as sections.
    subheadings = {
        s.heading: {sub.heading: [p.number for p in sub.paragraphs] for sub in s.subsections}
        for s in document.sections
        if s.subsections
    }
    assert subheadings == expected.get("subheadings", {})
    opening = {s.heading: list(s.opening_words) for s in document.sections if s.opening_words}
    assert opening == expected.get("opening_words", {})
    if "cover_blocks" in expected:
        assert len(document.cover) == expected["cover_blocks"]
    if "appendix_blocks" in expected:
        assert len(document.appendix) == expected["appendix_blocks"]
    # The words that close a paragraph or recital after its points are its own, not its last point's.
    items: list[Paragraph | Recital] = [*document.recitals, *document.paragraphs]
    closings = {p.label: re.sub(r"\[\^\w+\]", "", p.closing_words) for p in items if p.closing}
    wanted = {f"Paragraph {n}": words for n, words in expected.get("closing", {}).items()}
    wanted |= {f"Recital {n}": words for n, words in expected.get("recital_closing", {}).items()}
    assert closings == wanted
    # The title is never longer than a title: no heading or paragraph taken in.
    assert header["title"] == expected["header"]["title"]


@pytest.mark.parametrize("name", sorted(REAL_SHAPED))
def test_every_shape_of_a_text_gives_its_document(name: str, drawn: dict[str, Path]) -> None:
    clean = imported(FIXTURES / name)
    variants, _ = REAL_SHAPED[name]
    for other in [*(FIXTURES / v for v in variants), drawn[name]]:
        result = imported(other)
        assert result.document_md == clean.document_md, other.name
        assert result.report.text().startswith("Verdict: ready to publish"), other.name
    pdf = imported(drawn[name])
    assert pdf.report.kind == "PDF"
    # Every footer and page head of the PDF is recorded as removed, none of the text.
    assert all(line.where.page for line in pdf.report.removed)


def test_the_extraction_variants_are_what_they_claim() -> None:
    text = (FIXTURES / "ST-10987-2024-INIT-en-extracted.txt").read_text(encoding="utf-8")
    lines = text.split("\n")
    assert "3" in lines and "4" in lines  # lone page numbers
    assert "ST 10987/24 ANNEX TREE.2.B EN" in lines  # the page head, with and without blank lines around
    assert "\nST 10987/24 ANNEX TREE.2.B EN\n\n" in text
    assert "II." in lines and any(line.startswith("I.\t") for line in lines)  # headings on two lines, by a tab
    assert re.search(r"^2\n\S", text, re.M)  # a footnote number on its own line
    result = imported(FIXTURES / "ST-10987-2024-INIT-en-extracted.txt")
    removed = list(result.removed)
    assert removed.count("ST 10987/24 ANNEX TREE.2.B EN") == 2 and "3" in removed and "4" in removed


def test_a_european_council_text_asks_in_prose(tmp_path: Path) -> None:
    result = imported(FIXTURES / "EUCO-31-2024-INIT-en.txt")
    requests = {verb.verb for verb in result.report.verbs if verb.request}
    assert {"CALLS ON", "INVITES", "URGES", "ASKS"} <= requests
    edition = build_edition(_import_folder(result, tmp_path))
    asked = {a.id for clauses in edition.clauses.values() for c in clauses for a in c.addressees}
    assert {"council", "commission", "member-states"} <= asked


def test_an_official_journal_act_is_at_its_eli(tmp_path: Path) -> None:
    result = imported(FIXTURES / "OJ-C-2024-4521-en.txt")
    header = yaml_data.safe_load(_split(result.document_md)[0])
    assert header["eli"] == _expected("OJ-C-2024-4521-en.txt")["header"]["eli"]
    assert "institution" not in header  # the Journal's head is furniture, not the institution
    removed = list(result.removed)
    assert "Official Journal" in removed and any(line.startswith("ELI:") for line in removed)
    assert any("numbers it 3" in note for note in result.report.notes), "unnumbered paragraphs are said"


def _import_folder(result: ImportResult, folder: Path) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "document.md").write_text(result.document_md, encoding="utf-8")
    for name, text in result.registries.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_a_title_that_takes_in_the_text_is_a_fault(tmp_path: Path) -> None:
    # Conclusions without a title line, whose first line of text is a long paragraph: the title
    # would take it in. The import says so, its verdict is no success, and the build refuses.
    text = (FIXTURES / "EUCO-31-2024-INIT-en.txt").read_text(encoding="utf-8")
    opening = " ".join(["The European Council held an exchange of views with the President of Moldova."] * 6)
    text = text.replace("Conclusions – 24 October 2024\n", opening + "\n")
    path = tmp_path / "EUCO-31-2024-INIT-en.txt"
    path.write_text(text, encoding="utf-8")
    result = import_document(path)
    assert [doubt.where for doubt in result.report.doubtful] == ["title"]
    assert result.report.text().startswith("Verdict: 1 line needs a decision")
    from conclusions.core.errors import SourceErrors
    from conclusions.core.fidelity import check_site
    from conclusions.core.site import build_collection

    source = _import_folder(result, tmp_path / "source")
    (source / "original").mkdir()
    (source / "original" / path.name).write_bytes(path.read_bytes())
    (source / "import.yml").write_text(result.record, encoding="utf-8")
    with pytest.raises(SourceErrors) as refused:
        check_site(source, build_collection(source))
    assert "the title ('title')" in str(refused.value) and "taken in text of the body" in str(refused.value)


def test_a_text_that_is_no_conclusions_is_refused_with_what_was_read(tmp_path: Path) -> None:
    # The cover note of a note, without conclusions: numbered paragraphs that are the note's.
    text = (FIXTURES / "ST-10987-2024-INIT-en.txt").read_text(encoding="utf-8").split("ANNEX\n")[0]
    path = tmp_path / "note.txt"
    path.write_text(text.replace("Projet de conclusions du Conseil", "Rapport"), encoding="utf-8")
    with pytest.raises(ImportFailure) as failure:
        import_document(path)
    assert "no numbered paragraphs of conclusions found" in str(failure.value)
    assert failure.value.report is not None and "Verdict: not imported" in failure.value.report.text()


def test_a_re_import_keeps_the_accepted_differences(tmp_path: Path) -> None:
    from conclusions.cli import main

    site = tmp_path / "site"
    assert main(["new", str(site), "--from", str(FIXTURES / "lettered-recitals.txt")]) == 0
    record = site / "source" / "import.yml"
    accepted = (
        "accepted:\n  - where: line 38\n    words: 'Statement by the Commission: see the addendum to this document.'\n"
        "    reason: the statement is published in the addendum\n"
    )
    record.write_text(record.read_text(encoding="utf-8") + accepted, encoding="utf-8")
    assert main(["import", str(FIXTURES / "lettered-recitals.txt"), "--source", str(site / "source")]) == 0
    data = yaml_data.safe_load(record.read_text(encoding="utf-8"))
    assert data["accepted"][0]["reason"] == "the statement is published in the addendum"


def test_a_re_import_keeps_the_checked_doubtful_lines(tmp_path: Path) -> None:
    from conclusions.cli import main

    path, _text = _with("ST-9876-2024-INIT-en.txt", "C. RECOGNISING that", "RECOGNISING that", tmp_path)
    site = tmp_path / "site"
    assert main(["new", str(site), "--from", str(path)]) == 0
    record = site / "source" / "import.yml"
    doubt = yaml_data.safe_load(record.read_text(encoding="utf-8"))["doubtful"][0]
    checked = (
        f"checked:\n  - where: {doubt['where']}\n    text: {json.dumps(doubt['text'])}\n"
        "    reason: joined to the recital above in the original too\n"
    )
    record.write_text(record.read_text(encoding="utf-8") + checked, encoding="utf-8")
    assert main(["import", str(path), "--source", str(site / "source")]) == 0
    data = yaml_data.safe_load(record.read_text(encoding="utf-8"))
    assert data["checked"] == [
        {**{k: doubt[k] for k in ("where", "text")}, "reason": "joined to the recital above in the original too"}
    ]


@pytest.mark.parametrize(
    "name",
    [
        *(
            f"{number}-{language}.txt"
            for number in ("ST-9877-2024-INIT", "ST-11403-2024-INIT")
            for language in ("fr", "de")
        ),
        *own_language_register_texts(),
    ],
)
def test_a_french_or_german_register_text_is_read_in_its_own_shape(name: str, tmp_path: Path) -> None:
    """Texts in the register's shape in another language than English (fixtures/import/
    ST-9877-2024-INIT-fr.txt, -de.txt, ST-11403-..., and each whose hand reading has
    `register_shape:`, one a language: Italian, Spanish, Dutch ...; invented): the header in its labels, «» and „“ quotes, the recitals'
    participles ("RAPPELANT", "UNTER HINWEIS"; lettered, or one a line with no mark), the lead-in,
    and operative verbs the shared list holds ("SOULIGNE", "FORDERT … AUF"), read as the hand
    reading beside each text says."""
    language = name.removesuffix(".txt").rsplit("-", 1)[1]
    result = imported(FIXTURES / name)
    expected = _expected(name)
    assert result.report.text().startswith("Verdict: ready to publish")
    assert result.report.unplaced == () and result.report.doubtful == ()
    assert result.report.new_verbs == ()
    header = yaml_data.safe_load(_split(result.document_md)[0])
    for field, value in expected["header"].items():
        assert str(header[field]) == str(value), field
    document = _parses(result, tmp_path)
    assert len(document.paragraphs) == expected["paragraphs"]
    assert [r.letter or r.number for r in document.recitals] == expected["recitals"]
    verbs = [clause[0] for number in sorted(expected["clauses"]) for clause in expected["clauses"][number]]
    assert [v.verb for v in result.report.verbs if v.verb in verbs] == sorted(set(verbs))
    # The documents its footnotes cite by number are named in its language (registry/citations.yml).
    words = yaml_data.safe_load(
        (Path(conclusions.__file__).parent / "registry" / "citations.yml").read_text(encoding="utf-8")
    )[language]
    cited = [i for i in build_edition(tmp_path).registries.instruments if i.automatic and i.id.startswith("st-")]
    assert cited and all(i.name.startswith(words["council_document"]) for i in cited)


# Invented texts in sentence case, one a language, as the Council and the Representatives of the
# Governments of the Member States write them; each beside its hand reading.
SENTENCE_CASE = FIXTURES.parent / "sentence-case"


@pytest.mark.parametrize("name", sorted(p.name for p in SENTENCE_CASE.glob("*.txt")))
def test_a_text_in_sentence_case_opens_its_clauses_in_its_language(name: str, tmp_path: Path) -> None:
    """The shared list's lower-case forms of each language open a clause after the subject of
    their sentence ("Il Consiglio invita", "Essi sottolineano", "La Commissione è invitata", "In
    dit verband verzoekt de Raad", "Komisja jest proszona"), as the hand reading beside each text
    (fixtures/sentence-case/) says."""
    expected = yaml_data.safe_load((SENTENCE_CASE / name.replace(".txt", ".expected.yml")).read_text("utf-8"))
    result = import_document(SENTENCE_CASE / name)
    assert result.report.text().startswith("Verdict: ready to publish")
    assert result.report.new_verbs == ()
    edition = build_edition(_import_folder(result, tmp_path / "site"))
    clauses = {n: [(c.verb.name, [a.id for a in c.addressees]) for c in cs] for n, cs in edition.clauses.items()}
    assert clauses == {n: [(verb, list(asked))] for n, (verb, asked) in expected["clauses"].items()}


# -- 7. Recitals one a line with no dash or letter, each opened by a participle in capitals ---


def test_recitals_without_a_mark_are_recitals(tmp_path: Path) -> None:
    """ST-11402-2024-INIT-en.txt (invented): after "THE COUNCIL OF THE EUROPEAN UNION," each
    line opened by "RECALLING", "NOTING", "HAVING REGARD TO" ... is a recital, its wrapped lines
    go on with it, and the preamble keeps its one line; the report says the edition marks them."""
    name = "ST-11402-2024-INIT-en.txt"
    text = (FIXTURES / name).read_text(encoding="utf-8")
    preamble = "THE COUNCIL OF THE EUROPEAN UNION,"
    zone = text.split(preamble + "\n")[1].split("\nHEREBY APPROVES")[0].split("\n")
    # The lines that open with a word in capitals open the recitals; the others go on with them.
    recitals: list[list[str]] = []
    for line in zone:
        first = line.split()[0]
        if first.isalpha() and first.isupper() and len(first) > 2:
            recitals.append([line])
        else:
            recitals[-1].append(line)
    result = imported(FIXTURES / name)
    document = _parses(result, tmp_path)
    assert len(recitals) == len(_expected(name)["recitals"]) == len(document.recitals)
    assert document.preamble == (preamble,)
    for recital, lines in zip(document.recitals, recitals, strict=True):
        words_of = re.findall(r"[A-Za-z]+", " ".join(lines))
        assert re.findall(r"[A-Za-z]+", re.sub(r"\[\^\d+\]", "", recital.text)) == words_of, recital.number
    assert any("without a dash or letter" in note for note in result.report.notes)
    assert result.report.recital_kind == "no mark, written with dashes"
    assert result.report.text().startswith("Verdict: ready to publish")
    # The dashed lines after a recital that ends with ":" are its items, not recitals.
    items = [line for line in zone if line.startswith("– ")]
    assert items and [p.marker for r in document.recitals for p in r.points] == ["–"] * len(items)


def _with(name: str, old: str, new: str, tmp_path: Path) -> tuple[Path, str]:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    assert old in text
    changed = text.replace(old, new)
    path = tmp_path / name
    path.write_text(changed, encoding="utf-8")
    return path, changed


def test_a_recital_opener_read_into_another_part_is_doubtful(tmp_path: Path) -> None:
    """In a text that letters its recitals, a line opened by "RECOGNISING" without its letter is
    joined to the recital above: the report lists it as doubtful with its line, and the verdict
    is no "ready to publish"."""
    path, text = _with("ST-9876-2024-INIT-en.txt", "C. RECOGNISING that", "RECOGNISING that", tmp_path)
    result = import_document(path)
    number = _line_number(text, "RECOGNISING that")
    assert f"line {number}" in [doubt.where for doubt in result.report.doubtful]
    assert f"line {number}: RECOGNISING that" in result.report.text()
    assert not result.report.text().startswith("Verdict: ready to publish")
    record = yaml_data.safe_load(result.record)
    assert f"line {number}" in [entry["where"] for entry in record["doubtful"]]


def test_dashed_recitals_stay_as_they_are(tmp_path: Path) -> None:
    """The same recitals with dashes: the dashes open them, as before, and nothing is doubtful;
    a line opened by a participle inside a dashed recital is doubtful, not a recital. (Without
    the dashed items of recital 5: in a text that dashes its recitals, a dash opens a recital.)"""
    name = "ST-11402-2024-INIT-en.txt"
    items = ":\n– ports and locks;\n– bridges and weirs;\n"
    text = (FIXTURES / name).read_text(encoding="utf-8")
    assert items in text
    text = text.replace(items, " ports and locks, bridges and weirs;\n")
    body = text.split("THE COUNCIL OF THE EUROPEAN UNION,\n")[1].split("HEREBY APPROVES")[0]
    dashed = "".join(
        f"- {line}\n" if importer_words().recital_openers.match(line) else f"{line}\n" for line in body.splitlines()
    )
    (tmp_path / "plain").mkdir()
    (tmp_path / "plain" / name).write_text(text, encoding="utf-8")
    path = tmp_path / name
    path.write_text(text.replace(body, dashed), encoding="utf-8")
    plain, marked = import_document(tmp_path / "plain" / name), import_document(path)
    assert plain.report.recitals == len(_expected(name)["recitals"])
    assert marked.report.recitals == plain.report.recitals and marked.report.doubtful == ()
    assert not any("without a dash or letter" in note for note in marked.report.notes)
    assert marked.report.recital_kind == "dashes"
    assert _blocks(marked.document_md) == _blocks(plain.document_md)
    # "and\nNOTING" inside a dashed recital: joined, and said.
    path.write_text(text.replace(body, dashed.replace("- NOTING", "NOTING")), encoding="utf-8")
    joined = import_document(path)
    assert joined.report.recitals == plain.report.recitals - 1
    assert [d.text[:7] for d in joined.report.doubtful] == ["NOTING "]
    # Its words are on the site, so only a person can tell: the build refuses it until one has.
    verdict = joined.report.text().split("\n")[0]
    assert verdict.startswith("Verdict: 1 line needs a decision: check each doubtful line") and "'checked:'" in verdict
    assert verdict.endswith("until then `mkdocs build` refuses the site")


def test_a_list_introduced_in_capitals_keeps_its_reading(tmp_path: Path) -> None:
    """ "RECALLING THAT:" all in capitals introduces the items after it (a resolution's list):
    it opens no recital of its own, and is not doubtful."""
    result = imported(FIXTURES / "OJ-C-2024-4521-en.txt")
    text = (FIXTURES / "OJ-C-2024-4521-en.txt").read_text(encoding="utf-8")
    assert "RECALLING THAT:" in text and result.report.doubtful == ()
    assert not any(block.startswith("- RECALLING THAT:\n") for block in _blocks(result.document_md))


def test_a_resolution_a_paragraph_a_line_with_recitals_without_a_mark(tmp_path: Path) -> None:
    """The Official Journal's shape (a paragraph per line, OJ-C-2024-4521-en.txt) with its
    "HAVING REGARD TO:" and "RECALLING THAT:" lists written as recitals without a mark instead,
    each line opened by "RECALLING" or "NOTING that": each line a recital, none in the preamble."""
    name = "OJ-C-2024-4521-en.txt"
    text = (FIXTURES / name).read_text(encoding="utf-8")
    lists = text.split("HAVING REGARD TO:\n")[1].split("HEREBY RESOLVES:\n")[0]
    items = [line for line in lists.splitlines() if not line.endswith("THAT:")]
    recitals = [f"RECALLING {line}" if line.startswith("the ") else f"NOTING that {line}" for line in items]
    path = tmp_path / name
    path.write_text(text.replace("HAVING REGARD TO:\n" + lists, "\n".join(recitals) + "\n"), encoding="utf-8")
    result = import_document(path)
    document = _parses(result, tmp_path)
    assert [r.text[:12] for r in document.recitals] == [line[:12] for line in recitals]
    assert document.preamble[-1].startswith("THE COUNCIL")  # after the act's number in brackets
    assert not any(word in " ".join(document.preamble) for word in ("RECALLING", "NOTING"))
    assert result.report.text().startswith("Verdict: ready to publish")


def test_a_lead_in_over_two_lines(tmp_path: Path) -> None:
    """A lead-in wrapped onto a second line in lower case after the recitals: one lead-in."""
    path, _ = _with(
        "ST-11402-2024-INIT-en.txt",
        "HEREBY APPROVES THE FOLLOWING CONCLUSIONS:\n",
        "HEREBY APPROVES THE FOLLOWING CONCLUSIONS ON THE\nresilience of waterways:\n",
        tmp_path,
    )
    result = import_document(path)
    assert "HEREBY APPROVES THE FOLLOWING CONCLUSIONS ON THE resilience of waterways:" in _blocks(result.document_md)
    assert result.report.text().startswith("Verdict: ready to publish")


def test_a_first_participle_line_that_introduces_dashed_recitals_stays_in_the_preamble(tmp_path: Path) -> None:
    """ "RECALLING its conclusions on:" then dashed lines: the dashes are the recitals and the line
    that introduces them stays in the preamble, as before recitals without a mark were read."""
    name = "ST-9876-2024-INIT-en.txt"
    text = (FIXTURES / name).read_text(encoding="utf-8")
    start, end = text.index("A. RECALLING"), text.index("HEREBY ADOPTS")
    dashed = ["- biodiversity of 12 June 2021;", "- the ocean of 3 May 2022,"]
    path = tmp_path / name
    path.write_text(text[:start] + "\n".join(["RECALLING its conclusions on:", *dashed, ""]) + text[end:], "utf-8")
    result = import_document(path)
    document = _parses(result, tmp_path)
    assert [r.text for r in document.recitals] == [line[2:] for line in dashed]
    assert document.preamble[-1].endswith("RECALLING its conclusions on:")
    assert result.report.recital_kind == "dashes" and result.report.doubtful == ()

"""What a new user meets first in real register texts, imported faithfully or refused:

- the cover page's "On:" label of an outcome of proceedings (the meeting's date), in the five
  languages the importer reads: a front-matter field of its own, never an unplaced line;
- bullets as a Word document's PDF gives them: the Symbol and Wingdings fonts' private-use glyphs
  (U+F0B7 ...), Unicode bullets, Word's Courier "o" as a second level; `document.md` writes "•",
  the fidelity check takes the glyphs and the "o" marker for structure, and still refuses a text
  with a word lost; the word "o" of Portuguese or Italian prose is never a marker;
- points whose glyphs the input lost (lines in lower case after a list's opening): read as
  points, each doubtful, so that the build waits for a person.

The texts are the invented fixtures of fixtures/import/ (see its README) and variants of them
made here.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import conclusions
import pytest
from conclusions.core.edition import build_edition
from conclusions.core.errors import SourceErrors
from conclusions.core.fidelity import check_site
from conclusions.core.model import Point
from conclusions.core.pages.text import home
from conclusions.core.site import build_collection
from conclusions.importer import ImportResult, import_document
from conclusions.importer.model import DraftPoint
from conclusions.importer.points import BULLETS, LOOK_ALIKE, WRITTEN_BULLET, is_sub_bullet
from conclusions.importer.structure import as_in_subject
from conclusions.importer.words import label_key
from conclusions.reader.lines import Where

from site_tests.support import yaml_data
from site_tests.support.imported import hand_read, imported

pytestmark = pytest.mark.unit

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"
BULLETED = "ST-16801-2026-INIT-en.txt"
WORDS = Path(conclusions.__file__).parent / "words"
# A register text of each language the importer reads, with its "From:" label as it prints it.
BY_LANGUAGE = {
    "en": ("ST-16801-2026-INIT-en.txt", "From:"),
    "fr": ("ST-11403-2024-INIT-fr.txt", "Origine:"),
    "de": ("ST-11403-2024-INIT-de.txt", "Absender:"),
    "it": ("ST-11404-2024-INIT-it.txt", "Origine:"),
    "es": ("ST-11405-2024-INIT-es.txt", "De:"),
}
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")


def _front(result: ImportResult) -> dict[str, Any]:
    front: dict[str, Any] = yaml_data.safe_load(result.document_md.split("---\n")[1])
    return front


def _source(result: ImportResult, original: Path, folder: Path, document_md: str | None = None) -> Path:
    """The imported source folder, as `conclusions new` writes it."""
    folder.mkdir(parents=True)
    (folder / "document.md").write_text(document_md or result.document_md, encoding="utf-8")
    for name, text in result.registries.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "original").mkdir()
    (folder / "original" / original.name).write_bytes(original.read_bytes())
    (folder / "import.yml").write_text(result.record, encoding="utf-8")
    return folder


def _refusal(folder: Path) -> str:
    """What the build's fidelity check says of the folder ("" when it passes)."""
    try:
        check_site(folder, build_collection(folder))
    except SourceErrors as refused:
        return str(refused)
    return ""


def _meeting_labels(language: str) -> list[str]:
    data = yaml_data.safe_load((WORDS / f"{language}.yml").read_text(encoding="utf-8"))
    return [str(label) for label, name in data["header labels"].items() if name == "meeting_date"]


# -- "On:" -----------------------------------------------------------------------------------


@pytest.mark.parametrize("language", sorted(BY_LANGUAGE))
def test_the_meetings_date_is_a_field_in_every_language(language: str, tmp_path: Path) -> None:
    name, from_label = BY_LANGUAGE[language]
    text = (FIXTURES / name).read_text(encoding="utf-8")
    labels = _meeting_labels(language)
    assert labels, f"words/{language}.yml gives no label for the meeting's date"
    lines = [line for line in text.split("\n") if not re.match(r"^(On|En date du|Vom|In data|Fecha):", line, re.I)]
    at = next(i for i, line in enumerate(lines) if line.startswith(from_label)) + 1
    for label in labels:
        printed = label[:1].upper() + label[1:]
        date = "27 November 2026"
        path = tmp_path / label_key(label).replace(" ", "-") / name
        path.parent.mkdir()
        path.write_text("\n".join([*lines[:at], f"{printed}: {date}", *lines[at:]]), encoding="utf-8")
        result = import_document(path)
        assert _front(result)["meeting_date"] == date, printed
        assert result.report.unplaced == (), printed
        # Nothing else changes: the document is the one of the text without the line, plus the field.
        without = tmp_path / label_key(label).replace(" ", "-") / "without" / name
        without.parent.mkdir()
        without.write_text("\n".join(lines), encoding="utf-8")
        plain = import_document(without).document_md
        assert result.document_md.replace(f"meeting_date: {date}\n", "") == plain, printed
        assert _refusal(_source(result, path, path.parent / "source")) == "", printed


def test_the_meetings_date_is_shown_with_the_cover_pages_fields(tmp_path: Path) -> None:
    result = imported(FIXTURES / BULLETED)
    _, expected = hand_read(BULLETED)
    source = _source(result, FIXTURES / BULLETED, tmp_path / "source")
    edition = build_edition(source)
    assert edition.document.header.meeting_date == expected["header"]["meeting_date"]
    page = home(edition).body
    assert expected["header"]["meeting_date"] in page


# -- bullets ---------------------------------------------------------------------------------


def _anchors(points: tuple[Point, ...]) -> list[str]:
    return [point.anchor for top in points for point in top.walk()]


def test_bullets_as_a_pdf_gives_them_are_points_nested_by_glyph(tmp_path: Path) -> None:
    text, expected = hand_read(BULLETED)
    result = imported(FIXTURES / BULLETED)
    assert result.report.unplaced == () and result.report.doubtful == ()
    assert _PRIVATE_USE.search(text) and not _PRIVATE_USE.search(result.document_md)
    source = _source(result, FIXTURES / BULLETED, tmp_path / "source")
    document = build_edition(source).document
    for number, anchors in expected["points"].items():
        paragraph = next(p for p in document.paragraphs if p.number == number)
        assert _anchors(paragraph.points) == anchors, number
    # Every line that a bullet opens in the text is a point written "•" in document.md.
    bulleted = [line for line in text.split("\n") if (line and line[0] in BULLETS) or line.startswith("o ")]
    written = [line.strip() for line in result.document_md.split("\n") if line.strip().startswith(WRITTEN_BULLET)]
    assert [line[1:].strip() for line in bulleted] == [line[1:].strip() for line in written]
    # The word "o" inside a point's text (Portuguese words quoted) stays a word.
    assert re.search(r"\so livro digital", result.document_md)
    assert _refusal(source) == ""


def test_a_word_lost_from_a_bullet_point_still_stops_the_build(tmp_path: Path) -> None:
    result = imported(FIXTURES / BULLETED)
    lost = result.document_md.replace("novels and poetry", "novels", 1)
    assert lost != result.document_md
    refusal = _refusal(_source(result, FIXTURES / BULLETED, tmp_path / "source", lost))
    text = (FIXTURES / BULLETED).read_text(encoding="utf-8")
    line = next(i for i, line in enumerate(text.split("\n"), 1) if "novels and poetry" in line)
    assert f"{BULLETED}:{line}: 'and poetry' of the original is not in document.md" in refusal


def test_every_private_use_bullet_is_written_as_what_it_draws() -> None:
    assert all(glyph in BULLETS and drawn in BULLETS for glyph, drawn in LOOK_ALIKE.items())
    assert not any(_PRIVATE_USE.match(drawn) for drawn in LOOK_ALIKE.values())


@pytest.mark.parametrize(
    ("line", "above", "under_bullet", "expected"),
    [
        ("o novels and poetry;", "• choose books, in particular:", True, True),  # opens a list
        ("o Conselho convida os Estados-Membros", "• promover a leitura entre os alunos e", True, False),
        ("o Conselho convida os Estados-Membros", "2. CONVIDA os Estados-Membros a:", False, False),
        ("o due lingue;", "• scegliere libri in una lingua", True, False),  # Italian "or", a wrapped line
    ],
)
def test_a_courier_o_is_a_marker_only_under_a_bullet_that_opens_a_list(
    line: str, above: str, under_bullet: bool, expected: bool
) -> None:
    stack = [("bullet•", DraftPoint("•", above, Where(0, 1)))] if under_bullet else []
    assert is_sub_bullet(line, stack, above) is expected


def test_points_whose_glyphs_were_lost_are_points_and_doubtful(tmp_path: Path) -> None:
    # The same text as an extraction gives it that dropped the bullets' glyphs.
    text = (FIXTURES / BULLETED).read_text(encoding="utf-8")
    bare = re.sub(r"(?m)^(?:[\uf0b7\uf0a7]|o(?= ))\s+", "", text)
    path = tmp_path / BULLETED
    path.write_text(bare, encoding="utf-8")
    result = import_document(path)
    assert result.report.unplaced == ()
    lost = [i for i, (old, new) in enumerate(zip(text.split("\n"), bare.split("\n"), strict=True), 1) if old != new]
    assert sorted(int(d.where.split()[-1]) for d in result.report.doubtful) == lost
    assert not result.report.text().startswith("Verdict: ready to publish")
    # The points are there, every one of them written as a bullet.
    written = [line for line in result.document_md.split("\n") if line.strip().startswith(WRITTEN_BULLET)]
    assert len(written) == len(lost)


@pytest.mark.parametrize("after", ["", "\t", "  "])
def test_a_bullet_glued_to_its_text_or_set_apart_gives_the_same_document(after: str, tmp_path: Path) -> None:
    # A PDF's text layer may give no space after a bullet's glyph, or a tab (a space once read).
    text = (FIXTURES / BULLETED).read_text(encoding="utf-8")
    moved = re.sub(r"(?m)^([\uf0b7\uf0a7]) ", lambda m: m.group(1) + after, text)
    assert moved != text
    path = tmp_path / BULLETED
    path.write_text(moved, encoding="utf-8")
    assert import_document(path).document_md == imported(FIXTURES / BULLETED).document_md


def test_a_bullet_alone_on_its_line_opens_the_point_of_the_next(tmp_path: Path) -> None:
    # An extraction may put a bullet's glyph on a line of its own, its text on the next.
    text = (FIXTURES / BULLETED).read_text(encoding="utf-8")
    moved = re.sub(r"(?m)^([\uf0b7\uf0a7]) ", lambda m: m.group(1) + "\n", text)
    assert moved != text
    path = tmp_path / BULLETED
    path.write_text(moved, encoding="utf-8")
    result = import_document(path)
    assert result.document_md == imported(FIXTURES / BULLETED).document_md
    assert result.report.unplaced == () and result.report.doubtful == ()
    assert _refusal(_source(result, path, tmp_path / "source")) == ""


@pytest.mark.parametrize(
    ("title", "subject", "named"),
    [
        # The subject repeats the title's words, in sentence case: its case names the text.
        ("COUNCIL CONCLUSIONS ON SCHOOL LIBRARIES", "Council conclusions on school libraries", None),
        ("COUNCIL CONCLUSIONS ON SCHOOL LIBRARIES", "Draft Council conclusions on school libraries - Approval", None),
        # No subject that repeats it (another language, other words, or capitals too): as printed.
        ("COUNCIL CONCLUSIONS ON SCHOOL LIBRARIES", "Projet de conclusions du Conseil sur les bibliothèques", ""),
        ("COUNCIL CONCLUSIONS ON SCHOOL LIBRARIES", "COUNCIL CONCLUSIONS ON SCHOOL LIBRARIES", ""),
        ("Council conclusions on school libraries", "Council conclusions on School Libraries", ""),
    ],
)
def test_a_title_in_capitals_is_named_as_the_subject_writes_it(title: str, subject: str, named: str | None) -> None:
    found = as_in_subject(title, subject)
    if named is None:  # the subject's own words, as many as the title's
        assert found.lower() == title.lower() and found in subject and found != title
    else:
        assert found == title


def test_a_word_o_lost_from_a_first_level_bullet_stops_the_build(tmp_path: Path) -> None:
    # Only under a bullet may an "o" where a bullet stands be a marker: the word "o" that opens a
    # first-level point's text ("o livro digital", Portuguese) is a word, and losing it is a loss.
    text = (FIXTURES / BULLETED).read_text(encoding="utf-8")
    first = "\uf0b7 teach pupils to find and weigh information;"
    moved = text.replace(first, "\uf0b7 o livro digital for every pupil;")
    assert moved != text
    path = tmp_path / BULLETED
    path.write_text(moved, encoding="utf-8")
    result = import_document(path)
    assert "   • o livro digital for every pupil;" in result.document_md
    assert _refusal(_source(result, path, tmp_path / "kept")) == ""
    lost = result.document_md.replace("• o livro digital", "• livro digital", 1)
    line = moved.split("\n").index("\uf0b7 o livro digital for every pupil;") + 1
    assert f"{BULLETED}:{line}: 'o' of the original is not in document.md" in _refusal(
        _source(result, path, tmp_path / "lost", lost)
    )

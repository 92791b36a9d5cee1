"""`conclusions new` and `import` lose nothing and write nothing outside the site.

The cases of the adversarial pass against the import path, each run as a user runs the
command (`cli.main`, the real importer, the invented texts of `fixtures/collection/` and
`fixtures/import/`): a hand edit lost when two ids make one prefix, writes through symbolic
links, a file where the import needs a folder, options that broke the front matter, PDFs the
importer could not read, and a failure half-way through the writes. Every refusal is one
line, `conclusions: <file>: <what is wrong>; <what to do>`, with every file of the site and
around it as it was.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from conclusions import cli

from site_tests.support.build import FIXTURES, build

TEXT = FIXTURES / "collection" / "ST-7612-2024-INIT-en.txt"
"""An invented Council text, ST 7612/24 of 14 March 2024."""
OTHER = FIXTURES / "collection" / "ST-6120-2025-INIT-en.txt"
"""Another, ST 6120/25."""
HAND_EDIT = "\nA line written by hand.\n"


def _tree(folder: Path) -> dict[str, bytes | str]:
    """Every file under `folder` (links as where they point), by path."""
    out: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        rel = str(path.relative_to(folder))
        if path.is_symlink():
            out[rel] = f"-> {os.readlink(path)}"
        elif path.is_file():
            out[rel] = path.read_bytes()
    return out


def _refused(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    capsys.readouterr()
    assert cli.main(list(args)) == 2
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("conclusions: ") and "; " in lines[0], captured.err
    assert "Traceback" not in captured.err
    return lines[0]


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A site made by `conclusions new` from ST 7612/24, the working directory its folder."""
    assert cli.main(["new", str(tmp_path / "site"), "--from", str(TEXT)]) == 0
    monkeypatch.chdir(tmp_path / "site")
    yield tmp_path / "site"


def _hand_edit(document: Path) -> bytes:
    document.write_text(document.read_text(encoding="utf-8") + HAND_EDIT, encoding="utf-8")
    return document.read_bytes()


# -- nothing lost ------------------------------------------------------------------------------------


@pytest.mark.parametrize("number", ["7612/2024", "7612 /24"])
def test_add_of_the_same_document_under_another_id_keeps_the_hand_edit(
    number: str, site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """ST 7612/24 and ST 7612/2024 (or 'ST 7612 /24') make one prefix, st-7612-2024: the old
    document was moved into documents/st-7612-2024/ and the import wrote over it, exit 0."""
    edited = _hand_edit(site / "source" / "document.md")
    before = _tree(site.parent)
    line = _refused(capsys, "import", str(TEXT), "--add", "--number", number)
    assert line == (
        f"conclusions: source/document.md: is ST 7612/24 and {TEXT} is ST {number}: the same document as {TEXT} "
        "(st-7612-2024), not another; import it without --add to import it again (a document.md edited by hand is "
        "kept unless --force)"
    )
    assert _tree(site.parent) == before
    # Without --add it is a new import of the same document: the hand-edit check stops it.
    line = _refused(capsys, "import", str(TEXT), "--number", number)
    assert "source/document.md: was edited by hand since the last import" in line
    assert _tree(site.parent) == before
    assert (site / "source" / "document.md").read_bytes() == edited


def test_add_of_the_site_s_own_document_is_refused(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = _tree(site.parent)
    line = _refused(capsys, "import", str(TEXT), "--add")
    assert line.startswith(f"conclusions: source/document.md: is the same document as {TEXT} (st-7612-2024)")
    assert _tree(site.parent) == before


def test_add_moves_a_hand_edited_document_whole(site: Path) -> None:
    edited = _hand_edit(site / "source" / "document.md")
    assert cli.main(["import", str(OTHER), "--add"]) == 0
    assert (site / "source" / "documents" / "st-7612-2024" / "document.md").read_bytes() == edited
    assert not (site / "source" / "document.md").exists()
    assert {p.name for p in (site / "source" / "documents").iterdir()} == {"st-7612-2024", "st-6120-2025"}


def test_reimport_into_a_collection_keeps_the_hand_edit(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["import", str(OTHER), "--add"]) == 0
    edited = _hand_edit(site / "source" / "documents" / "st-6120-2025" / "document.md")
    before = _tree(site.parent)
    line = _refused(capsys, "import", str(OTHER), "--add")
    assert "source/documents/st-6120-2025/document.md: was edited by hand" in line
    assert _tree(site.parent) == before
    assert (site / "source" / "documents" / "st-6120-2025" / "document.md").read_bytes() == edited


def test_a_document_id_of_nested_aliases_is_not_expanded(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The old document's id, given as a nested YAML value that aliases multiply: reading it
    wrote it out (`str()`), gigabytes for a few hundred bytes."""
    document = site / "source" / "document.md"
    bomb = "".join(f"x{n}: &x{n} [{', '.join([f'*x{n - 1}'] * 9)}]\n" for n in range(1, 9))
    text = document.read_text(encoding="utf-8").replace(
        "document_id: ST 7612/24\n", 'x0: &x0 ["lol"]\n' + bomb + "document_id: *x8\n"
    )
    document.write_text(text, encoding="utf-8")
    before = _tree(site.parent)
    line = _refused(capsys, "import", str(OTHER), "--add")
    assert line == (
        "conclusions: source/document.md:6:5: aliases (*name) repeat the value anchored here into 194,382,838 more "
        "values, more than 10,000; write the values out instead"
    )
    assert _tree(site.parent) == before


# -- nothing outside the site --------------------------------------------------------------------------


@pytest.mark.parametrize("link", ["source/original", "source/document.md", "source/import.yml"])
def test_a_link_in_source_is_never_written_through(link: str, site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outside = site.parent / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("not the site's", encoding="utf-8")
    target = site / link
    os.replace(target, outside / target.name)
    target.symlink_to(outside / target.name)
    before = _tree(site.parent)
    line = _refused(capsys, "import", str(TEXT), "--force")
    assert line == (
        f"conclusions: {link}: is a symbolic link (to {outside / target.name}); the import writes only inside the "
        "site's folder: replace the link with the folder or file it stands for, and import again"
    )
    assert _tree(site.parent) == before


def test_a_collection_folder_that_is_a_link_is_never_written_through(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["import", str(OTHER), "--add"]) == 0
    outside = site.parent / "elsewhere"
    os.replace(site / "source" / "documents", outside)
    (site / "source" / "documents").symlink_to(outside)
    before = _tree(site.parent)
    line = _refused(capsys, "import", str(OTHER))
    assert line.startswith(f"conclusions: source/documents: is a symbolic link (to {outside}); ")
    assert _tree(site.parent) == before


def test_a_source_folder_that_is_a_link_is_refused(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    os.replace(site / "source", site.parent / "real-source")
    (site / "source").symlink_to(site.parent / "real-source")
    before = _tree(site.parent)
    line = _refused(capsys, "import", str(TEXT), "--force")
    assert line.startswith(f"conclusions: source: is a symbolic link (to {site.parent / 'real-source'}); ")
    assert _tree(site.parent) == before


def test_new_into_a_folder_holding_a_link_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "source").symlink_to(outside)
    before = _tree(tmp_path)
    line = _refused(capsys, "new", str(tmp_path / "site"), "--from", str(TEXT), "--force")
    assert line.startswith(f"conclusions: {tmp_path / 'site' / 'source'}: is a symbolic link (to {outside}); ")
    assert _tree(tmp_path) == before


def test_an_original_that_is_a_file_is_one_line_and_nothing_written(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`document.md` and `import.yml` were replaced before the import failed on source/original."""
    original = site / "source" / "original"
    for path in original.iterdir():
        path.unlink()
    original.rmdir()
    original.write_text("a file, not a folder", encoding="utf-8")
    before = _tree(site.parent)
    line = _refused(capsys, "import", str(TEXT))
    assert line == (
        f"conclusions: source/original: is a file where the import needs a folder (for source/original/{TEXT.name}); "
        "move it away and import again"
    )
    assert _tree(site.parent) == before


def test_a_failure_half_way_changes_nothing(
    site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The moves of an --add and the writes after them are one step: a failure on any of them
    (a full disk, a permission) puts back everything done before it."""
    _hand_edit(site / "source" / "document.md")
    before = _tree(site.parent)
    replace, calls = os.replace, []

    def failing(src: object, dst: object) -> None:
        calls.append(dst)
        if len(calls) == 5:  # after the old document's files moved and the first new ones
            raise OSError(28, "No space left on device", str(dst))
        replace(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", failing)
    line = _refused(capsys, "import", str(OTHER), "--add")
    assert line.endswith(
        "cannot be written (No space left on device); nothing was changed; check the folder's "
        "permissions and free space"
    )
    assert len(calls) > 5, "the steps done were undone"
    monkeypatch.setattr(os, "replace", replace)
    assert _tree(site.parent) == before


# -- options and inputs ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("option", "value", "said"),
    [
        ("--number", "7612/24\n---", "--number: it holds a line break; give it on one line"),
        ("--title", "Council conclusions\n---\ntitle: other", "--title: it holds a line break; give it on one line"),
        ("--short-title", "Industry\r\n", "--short-title: it holds a line break; give it on one line"),
        (
            "--title",
            "Council con\u200bclusions",
            "--title: the invisible character U+200B (ZERO WIDTH SPACE) hides inside the text and changes what it "
            "matches (an operative verb, a name); remove it",
        ),
    ],
)
def test_an_option_that_would_break_the_front_matter_is_one_line(
    option: str, value: str, said: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    line = _refused(capsys, "new", str(tmp_path / "site"), "--from", str(TEXT), option, value)
    assert line == f"conclusions: {TEXT}: {said}"
    assert not (tmp_path / "site").exists()


def test_an_encrypted_pdf_asks_for_an_unprotected_copy(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.text(20, 20, "1. NOTES the text.")
    pdf.set_encryption(owner_password="owner", user_password="reader")
    (tmp_path / "locked.pdf").write_bytes(bytes(pdf.output()))
    line = _refused(capsys, "new", str(tmp_path / "site"), "--from", str(tmp_path / "locked.pdf"))
    assert line == (
        f"conclusions: {tmp_path / 'locked.pdf'}: the PDF is protected by a password; open it, save a copy without "
        "the protection (or its text), and import that"
    )
    assert not (tmp_path / "site").exists()


def _pdf_with_text_map(text: bytes, to_unicode: bytes) -> bytes:
    """A one-page PDF drawing `text` in Helvetica, whose ToUnicode map is the CMap body `to_unicode`."""
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /X def "
        b"1 begincodespacerange <00> <FF> endcodespacerange " + to_unicode + b" endcmap "
        b"CMapName currentdict /CMap defineresource pop end end"
    )
    content = b"BT /F1 12 Tf 72 720 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


@pytest.mark.parametrize("half", ["DC00", "D800"])
def test_a_pdf_whose_text_map_gives_half_a_character_is_imported_with_a_visible_mark(half: str, tmp_path: Path) -> None:
    """A glyph mapped to a lone UTF-16 surrogate: the low half was a traceback once document.md
    was written, the high half vanished without a word. Both are U+FFFD, which a reader sees."""
    pdf = tmp_path / "broken-map.pdf"
    pdf.write_bytes(_pdf_with_text_map(b"1. NOTES the text Q.", b"1 beginbfchar <51> <%s> endbfchar" % half.encode()))
    assert cli.main(["new", str(tmp_path / "site"), "--from", str(pdf), "--title", "Council conclusions on maps"]) == 0
    document = (tmp_path / "site" / "source" / "document.md").read_text(encoding="utf-8")
    assert "1. NOTES the text \ufffd." in document


def test_a_thousand_paragraphs_are_all_placed(tmp_path: Path) -> None:
    """The importer read at most three-digit numbers: "1000." and all after it joined paragraph 999."""
    text = TEXT.read_text(encoding="utf-8")
    head, _, _ = text.partition("1. ")
    body = "".join(f"{n}. NOTES the point number {n} of this invented text.\n" for n in range(1, 1006))
    (tmp_path / "long.txt").write_text(head + body, encoding="utf-8")
    assert cli.main(["new", str(tmp_path / "site"), "--from", str(tmp_path / "long.txt")]) == 0
    document = (tmp_path / "site" / "source" / "document.md").read_text(encoding="utf-8")
    assert "\n1000. NOTES the point number 1000 " in document
    assert "\n1005. NOTES the point number 1005 " in document
    record = yaml.safe_load((tmp_path / "site" / "source" / "import.yml").read_text(encoding="utf-8"))
    assert record["document_sha256"] == hashlib.sha256(document.encode("utf-8")).hexdigest()


def test_an_added_document_whose_prefix_is_a_site_folder_is_refused(
    site: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    before = _tree(site.parent)
    line = _refused(capsys, "import", str(OTHER), "--add", "--number", "x" * 120)
    assert "makes the prefix" in line and "more than 100" in line
    assert _tree(site.parent) == before


def test_the_site_after_an_add_builds(site: Path, tmp_path: Path) -> None:
    assert cli.main(["import", str(OTHER), "--add"]) == 0
    result = build(tmp_path / "built", source=site / "source", check=False)
    assert result.returncode == 0, result.stderr[-3000:]


def test_add_to_a_site_whose_document_has_no_id_is_refused(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    document = site / "source" / "document.md"
    document.write_text(document.read_text(encoding="utf-8").replace("document_id: ST 7612/24\n", ""), "utf-8")
    before = _tree(site.parent)
    line = _refused(capsys, "import", str(OTHER), "--add")
    assert line == (
        "conclusions: source/document.md: gives no document id to name its folder in a collection; add document_id "
        "(and date) to its front matter, then import with --add again"
    )
    assert _tree(site.parent) == before


def test_the_importer_takes_out_what_the_build_refuses_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A zero-width joiner inside an operative verb, a word joiner and a directional mark: the
    build refuses them (they change what is matched unseen); the importer drops each, counted."""
    text = TEXT.read_text(encoding="utf-8").replace("INVITES", "INVI\u200dTES", 1)
    text = text.replace("the Member States", "the Member\u2060States\u200e", 1)
    (tmp_path / "marked.txt").write_text(text, encoding="utf-8")
    assert cli.main(["new", str(tmp_path / "site"), "--from", str(tmp_path / "marked.txt")]) == 0
    report = capsys.readouterr().out
    for code, name in (("200D", "ZERO WIDTH JOINER"), ("2060", "WORD JOINER"), ("200E", "LEFT-TO-RIGHT MARK")):
        assert f"removed 1x the invisible character U+{code} ({name})" in report
    document = (tmp_path / "site" / "source" / "document.md").read_text(encoding="utf-8")
    assert "INVITES" in document and "\u200d" not in document and "\u2060" not in document
    result = build(tmp_path / "built", source=tmp_path / "site" / "source", check=False)
    assert result.returncode == 0, result.stderr[-2000:]

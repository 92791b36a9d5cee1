"""The `conclusions` command: `new` makes a site that builds as it is, `import` never loses hand edits.

The first tests run the installed console script as a user does, on the original text of
the document in source/ (source/original/) with the real importer (`conclusions.importer`).
The others drive `cli.main` with a stand-in importer that returns the fixture document, so what the command itself does (files,
refusals, nothing written on error) is checked whatever the importer makes.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import types
from pathlib import Path
from typing import Any, cast

import pytest
import yaml
from bs4 import BeautifulSoup
from conclusions import cli

from site_tests.support.build import FIXTURES, ROOT

BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


@pytest.fixture(scope="module")
def original() -> Path:
    """The Council text of source/ (source/original/), imported as a user imports it."""
    folder = ROOT / "source" / "original"
    found = sorted(p for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []
    if not found:
        pytest.skip("source/original/ holds no Council text to import")
    return found[0]


def _front_matter() -> dict[str, Any]:
    """The front matter of source/document.md, the document the original is the text of."""
    return cast(
        "dict[str, Any]",
        yaml.safe_load((ROOT / "source" / "document.md").read_text(encoding="utf-8").split("---\n", 2)[1]),
    )


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "conclusions"), *args], cwd=cwd, env=ENV, capture_output=True, text=True)


def _build(site: Path) -> None:
    result = subprocess.run(
        [str(BIN / "mkdocs"), "build", "--strict"], cwd=site, env=ENV, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-4000:]


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _recorded(site: Path) -> str:
    return cast("str", yaml.safe_load((site / "source" / "import.yml").read_text(encoding="utf-8"))["document_sha256"])


def _one_error_line(result: subprocess.CompletedProcess[str], *, code: int = 2) -> str:
    assert result.returncode == code, result.stdout + result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("conclusions: ")
    return lines[0]


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# -- with the real importer: the console script, as a user runs it ------------------------------


def test_new_makes_a_site_that_builds_strict_with_no_hand_edit(tmp_path: Path, original: Path) -> None:
    assert not tmp_path.is_relative_to(ROOT)
    result = _run("new", "edition", "--from", str(original), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip(), "the importer's report is printed"
    site = tmp_path / "edition"

    assert (site / "mkdocs.yml").read_bytes() == (cli.SCAFFOLD / "mkdocs.yml").read_bytes()
    assert (site / "source" / "original" / original.name).read_bytes() == original.read_bytes()
    assert _recorded(site) == _sha256(site / "source" / "document.md")
    assert "conclusions-edition" in (site / "requirements.txt").read_text(encoding="utf-8")
    assert "pip install -r requirements.txt" in (site / ".github" / "workflows" / "pages.yml").read_text()
    assert (site / "overrides" / "README.md").is_file() and (site / ".gitignore").is_file()

    _build(site)
    built = site / "site"
    for page in ("index.html", "text/index.html", "paragraphs/1/index.html", "instruments/index.html"):
        assert (built / page).is_file(), page
    for asset in ("assets/conclusions.css", "assets/conclusions.js", "assets/share.js"):
        assert (built / asset).read_bytes() == (ROOT / "plugins/conclusions/theme" / asset).read_bytes()
    home = BeautifulSoup((built / "index.html").read_text(encoding="utf-8"), "html.parser")
    header = _front_matter()
    assert header["short_title"] in home.title.get_text()
    assert home.find("meta", property="og:site_name")["content"] != "conclusions"
    missing = BeautifulSoup((built / "404.html").read_text(encoding="utf-8"), "html.parser")
    description = missing.find("meta", attrs={"name": "description"})["content"]
    assert description.startswith("A hyperlinked, citable edition of the ")
    assert description.endswith(f", {header['document_id']}.")
    assert home.find("html")["lang"] == "en"
    head = "".join(str(tag) for tag in home.find_all(["link", "script"]))
    assert "assets/share.js" in head
    # The plugin's stylesheet is written into the head, not linked.
    styles = "".join(tag.get_text() for tag in home.head.find_all("style"))
    assert ".doc-line" in styles and "assets/conclusions.css" not in head


def test_import_keeps_hand_edits_unless_forced_and_never_replaces_a_registry(tmp_path: Path, original: Path) -> None:
    assert _run("new", "edition", "--from", str(original), cwd=tmp_path).returncode == 0
    site = tmp_path / "edition"
    document, glossary = site / "source" / "document.md", site / "source" / "glossary.yml"
    imported = document.read_bytes()
    document.write_bytes(imported + b"\n")  # a hand edit
    glossary.write_text("terms: []\n# reviewed\n", encoding="utf-8")  # a registry of the site's own
    before = _tree(site)

    line = _one_error_line(_run("import", str(original), cwd=site))
    assert "source/document.md" in line and "--force" in line
    assert _tree(site) == before

    result = _run("import", str(original), "--force", cwd=site)
    assert result.returncode == 0, result.stderr
    assert document.read_bytes() == imported
    assert glossary.read_text(encoding="utf-8").endswith("# reviewed\n")
    assert _recorded(site) == _sha256(document)
    assert _run("import", str(original), cwd=site).returncode == 0, "an unedited document.md is replaced"


def test_an_input_the_importer_rejects_is_one_line_and_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    line = _one_error_line(_run("new", "edition", "--from", "empty.txt", cwd=tmp_path))
    assert line.startswith("conclusions: empty.txt: ") and "; " in line
    assert [p.name for p in tmp_path.iterdir()] == ["empty.txt"]


def test_an_acts_html_page_from_eur_lex_makes_a_site_that_builds(tmp_path: Path) -> None:
    """The page is kept as the original, and the build's words check reads it as the import did."""
    page = FIXTURES / "import" / "OJ-C-2024-5230-en.html"
    (tmp_path / page.name).write_bytes(page.read_bytes())
    result = _run("new", "edition", "--from", page.name, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Verdict: ready to publish" in result.stdout
    assert (tmp_path / "edition" / "source" / "original" / page.name).read_bytes() == page.read_bytes()
    _build(tmp_path / "edition")
    # A word taken out of the document stops the build: the page's words are checked.
    document = tmp_path / "edition" / "source" / "document.md"
    text = document.read_text(encoding="utf-8")
    assert text.count("backbone") == 1
    document.write_text(text.replace("backbone", ""), encoding="utf-8")
    broken = subprocess.run(
        [str(BIN / "mkdocs"), "build", "--strict"], cwd=tmp_path / "edition", env=ENV, capture_output=True, text=True
    )
    assert broken.returncode != 0 and "backbone" in broken.stderr


# -- the console script, before the importer runs ------------------------------------------------


def test_new_says_loudly_that_no_publisher_is_named_and_how_to_name_one(tmp_path: Path, original: Path) -> None:
    """A new site names no publisher (mkdocs.yml never holds text given to the command): the
    command says so, and doing what it says names the publisher and the contact on every page
    and on the About page."""
    result = _run("new", "edition", "--from", str(original), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "MISSING: who publishes this edition" in result.stdout
    site = tmp_path / "edition"
    publisher, contact = "Invented Editions", "https://invented.example.org/contact/"
    config = site / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "\n  - conclusions\n" in text
    config.write_text(
        text.replace(
            "\n  - conclusions\n",
            f"\n  - conclusions:\n      publisher: {publisher}\n      publisher_url: {contact}\n",
        ),
        encoding="utf-8",
    )
    _build(site)
    about = BeautifulSoup((site / "site" / "about" / "index.html").read_text(encoding="utf-8"), "html.parser")
    link = about.find("article").find("a", href=contact)
    assert link is not None and link.get_text() == publisher
    paragraph = BeautifulSoup(
        (site / "site" / "paragraphs" / "1" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert paragraph.select_one(".doc-line__about").get_text() == f"Unofficial edition by {publisher}"


def test_new_refuses_a_folder_that_is_not_empty(tmp_path: Path, original: Path) -> None:
    (tmp_path / "edition").mkdir()
    (tmp_path / "edition" / "notes.txt").write_text("mine", encoding="utf-8")
    line = _one_error_line(_run("new", "edition", "--from", str(original), cwd=tmp_path))
    assert line == (
        "conclusions: edition: is not empty; name a new folder, or pass --force to write the site's files into it"
    )
    assert _tree(tmp_path) == {"edition/notes.txt": b"mine"}


@pytest.mark.parametrize("date", ["13/11/2023", "2023-11-31", "2023-1-5"])
def test_a_bad_date_is_one_line_and_writes_nothing(tmp_path: Path, date: str, original: Path) -> None:
    line = _one_error_line(_run("new", "edition", "--from", str(original), "--date", date, cwd=tmp_path))
    assert line == f"conclusions: {original}: --date '{date}' is not a date; give the document's date as YYYY-MM-DD"
    assert list(tmp_path.iterdir()) == []


def test_a_missing_input_and_a_bad_option_are_one_line(tmp_path: Path) -> None:
    line = _one_error_line(_run("new", "edition", "--from", "nowhere.pdf", cwd=tmp_path))
    assert line == "conclusions: nowhere.pdf: no such file; give the path of the Council text to import"
    assert "see `conclusions new --help`" in _one_error_line(_run("new", "edition", cwd=tmp_path))
    assert list(tmp_path.iterdir()) == []


# -- the command itself, with a stand-in importer ------------------------------------------------


class _Report:
    def text(self) -> str:
        return "stand-in importer: 4 paragraphs"


@pytest.fixture
def importer(monkeypatch: pytest.MonkeyPatch) -> types.ModuleType:
    """`conclusions.importer` as agreed (import_document, ImportFailure), returning the fixture document."""
    module = types.ModuleType("conclusions.importer")

    class ImportFailure(Exception):
        pass

    def import_document(path: Path, **options: object) -> types.SimpleNamespace:
        module.calls.append((path, options))
        if module.failure:
            raise ImportFailure(module.failure)
        document = (FIXTURES / "mini" / "document.md").read_text(encoding="utf-8")
        sha = hashlib.sha256(document.encode("utf-8")).hexdigest()
        return types.SimpleNamespace(
            document_md=document,
            registries={
                p.name: p.read_text(encoding="utf-8")
                for p in sorted((FIXTURES / "mini").glob("*.yml"))
                if p.name != "expected.yml"  # the hand readings beside the fixture, not a registry
            },
            report=_Report(),
            removed=(),
            record=f"importer: stand-in\ndocument_sha256: {sha}\n",
        )

    vars(module).update(ImportFailure=ImportFailure, import_document=import_document, calls=[], failure="")
    monkeypatch.setitem(sys.modules, "conclusions.importer", module)
    return module


def _main(*args: str) -> int:
    return cli.main(list(args))


def test_new_writes_the_whole_site_and_it_builds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, importer: types.ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    # Words of the stand-in's document (its title): the build checks that the original's words
    # are in document.md (core/fidelity.py). CRLF and a dash, so that the bytes are copied as given.
    (tmp_path / "input.txt").write_bytes(b"Council conclusions\r\n\xe2\x80\x93 on ocean observation\n")
    assert _main("new", "sites/ocean", "--from", "input.txt", "--date", "2024-02-29", "--language", "en") == 0
    assert importer.calls == [
        (
            Path("input.txt"),
            {"number": None, "date": "2024-02-29", "title": None, "short_title": None, "language": "en"},
        )
    ]
    site = tmp_path / "sites" / "ocean"
    assert set(_tree(site)) == {
        "mkdocs.yml",
        "README.md",
        "requirements.txt",
        ".gitignore",
        ".github/workflows/pages.yml",
        "overrides/README.md",
        "source/document.md",
        "source/actors.yml",
        "source/glossary.yml",
        "source/instruments.yml",
        "source/verbs.yml",
        "source/import.yml",
        "source/original/input.txt",
    }
    assert (site / "source" / "original" / "input.txt").read_bytes() == (tmp_path / "input.txt").read_bytes()
    assert (site / "mkdocs.yml").read_bytes() == (cli.SCAFFOLD / "mkdocs.yml").read_bytes()
    assert _recorded(site) == _sha256(site / "source" / "document.md")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["input.txt", "sites"], "no staging folder is left"
    out = capsys.readouterr().out
    assert out.startswith("stand-in importer: 4 paragraphs\nwrote sites/ocean/: mkdocs.yml")

    _build(site)
    home = BeautifulSoup((site / "site" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert home.title.get_text() == "Ocean observation"
    missing = BeautifulSoup((site / "site" / "404.html").read_text(encoding="utf-8"), "html.parser")
    description = missing.find("meta", attrs={"name": "description"})["content"]
    assert description == "A hyperlinked, citable edition of the Council conclusions on ocean observation, ST 10001/22."
    assert (site / "site" / "assets" / "conclusions.css").is_file()


def test_the_scaffold_holds_no_fact_of_a_document() -> None:
    config = (cli.SCAFFOLD / "mkdocs.yml").read_text(encoding="utf-8")
    data = yaml.load(config.replace("!ENV", ""), Loader=yaml.SafeLoader)
    from conclusions.plugin import SITE_NAME_PLACEHOLDER

    assert data["site_name"] == SITE_NAME_PLACEHOLDER
    assert "site_description" not in data and "language" not in data["theme"]
    assert data["docs_dir"] == "source" and data["theme"]["custom_dir"] == "overrides"
    assert [next(iter(p)) if isinstance(p, dict) else p for p in data["plugins"]] == ["conclusions", "search"]
    flagship = yaml.load((ROOT / "mkdocs.yml").read_text().replace("!ENV", ""), Loader=yaml.SafeLoader)
    assert data["markdown_extensions"] == flagship["markdown_extensions"]
    assert data["theme"]["features"] == flagship["theme"]["features"]
    assert (cli.SCAFFOLD / "overrides-README.md").read_bytes() == (ROOT / "overrides" / "README.md").read_bytes()


def test_an_import_failure_is_one_line_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, importer: types.ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "input.txt").write_text("not a Council text", encoding="utf-8")
    setattr(importer, "failure", "no paragraph numbered 1\nwas found")  # noqa: B010
    assert _main("new", "edition", "--from", "input.txt") == 2
    err = capsys.readouterr().err
    assert err == (
        "conclusions: input.txt: no paragraph numbered 1 was found; correct the text, or give what it lacks with an option\n"
    )
    for failure, line in [
        ("input.txt:3: no date; give it with --date", "input.txt:3: no date; give it with --date"),
        (
            "input.txt: no title found (no 'A: B' line): pass a title",
            "input.txt: no title found (no 'A: B' line); pass a title",
        ),
        ("input.txt is empty: give the text or the PDF", "input.txt: is empty; give the text or the PDF"),
        ("the PDF has no text layer (a scan?): run OCR", "input.txt: the PDF has no text layer (a scan?); run OCR"),
    ]:
        setattr(importer, "failure", failure)  # noqa: B010
        assert _main("new", "edition", "--from", "input.txt") == 2
        assert capsys.readouterr().err == f"conclusions: {line}\n"
    assert [p.name for p in tmp_path.iterdir()] == ["input.txt"]


def _site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "input.txt").write_text("a Council text", encoding="utf-8")
    assert _main("new", str(tmp_path / "site"), "--from", str(tmp_path / "input.txt")) == 0
    monkeypatch.chdir(tmp_path / "site")
    return tmp_path / "site"


def test_import_refuses_a_hand_edited_document_and_keeps_registries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, importer: types.ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    site = _site(tmp_path, monkeypatch)
    source = site / "source"
    imported = (source / "document.md").read_bytes()
    (source / "document.md").write_bytes(imported.replace(b"Ocean", b"Sea"))
    (source / "actors.yml").write_text("# mine\n", encoding="utf-8")
    (source / "verbs.yml").unlink()
    capsys.readouterr()
    before = _tree(site)

    assert _main("import", "../input.txt") == 2
    assert capsys.readouterr().err == (
        "conclusions: source/document.md: was edited by hand since the last import (recorded in "
        "source/import.yml); pass --force to replace it and lose those edits\n"
    )
    assert _tree(site) == before

    assert _main("import", "../input.txt", "--force") == 0
    out = capsys.readouterr().out
    assert (source / "document.md").read_bytes() == imported
    assert (source / "actors.yml").read_text(encoding="utf-8") == "# mine\n", "an existing registry is kept"
    assert (source / "verbs.yml").read_bytes() == (FIXTURES / "mini" / "verbs.yml").read_bytes(), "a missing one"
    assert "kept source/actors.yml" in out and "source/verbs.yml" in out
    assert sorted(p.name for p in site.iterdir() if p.name.startswith(".conclusions-")) == []


def test_import_refuses_a_document_no_import_recorded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, importer: types.ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    site = _site(tmp_path, monkeypatch)
    (site / "source" / "import.yml").unlink()
    capsys.readouterr()
    assert _main("import", "../input.txt") == 2
    assert capsys.readouterr().err == (
        "conclusions: source/document.md: may hold changes made by hand (source/import.yml does not exist); "
        "pass --force to replace it\n"
    )
    assert _main("import", "../input.txt", "--source", "elsewhere") == 2
    assert capsys.readouterr().err.startswith("conclusions: elsewhere: no such folder; ")
    assert _main("import", "../input.txt", "--force") == 0
    assert _recorded(site) == _sha256(site / "source" / "document.md")


# -- collections: `import --add`, and importing into a collection ----------------------------------

COLLECTION_TEXTS = sorted((FIXTURES / "collection").glob("*.txt"))


def test_import_of_another_text_asks_for_add_and_writes_nothing(tmp_path: Path) -> None:
    first, second = COLLECTION_TEXTS[:2]
    assert _run("new", "site", "--from", str(first), cwd=tmp_path).returncode == 0
    site = tmp_path / "site"
    before = _tree(site)
    line = _one_error_line(_run("import", str(second), cwd=site))
    assert "pass --add" in line and "source/document.md" in line
    assert _tree(site) == before


def test_add_makes_a_collection_of_both_texts_and_it_builds(tmp_path: Path) -> None:
    first, second, third = COLLECTION_TEXTS[:3]
    assert _run("new", "site", "--from", str(first), cwd=tmp_path).returncode == 0
    site = tmp_path / "site"
    moved = {name: (site / "source" / name).read_bytes() for name in ("document.md", "import.yml")}
    result = _run("import", str(second), "--add", cwd=site)
    assert result.returncode == 0, result.stderr
    folders = sorted(p.name for p in (site / "source" / "documents").iterdir())
    assert len(folders) == 2 and not (site / "source" / "document.md").exists()
    settings = yaml.safe_load((site / "source" / "collection.yml").read_text(encoding="utf-8"))
    root = settings["formerly_at_root"]
    assert root in folders
    # The document that was at the root moved whole, its bytes unchanged (hand edits and all).
    for name, data in moved.items():
        assert (site / "source" / "documents" / root / name).read_bytes() == data
    assert (site / "source" / "documents" / root / "original" / first.name).is_file()
    # In a collection, `import` adds without --add.
    assert _run("import", str(third), cwd=site).returncode == 0
    assert len(list((site / "source" / "documents").iterdir())) == 3
    _build(site)
    assert (site / "site" / root / "index.html").is_file()
    home = BeautifulSoup((site / "site" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert len(home.select("article table tbody tr")) == 3


def test_a_reimport_into_a_collection_keeps_hand_edits(tmp_path: Path) -> None:
    first, second = COLLECTION_TEXTS[:2]
    assert _run("new", "site", "--from", str(first), cwd=tmp_path).returncode == 0
    site = tmp_path / "site"
    assert _run("import", str(second), "--add", cwd=site).returncode == 0
    settings = yaml.safe_load((site / "source" / "collection.yml").read_text(encoding="utf-8"))
    other = next(p for p in (site / "source" / "documents").iterdir() if p.name != settings["formerly_at_root"])
    document = other / "document.md"
    document.write_text(document.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    before = _tree(site)
    line = _one_error_line(_run("import", str(second), cwd=site))
    assert "edited by hand" in line and str(Path("documents") / other.name / "document.md") in line
    assert _tree(site) == before
    assert _run("import", str(second), "--force", cwd=site).returncode == 0

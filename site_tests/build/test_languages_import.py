"""`conclusions import` of another language version of a document already in the site.

The inputs are the register's plain-lines shape: fixtures/import/french.txt (an invented French
text) and english-of-french.txt (an invented English text of the same structure). The
version goes beside its document (`lang/<code>/`, with its own original and record), with
the import's guarantees: a version that is not aligned is refused in one line naming the
first difference, and nothing is written; a version edited by hand is kept.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from site_tests.build.test_cli import _build, _one_error_line, _run, _tree
from site_tests.support.build import FIXTURES

ENGLISH = FIXTURES / "import" / "english-of-french.txt"
FRENCH = FIXTURES / "import" / "french.txt"


def _site(tmp_path: Path) -> Path:
    assert _run("new", "site", "--from", str(ENGLISH), cwd=tmp_path).returncode == 0
    return tmp_path / "site"


def _language(document: Path) -> str:
    return str(yaml.safe_load(document.read_text(encoding="utf-8").split("---\n", 2)[1])["language"])


def test_a_version_in_another_language_goes_beside_its_document(tmp_path: Path) -> None:
    site = _site(tmp_path)
    source = site / "source"
    document = (source / "document.md").read_bytes()
    result = _run("import", str(FRENCH), cwd=site)
    assert result.returncode == 0, result.stderr
    code = _language(source / "lang" / "fr" / "document.md")
    version = source / "lang" / code
    assert (version / "original" / FRENCH.name).read_bytes() == FRENCH.read_bytes()
    assert (version / "import.yml").is_file()
    # The document itself is as it was: a version is not a new text.
    assert (source / "document.md").read_bytes() == document
    assert not (source / "documents").exists()
    _build(site)
    for number in (1, 2):
        assert (site / "site" / code / "paragraphs" / str(number) / "index.html").is_file()
    # Imported again: the version is replaced, the document kept.
    assert _run("import", str(FRENCH), cwd=site).returncode == 0
    assert (source / "document.md").read_bytes() == document


def test_a_version_not_aligned_is_refused_in_one_line_and_nothing_is_written(tmp_path: Path) -> None:
    site = _site(tmp_path)
    longer = tmp_path / "french-longer.txt"
    text = FRENCH.read_text(encoding="utf-8")
    marker = "INVITE la Commission à soutenir des formations communes.\n"
    assert marker in text
    longer.write_text(text.replace(marker, marker + "3. SALUE les travaux du comité.\n"), encoding="utf-8")
    before = _tree(site)
    line = _one_error_line(_run("import", str(longer), cwd=site))
    assert line.startswith(f"conclusions: {longer}: is a language version not aligned with its document: ")
    assert "3 paragraphs here, but 2 in" in line and "correct the one that differs" in line
    assert _tree(site) == before


def test_a_version_edited_by_hand_is_kept(tmp_path: Path) -> None:
    site = _site(tmp_path)
    assert _run("import", str(FRENCH), cwd=site).returncode == 0
    version = site / "source" / "lang" / "fr" / "document.md"
    version.write_text(version.read_text(encoding="utf-8").replace("SOULIGNE", "SOULIGNE  "), encoding="utf-8")
    before = _tree(site)
    line = _one_error_line(_run("import", str(FRENCH), cwd=site))
    assert "edited by hand" in line and str(Path("lang") / "fr" / "document.md") in line
    assert _tree(site) == before


def test_in_a_collection_a_version_goes_beside_its_document(tmp_path: Path) -> None:
    site = _site(tmp_path)
    other = sorted((FIXTURES / "collection").glob("*.txt"))[0]
    assert _run("import", str(other), "--add", cwd=site).returncode == 0
    folder = next(d for d in (site / "source" / "documents").iterdir() if (d / "original" / ENGLISH.name).is_file())
    assert _run("import", str(FRENCH), cwd=site).returncode == 0
    assert (folder / "lang" / "fr" / "original" / FRENCH.name).is_file()
    assert len(list((site / "source" / "documents").iterdir())) == 2
    _build(site)
    assert (site / "site" / folder.name / "fr" / "paragraphs" / "2" / "index.html").is_file()

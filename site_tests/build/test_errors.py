"""Bad input gets a clear error, and never a half-built site.

Every case copies the complete fixture `fixtures/mini/` into a temporary folder, makes one
mistake a maintainer could make, and checks the exact line the maintainer reads: the file
(source folder and name), the line, the column where it applies, and what to fix. Most
cases ask the core directly; a handful run `mkdocs build`, plain and `--strict`, to prove the
same single line reaches the terminal, the exit code is non-zero and no site is written.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from site_tests.support.build import build
from site_tests.unit.test_source_errors import ATTACKS, BY_NAME, apply, copy_mini


def file_hashes(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("ERROR")]


@pytest.mark.parametrize(
    ("name", "strict"),
    [
        ("unknown-key", False),
        ("unknown-key", True),
        ("document-not-utf8", False),
        ("front-matter-colon", True),
        ("paragraph-repeated", False),
        ("pattern-matches-nothing", True),
        ("verb-unknown", False),
    ],
)
def test_mkdocs_build_stops_with_the_line_and_writes_nothing(name: str, strict: bool, tmp_path: Path) -> None:
    case = BY_NAME[name]
    source = copy_mini(tmp_path)
    apply(case, source)
    before = file_hashes(source)
    site = tmp_path / "site"
    result = build(site, source=source, strict=strict, check=False)
    assert result.returncode != 0
    assert error_lines(result.stderr) == [f"ERROR   -  {case.message}"]
    assert "Traceback" not in result.stderr
    assert not site.exists() or not any(site.iterdir()), "a failed build must not write a site"
    assert file_hashes(source) == before, "a build must never modify the source"


def test_failed_build_leaves_the_last_good_site_whole(tmp_path: Path) -> None:
    source = copy_mini(tmp_path)
    site = tmp_path / "site"
    pristine = file_hashes(source)
    build(site, source=source)
    assert (site / "paragraphs" / "2" / "index.html").is_file()
    assert file_hashes(source) == pristine, "a good build must never modify the source"
    good = file_hashes(site)

    apply(BY_NAME["footnote-unreferenced"], source)
    broken = file_hashes(source)
    result = build(site, source=source, check=False)
    assert result.returncode != 0
    assert error_lines(result.stderr) == [f"ERROR   -  {BY_NAME['footnote-unreferenced'].message}"]
    assert file_hashes(site) == good, "the previous site must be left exactly as it was, not half rebuilt"
    assert file_hashes(source) == broken, "a failed build must never modify the source"


@pytest.mark.parametrize(
    "name", ["url-closes-link-instrument", "carriage-return-escape-front-matter", "section-named-opening", "nul-byte"]
)
def test_an_attackers_input_stops_the_build_with_the_line_and_writes_nothing(name: str, tmp_path: Path) -> None:
    case = next(c for c in ATTACKS if c.name == name)
    source = copy_mini(tmp_path)
    apply(case, source)
    site = tmp_path / "site"
    result = build(site, source=source, check=False)
    assert result.returncode != 0
    assert error_lines(result.stderr) == [f"ERROR   -  {case.message}"]
    assert not site.exists() or not any(site.iterdir()), "a failed build must not write a site"

"""`conclusions new ... | head` and `conclusions import ... | head`: whoever reads the command's
output stops early. The installed console script runs as a user runs it, its standard output a
pipe whose reading end is closed before it starts (every write to it fails, with no timing): it
ends with no traceback, and the site or the import it makes is whole, the same as with its output
read to the end. The text is the invented ST-16310-2026-INIT-en of fixtures/import/."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from site_tests.support.imported import IMPORT_FIXTURES

pytestmark = pytest.mark.build

BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
TEXT = IMPORT_FIXTURES / "ST-16310-2026-INIT-en.txt"


def _closed_early(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The command, its standard output a pipe nobody reads any more."""
    read, write = os.pipe()
    os.close(read)
    try:
        return subprocess.run(
            [str(BIN / "conclusions"), *args], cwd=cwd, env=ENV, stdout=write, stderr=subprocess.PIPE, text=True
        )
    finally:
        os.close(write)


def _read(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "conclusions"), *args], cwd=cwd, env=ENV, capture_output=True, text=True)


def _files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_new_and_import_end_quietly_and_whole_when_their_output_is_closed(tmp_path: Path) -> None:
    read = _read("new", "read", "--from", str(TEXT), cwd=tmp_path)
    assert read.returncode == 0, read.stderr
    assert len(read.stdout) > 0

    closed = _closed_early("new", "closed", "--from", str(TEXT), cwd=tmp_path)
    assert (closed.returncode, closed.stderr) == (0, "")
    assert _files(tmp_path / "closed") == _files(tmp_path / "read")

    again = _closed_early("import", str(TEXT), cwd=tmp_path / "closed")
    assert (again.returncode, again.stderr) == (0, "")
    document = "source/document.md"
    assert (tmp_path / "closed" / document).read_bytes() == (tmp_path / "read" / document).read_bytes()

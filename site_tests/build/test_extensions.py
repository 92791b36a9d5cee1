"""The generated pages do not go through Markdown (html_pages.py): a site that lists no Markdown
extension gets the same pages as one that lists those of mkdocs.yml."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from site_tests.support.build import EPOCH, FIXTURES, ROOT, build
from site_tests.support.trees import different_files


def test_a_site_that_lists_no_extension_gets_the_same_pages(tmp_path: Path) -> None:
    listed = tmp_path / "listed"
    build(listed, source=FIXTURES / "mini", cards_cache=tmp_path / "cards")
    config = tmp_path / "bare.mkdocs.yml"
    bare = tmp_path / "bare"
    config.write_text(
        (tmp_path / "listed.mkdocs.yml")
        .read_text(encoding="utf-8")
        .replace(f"site_dir: {listed}\n", f"site_dir: {bare}\n")
        + "markdown_extensions: []\n",
        encoding="utf-8",
    )
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    html = (bare / "paragraphs" / "1" / "index.html").read_text(encoding="utf-8")
    assert " markdown>" not in html and "](../" not in html, "raw Markdown on the page"
    assert different_files(listed, bare) == []

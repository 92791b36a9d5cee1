"""The plugin adds the Markdown extensions its pages are written for when mkdocs.yml lacks them, and its own."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conclusions.plugin import LINEAR_LINKS, REQUIRED_EXTENSIONS, add_extensions
from mkdocs.config.defaults import MkDocsConfig

from site_tests.support.build import EPOCH, FIXTURES, ROOT, build
from site_tests.support.trees import different_files


def _validated(extensions: list[object]) -> MkDocsConfig:
    config = MkDocsConfig()
    config.load_dict({"site_name": "x", "docs_dir": str(FIXTURES / "mini"), "markdown_extensions": extensions})
    errors, _ = config.validate()
    assert not errors
    return config


@pytest.mark.parametrize(
    ("listed", "added"),
    [
        ([], ["attr_list", "md_in_html"]),
        (["md_in_html"], ["attr_list"]),
        (["markdown.extensions.attr_list", {"md_in_html": {}}], []),
        (["pymdownx.extra"], []),
        (["extra"], []),
        (["attr_list", "md_in_html", {"toc": {"permalink": False}}], []),
    ],
)
def test_the_missing_extensions_are_added_once(listed: list[object], added: list[str]) -> None:
    config = _validated(listed)
    before = list(config.markdown_extensions)
    add_extensions(config)
    assert config.markdown_extensions == [*before, LINEAR_LINKS, *added]
    add_extensions(config)  # `mkdocs serve` reads the configuration again for each rebuild
    assert config.markdown_extensions == [*before, LINEAR_LINKS, *added]
    names = {str(n).rsplit(".", 1)[-1] for n in config.markdown_extensions}
    assert set(REQUIRED_EXTENSIONS) <= names or "extra" in names


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
    assert " markdown>" not in html and "](../" not in html, "raw Markdown on the page: md_in_html is missing"
    assert different_files(listed, bare) == []

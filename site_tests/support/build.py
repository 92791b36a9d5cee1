"""Build the site (or a fixture document) into a folder, the way `make build` does."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "source"
FIXTURES = ROOT / "site_tests" / "fixtures"
SUB_PATH = "/space-strategy/"
"""The sub-path of a GitHub Pages project site, under which conftest.py's `subpath_site` is built."""
EPOCH = "1699833600"  # 13 November 2023, the document's date: builds are reproducible.


class _TagsIgnored(yaml.SafeLoader):
    """mkdocs.yml read for its plain values: MkDocs' own tags (!ENV) are left empty."""


_TagsIgnored.add_multi_constructor("!", lambda loader, suffix, node: None)


def _root_plugin_options() -> dict[str, object]:
    """The `conclusions` plugin's options in the project's mkdocs.yml (a list given in a
    config that inherits replaces the parent's, options and all)."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_TagsIgnored)
    for entry in config.get("plugins", []):
        if isinstance(entry, dict) and "conclusions" in entry:
            return dict(entry["conclusions"] or {})
    return {}


def build(
    site_dir: Path,
    *,
    source: Path = SOURCE,
    site_url: str = "http://127.0.0.1:8000/",
    strict: bool = True,
    check: bool = True,
    cards_cache: Path | str | None = None,
    hooks: tuple[Path, ...] = (),
    overrides: Path | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run `mkdocs build` on the project's mkdocs.yml with another docs_dir, site_dir and site_url.

    The site's `overrides/` (its custom_dir, named absolutely since this config lives elsewhere)
    holds only a README: the templates, CSS and JS come from the plugin's package (`theme/`).
    `hooks`: MkDocs hook files (Python) the build runs too. `overrides`: another custom_dir.
    """
    site_dir = Path(site_dir)
    config = site_dir.parent / f"{site_dir.name}.mkdocs.yml"
    config.write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\n"
        f"docs_dir: {source}\n"
        f"site_dir: {site_dir}\n"
        f"site_url: {site_url}\n"
        f"theme:\n  name: material\n  custom_dir: {overrides or ROOT / 'overrides'}\n"
        + (
            f"plugins:\n  - conclusions: {json.dumps({**_root_plugin_options(), 'cards_cache_dir': str(cards_cache)})}\n"
            "  - search\n"
            if cards_cache is not None
            else ""
        )
        + (f"hooks: {json.dumps([str(hook) for hook in hooks])}\n" if hooks else ""),
        encoding="utf-8",
    )
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    cmd = [sys.executable, "-m", "mkdocs", "build", "-f", str(config)]
    if strict:
        cmd.append("--strict")
    result = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT)
    if check and result.returncode != 0:
        raise AssertionError(f"mkdocs build failed:\n{result.stderr[-4000:]}")
    return result

"""Hostile and accidental sources are refused at their line, before MkDocs touches the site.

The cases of the adversarial pass that got past the source checks: sizes that made MkDocs
fail after it had emptied `site/` ("File name too long", RecursionError), invisible
characters that silently changed what is matched, YAML that exhausted memory or the stack,
addresses a collection took from folder names unchecked, and failures that were tracebacks.
Each is a mistake in a copy of the small fixture (`fixtures/mini/`) or of a small
collection made of it, with the one line the maintainer reads. A handful run `mkdocs build`
to prove the previous site is left as it was, whatever stops the build.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conclusions.core.urls import SITE_FOLDERS

from site_tests.build.test_errors import error_lines, file_hashes
from site_tests.support.build import build
from site_tests.unit.test_hostile_sources import CASES, MINI
from site_tests.unit.test_source_errors import apply, copy_mini

BUILD_CASES = ["heading-300-characters", "registry-id-279-characters", "section-number-4400-digits"]


GoodSite = tuple[Path, dict[str, str]]
"""A site built from the unmodified fixture, and the hash of each of its files."""


@pytest.fixture(scope="module")
def good_site(tmp_path_factory: pytest.TempPathFactory) -> GoodSite:
    folder = tmp_path_factory.mktemp("good")
    site = folder / "site"
    build(site, source=copy_mini(folder))
    return site, file_hashes(site)


def _rebuild_over(good_site: tuple[Path, dict[str, str]], tmp_path: Path, source: Path) -> Path:
    site, hashes = good_site
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    result = build(copy, source=source, check=False)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert file_hashes(copy) == hashes, "the previous site must be left exactly as it was"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == [], "no new folder is left"
    return copy


@pytest.mark.parametrize("name", [*BUILD_CASES, "points-nested-190-deep"])
def test_a_build_stopped_at_the_source_leaves_the_previous_site(name: str, good_site: GoodSite, tmp_path: Path) -> None:
    case = next(c for c in CASES if c.name == name)
    source = copy_mini(tmp_path / "src")
    apply(case, source)
    result_site = _rebuild_over(good_site, tmp_path, source)
    assert result_site.is_dir()


_HOOK = """
import logging

def on_page_content(html, page, config, files):
    if page.file.src_uri == "text.md":
        {action}
    return html
"""


@pytest.mark.parametrize(
    ("action", "said"),
    [
        # A failure no source check foresees, while the pages are written.
        ("raise OSError(28, 'No space left on device')", "No space left on device"),
        # Under --strict MkDocs fails on a warning after the last plugin event, the new site complete.
        ("logging.getLogger('mkdocs.hooks').warning('a warning')", "Aborted with 1 warnings in strict mode!"),
    ],
    ids=["an-error-while-writing", "a-warning-under-strict"],
)
def test_a_build_that_fails_inside_mkdocs_leaves_the_previous_site(
    action: str, said: str, good_site: GoodSite, tmp_path: Path
) -> None:
    site, hashes = good_site
    hook = tmp_path / "hook.py"
    hook.write_text(_HOOK.format(action=action), encoding="utf-8")
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    result = build(copy, source=copy_mini(tmp_path / "src"), check=False, hooks=(hook,))
    assert result.returncode != 0 and said in result.stdout + result.stderr, result.stderr[-2000:]
    assert file_hashes(copy) == hashes, "the previous site must be left exactly as it was"
    assert not any(p.name.startswith(".site.") for p in tmp_path.iterdir()), "the new site is removed"


def test_a_good_build_replaces_the_site_whole(good_site: GoodSite, tmp_path: Path) -> None:
    site, hashes = good_site
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    (copy / "stale.html").write_text("from an older build", encoding="utf-8")
    copy.chmod(0o755)
    result = build(copy, source=copy_mini(tmp_path / "src"), check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    assert file_hashes(copy) == hashes, "the same source makes the same site, without the stale file"
    assert copy.stat().st_mode & 0o777 == 0o755
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "site.mkdocs.yml", "src"]


def test_a_mistake_is_reported_with_the_previous_site_left(good_site: GoodSite, tmp_path: Path) -> None:
    source = copy_mini(tmp_path / "src")
    apply(next(c for c in CASES if c.name == "zero-width-joiner-in-a-verb"), source)
    _rebuild_over(good_site, tmp_path, source)
    result = build(tmp_path / "other", source=source, check=False)
    assert error_lines(result.stderr) == [f"ERROR   -  {CASES[5].message}"]
    assert not (tmp_path / "other").exists()


def test_every_folder_the_site_writes_is_a_site_folder(good_site: GoodSite) -> None:
    """No document of a collection may take a folder the site writes itself as its prefix."""
    site, _ = good_site
    written = {p.name for p in site.iterdir() if p.is_dir()}
    assert written <= SITE_FOLDERS, written - SITE_FOLDERS


@pytest.mark.parametrize(
    ("option", "value", "said"),
    [
        (
            "publisher",
            "Ocean\u200bWatch",
            "'Ocean\\u200bWatch': the invisible character U+200B (ZERO WIDTH SPACE) hides inside the text and "
            "changes what it matches (an operative verb, a name); remove it",
        ),
        ("reuse_notice", "Reuse\nfreely", "'Reuse\\nfreely': it holds a line break; give it on one line"),
        (
            "document_kind",
            "Conclusions\u202e",
            "'Conclusions\\u202e': the bidirectional control U+202E (RIGHT-TO-LEFT OVERRIDE) is not closed on its "
            "line, so it would reorder the text after it; close it with U+202C (POP DIRECTIONAL FORMATTING) or "
            "remove it",
        ),
        (
            "nav_title_home",
            "Over\x00view",
            "'Over\\x00view': the control character U+0000 (NUL) is not text; remove it",
        ),
        (
            "publisher_url",
            "javascript:alert(1)",
            "'javascript:alert(1)' is not an address a page can link to: it does not start with https://",
        ),
        ("watch_with", "inotify", "Expected one of: ('auto', 'events', 'polling') but received: 'inotify'"),
    ],
)
def test_a_plugin_option_is_checked_as_a_source_value_is(option: str, value: str, said: str, tmp_path: Path) -> None:
    import json
    import os
    import subprocess
    import sys

    from site_tests.support.build import EPOCH, ROOT

    config = tmp_path / "mkdocs.yml"
    config.write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: {MINI}\nsite_dir: {tmp_path / 'site'}\n"
        f"theme:\n  name: material\n  custom_dir: {ROOT / 'overrides'}\n"
        f"plugins:\n  - conclusions: {json.dumps({option: value})}\n  - search\n",
        encoding="utf-8",
    )
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(config)], capture_output=True, text=True, env=env
    )
    assert result.returncode != 0
    assert error_lines(result.stderr) == [
        f"ERROR   -  Config value 'plugins': Plugin 'conclusions' option '{option}': {said}"
    ]
    assert not (tmp_path / "site").exists()

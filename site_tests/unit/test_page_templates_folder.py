"""The page templates of a site compare by what they are, not by how the configuration names
their folder: `mkdocs serve -f mkdocs.yml` names the theme's `custom_dir` relatively in its
first build and absolutely in its rebuilds, and every page step of the serve cache compares
the templates (`core/site.py`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conclusions.core.pages.templates import FOLDER, PageTemplates


def test_the_same_folder_named_two_ways_gives_equal_templates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "overrides" / FOLDER).mkdir(parents=True)
    (tmp_path / "overrides" / FOLDER / "paragraph.html").write_text("{{ text }} (invented)\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    relative, absolute = PageTemplates.of("overrides"), PageTemplates.of(tmp_path / "overrides")
    assert relative == absolute
    assert relative.overrides == Path("overrides"), "errors name the folder as the configuration does"


def test_another_folder_or_other_templates_differ(tmp_path: Path) -> None:
    for name in ("one", "two"):
        (tmp_path / name / FOLDER).mkdir(parents=True)
        (tmp_path / name / FOLDER / "paragraph.html").write_text("{{ text }}\n", encoding="utf-8")
    one = PageTemplates.of(tmp_path / "one")
    assert one != PageTemplates.of(tmp_path / "two")
    (tmp_path / "one" / FOLDER / "paragraph.html").write_text("{{ text }}!\n", encoding="utf-8")
    assert one != PageTemplates.of(tmp_path / "one")

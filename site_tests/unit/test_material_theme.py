"""The details of Material's HTML the plugin relies on are checked at start-up: they hold for
the installed Material, and a base.html that no longer writes one is named."""

from __future__ import annotations

import shutil
from pathlib import Path

from conclusions import material_theme


def test_the_installed_material_writes_what_the_plugin_relies_on() -> None:
    assert material_theme.missing() == []
    assert material_theme.check() == ()


def _copy(tmp_path: Path) -> Path:
    templates = tmp_path / "templates"
    installed = material_theme._templates()
    (templates / "assets" / "stylesheets").mkdir(parents=True)
    shutil.copy(installed / "base.html", templates / "base.html")
    (templates / "partials").mkdir()
    for partial in ("language.html", "nav.html", "nav-item.html"):
        shutil.copy(installed / "partials" / partial, templates / "partials" / partial)
    for css in (installed / "assets" / "stylesheets").glob("palette.*.min.css"):
        shutil.copy(css, templates / "assets" / "stylesheets" / css.name)
    return templates


def test_a_base_html_without_the_toggles_attribute_is_named(tmp_path: Path) -> None:
    templates = _copy(tmp_path)
    base = templates / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace(' autocomplete="off"', ""), encoding="utf-8")
    gone = material_theme.missing(templates)
    assert len(gone) == len(material_theme.CHECKBOX_AUTOCOMPLETE)
    assert all("CHECKBOX_AUTOCOMPLETE" in line for line in gone)


def test_a_palette_stylesheet_renamed_or_missing_is_named(tmp_path: Path) -> None:
    templates = _copy(tmp_path)
    base = templates / "base.html"
    text = base.read_text(encoding="utf-8")
    base.write_text(text.replace("assets/stylesheets/palette.", "assets/stylesheets/colours."), encoding="utf-8")
    assert material_theme.missing(templates) == [
        "Material's styles block no longer links assets/stylesheets/palette.<hash>.min.css (material_theme)"
    ]
    base.write_text(text, encoding="utf-8")
    for css in (templates / "assets" / "stylesheets").glob("palette.*"):
        css.unlink()
    (gone,) = material_theme.missing(templates)
    assert "which it does not ship" in gone


def test_a_language_partial_that_changed_is_named(tmp_path: Path) -> None:
    """The plugin's copy of partials/language.html chooses Material's words by the page's
    language; a Material whose own partial changed is named, not silently replaced."""
    templates = _copy(tmp_path)
    partial = templates / "partials" / "language.html"
    partial.write_text(partial.read_text(encoding="utf-8").replace("fallback", "english"), encoding="utf-8")
    (gone,) = material_theme.missing(templates)
    assert "LANGUAGE_PARTIAL" in gone
    partial.unlink()
    assert material_theme.missing(templates) == [gone]


def test_a_navigation_partial_that_changed_is_named(tmp_path: Path) -> None:
    """The plugin's copy of partials/nav.html draws a collection's other texts with Material's
    macro for a pruned entry; a Material whose nav.html changed, or that lost the macro, is named."""
    templates = _copy(tmp_path)
    nav = templates / "partials" / "nav.html"
    nav.write_text(nav.read_text(encoding="utf-8").replace("nav.items", "nav.pages"), encoding="utf-8")
    (gone,) = material_theme.missing(templates)
    assert "NAV_LINE" in gone
    shutil.copy(material_theme._templates() / "partials" / "nav.html", nav)
    item = templates / "partials" / "nav-item.html"
    item.write_text(item.read_text(encoding="utf-8").replace("render_pruned", "render_cut"), encoding="utf-8")
    (gone,) = material_theme.missing(templates)
    assert "render_pruned" in gone


def test_conform_takes_the_attribute_off_the_toggles_only() -> None:
    html = '<input type="checkbox" id="__drawer" autocomplete="off"><input type="text" autocomplete="off">'
    assert material_theme.conform(html) == '<input type="checkbox" id="__drawer"><input type="text" autocomplete="off">'

"""The MkDocs adapter, driven with MkDocs' own config and File objects (no subprocess)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files, InclusionLevel

from site_tests.support.build import FIXTURES, ROOT


def _config(docs_dir: Path) -> MkDocsConfig:
    config = MkDocsConfig(config_file_path=str(ROOT / "mkdocs.yml"))
    config.load_dict(
        {
            "site_name": "conclusions",
            "docs_dir": str(docs_dir),
            "plugins": ["conclusions"],
            "theme": {"name": "material"},
        }
    )
    errors, _ = config.validate()
    assert not errors
    return config


def test_generates_every_page_and_keeps_paragraphs_out_of_the_nav() -> None:
    config = _config(FIXTURES / "mini")
    config = config.plugins.on_config(config)
    files = config.plugins.on_files(Files([]), config=config)
    by_uri = {f.src_uri: f for f in files}
    assert {"index.md", "text.md", "paragraphs/4.md", "sections/b.md", "glossary.md"} <= set(by_uri)
    assert by_uri["paragraphs/2.md"].inclusion is InclusionLevel.NOT_IN_NAV
    assert by_uri["text.md"].inclusion is InclusionLevel.INCLUDED
    assert all(f.generated_by == "conclusions" for f in files)
    nav_files = [next(iter(item.values())) for item in config.nav or [] if isinstance(next(iter(item.values())), str)]
    assert not [f for f in nav_files if f.startswith("paragraphs/")]
    assert config.site_name == "Ocean observation"


def test_a_source_error_becomes_a_plugin_error_with_file_and_line(tmp_path: Path) -> None:
    import shutil

    broken = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", broken)
    text = (broken / "document.md").read_text(encoding="utf-8").replace("3. NOTES", "5. NOTES")
    (broken / "document.md").write_text(text, encoding="utf-8")
    config = _config(broken)
    try:
        config.plugins.on_config(config)
    except PluginError as err:
        assert str(err).startswith("mini/document.md:")
        assert "paragraph 3 is missing" in str(err)
    else:
        raise AssertionError("a missing paragraph number did not stop the build")


def test_serve_watches_the_same_paths_with_the_plugins_watcher(tmp_path: Path) -> None:
    from conclusions.watching import Watcher
    from mkdocs.livereload import LiveReloadServer

    config = _config(FIXTURES / "mini")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    server.watch(config.docs_dir)
    server.watch(config.config_file_path)
    before = set(server._watched_paths)

    config.site_dir = str(tmp_path / "site")
    config.plugins.on_startup(command="serve", dirty=False)
    server = config.plugins.on_serve(server, config=config, builder=server.builder)

    watcher: object = server.observer
    assert isinstance(watcher, Watcher), "MkDocs' own observer, which looks every half second"
    watcher.start()
    try:
        after = {w.path for w in watcher._watches}
        assert after == before and len(after) == 2
        server.unwatch(config.docs_dir)  # the server's own bookkeeping still matches the watcher
        assert config.docs_dir not in {w.path for w in watcher._watches}
    finally:
        watcher.stop()
        watcher.join()
        server.server_close()


def _themed_config(docs_dir: Path, custom_dir: Path, **settings: Any) -> MkDocsConfig:
    config = MkDocsConfig(config_file_path=str(ROOT / "mkdocs.yml"))
    config.load_dict(
        {
            "site_name": "conclusions",
            "docs_dir": str(docs_dir),
            "plugins": ["conclusions"],
            "theme": {"name": "material", "custom_dir": str(custom_dir)},
            **settings,
        }
    )
    errors, _ = config.validate()
    assert not errors
    return config


def test_the_package_templates_come_after_the_sites_overrides_and_before_material(tmp_path: Path) -> None:
    from conclusions.plugin import THEME_DIR

    overrides = tmp_path / "overrides"
    (overrides / "partials").mkdir(parents=True)
    (overrides / "partials" / "toc.html").write_text("the site's own", encoding="utf-8")
    config = _themed_config(FIXTURES / "mini", overrides)
    material = config.theme.dirs[1]
    config = config.plugins.on_config(config)

    assert config.theme.dirs[:3] == [str(overrides), THEME_DIR, material]
    env = config.theme.get_env()
    assert env.get_template("partials/toc.html").filename == str(overrides / "partials" / "toc.html")
    assert str(env.get_template("partials/search.html").filename).startswith(THEME_DIR)
    assert str(env.get_template("main.html").filename).startswith(THEME_DIR)
    assert str(env.get_template("base.html").filename).startswith(material)
    # MkDocs publishes the package's CSS and JS as it publishes Material's own assets.
    files = Files([])
    files.add_files_from_theme(env, config)
    shipped = {f.src_uri: f.abs_src_path for f in files}
    for path in ("assets/conclusions.css", "assets/conclusions.js", "assets/share.js"):
        assert str(shipped[path]).startswith(THEME_DIR)
    assert "README.md" not in shipped and "partials/toc.html" not in shipped


def test_the_package_assets_are_listed_once_and_before_the_sites_own(tmp_path: Path) -> None:
    config = _themed_config(
        FIXTURES / "mini",
        tmp_path,
        extra_css=["site.css", "assets/conclusions.css"],
        extra_javascript=["site.js"],
    )
    config = config.plugins.on_config(config)
    assert config.extra_css == ["site.css", "assets/conclusions.css"]
    assert [str(s) for s in config.extra_javascript] == ["assets/conclusions.js", "assets/share.js", "site.js"]
    config = config.plugins.on_config(config)  # `mkdocs serve` rebuilds: nothing is added twice
    assert [str(s) for s in config.extra_javascript] == ["assets/conclusions.js", "assets/share.js", "site.js"]
    assert config.theme.dirs.count(config.theme.dirs[1]) == 1


def test_fast_serve_starts_afresh_when_a_package_template_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    import conclusions.plugin
    from mkdocs.structure.nav import get_navigation

    theme = tmp_path / "theme"
    shutil.copytree(conclusions.plugin.THEME_DIR, theme)
    monkeypatch.setattr(conclusions.plugin, "THEME_DIR", str(theme))
    (tmp_path / "overrides").mkdir()
    config = _themed_config(FIXTURES / "mini", tmp_path / "overrides")

    def signature() -> str:
        plugin = config.plugins["conclusions"]
        assert isinstance(plugin, conclusions.plugin.ConclusionsPlugin) and plugin.serving is not None
        files = config.plugins.on_files(Files([]), config=config)
        config.plugins.on_nav(get_navigation(files, config), config=config, files=files)
        memory = plugin.serving.memory
        assert memory is not None, "fast serve keeps what it made"
        return memory.site

    config.plugins.on_startup(command="serve", dirty=False)
    config = config.plugins.on_config(config)
    before = signature()
    assert signature() == before
    (theme / "partials" / "toc.html").write_text("changed", encoding="utf-8")
    assert signature() != before


def test_the_placeholder_site_name_takes_name_description_and_language_from_the_document() -> None:
    from dataclasses import replace

    from conclusions.core.edition import build_edition
    from conclusions.plugin import SITE_NAME_PLACEHOLDER, _name_from_document, describe

    header = build_edition(FIXTURES / "mini").document.header
    assert (
        describe(header)
        == "A hyperlinked, citable edition of the Council conclusions on ocean observation, ST 10001/22."
    )
    assert describe(replace(header, document_id="")) == (
        "A hyperlinked, citable edition of the Council conclusions on ocean observation."
    )
    assert describe(replace(header, citation_title="", title="")) == "A hyperlinked, citable edition of ST 10001/22."
    assert describe(replace(header, citation_title="", title="", document_id="")) == "A hyperlinked, citable edition."

    config = _config(FIXTURES / "mini")
    assert config.site_name == SITE_NAME_PLACEHOLDER
    config = config.plugins.on_config(config)
    assert (config.site_name, config.theme["language"]) == ("Ocean observation", "en")
    assert config.site_description == describe(header)

    _name_from_document(config, replace(header, short_title="Océans & <mers>", language="fr"))
    assert config.site_name == "Océans &amp; &lt;mers&gt;", "Material prints the name unescaped"
    assert config.theme["language"] == "fr"
    assert config.site_description == describe(header), "a description already given is kept"
    _name_from_document(config, replace(header, language="ga"))  # Material has no Irish words
    assert config.theme["language"] == "fr"


def test_a_site_name_of_its_own_is_kept_with_its_description_and_language() -> None:
    config = MkDocsConfig(config_file_path=str(ROOT / "mkdocs.yml"))
    config.load_dict(
        {
            "site_name": "Ocean edition",
            "docs_dir": str(FIXTURES / "mini"),
            "plugins": ["conclusions"],
            "theme": {"name": "material", "language": "de"},
        }
    )
    assert not config.validate()[0]
    config = config.plugins.on_config(config)
    assert (config.site_name, config.site_description, config.theme["language"]) == ("Ocean edition", None, "de")


def test_a_site_without_directory_urls_is_refused_in_one_line_before_the_site_is_touched(tmp_path: Path) -> None:
    """Every address the edition publishes (pages, JSON, cards, redirects, the About page's
    table) is a directory address: a build with `use_directory_urls: false` stops at once."""
    import os
    import subprocess
    import sys

    from conclusions.plugin import DIRECTORY_URLS_ONLY

    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the previous build", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: {FIXTURES / 'mini'}\nsite_dir: {site}\n"
        f"theme:\n  name: material\n  custom_dir: {ROOT / 'overrides'}\nuse_directory_urls: false\n",
        encoding="utf-8",
    )
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(config)], capture_output=True, text=True, env=env
    )
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
    assert errors == [f"ERROR   -  {DIRECTORY_URLS_ONLY}"]
    assert "Traceback" not in result.stderr
    assert (site / "index.html").read_text(encoding="utf-8") == "the previous build"
    assert "use_directory_urls" in DIRECTORY_URLS_ONLY and "\n" not in DIRECTORY_URLS_ONLY

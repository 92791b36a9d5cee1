"""The MkDocs adapter, driven with MkDocs' own config and File objects (no subprocess)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files, InclusionLevel

from site_tests.support.build import FIXTURES, ROOT


def _config(docs_dir) -> MkDocsConfig:
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
    nav_files = [next(iter(item.values())) for item in config.nav if isinstance(next(iter(item.values())), str)]
    assert not [f for f in nav_files if f.startswith("paragraphs/")]
    assert config.site_name == "Ocean observation"


def test_a_source_error_becomes_a_plugin_error_with_file_and_line(tmp_path) -> None:
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


def test_serve_watches_the_same_paths_more_often(tmp_path) -> None:
    from conclusions.rebuild import QUIET, WATCH_INTERVAL
    from mkdocs.livereload import LiveReloadServer

    config = _config(FIXTURES / "mini")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    server.watch(config.docs_dir)
    server.watch(config.config_file_path)
    before = {emitter.watch.path for emitter in server.observer.emitters}
    assert server.observer.timeout > WATCH_INTERVAL, "MkDocs' own interval, which the plugin shortens"

    server = config.plugins.on_serve(server, config=config, builder=server.builder)

    assert server.observer.timeout == WATCH_INTERVAL and server.build_delay == QUIET
    after = {emitter.watch.path for emitter in server.observer.emitters}
    assert after == before and len(after) == 2
    server.unwatch(config.docs_dir)  # the server's own bookkeeping still matches the observer
    assert config.docs_dir not in {emitter.watch.path for emitter in server.observer.emitters}
    server.server_close()


def test_serve_keeps_mkdocs_interval_for_a_large_watched_tree(tmp_path) -> None:
    from conclusions.rebuild import WATCH_LIMIT
    from mkdocs.livereload import LiveReloadServer

    config = _config(FIXTURES / "mini")
    theme = tmp_path / "theme"
    theme.mkdir()
    for i in range(WATCH_LIMIT + 1):
        (theme / f"{i}.svg").write_text("", encoding="utf-8")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    server.watch(config.docs_dir)
    server.watch(str(theme))  # as `mkdocs serve --watch-theme` does with the theme's folders
    observer = server.observer

    server = config.plugins.on_serve(server, config=config, builder=server.builder)

    assert server.observer is observer, "polling thousands of files often would cost real CPU"
    server.server_close()

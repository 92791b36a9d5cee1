"""Serve-only machinery only under `mkdocs serve`.

Every MkDocs internal the plugin relies on is in `mkdocs_internals.py`, used by `rebuild.py`;
`mkdocs build` imports neither and makes the same bytes without them, and `mkdocs serve`
checks at start-up, on a two-page build and a server of its own, that MkDocs still does what
the plugin relies on: a MkDocs that does it otherwise stops `mkdocs serve`, naming what.
"""

from __future__ import annotations

import os
import subprocess
import sys
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands import build as build_command
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from site_tests.support.build import EPOCH, FIXTURES, ROOT, build
from site_tests.support.trees import different_files

SERVE_ONLY = ("conclusions.mkdocs_internals", "conclusions.rebuild", "conclusions.watching")

# `python -m mkdocs`, with the serve-only modules made unimportable (`import` raises ImportError).
_BUILD_WITHOUT = (
    "import sys\n"
    f"for name in {SERVE_ONLY!r}:\n"
    "    sys.modules[name] = None\n"
    "from mkdocs.__main__ import cli\n"
    "sys.argv[0] = 'mkdocs'\n"
    "cli()\n"
)


def test_a_build_makes_the_same_bytes_without_the_serve_machinery(tmp_path: Path) -> None:
    with_it = tmp_path / "with"
    build(with_it, source=FIXTURES / "mini", cards_cache=tmp_path / "cards")
    config = tmp_path / "with.mkdocs.yml"
    without = tmp_path / "without"
    config_without = tmp_path / "without.mkdocs.yml"
    config_without.write_text(
        config.read_text(encoding="utf-8").replace(f"site_dir: {with_it}\n", f"site_dir: {without}\n"),
        encoding="utf-8",
    )
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-c", _BUILD_WITHOUT, "build", "--strict", "-f", str(config_without)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    assert "unchanged since the last build" not in result.stderr
    assert (without / "index.html").is_file()
    assert different_files(with_it, without) == []


def test_the_serve_only_modules_stay_out_of_a_build_in_process() -> None:
    """The adapter's own imports: none of the serve-only modules comes with `conclusions.plugin`."""
    code = f"import sys, conclusions.plugin\nprint(sorted(name for name in {SERVE_ONLY!r} if name in sys.modules))\n"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def _config() -> MkDocsConfig:
    config = MkDocsConfig(config_file_path=str(ROOT / "mkdocs.yml"))
    config.load_dict(
        {
            "site_name": "conclusions",
            "docs_dir": str(FIXTURES / "mini"),
            "plugins": ["conclusions"],
            "theme": {"name": "material"},
        }
    )
    errors, _ = config.validate()
    assert not errors
    return config


def test_this_mkdocs_has_every_internal_the_serve_machinery_relies_on() -> None:
    from conclusions import mkdocs_internals

    assert mkdocs_internals.missing() == []


def _render_without_title(render: Callable[..., None]) -> Callable[..., None]:
    def render_only(self: Page, config: MkDocsConfig, files: Files) -> None:
        render(self, config, files)
        del self._title_from_render

    return render_only


def _build_page_every_time(build_page: Callable[..., None]) -> Callable[..., None]:
    def build_every_page(
        page: Page,
        config: MkDocsConfig,
        doc_files: Files,
        nav: Any,
        env: Any,
        dirty: bool = False,
        excluded: bool = False,
    ) -> None:
        return build_page(page, config, doc_files, nav, env, False, excluded)

    return build_every_page


@pytest.mark.parametrize(
    ("owner", "attribute", "replace", "named"),
    [
        (LiveReloadServer, "_inject_js_into_html", None, "LiveReloadServer._inject_js_into_html"),
        (LiveReloadServer, "__init__", lambda _: lambda self, *args, **kwargs: None, "LiveReloadServer._watched_paths"),
        (Page, "render", _render_without_title, "_title_from_render"),
        (
            build_command,
            "_build_page",
            _build_page_every_time,
            "a dirty build skipping the pages whose File.is_modified() is false",
        ),
    ],
)
def test_serve_stops_at_start_up_naming_what_mkdocs_does_otherwise(
    monkeypatch: pytest.MonkeyPatch, owner: object, attribute: str, replace: Callable[..., Any] | None, named: str
) -> None:
    if replace is None:
        monkeypatch.delattr(owner, attribute)
    else:
        monkeypatch.setattr(owner, attribute, replace(getattr(owner, attribute)))
    config = _config()
    with pytest.raises(PluginError) as stopped:
        config.plugins.on_startup(command="serve", dirty=False)
    message = str(stopped.value)
    assert named in message and "`mkdocs build` is not affected" in message
    # A build does not need it, and does not look.
    config.plugins.on_startup(command="build", dirty=False)


def test_serve_keeps_mkdocs_own_watcher_when_its_server_watches_otherwise(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A MkDocs whose server stops telling its observer of a path it no longer watches: the
    plugin's watcher would go on watching it, so MkDocs' own stays, and one line says why."""
    from conclusions.rebuild import watch_often

    monkeypatch.setattr(LiveReloadServer, "unwatch", lambda self, path: None)
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    server.watch(str(tmp_path))
    observer = server.observer
    with caplog.at_level("WARNING"):
        watch_often(server, "auto")
    assert server.observer is observer
    [line] = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert "keeping MkDocs' own file watcher" in line and "LiveReloadServer.unwatch" in line
    server.server_close()


def test_the_installed_themes_are_read_again_only_when_a_distribution_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Kept between the loads of the configuration, MkDocs' list of the installed themes is
    read again when a distribution is installed in a folder of `sys.path`, and only then."""
    import mkdocs.utils
    from conclusions import mkdocs_internals

    # MkDocs' own list, put back afterwards: a serve run earlier in this process may have kept
    # it already, with what was installed then.
    listing = getattr(mkdocs.utils.get_themes, "listing", mkdocs.utils.get_themes)
    monkeypatch.setattr(mkdocs.utils, "get_themes", listing)
    folder = tmp_path / "site-packages"
    folder.mkdir()
    # Only Python's and the environment's own folders: tests running beside this one write in
    # the repository's folders on `sys.path`, which would rightly make the list be read again.
    # (`sys.path` replaced whole and put back whole: `syspath_prepend` on top of a replaced list
    # would put back the replaced list's contents.)
    own = [entry for entry in sys.path if entry and entry.startswith((sys.prefix, sys.base_prefix))]
    monkeypatch.setattr(sys, "path", [str(folder), *own])
    assert mkdocs_internals.keep_theme_list()
    themes = mkdocs.utils.get_themes
    listed = themes()
    assert "mkdocs" in listed
    themes.cache_clear()  # as MkDocs does at each load of a theme's configuration
    assert themes() is listed, "nothing was installed: the list is kept"

    metadata = folder / "invented_theme-1.0.dist-info"
    metadata.mkdir()
    (metadata / "METADATA").write_text("Metadata-Version: 2.1\nName: invented-theme\nVersion: 1.0\n", encoding="utf-8")
    (metadata / "entry_points.txt").write_text("[mkdocs.themes]\ninvented = invented_theme\n", encoding="utf-8")
    themes.cache_clear()
    assert "invented" in themes(), "a theme installed while serving is found at the next load"


def test_the_installed_themes_are_read_as_mkdocs_reads_them_when_a_load_finds_them_otherwise(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import mkdocs.utils
    from conclusions import mkdocs_internals

    listing = getattr(mkdocs.utils.get_themes, "listing", mkdocs.utils.get_themes)
    monkeypatch.setattr(mkdocs.utils, "get_themes", listing)

    # A MkDocs whose theme module would empty the list it imported, not the one its module names.
    import mkdocs.theme

    own = types.SimpleNamespace(**{name: getattr(mkdocs.utils, name) for name in dir(mkdocs.utils)})
    monkeypatch.setattr(mkdocs.theme, "utils", own)
    assert not mkdocs_internals.keep_theme_list()
    assert mkdocs.utils.get_themes is listing


def test_a_page_not_built_again_has_its_links_to_the_pages_built_now_checked_and_only_those(
    tmp_path: Path,
) -> None:
    """A register page links to hundreds of pages; a save builds a few again. Its links to
    those are checked again (their anchors may be gone), its links to the others were checked
    by the last build against the same anchors."""
    from conclusions.mkdocs_internals import Rendering
    from conclusions.rebuild import Memory, RememberedPage, Serving
    from mkdocs.structure.toc import get_toc

    config = MkDocsConfig(config_file_path=str(tmp_path / "mkdocs.yml"))
    (tmp_path / "docs").mkdir()
    config.load_dict({"site_name": "trial", "docs_dir": str(tmp_path / "docs"), "site_dir": str(tmp_path / "site")})
    assert config.validate()[0] == []
    memory = Memory()
    sources = ("index.md", "a.md", "b.md", "c.md")
    files = Files([File(src, str(tmp_path / "docs"), str(tmp_path / "site"), True) for src in sources])
    pages = {f.src_uri: RememberedPage(None, f, config, memory) for f in files}
    links = {"a.md": {"x": "a.md#x"}, "b.md": {"y": "b.md#y"}, "c.md": {"z": "c.md#z"}}
    linking = Rendering("", get_toc([]), "Index", frozenset(), links, "", {})
    memory.linked("index.md", linking)
    index = pages["index.md"]
    index.built, index.done = False, linking
    for src in ("a.md", "c.md"):
        pages[src].built = True
    pages["b.md"].built = False
    serving = Serving.__new__(Serving)
    serving.memory = memory
    serving._check_links_to_changed_pages({src for src, page in pages.items() if page.built}, files)
    checked = {target.src_uri: anchors for target, anchors in (index.links_to_anchors or {}).items()}
    assert checked == {"a.md": {"x": "a.md#x"}, "c.md": {"z": "c.md#z"}}


def test_the_site_signature_changes_with_each_part_of_the_files_and_navigation_it_is_made_of(tmp_path: Path) -> None:
    """The signature of the files and navigation is made again only when their listing differs
    from the last one made: the same listing gives the same signature, and a change of any
    file's path, address or inclusion, or of the navigation's entries, gives another."""
    from conclusions.rebuild import Memory
    from mkdocs.structure.files import InclusionLevel
    from mkdocs.structure.nav import Navigation

    config = MkDocsConfig(config_file_path=str(tmp_path / "mkdocs.yml"))
    (tmp_path / "docs").mkdir()
    config.load_dict({"site_name": "trial", "docs_dir": str(tmp_path / "docs"), "site_dir": str(tmp_path / "site")})
    assert config.validate()[0] == []
    docs, site = str(tmp_path / "docs"), str(tmp_path / "site")

    def listed(*, directory_urls: bool = True, inclusion: InclusionLevel = InclusionLevel.UNDEFINED) -> Files:
        return Files([File(src, docs, site, directory_urls, inclusion=inclusion) for src in ("index.md", "a.md")])

    def signature(files: Files, titles: tuple[str, ...] = ("Home", "A")) -> str:
        pages = [Page(title, f, config) for title, f in zip(titles, files, strict=False)]
        memory.same_site(files, Navigation(list(pages), pages), [])
        return memory.site

    memory = Memory()
    first = signature(listed())
    assert signature(listed()) == first
    # Each after the same files as the one before it, but for what it changes.
    changed = {
        "a navigation entry's title": signature(listed(), ("Home", "B")),
        "a file's address": signature(listed(directory_urls=False)),
        "a file's inclusion": signature(listed(inclusion=InclusionLevel.NOT_IN_NAV)),
        "a file more": signature(Files([*listed(), File("b.md", docs, site, True)]), ("Home", "A")),
    }
    assert {what: sig for what, sig in changed.items() if sig == first} == {}
    assert len(set(changed.values())) == len(changed)
    assert signature(listed()) == first

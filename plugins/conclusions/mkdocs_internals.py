"""Every MkDocs internal the plugin relies on: all of them serve `mkdocs serve`, none `mkdocs build`.

`mkdocs build` never imports this module (nor `rebuild.py`, which uses it), and makes the same
bytes without it (site_tests/serve/test_serve_internals.py builds with it made unimportable). Under
`mkdocs serve`, `check()` runs at start-up: it builds a two-page site in a temporary folder
and watches MkDocs do each thing below, and stops with a message that names what it did not
do, so that a MkDocs release that changes one of them shows at once, not as a wrong page later.

What the plugin relies on, as MkDocs 1.6 does it:

- `Page.render` setting `_title_from_render`, `present_anchor_ids` and `links_to_anchors`
  besides `content` and `toc`: a rendering reused from the last build sets them again
  (`Rendering`).
- MkDocs using the page a plugin sets on `File.page` in `on_files`: the navigation and the
  build use and render that very object (they make a `Page` only where `file.page` is None).
- A dirty build (`build(..., dirty=True)`) keeping the site folder and skipping every page
  and file whose `File.is_modified()` is false, after one warning (`rebuild_in_place`);
  `mkdocs serve` calling `build` by its module-level name.
- A build in place given, by `files.documentation_pages()` after `on_nav`, only the pages it
  builds (and those whose links it checks) building those and keeping the others' pages in
  the site folder (`build_only`; were MkDocs to go over every page, it would skip the same).
- `File._content`: a generated file's content as given (`made_of`).
- `LiveReloadServer`: `_watched_paths`, `observer` and `build_delay` (`watch_with`, `set_quiet`),
  the calls its `watch`, `unwatch` and `shutdown` make on its observer, and the handler `watch`
  gives it (checked apart, by `watcher_missing`: without them, MkDocs' own watcher is kept), `builder`
  (`after_each_build`), `root` and `error_handler` (`serve_from`), `_inject_js_into_html`
  (`rewrite_served_pages`).
- `mkdocs.utils.get_themes`, the installed themes, named so by a load of the configuration,
  which empties it through that name (`keep_theme_list`; checked when it is asked for, and
  left as it is when a load does otherwise).
- Material's search plugin keeping this build's index entries, one list of pages in build
  order, in `search_index.entries` (`search_entries`).
- Material's search index as `SearchIndex.generate_search_index` writes it: its
  configuration, then its entries, encoded as `json.dumps` encodes them, so that the JSON of
  the entries of a page not built again is taken from the last build
  (`write_search_index_in_parts`).
"""

from __future__ import annotations

import io
import json
import logging
import os
import sys
import tempfile
from collections.abc import Callable, Collection, Hashable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, cast

import mkdocs
from jinja2 import BytecodeCache, Environment
from mkdocs import utils as mkdocs_utils
from mkdocs.commands import build as build_command
from mkdocs.commands import serve as serve_command
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, PluginCollection
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents
from mkdocs.theme import Theme
from watchdog.events import FileModifiedEvent
from watchdog.observers.polling import PollingObserver


def check() -> None:
    """Stop `mkdocs serve` at start-up, naming what is gone, when this MkDocs does not do what
    the plugin's serve machinery relies on."""
    gone = missing()
    if gone:
        raise PluginError(
            f"the conclusions plugin's serve machinery relies on MkDocs internals that MkDocs {mkdocs.__version__} "
            f"no longer has: {'; '.join(gone)}. `mkdocs build` is not affected. Use MkDocs 1.6, or report this "
            "(plugins/conclusions/mkdocs_internals.py lists what it relies on)"
        )


def missing() -> list[str]:
    """What the plugin relies on that this MkDocs does not do (empty: everything is there)."""
    with tempfile.TemporaryDirectory(prefix="conclusions-check-") as folder:
        return _Trial(Path(folder)).run()


# -- the start-up check: a two-page site, built twice ------------------------------------------

_TRIAL_PAGES = {"a.md": "# A\n\n[to b](b.md#there)\n", "b.md": "# B\n\n## There\n\nText.\n"}


class _TrialPage(Page):
    """A page the trial plugin makes itself; it counts how often MkDocs renders it."""

    renders = 0

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.renders += 1
        super().render(config, files)


class _TrialPlugin(BasePlugin):  # type: ignore[type-arg]
    """Makes the trial's pages, as the conclusions plugin does; `unchanged`: those left out."""

    def __init__(self) -> None:
        self.pages: dict[str, _TrialPage] = {}
        self.unchanged: set[str] = set()
        self.in_nav: list[Page] = []
        self.content: str | bytes | None = None
        self.listed_only = False
        """Whether MkDocs is given only the pages it builds (`build_only`)."""

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        for src, markdown in _TRIAL_PAGES.items():
            file = File.generated(config, src, content=markdown)
            if src not in self.pages:
                self.pages[src] = _TrialPage(None, file, config)
            else:
                file.page = self.pages[src]
                self.pages[src].file = file
            set_modified(file, src not in self.unchanged)
            files.append(file)
        self.content = made_of(files.src_uris["a.md"])
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.in_nav = list(nav.pages)
        if "sitemap.xml" in self.unchanged:
            skip_template(config, "sitemap.xml")
        if self.listed_only:
            build_only(files, [f for f in files if f.is_documentation_page() and f.src_uri not in self.unchanged])
        return nav


class _Trial:
    """Builds the two-page site in `folder` as `mkdocs serve` would, twice, and lists what
    MkDocs did not do of what the plugin relies on."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.gone: list[str] = []
        self.search: BasePlugin[Any] | None = None
        """Material's search plugin of the last trial build (None without Material)."""

    def expect(self, what: str, holds: bool) -> None:
        if not holds:
            self.gone.append(what)

    def expect_that(self, what: str, holds: Callable[[], bool]) -> None:
        """`expect`, where finding out may fail as well (an attribute that is gone)."""
        try:
            self.expect(what, holds())
        except Exception:
            self.gone.append(what)

    def run(self) -> list[str]:
        try:
            self._build_twice()
        except Exception as error:
            self.gone.append(f"a build of two pages ({type(error).__name__}: {error})")
        try:
            with _quiet():
                self._server()
        except Exception as error:
            self.gone.append(f"LiveReloadServer as the plugin uses it ({type(error).__name__}: {error})")
        return self.gone

    def _config(self, plugin: _TrialPlugin) -> MkDocsConfig:
        docs, site = self.folder / "docs", self.folder / "site"
        docs.mkdir(exist_ok=True)
        theme = self.folder / "theme"
        theme.mkdir(exist_ok=True)
        (theme / "main.html").write_text("<html><body>{{ page.content }}</body></html>\n", encoding="utf-8")
        settings = (
            f"site_name: trial\ndocs_dir: {docs}\nsite_dir: {site}\ntheme:\n  name: null\n  custom_dir: {theme}\n"
        )
        config = load_config(io.StringIO(settings), config_file_path=str(self.folder / "mkdocs.yml"))
        config.plugins = PluginCollection()
        self.search = _add_search(config)
        config.plugins["trial"] = plugin
        return config

    def _build_twice(self) -> None:
        plugin = _TrialPlugin()
        with _quiet() as records:
            with _counted(Files, "add_files_from_theme") as listed, _counted(Theme, "get_env") as environments:
                build_command.build(self._config(plugin), serve_url="http://127.0.0.1:8000/", dirty=True)
            self.expect(
                "MkDocs listing the theme's files with Files.add_files_from_theme, its templates with Theme.get_env",
                listed == [1] and environments[0] >= 1,
            )
            self._first_build(plugin)
            # Again, dirty, with a.md and the sitemap left out: MkDocs must neither render nor write them.
            for written in (self.folder / "site" / "a" / "index.html", self.folder / "site" / "sitemap.xml"):
                written.write_text("kept", encoding="utf-8")
            plugin.unchanged = {"a.md", "sitemap.xml"}
            build_command.build(self._config(plugin), serve_url="http://127.0.0.1:8000/", dirty=True)
            self._second_build(plugin, records)
            # Again, MkDocs given b.md alone: it builds it, and the site keeps a.md's page.
            plugin.listed_only = True
            build_command.build(self._config(plugin), serve_url="http://127.0.0.1:8000/", dirty=True)
        a, b = plugin.pages["a.md"], plugin.pages["b.md"]
        self.expect(
            "a build in place given only the pages it builds (files.documentation_pages after on_nav)",
            (a.renders, b.renders) == (1, 3)
            and (self.folder / "site" / "a" / "index.html").read_text(encoding="utf-8") == "kept",
        )

    def _first_build(self, plugin: _TrialPlugin) -> None:
        a, b = plugin.pages["a.md"], plugin.pages["b.md"]
        self.expect(
            "MkDocs using the page a plugin sets on File.page (structure.nav, commands.build)",
            (a.renders, b.renders) == (1, 1) and all(p in (a, b) for p in plugin.in_nav),
        )
        self.expect("Page._title_from_render, set by Page.render", getattr(b, "_title_from_render", None) == "B")
        self.expect(
            "Page.present_anchor_ids, set by Page.render", "there" in (getattr(b, "present_anchor_ids", None) or ())
        )
        links = getattr(a, "links_to_anchors", None)
        self.expect(
            "Page.links_to_anchors, set by Page.render",
            isinstance(links, dict) and any(f.src_uri == "b.md" and "there" in v for f, v in links.items()),
        )
        self.expect("File._content, a generated file's content", plugin.content == _TRIAL_PAGES["a.md"])
        entries = search_entries(self.search) if self.search is not None else None
        self.expect(
            "Material's search plugin keeping the pages' entries in search_index.entries",
            entries is not None and [str(e.get("location", "")).split("#")[0] for e in entries[:1]] == ["a/"],
        )
        if self.search is not None and entries:
            search = self.search
            own = search.search_index.generate_search_index(None)  # type: ignore[attr-defined]
            write_search_index_in_parts(
                search, [search_entries_json(entries[:1]), "", search_entries_json(entries[1:])]
            )
            self.expect_that(
                "Material's search index written from its entries' JSON in parts (generate_search_index)",
                lambda: search.search_index.generate_search_index(None) == own,  # type: ignore[attr-defined]
            )

    def _second_build(self, plugin: _TrialPlugin, records: list[logging.LogRecord]) -> None:
        a, b = plugin.pages["a.md"], plugin.pages["b.md"]
        site = self.folder / "site"
        self.expect(
            "a dirty build skipping the pages whose File.is_modified() is false",
            (a.renders, b.renders) == (1, 2) and (site / "a" / "index.html").read_text(encoding="utf-8") == "kept",
        )
        self.expect(
            "a build writing the theme's static templates (the sitemap) only when in theme.static_templates",
            (site / "sitemap.xml").read_text(encoding="utf-8") == "kept",
        )
        self.expect(
            "a dirty build's warning",
            any(str(r.msg).startswith(DIRTY_WARNING) and r.levelno == logging.WARNING for r in records),
        )
        self.expect("mkdocs serve calling build by its module's name", _serve_builds_with(build_command.build))

    def _server(self) -> None:
        served, other = self.folder / "served", self.folder / "other"
        for folder in (served, other):
            folder.mkdir()
        (other / "x.html").write_text("<html><body>other</body></html>", encoding="utf-8")

        def builder() -> None:
            pass

        server = LiveReloadServer(builder=builder, host="127.0.0.1", port=0, root=str(served))

        def watched() -> bool:
            server.watch(str(served))
            paths = dict(getattr(server, "_watched_paths", {}))
            server.unwatch(str(served))
            return paths == {os.path.abspath(served): 1}

        def serves_from() -> bool:
            serve_from(server, str(other), lambda code: b"missing" if code == 404 else None)
            return b"other" in _get(server, "/x.html")

        try:
            self.expect_that("LiveReloadServer.builder", lambda: getattr(server, "builder", None) is builder)
            self.expect_that("LiveReloadServer.build_delay", lambda: isinstance(server.build_delay, float))
            self.expect_that("LiveReloadServer.observer", lambda: isinstance(server.observer, PollingObserver))
            self.expect_that("LiveReloadServer._watched_paths", watched)
            self.expect_that("LiveReloadServer.root, the folder it serves", serves_from)
            self.expect_that("LiveReloadServer.error_handler", lambda: _get(server, "/nothing.html") == b"missing")
            self.expect_that(
                "LiveReloadServer._inject_js_into_html",
                lambda: b"<script" in server._inject_js_into_html(b"<html><body></body></html>", 1),
            )
        finally:
            if hasattr(server, "socket"):
                server.server_close()


def _serve_builds_with(build: Callable[..., None]) -> bool:
    """Whether `mkdocs serve` calls `build` by its module's name (`rebuild_in_place` wraps it there)."""
    called = getattr(serve_command, "build", None)
    return called is build or getattr(called, "wrapped", None) is build


def _add_search(config: MkDocsConfig) -> BasePlugin[Any] | None:
    """Material's search plugin in the trial's configuration, when Material is installed."""
    try:
        from material.plugins.search.plugin import SearchPlugin  # type: ignore[import-untyped]
    except ImportError:
        return None
    search: BasePlugin[Any] = SearchPlugin()
    # Its language settings given: it would otherwise read them from Material's templates.
    search.load_config({"lang": ["en"], "separator": r"[\s\-]+", "pipeline": []})
    config.plugins["material/search"] = search
    return search


def _get(server: LiveReloadServer, path: str) -> bytes:
    """What `server` answers to a GET of `path`, as the WSGI application it is."""
    environ = {"PATH_INFO": path, "REQUEST_METHOD": "GET"}
    body = server.serve_request(environ, lambda status, headers: None)
    return b"".join(body)


@contextmanager
def _counted(owner: type, name: str) -> Iterator[list[int]]:
    """How many times MkDocs calls `owner.name` in the block (one count, in a list)."""
    calls = [0]
    original = getattr(owner, name)

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        return original(*args, **kwargs)

    setattr(owner, name, counting)
    try:
        yield calls
    finally:
        setattr(owner, name, original)


@contextmanager
def _quiet() -> Iterator[list[logging.LogRecord]]:
    """MkDocs' log records while the trial runs, kept from the console (and from filters)."""
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    top, builds = logging.getLogger("mkdocs"), logging.getLogger("mkdocs.commands.build")
    handlers, propagate, filters = top.handlers[:], top.propagate, builds.filters[:]
    top.handlers, top.propagate, builds.filters = [Keep()], False, []
    try:
        yield records
    finally:
        top.handlers, top.propagate, builds.filters = handlers, propagate, filters


# -- pages -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rendering:
    """What `Page.render` sets, with links to other pages named by source path, not `File`."""

    content: str
    toc: TableOfContents
    title: str | None
    anchors: frozenset[str]
    links_to_anchors: dict[str, dict[str, str]] | None
    markdown: str
    """The body `Page.read_source` read (and plugins' `on_page_markdown` changed)."""
    meta: dict[str, Any]
    """The front matter as `Page.read_source` read it, before `on_page_context` changed it."""

    @classmethod
    def of(cls, page: Page, meta: dict[str, Any]) -> Rendering:
        """What `page.render` set; `meta`: the page's front matter as read."""
        links = page.links_to_anchors
        return cls(
            page.content or "",
            page.toc,
            page._title_from_render,
            frozenset(page.present_anchor_ids or ()),
            None if links is None else {f.src_uri: dict(anchors) for f, anchors in links.items()},
            page.markdown or "",
            meta,
        )

    def read(self, page: Page) -> None:
        """Set on `page` what `Page.read_source` would set (for a page MkDocs does not build)."""
        page.markdown = self.markdown
        page.meta = dict(self.meta)

    def apply(self, page: Page, files: Files, *, links: bool = True) -> None:
        """Set on `page` what rendering it would set, with links to this build's `files`
        (`links`: False leaves its links unchecked, see `check_links`)."""
        page.content = self.content
        page.toc = self.toc
        page._title_from_render = self.title
        # Read only, by MkDocs' check of the links to the page: the set itself can be shared.
        page.present_anchor_ids = cast("set[str]", self.anchors)
        page.links_to_anchors = None
        if links:
            self.check_links(page, files)

    def check_links(self, page: Page, files: Files, *, to: Collection[str] | None = None) -> None:
        """Have MkDocs check `page`'s links to anchors after the build, against this build's
        pages (as it does for any page it renders); `to`: only its links to these pages (by
        source path), the others being known good."""
        if self.links_to_anchors is None:
            return
        if page.links_to_anchors is None:
            page.links_to_anchors = {}
        by_src = files.src_uris  # a dict MkDocs keeps (`get_file_from_path` normalises each path first)
        for src, anchors in self.links_to_anchors.items():
            if (to is None or src in to) and (target := by_src.get(src)) is not None:
                page.links_to_anchors[target] = dict(anchors)


# -- the server ------------------------------------------------------------------------------


def watched_paths(server: LiveReloadServer) -> dict[str, int]:
    """The paths the server watches, each with how many times it was asked to."""
    return dict(server._watched_paths)


def observer(server: LiveReloadServer) -> PollingObserver:
    """The watchdog observer that looks at the watched paths."""
    return server.observer


def watch_with(server: LiveReloadServer, new_observer: Any) -> None:
    """Move every watch to `new_observer` (MkDocs has no setting for its watcher): a watchdog
    observer, or what does what the server asks of one (`watcher_missing`)."""
    watched = watched_paths(server)
    for path, count in watched.items():
        for _ in range(count):
            server.unwatch(path)
    server.observer = new_observer
    for path, count in watched.items():
        for _ in range(count):
            server.watch(path)


def set_quiet(server: LiveReloadServer, seconds: float) -> None:
    """Have the server wait `seconds` without a further change before it rebuilds (it reads
    this again after each change it is told of)."""
    server.build_delay = seconds


def watcher_missing() -> list[str]:
    """What the plugin's watcher (`watching.Watcher`) relies on that this MkDocs' server does
    not do (empty: everything is there): watched by a server given another observer, a folder
    is scheduled on it, recursively, with a handler that asks for a rebuild on a file's event;
    unwatched, it is unscheduled; the server stopped, so is the observer."""
    gone: list[str] = []

    class Recording:
        def __init__(self) -> None:
            self.scheduled: dict[str, tuple[Any, str, bool]] = {}
            self.unscheduled: list[str] = []
            self.stopped = False

        def schedule(self, handler: Any, path: str, *, recursive: bool = False) -> str:
            self.scheduled[path] = (handler, path, recursive)
            return f"watch of {path}"

        def unschedule(self, watch: str) -> None:
            self.unscheduled.append(watch)

        def stop(self) -> None:
            self.stopped = True

    with tempfile.TemporaryDirectory(prefix="conclusions-check-") as folder:
        server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=folder)
        try:
            recording = Recording()
            server.watch(folder)
            watch_with(server, recording)
            handler, _path, recursive = recording.scheduled.get(os.path.abspath(folder), (None, "", False))
            if handler is None or not recursive:
                gone.append("LiveReloadServer.watch scheduling a folder on its observer, recursively")
            else:
                handler.dispatch(FileModifiedEvent(os.path.join(folder, "a.md")))
                if getattr(server, "_want_rebuild", None) is not True:
                    gone.append("the handler LiveReloadServer.watch schedules asking for a rebuild on a file's event")
            server.unwatch(folder)
            if recording.unscheduled != [f"watch of {os.path.abspath(folder)}"]:
                gone.append("LiveReloadServer.unwatch unscheduling what watch scheduled")
            server.shutdown()
            if not recording.stopped:
                gone.append("LiveReloadServer.shutdown stopping its observer")
        except Exception as error:
            gone.append(f"LiveReloadServer's watching ({type(error).__name__}: {error})")
        finally:
            server.server_close()
    return gone


def after_each_build(
    server: LiveReloadServer, succeeded: Callable[[], None], failed: Callable[[BaseException], None]
) -> None:
    """Call `succeeded` after each rebuild that succeeded and `failed` (with what stopped it)
    after each that did not; a failed rebuild then counts as done, and the server goes on
    serving (MkDocs alone holds every request after a failed rebuild, "the server will appear
    stuck")."""
    rebuild = server.builder

    def then_say_how_it_went() -> None:
        try:
            rebuild()
        except (Exception, SystemExit) as error:  # MkDocs' Abort is a SystemExit
            failed(error)
        else:
            succeeded()

    server.builder = then_say_how_it_went


def serve_from(server: LiveReloadServer, folder: str, error_page: Callable[[int], bytes | None]) -> None:
    """Serve the files of `folder`, and `error_page(404)` for a file it lacks."""
    server.root = os.path.abspath(folder)
    server.error_handler = error_page


def rewrite_served_pages(server: LiveReloadServer, rewrite: Callable[[bytes], bytes]) -> None:
    """Apply `rewrite` to every page the server sends, after it added its live-reload script."""
    inject: Callable[[bytes, int], bytes] = server._inject_js_into_html

    def inject_then_rewrite(content: bytes, epoch: int) -> bytes:
        return rewrite(inject(content, epoch))

    server._inject_js_into_html = inject_then_rewrite  # type: ignore[method-assign]


# -- rebuilding in place ---------------------------------------------------------------------

DIRTY_WARNING = "A 'dirty' build is being performed"
"""How MkDocs' warning about dirty builds starts; the plugin makes them exact (rebuild.py)."""


def _not_the_dirty_warning(record: logging.LogRecord) -> bool:
    return not str(record.msg).startswith(DIRTY_WARNING)


def rebuild_in_place() -> None:
    """Make every later build of this `mkdocs serve` a dirty one: MkDocs then builds only the
    pages and files whose `File.is_modified()` is true.

    MkDocs' own dirty builds compare modification times, which generated files do not have,
    and miss every page that shows what changed elsewhere; the plugin sets `is_modified` on
    each file itself. MkDocs' warning that dirty builds are inexact (counted as a failure in
    strict mode) is dropped.
    """
    build = serve_command.build  # type: ignore[attr-defined]
    if getattr(build, "in_place", False):
        return

    def in_place(config: Any, *, serve_url: str | None = None, dirty: bool = False) -> None:
        build(config, serve_url=serve_url, dirty=True)

    in_place.in_place = True  # type: ignore[attr-defined]
    in_place.wrapped = build  # type: ignore[attr-defined]
    serve_command.build = in_place  # type: ignore[attr-defined]
    logging.getLogger("mkdocs.commands.build").addFilter(_not_the_dirty_warning)


def build_only(files: Files, pages: list[File]) -> None:
    """Have MkDocs read, build and check the anchors of `pages` only (its files' pages, those
    not left out), in this build in place, instead of going over every page and skipping those
    whose `is_modified()` is false one by one.

    MkDocs takes the pages it goes over from `files.documentation_pages()` after `on_nav`;
    should it stop doing so, it goes over every page and skips the same ones (the start-up
    check builds the trial's second build this way). The list is also the `pages` of each
    template's context: `Serving.on_nav` asks this only when no template may read it.
    """

    def only(*, inclusion: Callable[[InclusionLevel], bool] = InclusionLevel.is_included) -> list[File]:
        return [file for file in pages if inclusion(file.inclusion)]

    # Until the end of the build: the plugin lists the files again in the next.
    files.documentation_pages = only  # type: ignore[method-assign]


def made_of(file: File) -> str | bytes:
    """What a generated file is made of: its content as the plugin gave it (the very object,
    which the plugin takes again from the last build when unchanged), or, for a copy, the
    path it is copied from (a card in the card cache, named by its content)."""
    content: str | bytes | None = file._content
    return content if content is not None else f"copy of {file.abs_src_path}"


def set_modified(file: File, modified: bool) -> None:
    """What `file.is_modified()` answers in this build (dirty builds skip it when False)."""
    file.is_modified = _MODIFIED if modified else _UNMODIFIED  # type: ignore[method-assign]


def keep_kind(file: File) -> File:
    """Have `file.is_documentation_page()` give its answer without working it out again.

    MkDocs asks it of every file several times a build (`Files.documentation_pages`, the copy
    of the static files), tens of thousands of questions for a collection; a file kept between
    builds has the same path, of which the answer is made, so it is worked out once. The answer
    is MkDocs' own: should MkDocs stop asking the file this way, nothing changes but the time.
    """
    file.is_documentation_page = _MODIFIED if File.is_documentation_page(file) else _UNMODIFIED  # type: ignore[method-assign]
    return file


# The two answers, made once rather than a function per file and build (6,000 files).
def _MODIFIED() -> bool:
    return True


def _UNMODIFIED() -> bool:
    return False


# -- the theme ------------------------------------------------------------------------------


def keep_theme(state: Callable[[MkDocsConfig], Hashable], code: BytecodeCache) -> None:
    """Make every later build of this `mkdocs serve` list the theme's static files only when its
    folders changed (`state(config)`: what those that may change while serving hold), and give
    every template environment of the theme `code`, its compiled templates.

    Material's templates folder holds some 14,000 files, which MkDocs walks and filters in every
    build for the few hundred it publishes; Material's search plugin makes an environment of its
    own three times a build, and compiles its language templates in each.
    """
    if getattr(Files.add_files_from_theme, "kept", False):
        return
    add_files_from_theme = Files.add_files_from_theme
    get_env = Theme.get_env
    listed: dict[Hashable, list[tuple[str, str]]] = {}

    def add_listed_files(files: Files, env: Environment, config: MkDocsConfig) -> None:
        key = (tuple(config.theme.dirs), tuple(config.theme.static_templates), state(config))
        if key not in listed:
            found = Files([])
            add_files_from_theme(found, env, config)
            listed.clear()
            listed[key] = [(f.src_uri, f.src_dir) for f in found if f.src_dir is not None]
        for path, folder in listed[key]:
            # As MkDocs does: a theme's file does not replace a file of docs_dir.
            if files.get_file_from_path(path) is None:
                files.append(File(path, folder, config.site_dir, config.use_directory_urls))

    def env_with_code(theme: Theme) -> Environment:
        env = get_env(theme)
        env.bytecode_cache = code
        return env

    add_listed_files.kept = True  # type: ignore[attr-defined]
    Files.add_files_from_theme = add_listed_files  # type: ignore[method-assign,assignment]
    Theme.get_env = env_with_code  # type: ignore[method-assign,assignment]


class _ThemeList:
    """MkDocs' list of the installed themes (`mkdocs.utils.get_themes`, an `lru_cache`), which
    MkDocs empties each time it loads a theme's configuration: here emptied only when the
    installed distributions may have changed (`_installed`)."""

    def __init__(self, listing: Any) -> None:
        self.listing = listing
        self.installed = _installed()

    def __call__(self) -> Any:
        return self.listing()

    def cache_clear(self) -> None:
        installed = _installed()
        if installed != self.installed:
            self.installed = installed
            self.listing.cache_clear()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.listing, name)


def _installed() -> tuple[tuple[str, int | None], ...]:
    """Each folder (or archive) of `sys.path` with its modification time: a distribution
    installed, upgraded or removed there adds or removes a folder of its metadata, which
    changes the time. Python's own reading of that metadata (`importlib.metadata`) keeps its
    listings of a folder under the same time."""
    state: list[tuple[str, int | None]] = []
    for entry in sys.path:
        try:
            state.append((entry, os.stat(entry or ".").st_mtime_ns))
        except OSError:
            state.append((entry, None))
    return tuple(state)


def keep_theme_list() -> bool:
    """Make every later load of the configuration of this `mkdocs serve` find the installed
    themes without reading the metadata of every installed distribution again, while none was
    installed or removed (`_ThemeList`). MkDocs reads them again at each load of a theme's
    configuration, each rebuild: a sizeable share of the configuration's reload.

    Done only if loading a configuration finds its theme through `mkdocs.utils.get_themes`
    and empties it through the same name, as MkDocs 1.6 does (tried on a configuration of
    MkDocs' own theme); else MkDocs reads them as it does. Returns whether it is done.
    """
    original: Any = mkdocs_utils.get_themes
    if isinstance(original, _ThemeList):
        return True
    trial = _ThemeList(original)
    calls = {"list": 0, "clear": 0}

    class Counted(_ThemeList):
        def __call__(self) -> Any:
            calls["list"] += 1
            return super().__call__()

        def cache_clear(self) -> None:
            calls["clear"] += 1
            super().cache_clear()

    mkdocs_utils.get_themes = Counted(original)  # type: ignore[assignment]
    try:
        with tempfile.TemporaryDirectory(prefix="conclusions-check-") as folder, _quiet():
            (Path(folder) / "docs").mkdir()
            settings = f"site_name: trial\ndocs_dir: {Path(folder) / 'docs'}\ntheme:\n  name: mkdocs\n"
            config = load_config(io.StringIO(settings), config_file_path=str(Path(folder) / "mkdocs.yml"))
            works = calls["list"] >= 1 and calls["clear"] >= 1 and bool(config.theme.dirs)
    except Exception:
        works = False
    mkdocs_utils.get_themes = trial if works else original  # type: ignore[assignment]
    return works


def skip_template(config: MkDocsConfig, name: str) -> None:
    """Leave the theme's static template `name` (the sitemap) out of this build: the file the
    last build wrote from it stays."""
    config.theme.static_templates.discard(name)


# -- other plugins ---------------------------------------------------------------------------

_PAGE_EVENTS = (
    "on_pre_page",
    "on_page_read_source",
    "on_page_markdown",
    "on_page_content",
    "on_page_context",
    "on_post_page",
)


def page_plugins(plugins: PluginCollection) -> list[tuple[str, BasePlugin[Any]]]:
    """The plugins that do something for each page (a page MkDocs does not build, they miss)."""
    return [
        (name, plugin)
        for name, plugin in plugins.items()
        if any(callable(getattr(plugin, event, None)) for event in _PAGE_EVENTS)
    ]


EMPTY_INDEX_END = '"docs":[]}'
"""How Material's search index of no entries ends: its entries follow its configuration."""


def search_entries_json(entries: list[dict[str, Any]]) -> str:
    """`entries` (a page's) as Material's search index holds them, its list without brackets."""
    return json.dumps(entries, separators=(",", ":"), default=str)[1:-1]


def write_search_index_in_parts(plugin: BasePlugin[Any], encoded: list[str]) -> None:
    """Have Material's search plugin write the index of this build from `encoded`, each page's
    entries as `search_entries_json` gives them, in the order of its entries, instead of
    encoding every entry again: the same bytes (checked at start-up)."""
    index = plugin.search_index  # type: ignore[attr-defined]
    index.generate_search_index = partial(_index_in_parts, index, type(index).generate_search_index, encoded)


def _index_in_parts(index: Any, material: Callable[[Any, Any], str], encoded: list[str], prev: Any) -> str:
    if prev:  # `mkdocs serve --dirty`: Material merges the last build's index itself
        return material(index, prev)
    entries, index.entries = index.entries, []
    try:
        empty = material(index, prev)  # Material's own configuration, and no entry
    finally:
        index.entries = entries
    if not empty.endswith(EMPTY_INDEX_END):
        return material(index, prev)
    # One copy of the index (tens of megabytes for a large collection), not one per `+`.
    return "".join((empty.removesuffix("[]}"), "[", ",".join([part for part in encoded if part]), "]}"))


def search_entries(plugin: BasePlugin[Any]) -> list[dict[str, Any]] | None:
    """The search index entries `plugin` made in this build, if it is Material's search."""
    index = getattr(plugin, "search_index", None)
    entries = getattr(index, "entries", None)
    return (
        entries if type(plugin).__module__ == "material.plugins.search.plugin" and isinstance(entries, list) else None
    )

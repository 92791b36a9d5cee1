"""Every MkDocs internal the plugin relies on: all of them serve `mkdocs serve`, none `mkdocs build`.

`mkdocs build` never imports this module (nor `rebuild.py`, which uses it), and makes the same
bytes without it (site_tests/test_serve_internals.py builds with it made unimportable). Under
`mkdocs serve`, `check()` runs at start-up and stops with a message that names what is gone,
so that a MkDocs release that changes one of them shows at once, not as a wrong page later.

What the plugin relies on, as MkDocs 1.6 has it:

- `Page._title_from_render`, `Page.present_anchor_ids` and `Page.links_to_anchors`: what
  `Page.render` sets besides `content` and `toc`; a rendering reused from the last build
  must set them again (`Rendering`).
- MkDocs reusing `File.page`: the page object a plugin makes for a file in `on_files` is the
  one the navigation and the build use and render (`structure.nav._data_to_navigation` and
  `commands.build.build` make a `Page` only where `file.page` is None).
- `LiveReloadServer._watched_paths`, `.observer` and `.build_delay`: the watched paths, the
  watchdog observer that polls them, the quiet time before a rebuild (`poll_every`).
- `LiveReloadServer.builder`, and a failed rebuild raising `Abort` (a `SystemExit`) while it
  handles the plugin's error, which is therefore its `__context__` (`keep_serving_after`).
- `LiveReloadServer._inject_js_into_html`: how the live-reload script gets into each served
  page (`rewrite_served_pages`).
- `mkdocs.commands.serve` calling `build` by its module-level name, and a dirty build
  (`build(..., dirty=True)`) keeping the site folder and skipping every page and file whose
  `File.is_modified()` is false, after logging one warning (`rebuild_in_place`).
- `File._content`: a generated file's content as given (`made_of`).
- Material's search plugin keeping this build's index entries in `search_index.entries`
  (`search_entries`).
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

import mkdocs
from mkdocs.commands import build as build_command
from mkdocs.commands import serve as serve_command
from mkdocs.exceptions import Abort, PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, PluginCollection
from mkdocs.structure import nav as nav_module
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents
from watchdog.observers.polling import PollingObserver


def _assigns(function: Callable[..., object], attribute: str) -> bool:
    """Whether `function`'s code names `attribute` (reads or sets `self.<attribute>`)."""
    code = getattr(function, "__code__", None)
    return code is not None and attribute in code.co_names


def _mentions(function: Callable[..., object] | None, words: str) -> bool:
    """Whether `function`'s source holds `words`; True when its source is not installed (the
    plugin then finds out in `on_nav`, where every generated page must still be its own)."""
    if function is None:
        return False
    try:
        return words in inspect.getsource(function)
    except (OSError, TypeError):
        return True


_RELIED_ON: list[tuple[str, Callable[[], bool]]] = [
    ("Page._title_from_render, set by Page.render", lambda: _assigns(Page.render, "_title_from_render")),
    ("Page.present_anchor_ids, set by Page.render", lambda: _assigns(Page.render, "present_anchor_ids")),
    ("Page.links_to_anchors, set by Page.render", lambda: _assigns(Page.render, "links_to_anchors")),
    (
        "MkDocs reusing the page a plugin sets on File.page (structure.nav._data_to_navigation)",
        lambda: _mentions(getattr(nav_module, "_data_to_navigation", None), "file.page"),
    ),
    (
        "MkDocs reusing the page a plugin sets on File.page (commands.build.build)",
        lambda: _mentions(build_command.build, "file.page is None"),
    ),
    ("LiveReloadServer._watched_paths", lambda: _assigns(LiveReloadServer.__init__, "_watched_paths")),
    ("LiveReloadServer.observer", lambda: _assigns(LiveReloadServer.__init__, "observer")),
    ("LiveReloadServer.build_delay", lambda: _assigns(LiveReloadServer.__init__, "build_delay")),
    ("LiveReloadServer.builder", lambda: _assigns(LiveReloadServer.__init__, "builder")),
    ("a failed build raising Abort, a SystemExit", lambda: issubclass(Abort, SystemExit)),
    (
        "LiveReloadServer._inject_js_into_html",
        lambda: callable(getattr(LiveReloadServer, "_inject_js_into_html", None)),
    ),
    (
        "mkdocs serve calling build by its module's name",
        lambda: (
            _mentions(serve_command.serve, "build(config, serve_url=")
            and callable(getattr(serve_command, "build", None))
        ),
    ),
    (
        "a dirty build skipping the pages whose File.is_modified() is false",
        lambda: (
            _mentions(build_command._populate_page, "is_modified()")
            and _mentions(build_command._build_page, "is_modified()")
        ),
    ),
    ("a dirty build's warning", lambda: _mentions(build_command.build, DIRTY_WARNING)),
]


def missing() -> list[str]:
    """What the plugin relies on that this MkDocs does not have (empty: everything is there)."""
    return [what for what, present in _RELIED_ON if not present()]


def check() -> None:
    """Stop `mkdocs serve` at start-up, naming what is gone, when this MkDocs lacks an internal
    the plugin's serve machinery relies on."""
    gone = missing()
    if gone:
        raise PluginError(
            f"the conclusions plugin's serve machinery relies on MkDocs internals that MkDocs {mkdocs.__version__} "
            f"no longer has: {'; '.join(gone)}. `mkdocs build` is not affected. Use MkDocs 1.6, or report this "
            "(plugins/conclusions/mkdocs_internals.py lists what it relies on)"
        )


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

    def check_links(self, page: Page, files: Files) -> None:
        """Have MkDocs check `page`'s links to anchors after the build, against this build's
        pages (as it does for any page it renders)."""
        if self.links_to_anchors is None:
            return
        page.links_to_anchors = {}
        by_src = files.src_uris  # a dict MkDocs keeps (`get_file_from_path` normalises each path first)
        for src, anchors in self.links_to_anchors.items():
            if (target := by_src.get(src)) is not None:
                page.links_to_anchors[target] = dict(anchors)


# -- the server ------------------------------------------------------------------------------


def watched_paths(server: LiveReloadServer) -> dict[str, int]:
    """The paths the server watches, each with how many times it was asked to."""
    return dict(server._watched_paths)


def observer(server: LiveReloadServer) -> PollingObserver:
    """The watchdog observer that looks at the watched paths."""
    return server.observer


def poll_every(server: LiveReloadServer, new_observer: PollingObserver, quiet: float) -> None:
    """Move every watch to `new_observer` (MkDocs has no setting for its interval) and wait
    `quiet` seconds without a further change before a rebuild."""
    watched = watched_paths(server)
    for path, count in watched.items():
        for _ in range(count):
            server.unwatch(path)
    server.observer = new_observer
    server.build_delay = quiet
    for path, count in watched.items():
        for _ in range(count):
            server.watch(path)


def keep_serving_after(server: LiveReloadServer, mistake: type[Exception], kept: Callable[[], None]) -> None:
    """After a rebuild that `mistake` stopped, call `kept` and go on serving the last build.

    MkDocs holds every request after a failed rebuild ("the server will appear stuck"). A
    rebuild stopped by the plugin ends in MkDocs' `Abort`, raised while handling the plugin's
    error: that error is the `Abort`'s `__context__`.
    """
    rebuild = server.builder

    def keep_last_good_build() -> None:
        try:
            rebuild()
        except SystemExit as err:  # mkdocs' Abort, raised after it logged the error line
            if not isinstance(err.__context__, mistake):
                raise
            kept()

    server.builder = keep_last_good_build


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
    """Make every later build of this `mkdocs serve` a dirty one: MkDocs then keeps the site
    folder and builds only the pages and files whose `File.is_modified()` is true.

    MkDocs' own dirty builds compare modification times, which generated files do not have,
    and miss every page that shows what changed elsewhere; the plugin sets `is_modified` on
    each file itself, and empties the folder when everything must be built again. MkDocs'
    warning that dirty builds are inexact (counted as a failure in strict mode) is dropped.
    """
    build = serve_command.build  # type: ignore[attr-defined]
    if getattr(build, "in_place", False):
        return

    def in_place(config: Any, *, serve_url: str | None = None, dirty: bool = False) -> None:
        build(config, serve_url=serve_url, dirty=True)

    in_place.in_place = True  # type: ignore[attr-defined]
    serve_command.build = in_place  # type: ignore[attr-defined]
    logging.getLogger("mkdocs.commands.build").addFilter(_not_the_dirty_warning)


def made_of(file: File) -> str | bytes:
    """What a generated file is made of: its content as the plugin gave it (the very object,
    which the plugin takes again from the last build when unchanged), or, for a copy, the
    path it is copied from (a card in the card cache, named by its content)."""
    content: str | bytes | None = file._content
    return content if content is not None else f"copy of {file.abs_src_path}"


def set_modified(file: File, modified: bool) -> None:
    """What `file.is_modified()` answers in this build (dirty builds skip it when False)."""
    file.is_modified = lambda: modified  # type: ignore[method-assign]


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


def search_entries(plugin: BasePlugin[Any]) -> list[dict[str, Any]] | None:
    """The search index entries `plugin` made in this build, if it is Material's search."""
    index = getattr(plugin, "search_index", None)
    entries = getattr(index, "entries", None)
    return (
        entries if type(plugin).__module__ == "material.plugins.search.plugin" and isinstance(entries, list) else None
    )

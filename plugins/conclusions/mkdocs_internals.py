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
- The Jinja environment MkDocs makes once per build and hands to `on_env`, whose loader a
  plugin may put a template before (`add_template`).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import mkdocs
from jinja2 import ChoiceLoader, DictLoader, Environment
from mkdocs.commands import build as build_command
from mkdocs.exceptions import Abort, PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure import nav as nav_module
from mkdocs.structure.files import Files
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

    @classmethod
    def of(cls, page: Page) -> Rendering:
        """What `page.render` set."""
        links = page.links_to_anchors
        return cls(
            page.content or "",
            page.toc,
            page._title_from_render,
            frozenset(page.present_anchor_ids or ()),
            None if links is None else {f.src_uri: dict(anchors) for f, anchors in links.items()},
        )

    def apply(self, page: Page, files: Files) -> None:
        """Set on `page` what rendering it would set, with links to this build's `files`."""
        page.content = self.content
        page.toc = self.toc
        page._title_from_render = self.title
        page.present_anchor_ids = set(self.anchors)
        if self.links_to_anchors is not None:
            # Validated after the build against this build's pages, as MkDocs does for any page.
            page.links_to_anchors = {}
            for src, anchors in self.links_to_anchors.items():
                if (target := files.get_file_from_path(src)) is not None:
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


# -- templates -------------------------------------------------------------------------------


def add_template(env: Environment, name: str, source: str) -> None:
    """Make template `name` (with `source`) found before the theme's own templates."""
    loaders: list[Any] = [DictLoader({name: source})]
    if env.loader is not None:
        loaders.append(env.loader)
    env.loader = ChoiceLoader(loaders)

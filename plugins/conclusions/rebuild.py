"""Everything that runs under `mkdocs serve` only; `mkdocs build` never imports this module.

Under `mkdocs serve` the plugin (`Serving`) keeps serving the last good build after a mistake
in the source, lets the live-reload script run under the pages' Content-Security-Policy
and, with `fast_serve` (the default), rebuilds fast: what did not change since the last
good build is reused.

MkDocs 1.6 rebuilds every page on every save, and its `--dirty` mode compares modification
times, which generated files do not have. Saving one paragraph of a collection of 100
documents changes a handful of its 6,000 pages; the others would come out byte for byte the
same. So, between the rebuilds of one `mkdocs serve`:

- what the core read and generated is taken again where its inputs are the same
  (`core/reuse.py`: each document's edition, pages, data and cards, and its share of the
  register pages);
- the last build's file and page objects are taken again for the same Markdown;
- rebuilds are built in place (`mkdocs_internals.rebuild_in_place`): MkDocs builds only the
  pages whose Markdown or share data changed and writes only the files whose bytes changed,
  and the search index keeps the entries of the other pages, in the same order;
- each page's Markdown rendering (HTML, table of contents, anchors) is kept, keyed by its
  Markdown, and the compiled templates (Jinja's own bytecode cache);
- what is kept is frozen out of Python's cyclic collector once the server is idle.

It also looks at the watched files more often than MkDocs does (`watch_often`).

Every key starts with the site signature: the configuration, the list of files, the
navigation and the templates that can change while serving (the site's `overrides/` and the
plugin's own `theme/`). A change to any of them empties the site folder and builds every
page. Only a build that succeeded is remembered: after one that failed while rendering, the
next builds everything.

Every MkDocs internal this relies on is reached through `mkdocs_internals`, which checks at
start-up that each is still there.
"""

from __future__ import annotations

import gc
import hashlib
import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket
from mkdocs import utils as mkdocs_utils
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.nav import Section as NavSection
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.theme import Theme
from watchdog.observers.polling import PollingObserver

from . import csp, mkdocs_internals
from .core.reuse import same
from .mkdocs_internals import Rendering

log = get_plugin_logger(__name__)

WATCH_INTERVAL = 0.05
"""Seconds between two looks at the watched files under `mkdocs serve` (MkDocs: 0.5 s)."""

QUIET = 0.075
"""Seconds without a further change before a rebuild starts (MkDocs: 0.1 s); more than one look."""

TIDY_AFTER = 1.0
"""Seconds after a build before its garbage is collected (`Serving.on_post_build`)."""

WATCH_LIMIT = 1000
"""Above this many watched files (`--watch-theme`), MkDocs' own interval is kept."""


class _TemplateCode(BytecodeCache):
    """Compiled templates kept in memory; Jinja discards an entry whose template source changed."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if (code := self._code.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


def _digest(*parts: object) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(str(part).encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


def _setting(key: str, value: object) -> str:
    # `mkdocs serve -f mkdocs.yml` names the file and the theme's folders relatively in the
    # first build and absolutely in the rebuilds: the same settings, which must compare equal.
    if key == "config_file_path" and isinstance(value, str):
        return os.path.abspath(value)
    if isinstance(value, Theme):
        return repr(([os.path.abspath(d) for d in value.dirs], sorted(value.static_templates), sorted(value.items())))
    return repr(value)


def _nav_outline(items: Sequence[Any], out: list[str]) -> list[str]:
    for item in items:
        out.append(f"{type(item).__name__}|{item.title}|{getattr(item, 'url', '')}")
        if isinstance(item, NavSection):
            _nav_outline(item.children, out)
            out.append("end")
    return out


def _templates_state(template_dirs: list[str]) -> list[tuple[str, str, int, int]]:
    state = []
    for top in template_dirs:
        for folder, _dirs, names in os.walk(top):
            for name in names:
                path = os.path.join(folder, name)
                stat = os.stat(path)
                state.append((os.path.abspath(top), os.path.relpath(path, top), stat.st_mtime_ns, stat.st_size))
    return sorted(state)


@dataclass
class Memory:
    """What one `mkdocs serve` with `fast_serve` remembers between builds."""

    site: str = ""
    """Signature of this build's configuration, files, navigation and templates."""
    reused: int = 0
    """Pages of this build that were not built again, or whose Markdown rendering was reused."""
    in_place: bool = False
    """Whether this build builds only what changed since the last good build (`Serving.on_nav`)."""
    _settings: str = ""
    _made: dict[str, tuple[tuple[object, ...], File]] = field(default_factory=dict)
    _made_before: dict[str, tuple[tuple[object, ...], File]] = field(default_factory=dict)
    _last_site: str = ""
    _template_code: _TemplateCode = field(default_factory=_TemplateCode)
    _renderings: dict[str, Rendering] = field(default_factory=dict)
    _inputs: dict[str, tuple[str, str]] = field(default_factory=dict)
    _files: dict[str, tuple[str | bytes, str]] = field(default_factory=dict)
    _search: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    _new_renderings: dict[str, Rendering] = field(default_factory=dict)
    _new_inputs: dict[str, tuple[str, str]] = field(default_factory=dict)
    _new_files: dict[str, tuple[str | bytes, str]] = field(default_factory=dict)
    _new_search: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    _copies: dict[str, Path] = field(default_factory=dict)
    _linked_from: dict[str, set[str]] = field(default_factory=dict)
    """Which pages link to anchors of each page (kept up to date as pages are rendered)."""
    _new_copies: dict[str, Path] = field(default_factory=dict)

    def start(self, config: MkDocsConfig, files: Files, nav: Navigation, template_dirs: list[str]) -> bool:
        """Take the site signature, once this build's files and navigation are known; whether
        it is the last good build's (if not, nothing of that build can be reused but renderings
        made under the same signature, which means none).

        `template_dirs`: the theme folders whose files may change while serving (the site's
        `custom_dir` and the plugin's templates; Material's own are part of its install).
        """
        listing = [f"{f.src_uri}|{f.dest_uri}|{f.url}|{f.inclusion.name}" for f in files]
        outline = _nav_outline(nav.items, [])
        self.site = _digest(self._settings, *listing, *outline, *_templates_state(template_dirs))
        self._new_renderings, self._new_inputs, self._new_files, self._new_search = {}, {}, {}, {}
        self.reused = 0
        return self.site == self._last_site

    def begin_files(self, config: MkDocsConfig) -> None:
        """Before the plugin makes this build's files: take the signature of the configuration."""
        settings = [f"{key}={_setting(key, config[key])}" for key in sorted(config.keys()) if key != "plugins"]
        settings += [f"{name}:{plugin.config!r}" for name, plugin in config.plugins.items()]
        signature = _digest(*settings)
        self._made_before = self._made if signature == self._settings else {}
        self._made, self._settings = {}, signature

    def file(self, dest: str, inputs: tuple[object, ...], make: Callable[[], File]) -> File:
        """The file at `dest`: the last build's (with its page), if made from the same `inputs`
        under the same configuration, for made again it would be the same; else `make()`'s."""
        last = self._made_before.get(dest)
        file = last[1] if last is not None and same(last[0], inputs) else make()
        self._made[dest] = (inputs, file)
        return file

    def env(self, env: Environment) -> Environment:
        """Keep compiled templates between builds."""
        env.bytecode_cache = self._template_code
        return env

    def recall_rendering(self, key: str) -> Rendering | None:
        """The rendering the last good build made of the same Markdown, if any."""
        done = self._renderings.get(key)
        self.reused += done is not None
        return done

    def linked(self, src: str, done: Rendering) -> None:
        """Page `src` was rendered as `done`: note the pages it links to anchors of."""
        for target in done.links_to_anchors or ():
            self._linked_from.setdefault(target, set()).add(src)

    def forget_links(self) -> None:
        """Every page is rendered again: the index of links is made again as they are."""
        self._linked_from = {}

    def linking_to(self, src: str) -> set[str]:
        """The pages that linked to anchors of page `src` when they were last rendered."""
        return self._linked_from.get(src, set())

    def keep_rendering(self, key: str, done: Rendering) -> None:
        """What the next build may reuse, if this one succeeds."""
        self._new_renderings[key] = done

    def unchanged(self, src: str, inputs: tuple[str, str], key: str) -> Rendering | None:
        """The rendering of page `src`, if the last good build built it from the same `inputs`
        and this build builds in place: MkDocs need not build it again."""
        self._new_inputs[src] = inputs
        if not self.in_place or self._inputs.get(src) != inputs:
            return None
        return self.recall_rendering(key)

    def file_unchanged(self, dest: str, made: str | bytes) -> bool:
        """Whether the last good build wrote at `dest` what is `made` of the same content (the
        very object, or the same bytes), and this build builds in place."""
        last = self._files.get(dest)
        if last is not None and last[0] is made:
            digest = last[1]
        else:
            digest = hashlib.sha256(made.encode() if isinstance(made, str) else made).hexdigest()
        self._new_files[dest] = (made, digest)
        return self.in_place and last is not None and last[1] == digest

    def copies_to_write(self, copies: dict[str, Path]) -> dict[str, Path]:
        """Of the files copied into the site (`copies`: the source of each, by its path there),
        those the last good build did not copy from the same source, when building in place."""
        self._new_copies = copies
        if not self.in_place:
            return copies
        return {path: source for path, source in copies.items() if self._copies.get(path) != source}

    def search(self, pages: list[tuple[str, bool]], entries: list[dict[str, Any]]) -> None:
        """Material's search index `entries` of the pages built now, with those of the pages
        not built again (`pages`: each page's URL, and whether it was built) as the last good
        build made them: the same list, in the same order, as a build of every page."""
        built: dict[str, list[dict[str, Any]]] = {}
        for entry in entries:
            built.setdefault(str(entry.get("location", "")).split("#", 1)[0], []).append(entry)
        merged: list[dict[str, Any]] = []
        for url, was_built in pages:
            mine = built.get(url, []) if was_built else self._search.get(url, [])
            self._new_search[url] = mine
            merged.extend(mine)
        entries[:] = merged

    def succeeded(self) -> None:
        """What this build made is what the next one may reuse (and nothing older)."""
        self._last_site = self.site
        self._renderings, self._inputs = self._new_renderings, self._new_inputs
        self._files, self._search, self._copies = self._new_files, self._new_search, self._new_copies
        self._new_renderings, self._new_inputs, self._new_files, self._new_search = {}, {}, {}, {}
        self._new_copies = {}

    def failed(self, *, before_rendering: bool) -> None:
        """A build failed. If it had written anything, the next build builds everything."""
        self._new_renderings, self._new_inputs, self._new_files, self._new_search = {}, {}, {}, {}
        self._new_copies = {}
        if not before_rendering:
            self._last_site = ""
            self._renderings, self._inputs, self._files, self._search = {}, {}, {}, {}
            self._copies, self._linked_from = {}, {}


class RememberedPage(MkDocsPage):
    """A generated page that MkDocs builds only when it changed, and whose Markdown rendering
    may come from the last good build.

    Made in `on_files`, before MkDocs would make a `Page` for the file: MkDocs then uses this
    one (`mkdocs_internals`: it reuses `File.page`), which `Serving.on_nav` verifies.
    """

    def __init__(self, title: str | None, file: File, config: MkDocsConfig, memory: Memory) -> None:
        super().__init__(title, file, config)
        self.memory = memory
        self.key = ""
        """Digest of the site signature, the page's path and its Markdown."""
        self._keyed = ("", "")
        """The site signature and the Markdown `key` was made from: a page taken again from
        the last build (`Memory.file`) has the same Markdown, the very string."""
        self.built = True
        """Whether MkDocs builds the page in this build."""
        self.done: Rendering | None = None
        """What the last good build rendered, for a page not built again."""

    def prepare(self, files: Files, context: str) -> None:
        """Before MkDocs reads the pages: leave the page out of the build if the last good one
        built it from the same inputs (`context`: what its template reads beyond its Markdown
        and the site signature), with what that build read and rendered."""
        markdown = self.file.content_string
        site, keyed_markdown = self._keyed
        if site != self.memory.site or keyed_markdown is not markdown:
            self.key = _digest(self.memory.site, self.file.src_uri, markdown)
            self._keyed = (self.memory.site, markdown)
        done = self.memory.unchanged(self.file.src_uri, (self.key, context), self.key)
        self.built = done is None
        mkdocs_internals.set_modified(self.file, self.built)
        self.done = done
        if done is not None:
            done.read(self)
            # Its links need checking only if a page it links to changed (`Serving.on_nav`).
            done.apply(self, files, links=False)
            self.memory.keep_rendering(self.key, done)

    def render(self, config: MkDocsConfig, files: Files) -> None:
        """Render the page, or set what the last good build rendered from the same Markdown."""
        if (done := self.memory.recall_rendering(self.key)) is not None:
            done.apply(self, files)
        else:
            meta = dict(self.meta)
            super().render(config, files)
            done = Rendering.of(self, meta)
        self.memory.linked(self.file.src_uri, done)
        self.memory.keep_rendering(self.key, done)


def _few_files(paths: list[str], limit: int) -> bool:
    count = 0
    for path in paths:
        for _folder, _dirs, names in os.walk(path) if os.path.isdir(path) else [("", [], [path])]:
            count += len(names)
            if count > limit:
                return False
    return True


def watch_often(server: LiveReloadServer) -> None:
    """Poll the watched paths every `WATCH_INTERVAL` seconds instead of MkDocs' 0.5 s.

    Polling works on every file system (native events do not cross some mounts), and the
    source folder holds a handful of files: one look at them takes well under a millisecond.
    MkDocs has no setting for the interval, so the watches move to a new observer.
    """
    watched = mkdocs_internals.watched_paths(server)
    observer = mkdocs_internals.observer(server)
    if not isinstance(observer, PollingObserver) or observer.is_alive() or not _few_files(list(watched), WATCH_LIMIT):
        return
    mkdocs_internals.poll_every(server, PollingObserver(timeout=WATCH_INTERVAL), QUIET)


def _tidy() -> None:
    """Collect the garbage of the builds so far, then leave every object alive now out of the
    collector's walks until the next tidy."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


class Serving:
    """What the plugin does under `mkdocs serve` only: made in `on_startup`, one for the
    whole run, it is called from the plugin's hooks.

    Args:
        fast: `fast_serve`: rebuild only what changed since the last good build.
    """

    def __init__(self, *, fast: bool) -> None:
        mkdocs_internals.check()
        self.memory = Memory() if fast else None
        self._tidy: threading.Timer | None = None
        self._pages: list[tuple[str, bool]] = []
        """Every page of this build, in the order MkDocs builds them: its URL, and whether it is built."""

    def on_config(self) -> None:
        """A build starts: no tidying while it runs (`on_post_build`)."""
        if self._tidy is not None:
            self._tidy.cancel()

    def begin_files(self, config: MkDocsConfig) -> None:
        """Before the plugin makes this build's files (`fast_serve`)."""
        if self.memory is not None:
            self.memory.begin_files(config)

    def page_file(
        self, config: MkDocsConfig, src: str, markdown: str, inclusion: InclusionLevel, title: str | None
    ) -> File:
        """The file of a generated page, with a page whose rendering may be reused (`fast_serve`):
        the last build's, when made from the same Markdown (MkDocs makes 6,000 page objects of
        a large collection in about a quarter of a second, mostly parsing their addresses).

        Args:
            config: the build's configuration.
            src: the page's source path.
            markdown: its Markdown.
            inclusion: whether it is in the navigation.
            title: the title a navigation entry gives it (None: from its Markdown).
        """

        def make() -> File:
            file = File.generated(config, src, content=markdown, inclusion=inclusion)
            if self.memory is not None:
                RememberedPage(title, file, config, self.memory)
            return file

        return make() if self.memory is None else self.memory.file(src, (markdown, inclusion, title), make)

    def published_file(self, config: MkDocsConfig, path: str, made_from: object, make: Callable[[], File]) -> File:
        """The file the site publishes at `path` (not a page): the last build's, when `made_from`
        (its content, or the file it is copied from) is the same (`fast_serve`)."""
        return make() if self.memory is None else self.memory.file(path, (made_from,), make)

    def on_serve(self, server: LiveReloadServer, mistake: type[Exception]) -> None:
        """Keep serving the last good build after a rebuild that `mistake` (a mistake in the
        source, which stops a rebuild before the site folder is touched) stopped; look at the
        watched files often and rebuild in place (`fast_serve`); let the live-reload script run."""
        mkdocs_internals.keep_serving_after(
            server,
            mistake,
            lambda: log.warning("still serving the last good build; fix the mistake above and save to rebuild"),
        )
        if self.memory is not None:
            watch_often(server)
            mkdocs_internals.rebuild_in_place()
        # The page's Content-Security-Policy would block the script MkDocs injects.
        mkdocs_internals.rewrite_served_pages(server, csp.allow_injected_script)

    def on_nav(
        self,
        config: MkDocsConfig,
        files: Files,
        nav: Navigation,
        template_dirs: list[str],
        context: Callable[[str], str],
    ) -> None:
        """Decide what this build builds, once the files and navigation are known.

        Under the last good build's site signature (`Memory.start`), only the pages whose
        Markdown or `context` (what else their template reads, by source path) changed, and the
        published files whose bytes changed; otherwise everything, in an emptied site folder.
        Pages are left out only when every plugin that works on pages is known to the plugin
        (itself, and Material's search, whose entries of the pages not built are kept).
        """
        if self.memory is None:
            return
        generated = [f for f in files if f.generated_by == "conclusions" and f.is_documentation_page()]
        if any(not isinstance(f.page, RememberedPage) for f in generated):
            raise PluginError(
                "MkDocs made its own page objects for the plugin's pages, which fast_serve relies on it reusing "
                "(mkdocs_internals.py); set 'fast_serve: false' under the conclusions plugin in mkdocs.yml"
            )
        same_site = self.memory.start(config, files, nav, template_dirs)
        others = [
            name
            for name, plugin in mkdocs_internals.page_plugins(config.plugins)
            if type(plugin).__module__ != "conclusions.plugin" and mkdocs_internals.search_entries(plugin) is None
        ]
        self.memory.in_place = same_site and not others
        if not self.memory.in_place:
            # Rebuilds keep the site folder (`rebuild_in_place`): what this one does not write must go.
            mkdocs_utils.clean_directory(config.site_dir)
        if not self.memory.in_place:
            self.memory.forget_links()
        for file in generated:
            assert isinstance(file.page, RememberedPage)
            file.page.prepare(files, context(file.src_uri))
        # The links of a page not built again were checked by the last good build, against the
        # same pages, except those to a page built now: its anchors may have changed.
        by_src = files.src_uris
        for file in generated:
            if isinstance(file.page, RememberedPage) and file.page.built:
                for src in self.memory.linking_to(file.src_uri):
                    linking = by_src.get(src)
                    page = linking.page if linking is not None else None
                    if isinstance(page, RememberedPage) and page.done is not None:
                        page.done.check_links(page, files)
        for file in files:
            if file.generated_by == "conclusions" and not file.is_documentation_page():
                made = mkdocs_internals.made_of(file)
                mkdocs_internals.set_modified(file, not self.memory.file_unchanged(file.dest_uri, made))
        self._pages = [
            (f.page.url, not isinstance(f.page, RememberedPage) or f.page.built)
            for f in files.documentation_pages()
            if f.page is not None
        ]

    def on_env(self, env: Environment) -> Environment:
        """The build's template environment, with compiled templates kept (`fast_serve`)."""
        return env if self.memory is None else self.memory.env(env)

    def copies_to_write(self, copies: dict[str, Path]) -> dict[str, Path]:
        """Of the files the plugin copies into the site (the cards), those to copy in this build."""
        return copies if self.memory is None else self.memory.copies_to_write(copies)

    def on_post_build(self, config: MkDocsConfig, pages: int) -> None:
        """Complete the search index with the pages not built again, say how many of the
        `pages` were reused, and remember this build's."""
        if self.memory is None:
            return
        for _name, plugin in config.plugins.items():
            if (entries := mkdocs_internals.search_entries(plugin)) is not None:
                self.memory.search(self._pages, entries)
        log.info(f"{self.memory.reused} of {pages} pages unchanged since the last build")
        self.memory.succeeded()
        # What is kept between builds (renderings, pages, editions) is millions of objects for a
        # large collection, which Python's cyclic collector would walk several times in each
        # rebuild (a quarter of a 100-document rebuild). They are collected once the server is
        # idle, and frozen: the collector then walks only what a rebuild makes.
        self._tidy = threading.Timer(TIDY_AFTER, _tidy)
        self._tidy.daemon = True
        self._tidy.start()

    def on_build_error(self, *, before_rendering: bool) -> None:
        """A build failed; after one that failed while rendering, the next renders everything."""
        if self.memory is not None:
            self.memory.failed(before_rendering=before_rendering)

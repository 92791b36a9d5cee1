"""Everything that runs under `mkdocs serve` only; `mkdocs build` never imports this module.

Under `mkdocs serve` the plugin (`Serving`):

- keeps serving the last good build after any failure (a mistake in the source, an error in
  a template or another plugin, a page MkDocs cannot write): MkDocs builds into its site
  folder, empty when a build starts, and the server serves another folder, which receives a
  build only once it succeeded (`ServedFolder`);
- with `fast_serve` (the default), rebuilds only what changed since the last good build;
- lets the live-reload script run under the pages' Content-Security-Policy.

MkDocs 1.6 builds every page on every save, and its `--dirty` mode compares modification
times, which generated files do not have. Saving one paragraph of a collection of 100
documents changes a handful of its 6,000 pages; the others would come out byte for byte the
same. So, between the rebuilds of one `mkdocs serve`, what the last good build made is kept in
`LastGood` tables, the one kind of memory here, each result with the inputs it was made from:

- what the core made (`KeptSite`: each document's edition, pages, share of the register pages,
  data and cards, each step of `core/site.py`'s `SiteMaker`);
- within a step made again (the edited document's), the work of each of its unchanged items:
  the core keeps it in `core/remembered.py`'s `Recent` memos, this build's and the last's,
  which `Serving` turns on and moves on at each build's start;
- MkDocs' file and page objects, each page's rendering and the Markdown and context it was
  made from, what each published file was made of, Material's search entries of each page and
  the cards copied (`Memory`); the files of each part of the site (a text's pages, its data)
  are taken whole when the core gave back the same part (`Memory.group`), and a part MkDocs
  did nothing with in the last good build is not gone over file by file again (`settled`), so
  that a save's work grows with the text it changed, not with the collection;
- rebuilds are built in place (`mkdocs_internals.rebuild_in_place`): MkDocs builds only the
  pages whose Markdown or share data changed, and goes over those only (`build_only`), writes
  only the files whose bytes changed, and the search index keeps the entries of the other
  pages, in the same order;
- the theme's files are listed once and its templates compiled once (`mkdocs_internals.keep_theme`),
  the installed themes found once while no distribution is installed or removed
  (`mkdocs_internals.keep_theme_list`),
  and what is kept is frozen out of Python's cyclic collector once the server is idle; the
  collector is off during a build in place, and collects what it made once the server is
  idle (`Tidier`).

It also learns of a save sooner than MkDocs does (`watch_often`: the file system's events, or
polling more often, `watching.py`).

Every key of the MkDocs side starts with the site signature: the configuration, the list of
files, the navigation, the templates that can change while serving (the site's `overrides/`
and the plugin's own `theme/`) and the build's date. A change to any of them builds every page.

Every MkDocs internal this relies on is reached through `mkdocs_internals`, which checks at
start-up, on a two-page build, that MkDocs still does what is relied on.
"""

from __future__ import annotations

import gc
import hashlib
import itertools
import os
import re
import shutil
import signal
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Hashable, Mapping, Sequence
from functools import partial
from pathlib import Path
from types import CodeType
from typing import Any, Generic, TypeVar

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket
from mkdocs import utils as mkdocs_utils
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import BuildError, PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.nav import Section as NavSection
from mkdocs.theme import Theme
from watchdog.observers.polling import PollingObserver

from . import csp, mkdocs_internals
from .core import remembered
from .core.pages import Page
from .core.site import SiteMaker
from .html_pages import GeneratedPage
from .mkdocs_internals import Rendering
from .watching import Watcher

log = get_plugin_logger(__name__)

TIDY_AFTER = 0.5
"""Seconds after a build before the garbage of what it made is collected (`Serving.succeeded`)."""

TIDY_ALL_AFTER = 20.0
"""Seconds without a build before the garbage of every build so far is collected."""

SITEMAP = "sitemap.xml"
"""MkDocs' template of the sitemap of the site's pages."""

SEARCH_INDEX = "search index"
"""The key of Material's search entries of every page in `Memory.search`."""

NOT_FOUND = "404.html"
"""The theme's template of the page served for an address the site lacks."""

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
T = TypeVar("T")


class LastGood(Generic[K, V]):
    """Results of the last good build and of this one, by key, each with the inputs it was made from.

    `get` gives back the last good build's result while its inputs are the same: each the very
    object, or equal (a tuple's comparison tries identity first, element by element, so a
    result taken again, and whatever is made of it, compares at the cost of a pointer). What
    this build makes becomes the last good build's when it succeeds (`succeeded`); a build that
    fails leaves the last good one as it was (`failed`), for it is still what is served.
    """

    def __init__(self) -> None:
        self._last: dict[K, tuple[tuple[Any, ...], V]] = {}
        self._now: dict[K, tuple[tuple[Any, ...], V]] = {}

    def get(self, key: K, inputs: tuple[Any, ...], make: Callable[[], V], *, small: bool = False) -> V:
        """The result `key`: the last good build's if made of the same `inputs`, else `make()`'s;
        for a `small` result, the last good build's too when `make()` gives an equal one.
        A result that is None (a step that found a mistake) is not kept: it is made again."""
        last = self._last.get(key)
        if last is not None and last[0] == inputs:
            value = last[1]
        else:
            value = make()
            if small and last is not None and last[1] == value:
                value = last[1]
        if value is not None:
            self._now[key] = (inputs, value)
        return value

    def last(self, key: K, inputs: tuple[Any, ...]) -> V | None:
        """The last good build's result `key`, if made of the same `inputs`."""
        last = self._last.get(key)
        return last[1] if last is not None and last[0] == inputs else None

    def last_with_inputs(self, key: K) -> tuple[tuple[Any, ...], V] | None:
        """The last good build's result `key`, with the inputs it was made of."""
        return self._last.get(key)

    def carry(self, key: K, inputs: tuple[Any, ...], value: V) -> bool:
        """Keep the last good build's result `key` for this one if it is `value` (the very
        object) made of the same `inputs`; whether it was. (`get` and `keep` in one look, for
        the thousands of pages and files a save leaves as they were.)"""
        last = self._last.get(key)
        if last is not None and last[1] is value and last[0] == inputs:
            self._now[key] = last
            return True
        return False

    def carry_all(self, keys: Sequence[K]) -> None:
        """Keep the last good build's results `keys` for this one, as they are."""
        last = self._last
        self._now.update((key, last[key]) for key in keys if key in last)

    def keep(self, key: K, inputs: tuple[Any, ...], value: V) -> None:
        """This build's result `key`, made of `inputs`."""
        self._now[key] = (inputs, value)

    def start(self) -> None:
        """A build starts: nothing of a build that did not succeed is kept."""
        self._now = {}

    def succeeded(self) -> None:
        """This build succeeded: the next takes from it, and from nothing older (let go of once
        the server is idle, `remembered.let_go_later`)."""
        remembered.let_go_later(self._last)
        self._last, self._now = self._now, {}

    def failed(self) -> None:
        """This build failed: the last good build stays the one the next takes from."""
        self._now = {}


class KeptSite(SiteMaker):
    """The core's `SiteMaker`, each step taken from the last good build while its inputs are
    the same: where the serve machinery enters the core."""

    def __init__(self) -> None:
        self.results: LastGood[Hashable, Any] = LastGood()

    def step(self, name: Hashable, inputs: tuple[Any, ...], make: Callable[[], T], *, small: bool = False) -> T:
        made: T = self.results.get(name, inputs, make, small=small)
        return made


class ServedFolder:
    """The folder the server serves: it only ever receives a build that succeeded.

    MkDocs builds into its site folder (`building`), which is empty when a build starts. A build
    that succeeded is moved into the served folder: the files it wrote, over the last build's
    (a build in place writes what changed only), or the whole folder, for a build of every page.
    A build that failed is set aside, and the last good build stays served as it was.
    """

    def __init__(self, building: str) -> None:
        self.building = os.path.abspath(building)
        os.makedirs(self.building, exist_ok=True)
        parent = os.path.dirname(self.building)
        # Beside the building folder, on the same file system: a build is moved, not copied.
        self.served = tempfile.mkdtemp(prefix=f"{os.path.basename(self.building)}-served-", dir=parent)
        self._removing: list[threading.Thread] = []

    def error_page(self, code: int) -> bytes | None:
        """The site's own page for an HTTP error (its 404 page), from the served build."""
        try:
            return Path(self.served, f"{code}.html").read_bytes()
        except OSError:
            return None

    def publish(self, *, whole: bool) -> None:
        """Move the build that succeeded into the served folder; `whole`: it built every page."""
        if whole:
            old = self._set_aside(self.served)
            os.replace(self.building, self.served)
            os.mkdir(self.building)
            self._remove_later(old)
            return
        # The folders stay, emptied: the next build in place writes the same pages again, and
        # removing a folder costs as much as moving a file on some disks. A build of every page
        # starts in an empty folder (`start`).
        for folder, _dirs, names in os.walk(self.building):
            if not names:
                continue
            target = os.path.join(self.served, os.path.relpath(folder, self.building))
            os.makedirs(target, exist_ok=True)
            for name in names:
                os.replace(os.path.join(folder, name), os.path.join(target, name))

    def start(self, *, whole: bool) -> None:
        """A build starts writing; `whole`: it builds every page, into an empty folder (without
        the folders the builds in place left, which would be served empty)."""
        if whole:
            self.discard()

    def discard(self) -> None:
        """Empty the building folder (of a build that failed, or of the folders builds in place
        left once their files were moved)."""
        if os.listdir(self.building):
            old = self._set_aside(self.building)
            os.mkdir(self.building)
            self._remove_later(old)

    def newer(self, file: File) -> bool:
        """Whether the static `file` (a theme's asset) is newer than its served copy, or has none."""
        served = os.path.join(self.served, file.dest_uri)
        source = file.abs_src_path
        try:
            return source is None or os.path.getmtime(served) < os.path.getmtime(source)
        except OSError:
            return True

    def close(self) -> None:
        """Remove the served folder, and what is still being removed in the background."""
        for removing in self._removing:
            removing.join()
        shutil.rmtree(self.served, ignore_errors=True)

    @staticmethod
    def _set_aside(path: str) -> str:
        aside = tempfile.mkdtemp(prefix=f"{os.path.basename(path)}-old-", dir=os.path.dirname(path))
        os.replace(path, os.path.join(aside, "site"))
        return aside

    def _remove_later(self, path: str) -> None:
        """Remove `path` in the background (a whole site is thousands of files), before `close` ends."""
        self._removing = [t for t in self._removing if t.is_alive()]
        removing = threading.Thread(target=shutil.rmtree, args=(path,), kwargs={"ignore_errors": True}, daemon=True)
        removing.start()
        self._removing.append(removing)


class _TemplateCode(BytecodeCache):
    """Compiled templates kept in memory, each with the checksum of its source, as Jinja keeps
    them (an entry whose template source changed is compiled again); the code objects
    themselves, not their marshalled bytes, which every build would load again."""

    def __init__(self) -> None:
        self._code: dict[str, tuple[str, CodeType]] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        kept = self._code.get(bucket.key)
        if kept is not None and kept[0] == bucket.checksum:
            bucket.code = kept[1]

    def dump_bytecode(self, bucket: Bucket) -> None:
        if bucket.code is not None:
            self._code[bucket.key] = (bucket.checksum, bucket.code)


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


class Memory:
    """What one `mkdocs serve` with `fast_serve` keeps of the MkDocs side between builds."""

    def __init__(self) -> None:
        self.site = ""
        """Signature of this build's configuration, files, navigation and templates."""
        self.in_place = False
        """Whether this build builds only what changed since the last good build (`Serving.on_nav`)."""
        self.reused = 0
        """Pages of this build that were not built again, or whose Markdown rendering was reused."""
        self.settings = ""
        """Signature of this build's configuration."""
        self.files: LastGood[str, File] = LastGood()
        """MkDocs' file objects (with their pages), by path in the site."""
        self.groups: LastGood[str, FileGroup] = LastGood()
        """MkDocs' file objects of each part of the site (most of them each one text's pages, or
        its data), by the path of the part's first file."""
        self.group_order: list[FileGroup] = []
        """This build's parts, in the order they were made (`group`)."""
        self.settled: LastGood[str, FileGroup] = LastGood()
        """The parts MkDocs did nothing with in the last good build (none of their pages built
        or checked, none of their files written), each with what its pages' templates read
        beyond their Markdown (`Serving.on_nav`), by the path of the part's first file."""
        self.failed_since = False
        """Whether a build failed since the last good one (it may have left its marks on the
        pages and files it did not finish with: no part is taken as settled then)."""
        self.pages: LastGood[str, Rendering] = LastGood()
        """Each page's rendering, by source path, made of its Markdown's key and its context."""
        self.written: LastGood[str, bool] = LastGood()
        """What each published file (not a page) was made of, by path in the site."""
        self.search: LastGood[str, tuple[list[str], list[list[dict[str, Any]]], list[str]]] = LastGood()
        """Material's search entries (`SEARCH_INDEX`): every page's URL, in the order of the
        index, and its entries, as made and as JSON."""
        self.copies: LastGood[str, Path] = LastGood()
        """The file each copied file (a card) was copied from, by path in the site."""
        self.without_source: LastGood[str, bool] = LastGood()
        """What each page without a source (the 404 page) was made of beyond the site signature."""
        self.template_code = _TemplateCode()
        self._tables = (
            self.files,
            self.groups,
            self.settled,
            self.pages,
            self.written,
            self.search,
            self.copies,
            self.without_source,
        )
        self._last_site = ""
        self._templates_state: list[tuple[str, str, int, int]] = []
        """The files of the theme folders that may change while serving (`same_site`)."""
        self._reading_pages: tuple[list[tuple[str, str, int, int]] | None, bool] = (None, True)
        """Whether their templates read `pages`, for the files they were read from."""
        self._linked_from: dict[str, set[str]] = {}
        """Which pages link to anchors of each page (kept up to date as pages are rendered)."""
        self._listed: tuple[list[tuple[str, str, str, InclusionLevel]], list[str], str] = ([], [], "")
        """The last files and navigation listed (`same_site`), and their digest."""

    def start(self) -> None:
        """A build starts."""
        for table in self._tables:
            table.start()
        self.reused = 0
        self.group_order = []

    def templates_read_pages(self, template_dirs: list[str]) -> bool:
        """Whether a template of `template_dirs` (the theme folders that may change while
        serving) reads `pages`; read again when their files changed (`same_site`)."""
        state = self._templates_state
        if self._reading_pages[0] != state:
            self._reading_pages = (state, _reads_pages(template_dirs))
        return self._reading_pages[1]

    def has_last_build(self) -> bool:
        """Whether a build succeeded before this one (which may then build in place)."""
        return bool(self._last_site)

    def begin_files(self, config: MkDocsConfig) -> None:
        """Before the plugin makes this build's files: the signature of the configuration."""
        settings = [f"{key}={_setting(key, config[key])}" for key in sorted(config.keys()) if key != "plugins"]
        settings += [f"{name}:{plugin.config!r}" for name, plugin in config.plugins.items()]
        self.settings = _digest(*settings)

    def same_site(self, files: Files, nav: Navigation, template_dirs: list[str]) -> bool:
        """Take the site signature, once this build's files and navigation are known; whether
        it is the last good build's.

        `template_dirs`: the theme folders whose files may change while serving (the site's
        `custom_dir` and the plugin's templates; Material's own are part of its install).
        """
        # A save leaves the thousands of files and menu entries of a collection as they were:
        # their digest is made again only when the listing differs from the last one made
        # (compared as tuples of the same strings, mostly the very objects: a pointer each).
        listing = [(f.src_uri, f.dest_uri, f.url, f.inclusion) for f in files]
        outline = _nav_outline(nav.items, [])
        if (listing, outline) != self._listed[:2]:
            self._listed = (listing, outline, _digest(*(f"{s}|{d}|{u}|{i}" for s, d, u, i in listing), *outline))
        # The build's date: the sitemap gives it for every page (`Serving.on_nav`).
        day = mkdocs_utils.get_build_date()
        self._templates_state = _templates_state(template_dirs)
        self.site = _digest(self.settings, day, self._listed[2], *self._templates_state)
        return self.site == self._last_site

    def file(self, dest: str, inputs: tuple[object, ...], make: Callable[[], File]) -> File:
        """The file at `dest`: the last good build's (with its page), if made from the same
        `inputs` under the same configuration, for made again it would be the same."""
        return self.files.get(dest, (self.settings, *inputs), make)

    def group(
        self,
        first: str,
        inputs: tuple[object, ...],
        make: Callable[[Callable[[str, tuple[object, ...], Callable[[], File]], File]], list[File]],
    ) -> list[File]:
        """The files of a part of the site whose first file is at `first`: the last good
        build's list, if made from the same `inputs` under the same configuration; else
        `make(file)`'s, where `file(dest, its_inputs, make_it)` is, as `file` below, the last
        good build's file at `dest` in this part if made from the same inputs.

        A save changes one text of many: the files of every other text are taken again at the
        cost of one comparison each part (of its pages, or its data: the very objects the
        core's kept steps gave back), not one each file."""
        inputs = (self.settings, *inputs)
        last = self.groups.last_with_inputs(first)
        if last is not None and last[0] == inputs:
            self.groups.keep(first, inputs, last[1])
            self.group_order.append(last[1])
            return last[1].files
        earlier = last[1].by_dest if last is not None else {}
        by_dest: dict[str, tuple[tuple[object, ...], File]] = {}

        def file(dest: str, file_inputs: tuple[object, ...], make_it: Callable[[], File]) -> File:
            prior = earlier.get(dest)
            made = prior[1] if prior is not None and prior[0] == file_inputs else make_it()
            by_dest[dest] = (file_inputs, made)
            return made

        files = make(file)
        group = FileGroup(files, by_dest)
        self.groups.keep(first, inputs, group)
        self.group_order.append(group)
        return files

    def recall_rendering(self, src: str, key: str) -> Rendering | None:
        """The rendering the last good build made of page `src` from the same Markdown (`key`),
        whatever else its template read."""
        last = self.pages.last_with_inputs(src)
        done = last[1] if last is not None and last[0][0] == key else None
        self.reused += done is not None
        return done

    def unchanged(self, src: str, key: str, context: str) -> Rendering | None:
        """The rendering of page `src`, if the last good build built it from the same Markdown
        (`key`) and `context`, and this build builds in place: MkDocs need not build it again."""
        done = self.pages.last(src, (key, context)) if self.in_place else None
        self.reused += done is not None
        return done

    def keep_rendering(self, src: str, key: str, context: str, done: Rendering) -> None:
        """What the next build may reuse of page `src`, if this one succeeds."""
        self.pages.keep(src, (key, context), done)

    def linked(self, src: str, done: Rendering) -> None:
        """Page `src` was rendered as `done`: note the pages it links to anchors of."""
        for target in done.links_to_anchors or ():
            self._linked_from.setdefault(target, set()).add(src)

    def linking_to(self, src: str) -> set[str]:
        """The pages that linked to anchors of page `src` when they were last rendered."""
        return self._linked_from.get(src, set())

    def file_unchanged(self, dest: str, made: str | bytes) -> bool:
        """Whether the last good build wrote at `dest` what is `made` of the same content (the
        very object, or the same text), and this build builds in place."""
        if self.written.carry(dest, (made,), True):
            return self.in_place
        self.written.keep(dest, (made,), True)
        return False

    def template_unchanged(self, name: str, inputs: tuple[object, ...]) -> bool:
        """Whether the last good build wrote the theme's template `name` from the same `inputs`
        (what it reads beyond the site signature), and this build builds in place."""
        same = self.without_source.last(name, inputs) is not None
        self.without_source.keep(name, inputs, True)
        return self.in_place and same

    def copies_to_write(self, copies: dict[str, Path]) -> dict[str, Path]:
        """Of the files copied into the site (`copies`: the source of each, by its path there),
        those the last good build did not copy from the same source, when building in place."""
        for path, source in copies.items():
            self.copies.keep(path, (source,), source)
        if not self.in_place:
            return copies
        return {path: source for path, source in copies.items() if self.copies.last(path, (source,)) is None}

    def search_entries(self, pages: list[tuple[str, bool]], entries: list[dict[str, Any]]) -> list[str]:
        """Material's search index `entries` of the pages built now, with those of the pages
        not built again (`pages`: each page's URL, and whether it was built) as the last good
        build made them: the same list, in the same order, as a build of every page. Returns
        the JSON of each page's entries as the index holds them, in the same order: made for
        the pages built now, the last good build's for the others.

        The last good build's lists are taken whole when its pages were the same, in the same
        order (a build in place), and only the entries of the pages built now replaced."""
        built: dict[str, list[dict[str, Any]]] = {}
        for entry in entries:
            built.setdefault(str(entry.get("location", "")).split("#", 1)[0], []).append(entry)
        urls = [url for url, _ in pages]
        last = self.search.last(SEARCH_INDEX, ())
        if last is not None and last[0] == urls:
            _, of_page, encoded = last
            of_page, encoded = list(of_page), list(encoded)
            again = [i for i, (_, was_built) in enumerate(pages) if was_built]
        else:
            of_page, encoded = [[] for _ in pages], [""] * len(pages)
            again = list(range(len(pages)))
        for i in again:
            url, was_built = pages[i]
            mine = built.get(url, []) if was_built else []
            of_page[i], encoded[i] = mine, mkdocs_internals.search_entries_json(mine)
        self.search.keep(SEARCH_INDEX, (), (urls, of_page, encoded))
        entries[:] = itertools.chain.from_iterable(of_page)
        return encoded

    def succeeded(self) -> None:
        """What this build made is what the next one may reuse (and nothing older; what it
        replaces is let go of once the server is idle, `LastGood.succeeded`)."""
        self._last_site = self.site
        for table in self._tables:
            table.succeeded()
        self.failed_since = False

    def failed(self) -> None:
        """A build failed: the last good build, still served, is what the next one compares with."""
        for table in self._tables:
            table.failed()
        self.failed_since = True

    def forget_links(self) -> None:
        """Every page is rendered again: the index of links is made again as they are."""
        self._linked_from = {}


class FileGroup:
    """The files of a part of the site (`Memory.group`), and each with the inputs it was made from."""

    __slots__ = ("by_dest", "dests", "files", "srcs")

    def __init__(self, files: list[File], by_dest: dict[str, tuple[tuple[object, ...], File]]) -> None:
        self.files = files
        self.by_dest = by_dest
        self.srcs = tuple(f.src_uri for f in files)
        """Each file's source path."""
        self.dests = tuple(f.dest_uri for f in files)
        """Each file's path in the site."""


class RememberedPage(GeneratedPage):
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
        self.context = ""
        """What its template reads beyond its Markdown and the site signature."""
        self.built = True
        """Whether MkDocs builds the page in this build."""
        self.done: Rendering | None = None
        """What the last good build rendered, for a page not built again."""

    def prepare(self, files: Files, context: str) -> None:
        """Before MkDocs reads the pages: leave the page out of the build if the last good one
        built it from the same inputs (`context`: what its template reads beyond its Markdown
        and the site signature), with what that build read and rendered."""
        memory = self.memory
        done = self.done
        # Left out of the last build too, under the same site signature and from the same
        # Markdown and context: as below, in one look (most of a collection's pages, each save).
        if (
            memory.in_place
            and not self.built
            and done is not None
            and context == self.context
            and self._keyed[0] == memory.site
            and self._keyed[1] is self.file.content_string
            and memory.pages.carry(self.file.src_uri, (self.key, context), done)
        ):
            self.links_to_anchors = None
            memory.reused += 1
            return
        markdown = self.file.content_string
        site, keyed_markdown = self._keyed
        if site != self.memory.site or keyed_markdown is not markdown:
            self.key = _digest(self.memory.site, self.file.src_uri, markdown)
            self._keyed = (self.memory.site, markdown)
        self.context = context
        done = self.memory.unchanged(self.file.src_uri, self.key, context)
        # Left out of the last build too, with the same rendering: it holds what that set, for
        # nothing works on a page left out (but the check of its links, `Serving.on_nav`).
        again = done is not None and done is self.done and not self.built
        self.built = done is None
        mkdocs_internals.set_modified(self.file, self.built)
        self.done = done
        if done is not None:
            if again:
                self.links_to_anchors = None
            else:
                done.read(self)
                # Its links need checking only if a page it links to changed (`Serving.on_nav`).
                done.apply(self, files, links=False)
            self.memory.keep_rendering(self.file.src_uri, self.key, context, done)

    def render(self, config: MkDocsConfig, files: Files) -> None:
        """Render the page, or set what the last good build rendered from the same Markdown."""
        src = self.file.src_uri
        if (done := self.memory.recall_rendering(src, self.key)) is not None:
            done.apply(self, files)
        else:
            meta = dict(self.meta)
            super().render(config, files)
            done = Rendering.of(self, meta)
        self.memory.linked(src, done)
        self.memory.keep_rendering(src, self.key, self.context, done)


def _kept_kind(make: Callable[[MkDocsConfig, str, str], File], config: MkDocsConfig, path: str, content: str) -> File:
    return mkdocs_internals.keep_kind(make(config, path, content))


def _inclusion(in_nav: bool) -> InclusionLevel:
    return InclusionLevel.INCLUDED if in_nav else InclusionLevel.NOT_IN_NAV


def _generated_file(
    config: MkDocsConfig, src: str, markdown: str, inclusion: InclusionLevel, title: str | None
) -> File:
    """A generated page's file, with its page (rendered as `html_pages.py` says)."""
    file = File.generated(config, src, content=markdown, inclusion=inclusion)
    GeneratedPage(title, file, config)
    return file


def _remembered_file(
    config: MkDocsConfig, src: str, markdown: str, inclusion: InclusionLevel, title: str | None, memory: Memory
) -> File:
    """A generated page's file, with a `RememberedPage`."""
    file = mkdocs_internals.keep_kind(File.generated(config, src, content=markdown, inclusion=inclusion))
    RememberedPage(title, file, config, memory)
    return file


def _works_on(file: File) -> bool:
    """Whether MkDocs does something with the page of `file` in a build in place: builds it,
    or checks its links (`Serving._check_links_to_changed_pages`)."""
    page = file.page
    return not isinstance(page, RememberedPage) or page.built or bool(page.links_to_anchors)


_TEMPLATE_CODE = re.compile(r"\{[{%](.*?)[}%]\}", re.DOTALL)
_TEMPLATE_COMMENT = re.compile(r"\{#.*?#\}", re.DOTALL)
_PAGES = re.compile(r"(?<![.\w])pages\b")
"""The name `pages` in a template's code, not an attribute (`nav.pages`)."""


def _reads_pages(template_dirs: list[str]) -> bool:
    """Whether a template of `template_dirs` names `pages` (MkDocs' list of the site's pages)
    in its code: read roughly, as words, so that it errs towards yes (every file of the
    folders is read, whatever its name, for a template may include any)."""
    for top in template_dirs:
        for folder, _dirs, names in os.walk(top):
            for name in names:
                try:
                    text = Path(folder, name).read_text(encoding="utf-8")
                except (OSError, UnicodeDecodeError):
                    continue
                code = _TEMPLATE_CODE.findall(_TEMPLATE_COMMENT.sub("", text))
                if any(_PAGES.search(part) for part in code):
                    return True
    return False


def watch_often(server: LiveReloadServer, setting: str) -> None:
    """Watch the watched paths with the file system's events where they are delivered, else by
    polling often (`watching.Watcher`, under the `watch_with` `setting`), instead of MkDocs'
    look every half second. MkDocs has no setting for its watcher, so the watches move to
    the new one; should MkDocs' server not use it as relied on, MkDocs' own is kept."""
    observer = mkdocs_internals.observer(server)
    if not isinstance(observer, PollingObserver) or observer.is_alive():
        return
    if gone := mkdocs_internals.watcher_missing():
        log.warning(
            f"keeping MkDocs' own file watcher: this MkDocs does not do what the plugin's relies on: {'; '.join(gone)}"
        )
        return
    mkdocs_internals.watch_with(server, Watcher(setting, partial(mkdocs_internals.set_quiet, server)))


def _tidy(*, everything: bool) -> None:
    """Collect the garbage of what was made since the last tidy (of `everything`: of every build
    so far), then leave every object alive now out of the collector's walks until a tidy of
    everything. Objects are freed as soon as nothing refers to them; only those in cycles wait
    for the collector."""
    remembered.let_go()
    if everything:
        gc.unfreeze()
    gc.collect()
    gc.freeze()
    gc.enable()  # turned off by a build in place (`Serving.on_config`)


class Tidier:
    """Collects the garbage of the builds once the server is idle (`_tidy`), in one thread for
    the whole run: a thread started by each build would make the build wait until it runs,
    as long as a slice of the processor on a busy machine."""

    def __init__(self) -> None:
        self._due: list[tuple[float, bool]] = []
        """When each tidy is due (`time.monotonic()`), and whether it tidies everything."""
        self._changed = threading.Condition()
        self._thread: threading.Thread | None = None

    def after_build(self) -> None:
        """A build succeeded: tidy what it made after `TIDY_AFTER` seconds, and everything after
        `TIDY_ALL_AFTER`, unless another build starts first."""
        now = time.monotonic()
        with self._changed:
            self._due = [(now + TIDY_AFTER, False), (now + TIDY_ALL_AFTER, True)]
            self._changed.notify()
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="conclusions-tidy", daemon=True)
            self._thread.start()

    def cancel(self) -> None:
        """A build starts: no tidying while it runs."""
        with self._changed:
            self._due = []

    def _run(self) -> None:
        while True:
            with self._changed:
                while not self._due or self._due[0][0] > time.monotonic():
                    self._changed.wait(self._due[0][0] - time.monotonic() if self._due else None)
                _when, everything = self._due.pop(0)
            _tidy(everything=everything)


def _cut(message: str, limit: int = 200) -> str:
    """`message` on one line, cut at `limit` characters (an error may quote a whole path or value)."""
    line = " ".join(message.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _where(error: BaseException) -> str:
    """The template file and line an error was raised in, when it was (' (main.html:12)')."""
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename.endswith((".html", ".xml"))]
    return f" ({frames[-1].filename}:{frames[-1].lineno})" if frames else ""


_ENDING_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


def _stop_as_on_ctrl_c() -> None:
    """End `mkdocs serve` on SIGTERM or SIGHUP (`kill`, a closed terminal, a process manager,
    a test harness) the way Ctrl-C ends it: MkDocs removes its temporary site folder, and
    `on_shutdown` the served folder, only when a KeyboardInterrupt unwinds the server; killed
    by a signal's default action, both would stay in the temporary folder. A handler set by
    someone else is left alone."""
    if threading.current_thread() is not threading.main_thread():
        return
    for ending in _ENDING_SIGNALS:
        if signal.getsignal(ending) is signal.SIG_DFL:
            signal.signal(ending, _interrupt)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


class Serving:
    """What the plugin does under `mkdocs serve` only: made in `on_startup`, one for the
    whole run, it is called from the plugin's hooks.

    Args:
        fast: `fast_serve`: rebuild only what changed since the last good build.
        templates: the theme folders whose files may change while serving, of a build's
            configuration (the theme's files are listed again only when they change).
        watch_with: the `watch_with` option (`watching.py`).
    """

    def __init__(self, *, fast: bool, templates: Callable[[MkDocsConfig], list[str]], watch_with: str = "auto") -> None:
        mkdocs_internals.check()
        self.watch_with = watch_with
        """How the watched files are watched with `fast` (`watching.Watcher`)."""
        self.maker: SiteMaker = KeptSite() if fast else SiteMaker()
        """What makes the site of the source: with `fast`, one that keeps what it made."""
        # With `fast`, the core's per-item computations keep their results for the next build too.
        remembered.keep_recent(fast)
        self.memory = Memory() if fast else None
        if self.memory is not None:
            mkdocs_internals.keep_theme(lambda c: tuple(_templates_state(templates(c))), self.memory.template_code)
            # Each rebuild loads the configuration again, and MkDocs reads every installed
            # distribution's metadata for its themes at each load.
            mkdocs_internals.keep_theme_list()
        self.folder: ServedFolder | None = None
        """Where the last good build is served from, once the server runs (`on_serve`)."""
        self._tidier = Tidier()
        self._pages: list[tuple[str, bool]] = []
        """Every page of this build, in the order MkDocs builds them: its URL, and whether it is built."""
        self._whole = True
        """Whether this build builds every page (into an empty folder, as every build does)."""

    def on_config(self) -> None:
        """A build starts: nothing of a build that did not succeed is kept; no tidying while it runs."""
        self._tidier.cancel()
        self._whole = True
        if isinstance(self.maker, KeptSite):
            self.maker.results.start()
            remembered.next_build()
        if self.memory is not None:
            self.memory.start()
            # A build in place makes little besides the pages it builds again: garbage the tidy
            # after it collects (`Tidier`) once the server is idle, when it turns the collector
            # on again; walking it during the build would only delay the page. Unless no tidy
            # came since the last build (saves in a row), and a build of every page (`on_nav`):
            # they collect as they go.
            if self.memory.has_last_build() and gc.isenabled():
                gc.disable()
            else:
                gc.enable()

    def begin_files(self, config: MkDocsConfig) -> None:
        """Before the plugin makes this build's files (`fast_serve`)."""
        if self.memory is not None:
            self.memory.begin_files(config)

    def page_files(self, config: MkDocsConfig, pages: Sequence[Page], titles: tuple[str | None, ...]) -> list[File]:
        """The files of generated `pages` (a part of the site, `SiteMaker.page_parts`), each
        with the title its nav entry gives it in `titles` (None: from its Markdown), and with a
        page whose rendering may be reused (`fast_serve`): the last good build's, part by part
        and then page by page, when made from the same pages (MkDocs makes 6,000 page objects
        of a large collection in about a quarter of a second, mostly parsing their addresses)."""
        if not pages:
            return []
        if self.memory is None:
            return [
                _generated_file(config, p.src, p.markdown, _inclusion(p.in_nav), t)
                for p, t in zip(pages, titles, strict=True)
            ]

        def make(file: Callable[[str, tuple[object, ...], Callable[[], File]], File]) -> list[File]:
            memory = self.memory
            assert memory is not None
            made = []
            for page, title in zip(pages, titles, strict=True):
                inclusion = _inclusion(page.in_nav)
                made.append(
                    file(
                        page.src,
                        (page.markdown, inclusion, title),
                        partial(_remembered_file, config, page.src, page.markdown, inclusion, title, memory),
                    )
                )
            return made

        # A list of pages compares with the last build's at the cost of a pointer each when the
        # core gave back the same (the very pages).
        return self.memory.group(pages[0].src, (pages, titles), make)

    def published_files(
        self, config: MkDocsConfig, contents: Mapping[str, str], make: Callable[[MkDocsConfig, str, str], File]
    ) -> list[File]:
        """The files the site publishes (not pages) of `contents` (their content by path, a
        part of the site's data, `SiteMaker.data_parts`), each `make(config, path, content)`:
        the last good build's, part by part and then file by file, when of the same content."""
        if not contents:
            return []
        if self.memory is None:
            return [make(config, path, content) for path, content in contents.items()]

        def make_all(file: Callable[[str, tuple[object, ...], Callable[[], File]], File]) -> list[File]:
            return [
                file(path, (content,), partial(_kept_kind, make, config, path, content))
                for path, content in contents.items()
            ]

        return self.memory.group(next(iter(contents)), (contents,), make_all)

    def published_file(self, config: MkDocsConfig, path: str, made_from: object, make: Callable[[], File]) -> File:
        """The file the site publishes at `path` (not a page): the last build's, when `made_from`
        (its content, or the file it is copied from) is the same (`fast_serve`)."""
        if self.memory is None:
            return make()
        return self.memory.file(path, (made_from,), lambda: mkdocs_internals.keep_kind(make()))

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig) -> None:
        """Serve the first build from a folder of its own, which only ever receives a build that
        succeeded; look at the watched files often and rebuild in place (`fast_serve`); let the
        live-reload script run."""
        self.folder = ServedFolder(config.site_dir)
        _stop_as_on_ctrl_c()
        self.succeeded()
        mkdocs_internals.serve_from(server, self.folder.served, self.folder.error_page)
        mkdocs_internals.after_each_build(server, self.succeeded, self.failed)
        if self.memory is not None:
            watch_often(server, self.watch_with)
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
        not_found: tuple[object, ...],
    ) -> None:
        """Decide what this build builds, once the files and navigation are known.

        Under the last good build's site signature (`Memory.same_site`), only the pages whose
        Markdown or `context` (what else their template reads, by source path) changed, the
        published files whose bytes changed, and the 404 page if what its template reads beyond
        the signature (`not_found`) changed; otherwise everything. Pages are left out only when
        every plugin that works on pages is known to the plugin (itself, and Material's search,
        whose entries of the pages not built are kept).
        """
        memory = self.memory
        if memory is None:
            return
        documents = files.documentation_pages()
        pages = self._remembered_pages(documents)
        memory.in_place = memory.same_site(files, nav, template_dirs) and not self._unknown_page_plugins(config)
        self._whole = not memory.in_place
        if self.folder is not None:
            self.folder.start(whole=self._whole)
        if self._whole:
            gc.enable()
            memory.forget_links()
        else:
            # The sitemap lists the pages' addresses and the build's date, both in the site
            # signature: the one served is the same (MkDocs would write it again for 6,000 pages).
            mkdocs_internals.skip_template(config, SITEMAP)
        if memory.template_unchanged(NOT_FOUND, not_found):
            # It shows the site's navigation and the document line: a collection's is a page of
            # thousands of links, which a save of one paragraph rarely changes.
            mkdocs_internals.skip_template(config, NOT_FOUND)
        settled, contexts = self._settled(context)
        built: set[str] = set()
        for page in pages:
            if page.file in settled:
                continue
            page.prepare(files, context(page.file.src_uri))
            if page.built:
                built.add(page.file.src_uri)
        checked = self._check_links_to_changed_pages(built, files)
        worked_on = self._mark_files(files, config.theme.dirs, settled - checked)
        self._settle(contexts, set(worked_on))
        self._pages = [
            (f.page.url, not isinstance(f.page, RememberedPage) or f.page.built)
            for f in documents
            if f.page is not None
        ]
        if memory.in_place and not memory.templates_read_pages(template_dirs):
            # MkDocs goes over the pages it lists three times more (to read, build and check
            # them), skipping those left out one by one: the others, the few it works on, are
            # all it needs listed. Templates then see that list as `pages`: none of Material's
            # or the plugin's reads it (the sitemap does, and is left out: above).
            mkdocs_internals.build_only(files, worked_on)

    @staticmethod
    def _remembered_pages(documents: Sequence[File]) -> list[RememberedPage]:
        """The plugin's pages among the site's `documents`, each the `RememberedPage` it made
        (which MkDocs must have used)."""
        generated = [f for f in documents if f.generated_by == "conclusions"]
        pages = [f.page for f in generated if isinstance(f.page, RememberedPage)]
        if len(pages) != len(generated):
            raise PluginError(
                "MkDocs made its own page objects for the plugin's pages, which fast_serve relies on it reusing "
                "(mkdocs_internals.py); set 'fast_serve: false' under the conclusions plugin in mkdocs.yml"
            )
        return pages

    @staticmethod
    def _unknown_page_plugins(config: MkDocsConfig) -> list[str]:
        """The plugins that work on pages, other than this one and Material's search."""
        return [
            name
            for name, plugin in mkdocs_internals.page_plugins(config.plugins)
            if type(plugin).__module__ != "conclusions.plugin" and mkdocs_internals.search_entries(plugin) is None
        ]

    def _settled(self, context: Callable[[str], str]) -> tuple[set[File], list[str | None]]:
        """The files of this build's parts that MkDocs has nothing to do with, as in the last
        good build (`Memory.settled`): the same files, under the same site signature in a build
        in place, and, for pages, what their templates read beyond their Markdown the same
        (`context`). Their pages are not prepared one by one: what the last good build kept of
        them is kept as it is. Returns those files, and the context of each part's pages (None
        for a part that is not pages)."""
        memory = self.memory
        assert memory is not None
        settled: set[File] = set()
        contexts: list[str | None] = []
        for group in memory.group_order:
            is_pages = isinstance(group.files[0].page, RememberedPage)
            of_pages = "\0".join(map(context, group.srcs)) if is_pages else None
            contexts.append(of_pages)
            first = group.srcs[0]
            if not memory.in_place or memory.failed_since or memory.settled.last(first, (of_pages,)) is not group:
                continue
            settled.update(group.files)
            if is_pages:
                memory.pages.carry_all(group.srcs)
            else:
                memory.written.carry_all(group.dests)
            memory.reused += len(group.files) if is_pages else 0
        return settled, contexts

    def _settle(self, contexts: list[str | None], worked_on: set[File]) -> None:
        """Note the parts MkDocs does nothing with in this build (`_settled`): none of their
        pages `worked_on`, none of their files written."""
        memory = self.memory
        assert memory is not None
        for group, of_pages in zip(memory.group_order, contexts, strict=True):
            if of_pages is not None:
                idle = worked_on.isdisjoint(group.files)
            else:
                idle = not any(f.is_modified() for f in group.files)
            if idle:
                memory.settled.keep(group.srcs[0], (of_pages,), group)

    def _check_links_to_changed_pages(self, built: set[str], files: Files) -> set[File]:
        """The links of a page not built again were checked by the last good build, against the
        same pages, except those to a page `built` now (by source path): its anchors may have
        changed. Only those are checked again (a register page links to hundreds of pages, a
        save changes a few)."""
        assert self.memory is not None
        by_src = files.src_uris
        checked: set[File] = set()
        for src in built:
            for linking_src in self.memory.linking_to(src):
                linking = by_src.get(linking_src)
                other = linking.page if linking is not None else None
                if isinstance(other, RememberedPage) and other.done is not None and not other.built:
                    other.done.check_links(other, files, to=built)
                    checked.add(other.file)
        return checked

    def _mark_files(self, files: Files, theme_dirs: list[str], settled: set[File]) -> list[File]:
        """Set which of the files that are not pages MkDocs writes: the plugin's, when their
        content changed; a theme's (of `theme_dirs`), none in a build in place, for the site
        signature holds every file of the theme folders that may change while serving (and
        the theme's own are part of its install); any other, when newer than the copy served
        (every build starts in an empty folder). Returns the pages MkDocs works on in a build
        in place (`_works_on`): the same pass over the files, thousands in a collection. The
        `settled` files are left as the last good build left them (`_settled`)."""
        memory = self.memory
        assert memory is not None
        in_place = memory.in_place and self.folder is not None
        themes = set(theme_dirs)
        worked_on: list[File] = []
        for file in files:
            if file in settled:
                continue
            if file.is_documentation_page():
                if _works_on(file):
                    worked_on.append(file)
            elif file.generated_by == "conclusions":
                made = mkdocs_internals.made_of(file)
                mkdocs_internals.set_modified(file, not memory.file_unchanged(file.dest_uri, made))
            elif in_place:
                newer = file.src_dir not in themes and self.folder is not None and self.folder.newer(file)
                mkdocs_internals.set_modified(file, newer)
        return worked_on

    def copies_to_write(self, copies: dict[str, Path]) -> dict[str, Path]:
        """Of the files the plugin copies into the site (the cards), those to copy in this build."""
        return copies if self.memory is None else self.memory.copies_to_write(copies)

    def on_post_build(self, config: MkDocsConfig, pages: int) -> None:
        """Complete the search index with the pages not built again, and say how many of the
        `pages` were reused."""
        if self.memory is None:
            return
        for _name, plugin in config.plugins.items():
            if (entries := mkdocs_internals.search_entries(plugin)) is not None:
                encoded = self.memory.search_entries(self._pages, entries)
                # Material encodes only the entries of the pages built now (a tenth of a
                # second for a collection's index of thousands of pages, every save).
                mkdocs_internals.write_search_index_in_parts(plugin, encoded)
        log.info(f"{self.memory.reused} of {pages} pages unchanged since the last build")

    def succeeded(self) -> None:
        """A build succeeded: serve it, and remember what it made for the next."""
        if self.folder is not None:
            self.folder.publish(whole=self._whole)
        if isinstance(self.maker, KeptSite):
            self.maker.results.succeeded()
        if self.memory is not None:
            self.memory.succeeded()
        # What is kept between builds (renderings, pages, editions) is millions of objects for a
        # large collection, which Python's cyclic collector would walk several times in each
        # rebuild (a quarter of a 100-document rebuild), and a collection of them all takes most
        # of a second. What a build made is collected once the server is idle, and frozen: the
        # collector then walks only what a rebuild makes. Everything is collected after a
        # longer pause (the pages and navigation later builds replaced). What the last good
        # build's tables held is let go of then too (`remembered.let_go_later`).
        self._tidier.after_build()

    def failed(self, error: BaseException) -> None:
        """A rebuild failed, for whatever reason: set it aside, and go on serving the last good build."""
        gc.enable()
        if self.folder is not None:
            self.folder.discard()
        if isinstance(self.maker, KeptSite):
            self.maker.results.failed()
        if self.memory is not None:
            self.memory.failed()
        # MkDocs printed the line of a mistake it stopped on (a `BuildError`, then its `Abort`,
        # a `SystemExit`); anything else is said here, in one line.
        if not isinstance(error, SystemExit):
            log.error(f"the rebuild failed: {type(error).__name__}: {_cut(str(error))}{_where(error)}")
        elif not isinstance(error.__context__, BuildError):
            log.warning(str(error))  # strict mode's count of warnings
        log.warning("still serving the last good build; fix the mistake above and save to rebuild")

    def close(self) -> None:
        """The server stops: remove the served folder; the core keeps nothing more."""
        remembered.keep_recent(False)
        if self.folder is not None:
            self.folder.close()

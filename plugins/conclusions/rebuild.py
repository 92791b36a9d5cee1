"""Fast rebuilds under `mkdocs serve`: what did not change since the last good build is reused.

MkDocs 1.6 rebuilds every page on every save, and has no incremental mode for generated files
(`--dirty` renders them all again). Saving one paragraph changes the Markdown of a handful of
pages; the other pages would come out byte for byte the same. So the plugin keeps, between
rebuilds of one `mkdocs serve`:

- the compiled templates (Jinja's own bytecode cache, checked against the template source);
- each page's Markdown rendering (HTML, table of contents, anchors), keyed by its Markdown;
- each page's finished HTML, keyed by everything its template reads.

It also looks at the watched files more often than MkDocs does (`watch_often`).

Every key starts with the site signature: the configuration, the list of files, the
navigation and the templates that can change while serving (the site's `overrides/` and the
plugin's own `theme/`). A change to any of them starts afresh. Only a build that
succeeded is remembered: after one that failed while rendering, the next renders everything.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field

from jinja2 import BytecodeCache, ChoiceLoader, DictLoader, Environment
from jinja2.bccache import Bucket
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents
from mkdocs.theme import Theme
from watchdog.observers.polling import PollingObserver

WATCH_INTERVAL = 0.05
"""Seconds between two looks at the watched files under `mkdocs serve` (MkDocs: 0.5 s)."""

QUIET = 0.075
"""Seconds without a further change before a rebuild starts (MkDocs: 0.1 s); more than one look."""

WATCH_LIMIT = 1000
"""Above this many watched files (`--watch-theme`), MkDocs' own interval is kept."""

TEMPLATE = "conclusions-remembered.html"
"""The template of every generated page: the remembered HTML, or Material's `main.html`."""

_TEMPLATE_SOURCE = '{%- if remembered is defined -%}{{ remembered }}{%- else -%}{% include "main.html" %}{%- endif -%}'


class _TemplateCode(BytecodeCache):
    """Compiled templates kept in memory; Jinja discards an entry whose template source changed."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if (code := self._code.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


@dataclass(frozen=True)
class _Rendering:
    """What `Page.render` sets, with links to other pages named by source path, not `File`."""

    content: str
    toc: TableOfContents
    title: str | None
    anchors: frozenset[str]
    links_to_anchors: dict[str, dict[str, str]] | None

    @classmethod
    def of(cls, page: Page) -> _Rendering:
        links = page.links_to_anchors
        return cls(
            page.content or "",
            page.toc,
            page._title_from_render,
            frozenset(page.present_anchor_ids or ()),
            None if links is None else {f.src_uri: dict(anchors) for f, anchors in links.items()},
        )

    def apply(self, page: Page, files: Files) -> None:
        page.content = self.content
        page.toc = self.toc
        page._title_from_render = self.title
        page.present_anchor_ids = set(self.anchors)
        if self.links_to_anchors is not None:
            # Validated after the build against this build's pages, as MkDocs does for any page.
            page.links_to_anchors = {
                files.get_file_from_path(src): dict(anchors) for src, anchors in self.links_to_anchors.items()
            }


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


def _nav_outline(items: list, out: list[str]) -> list[str]:
    for item in items:
        out.append(f"{type(item).__name__}|{item.title}|{getattr(item, 'url', '')}")
        if isinstance(item, Section):
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
    """What one `mkdocs serve` remembers between builds; `mkdocs build` remembers nothing."""

    serving: bool = False
    site: str = ""
    """Signature of this build's configuration, files, navigation and templates."""
    reused: int = 0
    """Pages of this build whose Markdown rendering came from the last good build."""
    _template_code: _TemplateCode = field(default_factory=_TemplateCode)
    _renderings: dict[str, _Rendering] = field(default_factory=dict)
    _outputs: dict[str, str] = field(default_factory=dict)
    _new_renderings: dict[str, _Rendering] = field(default_factory=dict)
    _new_outputs: dict[str, str] = field(default_factory=dict)

    def start(self, config: MkDocsConfig, files: Files, nav: Navigation, template_dirs: list[str]) -> None:
        """Take the site signature, once this build's files and navigation are known.

        `template_dirs`: the theme folders whose files may change while serving (the site's
        `custom_dir` and the plugin's templates; Material's own are part of its install).
        """
        settings = [f"{key}={_setting(key, config[key])}" for key in sorted(config.keys()) if key != "plugins"]
        settings += [f"{name}:{plugin.config!r}" for name, plugin in config.plugins.items()]
        listing = [f"{f.src_uri}|{f.dest_uri}|{f.url}|{f.inclusion.name}" for f in files]
        outline = _nav_outline(nav.items, [])
        self.site = _digest(*settings, *listing, *outline, *_templates_state(template_dirs))
        self._new_renderings, self._new_outputs = {}, {}
        self.reused = 0

    def env(self, env: Environment) -> Environment:
        if self.serving:
            env.bytecode_cache = self._template_code
        env.loader = ChoiceLoader([DictLoader({TEMPLATE: _TEMPLATE_SOURCE}), env.loader])
        return env

    def recall_rendering(self, key: str) -> _Rendering | None:
        done = self._renderings.get(key)
        self.reused += done is not None
        return done

    def keep_rendering(self, key: str, done: _Rendering) -> None:
        if self.serving:
            self._new_renderings[key] = done

    def recall_output(self, key: str, context: dict) -> None:
        """Give the page template the HTML the last good build made from the same inputs."""
        if (html := self._outputs.get(key)) is not None:
            context["remembered"] = Markup(html)

    def keep_output(self, key: str, html: str) -> None:
        if self.serving:
            self._new_outputs[key] = html

    def succeeded(self) -> None:
        """What this build made is what the next one may reuse (and nothing older)."""
        self._renderings, self._outputs = self._new_renderings, self._new_outputs
        self._new_renderings, self._new_outputs = {}, {}

    def failed(self, *, before_rendering: bool) -> None:
        """A build failed. If it had rendered anything, the next build renders everything."""
        self._new_renderings, self._new_outputs = {}, {}
        if not before_rendering:
            self._renderings, self._outputs = {}, {}


class RememberedPage(Page):
    """A generated page whose Markdown rendering may come from the last good build."""

    def __init__(self, title: str | None, file: File, config: MkDocsConfig, memory: Memory) -> None:
        super().__init__(title, file, config)
        self.memory = memory
        self.key = ""
        """Digest of the site signature, the page's path and its Markdown."""
        self.output = ""
        """Digest of everything its template reads (set in `on_page_context`)."""

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.key = _digest(self.memory.site, self.file.src_uri, self.markdown)
        self.meta["template"] = TEMPLATE
        if (done := self.memory.recall_rendering(self.key)) is not None:
            done.apply(self, files)
        else:
            super().render(config, files)
            done = _Rendering.of(self)
        self.memory.keep_rendering(self.key, done)

    def output_key(self, share: object) -> str:
        """Digest of what the page template reads beyond the site signature and the Markdown."""
        meta = sorted((k, repr(v)) for k, v in self.meta.items())
        return _digest(self.key, self.title, meta, repr(share))


def _few_files(paths: list[str], limit: int) -> bool:
    count = 0
    for path in paths:
        for _folder, _dirs, names in os.walk(path) if os.path.isdir(path) else [("", [], [path])]:
            count += len(names)
            if count > limit:
                return False
    return True


def watch_often(server) -> None:
    """Poll the watched paths every `WATCH_INTERVAL` seconds instead of MkDocs' 0.5 s.

    Polling works on every file system (native events do not cross some mounts), and the
    source folder holds a handful of files: one look at them takes well under a millisecond.
    MkDocs has no setting for the interval, so the watches move to a new observer.
    """
    watched = dict(getattr(server, "_watched_paths", {}))  # MkDocs 1.6 keeps no public list
    observer = server.observer
    if not isinstance(observer, PollingObserver) or observer.is_alive() or not _few_files(list(watched), WATCH_LIMIT):
        return
    for path, count in watched.items():
        for _ in range(count):
            server.unwatch(path)
    server.observer = PollingObserver(timeout=WATCH_INTERVAL)
    server.build_delay = QUIET
    for path, count in watched.items():
        for _ in range(count):
            server.watch(path)

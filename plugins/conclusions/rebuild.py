"""Everything that runs under `mkdocs serve` only; `mkdocs build` never imports this module.

Under `mkdocs serve` the plugin (`Serving`) keeps serving the last good build after a mistake
in the source, lets the live-reload script run under the pages' Content-Security-Policy
and, with `fast_serve` (the default), rebuilds fast: what did not change since the last
good build is reused.

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

Every MkDocs internal this relies on is reached through `mkdocs_internals`, which checks at
start-up that each is still there.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.nav import Section as NavSection
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.theme import Theme
from watchdog.observers.polling import PollingObserver

from . import csp, mkdocs_internals
from .mkdocs_internals import Rendering

log = get_plugin_logger(__name__)

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
    """Pages of this build whose Markdown rendering came from the last good build."""
    _template_code: _TemplateCode = field(default_factory=_TemplateCode)
    _renderings: dict[str, Rendering] = field(default_factory=dict)
    _outputs: dict[str, str] = field(default_factory=dict)
    _new_renderings: dict[str, Rendering] = field(default_factory=dict)
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
        """Keep compiled templates between builds, and add the template of remembered pages."""
        env.bytecode_cache = self._template_code
        mkdocs_internals.add_template(env, TEMPLATE, _TEMPLATE_SOURCE)
        return env

    def recall_rendering(self, key: str) -> Rendering | None:
        """The rendering the last good build made of the same Markdown, if any."""
        done = self._renderings.get(key)
        self.reused += done is not None
        return done

    def keep_rendering(self, key: str, done: Rendering) -> None:
        """What the next build may reuse, if this one succeeds."""
        self._new_renderings[key] = done

    def recall_output(self, key: str, context: dict[str, Any]) -> None:
        """Give the page template the HTML the last good build made from the same inputs."""
        if (html := self._outputs.get(key)) is not None:
            context["remembered"] = Markup(html)

    def keep_output(self, key: str, html: str) -> None:
        """The page's finished HTML, for the next build, if this one succeeds."""
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


class RememberedPage(MkDocsPage):
    """A generated page whose Markdown rendering may come from the last good build.

    Made in `on_files`, before MkDocs would make a `Page` for the file: MkDocs then uses this
    one (`mkdocs_internals`: it reuses `File.page`), which `Serving.on_nav` verifies.
    """

    def __init__(self, title: str | None, file: File, config: MkDocsConfig, memory: Memory) -> None:
        super().__init__(title, file, config)
        self.memory = memory
        self.key = ""
        """Digest of the site signature, the page's path and its Markdown."""
        self.output = ""
        """Digest of everything its template reads (set in `on_page_context`)."""

    def render(self, config: MkDocsConfig, files: Files) -> None:
        """Render the page, or set what the last good build rendered from the same Markdown."""
        self.key = _digest(self.memory.site, self.file.src_uri, self.markdown)
        self.meta["template"] = TEMPLATE
        if (done := self.memory.recall_rendering(self.key)) is not None:
            done.apply(self, files)
        else:
            super().render(config, files)
            done = Rendering.of(self)
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


class Serving:
    """What the plugin does under `mkdocs serve` only: made in `on_startup`, one for the
    whole run, it is called from the plugin's hooks.

    Args:
        fast: `fast_serve`: reuse what did not change since the last good build.
    """

    def __init__(self, *, fast: bool) -> None:
        mkdocs_internals.check()
        self.memory = Memory() if fast else None

    def page(self, title: str | None, file: File, config: MkDocsConfig) -> None:
        """Make the page of a generated file, whose rendering may be reused (`fast_serve`).

        Args:
            title: the title a navigation entry would give it (None: from its Markdown).
            file: the generated file.
            config: the build's configuration.
        """
        if self.memory is not None:
            RememberedPage(title, file, config, self.memory)

    def on_serve(self, server: LiveReloadServer, mistake: type[Exception]) -> None:
        """Keep serving the last good build after a rebuild that `mistake` (a mistake in the
        source, which stops a rebuild before the site folder is touched) stopped; look at the
        watched files often (`fast_serve`); let the live-reload script run."""
        mkdocs_internals.keep_serving_after(
            server,
            mistake,
            lambda: log.warning("still serving the last good build; fix the mistake above and save to rebuild"),
        )
        if self.memory is not None:
            watch_often(server)
        # The page's Content-Security-Policy would block the script MkDocs injects.
        mkdocs_internals.rewrite_served_pages(server, csp.allow_injected_script)

    def on_nav(self, config: MkDocsConfig, files: Files, nav: Navigation, template_dirs: list[str]) -> None:
        """Take the site signature, once the files and navigation are known (`Memory.start`)."""
        if self.memory is None:
            return
        generated = [f for f in files if f.generated_by == "conclusions" and f.is_documentation_page()]
        if any(not isinstance(f.page, RememberedPage) for f in generated):
            raise PluginError(
                "MkDocs made its own page objects for the plugin's pages, which fast_serve relies on it reusing "
                "(mkdocs_internals.py); set 'fast_serve: false' under the conclusions plugin in mkdocs.yml"
            )
        self.memory.start(config, files, nav, template_dirs)

    def on_env(self, env: Environment) -> Environment:
        """The build's template environment, with compiled templates kept (`fast_serve`)."""
        return env if self.memory is None else self.memory.env(env)

    def on_page_context(self, page: MkDocsPage, context: dict[str, Any], share: object) -> None:
        """Give the page the HTML the last good build made from the same inputs, if any."""
        if self.memory is not None and isinstance(page, RememberedPage):
            page.output = page.output_key(share)
            self.memory.recall_output(page.output, context)

    def on_post_page(self, page: MkDocsPage, output: str) -> None:
        """Remember a page's finished HTML for the next build."""
        if self.memory is not None and isinstance(page, RememberedPage):
            self.memory.keep_output(page.output, output)

    def on_post_build(self, pages: int) -> None:
        """Say how many of the `pages` were reused, and remember this build's."""
        if self.memory is not None:
            log.info(f"{self.memory.reused} of {pages} pages unchanged since the last build")
            self.memory.succeeded()

    def on_build_error(self, *, before_rendering: bool) -> None:
        """A build failed; after one that failed while rendering, the next renders everything."""
        if self.memory is not None:
            self.memory.failed(before_rendering=before_rendering)

"""Where a `mkdocs serve` rebuild's time goes: run by bench/run.py (part `live`) in its own process.

Usage: rebuild_phases.py PROJECT_COPY FAST(0|1) EDITS. Builds the copy once as `mkdocs serve`
does (plugin started with command "serve"), then, EDITS times, changes paragraph 1, reloads
the config and rebuilds, timing MkDocs' phases by wrapping its functions. Prints JSON: the
median seconds of each phase over the rebuilds. DOCUMENT: the edited text, relative to the copy
(default `source/document.md`; a collection's is under `source/documents/`); PROFILE: a file
where cProfile's statistics of the rebuilds (not the first build) are written, for `pstats`.
A bench tool, never imported by the plugin.
"""

from __future__ import annotations

import cProfile
import functools
import json
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import jinja2
import mkdocs.plugins as plugins
from mkdocs import utils as mkutils
from mkdocs.commands import build as mkbuild
from mkdocs.commands import serve as serve_command
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure import files as mkfiles

PHASES: defaultdict[str, float] = defaultdict(float)


def _time(owner: object, name: str, phase: str) -> None:
    wrapped = getattr(owner, name)

    @functools.wraps(wrapped)
    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return wrapped(*args, **kwargs)
        finally:
            PHASES[phase] += time.perf_counter() - start

    setattr(owner, name, timed)


def _instrument() -> None:
    _time(mkutils, "clean_directory", "clean the site folder")
    _time(mkfiles.Files, "add_files_from_theme", "list the theme's files")
    _time(mkbuild, "get_navigation", "navigation")
    _time(mkbuild, "_populate_page", "Markdown to HTML (all pages)")
    _time(mkfiles.Files, "copy_static_files", "copy static files")
    _time(mkbuild, "_build_theme_template", "404 page and sitemap")
    _time(mkbuild, "_build_page", "page templates (all pages)")
    from conclusions.rebuild import ServedFolder

    _time(ServedFolder, "publish", "serve the build (the plugin's served folder)")
    _time(jinja2.Environment, "compile", "compiling templates (within the 404 page and the page templates)")
    for event in ("on_config", "on_files", "on_post_build"):
        _time(plugins.PluginCollection, event, f"plugins' {event}")
    _time(plugins.PluginCollection, "on_page_context", "  of which plugins' on_page_context (mostly the search index)")


def main() -> None:
    project, fast, edits = Path(sys.argv[1]), sys.argv[2] == "1", int(sys.argv[3])
    site = tempfile.mkdtemp(prefix="bench-phases-")
    config_file = str(project / ("mkdocs.yml" if fast else "slow.mkdocs.yml"))
    document = project / (sys.argv[4] if len(sys.argv) > 4 else "source/document.md")
    profile = cProfile.Profile() if len(sys.argv) > 5 else None
    original = document.read_text(encoding="utf-8")
    first = next(line for line in original.splitlines() if line.startswith("1. "))
    config = load_config(config_file, site_dir=site)
    config.plugins.on_startup(command="serve", dirty=False)
    mkbuild.build(config, serve_url="http://127.0.0.1:8000/")

    def rebuild() -> None:
        start = time.perf_counter()
        config = load_config(config_file, site_dir=site)
        PHASES["reload the config"] += time.perf_counter() - start
        # `mkdocs serve` calls its `build` (which the plugin's serve machinery makes build in place).
        serve_command.build(config, serve_url="http://127.0.0.1:8000/")  # type: ignore[attr-defined]

    # As `mkdocs serve` does once the first build is done: the plugin's `on_serve` takes over
    # the server's builder (the last good build served, what it made kept for the next).
    server = LiveReloadServer(builder=rebuild, host="127.0.0.1", port=0, root=site)
    config.plugins.on_serve(server, config=config, builder=rebuild)
    _instrument()
    runs: list[dict[str, float]] = []
    try:
        for i in range(edits):
            edited = first.replace(" and ", f" and phaseword{i} ", 1)
            document.write_text(original.replace(first, edited, 1), encoding="utf-8")
            time.sleep(1.5)  # as between two saves: the plugin tidies what a build left once idle
            PHASES.clear()
            start, processor = time.perf_counter(), time.thread_time()
            if profile is not None:
                profile.enable()
            server.builder()
            if profile is not None:
                profile.disable()
            PHASES["whole rebuild"] = time.perf_counter() - start
            # The build runs in this thread: its processor time, which a loaded machine inflates less.
            PHASES["whole rebuild, processor time"] = time.thread_time() - processor
            runs.append(dict(PHASES))
    finally:
        document.write_text(original, encoding="utf-8")
        server.server_close()
        config.plugins.on_shutdown()
    order = [
        "reload the config",
        "serve the build (the plugin's served folder)",
        "plugins' on_config",
        "clean the site folder",
        "list the theme's files",
        "plugins' on_files",
        "navigation",
        "Markdown to HTML (all pages)",
        "copy static files",
        "404 page and sitemap",
        "page templates (all pages)",
        "  of which plugins' on_page_context (mostly the search index)",
        "compiling templates (within the 404 page and the page templates)",
        "plugins' on_post_build",
        "whole rebuild",
        "whole rebuild, processor time",
    ]
    if profile is not None:
        profile.dump_stats(sys.argv[5])
    assert set(order) >= set(runs[0]), set(runs[0]) - set(order)
    print(json.dumps({phase: statistics.median(run.get(phase, 0.0) for run in runs) for phase in order}))


if __name__ == "__main__":
    main()

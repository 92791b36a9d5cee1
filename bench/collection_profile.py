"""Where a collection save's rebuild goes under `mkdocs serve`, in one process: a bench tool.

Usage: collection_profile.py OUT_DIR [SAVES] [COUNT] [--no-profile]. Writes a collection of COUNT synthetic
texts (bench/parts/collection.py, default 100) into a project copy in OUT_DIR, builds it once as
`mkdocs serve` does, then saves SAVES edits of paragraph 1 of the middle text (default 6), each
rebuilt as the server's builder does, 1.5 s apart. The rebuilds after the first are profiled
together (cProfile, written to OUT_DIR/rebuilds.prof); printed as JSON: each rebuild's wall and
processor time, and the processor time of the plugin's own steps (`SiteMaker`'s, by step name)
summed over the profiled rebuilds, and of the plugin's hooks. With --no-profile, nothing is
profiled: the times are the rebuilds' own. Never imported by the plugin.
"""

from __future__ import annotations

import cProfile
import json
import shutil
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any, TypeVar

from common import ROOT
from mkdocs.commands import build as mkbuild
from mkdocs.commands import serve as serve_command
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer
from parts.collection import BASE, make_collection

T = TypeVar("T")
STEPS: defaultdict[str, float] = defaultdict(float)
HOOKS = ("on_config", "on_files", "on_nav")


def _time_steps() -> None:
    """Sum the processor time of each step of the core's `SiteMaker` (steps inside steps count in both)."""
    from conclusions.rebuild import KeptSite

    kept = KeptSite.step

    def step(self: KeptSite, name: Hashable, inputs: tuple[Any, ...], make: Callable[[], T], **kw: Any) -> T:
        start = time.thread_time()
        try:
            return kept(self, name, inputs, make, **kw)
        finally:
            STEPS[name[0] if isinstance(name, tuple) else str(name)] += time.thread_time() - start

    KeptSite.step = step  # type: ignore[method-assign]
    from conclusions.plugin import ConclusionsPlugin

    for hook in HOOKS:
        _time_hook(ConclusionsPlugin, hook, f"plugin's {hook}")
    from conclusions import rebuild
    from conclusions.core import cards, remembered, site

    for owner, name in (
        (ConclusionsPlugin, "_nav"),
        (cards.Drawing, "__init__"),
        (site, "collection_home"),
        (remembered, "next_build"),
        (rebuild.LastGood, "succeeded"),
        (rebuild.Serving, "succeeded"),
        (rebuild, "_tidy"),
    ):
        _time_hook(owner, name, f"{getattr(owner, '__name__', owner)}.{name}")


def _time_hook(owner: object, name: str, label: str) -> None:
    wrapped = getattr(owner, name)

    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.thread_time()
        try:
            return wrapped(*args, **kwargs)
        finally:
            STEPS[label] += time.thread_time() - start

    setattr(owner, name, timed)


def main() -> None:
    args = [a for a in sys.argv[1:] if a != "--no-profile"]
    profiling = len(args) == len(sys.argv) - 1
    out = Path(args[0]).resolve()
    saves = int(args[1]) if len(args) > 1 else 6
    count = int(args[2]) if len(args) > 2 else 100
    project = out / "project"
    if not (project / "source").is_dir():
        project.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
        shutil.copytree(ROOT / "overrides", project / "overrides", dirs_exist_ok=True)
        make_collection(project / "source", count)
    from conclusions.core.urls import document_prefix

    document = project / "source" / "documents" / document_prefix(f"ST {BASE + count // 2}/24", "2024") / "document.md"
    original = document.read_text(encoding="utf-8")
    anchor = "have become indispensable"
    site = str(out / "site")
    config_file = str(project / "mkdocs.yml")
    config = load_config(config_file, site_dir=site)
    config.plugins.on_startup(command="serve", dirty=False)
    mkbuild.build(config, serve_url="http://127.0.0.1:8000/")

    def rebuild() -> None:
        config = load_config(config_file, site_dir=site)
        serve_command.build(config, serve_url="http://127.0.0.1:8000/")  # type: ignore[attr-defined]

    server = LiveReloadServer(builder=rebuild, host="127.0.0.1", port=0, root=site)
    config.plugins.on_serve(server, config=config, builder=rebuild)
    profile = cProfile.Profile()
    walls: list[float] = []
    processor: list[float] = []
    try:
        for i in range(saves):
            document.write_text(original.replace(anchor, f"have become profword{i} indispensable"), encoding="utf-8")
            time.sleep(1.5)  # as between two saves: the plugin tidies what a build left once idle
            if i == 1:
                _time_steps()
            start, cpu = time.perf_counter(), time.thread_time()
            if i and profiling:
                profile.enable()
            server.builder()
            if i and profiling:
                profile.disable()
            walls.append(time.perf_counter() - start)
            processor.append(time.thread_time() - cpu)
    finally:
        document.write_text(original, encoding="utf-8")
        server.server_close()
        config.plugins.on_shutdown()
    if profiling:
        profile.dump_stats(str(out / "rebuilds.prof"))
    later = saves - 1
    print(
        json.dumps(
            {
                "wall": [round(w, 3) for w in walls],
                "processor": [round(p, 3) for p in processor],
                "median wall (after the first)": round(statistics.median(walls[1:]), 3),
                "median processor (after the first)": round(statistics.median(processor[1:]), 3),
                "steps, processor per rebuild": {k: round(v / later, 4) for k, v in sorted(STEPS.items())},
            },
            indent=1,
        )
    )


if __name__ == "__main__":
    main()

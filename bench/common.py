"""What every benchmark part shares: paths, logging, formatting, configurations and builds.

The bench imports nothing from site_tests: the tests may change without changing it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import TypedDict

from unlinked import without_links

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
RESULTS = HERE / "RESULTS.md"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROME_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
EPOCH = "1699833600"
if str(ROOT / "plugins") not in sys.path:
    sys.path.insert(0, str(ROOT / "plugins"))


class Build(TypedDict):
    """One timed build: wall time, MkDocs' own "built in" time, peak RSS in bytes, and the
    processor time it took (user and system, its own children's included)."""

    wall: float
    inner: float
    rss: int
    cpu: float


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", flush=True)


def kb(n: float) -> str:
    return f"{n / 1024:.1f} KB"


def mb(n: float) -> str:
    return f"{n / 1024 / 1024:.1f} MB"


def dir_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def real_config(source: Path, site: Path) -> Path:
    """The project's mkdocs.yml with another docs_dir and site_dir (as site_tests/support/build.py)."""
    cfg = site.parent / f"{site.name}.mkdocs.yml"
    cfg.write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\n"
        f"docs_dir: {source}\nsite_dir: {site}\nsite_url: http://127.0.0.1:8000/\n"
        f"theme:\n  name: material\n  custom_dir: {ROOT / 'overrides'}\n",
        encoding="utf-8",
    )
    return cfg


def plain_config(source: Path, site: Path, material_only: bool = False, links: bool = True) -> tuple[Path, int]:
    """Write every generated page's Markdown to a docs dir; a config without the plugin.

    Same mkdocs.yml otherwise (theme, overrides, CSS/JS, Markdown extensions, search), the
    same nav, and the same pages kept out of it (`not_in_nav`). Returns (config, pages).

    `material_only`: Material as it comes instead, the yardstick of the first paint
    ("within 0.2 s of plain Material on the same page"): none of the plugin's templates, CSS
    or JS, and no palette (so no palette.css), with the site's features and `font: false`.

    `links=False`: the same pages holding the same text without links (bench/unlinked.py).
    """
    from conclusions.core.site import all_pages, build_collection
    from conclusions.plugin import ASSETS_JS, THEME_DIR, ConclusionsPlugin

    collection = build_collection(source)
    pages = list(all_pages(collection))
    docs = site.parent / f"{site.name}.docs"
    shutil.rmtree(docs, ignore_errors=True)
    for page in pages:
        target = docs / page.src
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.markdown if links else without_links(page.markdown, page.src), encoding="utf-8")
    # The plugin brings its templates, CSS and JS (its theme/ folder) only when it runs: without
    # it, the same folder is the custom_dir and the same assets are listed, so pages look alike.
    plugin = ConclusionsPlugin()
    plugin.load_config({})
    plugin.pages = pages
    plugin.collection = collection  # the navigation's labels are the document's interface words
    nav = plugin._nav()
    in_nav = {p.src for p in pages if p.in_nav}
    out_dirs: dict[str, list[str]] = {}
    for p in pages:
        if not p.in_nav:
            out_dirs.setdefault(str(Path(p.src).parent), []).append(p.src)
    patterns: list[str] = []
    for folder, srcs in sorted(out_dirs.items()):
        if folder != "." and not any(s.startswith(folder + "/") for s in in_nav):
            patterns.append(f"/{folder}/")
        else:
            patterns.extend(f"/{s}" for s in srcs)
    cfg = site.parent / f"{site.name}.mkdocs.yml"
    if material_only:
        empty = site.parent / f"{site.name}.overrides"  # custom_dir must exist; nothing in it
        empty.mkdir(parents=True, exist_ok=True)
        theme = f"theme:\n  name: material\n  custom_dir: {empty}\n  palette: []\nextra_css: []\nextra_javascript: []\n"
    else:
        theme = (
            f"theme:\n  name: material\n  custom_dir: {THEME_DIR}\n"
            f"extra_javascript: {json.dumps(list(ASSETS_JS))}\n"
            f"hooks: [{HERE / 'plain_hooks.py'}]\n"
        )
    cfg.write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\n"
        f"docs_dir: {docs}\nsite_dir: {site}\nsite_url: http://127.0.0.1:8000/\n"
        + theme
        + "strict: false\nplugins:\n  - search\n"
        f"nav: {json.dumps(nav, ensure_ascii=False)}\n"
        "not_in_nav: |\n" + "".join(f"  {p}\n" for p in patterns),
        encoding="utf-8",
    )
    return cfg, len(pages)


BYTECODE = {"PYTHONDONTWRITEBYTECODE": "", "PYTHONPYCACHEPREFIX": str(OUT / "pycache")}
"""Builds run with Python's bytecode cache, kept in the bench's scratch folder: an installed
package has its modules compiled (Material's and MkDocs' are, at install), and where the
environment turns the cache off (PYTHONDONTWRITEBYTECODE) the plugin's modules, installed
editable, would be compiled from source at every build, a cost no user's build pays twice."""


def run_build(cfg: Path, cold: bool = False) -> Build:
    """One `mkdocs build` in a child process: wall time, MkDocs' own time, peak RSS.

    It runs in a scratch folder next to the config, so the plugin's link-preview card cache
    (`.cache/cards`, relative to the working directory) is the bench's own, never the
    project's; `cold` empties it first (a build from scratch, as on a CI runner without cache).
    """
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1", **BYTECODE}
    cwd = cfg.parent / "cwd"
    if cold:
        shutil.rmtree(cwd / ".cache", ignore_errors=True)
    cwd.mkdir(exist_ok=True)
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(cfg)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=env,
        cwd=cwd,
    )
    assert proc.stdout is not None
    output = proc.stdout.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"mkdocs build -f {cfg} failed:\n{output[-3000:]}")
    m = re.search(r"Documentation built in ([\d.]+) seconds", output)
    return {
        "wall": wall,
        "inner": float(m.group(1)) if m else float("nan"),
        "rss": usage.ru_maxrss * 1024,
        "cpu": usage.ru_utime + usage.ru_stime,
    }


def side_by_side(configs: dict[str, Path | tuple[Path, bool]], repeats: int) -> dict[str, list[Build]]:
    """Build each config `repeats` times, interleaved (A B A B ... alternating who goes first).

    A config given as (path, True) is built cold (empty card cache).
    """
    runs: dict[str, list[Build]] = {k: [] for k in configs}
    names = list(configs)
    for i in range(repeats):
        order = names if i % 2 == 0 else names[::-1]
        for name in order:
            given = configs[name]
            cfg, cold = given if isinstance(given, tuple) else (given, False)
            runs[name].append(run_build(cfg, cold=cold))
    return runs


def med(runs: list[Build], key: str) -> float:
    return statistics.median(float(r[key]) for r in runs)  # type: ignore[literal-required]


def verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


_FRESH: set[str] = set()
"""Sites built in this run (the build part builds the real site; later parts reuse it)."""


def ensure_site() -> Path:
    """The real site, built once per run (by the build part, or here)."""
    site = OUT / "build" / "real"
    if "real" not in _FRESH or not (site / "index.html").exists():
        _FRESH.add("real")
        (OUT / "build").mkdir(parents=True, exist_ok=True)
        run_build(real_config(ROOT / "source", site))
    return site


def mark_fresh(name: str) -> None:
    """Say that the site `name` under OUT/build was built in this run."""
    _FRESH.add(name)


def stop(proc: subprocess.Popen[bytes], timeout: float = 20) -> None:
    """Ask `proc` to end, and end it if it does not within `timeout` seconds."""
    proc.terminate()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()

"""`mkdocs serve`: from saving source/document.md to the new page being served, fast_serve on and off."""

from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

from common import HERE, ROOT, free_port, log, stop, verdict


def _live_edits(
    tmp: Path,
    config: str,
    edits: int,
    doc: Path = Path("source/document.md"),
    page: str = "paragraphs/1/",
    start_timeout: float = 60,
    edit_timeout: float = 30,
) -> tuple[list[float], list[float], list[tuple[str, str]]]:
    """Serve `config` in the project copy `tmp`, save `edits` changes to paragraph 1 of `doc`
    (relative to `tmp`; the flagship's text), time each until `page` serves them."""
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": f"http://127.0.0.1:{port}/"}
    log_path = tmp / f"serve-{port}.log"
    serve_log = log_path.open("w", encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-f", config, "--livereload", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=tmp,
        env=env,
        stdout=serve_log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/{page}"

    def fetch() -> str:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                return str(r.read().decode("utf-8", "replace"))
        except OSError:
            return ""

    times: list[float] = []
    doc = tmp / doc
    original = doc.read_text(encoding="utf-8")
    try:
        deadline = time.monotonic() + start_timeout
        while "ACKNOWLEDGES" not in fetch():
            if time.monotonic() > deadline or proc.poll() is not None:
                raise RuntimeError("mkdocs serve did not start")
            time.sleep(0.2)
        anchor = "have become indispensable"
        assert original.count(anchor) == 1
        for i in range(edits):
            time.sleep(1.5)  # let the previous rebuild and the watcher settle
            word = f"benchword{i}x{port}"
            saved = time.perf_counter()
            doc.write_text(original.replace(anchor, f"have become {word} indispensable"), encoding="utf-8")
            deadline = saved + edit_timeout
            while word not in fetch():
                if time.perf_counter() > deadline:
                    raise RuntimeError(f"the edit never reached the served page ({edit_timeout:.0f} s)")
                time.sleep(0.02)
            times.append(time.perf_counter() - saved)
        time.sleep(0.5)
    finally:
        stop(proc)
        serve_log.close()
        doc.write_text(original, encoding="utf-8")
    serve_text = log_path.read_text(encoding="utf-8")
    built = [float(x) for x in re.findall(r"Documentation built in ([\d.]+) seconds", serve_text)]
    unchanged = re.findall(r"(\d+) of (\d+) pages unchanged since the last build", serve_text)
    return times, built[1:], unchanged[1:]  # the first build is the initial one


def run(edits: int) -> tuple[list[str], dict[str, Any]]:
    """`mkdocs serve` on a copy of the project, with and without the plugin's fast serve."""
    from conclusions.watching import QUIET_POLLING, QUIET_WHOLE, QUIET_WRITING, WATCH_INTERVAL

    log("live: mkdocs serve on a copy of the project, fast_serve on and off")
    tmp = Path(tempfile.mkdtemp(prefix="bench-live-"))
    ignore = shutil.ignore_patterns(".venv", "node_modules", "site", ".git", "out", "__pycache__", ".pytest_cache")
    for name in ("mkdocs.yml", "source", "overrides"):
        src = ROOT / name
        (shutil.copytree(src, tmp / name, ignore=ignore) if src.is_dir() else shutil.copy2(src, tmp / name))
    (tmp / "slow.mkdocs.yml").write_text(
        "INHERIT: mkdocs.yml\nplugins:\n  - conclusions:\n      fast_serve: false\n  - search\n", encoding="utf-8"
    )
    try:
        fast, fast_built, reused = _live_edits(tmp, "mkdocs.yml", edits)
        slow, slow_built, _ = _live_edits(tmp, "slow.mkdocs.yml", edits)
        phases = {}
        for side in ("1", "0"):
            env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
            out = subprocess.run(
                [sys.executable, str(HERE / "rebuild_phases.py"), str(tmp), side, str(edits)],
                cwd=tmp,
                env=env,
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            phases[side] = json.loads(out.strip().splitlines()[-1])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    median, before = statistics.median(fast), statistics.median(slow)

    def row(name: str, times: list[float], built: list[float]) -> str:
        return (
            f"| {name} | {', '.join(f'{t:.2f}' for t in times)} | **{statistics.median(times):.2f} s** | "
            f"{statistics.median(built) if built else float('nan'):.2f} s |"
        )

    lines = [
        "### Live editing under `mkdocs serve`",
        "",
        f"{edits} edits of paragraph 1 in a copy of the project, each side; time from saving "
        "source/document.md to `/paragraphs/1/` serving the new word (polled every 20 ms; MkDocs holds "
        "requests until a rebuild is complete). The same run, with the plugin's `fast_serve` on (default) "
        "and off (MkDocs' own behaviour: every page rendered again, 0.5 s polling).",
        "",
        "| | Save to served, per edit (s) | Median | MkDocs' rebuild, median |",
        "|---|---|---|---|",
        row("fast_serve (default)", fast, fast_built),
        row("fast_serve: false", slow, slow_built),
        "",
        f"Median: **{median:.2f} s** (target ≤ 1 s: {verdict(median <= 1)}); without fast_serve {before:.2f} s "
        f"({before / median:.1f}x). Beyond the rebuild: the watcher (under the plugin, file events then "
        f"{QUIET_WHOLE} s of quiet after a file is closed, {QUIET_WRITING} s while it is written; where events "
        f"are not delivered a look every {WATCH_INTERVAL} s then {QUIET_POLLING} s; MkDocs: a look every "
        "0.5 s then 0.1 s) and reloading the config.",
        "",
        "Pages reused from the last build, per rebuild: " + ", ".join(f"{a} of {b}" for a, b in reused) + ".",
        "",
        f"Where a rebuild's time goes (bench/rebuild_phases.py: {edits} rebuilds in one process after an edit of "
        "paragraph 1, as `mkdocs serve` does them, MkDocs' functions timed; medians in seconds):",
        "",
        "| Phase | fast_serve | fast_serve: false |",
        "|---|---|---|",
        *(
            f"| {name.strip()} | {phases['1'].get(name, 0.0):.3f} | {phases['0'].get(name, 0.0):.3f} |"
            for name in phases["0"]
        ),
        "",
    ]
    return lines, {"median": median, "without_fast_serve": before, "rebuild": fast_built, "phases": phases}

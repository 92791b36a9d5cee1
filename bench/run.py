"""Benchmarks of performance and scale: `make bench` (or `.venv/bin/python bench/run.py`).

The harness: each part is a module of bench/parts/ (shared helpers in bench/common.py).

Parts (run all by default, or name some with --only):
  build       the real site vs plain Material sites of the same pages and nav: the same
              Markdown, and the same text without links
  scale       synthetic documents of 44, 440 and 4,400 paragraphs (bench/synth.py)
  weight      first visit of a paragraph page in headless Chromium; search index vs its text
  lighthouse  Lighthouse 12.2.3 (bench/package.json) on five pages
  live        `mkdocs serve`: from saving source/document.md to the new page being served,
              with the plugin's fast_serve on and off
  profile     cProfile of one build: where the time goes
  collection  100 synthetic documents as a collection: plugin vs plain Material,
              peak memory, and a one-paragraph edit under `mkdocs serve`
  automatic   what the text's own reading (references, abbreviations, actors) costs, on the
              flagship and on collections of up to 100 imports without registries
  fidelity    the build's fidelity check on the flagship and on 100 documents
  growth      each kind of input (mentions, footnotes, links, terms, card titles, the
              importer) at three sizes: how the time grows
  languages   the flagship in 1, 2 and 4 languages: what each language version adds

Results are appended, as a dated section, to bench/RESULTS.md (--no-write: print only).
Scratch output goes to bench/out/ (ignored by git). Timings are medians of builds run
side by side (interleaved), so that other load on the machine hits both sides alike.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import re
import subprocess
import sys
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from common import CHROMIUM, HERE, OUT, RESULTS, ROOT, log

PARTS = (
    "build",
    "scale",
    "weight",
    "lighthouse",
    "live",
    "profile",
    "collection",
    "automatic",
    "fidelity",
    "growth",
    "languages",
)


def _run_part(part: str, args: argparse.Namespace, repeats: int) -> tuple[list[str], Any]:
    """Run the part `part` (its module in bench/parts/, imported only when it runs)."""
    module = importlib.import_module(f"parts.{part}")
    if part == "build":
        return module.run(repeats)  # type: ignore[no-any-return]
    if part == "scale":
        return module.run(repeats, args.quick, args.big_repeats)  # type: ignore[no-any-return]
    if part == "live":
        return module.run(3 if args.quick else 7)  # type: ignore[no-any-return]
    if part == "collection":
        return module.run(args.big_repeats, 3 if args.quick else 7, serve_only=args.serve_only)  # type: ignore[no-any-return]
    if part == "automatic":
        return module.run(repeats, args.big_repeats)  # type: ignore[no-any-return]
    if part == "growth":
        return module.run(args.kinds)  # type: ignore[no-any-return]
    if part == "languages":
        return module.run(repeats)  # type: ignore[no-any-return]
    return module.run()  # type: ignore[no-any-return]


def environment() -> list[str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "unknown"
    try:
        m = re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text())
        if m:
            ram = f"{int(m.group(1)) / 1024 / 1024:.1f} GB"
    except OSError:
        pass

    def version(dist: str) -> str:
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            return "not installed"

    def command(*cmd: str) -> str:
        try:
            return subprocess.run(cmd, capture_output=True, text=True, timeout=60).stdout.strip() or "unknown"
        except (OSError, subprocess.TimeoutExpired):
            return "not installed"

    lighthouse = HERE / "node_modules" / ".bin" / "lighthouse"
    return [
        f"- Machine: {cpu}, {os.cpu_count()} cores, {ram} RAM; {platform.platform()}",
        f"- Python {platform.python_version()}, mkdocs {version('mkdocs')}, "
        f"mkdocs-material {version('mkdocs-material')}, pymdown-extensions {version('pymdown-extensions')}, "
        f"Markdown {version('Markdown')}, playwright {version('playwright')}",
        f"- {command(CHROMIUM, '--version')}, lighthouse "
        f"{command(str(lighthouse), '--version') if lighthouse.exists() else 'not installed'}",
    ]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", default=",".join(PARTS), help=f"comma-separated parts ({', '.join(PARTS)})")
    ap.add_argument("--quick", action="store_true", help="fewer repeats, scale up to 440 paragraphs, no Lighthouse")
    ap.add_argument("--repeats", type=int, default=None, help="builds per side (default 7, quick 3)")
    ap.add_argument(
        "--big-repeats",
        type=int,
        default=1,
        help="builds per side at 4,400 paragraphs and for the collection (default 1)",
    )
    ap.add_argument("--no-write", action="store_true", help="print the results without appending to RESULTS.md")
    ap.add_argument(
        "--serve-only",
        action="store_true",
        help="collection: only the saves under `mkdocs serve`, no builds (the card cache a full run left is used)",
    )
    ap.add_argument("--kinds", default="", help="growth: comma-separated kinds of input (default: all)")
    args = ap.parse_args()
    parts = [p.strip() for p in args.only.split(",") if p.strip()]
    if unknown := set(parts) - set(PARTS):
        ap.error(f"unknown part(s): {', '.join(sorted(unknown))}")
    if args.quick and args.only == ",".join(PARTS):
        parts = [p for p in parts if p != "lighthouse"]
    repeats = args.repeats or (3 if args.quick else 7)
    OUT.mkdir(parents=True, exist_ok=True)

    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    section = [f"## {stamp}{' (quick)' if args.quick else ''}: {', '.join(parts)}", "", *environment(), ""]
    summary: dict[str, object] = {}
    for part in parts:
        lines, summary[part] = _run_part(part, args, repeats)
        section += lines
        print("\n".join(lines), flush=True)
    (OUT / "last.json").write_text(json.dumps(summary, indent=2, default=str), encoding="utf-8")
    if not args.no_write:
        head = (
            ""
            if RESULTS.exists()
            else (
                "# Benchmark results\n\nAppended by `make bench` (bench/run.py); newest last. "
                'Targets from issue 8 ("Performance and scale").\n\n'
            )
        )
        with RESULTS.open("a", encoding="utf-8") as f:
            f.write(head + "\n".join(section) + "\n")
        log(f"appended to {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""cProfile of one build of the real site: where the time goes."""

from __future__ import annotations

import os
import pstats
import subprocess
import sys
from collections.abc import Callable

from common import EPOCH, OUT, ROOT, log, real_config, run_build


def run() -> tuple[list[str], dict[str, float]]:
    """cProfile one build of the real site: where a (re)build's time goes."""
    log("profile: cProfile of one build of the real site")
    work = OUT / "build"
    work.mkdir(parents=True, exist_ok=True)
    cfg = real_config(ROOT / "source", work / "profiled")
    run_build(cfg)  # warm the card cache, as a serve rebuild would find it
    prof = work / "build.prof"
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    code = (
        "import cProfile, sys; from mkdocs.__main__ import cli; "
        f"sys.argv = ['mkdocs', 'build', '-q', '-f', {str(cfg)!r}]; "
        f"cProfile.run('try:\\n cli()\\nexcept SystemExit:\\n pass', {str(prof)!r})"
    )
    subprocess.run([sys.executable, "-c", code], env=env, cwd=cfg.parent / "cwd", check=True)
    stats = pstats.Stats(str(prof))
    entries = stats.stats  # type: ignore[attr-defined]
    total = max(ct for (_, _, _, ct, _) in entries.values())

    def cum(pred: Callable[[tuple[str, int, str]], bool]) -> float:
        return float(sum(v[3] for k, v in entries.items() if pred(k)))

    groups = [
        (
            "conclusions plugin: on_config (parse, index, generate Markdown)",
            lambda k: k[0].endswith("conclusions/plugin.py") and k[2] == "on_config",
        ),
        (
            "conclusions plugin: on_files (cards, JSON data)",
            lambda k: k[0].endswith("conclusions/plugin.py") and k[2] == "on_files",
        ),
        (
            "conclusions plugin: page hooks",
            lambda k: k[0].endswith("conclusions/plugin.py") and k[2].startswith(("on_page", "on_post_page")),
        ),
        ("Python-Markdown: Markdown to HTML", lambda k: k[0].endswith("markdown/core.py") and k[2] == "convert"),
        ("Jinja2: page templates", lambda k: k[0].endswith("jinja2/environment.py") and k[2] == "render"),
        ("Material search: index entries", lambda k: "material/plugins/search" in k[0] and k[2] == "on_page_context"),
    ]
    lines = [
        "### Profile of one build (cProfile)",
        "",
        f"Total under the profiler: {total:.2f} s (the profiler slows Python code about 2x).",
        "",
        "| Where | Cumulative | Share |",
        "|---|---|---|",
        *(f"| {name} | {cum(pred):.2f} s | {100 * cum(pred) / total:.0f}% |" for name, pred in groups),
        "",
        "Top functions by own time:",
        "",
        "| Function | Own time | Calls |",
        "|---|---|---|",
    ]
    top = sorted(entries.items(), key=lambda kv: kv[1][2], reverse=True)[:10]
    for (file, line, func), (_, ncalls, tottime, _, _) in top:
        where = file.split("site-packages/")[-1].replace(str(ROOT) + "/", "")
        lines.append(f"| `{where}:{line}({func})` | {tottime:.2f} s | {ncalls:,} |")
    lines.append("")
    return lines, {"total": total}

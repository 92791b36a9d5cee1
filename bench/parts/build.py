"""The real site vs plain Material sites of the same pages: the same Markdown, and the same
text without links."""

from __future__ import annotations

import os
import shutil

from common import (
    OUT,
    ROOT,
    dir_size,
    log,
    mark_fresh,
    mb,
    med,
    plain_config,
    real_config,
    run_build,
    side_by_side,
    verdict,
)


def _load() -> str:
    return ", ".join(f"{x:.1f}" for x in os.getloadavg())


def run(repeats: int) -> tuple[list[str], dict[str, float]]:
    log("build: real site vs plain Material (same Markdown; same text without links), side by side")
    work = OUT / "build"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    real = real_config(ROOT / "source", work / "real")
    plain, pages = plain_config(ROOT / "source", work / "plain")
    unlinked, _ = plain_config(ROOT / "source", work / "unlinked", links=False)
    run_build(real, cold=True)  # warms the card cache for the first timed build
    mark_fresh("real")
    load_before = _load()
    runs = side_by_side({"real": real, "cold": (real, True), "plain": plain, "unlinked": unlinked}, repeats)
    load_after = _load()
    cold_wall = med(runs["cold"], "wall")
    r_wall, p_wall, u_wall = (med(runs[k], "wall") for k in ("real", "plain", "unlinked"))
    r_in, p_in, u_in = (med(runs[k], "inner") for k in ("real", "plain", "unlinked"))
    r_cpu, u_cpu = med(runs["real"], "cpu"), med(runs["unlinked"], "cpu")
    ratio, ratio_unlinked = r_wall / p_wall, r_wall / u_wall
    lines = [
        "### Build: real site vs plain Material",
        "",
        f"{pages} pages. Plain = every generated page's Markdown written to a docs dir, built by "
        f"Material without the plugin (same mkdocs.yml, theme folder, nav and not-in-nav pages). "
        f"Plain, text without links = the same pages holding the same text without links "
        f"(bench/unlinked.py: links reduced to their text, their attribute lists, `<a>`, `<abbr>` "
        f"and the share buttons gone, footnote references a plain superscript number), built the same way. "
        f"Medians of {repeats} interleaved builds each (alternating who goes first). "
        f"Load average (1, 5, 15 min) before the timed builds: {load_before}; after: {load_after}.",
        "",
        '| | Wall (process) | MkDocs "built in" | Processor time | Peak RSS | Site |',
        "|---|---|---|---|---|---|",
        *(
            f"| {label} | {med(runs[k], 'wall'):.2f} s | {med(runs[k], 'inner'):.2f} s | "
            f"{med(runs[k], 'cpu'):.2f} s | {mb(max(r['rss'] for r in runs[k]))} | {mb(dir_size(work / k))} |"
            for k, label in (
                ("real", "Real (plugin)"),
                ("plain", "Plain Material, same Markdown"),
                ("unlinked", "Plain Material, text without links"),
            )
        ),
        "",
        f"Ratio to the plain build of the text without links (the issue's yardstick), wall: "
        f"**{ratio_unlinked:.2f}x** (target ≤ 1.5x: {verdict(ratio_unlinked <= 1.5)}); MkDocs' own time "
        f"{r_in / u_in:.2f}x; processor time (user and system, what other load disturbs least) "
        f"**{r_cpu / u_cpu:.2f}x** (≤ 1.5x: {verdict(r_cpu / u_cpu <= 1.5)}).",
        "",
        f"Ratio to the plain build of the same Markdown, wall: **{ratio:.2f}x** (target ≤ 1.5x: "
        f"{verdict(ratio <= 1.5)}); MkDocs' own time {r_in / p_in:.2f}x. Timed builds reuse the link-preview "
        f"card cache (as `make serve` and repeated builds do); builds from scratch (card cache emptied first, "
        f"every card drawn, as on a CI runner without its cache), interleaved with them: {cold_wall:.2f} s "
        f"(**{cold_wall / p_wall:.2f}x** the same Markdown, **{cold_wall / u_wall:.2f}x** the text without links).",
        "",
    ]
    return lines, {
        "ratio": ratio,
        "ratio_without_links": ratio_unlinked,
        "processor_ratio_without_links": r_cpu / u_cpu,
        "ratio_from_scratch": cold_wall / p_wall,
        "ratio_from_scratch_without_links": cold_wall / u_wall,
    }

"""The real site vs a plain Material site of the same Markdown, pages and nav."""

from __future__ import annotations

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


def run(repeats: int) -> tuple[list[str], dict[str, float]]:
    log("build: real site vs plain Material, side by side")
    work = OUT / "build"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    real = real_config(ROOT / "source", work / "real")
    plain, pages = plain_config(ROOT / "source", work / "plain")
    run_build(real, cold=True)  # warms the card cache for the first timed build
    mark_fresh("real")
    runs = side_by_side({"real": real, "cold": (real, True), "plain": plain}, repeats)
    cold_wall = med(runs["cold"], "wall")
    r_wall, p_wall = med(runs["real"], "wall"), med(runs["plain"], "wall")
    r_in, p_in = med(runs["real"], "inner"), med(runs["plain"], "inner")
    ratio = r_wall / p_wall
    lines = [
        "### Build: real site vs plain Material",
        "",
        f"{pages} pages; plain = every generated page's Markdown written to a docs dir, built by "
        f"Material without the plugin (same mkdocs.yml, nav and not-in-nav pages). "
        f"Medians of {repeats} interleaved builds each.",
        "",
        '| | Wall (process) | MkDocs "built in" | Peak RSS | Site |',
        "|---|---|---|---|---|",
        *(
            f"| {label} | {med(runs[k], 'wall'):.2f} s | {med(runs[k], 'inner'):.2f} s | "
            f"{mb(max(r['rss'] for r in runs[k]))} | {mb(dir_size(work / k))} |"
            for k, label in (("real", "Real (plugin)"), ("plain", "Plain Material"))
        ),
        "",
        f"Ratio (wall): **{ratio:.2f}x** (target ≤ 1.5x: {verdict(ratio <= 1.5)}); "
        f"ratio of MkDocs' own time: {r_in / p_in:.2f}x. Timed builds reuse the link-preview card cache "
        f"(as `make serve` and repeated builds do); builds from scratch (card cache emptied first, every "
        f"card drawn, as on a CI runner without its cache), interleaved with them: {cold_wall:.2f} s "
        f"(**{cold_wall / p_wall:.2f}x** plain).",
        "",
    ]
    return lines, {"ratio": ratio, "ratio_from_scratch": cold_wall / p_wall}

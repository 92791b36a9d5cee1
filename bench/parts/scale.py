"""Synthetic documents of 44, 440 and 4,400 paragraphs (bench/synth.py)."""

from __future__ import annotations

import math
import shutil
import statistics
from typing import Any

from common import OUT, dir_size, kb, log, mb, med, plain_config, real_config, side_by_side, verdict
from synth import make_source


def run(repeats: int, quick: bool, big_repeats: int = 1) -> tuple[list[str], dict[str, Any]]:
    sizes = (1, 10) if quick else (1, 10, 100)
    work = OUT / "scale"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    rows: list[str] = []
    points: list[tuple[int, float]] = []
    data: dict[int, dict[str, Any]] = {}
    for copies in sizes:
        src = work / f"src{copies}"
        n = make_source(src, copies)
        log(f"scale: {n} paragraphs")
        real = real_config(src, work / f"real{n}")
        plain, pages = plain_config(src, work / f"plain{n}")
        reps = {1: repeats, 10: min(repeats, 3)}.get(copies, big_repeats)
        # Cold first: the warm build of each round finds the cards a cold build drew.
        runs = side_by_side({"real": (real, True), "warm": real, "plain": plain}, reps)
        site = work / f"real{n}"
        para_sizes = [f.stat().st_size for f in (site / "paragraphs").glob("*/index.html")]
        largest = max(para_sizes)
        wall, pwall = med(runs["real"], "wall"), med(runs["plain"], "wall")
        warm = med(runs["warm"], "wall")
        data[n] = {
            "wall": wall,
            "plain": pwall,
            "largest": largest,
            "site": dir_size(site),
            "warm": warm,
            "rss": max(r["rss"] for r in runs["real"]),
            "inner": med(runs["real"], "inner"),
            "pages": pages,
            "reps": reps,
        }
        points.append((n, wall))
        rows.append(
            f"| {n:,} | {pages:,} | {wall:.2f} s | {data[n]['inner']:.2f} s | {warm:.2f} s | {pwall:.2f} s "
            f"| {wall / pwall:.2f}x | {warm / pwall:.2f}x | "
            f"{kb(largest)} | {mb(data[n]['site'])} | {mb(data[n]['rss'])} | {reps} |"
        )
        if copies == 100:
            for name in (f"real{n}", f"plain{n}", f"plain{n}.docs", "cwd"):  # keep bench/out small
                shutil.rmtree(work / name, ignore_errors=True)
    xs = [math.log(n) for n, _ in points]
    ys = [math.log(t) for _, t in points]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)
    # The same fit on MkDocs' own time (no interpreter start-up).
    yi = [math.log(data[n]["inner"]) for n, _ in points]
    mi = statistics.fmean(yi)
    slope_inner = sum((x - mx) * (y - mi) for x, y in zip(xs, yi, strict=True)) / sum((x - mx) ** 2 for x in xs)
    yw = [math.log(data[n]["warm"]) for n, _ in points]
    mw = statistics.fmean(yw)
    slope_warm = sum((x - mx) * (y - mw) for x, y in zip(xs, yw, strict=True)) / sum((x - mx) ** 2 for x in xs)
    lo, hi = min(data), max(data)
    mid = sorted(data)[-2]
    growth = data[hi]["largest"] / data[lo]["largest"]
    lines = [
        "### Scale: synthetic documents",
        "",
        "Synthetic sources from bench/synth.py: the real text's operative part repeated, paragraphs "
        "renumbered, sections renumbered, footnotes renumbered (one definition each), registries unchanged. "
        '"From scratch": empty card cache, so every paragraph\'s link-preview card is drawn (a CI runner '
        'without cache); "cards cached": the same build again (as any later build with the cache kept). '
        "Plain = the same pages' Markdown built by Material without the plugin, with the same nav and the "
        "same pages kept out of it.",
        "",
        '| Paragraphs | Pages | Build from scratch | its MkDocs "built in" | Build, cards cached | Plain Material '
        "| Ratio from scratch | Ratio cached | Largest paragraph page | Site | Peak RSS | Builds per side |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
        *rows,
        "",
        f"- Exponent of wall time vs paragraphs (log-log least squares): **{slope:.2f}** "
        f"(target ≤ 1.1: {verdict(slope <= 1.1)}); on MkDocs' own time: {slope_inner:.2f}; "
        f"with the cards cached: {slope_warm:.2f}. Between the two largest sizes: "
        f"{math.log(data[hi]['wall'] / data[mid]['wall']) / math.log(hi / mid):.2f} "
        "(the fixed start-up cost flattens the fit at the small end).",
        f"- Largest build vs plain Material: **{data[hi]['wall'] / data[hi]['plain']:.2f}x** from scratch "
        f"(target ≤ 2x at 4,400: {verdict(data[hi]['wall'] / data[hi]['plain'] <= 2)}); "
        f"with the cards cached **{data[hi]['warm'] / data[hi]['plain']:.2f}x** "
        f"({verdict(data[hi]['warm'] / data[hi]['plain'] <= 2)}).",
        f"- Largest paragraph page at {hi:,} vs at {lo:,}: **{growth:.2f}x** "
        f"(target ≤ 1.2x: {verdict(growth <= 1.2)}).",
        f"- Whole site at {hi:,}: **{mb(data[hi]['site'])}** "
        f"(target: far below 1 GB, here under 256 MB: {verdict(data[hi]['site'] < 2**30 / 4)}).",
        "",
    ]
    return lines, {"slope": slope, "data": data}

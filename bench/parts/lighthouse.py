"""Lighthouse 12.2.3 (bench/package.json) on five pages, served gzip-compressed as GitHub Pages does,
and on the same pages of plain Material."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
from pathlib import Path
from typing import Any

from common import CHROME_FLAGS, CHROMIUM, HERE, OUT, ROOT, ensure_site, log, plain_config, run_build
from gzipserver import serve_gzip

LH_PAGES = ("", "text/", "paragraphs/1/", "actors/{actor}/", "glossary/")
METRICS = (
    "first-contentful-paint",
    "largest-contentful-paint",
    "total-blocking-time",
    "cumulative-layout-shift",
    "speed-index",
)
CATS = ("performance", "accessibility", "best-practices", "seo")
RUNS = 5
"""Runs per page and site; the median run is reported. Lighthouse's simulated first paint on a
page takes one of two values about half a second apart, by whether the unthrottled load happened to run
Material's bundle before its first paint (then counted as blocking it) or after: with three runs
the median of one side could be either, so the difference to plain Material swung by 0.2 s."""


def _median_run(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The run nearest the median FCP and LCP, as Lighthouse's own `computeMedianRun` picks."""

    def value(run: dict[str, Any], audit: str) -> float:
        return float(run["audits"][audit]["numericValue"])

    fcp = statistics.median(value(r, "first-contentful-paint") for r in runs)
    lcp = statistics.median(value(r, "largest-contentful-paint") for r in runs)
    return min(
        runs,
        key=lambda r: (
            ((value(r, "first-contentful-paint") - fcp) / fcp) ** 2
            + ((value(r, "largest-contentful-paint") - lcp) / lcp) ** 2
        ),
    )


def _lighthouse(binary: Path, url: str, report: Path) -> dict[str, Any]:
    subprocess.run(
        [
            str(binary),
            url,
            "--output=json",
            f"--output-path={report}",
            "--quiet",
            f"--chrome-flags={' '.join(CHROME_FLAGS)}",
            "--only-categories=" + ",".join(CATS),
        ],
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        check=True,
        cwd=HERE,
        capture_output=True,
    )
    data: dict[str, Any] = json.loads(report.read_text(encoding="utf-8"))
    return data


def _seconds(data: dict[str, Any], audit: str) -> float:
    return float(data["audits"][audit]["numericValue"]) / 1000


def run() -> tuple[list[str], dict[str, Any]]:
    site = ensure_site()
    binary = HERE / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        log("lighthouse: installing bench/package.json (npm ci)")
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--silent"], cwd=HERE, check=True)
    log("lighthouse: building plain Material (the same pages, Material alone)")
    material_cfg, _ = plain_config(ROOT / "source", OUT / "build" / "material", material_only=True)
    run_build(material_cfg)
    material = OUT / "build" / "material"
    actors = sorted(p.parent.name for p in (site / "actors").glob("*/index.html"))
    from conclusions.core.edition import build_edition

    first_actor = build_edition(ROOT / "source").registries.actors[0].id
    assert first_actor in actors
    paths = [path.format(actor=first_actor) for path in LH_PAGES]
    out = OUT / "lighthouse"
    out.mkdir(parents=True, exist_ok=True)
    runs: dict[tuple[str, str], list[dict[str, Any]]] = {}
    with serve_gzip(site) as base, serve_gzip(material) as material_base:
        # Pages and sites interleaved, each side first in every other run, so load on the machine
        # hits both sides alike.
        for i in range(RUNS):
            for path in paths:
                sides = (("site", base), ("material", material_base))
                for side, root in sides if i % 2 == 0 else sides[::-1]:
                    log(f"lighthouse: {side} /{path} (run {i + 1} of {RUNS})")
                    name = (path.strip("/").replace("/", "_") or "home") + ("" if side == "site" else ".material")
                    report = out / f"{name}.{i + 1}.json"
                    runs.setdefault((side, path), []).append(_lighthouse(binary, root + path, report))
    chosen = {key: _median_run(found) for key, found in runs.items()}
    rows: list[str] = []
    metric_rows: list[str] = []
    versus_rows: list[str] = []
    scores: dict[str, dict[str, int]] = {}
    gaps: dict[str, float] = {}
    for path in paths:
        data, plain = chosen[("site", path)], chosen[("material", path)]
        got = {c: round(data["categories"][c]["score"] * 100) for c in CATS}
        failed = [
            a
            for c in CATS
            for ref in data["categories"][c]["auditRefs"]
            if ref["weight"] > 0 and (a := data["audits"][ref["id"]])["score"] is not None and a["score"] < 0.9
        ]
        scores[f"/{path}"] = got
        notes = ", ".join(sorted({a["id"] for a in failed})) or "-"
        rows.append(f"| `/{path}` | {' | '.join(str(got[c]) for c in CATS)} | {notes} |")
        metric_rows.append(
            f"| `/{path}` | " + " | ".join(data["audits"][m].get("displayValue", "?") for m in METRICS) + " |"
        )
        fcps = {
            side: [_seconds(r, "first-contentful-paint") for r in runs[(side, path)]] for side in ("site", "material")
        }
        gap = statistics.median(fcps["site"]) - statistics.median(fcps["material"])
        gaps[f"/{path}"] = gap
        every = " / ".join(", ".join(f"{x:.2f}" for x in fcps[side]) for side in ("site", "material"))
        versus_rows.append(
            f"| `/{path}` | {statistics.median(fcps['site']):.2f} s | "
            f"{statistics.median(fcps['material']):.2f} s | {gap:+.2f} s | {every} | "
            f"{_seconds(data, 'largest-contentful-paint'):.2f} s | {_seconds(plain, 'largest-contentful-paint'):.2f} s | "
            f"{got['performance']} | {round(plain['categories']['performance']['score'] * 100)} |"
        )
    low = [(p, c, s) for p, g in scores.items() for c, s in g.items() if s < 100]
    far = {p: g for p, g in gaps.items() if g > 0.2}
    lines = [
        "### Lighthouse 12.2.3 (mobile profile)",
        "",
        "Served gzip-compressed as GitHub Pages does (bench/gzipserver.py); simulated throttling, "
        f"so a busy machine lowers performance a little. Median of {RUNS} runs per page (the run "
        "nearest the median FCP and LCP).",
        "",
        "| Page | Performance | Accessibility | Best practices | SEO | Weighted audits below 0.9 |",
        "|---|---|---|---|---|---|",
        *rows,
        "",
        "Metrics (simulated Moto G Power on slow 4G):",
        "",
        "| Page | FCP | LCP | TBT | CLS | Speed index |",
        "|---|---|---|---|---|---|",
        *metric_rows,
        "",
        "Against plain Material on the same page (the same Markdown built by Material alone: none of "
        "the plugin's templates, CSS or JS, no palette; runs interleaved with the site's). First paint: "
        f"the median of all {RUNS} runs of each side; LCP and performance: the median run's:",
        "",
        "| Page | FCP (median) | Plain FCP (median) | Difference | Every run's FCP, site / plain (s) | LCP | Plain LCP | Performance | Plain performance |",
        "|---|---|---|---|---|---|---|---|---|",
        *versus_rows,
        "",
        ("Every score 100." if not low else "Below 100: " + "; ".join(f"`{p}` {c} {s}" for p, c, s in low) + ".")
        + " First paint within 0.2 s of plain Material: "
        + ("met on every page." if not far else "**missed** on " + ", ".join(f"`{p}`" for p in far) + "."),
        "",
    ]
    return lines, {"scores": scores, "low": low, "fcp_minus_plain": gaps}

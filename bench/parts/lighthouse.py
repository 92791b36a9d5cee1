"""Lighthouse 12.2.3 (bench/package.json) on five pages, served gzip-compressed as GitHub Pages does."""

from __future__ import annotations

import json
import os
import subprocess
from typing import Any

from common import CHROME_FLAGS, CHROMIUM, HERE, OUT, ROOT, ensure_site, log
from gzipserver import serve_gzip

LH_PAGES = ("", "text/", "paragraphs/1/", "actors/{actor}/", "glossary/")
METRICS = (
    "first-contentful-paint",
    "largest-contentful-paint",
    "total-blocking-time",
    "cumulative-layout-shift",
    "speed-index",
)


def run() -> tuple[list[str], dict[str, Any]]:
    site = ensure_site()
    binary = HERE / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        log("lighthouse: installing bench/package.json (npm ci)")
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--silent"], cwd=HERE, check=True)
    actors = sorted(p.parent.name for p in (site / "actors").glob("*/index.html"))
    from conclusions.core.index import build_edition

    first_actor = build_edition(ROOT / "source").registries.actors[0].id
    assert first_actor in actors
    rows: list[str] = []
    scores: dict[str, dict[str, int]] = {}
    metric_rows: list[str] = []
    out = OUT / "lighthouse"
    out.mkdir(parents=True, exist_ok=True)
    cats = ("performance", "accessibility", "best-practices", "seo")
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    with serve_gzip(site) as base:
        for path in LH_PAGES:
            path = path.format(actor=first_actor)
            log(f"lighthouse: /{path}")
            report = out / ((path.strip("/").replace("/", "_") or "home") + ".json")
            subprocess.run(
                [
                    str(binary),
                    base + path,
                    "--output=json",
                    f"--output-path={report}",
                    "--quiet",
                    f"--chrome-flags={' '.join(CHROME_FLAGS)}",
                    "--only-categories=" + ",".join(cats),
                ],
                env=env,
                check=True,
                cwd=HERE,
                capture_output=True,
            )
            data = json.loads(report.read_text(encoding="utf-8"))
            got = {c: round(data["categories"][c]["score"] * 100) for c in cats}
            failed = [
                a
                for c in cats
                for ref in data["categories"][c]["auditRefs"]
                if ref["weight"] > 0 and (a := data["audits"][ref["id"]])["score"] is not None and a["score"] < 0.9
            ]
            scores[path or "/"] = got
            notes = ", ".join(sorted({a["id"] for a in failed})) or "-"
            rows.append(f"| `/{path}` | {' | '.join(str(got[c]) for c in cats)} | {notes} |")
            metric_rows.append(
                f"| `/{path}` | " + " | ".join(data["audits"][m].get("displayValue", "?") for m in METRICS) + " |"
            )
    low = [(p, c, s) for p, g in scores.items() for c, s in g.items() if s < 95]
    lines = [
        "### Lighthouse 12.2.3 (mobile profile)",
        "",
        "Served gzip-compressed as GitHub Pages does (bench/gzipserver.py); simulated throttling, "
        "so a busy machine lowers performance a little.",
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
        (
            "All scores ≥ 95."
            if not low
            else "Below 95: " + "; ".join(f"`/{p}` {c} {s}" for p, c, s in low) + " (see the reasons below)."
        ),
        "",
    ]
    return lines, {"scores": scores, "low": low}

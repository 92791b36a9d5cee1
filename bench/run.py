"""Benchmarks for issue 8, "Performance and scale": `make bench` (or `.venv/bin/python bench/run.py`).

Parts (run all by default, or name some with --only):
  build       the real site vs a plain Material site of the same Markdown, pages and nav
  scale       synthetic documents of 44, 440 and 4,400 paragraphs (bench/synth.py)
  weight      first visit of a paragraph page in headless Chromium; search index vs its text
  lighthouse  Lighthouse 12.2.3 (bench/package.json) on five pages
  live        `mkdocs serve`: from saving source/document.md to the new page being served,
              with the plugin's fast_serve on and off
  profile     cProfile of one build: where the time goes

Results are appended, as a dated section, to bench/RESULTS.md (--no-write: print only).
Scratch output goes to bench/out/ (ignored by git). Timings are medians of builds run
side by side (interleaved), so that other load on the machine hits both sides alike.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

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
sys.path[:0] = [str(ROOT / "plugins"), str(ROOT), str(HERE)]

from synth import make_source  # noqa: E402

from site_tests.support.process import stop  # noqa: E402

PARTS = ("build", "scale", "weight", "lighthouse", "live", "profile")


# --------------------------------------------------------------------------- helpers


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


def plain_config(source: Path, site: Path) -> tuple[Path, int]:
    """Write every generated page's Markdown to a docs dir; a config without the plugin.

    Same mkdocs.yml otherwise (theme, overrides, CSS/JS, Markdown extensions, search), the
    same nav, and the same pages kept out of it (`not_in_nav`). Returns (config, pages).
    """
    from conclusions.core.index import build_edition
    from conclusions.core.pages import all_pages
    from conclusions.plugin import ASSETS_CSS, ASSETS_JS, THEME_DIR, ConclusionsPlugin

    edition = build_edition(source)
    pages = list(all_pages(edition))
    docs = site.parent / f"{site.name}.docs"
    shutil.rmtree(docs, ignore_errors=True)
    for page in pages:
        target = docs / page.src
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.markdown, encoding="utf-8")
    # The plugin brings its templates, CSS and JS (its theme/ folder) only when it runs: without
    # it, the same folder is the custom_dir and the same assets are listed, so pages look alike.
    plugin = ConclusionsPlugin()
    plugin.load_config({})
    plugin.pages = pages
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
    cfg.write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\n"
        f"docs_dir: {docs}\nsite_dir: {site}\nsite_url: http://127.0.0.1:8000/\n"
        f"theme:\n  name: material\n  custom_dir: {THEME_DIR}\n"
        f"extra_css: {json.dumps(list(ASSETS_CSS))}\nextra_javascript: {json.dumps(list(ASSETS_JS))}\n"
        "strict: false\nplugins:\n  - search\n"
        f"nav: {json.dumps(nav, ensure_ascii=False)}\n"
        "not_in_nav: |\n" + "".join(f"  {p}\n" for p in patterns),
        encoding="utf-8",
    )
    return cfg, len(pages)


def run_build(cfg: Path, cold: bool = False) -> dict:
    """One `mkdocs build` in a child process: wall time, MkDocs' own time, peak RSS.

    It runs in a scratch folder next to the config, so the plugin's link-preview card cache
    (`.cache/cards`, relative to the working directory) is the bench's own, never the
    project's; `cold` empties it first (a build from scratch, as on a CI runner without cache).
    """
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}
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
    output = proc.stdout.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"mkdocs build -f {cfg} failed:\n{output[-3000:]}")
    m = re.search(r"Documentation built in ([\d.]+) seconds", output)
    return {"wall": wall, "inner": float(m.group(1)) if m else float("nan"), "rss": usage.ru_maxrss * 1024}


def side_by_side(configs: dict[str, Path | tuple[Path, bool]], repeats: int) -> dict[str, list[dict]]:
    """Build each config `repeats` times, interleaved (A B A B ... alternating who goes first).

    A config given as (path, True) is built cold (empty card cache).
    """
    runs: dict[str, list[dict]] = {k: [] for k in configs}
    names = list(configs)
    for i in range(repeats):
        order = names if i % 2 == 0 else names[::-1]
        for name in order:
            cfg, cold = configs[name] if isinstance(configs[name], tuple) else (configs[name], False)
            runs[name].append(run_build(cfg, cold=cold))
    return runs


def med(runs: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --------------------------------------------------------------------------- parts


def part_build(repeats: int) -> tuple[list[str], dict]:
    log("build: real site vs plain Material, side by side")
    work = OUT / "build"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    real = real_config(ROOT / "source", work / "real")
    plain, pages = plain_config(ROOT / "source", work / "plain")
    run_build(real, cold=True)  # warms the card cache for the first timed build
    _FRESH.add("real")
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


def part_scale(repeats: int, quick: bool, big_repeats: int = 1) -> tuple[list[str], dict]:
    import math

    sizes = (1, 10) if quick else (1, 10, 100)
    work = OUT / "scale"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    rows, points, data = [], [], {}
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


_FRESH: set[str] = set()


def ensure_site() -> Path:
    """The real site, built once per run (by the build part, or here)."""
    site = OUT / "build" / "real"
    if "real" not in _FRESH or not (site / "index.html").exists():
        _FRESH.add("real")
        (OUT / "build").mkdir(parents=True, exist_ok=True)
        run_build(real_config(ROOT / "source", site))
    return site


def _visible_text(html: str) -> str:
    m = re.search(r"<article[^>]*>(.*)</article>", html, re.S)
    body = m.group(1) if m else html
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    body = re.sub(r"<[^>]+>", " ", body)
    import html as htmlmod

    return re.sub(r"\s+", " ", htmlmod.unescape(body)).strip()


def part_weight() -> tuple[list[str], dict]:
    from playwright.sync_api import sync_playwright

    from site_tests.support.server import serve

    site = ensure_site()
    log("weight: paragraph page first visit in Chromium")
    responses: list[tuple[str, int, int, str]] = []
    with serve(site) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROME_FLAGS, headless=True)
        context = browser.new_context()
        page = context.new_page()

        def on_response(resp):
            try:
                body = resp.body()
            except Exception:  # redirects and aborted requests have no body
                body = b""
            responses.append(
                (resp.url.replace(base, "/"), len(body), len(gzip.compress(body, 9)), resp.request.resource_type)
            )

        page.on("response", on_response)
        page.goto(base + "paragraphs/1/", wait_until="networkidle")
        page.wait_for_timeout(1500)  # late requests (search worker, index)
        browser.close()
    total_raw = sum(r[1] for r in responses)
    total_gz = sum(r[2] for r in responses)
    # Search index vs the plain text of the pages it indexes.
    index_path = site / "search" / "search_index.json"
    index = json.loads(index_path.read_text(encoding="utf-8"))
    locations = {d["location"].split("#")[0] for d in index["docs"]}
    text_bytes = 0
    for loc in locations:
        html_file = site / loc / "index.html" if not loc.endswith(".html") else site / loc
        if html_file.exists():
            text_bytes += len(_visible_text(html_file.read_text(encoding="utf-8")).encode("utf-8"))
    idx_bytes = index_path.stat().st_size
    ratio = idx_bytes / text_bytes if text_bytes else float("nan")
    rows = [f"| `{u}` | {t} | {kb(raw)} | {kb(gz)} |" for u, raw, gz, t in responses]
    lines = [
        "### Weight: first visit of a paragraph page",
        "",
        "`paragraphs/1/` opened in headless Chromium (empty cache), every response recorded and its body "
        "gzip-compressed (level 9) to size it.",
        "",
        "| Resource | Type | Raw | Gzip |",
        "|---|---|---|---|",
        *rows,
        f"| **Total: {len(responses)} requests** | | {kb(total_raw)} | **{kb(total_gz)}** |",
        "",
        f"First visit: **{kb(total_gz)} gzip, {len(responses)} requests** "
        f"(target ≤ 80 KB: {verdict(total_gz <= 80 * 1024)}).",
        "",
        f"Search index: {kb(idx_bytes)} for {kb(text_bytes)} of plain text in the {len(locations)} pages it indexes "
        f"(text of each page's `<article>`): **{ratio:.2f}x** (target ≤ 2x: {verdict(ratio <= 2)}).",
        "",
    ]
    return lines, {"first_visit": total_gz, "requests": len(responses), "index_ratio": ratio}


LH_PAGES = ("", "text/", "paragraphs/1/", "actors/{actor}/", "glossary/")
METRICS = (
    "first-contentful-paint",
    "largest-contentful-paint",
    "total-blocking-time",
    "cumulative-layout-shift",
    "speed-index",
)


def part_lighthouse() -> tuple[list[str], dict]:
    from gzipserver import serve_gzip as serve

    site = ensure_site()
    binary = HERE / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        log("lighthouse: installing bench/package.json (npm ci)")
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--silent"], cwd=HERE, check=True)
    actors = sorted(p.parent.name for p in (site / "actors").glob("*/index.html"))
    from conclusions.core.index import build_edition

    first_actor = build_edition(ROOT / "source").registries.actors[0].id
    assert first_actor in actors
    rows, scores, metric_rows = [], {}, []
    out = OUT / "lighthouse"
    out.mkdir(parents=True, exist_ok=True)
    cats = ("performance", "accessibility", "best-practices", "seo")
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    with serve(site) as base:
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


def _live_edits(tmp: Path, config: str, edits: int) -> tuple[list[float], list[float], list[tuple[str, str]]]:
    """Serve `config` in the project copy `tmp`, save `edits` changes to paragraph 1, time each."""
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
    url = f"http://127.0.0.1:{port}/paragraphs/1/"

    def fetch() -> str:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                return r.read().decode("utf-8", "replace")
        except OSError:
            return ""

    times: list[float] = []
    doc = tmp / "source" / "document.md"
    original = doc.read_text(encoding="utf-8")
    try:
        deadline = time.monotonic() + 60
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
            deadline = saved + 30
            while word not in fetch():
                if time.perf_counter() > deadline:
                    raise RuntimeError("the edit never reached the served page (30 s)")
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


def part_live(edits: int) -> tuple[list[str], dict]:
    """`mkdocs serve` on a copy of the project, with and without the plugin's fast serve."""
    import tempfile

    from conclusions.rebuild import QUIET, WATCH_INTERVAL

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
        f"({before / median:.1f}x). Beyond the rebuild: the watcher (a look every {WATCH_INTERVAL} s under the "
        f"plugin, then {QUIET} s of quiet; MkDocs: 0.5 s and 0.1 s) and reloading the config.",
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


def part_profile() -> tuple[list[str], dict]:
    """cProfile one build of the real site: where a (re)build's time goes."""
    import pstats

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

    def cum(pred) -> float:
        return sum(v[3] for k, v in entries.items() if pred(k))

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


# --------------------------------------------------------------------------- environment


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
        ram = f"{int(m.group(1)) / 1024 / 1024:.1f} GB"
    except (OSError, AttributeError):
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
    ap.add_argument("--big-repeats", type=int, default=1, help="builds per side at 4,400 paragraphs (default 1)")
    ap.add_argument("--no-write", action="store_true", help="print the results without appending to RESULTS.md")
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
    summary: dict = {}
    for part in parts:
        if part == "build":
            lines, summary[part] = part_build(repeats)
        elif part == "scale":
            lines, summary[part] = part_scale(repeats, args.quick, args.big_repeats)
        elif part == "weight":
            lines, summary[part] = part_weight()
        elif part == "lighthouse":
            lines, summary[part] = part_lighthouse()
        elif part == "live":
            lines, summary[part] = part_live(3 if args.quick else 7)
        else:
            lines, summary[part] = part_profile()
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

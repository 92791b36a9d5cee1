"""A collection of 100 synthetic documents ("Scale"): build vs plain Material, memory, live edit.

`make_collection(dest, count)` writes a collection source: the registries of `source/` at its
top, and `count` copies of the flagship (`source/document.md`, 44 paragraphs), each in its own
folder `documents/<prefix>/` (prefix = `document_prefix(document_id, year)`). Document i is
'ST {20000+i}/24', dated 2024-01-02 + 3i days, titled "... (synthetic i)"; every document after
the first recalls two earlier ones: document i-1 by date and title in a new first recital, and
document i//2 by number and paragraph ("paragraph 3 of ST 20000/24") at the end of paragraph 5,
so reference resolution runs at scale (and links both ways).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from common import OUT, ROOT, dir_size, log, mb, med, plain_config, real_config, side_by_side, verdict

SOURCE = ROOT / "source"
REGISTRIES = ("instruments.yml", "glossary.yml", "actors.yml", "verbs.yml")
BASE = 20000
FIRST_DAY = date(2024, 1, 2)
MONTHS: tuple[str, ...] = ("January", "February", "March", "April", "May", "June", "July", "August")
MONTHS += ("September", "October", "November", "December")
TITLE = "EU Space Strategy for Security and Defence"


def _day(i: int) -> date:
    return FIRST_DAY + timedelta(days=3 * i)


def _words(d: date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def synth_document(text: str, i: int) -> str:
    """The flagship's text as document i of the collection (see the module's docstring)."""
    d = _day(i)
    end = text.index("\n---\n", 4) + len("\n---\n")
    front, body = text[:end], text[end:]
    title = f"{TITLE} (synthetic {i})"
    fields = {
        "place_date": f"Brussels, {_words(d)}",
        "number": f"{BASE + i}/24",
        "document_id": f"ST {BASE + i}/24",
        "date": d.isoformat(),
        "subject": f"Council Conclusions on the {title}",
        "cover_note": f"Delegations will find attached the Council Conclusions on the {title}, "
        f"as approved by the Council at its meeting held on {_words(d)}.",
        "title": f"Council Conclusions on the {title}",
        "short_title": title,
        "citation_title": f"Council conclusions on the {title}",
    }
    for key, value in fields.items():
        line = f"{key}: {value}"
        front, n = re.subn(rf"^{key}:.*$", lambda _m: line, front, count=1, flags=re.M)  # noqa: B023
        assert n == 1, key
    if i > 0:
        before = _day(i - 1)
        recital = f"- Council conclusions of {_words(before)} on the {TITLE} (synthetic {i - 1}),\n"
        assert body.count("RECALLING:\n\n") == 1
        body = body.replace("RECALLING:\n\n", "RECALLING:\n\n" + recital, 1)
        p5 = re.compile(r"^(5\. RECALLS .*?cyber;)$", re.M)
        body, n = p5.subn(rf"\1 RECALLS paragraph 3 of ST {BASE + i // 2}/24;", body, count=1)
        assert n == 1
    return front + body


def make_collection(dest: Path, count: int, source: Path = SOURCE) -> tuple[int, int]:
    """Write a collection source of `count` documents; returns (documents, paragraphs)."""
    from conclusions.core.urls import document_prefix

    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    for name in REGISTRIES:
        shutil.copy2(source / name, dest / name)
    (dest / "collection.yml").write_text("title: Council conclusions (synthetic collection)\n", encoding="utf-8")
    text = (source / "document.md").read_text(encoding="utf-8")
    paragraphs = 0
    for i in range(count):
        doc = synth_document(text, i)
        folder = dest / "documents" / document_prefix(f"ST {BASE + i}/24", str(_day(i).year))
        folder.mkdir(parents=True)
        (folder / "document.md").write_text(doc, encoding="utf-8")
        paragraphs += sum(1 for line in doc.splitlines() if re.match(r"^\d+\.\s", line))
    return count, paragraphs


def _live(src: Path, cards: Path, edits: int, middle: int) -> tuple[list[float], list[float], list[tuple[str, str]]]:
    """`mkdocs serve` on a project copy holding the collection `src`; `edits` edits of one paragraph."""
    from parts.live import _live_edits

    tmp = Path(tempfile.mkdtemp(prefix="bench-collection-live-"))
    try:
        shutil.copy2(ROOT / "mkdocs.yml", tmp / "mkdocs.yml")
        shutil.copytree(ROOT / "overrides", tmp / "overrides")
        shutil.copytree(src, tmp / "source")
        if cards.is_dir():  # the card cache of the builds: serve starts as `make serve` does
            shutil.copytree(cards, tmp / ".cache")
        from conclusions.core.urls import document_prefix

        prefix = document_prefix(f"ST {BASE + middle}/24", "2024")
        return _live_edits(
            tmp,
            "mkdocs.yml",
            edits,
            doc=Path("source/documents") / prefix / "document.md",
            page=f"{prefix}/paragraphs/1/",
            start_timeout=1800,
            edit_timeout=600,
        )
    finally:
        for serve_log in tmp.glob("serve-*.log"):  # kept, to read a failed start or a rebuild's report
            shutil.copy2(serve_log, OUT / "collection" / serve_log.name)
        shutil.rmtree(tmp, ignore_errors=True)


def saves_only(edits: int, count: int) -> tuple[list[str], dict[str, Any]]:
    """The saves under `mkdocs serve` alone (`--serve-only`): no builds, the card cache a full
    run left in bench/out/collection/cwd/ used when there is one (else serve draws every card)."""
    work = OUT / "collection"
    src = work / "src"
    documents, _ = make_collection(src, count)
    load = os.getloadavg()[0]
    times, built, reused = _live(src, work / "cwd" / ".cache", edits, count // 2)
    live = statistics.median(times)
    lines = [
        f"### Collection: {documents} documents, saves under `mkdocs serve` only",
        "",
        f"{edits} edits of paragraph 1 of ST {BASE + count // 2}/24 (load {load:.1f} at the start): "
        f"{', '.join(f'{t:.2f}' for t in times)} s; median **{live:.2f} s**; MkDocs' rebuild, median "
        f"{statistics.median(built) if built else float('nan'):.2f} s; pages reused per rebuild: "
        f"{', '.join(f'{a} of {b}' for a, b in reused) or 'not reported'}.",
        "",
    ]
    return lines, {"live": times, "rebuild": built, "load": load}


def run(
    repeats: int = 1, edits: int = 3, count: int = 100, *, serve_only: bool = False
) -> tuple[list[str], dict[str, Any]]:
    if serve_only:
        return saves_only(edits, count)
    work = OUT / "collection"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    src = work / "src"
    documents, paragraphs = make_collection(src, count)
    log(f"collection: {documents} documents, {paragraphs:,} paragraphs")
    real = real_config(src, work / "real")
    plain, pages = plain_config(src, work / "plain")
    # Cold first: the warm build of each round finds the cards the cold build drew.
    runs = side_by_side({"real": (real, True), "warm": real, "plain": plain}, repeats)
    site, plain_site = dir_size(work / "real"), dir_size(work / "plain")
    built_pages = sum(1 for _ in (work / "real").rglob("index.html"))
    plain_pages = sum(1 for _ in (work / "plain").rglob("index.html"))
    data: dict[str, Any] = {
        name: {
            "wall": med(r, "wall"),
            "inner": med(r, "inner"),
            "rss": max(b["rss"] for b in r),
            "walls": [b["wall"] for b in r],
        }
        for name, r in runs.items()
    }
    (work / "builds.json").write_text(json.dumps(data, indent=2), encoding="utf-8")  # kept if serve fails
    log(f"collection: builds {json.dumps({k: round(v['wall'], 1) for k, v in data.items()})}; mkdocs serve, edits")
    try:
        times, built, reused = _live(src, work / "cwd" / ".cache", edits, count // 2)
    except RuntimeError as error:  # the builds' results stand; the serve log is in bench/out/collection/
        log(f"collection: mkdocs serve: {error}")
        times, built, reused = [], [], []
    for name in ("real", "plain", "plain.docs"):  # keep bench/out small (the source stays, for profiling)
        shutil.rmtree(work / name, ignore_errors=True)
    cold, warm, base = data["real"], data["warm"], data["plain"]
    ratio_cold, ratio_warm = cold["wall"] / base["wall"], warm["wall"] / base["wall"]
    rss = max(cold["rss"], warm["rss"])
    live = statistics.median(times) if times else float("nan")

    def row(name: str, d: dict[str, Any], size: int, n: int) -> str:
        return (
            f"| {name} | {d['wall']:.2f} s | {d['inner']:.2f} s | {mb(d['rss'])} | {mb(size)} | {n:,} | "
            f"{d['wall'] / base['wall']:.2f}x |"
        )

    lines = [
        f"### Collection: {documents} documents",
        "",
        f"bench/parts/collection.py: {documents} copies of the flagship as a collection "
        f"(`source/documents/st-200NN-2024/`, {paragraphs:,} paragraphs, the site's registries), each with "
        "its own id, number, date in 2024 and title; every document after the first recalls two earlier "
        "ones (by date and title in a recital, by number and paragraph in paragraph 5), so "
        f"{2 * (documents - 1)} references between documents are resolved, besides the flagship's own "
        "references outside. Plugin from scratch: empty card cache; cards cached: the same build again. "
        f"Plain = the same {pages:,} pages' Markdown built by Material without the plugin (same nav, same "
        f"pages out of it). Interleaved in one run, {repeats} build(s) per side.",
        "",
        '| Build | Wall (process) | MkDocs "built in" | Peak RSS | Site | Pages (index.html) | vs plain |',
        "|---|---|---|---|---|---|---|",
        row("Plugin, from scratch", cold, site, built_pages),
        row("Plugin, cards cached", warm, site, built_pages),
        row("Plain Material", base, plain_site, plain_pages),
        "",
        f"- Plugin vs plain Material: **{ratio_cold:.2f}x** from scratch, **{ratio_warm:.2f}x** with the "
        f"cards cached (target ≤ 1.5x: from scratch {verdict(ratio_cold <= 1.5)}, "
        f"cached {verdict(ratio_warm <= 1.5)}).",
        f"- Peak RSS: **{mb(rss)}** (target < 1 GB: {verdict(rss < 2**30)}); plain Material {mb(base['rss'])}.",
        f"- `mkdocs serve` on the collection (card cache kept), {len(times)} edits of paragraph 1 of "
        f"ST {BASE + count // 2}/24, save to `/st-{BASE + count // 2}-2024/paragraphs/1/` serving the new word: "
        f"{', '.join(f'{t:.2f}' for t in times) or 'none (serve failed: see its log in bench/out/collection/)'} s; "
        f"median **{live:.2f} s** (target < 1 s: {verdict(live < 1)}); "
        f"MkDocs' rebuild, median {statistics.median(built) if built else float('nan'):.2f} s; pages reused per "
        f"rebuild: {', '.join(f'{a} of {b}' for a, b in reused) or 'not reported'}.",
        "",
    ]
    data.update(
        pages=pages,
        built_pages=built_pages,
        site=site,
        plain_site=plain_site,
        live=times,
        rebuild=built,
        ratio_cold=ratio_cold,
        ratio_warm=ratio_warm,
    )
    return lines, data

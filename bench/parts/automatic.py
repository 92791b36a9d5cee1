"""What the text's own reading costs (core/automatic.py): references, abbreviations, actors.

The automatic reading runs on every build. Measured here, in one process (the core alone,
no MkDocs), with it and with it switched off (`automatic.read` replaced by one that finds
nothing), on:

- the flagship (`source/`, its hand registries: nearly everything found is theirs already);
- the flagship's original imported afresh, with no registry of its own (everything found is new);
- collections of 25, 50 and 100 such imports (synthetic ids, dates and references, as the
  collection part makes them), to see that the cost grows with the texts and no faster;

and, as whole builds, the 100-text collection without registries, with the plugin and as
plain Material (the collection part measures the same with the flagship's hand registries).
"""

from __future__ import annotations

import gc
import shutil
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from unittest import mock

from common import OUT, ROOT, dir_size, log, mb, med, plain_config, real_config, side_by_side, verdict

SEED = ROOT / "source" / "original" / "ST-14512-2023-INIT-en.txt"


def _timed(make: Callable[[], Any], repeats: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeats):
        gc.collect()
        start = time.perf_counter()
        result = make()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def _fresh_import(dest: Path) -> Path:
    """The flagship's original imported as `conclusions new` does, with no registry of its own."""
    from conclusions.importer import import_document

    result = import_document(SEED)
    dest.mkdir(parents=True, exist_ok=True)
    (dest / "document.md").write_text(result.document_md, encoding="utf-8")
    for name, text in result.registries.items():
        (dest / name).write_text(text, encoding="utf-8")
    return dest


def _collection(dest: Path, fresh: Path, count: int) -> Path:
    """`count` synthetic copies of the fresh import as a collection, with no registry but the import's verbs."""
    from conclusions.core.urls import document_prefix

    from parts.collection import BASE, _day, synth_document

    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    for extra in fresh.glob("*.yml"):
        shutil.copy2(extra, dest / extra.name)
    text = (fresh / "document.md").read_text(encoding="utf-8")
    for i in range(count):
        folder = dest / "documents" / document_prefix(f"ST {BASE + i}/24", str(_day(i).year))
        folder.mkdir(parents=True)
        (folder / "document.md").write_text(synth_document(text, i), encoding="utf-8")
    return dest


def _read(source: Path, repeats: int) -> dict[str, Any]:
    """The core's reading of `source`, with and without the automatic reading."""
    from conclusions.core import automatic
    from conclusions.core.site import build_collection

    with_it, found = _timed(lambda: build_collection(source), repeats)
    with mock.patch.object(automatic, "read", lambda *_a, **_k: automatic.NOTHING):
        without, _ = _timed(lambda: build_collection(source), repeats)
    entries = sum(1 for e in found.editions for f in e.automatic if f.new)
    words = sum(1 for e in found.editions for f in e.automatic if not f.new)
    return {"with": with_it, "without": without, "entries": entries, "words": words, "texts": len(found.editions)}


def run(repeats: int = 5, big_repeats: int = 1) -> tuple[list[str], dict[str, Any]]:
    work = OUT / "automatic"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    fresh = _fresh_import(work / "fresh")
    sources = {"Flagship, hand registries (source/)": ROOT / "source", "Flagship, fresh import, no registry": fresh}
    for count in (25, 50, 100):
        sources[f"{count} fresh imports as a collection"] = _collection(work / f"c{count}", fresh, count)
    rows, data = [], {}
    for name, source in sources.items():
        log(f"automatic: {name}")
        r = data[name] = _read(source, repeats if name.startswith("Flagship") else max(1, repeats // 2))
        share = (r["with"] - r["without"]) / r["with"]
        rows.append(
            f"| {name} | {r['texts']} | {r['entries']} | {r['words']} | {r['without']:.3f} s | {r['with']:.3f} s | "
            f"{r['with'] - r['without']:.3f} s ({share:.0%}) | {(r['with'] - r['without']) / r['texts'] * 1000:.1f} ms |"
        )
    per_text = [data[f"{n} fresh imports as a collection"] for n in (25, 50, 100)]
    cost = [(r["with"] - r["without"]) / r["texts"] for r in per_text]
    growth = cost[-1] / cost[0] if cost[0] > 0 else float("nan")

    log("automatic: whole builds of the 100-text collection without registries, plugin and plain Material")
    big = work / "c100"
    real = real_config(big, work / "real")
    plain, pages = plain_config(big, work / "plain")
    runs = side_by_side({"real": (real, True), "warm": real, "plain": plain}, big_repeats)
    builds = {k: {"wall": med(v, "wall"), "rss": max(b["rss"] for b in v)} for k, v in runs.items()}
    site = dir_size(work / "real")
    for name in ("real", "plain", "plain.docs"):
        shutil.rmtree(work / name, ignore_errors=True)
    cold, warm, base = builds["real"], builds["warm"], builds["plain"]
    lines = [
        "### Automatic reading: references, abbreviations and actors found in the text",
        "",
        "bench/parts/automatic.py. The core alone (reading, linking, no MkDocs), in one process, medians of "
        f"{repeats} runs (fewer for the collections), with the automatic reading and with it switched off. "
        "Entries: found in the text and published; words: words found for a registry entry.",
        "",
        "| Source | Texts | Entries | Words | Core without | Core with | Automatic reading | Per text |",
        "|---|---|---|---|---|---|---|---|",
        *rows,
        "",
        f"- Cost per text at 25, 50 and 100 texts: {', '.join(f'{c * 1000:.1f} ms' for c in cost)} "
        f"(100 vs 25: **{growth:.2f}x**; linear cost keeps it near 1x: {verdict(growth <= 1.3)}).",
        f"- Whole builds of the 100 fresh imports ({pages:,} pages' Markdown for plain Material, {big_repeats} "
        f"build(s) per side): plugin from scratch {cold['wall']:.1f} s, cards cached {warm['wall']:.1f} s, plain "
        f"Material {base['wall']:.1f} s: **{cold['wall'] / base['wall']:.2f}x** and "
        f"**{warm['wall'] / base['wall']:.2f}x** (target ≤ 1.5x: {verdict(cold['wall'] / base['wall'] <= 1.5)}, "
        f"{verdict(warm['wall'] / base['wall'] <= 1.5)}); peak RSS {mb(max(cold['rss'], warm['rss']))} "
        f"(target < 1 GB: {verdict(max(cold['rss'], warm['rss']) < 2**30)}); site {mb(site)}.",
        "",
    ]
    data["builds"] = builds
    return lines, data

"""Growth: how the time grows with each kind of input, at three sizes each.

Each kind of input is grown alone in a small invented document (below), at three sizes, each
twice the last. For those the build handles, two times are taken: the plugin's own work
(reading, linking, the pages' Markdown, the data files and the address check, in this
process) and the whole `mkdocs build` in a child process, less the same build of the
document without that input (what the input adds). For the card title and the importer, the
function itself. The growth is the slope of log(time) over log(size): 1 is linear, 2 is
quadratic. Times at the smallest size are small and noisy; the slope is read from all three.
"""

from __future__ import annotations

import math
import shutil
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from common import OUT, log, real_config, run_build

REPEATS = 3
"""Each time is the least of this many runs: the machine's other load only ever adds time.
Times are processor time (user and system), which other load disturbs less than wall time."""

BASE = """---
title: Council conclusions on growth (an invented text, for the benchmark)
short_title: Growth
document_id: ST 1/99
date: 2099-01-01
language: en
---

THE COUNCIL OF THE EUROPEAN UNION,

1. NOTES the work of the GRW[^1];

@BODY@

[^1]: A note.
@NOTES@
"""
GLOSSARY = (
    "terms:\n  - id: grw\n    term: GRW\n    expansion: Growth\n    definition: An invented term.\n"
    "    patterns: [GRW]\n@TERMS@"
)


def _document(body: str = "", notes: str = "", terms: str = "") -> dict[str, str]:
    """The files of source/ for the base document with `body` after paragraph 1."""
    return {
        "document.md": BASE.replace("@BODY@", body).replace("@NOTES@", notes),
        "glossary.yml": GLOSSARY.replace("@TERMS@", terms),
    }


def mentions(n: int) -> dict[str, str]:
    return _document("2. STRESSES the GRW" + " and the GRW" * n + ";")


def footnote_references(n: int) -> dict[str, str]:
    refs = "".join(f" item[^r{i}]" for i in range(n))
    notes = "".join(f"\n[^r{i}]: Note {i}.\n" for i in range(n))
    return _document(f"2. STRESSES each{refs};", notes)


def links(n: int) -> dict[str, str]:
    # "the Commission" is an actor of the shared registry: each mention is a link to its page.
    return _document("2. STRESSES the work of the Commission" + " and of the Commission" * n + ";")


def footnotes(n: int) -> dict[str, str]:
    per = n // 100
    body = "\n\n".join(
        f"{p}. NOTES{''.join(f' the item[^f{(p - 2) * per + i}]' for i in range(per))};" for p in range(2, 102)
    )
    notes = "".join(f"\n[^f{i}]: Note {i}.\n" for i in range(100 * per))
    return _document(body, notes)


def footnotes_spread(n: int) -> dict[str, str]:
    body = "\n\n".join(
        f"{p}. NOTES{''.join(f' the item[^f{(p - 2) * 10 + i}]' for i in range(10))};" for p in range(2, n // 10 + 2)
    )
    notes = "".join(f"\n[^f{i}]: Note {i}.\n" for i in range(n))
    return _document(body, notes)


def terms(n: int) -> dict[str, str]:
    entries = "".join(
        f"  - id: t{i}\n    term: TRM{i}\n    expansion: Term {i}\n    definition: Invented term {i}.\n"
        f"    patterns: [TRM{i}]\n"
        for i in range(n)
    )
    body = "\n\n".join(f"{i + 2}. NOTES the TRM{i};" for i in range(n))
    return _document(body, terms=entries)


@dataclass(frozen=True)
class Kind:
    name: str
    what: str
    sizes: tuple[int, int, int]
    unit: str = ""
    source: Callable[[int], dict[str, str]] | None = None
    """For a kind the build handles: the files of source/ at a size."""
    measure: Callable[[int], float] | None = None
    """For the others: the time of the function itself at a size."""


def _card_title(n: int) -> float:
    """A card whose title's last line is one long word: it was cut one character at a time."""
    from conclusions.core.cards import draw
    from conclusions.core.sharing import Card

    title = "Council conclusions on " + "X" * n + " and more"
    card = Card("cards/x.png", title, "Paragraph 1", "NOTES the work.", "example.org", "")
    start = time.process_time()
    draw(card)
    return time.process_time() - start


_HEAD = (
    "Council of the\nEuropean Union\nBrussels, 14 March 2099\n(OR. en)\n1/99\nOUTCOME OF PROCEEDINGS\n"
    "From: General Secretariat of the Council\nTo: Delegations\nSubject: Council conclusions on growth\n"
    "ANNEX\nCouncil conclusions on growth\nTHE COUNCIL OF THE EUROPEAN UNION,\n"
    "HEREBY ADOPTS THE FOLLOWING CONCLUSIONS:\n"
)


def _plain_text(size: int, one_paragraph: bool) -> str:
    """Register-shaped plain text of about `size` bytes: numbered paragraphs wrapped over two
    lines, page furniture every 40 of them; or one paragraph of that length."""
    lines = [_HEAD, "1. NOTES that\n" if one_paragraph else ""]
    total, n = len(_HEAD), 1
    while total < size:
        if one_paragraph:
            line = "the Commission and the Member States act; INVITES the Council to report, and STRESSES the need\n"
        else:
            line = (
                f"{n}. INVITES the Commission and the Member States to act on the matter number {n}, and\n"
                "STRESSES the need for coordination with the Council; CALLS ON the Agency to report;\n"
            )
        if n % 40 == 0:
            line += f"1/99 KM/jv {n // 40}\nRELEX.5 EN\n"
        lines.append(line)
        total += len(line)
        n += 1
    return "".join(lines)


def _importer(one_paragraph: bool) -> Callable[[int], float]:
    def measure(size: int) -> float:
        from conclusions.importer import import_document

        path = OUT / "growth" / "input.txt"
        path.write_text(_plain_text(size, one_paragraph), encoding="utf-8")
        start = time.process_time()
        import_document(path)
        return time.process_time() - start

    return measure


KINDS = [
    Kind("mentions", "Glossary mentions in one paragraph", (1000, 2000, 4000), source=mentions),
    Kind(
        "footnote-refs",
        "Footnote references in one paragraph",
        (1000, 2000, 4000),
        source=footnote_references,
    ),
    Kind("links", "Links (actor mentions) in one paragraph", (250, 500, 1000), source=links),
    Kind(
        "footnotes",
        "Footnotes in a document (over 100 paragraphs)",
        (1000, 2000, 4000),
        source=footnotes,
    ),
    Kind(
        "footnotes-spread",
        "Footnotes in a document (ten in each paragraph)",
        (1000, 2000, 4000),
        source=footnotes_spread,
    ),
    Kind("terms", "Glossary terms, each mentioned in a paragraph of its own", (500, 1000, 2000), source=terms),
    Kind("card-title", "Characters of a card's title (one long word)", (2000, 4000, 8000), measure=_card_title),
    Kind(
        "importer",
        "Importer, plain text, numbered paragraphs",
        (500_000, 1_000_000, 2_000_000),
        " B",
        measure=_importer(False),
    ),
    Kind(
        "importer-one",
        "Importer, plain text, one paragraph",
        (500_000, 1_000_000, 2_000_000),
        " B",
        measure=_importer(True),
    ),
]


def _write(folder: Path, files: dict[str, str]) -> Path:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _plugin_work(source: Path) -> float:
    """What the plugin does before MkDocs renders anything (on_config's work, and the files)."""
    from conclusions.core.site import all_pages, build_collection, site_data
    from conclusions.core.unique_addresses import check_addresses, published_files

    start = time.process_time()
    collection = build_collection(source)
    pages = list(all_pages(collection))
    for page in pages:
        _ = page.markdown
    check_addresses(pages, published_files(collection))
    site_data(collection, "")
    return time.process_time() - start


def _slope(sizes: tuple[int, ...], times: list[float]) -> float:
    xs = [math.log(n) for n in sizes]
    ys = [math.log(max(t, 1e-6)) for t in times]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


def _times(times: list[float]) -> str:
    if min(times) < 0.01:
        return " / ".join(f"{t * 1000:.1f}" for t in times) + " ms"
    return " / ".join(f"{t:.2f}" for t in times) + " s"


def run(only: str = "") -> tuple[list[str], dict[str, Any]]:
    work = OUT / "growth"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    rows: list[str] = []
    data: dict[str, Any] = {}
    for kind in KINDS:
        if only and kind.name not in only.split(","):
            continue
        sizes = kind.sizes
        if kind.measure is not None:
            own = [min(kind.measure(n) for _ in range(REPEATS)) for n in sizes]
            data[kind.name] = {"sizes": sizes, "own": own, "own_slope": _slope(sizes, own)}
            log(f"growth: {kind.name}: {_times(own)}")
            rows.append(
                f"| {kind.what} | {' / '.join(f'{n:,}{kind.unit}' for n in sizes)} | {_times(own)} | "
                f"**{_slope(sizes, own):.2f}** | (no build) | |"
            )
            continue
        assert kind.source is not None
        base_source = _write(work / f"{kind.name}-0", _document())
        base = min(run_build(real_config(base_source, work / f"{kind.name}-site-0"))["cpu"] for _ in range(REPEATS))
        own, added = [], []
        for n in sizes:
            source = _write(work / f"{kind.name}-{n}", kind.source(n))
            own.append(min(_plugin_work(source) for _ in range(REPEATS)))
            config = real_config(source, work / f"{kind.name}-site-{n}")
            cpu = min(run_build(config)["cpu"] for _ in range(REPEATS))
            added.append(max(cpu - base, 1e-3))
            shutil.rmtree(work / f"{kind.name}-site-{n}", ignore_errors=True)
            log(f"growth: {kind.name} {n}: plugin {own[-1]:.3f} s, build +{added[-1]:.2f} s")
        slopes = _slope(sizes, own), _slope(sizes, added)
        data[kind.name] = {"sizes": sizes, "own": own, "added": added, "base": base, "slopes": slopes}
        rows.append(
            f"| {kind.what} | {' / '.join(f'{n:,}' for n in sizes)} | {_times(own)} | **{slopes[0]:.2f}** | "
            f"{_times(added)} | **{slopes[1]:.2f}** |"
        )
    lines = [
        "### Growth: each kind of input at three sizes",
        "",
        "bench/parts/growth.py: each kind grown alone in a small invented document, each size twice the "
        f"last; processor time (user and system), each the least of {REPEATS} runs. Plugin = the plugin's own "
        "work in this process (read, link, every page's Markdown, the data files, the address check); build = "
        "the whole `mkdocs build` in a child process, less the same build without the input (what the input "
        "adds). Growth = slope of "
        "log(time) over log(size): 1 linear, 2 quadratic.",
        "",
        "| Input | Sizes | Plugin (or the function) | growth | Build, added | growth |",
        "|---|---|---|---|---|---|",
        *rows,
        "",
    ]
    return lines, data

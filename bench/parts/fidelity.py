"""The build's fidelity check (core/fidelity.py): what it costs a build.

Times `check_site` alone, in this process, on what `on_config` has already read:

- the flagship (`source/`: its original is the register's Markdown-like extraction);
- the 100-document collection of parts/collection.py, each document given an original: its own
  text written back as the register prints it (header fields with their labels, a block per
  line, footnote markers glued to the word before them, the footnotes at the end), so that the
  check reads and matches every word of 100 texts;
- one document of that collection again, as `mkdocs serve` checks it after a save (the others
  are taken again unchanged, core/reuse.py).

Each figure is the median of several runs; the collection's build time (the collection part)
is the yardstick.
"""

from __future__ import annotations

import re
import shutil
import statistics
import time
from collections.abc import Callable

from common import OUT, ROOT, log

RUNS = 7


def _original_of(document_md: str) -> str:
    """A document's text as the register prints it, made from its document.md (front matter
    fields with their labels, then the body a block per line)."""
    import yaml

    end = document_md.index("\n---\n", 4)
    front, body = document_md[4:end], document_md[end + 5 :]
    fields = yaml.safe_load(front)
    labels = {"from": "From: ", "to": "To: ", "previous_document": "No. prev. doc.: ", "subject": "Subject: "}
    order = ("institution", "place_date", "number", "status", "from", "to", "previous_document", "subject")
    lines = [f"{labels.get(key, '')}{fields[key]}" for key in order if fields.get(key)]
    lines += [str(code) for code in fields.get("subject_codes", [])]
    lines += [str(fields[key]) for key in ("cover_note", "title") if fields.get(key)]
    notes = []
    for block in re.split(r"\n\s*\n", body):
        for line in block.split("\n"):
            text = line.strip()
            if not text:
                continue
            note = re.match(r"^\[\^(\w+)\]:\s*(.*)$", text)
            if note:
                notes.append(f"{note.group(1)} {note.group(2)}")
                continue
            text = re.sub(r"^#+\s+|^[-*]\s+", "", text)
            lines.append(re.sub(r"\[\^(\w+)\]", r"\1", text))
    return "\n".join(lines + notes) + "\n"


def _median(work: Callable[[], object], runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run() -> tuple[list[str], dict[str, float]]:
    from conclusions.core.fidelity import check_site
    from conclusions.core.site import build_collection
    from conclusions.rebuild import KeptSite

    from parts.collection import make_collection

    source = ROOT / "source"
    flagship = build_collection(source)
    words = len((source / "original" / "ST-14512-2023-INIT-en.txt").read_text(encoding="utf-8").split())
    one = _median(lambda: check_site(source, flagship))
    log(f"fidelity: flagship {one * 1000:.1f} ms")

    dest = OUT / "fidelity" / "source"
    shutil.rmtree(dest.parent, ignore_errors=True)
    documents, paragraphs = make_collection(dest, 100)
    for folder in sorted((dest / "documents").iterdir()):
        (folder / "original").mkdir()
        text = _original_of((folder / "document.md").read_text(encoding="utf-8"))
        (folder / "original" / "text.txt").write_text(text, encoding="utf-8")
    start = time.perf_counter()
    collection = build_collection(dest)
    read = time.perf_counter() - start
    check_site(dest, collection)  # every word of every text found: the check passes
    hundred = _median(lambda: check_site(dest, collection), 3)
    log(f"fidelity: 100 documents {hundred:.2f} s (reading them {read:.2f} s)")

    kept = KeptSite()
    kept.check_fidelity(dest, collection)
    kept.results.succeeded()
    changed = collection.editions[50]
    original = dest / "documents" / changed.urls.prefix.rstrip("/") / "original" / "text.txt"

    def save() -> None:
        # A save: the document's original changes (a blank line more), the others do not.
        original.write_text(original.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        kept.results.start()
        kept.check_fidelity(dest, collection)
        kept.results.succeeded()

    serve = _median(save)  # every document but the changed one taken again
    lines = [
        "### Fidelity check",
        "",
        "bench/parts/fidelity.py: `core/fidelity.check_site` timed alone, in-process, on the documents "
        "`on_config` has read (median of several runs). The collection's documents are given an original "
        "each: their own text written back as the register prints it.",
        "",
        "| What is checked | Words | Check | For comparison |",
        "|---|---|---|---|",
        f"| The flagship (`source/`, Markdown-like original) | {words:,} | {one * 1000:.1f} ms | |",
        f"| {documents} documents ({paragraphs:,} paragraphs) | about {words * documents:,} | {hundred:.2f} s "
        f"| reading and linking them (`build_collection`): {read:.2f} s |",
        f"| One saved document of the {documents} under `mkdocs serve` (the others taken again) | {words:,} | "
        f"{serve * 1000:.1f} ms | the 1 s serve target |",
    ]
    return lines, {"flagship_ms": one * 1000, "collection_s": hundred, "serve_ms": serve * 1000, "read_s": read}

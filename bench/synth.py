"""Synthetic documents in the source format, derived from the real text, for the scale benchmark.

`make_source(dest, copies)` writes `dest/document.md` and copies the registries: the preamble
and recitals once, then the operative part (its sections and paragraphs) `copies` times.
Copy 1 is the real text unchanged; later copies renumber the paragraphs (1, 2, 3, ... in
order), give each section a new number and a "(PART r)" title, open with a section when the
original opens with paragraphs outside any section, and give every footnote referenced in a
paragraph a fresh number with its own definition, so each definition stays referenced once.
The registries stay valid: every pattern still matches (in copy 1 at least) and nothing new
overlaps, since only numbers and headings change.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "source"
REGISTRIES = ("instruments.yml", "glossary.yml", "actors.yml", "verbs.yml")

_PARAGRAPH = re.compile(r"^(\d+)\.\s+(\S.*)$", re.S)
_SECTION = re.compile(r"^##\s+(?:([A-Z]{1,4}|\d+)\.\s+)?(\S.*)$", re.S)
_FOOTNOTE = re.compile(r"^\[\^([A-Za-z0-9]+)\]:\s*(.*)$", re.S)
_REF = re.compile(r"\[\^([A-Za-z0-9]+)\]")


def _split(text: str) -> tuple[str, list[str]]:
    """Front matter (with its fences) and the blank-line-separated blocks after it."""
    assert text.startswith("---\n")
    end = text.index("\n---\n", 4) + len("\n---\n")
    blocks = [b.strip("\n") for b in re.split(r"\n\s*\n", text[end:]) if b.strip()]
    return text[:end], blocks


def synth_document(text: str, copies: int) -> str:
    front, blocks = _split(text)
    head: list[str] = []  # preamble and recitals, kept once
    body: list[str] = []  # sections and paragraphs, repeated
    notes: dict[str, str] = {}
    for block in blocks:
        if _FOOTNOTE.match(block):  # definitions may sit on consecutive lines
            for line in block.splitlines():
                if m := _FOOTNOTE.match(line):
                    notes[m.group(1)] = m.group(2)
        elif _SECTION.match(block) or _PARAGRAPH.match(block) or body:
            body.append(block)
        else:
            head.append(block)
    sections = sum(1 for b in body if _SECTION.match(b))
    numeric = [int(n) for n in notes if n.isdigit()]
    next_note = max(numeric, default=0) + 1
    number = 0
    label = 0
    out_body: list[str] = []
    out_notes: list[str] = ["\n".join(f"[^{n}]: {t}" for n, t in notes.items())]
    for r in range(1, copies + 1):
        if r > 1 and not _SECTION.match(body[0]):
            label += 1
            out_body.append(f"## {sections + label}. GENERAL PROVISIONS (PART {r})")
        for block in body:
            if m := _SECTION.match(block):
                if r == 1:
                    out_body.append(block)
                else:
                    label += 1
                    out_body.append(f"## {sections + label}. {m.group(2).strip()} (PART {r})")
                continue
            m = _PARAGRAPH.match(block)
            assert m is not None, block
            number += 1
            para = m.group(2)
            if r > 1:

                def renumber(ref: re.Match[str]) -> str:
                    nonlocal next_note
                    new = str(next_note)
                    next_note += 1
                    out_notes.append(f"[^{new}]: {notes[ref.group(1)]}")
                    return f"[^{new}]"

                para = _REF.sub(renumber, para)
            out_body.append(f"{number}. {para}")
    return front + "\n" + "\n\n".join([*head, *out_body, *out_notes]) + "\n"


def make_source(dest: Path, copies: int, source: Path = SOURCE) -> int:
    """Write a synthetic source folder; returns its number of paragraphs."""
    dest.mkdir(parents=True, exist_ok=True)
    doc = synth_document((source / "document.md").read_text(encoding="utf-8"), copies)
    (dest / "document.md").write_text(doc, encoding="utf-8")
    for name in REGISTRIES:
        shutil.copy2(source / name, dest / name)
    return sum(1 for line in doc.splitlines() if _PARAGRAPH.match(line))

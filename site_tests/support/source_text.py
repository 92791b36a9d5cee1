"""A small reader of `document.md` of its own, so that a parser bug in the plugin cannot make
a wrong page title, description, JSON text or citation look right.

It knows the source format as the README gives it: front matter; a cover note before a
`# ANNEX` line; recitals as `- ` lines (numbered) or `A. ` blocks (lettered); paragraphs as
`N. ` blocks; points on indented lines under them (their markers are not part of the text);
`## ` headings; `[^N]: ` footnotes. Texts are normalised plain text (see `normal`).
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from site_tests.support import yaml_data

SITE_URL = "http://127.0.0.1:8000/"
"""The address support/build.py builds for."""

_PARAGRAPH = re.compile(r"^(\d+)\.\s+(.*)$")
_DASH_RECITAL = re.compile(r"^[-*]\s+(.*)$")
_LETTERED = re.compile(r"^([A-Z])\.\s+(.*)$")
_POINT = re.compile(r"^(?:\((?:[a-z]|[ivxlc]+)\)|(?:[a-z]|[ivxlc]+)[.)]|\d+\.\d+\.?|[–—•-])\s+")
_OTHER = re.compile(r"^(?:#|\[\^)")


@dataclass
class SourceText:
    header: dict[str, str]
    paragraphs: dict[int, str]
    recitals: dict[str, str]
    """By the key that names a recital's page: its letter in lower case, or its number."""

    @staticmethod
    def recital_label(key: str) -> str:
        return f"Recital {key.upper()}"


def normal(text: str) -> str:
    """Plain, comparable text: no footnote references or tags, NFKC (IRIS² == IRIS2), one space."""
    text = re.sub(r"\[\^[A-Za-z0-9]+\]", "", text)
    text = re.sub(r"</?(sup|sub|em|strong|i|b)>", "", text)
    return " ".join(unicodedata.normalize("NFKC", text).split())


def conclusions_lines(body: str) -> list[str]:
    """The lines of document.md's body that hold the text: after the `# ` heading a cover note
    stands before (its numbered points are not the conclusions'), and before a `# ` heading that
    follows the text (an annex of the text: its numbered blocks are not paragraphs either). A
    heading follows the text when the text's preamble (in capitals, ending with ","), a recital
    or a `## ` heading and a numbered paragraph stand before it; a cover note holds none of them."""
    lines = body.split("\n")
    headings = [i for i, line in enumerate(lines) if re.match(r"^#\s+\S", line)]
    for index in headings:
        before = [line.strip() for line in lines[:index] if line.strip()]
        text = any(
            _DASH_RECITAL.match(line) or line.startswith("## ") or (line.endswith(",") and line.upper() == line)
            for line in before
        )
        if text and any(_PARAGRAPH.match(line) for line in before):
            return lines[:index]
        lines = lines[index + 1 :]
        return conclusions_lines("\n".join(lines)) if len(headings) > 1 else lines
    return lines


def read_source(source: Path) -> SourceText:
    text = (source / "document.md").read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    header = {
        k: str(v) for k, v in (yaml_data.safe_load(front) or {}).items() if isinstance(v, str | int | datetime.date)
    }
    lines = conclusions_lines(body)
    paragraphs: dict[int, list[str]] = {}
    recitals: dict[str, list[str]] = {}
    current: list[str] | None = None
    block_start = True
    for line in lines:
        if not line.strip():
            block_start = True
            continue
        stripped = line.strip()
        if line[:1].isspace() and current is not None:
            current.append(_POINT.sub("", stripped))  # a point, or a line that continues one
        elif _OTHER.match(stripped):
            current = None
        elif m := _DASH_RECITAL.match(stripped):
            current = recitals.setdefault(str(len(recitals) + 1), [m.group(1)])
        elif block_start and (m := _PARAGRAPH.match(stripped)):
            current = paragraphs.setdefault(int(m.group(1)), [m.group(2)])
        elif block_start and (m := _LETTERED.match(stripped)) and not paragraphs:
            current = recitals.setdefault(m.group(1).lower(), [m.group(2)])
        elif block_start:
            current = None  # preamble or lead-in words
        elif current is not None:
            current.append(stripped)
        block_start = False
    return SourceText(
        header,
        {n: normal(" ".join(parts)) for n, parts in paragraphs.items()},
        {k: normal(" ".join(parts)) for k, parts in recitals.items()},
    )


def formal_citation(header: dict[str, str], pinpoint: str, url: str) -> str:
    """The citation as a reader expects it, written here from the front matter, not by the plugin.

    The month comes from the C library's names (tests run in the C locale), not the plugin's table.
    """
    date = datetime.date.fromisoformat(header["date"])
    title = header.get("citation_title", header["title"])
    return f"{header['institution']}, {title}, {header['document_id']}, {date.day} {date:%B %Y}, {pinpoint}, {url}."


def citable(header: dict[str, str]) -> bool:
    """Whether the front matter gives every part of a formal citation."""
    return all(header.get(k) for k in ("institution", "title", "document_id", "date"))

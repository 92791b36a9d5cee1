"""Inline source to Markdown: escaped text, footnote references, mentions and clause anchors.

Links are written as Markdown links between the generated `.md` files, so MkDocs checks
every one of them and every anchor when it validates the build. Every piece is built by
`markup`, the one module that writes source values into Markdown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .clauses import Clause
from .inline import tokenize
from .markup import Md, element, end_tag, inline_tag, link, start_tag, text
from .mentions import Match
from .registries import Instrument, Term
from .urls import GLOSSARY, Linker, entry_anchor, instrument_page

__all__ = ["Linker", "Span", "render_inline", "span_markdown", "spans"]


@dataclass
class Span:
    """A stretch of text rendered as one link: an instrument, a term, or both."""

    start: int
    end: int
    instrument: Instrument | None = None
    term: Term | None = None


def spans(instruments: list[Match[Instrument]], terms: list[Match[Term]]) -> list[Span]:
    """Merge instrument and term mentions: a term within an instrument's words rides on its link.

    (Instruments inside a longer term were already dropped by the index.)
    """
    result = [Span(m.start, m.end, instrument=m.entry) for m in instruments]
    for t in terms:
        host = next((s for s in result if s.start <= t.start and t.end <= s.end), None)
        if host is not None:
            host.term = host.term or t.entry
            continue
        result.append(Span(t.start, t.end, term=t.entry))
    return sorted(result, key=lambda s: s.start)


def span_markdown(label: Md, span: Span, linker: Linker) -> Md:
    """A term links to its glossary entry (which names the instrument); an instrument to its page."""
    if span.term is not None:
        target = linker.to(GLOSSARY, entry_anchor(span.term.id))
        tip = f"{span.term.name}: {span.term.expansion}"
        classes = ["xref", "term"]
        data = {"data-term": span.term.id}
        if span.instrument is not None:
            # Name the instrument too, unless its name only repeats the term ("ABC (...)" for ABC).
            if span.term.name not in span.instrument.name:
                tip += f". {span.instrument.name}"
            classes.append("instrument")
            data["data-instrument"] = span.instrument.id
    else:
        assert span.instrument is not None
        target = linker.to(instrument_page(span.instrument.id))
        tip = span.instrument.name
        classes = ["xref", "instrument"]
        data = {"data-instrument": span.instrument.id}
    return link(label, target, title=tip, classes=classes, attrs=data)


def render_inline(
    source: str,
    linker: Linker,
    footnote_ref: Callable[[str], Md],
    instruments: list[Match[Instrument]] = (),  # type: ignore[assignment]
    terms: list[Match[Term]] = (),  # type: ignore[assignment]
    clauses: list[Clause] = (),  # type: ignore[assignment]
    clause_anchor: Callable[[Clause], str] = lambda c: c.anchor,
    window: tuple[int, int] | None = None,
) -> Md:
    """Markdown for one paragraph, recital or footnote text, or for `source[start:end]` of it.

    A window is one point of a paragraph: a clause that runs on from an earlier point is
    continued there by a span of its own, without the clause's id, so tags stay nested.
    """
    start, end = window or (0, len(source))
    events: dict[int, list[tuple[int, str, object]]] = {}

    def add(pos: int, order: int, kind: str, obj: object) -> None:
        events.setdefault(pos, []).append((order, kind, obj))

    for clause in clauses:
        if clause.end <= start or clause.start >= end:
            continue
        add(max(clause.start, start), 1, "clause-open" if clause.start >= start else "clause-on", clause)
        add(min(clause.end, end), 0, "clause-close", clause)
        if start <= clause.verb_start < end:
            add(clause.verb_start, 2, "verb", clause)
    for span in spans(list(instruments), list(terms)):
        if start <= span.start and span.end <= end:
            add(span.start, 3, "span", span)

    out: list[Md] = []
    pos = start
    positions = sorted(set(events) | {end})
    for stop in positions:
        if stop >= pos:
            out.append(_plain(source[pos:stop], footnote_ref))
            pos = stop
        for _, kind, obj in sorted(events.get(stop, []), key=lambda e: e[0]):
            if kind == "clause-open":
                out.append(start_tag("span", {"class": "clause", "id": clause_anchor(obj)}))  # type: ignore[arg-type]
            elif kind == "clause-on":
                out.append(start_tag("span", {"class": "clause"}))
            elif kind == "clause-close":
                out.append(end_tag("span"))
            elif kind == "verb" and pos == stop:
                clause = obj
                out.append(element("strong", clause.form, {"class": "verb"}))  # type: ignore[attr-defined]
                pos = stop + len(clause.form)  # type: ignore[attr-defined]
            elif kind == "span" and pos == stop:
                span = obj
                label = _plain(source[span.start : span.end], footnote_ref)  # type: ignore[attr-defined]
                out.append(span_markdown(label, span, linker))  # type: ignore[arg-type]
                pos = span.end  # type: ignore[attr-defined]
    out.append(_plain(source[pos:end], footnote_ref))
    return Md("".join(out).strip())


def _plain(source: str, footnote_ref: Callable[[str], Md]) -> Md:
    parts = []
    for token in tokenize(source):
        if token.kind == "text":
            parts.append(text(token.value))
        elif token.kind == "tag":
            parts.append(inline_tag(token.value))
        else:
            parts.append(footnote_ref(token.value))
    return Md("".join(parts))

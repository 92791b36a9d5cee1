"""Inline source to HTML: escaped text, footnote references, mentions and clause anchors.

Links are written to the generated `.md` files they lead to, so MkDocs checks every one of
them and every anchor when it validates the build (html_pages.py). Every piece is built by
`markup`, the one module that writes source values into HTML.

(Named for what it does, render the inline source that `inline_source` reads, as
`pages.render` renders whole items; "markdown" would read as the package it feeds.)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from .clauses import Clause
from .inline_source import tokenize
from .markup import Md, element, end_tag, inline_tag, link, start_tag, text
from .mentions import Match
from .model import Instrument, Term
from .references import Reference
from .urls import GLOSSARY, Linker, entry_anchor, instrument_page


@dataclass(frozen=True)
class Span:
    """A stretch of text rendered as one link: an instrument, a term, or both."""

    start: int
    end: int
    instrument: Instrument | None = None
    term: Term | None = None
    page: str = ""
    """For words that name another document of a collection: the page they link to (its home,
    or the paragraph they name); `tip` says which document."""
    tip: str = ""


def reference_spans(references: Sequence[Reference]) -> list[Span]:
    """The links of the references an item makes to other documents of the collection: the
    words naming the document to its home, each paragraph number named to that paragraph."""
    out = []
    for r in references:
        if r.cited is None:
            continue
        name = f"{r.cited.document_id}: {r.cited.title}" if r.cited.document_id else r.cited.title
        out.append(Span(r.start, r.end, page=r.cited.urls.home, tip=name))
        for p in r.paragraphs:
            out.append(
                Span(p.start, p.end, page=r.cited.urls.paragraph_page(p.number), tip=f"Paragraph {p.number} of {name}")
            )
    return out


def spans(
    instruments: Sequence[Match[Instrument]], terms: Sequence[Match[Term]], references: Sequence[Reference] = ()
) -> list[Span]:
    """Merge instrument and term mentions: a term within an instrument's words rides on its
    link (the first such term), any other term is a span of its own.

    Args:
        instruments: the instrument mentions of one text (those inside a longer term were
            already dropped by the index).
        terms: the glossary mentions of the same text.
    """
    riders: dict[int, Term] = {}
    alone: list[Span] = []
    for t in terms:
        host = next((i for i, m in enumerate(instruments) if m.start <= t.start and t.end <= m.end), None)
        if host is None:
            alone.append(Span(t.start, t.end, term=t.entry))
        else:
            riders.setdefault(host, t.entry)
    hosts = [Span(m.start, m.end, instrument=m.entry, term=riders.get(i)) for i, m in enumerate(instruments)]
    documents = reference_spans(references)
    # Words that name a document of the collection link to it: the document is more precise
    # than a register entry on the same words ("Council conclusions of 23 May 2023").
    kept = [s for s in [*hosts, *alone] if not any(s.start < d.end and d.start < s.end for d in documents)]
    return sorted([*kept, *documents], key=lambda s: s.start)


def span_markdown(label: Md, span: Span, linker: Linker) -> Md:
    """The link of one span: a term links to its glossary entry (which names the instrument),
    an instrument to its page.

    Args:
        label: the span's words, already Markdown.
        span: what the words mention.
        linker: links from the page the span stands on.
    """
    if span.page:
        return link(label, linker.to(span.page), title=span.tip, classes=["xref", "document"])
    if span.term is not None:
        target = linker.to_register(GLOSSARY, entry_anchor(span.term.id))
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
        target = linker.to_register(instrument_page(span.instrument.id))
        tip = span.instrument.name
        classes = ["xref", "instrument"]
        data = {"data-instrument": span.instrument.id}
    return link(label, target, title=tip, classes=classes, attrs=data)


# -- what happens at a place of the text, in the order it is written there -------------------


@dataclass(frozen=True)
class ClauseEnds:
    """A clause (or the part of it in this window) ends: its span closes."""

    clause: Clause
    order: ClassVar[int] = 0


@dataclass(frozen=True)
class ClauseStarts:
    """A clause starts; `continued`: it began in an earlier point, so this span has no id."""

    clause: Clause
    continued: bool
    order: ClassVar[int] = 1


@dataclass(frozen=True)
class VerbAt:
    """A clause's operative verb, marked in bold."""

    clause: Clause
    order: ClassVar[int] = 2


@dataclass(frozen=True)
class MentionAt:
    """A mention of an instrument or term, rendered as a link."""

    span: Span
    order: ClassVar[int] = 3


Event = ClauseEnds | ClauseStarts | VerbAt | MentionAt


def _events(clauses: Sequence[Clause], mentions: Sequence[Span], start: int, end: int) -> dict[int, list[Event]]:
    """The events of `source[start:end]` by position; at one position, closing comes first."""
    events: dict[int, list[Event]] = {}
    for clause in clauses:
        if clause.end <= start or clause.start >= end:
            continue
        events.setdefault(max(clause.start, start), []).append(ClauseStarts(clause, continued=clause.start < start))
        events.setdefault(min(clause.end, end), []).append(ClauseEnds(clause))
        if start <= clause.verb_start < end:
            events.setdefault(clause.verb_start, []).append(VerbAt(clause))
    for span in mentions:
        if start <= span.start and span.end <= end:
            events.setdefault(span.start, []).append(MentionAt(span))
    return {pos: sorted(found, key=lambda e: e.order) for pos, found in events.items()}


def render_inline(
    source: str,
    linker: Linker,
    footnote_ref: Callable[[str], Md],
    instruments: Sequence[Match[Instrument]] = (),
    terms: Sequence[Match[Term]] = (),
    clauses: Sequence[Clause] = (),
    clause_anchor: Callable[[Clause], str] = lambda c: c.anchor,
    window: tuple[int, int] | None = None,
    references: Sequence[Reference] = (),
) -> Md:
    """HTML for one paragraph, recital or footnote text, or for `source[start:end]` of it.

    A window is one point of a paragraph: a clause that runs on from an earlier point is
    continued there by a span of its own, without the clause's id, so tags stay nested.

    Args:
        source: the item's inline source text.
        linker: links from the page the text stands on.
        footnote_ref: the Markdown of a reference to a footnote, by its number.
        instruments: the item's instrument mentions.
        terms: the item's glossary mentions.
        clauses: the item's operative clauses (a paragraph's), each a span with an id.
        clause_anchor: the id of a clause on this page.
        window: (start, end) of the part of `source` to render; all of it when None.
        references: the item's references to other documents of a collection.
    """
    start, end = window or (0, len(source))
    events = _events(clauses, spans(instruments, terms, references), start, end)
    out: list[Md] = []
    pos = start
    for stop in sorted(set(events) | {end}):
        if stop >= pos:
            out.append(_plain(source[pos:stop], footnote_ref))
            pos = stop
        for event in events.get(stop, []):
            match event:
                case ClauseStarts(clause, continued=False):
                    out.append(start_tag("span", {"class": "clause", "id": clause_anchor(clause)}))
                case ClauseStarts(continued=True):
                    out.append(start_tag("span", {"class": "clause"}))
                case ClauseEnds():
                    out.append(end_tag("span"))
                case VerbAt(clause) if pos == stop:
                    out.append(element("strong", clause.form, {"class": "verb"}))
                    pos = stop + len(clause.form)
                case MentionAt(span) if pos == stop:
                    label = _plain(source[span.start : span.end], footnote_ref)
                    out.append(span_markdown(label, span, linker))
                    pos = span.end
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

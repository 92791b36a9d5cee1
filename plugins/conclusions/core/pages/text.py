"""The pages of the text itself: home, full text, paragraphs, recitals, sections, URL policy."""

from __future__ import annotations

from ..index import Edition
from ..inline import lead, plain_text
from ..markdown import esc, render_inline
from ..model import Paragraph, Recital, Section
from .base import (
    ABOUT,
    ACTORS,
    DESCRIPTION_LIMIT,
    GLOSSARY,
    HOME,
    INSTRUMENTS,
    NAV_SECTIONS_LIMIT,
    TEXT,
    VERBS,
    Page,
    actor_page,
    instrument_page,
    paragraph_page,
    recital_page,
    section_page,
)
from .render import Renderer, breadcrumb, item_lead, pager


def home(edition: Edition) -> Page:
    doc = edition.document
    h = doc.header
    r = Renderer(edition, HOME)
    codes = []
    for code in h.subject_codes:
        matches = edition.header_terms.get(code, [])
        codes.append(render_inline(code, r.link, r.footnote_ref, [], matches))
    rows = [
        ("Institution", esc(h.institution)),
        ("Place and date", esc(f"{h.place_date} {h.language_note}".strip())),
        ("Document", esc(h.number)),
        ("Subject codes", ", ".join(codes)),
        ("Status", esc(h.status)),
        ("From", esc(h.sender)),
        ("To", esc(h.recipient)),
        ("No. prev. doc.", esc(h.previous_document)),
        ("Subject", esc(h.subject)),
    ]
    table = "| Field | Entry |\n|---|---|\n" + "\n".join(f"| {k} | {v} |" for k, v in rows if v)
    out = [
        f"# {esc(h.title)}",
        f'<div class="doc-header" markdown>\n\n{table}\n\n</div>',
        esc(h.cover_note) if h.cover_note else "",
        _cover_note(edition, r),
        f"[Read the full text]({r.link.to(TEXT)}){{ .md-button .md-button--primary }}",
        "## Overview",
    ]
    if doc.recitals:
        out.append(f"### [Recitals]({r.link.to(TEXT, 'recitals')}) ({len(doc.recitals)})")
        out.append(
            "\n".join(f"- [{esc(x.marker)}]({r.link.to(recital_page(x.key))}) {item_lead(x)}" for x in doc.recitals)
        )
    for section in doc.sections:
        out.append(
            f"### [{esc(section.heading)}]({r.link.to(section_page(section))}) (paragraphs {section.range_label})"
        )
        out.append(
            "\n".join(
                f'- [{p.number}]({r.link.to(paragraph_page(p.number))} "{p.label}") {item_lead(p)}'
                for p in section.paragraphs
            )
        )
    return Page(
        HOME,
        h.short_title,
        "\n\n".join(x for x in out if x),
        in_nav=True,
        meta={"description": lead(h.cover_note or h.title, DESCRIPTION_LIMIT)},
    )


def _cover_note(edition: Edition, r: Renderer) -> str:
    """The note that carries the conclusions (a Presidency note), with its own numbering kept
    as text: `markdown="span"` so that a block opening "1. " is not read as a list."""
    if not edition.document.cover:
        return ""

    def to_text(number: str) -> str:
        # Footnotes are listed on the full-text page.
        return f'<sup class="fnref">[{esc(number)}]({r.link.to(TEXT, "fn:" + number)}){{ .footnote-ref }}</sup>'

    blocks = "\n".join(
        f'<p class="cover" markdown="span">{render_inline(block, r.link, to_text)}</p>'
        for block in edition.document.cover
    )
    return f'<div class="cover-note" id="cover-note" role="note" aria-label="Cover note" markdown>\n{blocks}\n</div>'


def full_text(edition: Edition) -> Page:
    doc = edition.document
    r = Renderer(edition, TEXT)
    # The heading under which the Council set the conclusions ("ANNEX") stands before their title.
    out = [f'<p class="annex" id="annex">{esc(doc.annex)}</p>'] if doc.annex else []
    out.append(f"# {esc(doc.header.title)}")
    for line in doc.preamble:
        out.append(f'<p class="preamble" markdown>{render_inline(line, r.link, r.footnote_ref)}</p>')
    if doc.recitals:
        out.append(
            '<div class="recitals" id="recitals" markdown>\n\n'
            + "\n\n".join(r.recital_block(x) for x in doc.recitals)
            + "\n\n</div>"
        )
    for section in doc.sections:
        if section.label:
            out.append(f"## [{esc(section.heading)}]({r.link.to(section_page(section))}) {{ #s-{section.slug} }}")
        out.extend(r.paragraph_block(p, full_text=True) for p in section.paragraphs)
    out.append("## Footnotes { #footnotes }")
    out.append(r.footnotes(list(doc.footnotes)))
    return Page(
        TEXT,
        "Full text",
        "\n\n".join(out),
        in_nav=True,
        meta={
            "description": lead(
                "The full text of the "
                + ", ".join(x for x in (doc.header.title, doc.header.document_id, doc.header.place_date) if x)
                + ".",
                DESCRIPTION_LIMIT,
            ),
            # Each paragraph has its own page in the index; indexing the full text too would
            # return every hit twice.
            "search": {"exclude": True},
        },
    )


def _own_page(
    edition: Edition,
    item: Paragraph | Recital,
    src: str,
    trail: list[tuple[str, str | None]],
    siblings: list,
    page_of,
    extra,
) -> Page:
    """The page of one paragraph or recital: where it sits, its text, footnotes, neighbours.

    `extra(renderer)` adds what is particular to the kind of item, after the common parts.
    """
    r = Renderer(edition, src)
    block = (
        r.paragraph_block(item, full_text=False)
        if isinstance(item, Paragraph)
        else r.recital_block(item, full_text=False)
    )
    kind = item.label.split()[0].lower()
    out = [
        breadcrumb(r, [("Full text", TEXT), *trail, (item.label, None)]),
        f"# {item.label} {{ #title }}",
        block,
        r.footnotes(item.footnotes),
        f'<p class="context" markdown>[Read {kind} {item.label.split(" ", 1)[1]} in the full text]({r.link.to(TEXT, item.anchor)})</p>',
        pager(r, siblings, item.number - 1, page_of, lambda x: x.label),
        *extra(r),
    ]
    return Page(
        src,
        f"{item.label} – {edition.document.header.short_title}",
        "\n\n".join(x for x in out if x),
        meta={"description": lead(plain_text(item.text), DESCRIPTION_LIMIT)},
    )


def _links(r: Renderer, entries, page_of) -> str:
    return ", ".join(f"[{esc(e.name)}]({r.link.to(page_of(e.id))})" for e in entries)


def _instruments_section(r: Renderer, instruments: dict) -> list[str]:
    if not instruments:
        return []
    items = "\n".join(f"- [{esc(i.name)}]({r.link.to(instrument_page(i.id))})" for i in instruments.values())
    return [f"## Instruments {{ #instruments }}\n\n{items}"]


def paragraph(edition: Edition, p: Paragraph) -> Page:
    trail = [(p.section.heading, section_page(p.section))] if p.section is not None else []
    return _own_page(
        edition,
        p,
        paragraph_page(p.number),
        trail,
        edition.document.paragraphs,
        lambda x: paragraph_page(x.number),
        lambda r: _paragraph_links(edition, r, p),
    )


def _paragraph_links(edition: Edition, r: Renderer, p: Paragraph) -> list[str]:
    out: list[str] = []
    clauses = edition.clauses.get(p.number, [])
    if clauses:
        rows = [
            f"| [{esc(c.verb.name)}](#{c.anchor}) | {_links(r, c.addressees, actor_page) or '—'} |" for c in clauses
        ]
        out.append("## Clauses { #clauses }\n\n| Operative verb | Asked to act |\n|---|---|\n" + "\n".join(rows))
    found = edition.of(p)
    addressed = {a.id: a for c in clauses for a in c.addressees}
    mentioned = {m.entry.id: m.entry for m in found.actors if m.entry.id not in addressed}
    if addressed or mentioned:
        lines = ["## Actors { #actors }"]
        if addressed:
            lines.append("Asked to act: " + _links(r, addressed.values(), actor_page))
        if mentioned:
            lines.append("Also mentioned: " + _links(r, mentioned.values(), actor_page))
        out.append("\n\n".join(lines))
    out.extend(_instruments_section(r, {m.entry.id: m.entry for m in found.instruments}))
    return out


def recital(edition: Edition, x: Recital) -> Page:
    doc = edition.document
    # A recital's instruments are often named only in its footnote (a document number).
    instruments = {m.entry.id: m.entry for m in edition.of(x).instruments}
    for number in x.footnotes:
        instruments.update({m.entry.id: m.entry for m in edition.of(doc.footnotes[number]).instruments})
    return _own_page(
        edition,
        x,
        recital_page(x.key),
        [],
        doc.recitals,
        lambda y: recital_page(y.key),
        lambda r: _instruments_section(r, instruments),
    )


def section(edition: Edition, s: Section) -> Page:
    src = section_page(s)
    r = Renderer(edition, src)
    items = "\n".join(
        f'- [{p.number}]({r.link.to(paragraph_page(p.number))} "{p.label}") {item_lead(p, 200)}' for p in s.paragraphs
    )
    out = [
        breadcrumb(r, [("Full text", TEXT), (s.heading, None)]),
        f"# {esc(s.heading)}",
        f"Paragraphs {s.range_label}. [Read this section in the full text]({r.link.to(TEXT, s.paragraphs[0].anchor)}).",
        items,
    ]
    # Material writes the whole nav into every page: past a few dozen sections it would
    # dominate every page's size and the build time (bench/RESULTS.md, "Scale").
    in_nav = len(edition.document.sections) <= NAV_SECTIONS_LIMIT
    return Page(
        src,
        s.heading,
        "\n\n".join(out),
        in_nav=in_nav,
        meta={
            "description": lead(
                f"{s.heading}: paragraphs {s.range_label} of the {edition.document.header.title}.", DESCRIPTION_LIMIT
            ),
        },
    )


def about_urls(edition: Edition) -> Page:
    doc = edition.document
    r = Renderer(edition, ABOUT)
    first, last = doc.paragraphs[0].number, doc.paragraphs[-1].number
    body = f"""# About these URLs

Every address on this site is a promise: **once published, a URL and its anchors stay valid
for good**. Nothing is renamed or removed; if a page ever has to move, its old address keeps
working and leads to the new one. A test holds the list of every URL and anchor and fails
the build if one disappears.

| What | Address | Example |
|---|---|---|
| The full text | `text/` | [Full text]({r.link.to(TEXT)}) |
| A paragraph in the full text | `text/#pN` | [Paragraph {first}]({r.link.to(TEXT, doc.paragraphs[0].anchor)}) |
| A paragraph on its own page | `paragraphs/N/` | [Paragraph {last}]({r.link.to(paragraph_page(last))}) |
| A clause of a paragraph | `paragraphs/N/#verb` (second of the same verb: `#verb-2`); in the full text `text/#pN-verb` | |
| A recital | `recitals/N/`, or `text/#rN` | |
| A section | `sections/i/` (its number, in lower case), or `text/#s-i` | |
| A footnote, with the Council's own number | `text/#fn:N` | |
| An instrument the text recalls | `instruments/ID/` | [All instruments]({r.link.to(INSTRUMENTS)}) |
| A glossary entry | `glossary/#ID` | [Glossary]({r.link.to(GLOSSARY)}) |
| An actor | `actors/ID/` | [All actors]({r.link.to(ACTORS)}) |
| An operative verb | `verbs/#ID` | [Verbs]({r.link.to(VERBS)}) |
| The whole document as data (JSON) | `data/document.json` | [document.json]({r.link.to("data/document.json")}) |
| One paragraph as data (JSON) | `data/paragraphs/N.json` | [Paragraph {last} as JSON]({r.link.to(f"data/paragraphs/{last}.json")}) |
| The JSON Schemas of that data | `data/schema/document.schema.json`, `data/schema/paragraph.schema.json` | [paragraph.schema.json]({r.link.to("data/schema/paragraph.schema.json")}) |
| The link-preview image of a paragraph or recital (1200×630 PNG) | `cards/paragraphs/N.png`, `cards/recitals/N.png`; other pages `cards/site.png` | |

Paragraph numbers are the Council's own ({first} to {last}); footnotes keep the Council's numbers too.

Every page names its data with `<link rel="alternate" type="application/json">`: a
paragraph page its own file, every other page the whole document.
"""
    return Page(
        ABOUT,
        "About these URLs",
        body,
        in_nav=True,
        meta={
            "description": "The URL policy of this edition: every published URL and anchor stays valid for good.",
        },
    )

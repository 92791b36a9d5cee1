"""Generate the Markdown of every page from the edition.

Each function returns one `Page`; `all_pages` yields them all. Nothing here knows MkDocs:
the adapter turns `Page` objects into MkDocs files.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import yaml

from .citation import citation_prefix
from .clauses import Clause
from .index import Backlink, Edition, Item
from .inline import lead, plain_text
from .markdown import Linker, esc, esc_title, render_inline, spans
from .model import Footnote, Paragraph, Recital, Section

TEXT = "text.md"
HOME = "index.md"
ABOUT = "about/urls.md"
INSTRUMENTS = "instruments/index.md"
GLOSSARY = "glossary.md"
ACTORS = "actors/index.md"
VERBS = "verbs.md"
DESCRIPTION_LIMIT = 200
NAV_SECTIONS_LIMIT = 30
"""Sections are listed in the navigation only up to this many (home and full text list them all)."""


def paragraph_page(n: int) -> str:
    return f"paragraphs/{n}.md"


def recital_page(n: int) -> str:
    return f"recitals/{n}.md"


def section_page(section: Section) -> str:
    return f"sections/{section.slug}.md"


def instrument_page(entry_id: str) -> str:
    return f"instruments/{entry_id}.md"


def actor_page(entry_id: str) -> str:
    return f"actors/{entry_id}.md"


@dataclass
class Page:
    """One generated page: where it goes, its front matter and its Markdown body."""

    src: str
    title: str
    body: str
    in_nav: bool = False
    meta: dict = field(default_factory=dict)

    @property
    def markdown(self) -> str:
        meta = {"title": self.title, **self.meta}
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000)
        return f"---\n{front}---\n\n{self.body}\n"


def _footnote_ref(page_refs: dict[str, int]):
    """Footnote references keep the Council's number; each gets a unique back-reference id."""

    def ref(number: str) -> str:
        page_refs[number] = page_refs.get(number, 0) + 1
        count = page_refs[number]
        ref_id = f"fnref:{number}" if count == 1 else f"fnref{count}:{number}"
        return f'<sup id="{ref_id}" class="fnref">[{number}](#fn:{number}){{ .footnote-ref aria-label="Footnote {number}" }}</sup>'

    return ref


def site_path(page: str) -> str:
    """The address of a generated page relative to the site root (directory URLs)."""
    path = page.removesuffix(".md")
    if path == "index" or path.endswith("/index"):
        return path.removesuffix("index")
    return f"{path}/"


def _share_tools(label: str) -> str:
    """"Copy link" and "Cite" buttons, in the HTML so the page does not shift when they work.

    They are shown only once a script in the page's head has marked it as scripted (CSS):
    without JavaScript, the number before them is the permalink.
    """
    return (
        f' <span class="share-tools" role="group" aria-label="Share {label}">'
        f'<button type="button" class="share-btn" data-share="link" aria-label="Copy link to {label}">Copy link</button>'
        f'<button type="button" class="share-btn" data-share="cite" aria-label="Cite {label}">Cite</button></span>'
    )


class Renderer:
    """Renders items of the edition as Markdown for one page."""

    def __init__(self, edition: Edition, page: str) -> None:
        self.edition = edition
        self.link = Linker(page)
        self.refs: dict[str, int] = {}
        self.footnote_ref = _footnote_ref(self.refs)

    def item(self, item: Item, clause_anchor=None) -> str:
        found = self.edition.of(item)
        clauses = self.edition.clauses.get(item.number, []) if isinstance(item, Paragraph) else []
        return render_inline(
            item.text, self.link, self.footnote_ref, found.instruments, found.terms, clauses,
            clause_anchor or (lambda c: c.anchor),
        )

    def paragraph_block(self, paragraph: Paragraph, full_text: bool) -> str:
        number_link = self.link.to(paragraph_page(paragraph.number))
        anchor = (lambda c: c.text_anchor) if full_text else None
        number = f'[{paragraph.number}]({number_link} "{paragraph.label}: its own page"){{ .pnum }}'
        return (
            f'<div class="para" id="{paragraph.anchor}" data-number="{paragraph.number}" '
            f'{self._share_data(paragraph, paragraph_page(paragraph.number))} markdown>\n'
            f"{number}{_share_tools(paragraph.label)} {self.item(paragraph, anchor)}\n</div>"
        )

    def recital_block(self, recital: Recital) -> str:
        link = self.link.to(recital_page(recital.number))
        return (
            f'<div class="recital" id="{recital.anchor}" {self._share_data(recital, recital_page(recital.number))} markdown>\n'
            f'[({recital.number})]({link} "{recital.label}: its own page"){{ .pnum }}{_share_tools(recital.label)} '
            f"{self.item(recital)}\n</div>"
        )

    def _share_data(self, item: Paragraph | Recital, page: str) -> str:
        """What "Copy link" and "Cite" copy: the page's path from the site root and the citation
        without its address (share.js joins them with the site URL the template prints)."""
        cite = esc_title(citation_prefix(self.edition.document.header, item))
        return f'data-path="{site_path(page)}" data-cite="{cite}"'

    def footnotes(self, numbers: list[str]) -> str:
        if not numbers:
            return ""
        notes = []
        for number in numbers:
            note: Footnote = self.edition.document.footnotes[number]
            back = f' [↩](#fnref:{number}){{ .footnote-backref aria-label="Back to the reference of footnote {number}" }}' if number in self.refs else ""
            notes.append(
                f'<div class="footnote" id="fn:{number}" markdown>\n'
                f'<span class="fn-num">{esc(number)}</span> {self.item(note)}{back}\n</div>'
            )
        return '<div class="footnotes" role="note" aria-label="Footnotes" markdown>\n\n' + "\n\n".join(notes) + "\n\n</div>"


def _lead(item: Item, limit: int = 140) -> str:
    return esc(lead(plain_text(item.text), limit))


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
        f"[Read the full text]({r.link.to(TEXT)}){{ .md-button .md-button--primary }}",
        "## Overview",
    ]
    if doc.recitals:
        out.append(f"### [Recitals]({r.link.to(TEXT, 'recitals')}) ({len(doc.recitals)})")
        out.append("\n".join(f"- [({x.number})]({r.link.to(recital_page(x.number))}) {_lead(x)}" for x in doc.recitals))
    for section in doc.sections:
        out.append(f"### [{esc(section.heading)}]({r.link.to(section_page(section))}) (paragraphs {section.range_label})")
        out.append("\n".join(
            f"- [{p.number}]({r.link.to(paragraph_page(p.number))} \"{p.label}\") {_lead(p)}" for p in section.paragraphs
        ))
    return Page(HOME, h.short_title, "\n\n".join(x for x in out if x), in_nav=True,
                meta={"description": lead(h.cover_note or h.title, DESCRIPTION_LIMIT)})


def full_text(edition: Edition) -> Page:
    doc = edition.document
    r = Renderer(edition, TEXT)
    out = [f"# {esc(doc.header.title)}"]
    for line in doc.preamble:
        out.append(f'<p class="preamble" markdown>{render_inline(line, r.link, r.footnote_ref)}</p>')
    if doc.recitals:
        out.append('<div class="recitals" id="recitals" markdown>\n\n' + "\n\n".join(r.recital_block(x) for x in doc.recitals) + "\n\n</div>")
    for section in doc.sections:
        if section.label:
            out.append(f"## [{esc(section.heading)}]({r.link.to(section_page(section))}) {{ #s-{section.slug} }}")
        out.extend(r.paragraph_block(p, full_text=True) for p in section.paragraphs)
    out.append("## Footnotes { #footnotes }")
    out.append(r.footnotes(list(doc.footnotes)))
    return Page(TEXT, "Full text", "\n\n".join(out), in_nav=True, meta={
        "description": lead(f"The full text of the {doc.header.title}, {doc.header.document_id}, {doc.header.place_date}.", DESCRIPTION_LIMIT),
        # Each paragraph has its own page in the index; indexing the full text too would
        # return every hit twice.
        "search": {"exclude": True},
    })


def _pager(r: Renderer, items: list, index: int, page_of, label) -> str:
    links = []
    if index > 0:
        prev = items[index - 1]
        links.append(f'[← {esc(label(prev))}]({r.link.to(page_of(prev))}){{ rel="prev" }}')
    if index + 1 < len(items):
        nxt = items[index + 1]
        links.append(f'[{esc(label(nxt))} →]({r.link.to(page_of(nxt))}){{ rel="next" }}')
    return '<nav class="pager" aria-label="Previous and next" markdown>\n' + " ".join(links) + "\n</nav>"


def _breadcrumb(r: Renderer, trail: list[tuple[str, str | None]]) -> str:
    parts = [f"[{esc(label)}]({r.link.to(src)})" if src else f'<span aria-current="page">{esc(label)}</span>' for label, src in trail]
    return '<nav class="crumbs" aria-label="Breadcrumb" markdown>\n' + " › ".join(parts) + "\n</nav>"


def paragraph(edition: Edition, p: Paragraph) -> Page:
    doc = edition.document
    src = paragraph_page(p.number)
    r = Renderer(edition, src)
    section = p.section
    trail = [("Full text", TEXT)]
    if section is not None:
        trail.append((section.heading, section_page(section)))
    trail.append((p.label, None))
    out = [
        _breadcrumb(r, trail),
        f"# {p.label} {{ #title }}",
        r.paragraph_block(p, full_text=False),
        r.footnotes(p.footnotes),
        f'<p class="context" markdown>[Read paragraph {p.number} in the full text]({r.link.to(TEXT, p.anchor)})</p>',
        _pager(r, doc.paragraphs, p.number - 1, lambda x: paragraph_page(x.number), lambda x: x.label),
    ]
    out.extend(_paragraph_links(edition, r, p))
    return Page(src, f"{p.label} – {doc.header.short_title}", "\n\n".join(x for x in out if x), meta={
        "description": lead(plain_text(p.text), DESCRIPTION_LIMIT),
    })


def _paragraph_links(edition: Edition, r: Renderer, p: Paragraph) -> list[str]:
    out: list[str] = []
    clauses = edition.clauses.get(p.number, [])
    if clauses:
        rows = []
        for c in clauses:
            who = ", ".join(f"[{esc(a.name)}]({r.link.to(actor_page(a.id))})" for a in c.addressees) or "—"
            rows.append(f"| [{esc(c.verb.name)}](#{c.anchor}) | {who} |")
        out.append('## Clauses { #clauses }\n\n| Operative verb | Asked to act |\n|---|---|\n' + "\n".join(rows))
    found = edition.of(p)
    addressed = {a.id: a for c in clauses for a in c.addressees}
    mentioned = {m.entry.id: m.entry for m in found.actors if m.entry.id not in addressed}
    if addressed or mentioned:
        lines = ["## Actors { #actors }"]
        if addressed:
            lines.append("Asked to act: " + ", ".join(f"[{esc(a.name)}]({r.link.to(actor_page(a.id))})" for a in addressed.values()))
        if mentioned:
            lines.append("Also mentioned: " + ", ".join(f"[{esc(a.name)}]({r.link.to(actor_page(a.id))})" for a in mentioned.values()))
        out.append("\n\n".join(lines))
    instruments = {m.entry.id: m.entry for m in found.instruments}
    if instruments:
        out.append("## Instruments { #instruments }\n\n" + "\n".join(
            f"- [{esc(i.name)}]({r.link.to(instrument_page(i.id))})" for i in instruments.values()))
    return out


def recital(edition: Edition, x: Recital) -> Page:
    doc = edition.document
    src = recital_page(x.number)
    r = Renderer(edition, src)
    out = [
        _breadcrumb(r, [("Full text", TEXT), (x.label, None)]),
        f"# {x.label} {{ #title }}",
        r.recital_block(x),
        r.footnotes(x.footnotes),
        f'<p class="context" markdown>[Read recital {x.number} in the full text]({r.link.to(TEXT, x.anchor)})</p>',
        _pager(r, doc.recitals, x.number - 1, lambda y: recital_page(y.number), lambda y: y.label),
    ]
    found = edition.of(x)
    instruments = {m.entry.id: m.entry for m in found.instruments}
    for number in x.footnotes:
        instruments.update({m.entry.id: m.entry for m in edition.of(doc.footnotes[number]).instruments})
    if instruments:
        out.append("## Instruments { #instruments }\n\n" + "\n".join(
            f"- [{esc(i.name)}]({r.link.to(instrument_page(i.id))})" for i in instruments.values()))
    return Page(src, f"{x.label} – {doc.header.short_title}", "\n\n".join(x for x in out if x), meta={
        "description": lead(plain_text(x.text), DESCRIPTION_LIMIT),
    })


def section(edition: Edition, s: Section) -> Page:
    src = section_page(s)
    r = Renderer(edition, src)
    items = "\n".join(f'- [{p.number}]({r.link.to(paragraph_page(p.number))} "{p.label}") {_lead(p, 200)}' for p in s.paragraphs)
    out = [
        _breadcrumb(r, [("Full text", TEXT), (s.heading, None)]),
        f"# {esc(s.heading)}",
        f"Paragraphs {s.range_label}. [Read this section in the full text]({r.link.to(TEXT, s.paragraphs[0].anchor)}).",
        items,
    ]
    # Material writes the whole nav into every page: past a few dozen sections it would
    # dominate every page's size and the build time (bench/RESULTS.md, "Scale").
    in_nav = len(edition.document.sections) <= NAV_SECTIONS_LIMIT
    return Page(src, s.heading, "\n\n".join(out), in_nav=in_nav, meta={
        "description": lead(f"{s.heading}: paragraphs {s.range_label} of the {edition.document.header.title}.", DESCRIPTION_LIMIT),
    })


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
    return Page(ABOUT, "About these URLs", body, in_nav=True, meta={
        "description": "The URL policy of this edition: every published URL and anchor stays valid for good.",
    })


def _item_src(item: Item, edition: Edition) -> tuple[str, str, str]:
    """Page, anchor and label of where a backlink points."""
    if isinstance(item, Paragraph):
        return paragraph_page(item.number), item.anchor, item.label
    if isinstance(item, Recital):
        return recital_page(item.number), item.anchor, item.label
    return TEXT, f"fn:{item.number}", f"Footnote {item.number}"


def _context(link: Backlink) -> str:
    """The clause around a mention, with the mention marked."""
    start, end = link.context
    text = link.item.text
    before = plain_text(text[start : link.match.start])
    hit = plain_text(text[link.match.start : link.match.end])
    after = plain_text(text[link.match.end : end])
    if len(before) > 160:
        before = "…" + before[-160:].split(" ", 1)[-1]
    if len(after) > 160:
        after = lead(after, 160)
    return f"{esc(before.lstrip())}<mark>{esc(hit)}</mark>{esc(after.rstrip())}"


def _backlink_table(r: Renderer, edition: Edition, links: list[Backlink], heading: str) -> str:
    rows = []
    for link in links:
        page, anchor, label = _item_src(link.item, edition)
        target = link.clause.anchor if link.clause is not None else anchor
        rows.append(f"| [{esc(label)}]({r.link.to(page, target)}) | {_context(link)} |")
    return f"{heading}\n\n| Where | Text |\n|---|---|\n" + "\n".join(rows)


def instruments_index(edition: Edition) -> Page:
    r = Renderer(edition, INSTRUMENTS)
    reg = edition.registries
    out = ["# Instruments", "What the conclusions recall and rely on, grouped by kind, with how often each is mentioned."]
    for kind in reg.instrument_kinds:
        members = [i for i in reg.instruments if i.kind == kind.id]
        if not members:
            continue
        out.append(f"## {esc(kind.label)} ({len(members)}) {{ #{kind.id} }}")
        out.append("\n".join(
            f"- [{esc(i.name)}]({r.link.to(instrument_page(i.id))}) — {len(edition.instrument_links[i.id])} "
            f"mention{'s' if len(edition.instrument_links[i.id]) != 1 else ''}" for i in members))
    return Page(INSTRUMENTS, "Instruments", "\n\n".join(out), in_nav=True, meta={
        "description": lead(f"The instruments recalled in the {edition.document.header.title}, with every paragraph that mentions them.", DESCRIPTION_LIMIT),
    })


def instrument(edition: Edition, i) -> Page:
    src = instrument_page(i.id)
    r = Renderer(edition, src)
    kind = next(k.label for k in edition.registries.instrument_kinds if k.id == i.kind)
    facts = [("Kind", esc(kind))]
    for label, value in (("Reference", i.reference), ("Date", i.date), ("CELEX", i.celex), ("ELI", i.eli)):
        if value:
            facts.append((label, esc(value)))
    facts.append(("Official address", f"[{esc(i.url)}]({i.url}){{ rel=\"external\" }}"))
    table = "| Field | Entry |\n|---|---|\n" + "\n".join(f"| {k} | {v} |" for k, v in facts)
    out = [
        _breadcrumb(r, [("Instruments", INSTRUMENTS), (i.name, None)]),
        f"# {esc(i.name)}",
        esc(i.description),
        table,
        _backlink_table(r, edition, edition.instrument_links[i.id], "## Recalled in { #recalled-in }"),
    ]
    return Page(src, i.name, "\n\n".join(out), meta={"description": lead(i.description, DESCRIPTION_LIMIT)})


def glossary(edition: Edition) -> Page:
    r = Renderer(edition, GLOSSARY)
    terms = sorted(edition.registries.terms, key=lambda t: t.name.casefold())
    letters: dict[str, list] = {}
    for t in terms:
        letters.setdefault(t.name[0].upper() if t.name[0].isalpha() else "#", []).append(t)
    in_header = {m.entry.id for matches in edition.header_terms.values() for m in matches}
    out = ["# Glossary", "Abbreviations and terms of art used in the conclusions, A to Z."]
    out.append(" · ".join(f"[{esc(letter)}](#letter-{ord(letter)})" for letter in letters))
    for letter, members in letters.items():
        out.append(f"## {esc(letter)} {{ #letter-{ord(letter)} }}")
        for t in members:
            used = []
            seen: set[str] = set()
            for link in edition.term_links[t.id]:
                page, anchor, label = _item_src(link.item, edition)
                if label not in seen:
                    seen.add(label)
                    used.append(f"[{esc(label)}]({r.link.to(page, anchor)})")
            if t.id in in_header:
                used.insert(0, f"[Document header]({r.link.to(HOME)})")
            official = f" [Official source]({t.url}){{ rel=\"external\" }}" if t.url else ""
            for instrument in _instruments_of_term(edition, t.id):
                official += f" See the instrument: [{esc(instrument.name)}]({r.link.to(instrument_page(instrument.id))})."
            out.append(
                f'<div class="gloss" markdown>\n\n### {esc(t.name)} {{ #{t.id} }}\n\n'
                f"**{esc(t.expansion)}.** {esc(t.definition)}{official}\n\n"
                f"Used in: {', '.join(used)}\n\n</div>"
            )
    return Page(GLOSSARY, "Glossary", "\n\n".join(out), in_nav=True, meta={
        "description": "Abbreviations and terms of art of the conclusions, with plain-language definitions.",
    })


def _instruments_of_term(edition: Edition, term_id: str) -> list:
    """Instruments whose words a term shares somewhere in the text (IRIS² and its programme)."""
    found: dict[str, object] = {}
    for link in edition.term_links[term_id]:
        for span in spans(edition.of(link.item).instruments, [link.match]):
            if span.instrument is not None and span.term is not None:
                found[span.instrument.id] = span.instrument
    return list(found.values())


def actors_index(edition: Edition) -> Page:
    r = Renderer(edition, ACTORS)
    reg = edition.registries
    sections = [s for s in edition.document.sections]
    out = ["# Actors", "Who the conclusions ask to act, and who they mention."]
    rows = []
    for a in reg.actors:
        rows.append(
            f"| [{esc(a.name)}]({r.link.to(actor_page(a.id))}) | {len(edition.actor_requests[a.id])} | {len(edition.actor_mentions[a.id])} |"
        )
    out.append("| Actor | Requests | Other mentions |\n|---|---:|---:|\n" + "\n".join(rows))
    out.append(_matrix(edition, r, sections))
    return Page(ACTORS, "Actors", "\n\n".join(out), in_nav=True, meta={
        "description": lead(f"Who the {edition.document.header.title} ask to act, and where.", DESCRIPTION_LIMIT),
    })


def _matrix(edition: Edition, r: Renderer, sections: list[Section]) -> str:
    """Actor-by-section table of requests: a real table (caption, headers), counts in figures.

    Shading repeats the count for sighted readers at a glance; screen readers get the same
    numbers through table semantics.
    """
    actors = [a for a in edition.registries.actors if edition.actor_requests[a.id]]
    if not actors:
        return ""
    grid = {
        (a.id, s.slug): [c for c in edition.actor_requests[a.id] if c.paragraph.section is s]
        for a in actors for s in sections
    }
    peak = max(len(v) for v in grid.values())
    head = "".join(
        f'<th scope="col" markdown="span"><abbr title="{esc_title(s.heading)}">{esc(s.label or "Opening")}</abbr></th>'
        for s in sections
    )
    body = []
    for a in actors:
        cells = []
        for s in sections:
            clauses = grid[(a.id, s.slug)]
            if not clauses:
                cells.append('<td class="heat-0">0</td>')
                continue
            level = min(4, 1 + (4 * (len(clauses) - 1)) // peak)
            first = clauses[0]
            href = r.link.to(actor_page(a.id), f"req-{first.paragraph.number}-{first.anchor}")
            label = f"{len(clauses)} request{'s' if len(clauses) != 1 else ''} to {a.name} in {s.heading}"
            cells.append(f'<td class="heat-{level}" markdown="span">[{len(clauses)}]({href}){{ aria-label="{esc_title(label)}" }}</td>')
        body.append(
            f'<tr markdown="1"><th scope="row" markdown="span">[{esc(a.name)}]({r.link.to(actor_page(a.id))})</th>{"".join(cells)}</tr>'
        )
    return (
        "## Requests by section { #matrix }\n\n"
        "Number of requests to each actor, by section of the conclusions. Each number links to the requests.\n\n"
        # No <caption>: md_in_html wraps it in a <p>; the heading names the table instead.
        '<table class="heatmap" aria-labelledby="matrix" markdown="1">\n'
        f'<thead markdown="1"><tr markdown="1"><th scope="col">Actor</th>{head}</tr></thead>\n<tbody markdown="1">\n'
        + "\n".join(body) + "\n</tbody>\n</table>"
    )


def actor(edition: Edition, a) -> Page:
    src = actor_page(a.id)
    r = Renderer(edition, src)
    out = [
        _breadcrumb(r, [("Actors", ACTORS), (a.name, None)]),
        f"# {esc(a.name)}",
        f"{esc(a.description)} [Official website]({a.url}){{ rel=\"external\" }}",
    ]
    requests = edition.actor_requests[a.id]
    if requests:
        rows = []
        for c in requests:
            asked = lead(plain_text(c.source), 220)
            rows.append(
                f'| <span id="req-{c.paragraph.number}-{c.anchor}"></span>[{c.paragraph.number}]({r.link.to(paragraph_page(c.paragraph.number), c.anchor)}) '
                f"| {esc(c.verb.name)} | {esc(asked)} |"
            )
        out.append("## Asked to act { #asked-to-act }\n\n| Paragraph | Verb | What is asked |\n|---|---|---|\n" + "\n".join(rows))
    mentions = edition.actor_mentions[a.id]
    if mentions:
        out.append(_backlink_table(r, edition, mentions, "## Also mentioned in { #mentioned-in }"))
    return Page(src, a.name, "\n\n".join(out), meta={"description": lead(a.description, DESCRIPTION_LIMIT)})


def verbs(edition: Edition) -> Page:
    r = Renderer(edition, VERBS)
    out = ["# Operative verbs", "Each operative verb of the conclusions, with every clause that uses it."]
    for v in sorted(edition.registries.verbs, key=lambda v: v.name):
        clauses: list[Clause] = edition.verb_clauses[v.id]
        out.append(f'<div class="verb-entry" markdown>\n\n## {esc(v.name)} ({len(clauses)}) {{ #{v.id} }}\n\n' + "\n".join(
            f"- [Paragraph {c.paragraph.number}]({r.link.to(paragraph_page(c.paragraph.number), c.anchor)}): "
            f"{esc(lead(plain_text(c.source), 160))}" for c in clauses) + "\n\n</div>")
    return Page(VERBS, "Operative verbs", "\n\n".join(out), in_nav=True, meta={
        "description": "Each operative verb of the conclusions with every clause that uses it.",
    })


def all_pages(edition: Edition) -> Iterator[Page]:
    doc = edition.document
    yield home(edition)
    yield full_text(edition)
    for s in doc.sections:
        yield section(edition, s)
    for x in doc.recitals:
        yield recital(edition, x)
    for p in doc.paragraphs:
        yield paragraph(edition, p)
    yield instruments_index(edition)
    for i in edition.registries.instruments:
        yield instrument(edition, i)
    yield glossary(edition)
    yield actors_index(edition)
    for a in edition.registries.actors:
        yield actor(edition, a)
    yield verbs(edition)
    yield about_urls(edition)

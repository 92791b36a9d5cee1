"""The pages of the text itself: home, full text, paragraphs, recitals, sections, URL policy."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

from .. import urls
from ..citation import long_date
from ..index import Edition
from ..inline import lead, plain_text
from ..inline_markdown import render_inline
from ..markup import SEARCH_EXCLUDE, Md, bullets, code, element, heading, join, link, para, table
from ..model import Entry, Instrument, Paragraph, Recital, Section
from ..references import Reference
from ..urls import (
    ABOUT,
    ACTORS,
    GLOSSARY,
    INSTRUMENTS,
    VERBS,
    actor_page,
    instrument_page,
)
from .base import DESCRIPTION_LIMIT, NAV_SECTIONS_LIMIT, Page
from .render import OwnItem, Renderer, breadcrumb, item_lead, pager

Part = urls.Part


REGISTER_COLUMNS = ["In the Council's register", "As the document gives it"]
"""The headers of the home page's table of the document's register data."""


def home(edition: Edition) -> Page:
    """The home page: the document's register data, the cover note and an overview of every section."""
    u = edition.urls
    doc = edition.document
    h = doc.header
    r = Renderer(edition, u.home)
    codes = []
    for subject_code in h.subject_codes:
        matches = edition.header_terms.get(subject_code, ())
        codes.append(render_inline(subject_code, r.link, r.footnote_ref, [], matches))
    rows = [
        ("Institution", h.institution),
        ("Place and date", f"{h.place_date} {h.language_note}".strip()),
        ("Document", _document(h.document_id, h.number)),
        ("Subject codes", join(codes, ", ")),
        ("Status", h.status),
        ("From", h.sender),
        ("To", h.recipient),
        ("No. prev. doc.", h.previous_document),
        ("Interinstitutional file", h.interinstitutional_file),
        ("No. Cion doc.", h.commission_document),
        ("Date of receipt", h.date_of_receipt),
        ("Subject", h.subject),
    ]
    out = [
        heading(1, h.title),
        element(
            "div",
            table(REGISTER_COLUMNS, [(k, v) for k, v in rows if v]),
            {"class": "doc-header", **SEARCH_EXCLUDE},
            markdown="",
            inner="\n\n",
        ),
        para(h.cover_note, {"lang": h.cover_language or None}) if h.cover_note else "",
        _cover_note(edition, r),
        link("Read the full text", r.link.to(u.text), classes=["md-button", "md-button--primary"]),
        heading(2, "Overview"),
    ]
    if doc.recitals:
        out.append(heading(3, join([link("Recitals", r.link.to(u.text, Part.RECITALS)), f" ({len(doc.recitals)})"])))
        out.append(
            bullets(join([link(x.marker, r.link.to(u.recital_page(x.key))), " ", item_lead(x)]) for x in doc.recitals)
        )
    for section in doc.sections:
        out.append(
            heading(
                3,
                join(
                    [
                        link(section.heading, r.link.to(u.section_page(section.slug))),
                        f" (paragraphs {section.range_label})",
                    ]
                ),
            )
        )
        out.append(
            bullets(
                join([link(str(p.number), r.link.to(u.paragraph_page(p.number)), title=p.label), " ", item_lead(p)])
                for p in section.paragraphs
            )
        )
    out.extend(recalled_in(r, edition.recalled_in, "Other documents of this collection that name this one."))
    return Page(
        u.home,
        h.short_title,
        join((x for x in out if x), "\n\n"),
        in_nav=True,
        meta={"description": lead(h.cover_note or h.title, DESCRIPTION_LIMIT)},
    )


def _document(document_id: str, number: str) -> str:
    """'ST 9876/24' (the id, which holds the number), or both when the id does not hold it."""
    if document_id and number and number not in document_id:
        return f"{document_id} ({number})"
    return document_id or number


def _cover_note(edition: Edition, r: Renderer) -> Md:
    """The note that carries the conclusions (a Presidency note), with its own numbering kept
    as text: `markdown="span"` so that a block opening "1. " is not read as a list."""
    u = edition.urls
    if not edition.document.cover:
        return Md("")

    def to_text(number: str) -> Md:
        # Footnotes are listed on the full-text page.
        return element(
            "sup",
            link(number, r.link.to(u.text, urls.footnote_anchor(number)), classes=["footnote-ref"]),
            {"class": "fnref"},
        )

    blocks = join(
        (para(render_inline(block, r.link, to_text), {"class": "cover"}) for block in edition.document.cover), "\n"
    )
    return element(
        "div",
        blocks,
        {
            "class": "cover-note",
            "id": Part.COVER_NOTE,
            "role": "note",
            "aria-label": "Cover note",
            # A note in another language than the text's says so (a French note, English conclusions).
            "lang": edition.document.header.cover_language or None,
        },
        markdown="",
        inner="\n",
    )


def _text_blocks(blocks: Sequence[str], r: Renderer, kind: str) -> Md:
    """Blocks of text with their own numbering kept as text (`markdown="span"`: a block that
    opens "1. " is not read as a list)."""
    return element(
        "div",
        join((para(render_inline(block, r.link, r.footnote_ref), {"class": kind}) for block in blocks), "\n"),
        {"class": kind},
        markdown="",
        inner="\n",
    )


def full_text(edition: Edition) -> Page:
    """The full text: preamble, recitals, every section's paragraphs with their clauses and points, footnotes."""
    u = edition.urls
    doc = edition.document
    r = Renderer(edition, u.text)
    # The heading under which the Council set the conclusions ("ANNEX") stands before their title.
    out = [element("p", doc.annex, {"class": "annex", "id": Part.ANNEX})] if doc.annex else []
    out.append(heading(1, doc.header.title))
    for line in doc.preamble:
        out.append(element("p", render_inline(line, r.link, r.footnote_ref), {"class": "preamble"}, markdown=""))
    if doc.recitals:
        out.append(
            element(
                "div",
                join((r.recital_block(x) for x in doc.recitals), "\n\n"),
                {"class": "recitals", "id": Part.RECITALS},
                markdown="",
                inner="\n\n",
            )
        )
    for line in doc.lead_in:
        out.append(element("p", render_inline(line, r.link, r.footnote_ref), {"class": "preamble"}, markdown=""))
    for section in doc.sections:
        if not section.implicit:
            out.append(
                heading(
                    2,
                    link(section.heading, r.link.to(u.section_page(section.slug))),
                    id=urls.section_anchor(section.slug),
                )
            )
        out.extend(r.paragraph_block(p, full_text=True) for p in section.paragraphs)
    if doc.appendix_heading:
        out.append(heading(2, doc.appendix_heading, id=Part.APPENDIX))
        out.append(_text_blocks(doc.appendix, r, "appendix"))
    out.append(heading(2, "Footnotes", id=Part.FOOTNOTES))
    out.append(r.footnotes(list(doc.footnotes)))
    return Page(
        u.text,
        "Full text",
        join(out, "\n\n"),
        in_nav=True,
        meta={
            # The header names the page once it is scrolled (the navigation keeps "Full text"):
            # a reader sent to a paragraph sees which text it is.
            "title": f"Full text – {doc.header.document_id or doc.header.short_title}",
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
    item: OwnItem,
    src: str,
    trail: Sequence[tuple[str, str | None]],
    siblings: Sequence[OwnItem],
    page_of: Callable[[OwnItem], str],
    extra: Callable[[Renderer], list[Md]],
) -> Page:
    """The page of one paragraph or recital: where it sits, its text, footnotes, neighbours.

    `extra(renderer)` adds what is particular to the kind of item, after the common parts.
    """
    u = edition.urls
    r = Renderer(edition, src)
    block = (
        r.paragraph_block(item, full_text=False)
        if isinstance(item, Paragraph)
        else r.recital_block(item, full_text=False)
    )
    kind, name = item.label.split(" ", 1)
    read = link(f"Read {kind.lower()} {name} in the full text", r.link.to(u.text, item.anchor))
    out = [
        breadcrumb(r, [("Full text", u.text), *trail, (item.label, None)]),
        heading(1, item.label, id=Part.TITLE),
        block,
        r.footnotes(item.footnotes),
        element("p", read, {"class": "context", **SEARCH_EXCLUDE}, markdown=""),
        pager(r, siblings, item.number - 1, page_of, lambda x: x.label),
        *extra(r),
    ]
    return Page(
        src,
        # The item and its document, briefly, by the number no other document has: a title
        # weighs most in search, and the document's full title on every page made each of its
        # pages the best match for the words of that title.
        f"{item.label} – {edition.document.header.document_id or edition.document.header.short_title}",
        join((x for x in out if x), "\n\n"),
        # Found first by its number ("paragraph 21"): the title names the document at length.
        meta={"description": lead(plain_text(item.text), DESCRIPTION_LIMIT), "search": {"boost": 2}},
        what=item.label.lower(),
        origin=(edition.document.path, item.line),
    )


CITED_BY = "Cited by other texts"
"""The heading of where other texts of a collection cite a text or paragraph: not "Recalled
in", which on an instrument's page means where this text mentions it."""
CITED_BY_COLUMNS = ["Where", "Their words"]


def recalled_in(r: Renderer, references: Sequence[Reference], intro: str) -> list[Md]:
    """Where other documents of the collection name this one (or this paragraph): each citing
    place once, newest document first, named by the citing text's title and date, with the
    words that name it."""
    if not references:
        return []
    rows = []
    seen: set[tuple[str, str]] = set()
    for ref in references:
        page, anchor, label = ref.place()
        if (page, anchor) in seen:
            continue
        seen.add((page, anchor))
        who = ref.citing.document_id or ref.citing.title
        what = ", ".join(
            x for x in (ref.citing.title if ref.citing.document_id else "", long_date(ref.citing.date)) if x
        )
        where = link(f"{label} of {who}", r.link.to(page, anchor))
        rows.append((join([where, f" ({what})"]) if what else where, _words_around(ref)))
    return [join([heading(2, CITED_BY, id=Part.RECALLED_IN), intro, table(CITED_BY_COLUMNS, rows)], "\n\n")]


def _words_around(ref: Reference) -> Md:
    """The reference's words, marked, in a little of the text around them."""
    text = ref.text
    before = plain_text(text[max(0, ref.start - 120) : ref.start])
    after = plain_text(text[ref.end : ref.end + 120])
    if ref.start > 120:
        before = "…" + before.split(" ", 1)[-1]
    if ref.end + 120 < len(text):
        after = after.rsplit(" ", 1)[0] + "…"
    return join([before.lstrip(), element("mark", plain_text(ref.words)), after.rstrip()])


def _links(r: Renderer, entries: Iterable[Entry], page_of: Callable[[str], str]) -> Md:
    return join((link(e.name, r.link.to(page_of(e.id))) for e in entries), ", ")


def _instruments_section(r: Renderer, instruments: Mapping[str, Instrument]) -> list[Md]:
    if not instruments:
        return []
    items = bullets(link(i.name, r.link.to(instrument_page(i.id))) for i in instruments.values())
    return [join([heading(2, "Instruments", id=Part.INSTRUMENTS), items], "\n\n")]


def paragraph(edition: Edition, p: Paragraph) -> Page:
    """The page of paragraph `p`: where it stands, its text, footnotes, neighbours, clauses and links."""
    u = edition.urls
    section = edition.document.section_of(p)
    return _own_page(
        edition,
        p,
        u.paragraph_page(p.number),
        [(section.heading, u.section_page(section.slug))],
        edition.document.paragraphs,
        lambda x: u.paragraph_page(x.number),
        lambda r: [
            # First after the text: what other texts make of this paragraph.
            *recalled_in(
                r,
                [ref for ref in edition.recalled_in if any(n.number == p.number for n in ref.paragraphs)],
                "Other documents of this collection that name this paragraph.",
            ),
            *_paragraph_links(edition, r, p),
        ],
    )


def _paragraph_links(edition: Edition, r: Renderer, p: Paragraph) -> list[Md]:
    out: list[Md] = []
    clauses = edition.clauses.get(p.number, ())
    if clauses:
        rows = [(link(c.verb.name, r.link.here(c.anchor)), _links(r, c.addressees, actor_page) or "—") for c in clauses]
        out.append(
            join([heading(2, "Clauses", id=Part.CLAUSES), table(["Operative verb", "Asked to act"], rows)], "\n\n")
        )
    found = edition.of(p)
    addressed = {a.id: a for c in clauses for a in c.addressees}
    mentioned = {m.entry.id: m.entry for m in found.actors if m.entry.id not in addressed}
    if addressed or mentioned:
        lines = [heading(2, "Actors", id=Part.ACTORS)]
        # Those asked to act are in the Clauses table, each beside its clause: not listed twice.
        if addressed:
            lines.append(join([Md("Asked to act: see "), link("Clauses", r.link.here(Part.CLAUSES)), Md(".")]))
        if mentioned:
            lines.append(join([Md("Also mentioned: "), _links(r, mentioned.values(), actor_page)]))
        out.append(join(lines, "\n\n"))
    out.extend(_instruments_section(r, {m.entry.id: m.entry for m in found.instruments}))
    return out


def recital(edition: Edition, x: Recital) -> Page:
    """The page of recital `x`: its text, footnotes, neighbours and the instruments it recalls."""
    u = edition.urls
    doc = edition.document
    # A recital's instruments are often named only in its footnote (a document number).
    instruments = {m.entry.id: m.entry for m in edition.of(x).instruments}
    for number in x.footnotes:
        instruments.update({m.entry.id: m.entry for m in edition.of(doc.footnotes[number]).instruments})
    return _own_page(
        edition,
        x,
        u.recital_page(x.key),
        [],
        doc.recitals,
        lambda y: u.recital_page(y.key),
        lambda r: _instruments_section(r, instruments),
    )


def section(edition: Edition, s: Section) -> Page:
    """The page of section `s`: its paragraphs, each with its opening words."""
    u = edition.urls
    src = u.section_page(s.slug)
    r = Renderer(edition, src)
    items = bullets(
        join([link(str(p.number), r.link.to(u.paragraph_page(p.number)), title=p.label), " ", item_lead(p, 200)])
        for p in s.paragraphs
    )
    read = link("Read this section in the full text", r.link.to(u.text, s.paragraphs[0].anchor))
    out = [
        breadcrumb(r, [("Full text", u.text), (s.heading, None)]),
        heading(1, s.heading),
        join([f"Paragraphs {s.range_label}. ", read, "."]),
        items,
    ]
    # Material writes the whole nav into every page: past a few dozen sections it would
    # dominate every page's size and the build time (bench/RESULTS.md, "Scale").
    in_nav = len(edition.document.sections) <= NAV_SECTIONS_LIMIT
    return Page(
        src,
        s.heading,
        join(out, "\n\n"),
        in_nav=in_nav,
        meta={
            "description": lead(
                f"{s.heading}: paragraphs {s.range_label} of the {edition.document.header.title}.", DESCRIPTION_LIMIT
            ),
        },
        what="the opening paragraphs (before the first heading)" if s.implicit else f"section '{s.heading}'",
        origin=(edition.document.path, s.line),
    )


_ABOUT_INTRO = Md(
    """# About these URLs

Every address on this site is a promise: **once published, a URL and its anchors stay valid
for good**. Nothing is renamed or removed; if a page ever has to move, its old address keeps
working and leads to the new one. A test holds the list of every URL and anchor and fails
the build if one disappears."""
)
_ABOUT_DATA_LINKS = Md(
    """Every page names its data with `<link rel="alternate" type="application/json">`: a
paragraph page its own file, every other page the whole document."""
)


_PREFIX_SHOWN = "st-NUMBER-YEAR/"
"""A document's prefix as the URL policy of a collection shows it."""


def about_urls(edition: Edition, collection: bool = False) -> Page:
    """The URL policy: every family of address, as the scheme (core/urls.py) makes it; in a
    `collection`, a document's addresses under a placeholder for its prefix."""
    u = edition.urls
    shown = urls.DocumentUrls(_PREFIX_SHOWN) if collection else u
    doc = edition.document
    r = Renderer(edition, ABOUT)
    first, last = doc.paragraphs[0].number, doc.paragraphs[-1].number
    # The patterns are the scheme's own addresses, made with placeholders for the numbers and ids.
    address = urls.address
    in_text = urls.paragraph_anchor("N")
    rows = [
        ("The full text", code(address(shown.text)), link("Full text", r.link.to(u.text))),
        (
            "A paragraph in the full text",
            code(address(shown.text, in_text)),
            link(f"Paragraph {first}", r.link.to(u.text, doc.paragraphs[0].anchor)),
        ),
        (
            "A paragraph on its own page",
            code(address(shown.paragraph_page("N"))),
            link(f"Paragraph {last}", r.link.to(u.paragraph_page(last))),
        ),
        (
            "A clause of a paragraph",
            join(
                [
                    code(address(shown.paragraph_page("N"), urls.nth("verb", 1))),
                    Md(" (second of the same verb: "),
                    code(r.link.here(urls.nth("verb", 2))),
                    Md("); in the full text "),
                    code(address(shown.text, urls.within(in_text, "verb"))),
                ]
            ),
            "",
        ),
        (
            "A recital",
            join(
                [
                    code(address(shown.recital_page("N"))),
                    Md(", or "),
                    code(address(shown.text, urls.recital_anchor("N"))),
                ]
            ),
            "",
        ),
        (
            "A section",
            join(
                [
                    code(address(shown.section_page("i"))),
                    Md(" (its number, in lower case), or "),
                    code(address(shown.text, urls.section_anchor("i"))),
                ]
            ),
            "",
        ),
        ("A footnote, with the Council's own number", code(address(shown.text, urls.footnote_anchor("N"))), ""),
        (
            "An instrument the text recalls",
            code(address(instrument_page("ID"))),
            link("All instruments", r.link.to(INSTRUMENTS)),
        ),
        ("A glossary entry", code(address(GLOSSARY, urls.entry_anchor("ID"))), link("Glossary", r.link.to(GLOSSARY))),
        ("An actor", code(address(actor_page("ID"))), link("All actors", r.link.to(ACTORS))),
        ("An operative verb", code(address(VERBS, urls.entry_anchor("ID"))), link("Verbs", r.link.to(VERBS))),
        (
            "The whole document as data (JSON)",
            code(shown.document_json),
            link("document.json", r.link.to(u.document_json)),
        ),
        (
            "One paragraph as data (JSON)",
            code(shown.paragraph_json("N")),
            link(f"Paragraph {last} as JSON", r.link.to(u.paragraph_json(last))),
        ),
        (
            "The JSON Schemas of that data",
            join(
                [
                    code(urls.schema_file("document.schema.json")),
                    Md(", "),
                    code(urls.schema_file("paragraph.schema.json")),
                ]
            ),
            link("paragraph.schema.json", r.link.to(urls.schema_file("paragraph.schema.json"))),
        ),
        (
            "The link-preview image of a paragraph or recital (1200×630 PNG)",
            join(
                [
                    code(shown.paragraph_card("N")),
                    Md(", "),
                    code(shown.recital_card("N")),
                    Md("; other pages "),
                    code(urls.SITE_CARD),
                ]
            ),
            "",
        ),
    ]
    numbers = f"Paragraph numbers are the Council's own ({first} to {last}); footnotes keep the Council's numbers too."
    if collection:
        h = edition.document.header
        numbers = (
            f"Each document's pages and files stand under its own prefix ({_PREFIX_SHOWN} above), made from its "
            f"document id and the year of its date: {h.document_id} is {u.prefix}. Paragraph and footnote numbers "
            "are the Council's own."
        )
    body = join(
        [_ABOUT_INTRO, table(["What", "Address", "Example"], rows, classes=["url-scheme"]), numbers, _ABOUT_DATA_LINKS],
        "\n\n",
    )
    return Page(
        ABOUT,
        "About these URLs",
        body,
        in_nav=True,
        meta={
            "description": "The URL policy of this edition: every published URL and anchor stays valid for good.",
        },
    )

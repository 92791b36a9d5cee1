"""The pages of the text itself: home, full text, paragraphs, recitals, sections, URL policy."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence

from .. import urls
from ..clauses import Clause
from ..edition import Edition, ItemMentions
from ..inline_render import render_inline
from ..inline_source import lead, plain_text
from ..interface import ENGLISH, Interface
from ..markup import (
    SEARCH_EXCLUDE,
    Md,
    bullets,
    code,
    element,
    heading,
    interface_text,
    join,
    link,
    para,
    strong,
    table,
    worded,
)
from ..model import Entry, Instrument, Paragraph, Recital, Section, Subsection
from ..references import Reference
from ..remembered import ByValue, Recent, keeping, recent
from ..urls import (
    Linker,
    actor_page,
    instrument_page,
)
from . import templates
from .base import DESCRIPTION_LIMIT, NAV_SECTIONS_LIMIT, Page, kept_anchor
from .render import OwnItem, Renderer, breadcrumb, item_lead, pager
from .templates import blocks

Part = urls.Part


def home(edition: Edition) -> Page:
    """The home page: the text first (its title, what the page is, an overview of every section,
    the way into the full text), then the register's cover page (its data and the cover note),
    under a heading of its own, for the reader who wants them."""
    u = edition.urls
    doc = edition.document
    h = doc.header
    r = Renderer(edition, u.home)
    w = r.words
    codes = []
    for subject_code in h.subject_codes:
        matches = edition.header_terms.get(subject_code, ())
        codes.append(render_inline(subject_code, r.link, r.footnote_ref, [], matches))
    rows = [
        (w("home.institution"), h.institution),
        (w("home.place_and_date"), f"{h.place_date} {h.language_note}".strip()),
        (w("home.document"), _document(h.document_id, h.number)),
        (w("home.subject_codes"), join(codes, ", ")),
        (w("home.status"), h.status),
        (w("home.from"), h.sender),
        (w("home.meeting_date"), h.meeting_date),
        (w("home.to"), h.recipient),
        (w("home.previous_document"), h.previous_document),
        (w("home.interinstitutional_file"), h.interinstitutional_file),
        (w("home.commission_document"), h.commission_document),
        (w("home.date_of_receipt"), h.date_of_receipt),
        (w("home.subject"), h.subject),
    ]
    out = [heading(2, w("home.overview"), id=kept_anchor(w("home.overview"), ENGLISH("home.overview")))]
    if doc.recitals:
        count = f" ({len(doc.recitals)})"
        out.append(
            heading(
                3,
                join([link(w("home.recitals"), r.link.to(u.text, Part.RECITALS)), count]),
                id=kept_anchor(w("home.recitals") + count, ENGLISH("home.recitals") + count),
            )
        )
        out.append(
            bullets(join([link(x.marker, r.link.to(u.recital_page(x.key))), " ", item_lead(x)]) for x in doc.recitals)
        )
    for section in doc.sections:
        shown = w.heading(section) + w("home.section_range", range=section.range_label)
        english = ENGLISH.heading(section) + ENGLISH("home.section_range", range=section.range_label)
        out.append(
            heading(
                3,
                join(
                    [
                        link(w.heading(section), r.link.to(u.section_page(section.slug))),
                        w("home.section_range", range=section.range_label),
                    ]
                ),
                id=kept_anchor(shown, english),
            )
        )
        # As on the section's page: each sub-heading, one level under its section's, over its
        # paragraphs, linked to where it stands on its section's page.
        for subsection, paragraphs in section.parts():
            if subsection is not None:
                out.append(_subheading(r, 4, section, subsection))
            out.append(
                bullets(
                    join(
                        [
                            link(p.shown, r.link.to(u.paragraph_page(p.number)), title=w.label(p)),
                            " ",
                            item_lead(p),
                        ]
                    )
                    for p in paragraphs
                )
            )
    shown_rows = [(k, v) for k, v in rows if v]
    # The cover page's heading stands only over something: a text written by hand may have none.
    has_cover = bool(shown_rows or h.cover_note or doc.cover)
    body = templates.current().render(
        "home",
        title=heading(1, h.title),
        intro=w("home.intro"),
        cover_page=(
            heading(2, w("home.cover_page"), id=kept_anchor(w("home.cover_page"), ENGLISH("home.cover_page")))
            if has_cover
            else Md("")
        ),
        register_data=(
            element(
                "div",
                table([w("home.register_column"), w("home.document_column")], shown_rows),
                {"class": "doc-header", **SEARCH_EXCLUDE},
                markdown="",
                inner="\n\n",
            )
            if shown_rows
            else Md("")
        ),
        cover_note=join([para(h.cover_note, {"lang": h.cover_language or None}) if h.cover_note else ""]),
        cover=_cover_note(edition, r),
        read_full_text=link(w("home.read_full_text"), r.link.to(u.text), classes=["md-button", "md-button--primary"]),
        overview=blocks(*out),
        recalled_in=join(recalled_in(r, edition.recalled_in, w("home.recalled_in_intro"))),
        document=doc,
        words=w,
    )
    return Page(
        u.home,
        h.short_title,
        body,
        in_nav=True,
        meta={"description": lead(h.cover_note or h.title, DESCRIPTION_LIMIT)},
    )


def _subheading(r: Renderer, level: int, section: Section, subsection: Subsection) -> Md:
    """A sub-section's heading at its anchor, linked to where it stands on its section's page
    (it has no page of its own)."""
    to = r.link.to(r.edition.urls.section_page(section.slug), subsection.anchor)
    return heading(level, link(subsection.heading, to), id=subsection.anchor)


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
            "aria-label": r.words("home.cover_note"),
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


def _preamble_line(line: str, r: Renderer) -> Md:
    return element("p", render_inline(line, r.link, r.footnote_ref), {"class": "preamble"}, markdown="")


def _section_opening(r: Renderer, section: Section) -> list[Md]:
    """A section's heading on the full text, linked to its page, and the words under it before
    paragraph 1."""
    u = r.edition.urls
    return [
        heading(
            2, link(section.heading, r.link.to(u.section_page(section.slug))), id=urls.section_anchor(section.slug)
        ),
        *(_preamble_line(line, r) for line in section.opening_words),
    ]


def full_text(edition: Edition) -> Page:
    """The full text: preamble, recitals, every section's paragraphs with their clauses and points, footnotes."""
    u = edition.urls
    doc = edition.document
    r = Renderer(edition, u.text)
    # The heading under which the Council set the conclusions ("ANNEX") stands before their title.
    leading = doc.leading_section
    sections = []
    for section in doc.sections:
        if not section.implicit and section is not leading:
            sections += _section_opening(r, section)
        for subsection, paragraphs in section.parts():
            if subsection is not None:
                # One level under its section's heading.
                sections.append(_subheading(r, 3, section, subsection))
            sections.extend(r.paragraph_block(p, full_text=True) for p in paragraphs)
    recitals = element(
        "div",
        join((r.recital_block(x) for x in doc.recitals), "\n\n"),
        {"class": "recitals", "id": Part.RECITALS},
        markdown="",
        inner="\n\n",
    )
    body = templates.current().render(
        "full_text",
        # The heading under which the Council set the conclusions ("ANNEX") stands before their title.
        annex=element("p", doc.annex, {"class": "annex", "id": Part.ANNEX}) if doc.annex else "",
        title=heading(1, doc.header.title),
        # A heading that stands before the recitals, with the words under it, is read there.
        preamble=join(
            [*(_preamble_line(line, r) for line in doc.preamble), *(_section_opening(r, leading) if leading else ())],
            "\n\n",
        ),
        recitals=recitals if doc.recitals else "",
        lead_in=join((_preamble_line(line, r) for line in doc.lead_in), "\n\n"),
        sections=join(sections, "\n\n"),
        appendix=join(
            [heading(2, doc.appendix_heading, id=Part.APPENDIX), _text_blocks(doc.appendix, r, "appendix")], "\n\n"
        )
        if doc.appendix_heading
        else "",
        footnotes=join(
            [heading(2, r.words("footnotes.heading"), id=Part.FOOTNOTES), r.footnotes(list(doc.footnotes))], "\n\n"
        ),
        document=doc,
        words=r.words,
    )
    what = ", ".join(x for x in (doc.header.title, doc.header.document_id, doc.header.place_date) if x)
    return Page(
        u.text,
        r.words("nav.full_text"),
        body,
        in_nav=True,
        meta={
            # The header names the page once it is scrolled (the navigation keeps its own label):
            # a reader sent to a paragraph sees which text it is.
            "title": r.words("text.title", document=doc.header.document_id or doc.header.short_title),
            "description": lead(r.words("text.description", what=what), DESCRIPTION_LIMIT),
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
    extra: Callable[[Renderer], dict[str, Md]],
) -> Page:
    """The page of one paragraph or recital: where it sits, its text, footnotes, neighbours.

    `extra(renderer)` gives the parts particular to the kind of item, by name; the page's
    template (`paragraph.html`, `recital.html`) places them.
    """
    u = edition.urls
    r = Renderer(edition, src)
    block = (
        r.paragraph_block(item, full_text=False)
        if isinstance(item, Paragraph)
        else r.recital_block(item, full_text=False)
    )
    w = r.words
    label = w.label(item)
    read_words = (
        w("item.read_in_full_text.paragraph", number=item.shown)
        if isinstance(item, Paragraph)
        else w("item.read_in_full_text.recital", key=item.shown)
    )
    read = link(read_words, r.link.to(u.text, item.anchor))
    kind = "paragraph" if isinstance(item, Paragraph) else "recital"
    body = templates.current().render(
        kind,
        breadcrumb=breadcrumb(r, [(w("nav.full_text"), u.text), *trail, (label, None)]),
        title=heading(1, label, id=Part.TITLE),
        text=block,
        footnotes=r.footnotes(item.footnotes),
        read_in_full_text=element("p", read, {"class": "context", **SEARCH_EXCLUDE}, markdown=""),
        pager=pager(r, siblings, item.number - 1, page_of, w.label),
        **extra(r),
        **{kind: item},
        document=edition.document,
        words=w,
    )
    return Page(
        src,
        # The item and its document, briefly, by the number no other document has: a title
        # weighs most in search, and the document's full title on every page made each of its
        # pages the best match for the words of that title.
        f"{label} – {edition.document.header.document_id or edition.document.header.short_title}",
        body,
        # Found first by its number ("paragraph 21"): the title names the document at length.
        meta={"description": lead(plain_text(item.text), DESCRIPTION_LIMIT), "search": {"boost": 2}},
        what=item.label.lower(),
        origin=(edition.document.path, item.line),
    )


def recalled_in(r: Renderer, references: Sequence[Reference], intro: str) -> list[Md]:
    """Where other documents of the collection name this one (or this paragraph): each citing
    place once, newest document first, named by the citing text's title and date, with the
    words that name it. Not "Recalled in", which on an instrument's page means where this
    text mentions it."""
    if not references:
        return []
    rows = []
    seen: set[tuple[str, str]] = set()
    for ref in references:
        page, anchor, kind, key = ref.place()
        if (page, anchor) in seen:
            continue
        seen.add((page, anchor))
        who = ref.citing.document_id or ref.citing.title
        w = r.words
        place = w("recalled.cited_place", document=who, place=w(f"item.{kind}", number=key, key=key))
        what = ", ".join(x for x in (ref.citing.title if ref.citing.document_id else "", w.date(ref.citing.date)) if x)
        where = link(place, r.link.to(page, anchor))
        rows.append((join([where, f" ({what})"]) if what else where, _words_around(ref)))
    w = r.words
    where = table([w("recalled.cited_where"), w("recalled.cited_words")], rows)
    return [join([heading(2, w("recalled.cited_by"), id=Part.RECALLED_IN), intro, where], "\n\n")]


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


def _links(linker: Linker, entries: Iterable[Entry], page_of: Callable[[str], str]) -> Md:
    """Links to the register pages (`page_of`) of `entries`, in the page's language."""
    return join((link(e.name, linker.to_register(page_of(e.id))) for e in entries), ", ")


def _instruments_section(linker: Linker, w: Interface, instruments: Mapping[str, Instrument]) -> Md:
    if not instruments:
        return Md("")
    items = bullets(link(i.name, linker.to_register(instrument_page(i.id))) for i in instruments.values())
    return join([heading(2, w("paragraph.instruments"), id=Part.INSTRUMENTS), items], "\n\n")


def _paragraph(edition: Edition, p: Paragraph) -> Page:
    """The page of paragraph `p`: where it stands, its text, footnotes, neighbours, clauses and links."""
    u = edition.urls
    section = edition.document.section_of(p)
    trail = [(edition.interface.heading(section), u.section_page(section.slug))]
    if subsection := edition.document.subsection_of(p):
        trail.append((subsection.heading, f"{u.section_page(section.slug)}#{subsection.anchor}"))
    return _own_page(
        edition,
        p,
        u.paragraph_page(p.number),
        trail,
        edition.document.paragraphs,
        lambda x: u.paragraph_page(x.number),
        lambda r: {
            **dict(
                _paragraph_links(
                    edition.clauses.get(p.number, ()),
                    edition.of(p),
                    r.link.page,
                    r.link.registers,
                    ByValue(r.words, r.words.language),
                )
            ),
            "recalled_in": join(
                recalled_in(
                    r,
                    [ref for ref in edition.recalled_in if any(n.number == p.number for n in ref.paragraphs)],
                    r.words("paragraph.recalled_in_intro"),
                )
            ),
        },
    )


@recent
def _paragraph_links(
    clauses: tuple[Clause, ...], found: ItemMentions, page: str, registers: str, words: ByValue[Interface]
) -> tuple[tuple[str, Md], ...]:
    """The parts of a paragraph's page that link it, by name: its clauses, actors and
    instruments, made of its clauses and mentions alone, on its page (`page`); kept while
    serving (`remembered.recent`)."""
    out = {"clauses": Md(""), "actors": Md("")}
    w = words.value
    linker = Linker(page, registers)
    if clauses:
        rows = [
            (link(c.verb.name, linker.here(c.anchor)), _links(linker, c.addressees, actor_page) or "—") for c in clauses
        ]
        out["clauses"] = join(
            [
                heading(2, w("paragraph.clauses"), id=Part.CLAUSES),
                table([w("paragraph.operative_verb"), w("paragraph.asked_to_act")], rows),
            ],
            "\n\n",
        )
    addressed = {a.id: a for c in clauses for a in c.addressees}
    mentioned = {m.entry.id: m.entry for m in found.actors if m.entry.id not in addressed}
    if addressed or mentioned:
        lines = [heading(2, w("paragraph.actors"), id=Part.ACTORS)]
        # Those asked to act are in the Clauses table, each beside its clause: not listed twice.
        if addressed:
            lines.append(
                join(
                    [
                        interface_text(w("paragraph.asked_to_act_see")),
                        link(w("paragraph.clauses"), linker.here(Part.CLAUSES)),
                        Md("."),
                    ]
                )
            )
        if mentioned:
            lines.append(
                join([interface_text(w("paragraph.also_mentioned")), _links(linker, mentioned.values(), actor_page)])
            )
        out["actors"] = join(lines, "\n\n")
    out["instruments"] = _instruments_section(linker, w, {m.entry.id: m.entry for m in found.instruments})
    return tuple(out.items())


def _recital(edition: Edition, x: Recital) -> Page:
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
        lambda r: {"instruments": _instruments_section(r.link, r.words, instruments)},
    )


def section(edition: Edition, s: Section) -> Page:
    """The page of section `s`: its paragraphs, each with its opening words."""
    u = edition.urls
    src = u.section_page(s.slug)
    r = Renderer(edition, src)
    w = r.words

    def items(paragraphs: tuple[Paragraph, ...]) -> Md:
        return bullets(
            join([link(p.shown, r.link.to(u.paragraph_page(p.number)), title=w.label(p)), " ", item_lead(p, 200)])
            for p in paragraphs
        )

    # Each sub-section's heading one level under the page's title, over its paragraphs.
    groups = [
        items(paragraphs) if sub is None else blocks(heading(2, sub.heading, id=sub.anchor), items(paragraphs))
        for sub, paragraphs in s.parts()
    ]
    read = link(w("section.read"), r.link.to(u.text, s.paragraphs[0].anchor))
    body = templates.current().render(
        "section",
        breadcrumb=breadcrumb(r, [(w("nav.full_text"), u.text), (w.heading(s), None)]),
        title=heading(1, w.heading(s), id=kept_anchor(w.heading(s), ENGLISH.heading(s))),
        lead=join([w("section.paragraphs", range=s.range_label), read, "."]),
        paragraphs=blocks(*groups),
        section=s,
        document=edition.document,
        words=w,
    )
    # Material writes the whole nav into every page: past a few dozen sections it would
    # dominate every page's size and the build time (bench/RESULTS.md, "Scale").
    in_nav = len(edition.document.sections) <= NAV_SECTIONS_LIMIT
    return Page(
        src,
        w.heading(s),
        body,
        in_nav=in_nav,
        meta={
            "description": lead(
                w(
                    "section.description",
                    heading=w.heading(s),
                    range=s.range_label,
                    title=edition.document.header.title,
                ),
                DESCRIPTION_LIMIT,
            ),
        },
        what="the opening paragraphs (before the first heading)" if s.implicit else f"section '{s.heading}'",
        origin=(edition.document.path, s.line),
    )


_PREFIX_SHOWN = "st-NUMBER-YEAR/"
"""A document's prefix as the URL policy of a collection shows it."""


def about_urls(edition: Edition, collection: bool = False) -> Page:
    """The URL policy: every family of address, as the scheme (core/urls.py) makes it; in a
    `collection`, a document's addresses under a placeholder for its prefix."""
    u = edition.urls
    shown = urls.DocumentUrls(_PREFIX_SHOWN) if collection else u
    doc = edition.document
    r = Renderer(edition, u.about)
    first, last = doc.paragraphs[0].number, doc.paragraphs[-1].number
    # The patterns are the scheme's own addresses, made with placeholders for the numbers and ids.
    address = urls.address
    in_text = urls.paragraph_anchor("N")
    w = r.words

    def where(key: str, **values: str | int) -> Md:
        return worded(w.words[key], interface_text, **values)

    rows = [
        (w("urls.full_text"), code(address(shown.text)), link(w("nav.full_text"), r.link.to(u.text))),
        (
            w("urls.paragraph_in_text"),
            code(address(shown.text, in_text)),
            link(w.label(doc.paragraphs[0]), r.link.to(u.text, doc.paragraphs[0].anchor)),
        ),
        (
            w("urls.paragraph_page"),
            code(address(shown.paragraph_page("N"))),
            link(w.label(doc.paragraphs[-1]), r.link.to(u.paragraph_page(last))),
        ),
        (
            w("urls.clause"),
            where(
                "urls.clause_where",
                page=code(address(shown.paragraph_page("N"), urls.nth("verb", 1))),
                second=code(r.link.here(urls.nth("verb", 2))),
                in_text=code(address(shown.text, urls.within(in_text, "verb"))),
            ),
            "",
        ),
        (
            w("urls.recital"),
            where(
                "urls.recital_where",
                page=code(address(shown.recital_page("N"))),
                in_text=code(address(shown.text, urls.recital_anchor("N"))),
            ),
            "",
        ),
        (
            w("urls.section"),
            where(
                "urls.section_where",
                page=code(address(shown.section_page("i"))),
                in_text=code(address(shown.text, urls.section_anchor("i"))),
            ),
            "",
        ),
        (w("urls.footnote"), code(address(shown.text, urls.footnote_anchor("N"))), ""),
        (
            w("urls.instrument"),
            code(address(shown.instrument_page("ID"))),
            link(w("urls.all_instruments"), r.link.to(u.instruments)),
        ),
        (
            w("urls.glossary_entry"),
            code(address(shown.glossary, urls.entry_anchor("ID"))),
            link(w("registers.glossary"), r.link.to(u.glossary)),
        ),
        (w("urls.actor"), code(address(shown.actor_page("ID"))), link(w("urls.all_actors"), r.link.to(u.actors))),
        (
            w("urls.verb"),
            code(address(shown.verbs, urls.entry_anchor("ID"))),
            link(w("urls.verbs_link"), r.link.to(u.verbs)),
        ),
        (
            w("urls.document_json"),
            code(shown.document_json),
            link("document.json", r.link.to(u.document_json)),
        ),
        (
            w("urls.paragraph_json"),
            code(shown.paragraph_json("N")),
            link(
                w("urls.paragraph_json_link", label=w.label(doc.paragraphs[-1])),
                r.link.to(u.paragraph_json(last)),
            ),
        ),
        (
            w("urls.schemas"),
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
            w("urls.card"),
            where(
                "urls.card_where",
                paragraph=code(shown.paragraph_card("N")),
                recital=code(shown.recital_card("N")),
                site=code(urls.SITE_CARD if collection else u.site_card),
            ),
            "",
        ),
    ]
    numbers = w("urls.numbers", first=first, last=last)
    if collection:
        h = edition.document.header
        numbers = w("urls.numbers_collection", prefix=_PREFIX_SHOWN, id=h.document_id, own=u.prefix)
    body = templates.current().render(
        "about_urls",
        title=heading(
            1, w("registers.about_urls"), id=kept_anchor(w("registers.about_urls"), ENGLISH("registers.about_urls"))
        ),
        promise=where("urls.intro", promise=strong(w("urls.promise"))),
        addresses=table([w("urls.what"), w("urls.address"), w("urls.example")], rows, classes=["url-scheme"]),
        numbers=numbers,
        data_links=where("urls.data_links", tag=code('<link rel="alternate" type="application/json">')),
        words=w,
    )
    return Page(
        u.about,
        edition.interface("registers.about_urls"),
        body,
        in_nav=True,
        meta={
            "description": w("urls.description"),
        },
    )


# -- a paragraph's or recital's page kept while what it shows is the same ---------------------
#
# Under `mkdocs serve`, a save of a few words changes one paragraph, and the text's edition is
# made again whole: every paragraph's and recital's page would be put together again, though
# all but the edited one's come out the same. Each is kept for the next build
# (`remembered.Recent`) under a key of everything it reads: the item, what it mentions and
# refers to, its clauses, its footnotes with theirs, its section, its neighbours' numbers, and
# the facts of the document every such page shows; never the edition itself, which every save
# makes anew. A page whose template reads the whole document (a site's own template may) is
# made each time.

_OWN_PAGES: Recent[Hashable, Page] = Recent()


def _own_page_facts(edition: Edition) -> Hashable:
    """What every page of a paragraph or recital reads of the document besides its item: its
    addresses, interface words, header (the citation, the title) and source path, and the page
    templates."""
    doc = edition.document
    return (
        edition.urls,
        ByValue(edition.interface, edition.interface.language),
        doc.header,
        doc.path,
        templates.current(),
    )


def _footnotes_shown(edition: Edition, numbers: Sequence[str]) -> Hashable:
    """What an item's footnotes show (`Renderer.footnotes`): each footnote, what it mentions and
    what it refers to."""
    notes = edition.document.footnotes
    return tuple(
        (note, edition.mentions.get(note.anchor), edition.references_of(note))
        for note in (notes.get(number) for number in numbers)
        if note is not None
    )


def _item_shown(edition: Edition, item: Paragraph | Recital) -> Hashable:
    return (
        _own_page_facts(edition),
        item,
        edition.mentions.get(item.anchor),
        edition.references_of(item),
        _footnotes_shown(edition, item.footnotes),
    )


def paragraph(edition: Edition, p: Paragraph) -> Page:
    """The page of paragraph `p`: where it stands, its text, footnotes, neighbours, clauses and links."""

    def key() -> Hashable:
        doc = edition.document
        section = doc.section_of(p)
        at = p.number - 1
        before = doc.paragraphs[at - 1].number if at > 0 else None
        after = doc.paragraphs[at + 1].number if at + 1 < len(doc.paragraphs) else None
        recalled = tuple(ref for ref in edition.recalled_in if any(n.number == p.number for n in ref.paragraphs))
        return (
            "paragraph",
            _item_shown(edition, p),
            edition.clauses.get(p.number, ()),
            (section.label, section.title, section.implicit, section.slug),
            # The breadcrumb names its sub-section: by what it shows, not by its paragraphs.
            (sub.heading, sub.anchor) if (sub := doc.subsection_of(p)) else None,
            before,
            after,
            recalled,
        )

    if not keeping() or templates.current().reads("paragraph", "document"):
        return _paragraph(edition, p)
    return _OWN_PAGES.get(key(), lambda: _paragraph(edition, p))


def recital(edition: Edition, x: Recital) -> Page:
    """The page of recital `x`: its text, footnotes, neighbours and the instruments it recalls."""

    def key() -> Hashable:
        recitals = edition.document.recitals
        at = x.number - 1
        neighbours = tuple(
            (y.number, y.shown, y.key) if y is not None else None
            for y in (recitals[at - 1] if at > 0 else None, recitals[at + 1] if at + 1 < len(recitals) else None)
        )
        return ("recital", _item_shown(edition, x), neighbours)

    if not keeping() or templates.current().reads("recital", "document"):
        return _recital(edition, x)
    return _OWN_PAGES.get(key(), lambda: _recital(edition, x))

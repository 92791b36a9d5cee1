"""The pages of what the text links to: instruments, glossary, actors, operative verbs."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass

from .. import urls
from ..clauses import Clause
from ..collection import Collection
from ..edition import Backlink, Edition, Item
from ..inline_render import spans
from ..inline_source import lead, lead_at, plain_span, plain_text
from ..interface import ENGLISH, Interface
from ..languages import Worded, description_in, kind_label, name_in, term_words_in
from ..markup import (
    SEARCH_EXCLUDE,
    Md,
    bullets,
    element,
    external_link,
    heading,
    interface_text,
    join,
    link,
    para,
    table,
)
from ..model import Actor, Entry, Instrument, Paragraph, Recital, Section, Term, Verb
from ..remembered import ByValue, Recent, recent
from . import templates
from .base import DESCRIPTION_LIMIT, Page, kept_anchor
from .render import Renderer, breadcrumb, document_label

REGISTER_SEARCH: dict[str, object] = {"search": {"boost": 0.2}}
"""Material's search weighs the register pages (instruments, glossary, actors, verbs) below the
text: their entries name and list what the text says, and a search for a phrase should find the
paragraph that holds it before the pages that point at it. An entry's own name still finds it
first (measured: an instrument by its name, a paragraph by its phrase)."""

Part = urls.Part


def _item_src(item: Item, edition: Edition) -> tuple[str, str, str]:
    """Page, anchor and label of where a backlink points."""
    u = edition.urls
    label = edition.interface.label(item)
    if isinstance(item, Paragraph):
        return u.paragraph_page(item.number), item.anchor, label
    if isinstance(item, Recital):
        return u.recital_page(item.key), item.anchor, label
    return u.text, urls.footnote_anchor(item.number), label


def _ordinal(w: Interface, n: int) -> str:
    """'1st', '2nd', '3rd', then the figure, in the interface's words."""
    return w(f"ordinal.{n}") if n <= 3 else w("ordinal.other", n=n)


def _title(w: Interface, key: str) -> Md:
    """A page's first heading from an interface word, with the anchor its English word gives."""
    return heading(1, w(key), id=kept_anchor(w(key), ENGLISH(key)))


def _context(backlink: Backlink[Entry]) -> Md:
    """The clause around a mention, with the mention marked (`_marked`)."""
    start, end = backlink.context
    marked: Md = _marked(backlink.item.text, start, end, backlink.match.start, backlink.match.end)
    return marked


@recent
def _marked(text: str, start: int, end: int, match_start: int, match_end: int) -> Md:
    """`text[start:end]` with `text[match_start:match_end]` marked: at most 160 characters each
    side, cut from the clause's plain text made once (`plain_span`), so that many mentions in
    one long clause do not each make it again. Kept while serving (`remembered.recent`)."""
    clause = plain_span(text, start, end)
    at_start, at_end = clause.at(match_start), clause.at(match_end)
    before = (
        clause.text[:at_start] if at_start <= 160 else "…" + clause.text[at_start - 160 : at_start].split(" ", 1)[-1]
    )
    hit = plain_text(text[match_start:match_end])
    if clause.depth(match_end):
        after = plain_text(text[match_end:end])  # a mention ending inside <sup>: read afresh
        after = lead(after, 160) if len(after) > 160 else after
    else:
        after = lead_at(clause.text, at_end, 160) if len(clause.text) - at_end > 160 else clause.text[at_end:]
    return join([before.lstrip(), element("mark", hit), after.rstrip()])


@dataclass(frozen=True)
class RegisterShare:
    """One document's share of the register pages, made of its edition alone: what each
    register page shows of it, by page and part, and the instruments each of its terms shares
    words with. The register pages are put together from every document's share."""

    parts: Mapping[tuple[str, str], Md]
    term_instruments: Mapping[str, Mapping[str, Instrument]]
    counts: Mapping[tuple[str, str], int]
    """How often the document mentions each instrument, asks each actor to act, mentions it
    otherwise, and uses each verb: by (`_MENTIONS`, `_REQUESTS`, `_OTHER_MENTIONS` or `_USES`, id)."""

    def part(self, page: str, part: str) -> Md:
        """What the register page `page` shows of the document under `part` ('' for nothing)."""
        return self.parts.get((page, part), Md(""))

    def count(self, what: str, entry_id: str) -> int:
        """How often the document has `what` of entry `entry_id` (0 for never)."""
        return self.counts.get((what, entry_id), 0)


_MENTIONS, _REQUESTS, _OTHER_MENTIONS, _USES = "mentions", "requests", "other mentions", "uses"


def register_share(edition: Edition, among_many: bool) -> RegisterShare:
    """What `edition` shows on the register pages; `among_many`: one document of a collection
    (the pages then list each document's part under its own heading)."""
    parts: dict[tuple[str, str], Md] = {}
    for t in edition.registries.terms:
        parts[(edition.urls.glossary, f"uses-{t.id}")] = _uses(
            Renderer(edition, edition.urls.glossary), edition, t, among_many
        )
    for actor_id, requests in edition.actor_requests.items():
        if requests:
            r = Renderer(edition, edition.urls.actor_page(actor_id))
            table = _requests_table(r, edition, requests)
            if among_many:
                table = join([_document_heading(r, edition, Part.ASKED_TO_ACT), table], "\n\n")
            parts[(r.link.page, Part.ASKED_TO_ACT)] = table
    if among_many:
        for instrument_id, recalled in edition.instrument_links.items():
            page = edition.urls.instrument_page(instrument_id)
            parts[(page, Part.RECALLED_IN)] = _document_backlinks(
                Renderer(edition, page), edition, recalled, Part.RECALLED_IN
            )
        for actor_id, mentioned in edition.actor_mentions.items():
            page = edition.urls.actor_page(actor_id)
            parts[(page, Part.MENTIONED_IN)] = _document_backlinks(
                Renderer(edition, page), edition, mentioned, Part.MENTIONED_IN
            )
        parts[(edition.urls.actors, _REQUESTS_LINE)] = _requests_line(Renderer(edition, edition.urls.actors), edition)
        for verb_id, clauses in edition.verb_clauses.items():
            if clauses:
                parts[(edition.urls.verbs, f"verb-{verb_id}")] = _verb_numbers(
                    Renderer(edition, edition.urls.verbs), edition, clauses
                )
    term_instruments = {term_id: _term_instruments(edition, term_id) for term_id in edition.term_links}
    counts = {
        **{(_MENTIONS, i): len(found) for i, found in edition.instrument_links.items()},
        **{(_REQUESTS, a): len(found) for a, found in edition.actor_requests.items()},
        **{(_OTHER_MENTIONS, a): len(found) for a, found in edition.actor_mentions.items()},
        **{(_USES, v): len(found) for v, found in edition.verb_clauses.items()},
    }
    return RegisterShare(parts, term_instruments, counts)


_REQUESTS_LINE = "requests"
"""The part of the actors' list that is one document's line of requests (in a collection)."""


def _document_backlinks(r: Renderer, edition: Edition, found: Sequence[Backlink[Entry]], part: str) -> Md:
    """One document's backlinks to an entry under its own heading, in a list across documents;
    kept while serving (`remembered.Recent`) under what it shows: the page, the document's
    addresses, header and words, and what the table shows of each backlink (`_shown`). A save
    changes the mentions of an entry or two of the edited text, whose share is made again whole."""
    if not found:
        return Md("")
    return _BACKLINKS.get_by(
        lambda: (
            r.link.page,
            part,
            edition.urls,
            edition.document.header,
            ByValue(edition.interface, edition.interface.language),
            _shown(edition, found),
        ),
        lambda: _backlink_table(r, edition, found, _document_heading(r, edition, part)),
    )


_BACKLINKS: Recent[Hashable, Md] = Recent()


def _by_document(
    r: Renderer,
    c: Collection,
    shares: Sequence[RegisterShare],
    backlinks_of: Callable[[Edition], Sequence[Backlink[Entry]]],
    title: Md,
    part: str,
) -> Md:
    """The backlinks of an entry in each document, newest first; one document's without a heading of its own."""
    if not c.is_collection:
        return _backlink_table(r, c.editions[0], backlinks_of(c.editions[0]), title)
    out = [title, *(share.part(r.link.page, part) for share in shares)]
    out = [x for x in out if x]
    return join(out, "\n\n") if len(out) > 1 else Md("")


def _document_heading(r: Renderer, edition: Edition, part: str) -> Md:
    """A document's heading in a list across documents, with an id of its own on the page."""
    return heading(3, link(document_label(edition), r.link.to(edition.urls.home)), id=_group_anchor(part, edition))


def _key(edition: Edition) -> str:
    return edition.urls.prefix.rstrip("/")


def _backlink_table(r: Renderer, edition: Edition, backlinks: Sequence[Backlink[Entry]], title: Md) -> Md:
    rows = []
    # An item that mentions the entry more than once is told apart by its clause's verb, and
    # by the mention's rank within that clause when one clause mentions it twice.
    per_item = Counter(id(b.item) for b in backlinks)
    per_clause = Counter((id(b.item), b.clause.anchor) for b in backlinks if b.clause is not None)
    seen: Counter[tuple[int, str]] = Counter()
    for backlink in backlinks:
        page, anchor, label = _item_src(backlink.item, edition)
        target = backlink.clause.anchor if backlink.clause is not None else anchor
        if backlink.clause is not None and per_item[id(backlink.item)] > 1:
            key = (id(backlink.item), backlink.clause.anchor)
            seen[key] += 1
            label = f"{label}, {backlink.clause.verb.name}"
            if per_clause[key] > 1:
                label = f"{label} ({r.words('registers.nth_mention', nth=_ordinal(r.words, seen[key]))})"
        rows.append((link(label, r.link.to(page, target)), _context(backlink)))
    return join([title, table([r.words("recalled.where"), r.words("recalled.text")], rows)], "\n\n")


def _instruments_index(c: Collection, shares: Sequence[RegisterShare]) -> Page:
    """The list of instruments, grouped by kind, with how often each is mentioned."""
    edition = c.editions[0]
    r = Renderer(edition, edition.urls.instruments)
    reg = c.registries

    def mentions(i: Instrument) -> int:
        return sum(share.count(_MENTIONS, i.id) for share in shares)

    w = edition.interface
    out: list[str] = []
    for kind in reg.instrument_kinds:
        members = [i for i in reg.instruments if i.kind == kind.id]
        if not members:
            continue
        label = _in_page_language(kind_label(kind, w.language))
        out.append(heading(2, join([label, f" ({len(members)})"]), id=urls.entry_anchor(kind.id)))
        out.append(
            bullets(
                join(
                    [
                        link(_named(i, w.language), r.link.to(r.urls.instrument_page(i.id))),
                        w.count("registers.mentions", mentions(i)),
                    ]
                )
                for i in members
            )
        )
    body = templates.current().render(
        "instruments",
        title=_title(w, "registers.instruments"),
        intro=w("registers.instruments_intro"),
        kinds=join(out, "\n\n"),
        words=w,
    )
    return Page(
        edition.urls.instruments,
        c.editions[0].interface("registers.instruments"),
        body,
        in_nav=True,
        meta={
            **REGISTER_SEARCH,
            "description": lead(
                w("registers.instruments_description", what=_what(c)),
                DESCRIPTION_LIMIT,
            ),
        },
    )


def _instrument(c: Collection, i: Instrument, shares: Sequence[RegisterShare]) -> Page:
    """The page of instrument `i`: what it is, its official address, where the texts recall it."""
    src = c.editions[0].urls.instrument_page(i.id)
    r = Renderer(c.editions[0], src)
    w = r.words
    kind = _in_page_language(kind_label(next(k for k in c.registries.instrument_kinds if k.id == i.kind), w.language))
    facts: list[tuple[str, str]] = [(w("registers.kind"), kind)]
    # Dates as the rest of the site writes them ("13 November 2023").
    for label, value in (
        (w("registers.reference"), i.reference),
        (w("registers.date"), w.date(i.date)),
        ("CELEX", i.celex),
        ("ELI", i.eli),
    ):
        if value:
            facts.append((label, value))
    facts.append((w("registers.official_address"), external_link(i.url, i.url)))
    body = templates.current().render(
        "instrument",
        breadcrumb=breadcrumb(r, [(w("registers.instruments"), r.urls.instruments)]),
        title=heading(1, _named(i, w.language), anchor_of=i.registry_name),
        description=para(_in_page_language(description_in(i, w.language))),
        facts=table([w("registers.instrument_about"), w("registers.instrument_details")], facts),
        recalled_in=_by_document(
            r,
            c,
            shares,
            lambda e: e.instrument_links.get(i.id, ()),
            heading(2, w("recalled.heading"), id=Part.RECALLED_IN),
            Part.RECALLED_IN,
        ),
        instrument=i,
        words=w,
    )
    return Page(
        src,
        i.name,
        body,
        meta={**REGISTER_SEARCH, "description": lead(description_in(i, w.language).text, DESCRIPTION_LIMIT)},
        what=f"instrument '{i.id}'",
        origin=(i.path, i.line),
    )


def _glossary(c: Collection, shares: Sequence[RegisterShare]) -> Page:
    """The glossary, A to Z: each term's expansion, definition and where the texts use it."""
    r = Renderer(c.editions[0], c.editions[0].urls.glossary)
    w = r.words
    terms = sorted(c.registries.terms, key=lambda t: t.name.casefold())
    letters: dict[str, list[Term]] = {}
    for t in terms:
        letters.setdefault(t.name[0].upper() if t.name[0].isalpha() else "#", []).append(t)
    out: list[str] = []
    for letter, members in letters.items():
        out.append(heading(2, letter, id=urls.letter_anchor(letter)))
        for t in members:
            used = [share.part(r.urls.glossary, f"uses-{t.id}") for share in shares]
            official = [join([" ", external_link(w("registers.official_source"), t.url)])] if t.url else []
            for instrument in _instruments_of_term(shares, t.id):
                official.append(
                    join(
                        [
                            interface_text(w("registers.see_instrument")),
                            link(_named(instrument, w.language), r.link.to(r.urls.instrument_page(instrument.id))),
                            ".",
                        ]
                    )
                )
            expansion, definition = term_words_in(t, w.language)
            entry = [
                heading(3, _named(t, w.language), id=urls.entry_anchor(t.id)),
                join(
                    [
                        element("strong", join([_in_page_language(expansion), "."])),
                        " ",
                        _in_page_language(definition),
                        *official,
                    ]
                ),
                join([interface_text(w("registers.used_in")), join((u for u in used if u), "; ")]),
            ]
            out.append(element("div", join(entry, "\n\n"), {"class": "gloss"}, markdown="", inner="\n\n"))
    body = templates.current().render(
        "glossary",
        title=_title(w, "registers.glossary"),
        intro=w("registers.glossary_intro", texts=_texts(c)),
        letters=join((link(letter, r.link.here(urls.letter_anchor(letter))) for letter in letters), " · "),
        entries=join(out, "\n\n"),
        words=w,
    )
    return Page(
        r.urls.glossary,
        c.editions[0].interface("registers.glossary"),
        body,
        in_nav=True,
        meta={
            **REGISTER_SEARCH,
            "description": w("registers.glossary_description", texts=_texts(c)),
        },
    )


def _uses(r: Renderer, edition: Edition, t: Term, named: bool) -> Md:
    """Where one document uses term `t`, each item once; the document named first when `named`."""
    used = []
    seen: set[str] = set()
    for backlink in edition.term_links.get(t.id, ()):
        page, anchor, label = _item_src(backlink.item, edition)
        if label not in seen:
            seen.add(label)
            used.append(link(label, r.link.to(page, anchor)))
    if any(m.entry.id == t.id for matches in edition.header_terms.values() for m in matches):
        used.insert(0, link(r.words("registers.document_header"), r.link.to(edition.urls.home)))
    if not used:
        return Md("")
    if named:
        return join(
            [
                link(edition.document.header.document_id or document_label(edition), r.link.to(edition.urls.home)),
                Md(": "),
                join(used, ", "),
            ]
        )
    return join(used, ", ")


def _instruments_of_term(shares: Sequence[RegisterShare], term_id: str) -> list[Instrument]:
    """Instruments whose words a term shares somewhere in the texts (an abbreviation and its programme)."""
    found: dict[str, Instrument] = {}
    for share in shares:
        found.update(share.term_instruments.get(term_id, {}))
    return list(found.values())


def _term_instruments(edition: Edition, term_id: str) -> dict[str, Instrument]:
    found: dict[str, Instrument] = {}
    for backlink in edition.term_links.get(term_id, ()):
        for span in spans(edition.of(backlink.item).instruments, [backlink.match]):
            if span.instrument is not None and span.term is not None:
                found[span.instrument.id] = span.instrument
    return found


def _texts(c: Collection) -> str:
    """What the site's texts are called in running text."""
    w = c.editions[0].interface
    return w("registers.texts_collection") if c.is_collection else w("registers.texts")


def _what(c: Collection) -> str:
    """What the site's texts are, for descriptions: the document's title, or the collection's."""
    w = c.editions[0].interface
    return c.editions[0].document.header.title if not c.is_collection else w("registers.what_collection", title=c.title)


def _actors_index(c: Collection, shares: Sequence[RegisterShare]) -> Page:
    """The list of actors with their counts, and the table of requests by actor and section
    (for a collection: the requests in each document)."""
    edition = c.editions[0]
    r = Renderer(edition, edition.urls.actors)
    reg = c.registries
    w = r.words
    rows = [
        (
            link(_named(a, w.language), r.link.to(r.urls.actor_page(a.id))),
            sum(share.count(_REQUESTS, a.id) for share in shares),
            sum(share.count(_OTHER_MENTIONS, a.id) for share in shares),
        )
        for a in reg.actors
    ]
    heads = [w("registers.actor"), w("registers.requests"), w("registers.other_mentions")]
    body = templates.current().render(
        "actors",
        title=_title(w, "registers.actors"),
        intro=w("registers.actors_intro", texts=_texts(c)),
        actors=table(heads, rows, align=["---", "---:", "---:"]),
        requests=_requests_by_document(w, shares, r.link.page)
        if c.is_collection
        else _matrix(edition, r, list(edition.document.sections)),
        words=w,
    )
    return Page(
        edition.urls.actors,
        c.editions[0].interface("registers.actors"),
        body,
        in_nav=True,
        meta={
            **REGISTER_SEARCH,
            "description": lead(w("registers.actors_description", what=_what(c)), DESCRIPTION_LIMIT),
        },
    )


def _requests_by_document(w: Interface, shares: Sequence[RegisterShare], page: str) -> Md:
    """In a collection, each document's requests by actor, newest first: one line each, so
    that the page grows with the documents, not with documents times actors."""
    lines = (share.part(page, _REQUESTS_LINE) for share in shares)
    items = [line for line in lines if line]
    return join(
        [
            heading(2, w("registers.requests_by_document"), id=Part.REQUESTS_BY_SECTION),
            w("registers.requests_by_document_intro"),
            bullets(items),
        ],
        "\n\n",
    )


def _requests_line(r: Renderer, edition: Edition) -> Md:
    counts = [
        link(
            f"{a.name} ({len(edition.actor_requests[a.id])})",
            r.link.to(r.urls.actor_page(a.id), _group_anchor(Part.ASKED_TO_ACT, edition)),
        )
        for a in edition.registries.actors
        if edition.actor_requests.get(a.id)
    ]
    if not counts:
        return Md("")
    return join([link(document_label(edition), r.link.to(edition.urls.home)), Md(": "), join(counts, ", ")])


def _group_anchor(part: str, edition: Edition) -> str:
    return f"{part}-{_key(edition)}"


def _column_label(section: Section, opening: str) -> str:
    """A section's short name at the head of a narrow column: its number ('III'), the
    interface's word for the untitled opening part, or, for a heading without a number
    ('INTRODUCTION'), its first word, cut short; the full heading is the abbreviation's title."""
    if section.label:
        return section.label
    words = section.title.split()
    if section.implicit or not words:
        return opening
    # A short first word ('The', 'On') says nothing alone: take the next with it.
    first = " ".join(words[:2] if len(words[0]) <= 3 and len(words) > 1 else words[:1]).rstrip(",:;")
    return first if first == section.title and len(first) <= 12 else first[:10] + "…"


def _matrix(edition: Edition, r: Renderer, sections: list[Section]) -> Md:
    """Actor-by-section table of requests: a real table (caption, headers), counts in figures.

    Shading repeats the count for sighted readers at a glance; screen readers get the same
    numbers through table semantics.
    """
    actors = [a for a in edition.registries.actors if edition.actor_requests[a.id]]
    if not actors:
        return Md("")
    grid = {
        (a.id, s.slug): [c for c in edition.actor_requests[a.id] if edition.document.section_of(c.paragraph) is s]
        for a in actors
        for s in sections
    }
    peak = max(len(v) for v in grid.values())
    w = r.words
    head = [element("th", w("registers.actor"), {"scope": "col"})] + [
        element(
            "th",
            element("abbr", _column_label(s, w("section.opening_short")), {"title": w.heading(s)}),
            {"scope": "col"},
            markdown="span",
        )
        for s in sections
    ]
    body = []
    for a in actors:
        cells = [
            element(
                "th", link(_named(a, w.language), r.link.to(r.urls.actor_page(a.id))), {"scope": "row"}, markdown="span"
            )
        ]
        for s in sections:
            clauses = grid[(a.id, s.slug)]
            if not clauses:
                cells.append(element("td", "0", {"class": "heat-0"}))
                continue
            level = min(4, 1 + (4 * (len(clauses) - 1)) // peak)
            first = clauses[0]
            href = r.link.to(
                r.urls.actor_page(a.id), urls.request_anchor(first.paragraph.number, first.anchor, edition.urls.key)
            )
            label = w.count("registers.requests_to", len(clauses), actor=a.name, section=w.heading(s))
            count = link(str(len(clauses)), href, attrs={"aria-label": label})
            cells.append(element("td", count, {"class": f"heat-{level}"}, markdown="span"))
        body.append(element("tr", join(cells), markdown="1"))
    # No <caption>: md_in_html wraps it in a <p>; the heading names the table instead.
    grid_table = element(
        "table",
        join(
            [
                element("thead", element("tr", join(head), markdown="1"), markdown="1"),
                element("tbody", join(body, "\n"), markdown="1", inner="\n"),
            ],
            "\n",
        ),
        {"class": "heatmap", "aria-labelledby": Part.REQUESTS_BY_SECTION, **SEARCH_EXCLUDE},
        markdown="1",
        inner="\n",
    )
    return join(
        [
            heading(2, w("registers.requests_by_section"), id=Part.REQUESTS_BY_SECTION),
            w("registers.requests_by_section_intro"),
            grid_table,
            # The columns' short names, spelled out where every reader sees them (a title shows
            # only on hover, never on a phone).
            w("registers.matrix_key"),
            bullets(link(w.heading(s), r.link.to(edition.urls.section_page(s.slug))) for s in sections),
        ],
        "\n\n",
    )


def _actor(c: Collection, a: Actor, shares: Sequence[RegisterShare]) -> Page:
    """The page of actor `a`: what the texts ask of it (newest first), and where they mention it otherwise."""
    src = c.editions[0].urls.actor_page(a.id)
    r = Renderer(c.editions[0], src)
    w = r.words
    website = external_link(w("registers.official_website"), a.url) if a.url else ""
    asked = [part for share in shares if (part := share.part(src, Part.ASKED_TO_ACT))]
    mentioned = (
        _by_document(
            r,
            c,
            shares,
            lambda e: e.actor_mentions.get(a.id, ()),
            heading(2, w("registers.also_mentioned_in"), id=Part.MENTIONED_IN),
            Part.MENTIONED_IN,
        )
        if any(share.count(_OTHER_MENTIONS, a.id) for share in shares)
        else ""
    )
    described = _in_page_language(description_in(a, w.language))
    body = templates.current().render(
        "actor",
        breadcrumb=breadcrumb(r, [(w("registers.actors"), r.urls.actors), (_named(a, w.language), None)]),
        title=heading(1, _named(a, w.language), anchor_of=a.registry_name),
        # An actor found in the text has no official address until a site's registry gives one.
        description=para(join([described, " ", website]) if a.url else join([described])),
        asked_to_act=join([heading(2, w("paragraph.asked_to_act"), id=Part.ASKED_TO_ACT), *asked], "\n\n")
        if asked
        else "",
        mentioned_in=mentioned,
        actor=a,
        words=w,
    )
    return Page(
        src,
        a.name,
        body,
        meta={**REGISTER_SEARCH, "description": lead(description_in(a, w.language).text, DESCRIPTION_LIMIT)},
        what=f"actor '{a.id}'",
        origin=(a.path, a.line),
    )


def _named(entry: Entry, language: str) -> str:
    """An entry's name as a page in `language` prints it (`languages.name_in`)."""
    return _in_page_language(name_in(entry, language))


def _in_page_language(words: Worded) -> str:
    """Registry words as the page prints them: in another language than the page's (the shared
    registry's English where it has no words in the page's), in an element that says which."""
    return element("span", words.text, {"lang": words.language}) if words.language else words.text


def _requests_table(r: Renderer, edition: Edition, requests: Sequence[Clause]) -> Md:
    u = edition.urls
    rows = []
    for c in requests:
        number = c.paragraph.number
        where = join(
            [
                element("span", "", {"id": urls.request_anchor(number, c.anchor, u.key)}),
                link(c.paragraph.shown, r.link.to(u.paragraph_page(number), c.anchor)),
            ]
        )
        # The clause's words hold its verb: a column of verbs would say it twice on every row.
        rows.append((where, lead(plain_text(c.source), 220)))
    w = r.words
    return table([w("registers.paragraph"), w("registers.what_is_asked")], rows)


def _verb_entry(c: Collection, shares: Sequence[RegisterShare], r: Renderer, v: Verb, level: int) -> Md:
    """One verb's heading and every clause that uses it: with its words in one document; in a
    collection, by document, each clause by its paragraph's number (the words of thousands of
    clauses would make a page of megabytes, and one changed word would change it)."""
    parts = []
    total = 0
    for edition, share in zip(c.editions, shares, strict=True):
        uses = share.count(_USES, v.id)
        if not uses:
            continue
        total += uses
        if c.is_collection:
            parts.append(share.part(r.urls.verbs, f"verb-{v.id}"))
        else:
            parts.append(_verb_uses(r, edition, edition.verb_clauses[v.id]))
    entry = join([heading(level, f"{v.name} ({total})", id=urls.entry_anchor(v.id)), *parts], "\n\n")
    return element("div", entry, {"class": "verb-entry"}, markdown="", inner="\n\n")


def _verb_uses(r: Renderer, edition: Edition, clauses: Sequence[Clause]) -> Md:
    u = edition.urls
    return bullets(
        join(
            [
                link(r.words.label(c.paragraph), r.link.to(u.paragraph_page(c.paragraph.number), c.anchor)),
                Md(": "),
                lead(plain_text(c.source), 160),
            ]
        )
        for c in clauses
    )


def _verb_numbers(r: Renderer, edition: Edition, clauses: Sequence[Clause]) -> Md:
    """One document's clauses with a verb, as a line of paragraph numbers, each linking to its clause."""
    u = edition.urls
    w = r.words
    seen: Counter[int] = Counter()
    numbers = []
    for c in clauses:
        n = c.paragraph.number
        seen[n] += 1
        shown = c.paragraph.shown
        label = shown if seen[n] == 1 else f"{shown} ({w('registers.nth_clause', nth=_ordinal(w, seen[n]))})"
        numbers.append(link(label, r.link.to(u.paragraph_page(n), c.anchor), title=w.label(c.paragraph)))
    home = link(document_label(edition), r.link.to(edition.urls.home))
    after = interface_text(w.words["registers.in_paragraphs." + ("one" if len(clauses) == 1 else "other")])
    return para(join([home, after, join(numbers, ", ")]))


def _verbs(c: Collection, shares: Sequence[RegisterShare]) -> Page:
    """The operative verbs, each with every clause that uses it."""
    r = Renderer(c.editions[0], c.editions[0].urls.verbs)
    w = r.words
    out: list[str] = []
    # What an operative verb is, and the verbs in two kinds, for a reader new to such texts.
    kinds = []
    for kind, members in (
        (w("registers.verbs_requests"), [v for v in c.registries.verbs if v.request]),
        (w("registers.verbs_positions"), [v for v in c.registries.verbs if not v.request]),
    ):
        if members:
            names = join(
                (link(v.name, r.link.here(urls.entry_anchor(v.id))) for v in sorted(members, key=lambda v: v.name)),
                ", ",
            )
            kinds.append(para(join([element("strong", kind), " ", names])))
    # Verbs that share their first word ("CALLS FOR", "CALLS ON", "CALLS UPON") stand together
    # under it, each keeping its own heading and anchor.
    groups: dict[str, list[Verb]] = {}
    for v in sorted(c.registries.verbs, key=lambda v: v.name):
        groups.setdefault(v.name.split()[0], []).append(v)
    for first, members in groups.items():
        level = 3 if len(members) > 1 else 2
        entries = [_kept_verb_entry(c, shares, r, v, level) for v in members]
        if len(members) > 1:
            entries.insert(0, heading(2, first, id=urls.entry_anchor("group-" + members[0].id.split("-")[0])))
        out.extend(entries)
    body = templates.current().render(
        "verbs",
        title=_title(w, "registers.verbs"),
        intro=w("registers.verbs_intro", texts=_texts(c)),
        explained=w("registers.verbs_explained"),
        kinds=join(kinds, "\n\n"),
        verbs=join(out, "\n\n"),
        words=w,
    )
    return Page(
        r.urls.verbs,
        c.editions[0].interface("registers.verbs"),
        body,
        in_nav=True,
        meta={
            **REGISTER_SEARCH,
            "description": w("registers.verbs_description", texts=_texts(c)),
        },
    )


# -- each register page kept while what it shows is the same ---------------------------------
#
# Under `mkdocs serve`, a save of a few words changes the mentions of an entry or two, and the
# text's edition is made again whole: every register page would be drawn again, though nearly
# all come out the same. Each page is kept for the next build (`remembered.Recent`) under a key
# made of everything it reads: the site's facts every register page shows (`_facts`), its entry
# and the registry's words around it, and what it shows of each mention (`_shown`) or of each
# document's share. The key is made of values the page is made from, never of the edition
# itself, which every save makes anew.

_PAGES: Recent[Hashable, Page] = Recent()


def _facts(c: Collection) -> Hashable:
    """What every register page reads of the site: whether it is a collection, its title, the
    first document's addresses, interface words and header (`_what`, `document_label`), and
    the page templates."""
    e = c.editions[0]
    return (
        c.is_collection,
        c.title,
        e.urls,
        ByValue(e.interface, e.interface.language),
        e.document.header,
        templates.current(),
    )


def _shown(edition: Edition, backlinks: Sequence[Backlink[Entry]]) -> Hashable:
    """What a table of backlinks (`_backlink_table`) reads of each: where its item is and what
    it is called, the words around the mention (`_marked` reads the clause alone) with the
    mention's place in them, and the clause's anchor and verb."""
    shown = []
    for b in backlinks:
        start, end = b.context
        clause = None if b.clause is None else (b.clause.anchor, b.clause.verb.name)
        words = (b.item.text[start:end], b.match.start - start, b.match.end - start)
        shown.append((_item_src(b.item, edition), words, clause))
    return tuple(shown)


def _parts(shares: Sequence[RegisterShare], page: str, part: str) -> tuple[Md, ...]:
    return tuple(share.part(page, part) for share in shares)


def _counts(shares: Sequence[RegisterShare], what: str, entry_id: str) -> tuple[int, ...]:
    return tuple(share.count(what, entry_id) for share in shares)


def instruments_index(c: Collection, shares: Sequence[RegisterShare]) -> Page:
    """The list of instruments, grouped by kind, with how often each is mentioned."""
    reg = c.registries
    return _PAGES.get_by(
        lambda: (
            "instruments",
            _facts(c),
            reg.instrument_kinds,
            reg.instruments,
            tuple(_counts(shares, _MENTIONS, i.id) for i in reg.instruments),
        ),
        lambda: _instruments_index(c, shares),
    )


def instrument(c: Collection, i: Instrument, shares: Sequence[RegisterShare]) -> Page:
    """The page of instrument `i`: what it is, its official address, where the texts recall it."""

    def key() -> Hashable:
        recalled: Hashable
        if c.is_collection:
            recalled = _parts(shares, c.editions[0].urls.instrument_page(i.id), Part.RECALLED_IN)
        else:
            edition = c.editions[0]
            recalled = _shown(edition, edition.instrument_links.get(i.id, ()))
        return ("instrument", _facts(c), i, c.registries.instrument_kinds, recalled)

    return _PAGES.get_by(key, lambda: _instrument(c, i, shares))


def glossary(c: Collection, shares: Sequence[RegisterShare]) -> Page:
    """The glossary, A to Z: each term's expansion, definition and where the texts use it."""
    terms = c.registries.terms
    glossary_page = c.editions[0].urls.glossary
    return _PAGES.get_by(
        lambda: (
            "glossary",
            _facts(c),
            terms,
            tuple(_parts(shares, glossary_page, f"uses-{t.id}") for t in terms),
            tuple(tuple(_instruments_of_term(shares, t.id)) for t in terms),
        ),
        lambda: _glossary(c, shares),
    )


def _requests_shown(edition: Edition) -> Hashable:
    """What the table of requests by actor and section (`_matrix`) reads of the edition: each
    section's heading, and each request's section, paragraph and clause, by actor."""
    sections = tuple((s.slug, s.label, s.title, s.implicit) for s in edition.document.sections)
    section_of = edition.document.section_of
    requests = tuple(
        (a, tuple((section_of(c.paragraph).slug, c.paragraph.number, c.anchor) for c in edition.actor_requests[a.id]))
        for a in edition.registries.actors
    )
    return sections, requests


def actors_index(c: Collection, shares: Sequence[RegisterShare]) -> Page:
    """The list of actors with their counts, and the table of requests by actor and section
    (for a collection: the requests in each document)."""
    actors = c.registries.actors

    def key() -> Hashable:
        edition = c.editions[0]
        requests = _parts(shares, edition.urls.actors, _REQUESTS_LINE) if c.is_collection else _requests_shown(edition)
        counts = tuple((_counts(shares, _REQUESTS, a.id), _counts(shares, _OTHER_MENTIONS, a.id)) for a in actors)
        return ("actors", _facts(c), actors, counts, requests)

    return _PAGES.get_by(key, lambda: _actors_index(c, shares))


def actor(c: Collection, a: Actor, shares: Sequence[RegisterShare]) -> Page:
    """The page of actor `a`: what the texts ask of it (newest first), and where they mention it otherwise."""

    def key() -> Hashable:
        src = c.editions[0].urls.actor_page(a.id)
        mentioned: Hashable
        if c.is_collection:
            mentioned = _parts(shares, src, Part.MENTIONED_IN)
        else:
            edition = c.editions[0]
            mentioned = _shown(edition, edition.actor_mentions.get(a.id, ()))
        asked = _parts(shares, src, Part.ASKED_TO_ACT)
        return ("actor", _facts(c), a, asked, _counts(shares, _OTHER_MENTIONS, a.id), mentioned)

    return _PAGES.get_by(key, lambda: _actor(c, a, shares))


def _verb_uses_shown(c: Collection, shares: Sequence[RegisterShare], v: Verb) -> Hashable:
    """What a verb's entry (`_verb_entry`) reads of the texts: how often each uses the verb, and
    its share's line (in a collection) or each clause's paragraph and words (one document)."""
    if c.is_collection:
        uses: Hashable = _parts(shares, c.editions[0].urls.verbs, f"verb-{v.id}")
    else:
        edition = c.editions[0]
        w = edition.interface
        uses = tuple(
            (clause.paragraph.number, w.label(clause.paragraph), clause.anchor, clause.source)
            for clause in edition.verb_clauses.get(v.id, ())
        )
    return _counts(shares, _USES, v.id), uses


def _kept_verb_entry(c: Collection, shares: Sequence[RegisterShare], r: Renderer, v: Verb, level: int) -> Md:
    """`_verb_entry`, kept while what it shows is the same: a clause edited changes one verb's."""
    return _VERB_ENTRIES.get_by(
        lambda: (_facts(c), v, level, _verb_uses_shown(c, shares, v)),
        lambda: _verb_entry(c, shares, r, v, level),
    )


_VERB_ENTRIES: Recent[Hashable, Md] = Recent()


def verbs(c: Collection, shares: Sequence[RegisterShare]) -> Page:
    """The operative verbs, each with every clause that uses it."""
    all_verbs = c.registries.verbs
    return _PAGES.get_by(
        lambda: ("verbs", _facts(c), all_verbs, tuple(_verb_uses_shown(c, shares, v) for v in all_verbs)),
        lambda: _verbs(c, shares),
    )

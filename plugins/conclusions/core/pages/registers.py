"""The pages of what the text links to: instruments, glossary, actors, operative verbs."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from .. import urls
from ..clauses import Clause
from ..index import Backlink, Edition, Item
from ..inline import lead, plain_text
from ..inline_markdown import spans
from ..markup import SEARCH_EXCLUDE, Md, bullets, element, external_link, heading, join, link, para, table
from ..model import Actor, Entry, Instrument, Paragraph, Recital, Section, Term, Verb
from ..urls import (
    ACTORS,
    GLOSSARY,
    INSTRUMENTS,
    VERBS,
    actor_page,
    instrument_page,
)
from .base import DESCRIPTION_LIMIT, Page
from .render import Renderer, breadcrumb

Part = urls.Part


def _item_src(item: Item, edition: Edition) -> tuple[str, str, str]:
    """Page, anchor and label of where a backlink points."""
    u = edition.urls
    if isinstance(item, Paragraph):
        return u.paragraph_page(item.number), item.anchor, item.label
    if isinstance(item, Recital):
        return u.recital_page(item.key), item.anchor, item.label
    return u.text, urls.footnote_anchor(item.number), f"Footnote {item.number}"


_ORDINALS = {1: "1st", 2: "2nd", 3: "3rd"}


def _context(backlink: Backlink[Entry]) -> Md:
    """The clause around a mention, with the mention marked."""
    start, end = backlink.context
    text = backlink.item.text
    before = plain_text(text[start : backlink.match.start])
    hit = plain_text(text[backlink.match.start : backlink.match.end])
    after = plain_text(text[backlink.match.end : end])
    if len(before) > 160:
        before = "…" + before[-160:].split(" ", 1)[-1]
    if len(after) > 160:
        after = lead(after, 160)
    return join([before.lstrip(), element("mark", hit), after.rstrip()])


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
                label = f"{label} ({_ORDINALS.get(seen[key], str(seen[key]))} mention)"
        rows.append((link(label, r.link.to(page, target)), _context(backlink)))
    return join([title, table(["Where", "Text"], rows)], "\n\n")


def instruments_index(edition: Edition) -> Page:
    """The list of instruments, grouped by kind, with how often each is mentioned."""
    r = Renderer(edition, INSTRUMENTS)
    reg = edition.registries
    out = [
        heading(1, "Instruments"),
        "What the conclusions recall and rely on, grouped by kind, with how often each is mentioned.",
    ]
    for kind in reg.instrument_kinds:
        members = [i for i in reg.instruments if i.kind == kind.id]
        if not members:
            continue
        out.append(heading(2, f"{kind.label} ({len(members)})", id=urls.entry_anchor(kind.id)))
        out.append(
            bullets(
                join(
                    [
                        link(i.name, r.link.to(instrument_page(i.id))),
                        f" — {len(edition.instrument_links[i.id])} "
                        f"mention{'s' if len(edition.instrument_links[i.id]) != 1 else ''}",
                    ]
                )
                for i in members
            )
        )
    return Page(
        INSTRUMENTS,
        "Instruments",
        join(out, "\n\n"),
        in_nav=True,
        meta={
            "description": lead(
                f"The instruments recalled in the {edition.document.header.title}, with every paragraph that mentions them.",
                DESCRIPTION_LIMIT,
            ),
        },
    )


def instrument(edition: Edition, i: Instrument) -> Page:
    """The page of instrument `i`: what it is, its official address, where the text recalls it."""
    src = instrument_page(i.id)
    r = Renderer(edition, src)
    kind = next(k.label for k in edition.registries.instrument_kinds if k.id == i.kind)
    facts: list[tuple[str, str]] = [("Kind", kind)]
    for label, value in (("Reference", i.reference), ("Date", i.date), ("CELEX", i.celex), ("ELI", i.eli)):
        if value:
            facts.append((label, value))
    facts.append(("Official address", external_link(i.url, i.url)))
    out = [
        breadcrumb(r, [("Instruments", INSTRUMENTS)]),
        heading(1, i.name),
        para(i.description),
        table(["Field", "Entry"], facts),
        _backlink_table(r, edition, edition.instrument_links[i.id], heading(2, "Recalled in", id=Part.RECALLED_IN)),
    ]
    return Page(
        src,
        i.name,
        join(out, "\n\n"),
        meta={"description": lead(i.description, DESCRIPTION_LIMIT)},
        what=f"instrument '{i.id}'",
        origin=(i.path, i.line),
    )


def glossary(edition: Edition) -> Page:
    """The glossary, A to Z: each term's expansion, definition and where the text uses it."""
    u = edition.urls
    r = Renderer(edition, GLOSSARY)
    terms = sorted(edition.registries.terms, key=lambda t: t.name.casefold())
    letters: dict[str, list[Term]] = {}
    for t in terms:
        letters.setdefault(t.name[0].upper() if t.name[0].isalpha() else "#", []).append(t)
    in_header = {m.entry.id for matches in edition.header_terms.values() for m in matches}
    out = [heading(1, "Glossary"), "Abbreviations and terms of art used in the conclusions, A to Z."]
    out.append(join((link(letter, r.link.here(urls.letter_anchor(letter))) for letter in letters), " · "))
    for letter, members in letters.items():
        out.append(heading(2, letter, id=urls.letter_anchor(letter)))
        for t in members:
            used = []
            seen: set[str] = set()
            for backlink in edition.term_links[t.id]:
                page, anchor, label = _item_src(backlink.item, edition)
                if label not in seen:
                    seen.add(label)
                    used.append(link(label, r.link.to(page, anchor)))
            if t.id in in_header:
                used.insert(0, link("Document header", r.link.to(u.home)))
            official = [join([" ", external_link("Official source", t.url)])] if t.url else []
            for instrument in _instruments_of_term(edition, t.id):
                official.append(
                    join(
                        [
                            Md(" See the instrument: "),
                            link(instrument.name, r.link.to(instrument_page(instrument.id))),
                            ".",
                        ]
                    )
                )
            entry = [
                heading(3, t.name, id=urls.entry_anchor(t.id)),
                join([element("strong", join([t.expansion, "."])), " ", t.definition, *official]),
                join([Md("Used in: "), join(used, ", ")]),
            ]
            out.append(element("div", join(entry, "\n\n"), {"class": "gloss"}, markdown="", inner="\n\n"))
    return Page(
        GLOSSARY,
        "Glossary",
        join(out, "\n\n"),
        in_nav=True,
        meta={
            "description": "Abbreviations and terms of art of the conclusions, with plain-language definitions.",
        },
    )


def _instruments_of_term(edition: Edition, term_id: str) -> list[Instrument]:
    """Instruments whose words a term shares somewhere in the text (an abbreviation and its programme)."""
    found: dict[str, Instrument] = {}
    for backlink in edition.term_links[term_id]:
        for span in spans(edition.of(backlink.item).instruments, [backlink.match]):
            if span.instrument is not None and span.term is not None:
                found[span.instrument.id] = span.instrument
    return list(found.values())


def actors_index(edition: Edition) -> Page:
    """The list of actors with their counts, and the table of requests by actor and section."""
    r = Renderer(edition, ACTORS)
    reg = edition.registries
    sections = [s for s in edition.document.sections]
    out = [heading(1, "Actors"), "Who the conclusions ask to act, and who they mention."]
    rows = [
        (
            link(a.name, r.link.to(actor_page(a.id))),
            len(edition.actor_requests[a.id]),
            len(edition.actor_mentions[a.id]),
        )
        for a in reg.actors
    ]
    out.append(table(["Actor", "Requests", "Other mentions"], rows, align=["---", "---:", "---:"]))
    out.append(_matrix(edition, r, sections))
    return Page(
        ACTORS,
        "Actors",
        join(out, "\n\n"),
        in_nav=True,
        meta={
            "description": lead(f"Who the {edition.document.header.title} ask to act, and where.", DESCRIPTION_LIMIT),
        },
    )


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
    head = [element("th", "Actor", {"scope": "col"})] + [
        element("th", element("abbr", s.label or "Opening", {"title": s.heading}), {"scope": "col"}, markdown="span")
        for s in sections
    ]
    body = []
    for a in actors:
        cells = [element("th", link(a.name, r.link.to(actor_page(a.id))), {"scope": "row"}, markdown="span")]
        for s in sections:
            clauses = grid[(a.id, s.slug)]
            if not clauses:
                cells.append(element("td", "0", {"class": "heat-0"}))
                continue
            level = min(4, 1 + (4 * (len(clauses) - 1)) // peak)
            first = clauses[0]
            href = r.link.to(actor_page(a.id), urls.request_anchor(first.paragraph.number, first.anchor))
            label = f"{len(clauses)} request{'s' if len(clauses) != 1 else ''} to {a.name} in {s.heading}"
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
            heading(2, "Requests by section", id=Part.REQUESTS_BY_SECTION),
            "Number of requests to each actor, by section of the conclusions. Each number links to the requests.",
            grid_table,
        ],
        "\n\n",
    )


def actor(edition: Edition, a: Actor) -> Page:
    """The page of actor `a`: what the text asks of it, and where it mentions it otherwise."""
    u = edition.urls
    src = actor_page(a.id)
    r = Renderer(edition, src)
    out = [
        breadcrumb(r, [("Actors", ACTORS), (a.name, None)]),
        heading(1, a.name),
        para(join([a.description, " ", external_link("Official website", a.url)])),
    ]
    requests = edition.actor_requests[a.id]
    if requests:
        rows = []
        for c in requests:
            number = c.paragraph.number
            where = join(
                [
                    element("span", "", {"id": urls.request_anchor(number, c.anchor)}),
                    link(str(number), r.link.to(u.paragraph_page(number), c.anchor)),
                ]
            )
            rows.append((where, c.verb.name, lead(plain_text(c.source), 220)))
        out.append(
            join(
                [heading(2, "Asked to act", id=Part.ASKED_TO_ACT), table(["Paragraph", "Verb", "What is asked"], rows)],
                "\n\n",
            )
        )
    mentions = edition.actor_mentions[a.id]
    if mentions:
        out.append(_backlink_table(r, edition, mentions, heading(2, "Also mentioned in", id=Part.MENTIONED_IN)))
    return Page(
        src,
        a.name,
        join(out, "\n\n"),
        meta={"description": lead(a.description, DESCRIPTION_LIMIT)},
        what=f"actor '{a.id}'",
        origin=(a.path, a.line),
    )


def _verb_entry(edition: Edition, r: Renderer, v: Verb, level: int) -> Md:
    """One verb's heading and every clause that uses it."""
    u = edition.urls
    clauses: Sequence[Clause] = edition.verb_clauses[v.id]
    uses = bullets(
        join(
            [
                link(f"Paragraph {c.paragraph.number}", r.link.to(u.paragraph_page(c.paragraph.number), c.anchor)),
                Md(": "),
                lead(plain_text(c.source), 160),
            ]
        )
        for c in clauses
    )
    entry = join([heading(level, f"{v.name} ({len(clauses)})", id=urls.entry_anchor(v.id)), uses], "\n\n")
    return element("div", entry, {"class": "verb-entry"}, markdown="", inner="\n\n")


def verbs(edition: Edition) -> Page:
    """The operative verbs, each with every clause that uses it."""
    r = Renderer(edition, VERBS)
    out = [heading(1, "Operative verbs"), "Each operative verb of the conclusions, with every clause that uses it."]
    # Verbs that share their first word ("CALLS FOR", "CALLS ON", "CALLS UPON") stand together
    # under it, each keeping its own heading and anchor.
    groups: dict[str, list[Verb]] = {}
    for v in sorted(edition.registries.verbs, key=lambda v: v.name):
        groups.setdefault(v.name.split()[0], []).append(v)
    for first, members in groups.items():
        level = 3 if len(members) > 1 else 2
        entries = [_verb_entry(edition, r, v, level) for v in members]
        if len(members) > 1:
            entries.insert(0, heading(2, first, id=urls.entry_anchor("group-" + members[0].id.split("-")[0])))
        out.extend(entries)
    return Page(
        VERBS,
        "Operative verbs",
        join(out, "\n\n"),
        in_nav=True,
        meta={
            "description": "Each operative verb of the conclusions with every clause that uses it.",
        },
    )

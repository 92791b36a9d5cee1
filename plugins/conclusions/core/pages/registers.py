"""The pages of what the text links to: instruments, glossary, actors, operative verbs."""

from __future__ import annotations

from ..clauses import Clause
from ..index import Backlink, Edition, Item
from ..inline import lead, plain_text
from ..markdown import esc, esc_title, spans
from ..model import Paragraph, Recital, Section
from .base import (
    ACTORS,
    DESCRIPTION_LIMIT,
    GLOSSARY,
    HOME,
    INSTRUMENTS,
    TEXT,
    VERBS,
    Page,
    actor_page,
    instrument_page,
    paragraph_page,
    recital_page,
)
from .render import Renderer, breadcrumb


def _item_src(item: Item, edition: Edition) -> tuple[str, str, str]:
    """Page, anchor and label of where a backlink points."""
    if isinstance(item, Paragraph):
        return paragraph_page(item.number), item.anchor, item.label
    if isinstance(item, Recital):
        return recital_page(item.key), item.anchor, item.label
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
    out = [
        "# Instruments",
        "What the conclusions recall and rely on, grouped by kind, with how often each is mentioned.",
    ]
    for kind in reg.instrument_kinds:
        members = [i for i in reg.instruments if i.kind == kind.id]
        if not members:
            continue
        out.append(f"## {esc(kind.label)} ({len(members)}) {{ #{kind.id} }}")
        out.append(
            "\n".join(
                f"- [{esc(i.name)}]({r.link.to(instrument_page(i.id))}) — {len(edition.instrument_links[i.id])} "
                f"mention{'s' if len(edition.instrument_links[i.id]) != 1 else ''}"
                for i in members
            )
        )
    return Page(
        INSTRUMENTS,
        "Instruments",
        "\n\n".join(out),
        in_nav=True,
        meta={
            "description": lead(
                f"The instruments recalled in the {edition.document.header.title}, with every paragraph that mentions them.",
                DESCRIPTION_LIMIT,
            ),
        },
    )


def instrument(edition: Edition, i) -> Page:
    src = instrument_page(i.id)
    r = Renderer(edition, src)
    kind = next(k.label for k in edition.registries.instrument_kinds if k.id == i.kind)
    facts = [("Kind", esc(kind))]
    for label, value in (("Reference", i.reference), ("Date", i.date), ("CELEX", i.celex), ("ELI", i.eli)):
        if value:
            facts.append((label, esc(value)))
    facts.append(("Official address", f'[{esc(i.url)}]({i.url}){{ rel="external" }}'))
    table = "| Field | Entry |\n|---|---|\n" + "\n".join(f"| {k} | {v} |" for k, v in facts)
    out = [
        breadcrumb(r, [("Instruments", INSTRUMENTS), (i.name, None)]),
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
            official = f' [Official source]({t.url}){{ rel="external" }}' if t.url else ""
            for instrument in _instruments_of_term(edition, t.id):
                official += (
                    f" See the instrument: [{esc(instrument.name)}]({r.link.to(instrument_page(instrument.id))})."
                )
            out.append(
                f'<div class="gloss" markdown>\n\n### {esc(t.name)} {{ #{t.id} }}\n\n'
                f"**{esc(t.expansion)}.** {esc(t.definition)}{official}\n\n"
                f"Used in: {', '.join(used)}\n\n</div>"
            )
    return Page(
        GLOSSARY,
        "Glossary",
        "\n\n".join(out),
        in_nav=True,
        meta={
            "description": "Abbreviations and terms of art of the conclusions, with plain-language definitions.",
        },
    )


def _instruments_of_term(edition: Edition, term_id: str) -> list:
    """Instruments whose words a term shares somewhere in the text (an abbreviation and its programme)."""
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
    return Page(
        ACTORS,
        "Actors",
        "\n\n".join(out),
        in_nav=True,
        meta={
            "description": lead(f"Who the {edition.document.header.title} ask to act, and where.", DESCRIPTION_LIMIT),
        },
    )


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
        for a in actors
        for s in sections
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
            cells.append(
                f'<td class="heat-{level}" markdown="span">[{len(clauses)}]({href}){{ aria-label="{esc_title(label)}" }}</td>'
            )
        body.append(
            f'<tr markdown="1"><th scope="row" markdown="span">[{esc(a.name)}]({r.link.to(actor_page(a.id))})</th>{"".join(cells)}</tr>'
        )
    return (
        "## Requests by section { #matrix }\n\n"
        "Number of requests to each actor, by section of the conclusions. Each number links to the requests.\n\n"
        # No <caption>: md_in_html wraps it in a <p>; the heading names the table instead.
        '<table class="heatmap" aria-labelledby="matrix" markdown="1">\n'
        f'<thead markdown="1"><tr markdown="1"><th scope="col">Actor</th>{head}</tr></thead>\n<tbody markdown="1">\n'
        + "\n".join(body)
        + "\n</tbody>\n</table>"
    )


def actor(edition: Edition, a) -> Page:
    src = actor_page(a.id)
    r = Renderer(edition, src)
    out = [
        breadcrumb(r, [("Actors", ACTORS), (a.name, None)]),
        f"# {esc(a.name)}",
        f'{esc(a.description)} [Official website]({a.url}){{ rel="external" }}',
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
        out.append(
            "## Asked to act { #asked-to-act }\n\n| Paragraph | Verb | What is asked |\n|---|---|---|\n"
            + "\n".join(rows)
        )
    mentions = edition.actor_mentions[a.id]
    if mentions:
        out.append(_backlink_table(r, edition, mentions, "## Also mentioned in { #mentioned-in }"))
    return Page(src, a.name, "\n\n".join(out), meta={"description": lead(a.description, DESCRIPTION_LIMIT)})


def verbs(edition: Edition) -> Page:
    r = Renderer(edition, VERBS)
    out = ["# Operative verbs", "Each operative verb of the conclusions, with every clause that uses it."]
    for v in sorted(edition.registries.verbs, key=lambda v: v.name):
        clauses: list[Clause] = edition.verb_clauses[v.id]
        out.append(
            f'<div class="verb-entry" markdown>\n\n## {esc(v.name)} ({len(clauses)}) {{ #{v.id} }}\n\n'
            + "\n".join(
                f"- [Paragraph {c.paragraph.number}]({r.link.to(paragraph_page(c.paragraph.number), c.anchor)}): "
                f"{esc(lead(plain_text(c.source), 160))}"
                for c in clauses
            )
            + "\n\n</div>"
        )
    return Page(
        VERBS,
        "Operative verbs",
        "\n\n".join(out),
        in_nav=True,
        meta={
            "description": "Each operative verb of the conclusions with every clause that uses it.",
        },
    )

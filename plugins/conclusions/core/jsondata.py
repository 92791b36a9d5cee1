"""The edition as JSON: one file for the whole document and one per paragraph.

Static hosting cannot negotiate content types, so the data lives at its own addresses
(`data/document.json`, `data/paragraphs/N.json`) and every page points to it with
`<link rel="alternate" type="application/json">`. The shape is fixed by the JSON Schemas
in `conclusions/schema/`, published next to the data.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Callable
from functools import cached_property, partial
from importlib import resources
from typing import Any

from .citation import citation
from .collection import Collection
from .edition import Edition
from .identity import register_url
from .inline_source import plain_text
from .markup import inline_html, sitemap
from .model import Footnote, Instrument, Paragraph, Point, Recital, Section
from .references import Reference
from .remembered import Recent
from .urls import (
    COLLECTION_JSON,
    SCHEMA_DIR,
    Site,
    entry_anchor,
    footnote_anchor,
    schema_file,
    sitemap_file,
    within,
)

SCHEMAS = ("document.schema.json", "paragraph.schema.json")


def schema_text(name: str) -> str:
    """The JSON Schema `name` shipped in `conclusions/schema/`."""
    return resources.files("conclusions").joinpath("schema", name).read_text(encoding="utf-8")


def dump(data: dict[str, Any]) -> str:
    """`data` as the JSON text of a published file."""
    # Fixed key order and formatting: the same input gives the same bytes. Indented, the JSON
    # is written by Python's own encoder, many times slower than the compact C one: while
    # serving, the text is kept under the compact text (which says all of it) for the next
    # build, where most files of an edited text come out the same.
    dumped: str = _DUMPED.get_by(lambda: json.dumps(data, ensure_ascii=False), lambda: _indented(data) + "\n")
    return dumped


def _indented(data: dict[str, Any]) -> str:
    """`json.dumps(data, ensure_ascii=False, indent=2)`, each item of its lists indented alone
    and kept while serving under its compact text (`_indented_item`): the document's file
    holds every paragraph, and a save changes one. The encoder's indented text of a value is
    the same wherever the value stands, each line indented by its depth; a newline in it is
    always between two tokens (a string's own is written `\\n`)."""
    if not data or not all(isinstance(key, str) for key in data):
        return json.dumps(data, ensure_ascii=False, indent=2)
    members = []
    for key, value in data.items():
        name = json.dumps(key, ensure_ascii=False)
        if isinstance(value, list) and value:
            items = ",\n    ".join(_indented_item(item).replace("\n", "\n    ") for item in value)
            members.append(f"  {name}: [\n    {items}\n  ]")
        else:
            members.append(f"  {name}: " + json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n  "))
    return "{\n" + ",\n".join(members) + "\n}"


def _indented_item(item: Any) -> str:
    if not isinstance(item, dict | list):
        return json.dumps(item, ensure_ascii=False)
    text: str = _DUMPED_ITEMS.get_by(
        lambda: json.dumps(item, ensure_ascii=False), lambda: json.dumps(item, ensure_ascii=False, indent=2)
    )
    return text


_DUMPED: Recent[str, str] = Recent()
_DUMPED_ITEMS: Recent[str, str] = Recent()


class JsonData:
    """Builds the JSON representations of one edition published at `site_url`."""

    def __init__(self, edition: Edition, site_url: str) -> None:
        self.edition = edition
        self.urls = edition.urls
        self.site = Site(site_url)
        self.text_url = self.url(self.urls.text)
        self._paragraphs: dict[int, tuple[Paragraph, dict[str, Any]]] = {}
        """Each paragraph's data, made once: the document's file and the paragraph's own hold it."""

    def url(self, src: str, anchor: str = "") -> str:
        """The address of the generated page `src`, and of `anchor` in it when given."""
        return self.site.page(src, anchor)

    def instrument(self, i: Instrument, words: list[str]) -> dict[str, Any]:
        """An instrument as an item names it: its page, its official address, and the numbers
        that identify it (ELI, CELEX, the register's or the act's number) where known."""
        out: dict[str, Any] = {
            "id": i.id,
            "name": i.name,
            "url": self.url(self.urls.instrument_page(i.id)),
            "official_url": i.url,
        }
        out.update(
            {key: value for key, value in (("reference", i.reference), ("celex", i.celex), ("eli", i.eli)) if value}
        )
        out["words"] = words
        out["found_in_text"] = i.automatic
        return out

    def _links(self, item: Paragraph | Recital | Footnote) -> dict[str, Any]:
        """Instruments, terms and actors mentioned in the item, once each, in reading order."""
        found = self.edition.of(item)
        instruments = {m.entry.id: m.entry for m in found.instruments}
        words: dict[str, list[str]] = {}
        for m in found.instruments:
            said = " ".join(plain_text(item.text[m.start : m.end]).split())
            if said not in words.setdefault(m.entry.id, []):
                words[m.entry.id].append(said)
        terms = {m.entry.id: m.entry for m in found.terms}
        actors = {m.entry.id: m.entry for m in found.actors}
        return {
            "instruments": [self.instrument(i, words[i.id]) for i in instruments.values()],
            "terms": [
                {
                    "id": t.id,
                    "term": t.name,
                    "expansion": t.expansion,
                    "url": self.url(self.urls.glossary, entry_anchor(t.id)),
                }
                for t in terms.values()
            ],
            "actors": [
                {"id": a.id, "name": a.name, "url": self.url(self.urls.actor_page(a.id))} for a in actors.values()
            ],
        }

    def points(self, item: Paragraph | Recital, page: str, points: tuple[Point, ...]) -> list[dict[str, Any]]:
        """The points of an item, nested as in the text, each with its own address on `page`
        (the item's own page, a source path) and on the full text."""
        return [
            {
                "marker": point.marker,
                "anchor": point.anchor,
                "url": self.url(page, point.anchor),
                "full_text_url": self.url(self.urls.text, within(item.anchor, point.anchor)),
                "text": plain_text(item.text[point.start : point.end]),
                "points": self.points(item, page, point.points),
            }
            for point in points
        ]

    def footnote(self, number: str) -> dict[str, Any]:
        """Footnote `number` (the Council's): its text, HTML, address and mentions."""
        note = self.edition.document.footnotes[number]
        return {
            "number": note.number,
            "url": self.url(self.urls.text, footnote_anchor(note.number)),
            "available": note.available,
            "text": plain_text(note.text),
            "html": inline_html(note.text, self.text_url),
            **self._links(note),
        }

    def section(self, section: Section) -> dict[str, Any]:
        """A section's heading and address."""
        return {
            "label": section.label,
            "title": self.edition.interface.heading(section) if section.implicit else section.title,
            "heading": self.edition.interface.heading(section),
            "url": self.url(self.urls.section_page(section.slug)),
        }

    def subsections(self, section: Section) -> dict[str, Any]:
        """A section's sub-sections, each with its heading, address and paragraphs; nothing
        when it has none (the key is added only where a text has them)."""
        if not section.subsections:
            return {}
        return {
            "subsections": [
                {
                    "label": sub.label,
                    "title": sub.title,
                    "heading": sub.heading,
                    "url": self.url(self.urls.section_page(section.slug), sub.anchor),
                    "paragraphs": [p.number for p in sub.paragraphs],
                }
                for sub in section.subsections
            ]
        }

    def subsection_of(self, p: Paragraph) -> dict[str, Any]:
        """The sub-section paragraph `p` stands in, its heading and where it stands on its
        section's page and on the full text; nothing when it stands in none (the key is added
        only where a text has sub-sections)."""
        sub = self.edition.document.subsection_of(p)
        if sub is None:
            return {}
        return {
            "subsection": {
                "label": sub.label,
                "title": sub.title,
                "heading": sub.heading,
                "url": self.url(self.urls.section_page(sub.section), sub.anchor),
                "full_text_url": self.url(self.urls.text, sub.anchor),
            }
        }

    def paragraph(self, p: Paragraph) -> dict[str, Any]:
        """Paragraph `p`: its text, addresses, points, clauses, footnotes and mentions."""
        made = self._paragraphs.get(p.number)
        if made is None or made[0] is not p:
            made = self._paragraphs[p.number] = (p, self._paragraph(p))
        return made[1]

    def _paragraph(self, p: Paragraph) -> dict[str, Any]:
        src = self.urls.paragraph_page(p.number)
        page = self.url(src)
        clauses = []
        for c in self.edition.clauses.get(p.number, []):
            clauses.append(
                {
                    "index": c.index,
                    "verb": {"id": c.verb.id, "name": c.verb.name, "form": c.form},
                    "anchor": c.anchor,
                    "url": self.url(src, c.anchor),
                    "full_text_url": self.url(self.urls.text, c.text_anchor),
                    "text": plain_text(c.source).strip(),
                    "addressees": [
                        {"id": a.id, "name": a.name, "url": self.url(self.urls.actor_page(a.id))} for a in c.addressees
                    ],
                }
            )
        return {
            "number": p.number,
            # A text that numbers its paragraphs in parts ("2.1"): the number as it writes it.
            **({"number_as_written": p.written} if p.written else {}),
            "label": self.edition.interface.label(p),
            "url": page,
            "full_text_url": self.url(self.urls.text, p.anchor),
            "data_url": self.site.file(self.urls.paragraph_json(p.number)),
            "section": self.section(self.edition.document.section_of(p)),
            **self.subsection_of(p),
            "text": plain_text(p.text),
            "html": inline_html(p.text, self.text_url),
            "citation": citation(self.edition.document.header, p, page),
            "points": self.points(p, src, p.points),
            "clauses": clauses,
            "footnotes": [self.footnote(n) for n in p.footnotes],
            **self._links(p),
            **self._references(p.anchor, p.number),
        }

    def recital(self, x: Recital) -> dict[str, Any]:
        """Recital `x`: its text, addresses, points, footnotes and mentions."""
        src = self.urls.recital_page(x.key)
        page = self.url(src)
        return {
            "number": x.number,
            **({"letter": x.letter} if x.letter else {}),
            # A letter in lower case ("(a)", "a)"): its marker as the text writes it.
            **({"marker_as_written": x.written} if x.written else {}),
            "label": self.edition.interface.label(x),
            "url": page,
            "full_text_url": self.url(self.urls.text, x.anchor),
            "text": plain_text(x.text),
            "html": inline_html(x.text, self.text_url),
            "citation": citation(self.edition.document.header, x, page),
            "points": self.points(x, src, x.points),
            "footnotes": [self.footnote(n) for n in x.footnotes],
            **self._links(x),
            **self._references(x.anchor),
        }

    def _document_ref(self) -> dict[str, Any]:
        h = self.edition.document.header
        return {
            "id": h.document_id or None,
            "title": h.title,
            "url": self.url(self.urls.home),
            "data_url": self.site.file(self.urls.document_json),
            # The date of the meeting that adopted the text ("On:" on an outcome of proceedings'
            # cover page), as the text writes it; only when the text gives it.
            **({"meeting_date": h.meeting_date} if h.meeting_date else {}),
        }

    def reference(self, r: Reference) -> dict[str, Any]:
        """One reference between documents, from where its words stand to what they name."""
        item_page, _anchor, _kind, _key = r.place()
        out: dict[str, Any] = {
            "words": r.words,
            "form": r.form,
            "from": {"document": r.citing.document_id or None, "item": r.carrier, "url": self.url(item_page)},
            "to": None,
        }
        if r.cited is not None:
            first = r.paragraphs[0].number if r.paragraphs else None
            target = r.cited.urls.home if first is None else r.cited.urls.paragraph_page(first)
            out["to"] = {"document": r.cited.document_id or None, "url": self.url(target)}
            if r.paragraphs:
                out["paragraphs"] = [n.number for n in r.paragraphs]
        return out

    def _references(self, anchor: str, number: int | None = None) -> dict[str, Any]:
        """A collection's keys of an item: what it recalls, and where a paragraph is recalled."""
        out: dict[str, Any] = {}
        recalls = [r for r in self.edition.references.get(anchor, ())]
        recalls += [r for notes in self._notes_of(anchor) for r in self.edition.references.get(notes, ())]
        if recalls:
            out["recalls"] = [self.reference(r) for r in recalls]
        if number is not None:
            cited = self._recalled_in.get(number, [])
            if cited:
                out["recalled_in"] = [self.reference(r) for r in cited]
        return out

    @cached_property
    def _recalled_in(self) -> dict[int, list[Reference]]:
        """The references of other documents to each paragraph, in the order of the edition's:
        worked out once for every paragraph, not by reading every reference again for each."""
        recalled: dict[int, list[Reference]] = {}
        for r in self.edition.recalled_in:
            for number in dict.fromkeys(p.number for p in r.paragraphs):
                recalled.setdefault(number, []).append(r)
        return recalled

    def _notes_of(self, anchor: str) -> list[str]:
        """The anchors of the footnotes whose references belong to the item `anchor`."""
        return self._notes.get(anchor, [])

    @cached_property
    def _notes(self) -> dict[str, list[str]]:
        """The anchors of the footnotes whose references belong to each item, in the order of
        the edition's references: worked out once for every item, not by reading every
        reference again for each."""
        notes: dict[str, list[str]] = {}
        for key, refs in self.edition.references.items():
            for carrier in dict.fromkeys(r.carrier for r in refs):
                if carrier != key:
                    notes.setdefault(carrier, []).append(key)
        return notes

    def legislation(self, p: Paragraph) -> dict[str, Any]:
        """Paragraph `p` as schema.org `Legislation` (JSON-LD for its page): part of the
        document, an unofficial edition of it, citing the instruments it names."""
        h = self.edition.document.header
        page = self.url(self.urls.paragraph_page(p.number))
        document: dict[str, Any] = {"@type": "Legislation", "name": h.title, "url": self.url(self.urls.home)}
        if h.document_id:
            document["legislationIdentifier"] = h.document_id
        if h.date:
            document["legislationDate"] = h.date
        if official := register_url(h.document_id, h.language):
            document["sameAs"] = official
        out: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "Legislation",
            "@id": page,
            "url": page,
            "name": f"{self.edition.interface.label(p)} – {h.citation_title or h.title}",
            "inLanguage": h.language,
            "legislationLegalValue": "https://schema.org/UnofficialLegalValue",
            "isPartOf": document,
        }
        if h.document_id:
            out["legislationIdentifier"] = f"{h.document_id}, {self.edition.interface.label(p).lower()}"
        cited = []
        for i in {m.entry.id: m.entry for m in self.edition.of(p).instruments}.values():
            identifier = i.eli or i.celex or i.reference
            # A programme or a framework the text names is a work, not legislation.
            act: dict[str, Any] = {
                "@type": "Legislation" if identifier else "CreativeWork",
                "name": i.name,
                "url": i.url,
            }
            if identifier:
                act["legislationIdentifier"] = identifier
            if i.date:
                act["legislationDate"] = i.date
            cited.append(act)
        if cited:
            out["citation"] = cited
        return out

    def paragraph_file(self, p: Paragraph) -> str:
        """The text of `data/paragraphs/N.json` for paragraph `p`."""
        return dump(
            {
                "$schema": self.site.file(schema_file("paragraph.schema.json")),
                "document": self._document_ref(),
                **self.paragraph(p),
            }
        )

    def document_file(self) -> str:
        """The text of `data/document.json`: the header and every item."""
        doc = self.edition.document
        h = doc.header
        # Not `dump`: its key, the compact text of the whole document, differs after any edit
        # of the text, whereas each item's indented text is kept under its own (`_indented`).
        return (
            _indented(
                {
                    "$schema": self.site.file(schema_file("document.schema.json")),
                    **self._document_ref(),
                    "number": h.number,
                    "institution": h.institution,
                    "date": h.date or None,
                    "place_date": h.place_date,
                    "language": h.language,
                    "subject": h.subject,
                    "subject_codes": list(h.subject_codes),
                    "short_title": h.short_title,
                    "citation_title": h.citation_title,
                    "full_text_url": self.text_url,
                    "recitals": [self.recital(x) for x in doc.recitals],
                    "sections": [
                        {**self.section(s), "paragraphs": [p.number for p in s.paragraphs], **self.subsections(s)}
                        for s in doc.sections
                    ],
                    "paragraphs": [self.paragraph(p) for p in doc.paragraphs],
                    "footnotes": [self.footnote(n) for n in doc.footnotes],
                    **(
                        {"recalled_in": [self.reference(r) for r in self.edition.recalled_in]}
                        if self.edition.recalled_in
                        else {}
                    ),
                }
            )
            + "\n"
        )

    def files(self) -> dict[str, str]:
        """Every file to publish, by its path under the site root."""
        return {path: make() for path, make in self._plan().items()}

    def paths(self) -> list[str]:
        """The paths of `files()`, without making their content (for the address check)."""
        return list(self._plan())

    def _plan(self) -> dict[str, Callable[[], str]]:
        return sitemaps(self._files(), self.site)

    def _files(self) -> dict[str, Callable[[], str]]:
        out: dict[str, Callable[[], str]] = {self.urls.document_json: self.document_file}
        out.update(
            {
                self.urls.paragraph_json(p.number): partial(self.paragraph_file, p)
                for p in self.edition.document.paragraphs
            }
        )
        out.update({schema_file(name): partial(schema_text, name) for name in SCHEMAS})
        return out


def sitemaps(files: dict[str, Callable[[], str]], site: Site) -> dict[str, Callable[[], str]]:
    """`files` and a sitemap of the JSON files in each folder."""
    out = dict(files)
    # Material fetches `sitemap.xml` beside the target of every <link rel="alternate"> (it
    # expects language versions of the site). A sitemap of the data in each folder the
    # links point into keeps those requests from failing with 404s in the console.
    folders: dict[str, list[str]] = {}
    for path in out:
        if path.endswith(".json") and not path.startswith(SCHEMA_DIR):
            folders.setdefault(posixpath.dirname(path), []).append(path)
    for folder, paths in folders.items():
        out[sitemap_file(folder)] = partial(sitemap, [site.file(path) for path in paths])
    return out


def collection_file(c: Collection, site_url: str) -> str:
    """The text of `data/collection.json`: every document, and every reference between them."""
    site = Site(site_url)
    data = JsonData(c.editions[0], site_url)
    return dump(
        {
            "title": c.title,
            "documents": [
                {
                    "id": e.document.header.document_id or None,
                    "title": e.document.header.title,
                    "date": e.document.header.date or None,
                    "subject_codes": list(e.document.header.subject_codes),
                    "paragraphs": len(e.document.paragraphs),
                    "url": site.page(e.urls.home),
                    "data_url": site.file(e.urls.document_json),
                }
                for e in c.editions
            ],
            "references": [data.reference(r) for r in c.references],
        }
    )


def document_files(edition: Edition, site_url: str) -> dict[str, Callable[[], str]]:
    """One document's JSON files (and the schemas), by path, each made when called; without
    the sitemaps of their folders (`sitemaps`)."""
    return JsonData(edition, site_url)._files()


def site_data_paths(c: Collection) -> list[str]:
    """The paths of every JSON file of the site (`site.site_data`), without making their content (for the address check)."""
    plan: dict[str, Callable[[], str]] = {}
    for edition in (*c.editions, *c.versions):
        u = edition.urls
        plan[u.document_json] = str
        plan.update((u.paragraph_json(p.number), str) for p in edition.document.paragraphs)
        plan.update((schema_file(name), str) for name in SCHEMAS)
    if c.is_collection:
        plan[COLLECTION_JSON] = str
    return list(sitemaps(plan, Site("")))

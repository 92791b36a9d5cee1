"""Markdown for the items of the text: paragraphs, recitals, footnotes, with their links."""

from __future__ import annotations

from ..citation import citation_prefix, point_pinpoint
from ..index import Edition, Item
from ..inline import lead, plain_text
from ..markdown import Linker, esc, esc_title, render_inline
from ..model import Footnote, Paragraph, Point, Recital
from .base import paragraph_page, recital_page, site_path


def _footnote_ref(page_refs: dict[str, int]):
    """Footnote references keep the Council's number; each gets a unique back-reference id."""

    def ref(number: str) -> str:
        page_refs[number] = page_refs.get(number, 0) + 1
        count = page_refs[number]
        ref_id = f"fnref:{number}" if count == 1 else f"fnref{count}:{number}"
        return f'<sup id="{ref_id}" class="fnref">[{number}](#fn:{number}){{ .footnote-ref aria-label="Footnote {number}" }}</sup>'

    return ref


def _share_tools(label: str) -> str:
    """ "Copy link" and "Cite" buttons, in the HTML so the page does not shift when they work.

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

    def item(self, item: Item, clause_anchor=None, prefix: str = "") -> str:
        """The item's text; its points as nested lists whose ids start with `prefix`."""
        found = self.edition.of(item)
        clauses = self.edition.clauses.get(item.number, []) if isinstance(item, Paragraph) else []

        def text(window: tuple[int, int] | None = None) -> str:
            return render_inline(
                item.text,
                self.link,
                self.footnote_ref,
                found.instruments,
                found.terms,
                clauses,
                clause_anchor or (lambda c: c.anchor),
                window,
            )

        points = item.points if isinstance(item, Paragraph | Recital) else ()
        if not points:
            return text()
        return text((0, points[0].start - 1)) + "\n" + self._points(points, text, prefix)

    def _points(self, points: tuple[Point, ...], text, prefix: str) -> str:
        """Points as a real list, each item with its own anchor; the marker, as written, links to it."""
        tag = "ol" if _point_anchor_is_named(points[0]) else "ul"
        items = []
        for point in points:
            anchor = prefix + point.anchor
            inner = self._points(point.points, text, prefix) if point.points else ""
            items.append(
                f'<li id="{anchor}" data-point="{point.anchor}" data-pinpoint="{point_pinpoint(point.anchor)}" '
                'markdown="block">'
                f"[{esc(point.marker)}](#{anchor}){{ .point-marker }} "
                f"{text((point.start, point.end))}" + (f"\n{inner}\n" if inner else "") + "</li>"
            )
        return f'<{tag} class="points" markdown>\n' + "\n".join(items) + f"\n</{tag}>"

    def paragraph_block(self, paragraph: Paragraph, full_text: bool) -> str:
        number_link = self.link.to(paragraph_page(paragraph.number))
        anchor = (lambda c: c.text_anchor) if full_text else None
        prefix = f"{paragraph.anchor}-" if full_text else ""
        number = f'[{paragraph.number}]({number_link} "{paragraph.label}: its own page"){{ .pnum }}'
        return (
            f'<div class="para" id="{paragraph.anchor}" data-number="{paragraph.number}" '
            f"{self._share_data(paragraph, paragraph_page(paragraph.number))} markdown>\n"
            f"{number}{_share_tools(paragraph.label)} {self.item(paragraph, anchor, prefix)}\n</div>"
        )

    def recital_block(self, recital: Recital, full_text: bool = True) -> str:
        link = self.link.to(recital_page(recital.key))
        prefix = f"{recital.anchor}-" if full_text else ""
        return (
            f'<div class="recital" id="{recital.anchor}" {self._share_data(recital, recital_page(recital.key))} markdown>\n'
            f'[{esc(recital.marker)}]({link} "{recital.label}: its own page"){{ .pnum }}{_share_tools(recital.label)} '
            f"{self.item(recital, prefix=prefix)}\n</div>"
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
            back = (
                f' [↩](#fnref:{number}){{ .footnote-backref aria-label="Back to the reference of footnote {number}" }}'
                if number in self.refs
                else ""
            )
            # A marker whose text the source does not give stays a marker, and says so.
            body = (
                self.item(note)
                if note.available
                else '<em class="fn-missing" data-edition-addition>The text of this footnote is not in the source.</em>'
            )
            notes.append(
                f'<div class="footnote" id="fn:{number}" markdown>\n'
                f'<span class="fn-num">{esc(number)}</span> {body}{back}\n</div>'
            )
        return (
            '<div class="footnotes" role="note" aria-label="Footnotes" markdown>\n\n'
            + "\n\n".join(notes)
            + "\n\n</div>"
        )


def _point_anchor_is_named(point: Point) -> bool:
    """Lettered and numbered points make an ordered list; dashes and bullets an unordered one."""
    return not point.anchor.rsplit("-", 1)[-1].isdigit()


def item_lead(item: Item, limit: int = 140) -> str:
    return esc(lead(plain_text(item.text), limit))


def pager(r: Renderer, items: list, index: int, page_of, label) -> str:
    links = []
    if index > 0:
        prev = items[index - 1]
        links.append(f'[← {esc(label(prev))}]({r.link.to(page_of(prev))}){{ rel="prev" }}')
    if index + 1 < len(items):
        nxt = items[index + 1]
        links.append(f'[{esc(label(nxt))} →]({r.link.to(page_of(nxt))}){{ rel="next" }}')
    return '<nav class="pager" aria-label="Previous and next" markdown>\n' + " ".join(links) + "\n</nav>"


def breadcrumb(r: Renderer, trail: list[tuple[str, str | None]]) -> str:
    parts = [
        f"[{esc(label)}]({r.link.to(src)})" if src else f'<span aria-current="page">{esc(label)}</span>'
        for label, src in trail
    ]
    return '<nav class="crumbs" aria-label="Breadcrumb" markdown>\n' + " › ".join(parts) + "\n</nav>"

"""HTML for the items of the text: paragraphs, recitals, footnotes, with their links."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from ..citation import citation_prefix, point_pinpoint
from ..clauses import Clause
from ..edition import Edition, Item, ItemMentions
from ..inline_render import render_inline
from ..inline_source import lead, plain_text
from ..interface import Interface
from ..markup import SEARCH_EXCLUDE, Md, element, join, link, text
from ..model import NUMBERED_POINT, Footnote, Paragraph, Point, Recital
from ..references import Reference
from ..remembered import ByValue, recent
from ..urls import Linker, footnote_anchor, footnote_ref_anchor, site_path, within

Words = Callable[[tuple[int, int] | None], Md]
"""The Markdown of an item's text, or of a window of it."""
Attrs = dict[str, str | int | bool | None]
OwnItem = TypeVar("OwnItem", bound=Paragraph | Recital)


def _footnote_ref(page_refs: dict[str, int], words: Interface) -> Callable[[str], Md]:
    """Footnote references keep the Council's number; each gets a unique back-reference id."""

    def ref(number: str) -> Md:
        page_refs[number] = page_refs.get(number, 0) + 1
        count = page_refs[number]
        ref_id = footnote_ref_anchor(number, count)
        marker = link(
            number,
            f"#{footnote_anchor(number)}",
            classes=["footnote-ref"],
            attrs={"aria-label": words("footnotes.reference", number=number)},
        )
        return element("sup", marker, {"id": ref_id, "class": "fnref"})

    return ref


def _share_tools(label: str, words: Interface) -> Md:
    """`_tools`, kept while serving (`remembered.recent`): every item of every page has them."""
    tools: Md = _tools(label, ByValue(words, words.language))
    return tools


@recent
def _tools(label: str, interface: ByValue[Interface]) -> Md:
    """One quiet control per item, in the margin under its number: a button that opens a
    small menu of "Copy link" and "Cite" (a disclosure: share.js opens and closes it, Escape
    closes it and gives focus back). In the HTML so the page does not shift when it works.

    Shown only once a script in the page's head has marked the page as scripted (CSS):
    without JavaScript, the number beside it is the permalink.
    """
    words = interface.value
    buttons = [
        element(
            "button",
            name,
            {"type": "button", "class": "share-btn", "data-share": share, "aria-label": words(accessible, label=label)},
        )
        for name, share, accessible in (
            (words("share.copy_link"), "link", "share.copy_link_to"),
            (words("share.cite"), "cite", "share.cite_label"),
        )
    ]
    # Each part is excluded from the search index by itself: Material's search parser tells
    # elements apart by tag only, so a span inside an excluded span would end the exclusion.
    toggle = element(
        "button",
        "⋯",
        {
            "type": "button",
            "class": "share-toggle",
            "aria-expanded": "false",
            "aria-label": words("share.share_label", label=label),
            **SEARCH_EXCLUDE,
        },
    )
    menu = element(
        "span",
        join(buttons),
        {
            "class": "share-menu",
            "role": "group",
            "aria-label": words("share.share_label", label=label),
            "hidden": True,
            **SEARCH_EXCLUDE,
        },
    )
    group = element("span", join([toggle, menu]), {"class": "share-tools"})
    return join([" ", group])


class Renderer:
    """Renders items of the edition as HTML for one page."""

    def __init__(self, edition: Edition, page: str) -> None:
        self.edition = edition
        self.urls = edition.urls
        self.link = Linker(page, edition.urls.registers)
        self.words = edition.interface
        self.refs: dict[str, int] = {}
        self.footnote_ref = _footnote_ref(self.refs, self.words)

    def item(self, item: Item, on_full_text: bool = False, outer: str = "") -> Md:
        """The item's text; its points as nested lists, their ids within `outer` when given
        (the item's anchor, on a page that holds many items); its clauses with their ids on the
        full text (`on_full_text`) or on the item's own page."""
        clauses = self.edition.clauses.get(item.number, ()) if isinstance(item, Paragraph) else ()
        markdown, refs = _item_markdown(
            item,
            self.edition.of(item),
            clauses,
            self.edition.references_of(item),
            self.link.page,
            self.urls.registers,
            on_full_text,
            outer,
            ByValue(self.words, self.words.language),
            tuple(self.refs.items()),
        )
        # The footnote references the item made, counted as `footnote_ref` counts them.
        self.refs.clear()
        self.refs.update(refs)
        return markdown

    def paragraph_block(self, paragraph: Paragraph, full_text: bool) -> Md:
        """A paragraph with its number and share tools; on the full text (`full_text`) its
        clauses and points have ids within the paragraph's anchor."""
        return self._block(
            paragraph,
            {"class": "para", "id": paragraph.anchor, "data-number": paragraph.number},
            self.urls.paragraph_page(paragraph.number),
            self.item(paragraph, full_text, paragraph.anchor if full_text else ""),
        )

    def recital_block(self, recital: Recital, full_text: bool = True) -> Md:
        """A recital with its marker and share tools; on the full text (`full_text`) its
        points have ids within the recital's anchor."""
        return self._block(
            recital,
            {"class": "recital", "id": recital.anchor},
            self.urls.recital_page(recital.key),
            self.item(recital, outer=recital.anchor if full_text else ""),
        )

    def _block(self, item: Paragraph | Recital, attrs: Attrs, page: str, words: Md) -> Md:
        """The item with its number (a link to its own page) and share tools. The data
        attributes say what "Copy link" and "Cite" copy: the page's path from the site root and
        the citation without its address (share.js joins them with the site URL the template prints)."""
        label = self.words.label(item)
        number = link(
            item.marker if isinstance(item, Recital) else item.shown,
            self.link.to(page),
            title=self.words("item.own_page", label=label),
            classes=["pnum"],
        )
        attrs = {
            **attrs,
            "data-path": site_path(page),
            "data-cite": citation_prefix(self.edition.document.header, item, self.words),
        }
        tools = _share_tools(label, self.words)
        return element("div", join([number, tools, " ", words]), attrs, markdown="", inner="\n")

    def footnotes(self, numbers: Sequence[str]) -> Md:
        """The footnotes `numbers`, each with a link back to its first reference on this page."""
        if not numbers:
            return Md("")
        notes = []
        for number in numbers:
            note: Footnote = self.edition.document.footnotes[number]
            back = (
                join(
                    [
                        " ",
                        link(
                            "↩",
                            self.link.here(footnote_ref_anchor(number)),
                            classes=["footnote-backref"],
                            attrs={"aria-label": self.words("footnotes.back", number=number)},
                        ),
                    ]
                )
                if number in self.refs
                else ""
            )
            # A marker whose text the source does not give stays a marker, and says so.
            body = (
                self.item(note)
                if note.available
                else element(
                    "em",
                    self.words("footnotes.missing"),
                    {"class": "fn-missing", "data-edition-addition": True},
                )
            )
            number_mark = element("span", number, {"class": "fn-num"})
            notes.append(
                element(
                    "div",
                    join([number_mark, " ", body, back]),
                    {"class": "footnote", "id": footnote_anchor(number)},
                    markdown="",
                    inner="\n",
                )
            )
        return element(
            "div",
            join(notes, "\n\n"),
            {"class": "footnotes", "role": "note", "aria-label": self.words("footnotes.heading")},
            markdown="",
            inner="\n\n",
        )


@recent
def _item_markdown(
    item: Item,
    found: ItemMentions,
    clauses: tuple[Clause, ...],
    references: tuple[Reference, ...],
    page: str,
    registers: str,
    on_full_text: bool,
    outer: str,
    words: ByValue[Interface],
    refs: tuple[tuple[str, int], ...],
) -> tuple[Md, tuple[tuple[str, int], ...]]:
    """`Renderer.item`, a pure function of what it reads: the item and what it mentions, the
    page it stands on, the interface words, and how often each footnote was referred to on the
    page before it (`refs`, given back as it is after the item). Kept while serving
    (`remembered.recent`): an unchanged item is not rendered again."""
    counts = dict(refs)
    footnote_ref = _footnote_ref(counts, words.value)
    linker = Linker(page, registers)
    clause_anchor: Callable[[Clause], str] = (lambda c: c.text_anchor) if on_full_text else (lambda c: c.anchor)

    def text_of(window: tuple[int, int] | None = None) -> Md:
        return render_inline(
            item.text, linker, footnote_ref, found.instruments, found.terms, clauses, clause_anchor, window, references
        )

    points = item.points if isinstance(item, Paragraph | Recital) else ()
    if not points:
        markdown = text_of()
    else:
        parts = [text_of((0, points[0].start - 1)), _points(points, text_of, outer, linker, words.value)]
        if isinstance(item, Paragraph | Recital) and item.closing:
            # The words that close the item stand after its list, as in the original.
            parts.append(element("p", text_of((item.closing, len(item.text))), {"class": "closing"}))
        markdown = join(parts, "\n")
    return markdown, tuple(counts.items())


def _points(
    points: tuple[Point, ...], words: Words, outer: str, linker: Linker, interface: Interface, numbered: str = ""
) -> Md:
    """Points as a real list, each item with its own anchor; the marker, as written, links to it.
    `numbered`: the marker of the point numbered after its paragraph ('2.1') that holds these."""
    tag = "ol" if _point_anchor_is_named(points[0]) else "ul"
    items = []
    for point in points:
        anchor = within(outer, point.anchor) if outer else point.anchor
        number = numbered or (point.marker if NUMBERED_POINT.fullmatch(point.marker) else "")
        inner = (
            join([Md("\n"), _points(point.points, words, outer, linker, interface, number), Md("\n")])
            if point.points
            else ""
        )
        body = join(
            [
                link(point.marker, linker.here(anchor), classes=["point-marker"]),
                " ",
                words((point.start, point.end)),
                inner,
            ]
        )
        attrs = {
            "id": anchor,
            "data-point": point.anchor,
            "data-pinpoint": point_pinpoint(point.anchor, interface, number),
        }
        items.append(element("li", body, attrs, markdown="block"))
    return element(tag, join(items, "\n"), {"class": "points"}, markdown="", inner="\n")


def _point_anchor_is_named(point: Point) -> bool:
    """Lettered and numbered points make an ordered list; dashes and bullets an unordered one."""
    return not point.anchor.rsplit("-", 1)[-1].isdigit()


def item_lead(item: Item, limit: int = 140) -> Md:
    """The opening words of an item's text, as text."""
    return text(lead(plain_text(item.text), limit))


def pager(
    r: Renderer,
    items: Sequence[OwnItem],
    index: int,
    page_of: Callable[[OwnItem], str],
    label: Callable[[OwnItem], str],
) -> Md:
    """Links to the previous and next of `items` around `items[index]`.

    Args:
        r: the page's renderer.
        items: the paragraphs, or the recitals, in order.
        index: the position of the page's own item.
        page_of: the page of an item.
        label: how a link names an item.
    """
    links = []
    if index > 0:
        prev = items[index - 1]
        links.append(link(f"← {label(prev)}", r.link.to(page_of(prev)), attrs={"rel": "prev"}))
    if index + 1 < len(items):
        nxt = items[index + 1]
        links.append(link(f"{label(nxt)} →", r.link.to(page_of(nxt)), attrs={"rel": "next"}))
    return element(
        "nav",
        join(links, " "),
        {"class": "pager", "aria-label": r.words("nav.previous_next"), **SEARCH_EXCLUDE},
        markdown="",
        inner="\n",
    )


def document_label(edition: Edition) -> str:
    """A document as lists across documents name it: 'ST 9876/24, 21 May 2024: <short title>'."""
    h = edition.document.header
    when = ", ".join(x for x in (h.document_id, edition.interface.date(h.date)) if x)
    return f"{when}: {h.short_title or h.title}" if when else h.short_title or h.title


def breadcrumb(r: Renderer, trail: Sequence[tuple[str, str | None]]) -> Md:
    """Where the page stands: (label, page) from the top; the page itself last, with no page. A
    page may name a place in it after '#' ('sections/ii.md#s-ii-a': a sub-section's heading)."""
    parts = [
        link(label, r.link.to(*src.split("#", 1))) if src else element("span", label, {"aria-current": "page"})
        for label, src in trail
    ]
    return element(
        "nav",
        join(parts, " › "),
        {"class": "crumbs", "aria-label": r.words("nav.breadcrumb"), **SEARCH_EXCLUDE},
        markdown="",
        inner="\n",
    )

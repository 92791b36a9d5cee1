"""The one path from source text to the HTML of the generated pages.

Every text run, attribute value, link, element and block that carries a value from `source/`
is written by this module, and escaped where it is written (as mkdocs-autorefs escapes at
the point of the link). The page modules compose what these functions return; they never put
a source value into HTML themselves (site_tests/unit/test_markup.py holds them to it).

What the builders return is `Md` (named when the pages were Markdown; it is HTML now). A plain
`str` given where HTML is expected is text and is escaped; only `Md` passes as it is. The tag
and attribute names, classes, ids and link targets are the code's own (made from ids that
fields.py checked), and are checked again here.

The pages go out as this HTML, not through Markdown (html_pages.py, the adapter's). The HTML is
the HTML Python-Markdown made of the Markdown these functions wrote before, byte for byte: a
block element's and a link's attributes in name order, a block element's text in paragraphs
(`blocks_of`), and text escaped as it was for Markdown:

- `text()` writes `&`, `<`, `>` and the characters Markdown and its extensions read as syntax
  (`*_[]`, backticks, backslashes, `{ }`, `==`, `^^`, `~~`, `++`, `:`) as character references,
  which the browser shows as written; a leading number's dot and a leading dash too. No longer
  needed against Markdown, they keep the pages as they were, and keep a value safe wherever a
  site's own template puts it;
- a line break never stands in text (`"\\n"` and `"\\r"` become spaces; read_text refuses
  `"\\r"` anyway): a heading, a list item and a table cell are one line;
- an attribute value has every delimiter escaped (`attr()`: quotes, `<`, `>`, `&`, and what
  attr_list and a link title read); a block element's as Python-Markdown's serializer wrote it;
- external addresses are checked URLs (`fields.url_problem`) written as the attribute of an
  `<a>` element.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterable, Mapping

from markupsafe import Markup

from .fields import url_problem
from .inline_source import ALLOWED_TAGS, tokenize
from .urls import footnote_anchor


class Md(str):
    """HTML built by this module: it is placed as it is, in the page templates
    too (`__html__`: Jinja's autoescape takes it as safe; core/pages/templates.py escapes any
    other value with `text`)."""

    __slots__ = ()

    def __html__(self) -> str:
        return self


# Characters that Markdown, attr_list or a Markdown extension would read as syntax; as
# character references they stay text. "\n" and "\r" would break a line.
_TEXT = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    "*": "&#42;",
    "_": "&#95;",
    "[": "&#91;",
    "]": "&#93;",
    "`": "&#96;",
    "\\": "&#92;",
    "{": "&#123;",
    "}": "&#125;",
    "#": "&#35;",
    "^": "&#94;",
    "!": "&#33;",
    "|": "&#124;",
    "~": "&#126;",
    "=": "&#61;",
    "+": "&#43;",
    ":": "&#58;",
    "\n": " ",
    "\r": " ",
}
_TEXT_TABLE = str.maketrans(_TEXT)
# At the start of a line: "2023. " (ordered list) and "-" (bullet list, rule). The other
# block markers (#, >, *, +, =, _) are escaped everywhere.
_LEADING = re.compile(r"\A(\s*)(?:(\d+)\.(?=\s|\Z)|-(?=[\s-]|\Z))")

# The delimiters of an HTML attribute, of a Markdown link title and of an attr_list value
# (which ends at "}"); "|" would split a table row. Python-Markdown reads a title after its
# backslash escapes and code spans, and tracks both quotes in it: "x' y') z" would end the
# link at "')". With both quotes escaped, parentheses in a title are text.
_ATTR = {
    "&": "&amp;",
    '"': "&quot;",
    "<": "&lt;",
    ">": "&gt;",
    "'": "&#39;",
    "\\": "&#92;",
    "`": "&#96;",
    "[": "&#91;",
    "]": "&#93;",
    "{": "&#123;",
    "}": "&#125;",
    "|": "&#124;",
    "\n": " ",
    "\r": " ",
}
_ATTR_TABLE = str.maketrans(_ATTR)
_ATTR_LIST_TABLE = str.maketrans({**_TEXT, **_ATTR})

_NAME = re.compile(r"[\w:-]+")
"""Tag and attribute names, classes, ids and anchors: letters (of any language), digits, `_:-`."""
_TARGET = re.compile(r"[\w./#:%-]*")
"""A link target between generated pages: a relative path and an anchor."""
_ALLOWED = {f"<{tag}>" for tag in ALLOWED_TAGS} | {f"</{tag}>" for tag in ALLOWED_TAGS}


SEARCH_EXCLUDE = {"data-search-exclude": "true"}
"""The attribute by which Material's search plugin leaves an element out of the index (and
then removes it from the page): interface, breadcrumbs, tables."""


def text(value: str) -> Md:
    """Text, shown exactly as written wherever it stands (in HTML, and in Markdown too)."""
    if isinstance(value, Md):
        raise TypeError("text() of Markdown: it would be escaped twice")
    escaped = value.translate(_TEXT_TABLE)
    leading = _LEADING.match(escaped)
    if leading:
        if leading.group(2):
            escaped = f"{leading.group(1)}{leading.group(2)}&#46;{escaped[leading.end() :]}"
        else:
            escaped = f"{leading.group(1)}&#45;{escaped[leading.end() :]}"
    return Md(escaped)


_WORD_COLON = re.compile(r"(?<=\S)&#58;(?= )")


def interface_text(value: str) -> Md:
    """An interface word (core/interface.py: the package's or a site's words) as text: escaped
    as `text`, but a colon that ends a word before a space ("Asked to act: see") is written as
    a colon, as the words were before they were data. Safe: no Markdown, attr_list or
    extension syntax is a colon between a word and a space (a definition list's colon opens
    its line, an emoji's and a URL's touch the next character)."""
    return Md(_WORD_COLON.sub(":", text(value)))


def html_text(value: str) -> Markup:
    """Text for the content of an HTML element (not an attribute): `&`, `<` and `>` escaped,
    quotes kept as they are ("Council's"). The templates print interface words with it."""
    return Markup(value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))


_SLOT = re.compile(r"\{(\w+)\}")


def worded(word: str, escape: Callable[[str], Md] = text, /, **values: str | int) -> Md:
    """An interface word (core/interface.py) whose placeholders take Markdown: the word's own
    text escaped by `escape` (`text`, or `interface_text` where a colon should stay one), each
    value as `md` writes it (a link as it is, text escaped). A placeholder without a value
    stays as it is written, as text."""
    out: list[str] = []
    at = 0

    def escaped(run: str) -> str:
        # A run after a value continues its line: escaped as such (behind a letter), so that
        # "{tag}: a page" keeps its colon and a run is never taken for a line's start.
        return escape(run) if at == 0 else escape("x" + run)[1:]

    for m in _SLOT.finditer(word):
        if m[1] not in values:
            continue
        out.append(escaped(word[at : m.start()]))
        out.append(md(values[m[1]]))
        at = m.end()
    out.append(escaped(word[at:]))
    return Md("".join(out))


def md(value: str | int) -> Md:
    """`Md` as it is; any other value as text."""
    if isinstance(value, Md):
        return value
    return text(str(value))


def join(parts: Iterable[str], sep: str = "") -> Md:
    """The parts (text escaped, `Md` as it is) joined by `sep`, which the code writes."""
    return Md(sep.join(md(part) for part in parts))


def attr(value: str | int) -> str:
    """An attribute value for any double-quoted place: HTML, a link title, attr_list."""
    return str(value).translate(_ATTR_TABLE)


def _name(value: str) -> str:
    if not _NAME.fullmatch(value):
        raise ValueError(f"not a name the code makes: {value!r}")
    return value


def link(
    label: str,
    target: str,
    *,
    title: str | None = None,
    classes: Iterable[str] = (),
    attrs: Mapping[str, str] | None = None,
) -> Md:
    """A link to another generated page, by its source path (`../glossary.md#co2`): the adapter
    has MkDocs turn it into the page's address and check it and its anchor, as MkDocs does for
    the links of a Markdown page."""
    if not _TARGET.fullmatch(target):
        raise ValueError(f"not a link target the code makes: {target!r}")
    values: dict[str, str] = {"href": target}
    if title is not None:
        values["title"] = attr(title)
    if names := " ".join(_name(c) for c in classes):
        values["class"] = names
    for key, value in (attrs or {}).items():
        values[_name(key)] = str(value).translate(_ATTR_LIST_TABLE)
    return Md(f"<a{_sorted_attrs(values)}>{md(label)}</a>")


def external_link(label: str, url: str) -> Md:
    """A link to an address outside the site, which fields.py has checked."""
    if problem := url_problem(url):
        raise ValueError(f"not an address fields.py accepts: {url!r} ({problem})")
    return Md(f'<a href="{attr(url)}" rel="external">{md(label)}</a>')


def start_tag(tag: str, attrs: Mapping[str, str | int | bool | None] | None = None, markdown: str | None = None) -> Md:
    """`<tag name="value" ...>`: True writes a bare attribute, None or False none. `markdown`
    (None, "span" or "block"; "1" and "" are "block") says what the element holds, as
    md_in_html's attribute said when the pages were Markdown: a block element's attributes
    are written in name order, as Python-Markdown wrote them (the same HTML as before)."""
    parts = [_name(tag)]
    if markdown is not None:
        values = {_name(k): v for k, v in (attrs or {}).items() if v is not None and v is not False}
        return Md(f"<{_name(tag)}{_sorted_attrs({k: _tree_attr(v) for k, v in values.items()})}>")
    for key, value in (attrs or {}).items():
        if value is True:
            parts.append(_name(key))
        elif value is not None and value is not False:
            parts.append(f'{_name(key)}="{attr(value)}"')
    return Md(f"<{' '.join(parts)}>")


def end_tag(tag: str) -> Md:
    """`</tag>`."""
    return Md(f"</{_name(tag)}>")


def element(
    tag: str,
    content: str = "",
    attrs: Mapping[str, str | int | bool | None] | None = None,
    *,
    markdown: str | None = None,
    inner: str = "",
) -> Md:
    """`<tag ...>content</tag>`. With `markdown` "span", the content is inline; with "block"
    (or "1", or ""), it is a series of blocks (`blocks_of`: text between block elements is a
    paragraph); without, it is written as it is, `inner` (the code's "\n") on both sides."""
    if markdown == "span" or (markdown in ("1", "") and tag in _SPAN_TAGS):
        return Md(f"{start_tag(tag, attrs, markdown)}{md(content).strip()}{end_tag(tag)}")
    if markdown is not None:
        body = blocks_of(md(content))
        return Md(
            f"{start_tag(tag, attrs, markdown)}\n{body}\n{end_tag(tag)}"
            if body
            else f"{start_tag(tag, attrs, markdown)}{end_tag(tag)}"
        )
    return Md(f"{start_tag(tag, attrs)}{inner}{md(content)}{inner}{end_tag(tag)}")


_SPAN_TAGS = frozenset(
    {"address", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "legend", "li", "p", "summary", "td", "th"}
)
"""Elements whose content is inline unless said otherwise (md_in_html's rule for `markdown="1"`)."""


def para(content: str, attrs: Mapping[str, str | int | bool | None] | None = None) -> Md:
    """A paragraph of text."""
    return element("p", content, attrs, markdown="span")


def heading(level: int, content: str, *, id: str | None = None, anchor_of: str = "") -> Md:
    """`<hN id="id">content</hN>`. A heading without an id is given one by the adapter, as
    MkDocs' table of contents gives it (the site's `toc` settings make it); `anchor_of`: words
    whose anchor (made the same way) the page keeps too, those its heading once read."""
    body = md(content)
    if "\n" in body:
        raise ValueError("a heading is one line")
    if not 1 <= level <= 6:
        raise ValueError(f"not a heading level: {level}")
    attrs = {"id": _tree_attr(id)} if id else {}
    if anchor_of:
        attrs[ANCHOR_OF] = _tree_attr(anchor_of)
    return Md(f"<h{level}{_sorted_attrs(attrs)}>{body.strip()}</h{level}>")


ANCHOR_OF = "data-anchor-of"
"""The attribute of a heading that names words whose anchor the page keeps (`heading`): the
adapter makes it as it makes a heading's, and puts it on an empty element before the heading."""


_ALIGN = {"---": "", "---:": "right", ":---": "left", ":---:": "center"}


def table(
    header: Iterable[str],
    rows: Iterable[Iterable[str | int]],
    align: Iterable[str] | None = None,
    classes: Iterable[str] = (),
) -> Md:
    """A table; `align` gives each column's rule as Markdown wrote it ('---', '---:'). Kept out of
    the search index (Material's `data-search-exclude`): flattened, a table's cells read as one
    run of words; what they say is indexed where it stands, on the paragraph's own page."""
    head = [md(h) for h in header]
    rules = list(align) if align is not None else ["---"] * len(head)
    styles = [f' style="text-align: {_ALIGN[rule]};"' if _ALIGN[rule] else "" for rule in rules]

    def row(cells: list[Md], tag: str) -> str:
        if any("\n" in cell for cell in cells):
            raise ValueError("a table cell is one line")
        padded = [*cells, *[Md("")] * (len(styles) - len(cells))][: len(styles)]
        return (
            "<tr>\n"
            + "".join(f"<{tag}{style}>{cell.strip()}</{tag}>\n" for cell, style in zip(padded, styles, strict=True))
            + "</tr>"
        )

    body = [row([md(cell) for cell in r], "td") for r in rows]
    html_table = f"<table>\n<thead>\n{row(head, 'th')}\n</thead>\n"
    html_table += f"<tbody>\n{chr(10).join(body)}\n</tbody>\n</table>" if body else "</table>"
    wrapper = {"class": " ".join(_name(c) for c in classes) or None, **SEARCH_EXCLUDE}
    return Md(f"{start_tag('div', wrapper, 'block')}\n{html_table}\n</div>")


def bullets(items: Iterable[str]) -> Md:
    """A bullet list, one line per item."""
    lines = []
    for item in items:
        body = md(item)
        if "\n" in body:
            raise ValueError("a list item is one line")
        lines.append(f"<li>{body.strip()}</li>")
    return Md("<ul>\n" + "\n".join(lines) + "\n</ul>") if lines else Md("")


def strong(value: str) -> Md:
    """`value` (plain text) in bold."""
    return Md(f"<strong>{text(value)}</strong>")


def code(value: str) -> Md:
    """A code span of a text the code writes (an address pattern such as `text/#pN`)."""
    if "`" in value or "\n" in value:
        raise ValueError(f"not a code span the code makes: {value!r}")
    return Md(f"<code>{html.escape(value, quote=False)}</code>")


# -- blocks ----------------------------------------------------------------------------------

_BLOCK_TAGS = (
    "address|article|aside|blockquote|details|div|dl|fieldset|figcaption|figure|footer|form|"
    "h[1-6]|header|hgroup|hr|li|main|menu|nav|ol|p|pre|section|table|tbody|td|tfoot|th|thead|tr|ul"
)
_BLOCK_START = re.compile(rf"<({_BLOCK_TAGS})(?=[\s>/])")
_SAME_TAG: dict[str, re.Pattern[str]] = {}


def _block_end(content: str, tag: str, start: int) -> int:
    """Where the block element opened at `start` ends (past its end tag)."""
    pattern = _SAME_TAG.get(tag)
    if pattern is None:
        pattern = _SAME_TAG[tag] = re.compile(rf"<(/?){tag}(?=[\s>/])>?")
    depth = 0
    for m in pattern.finditer(content, start):
        depth += -1 if m[1] else 1
        if depth == 0:
            return content.index(">", m.start()) + 1
    raise ValueError(f"<{tag}> is not closed")


def blocks_of(content: str) -> Md:
    """HTML blocks, one a line: the block elements of `content` as they are, and the text between them, each stretch between blank lines, as a paragraph
    (`<p>`), as Markdown made one. What the page modules write is HTML; this is the one rule
    of Markdown they relied on, and the only one kept."""
    out: list[str] = []

    def paragraphs(run: str) -> None:
        for chunk in re.split(r"\n[ \t]*\n", run):
            if chunk := chunk.strip():
                out.append(f"<p>{chunk}</p>")

    pos = 0
    while (m := _BLOCK_START.search(content, pos)) is not None:
        paragraphs(content[pos : m.start()])
        end = _block_end(content, m[1], m.start())
        out.append(content[m.start() : end])
        pos = end
    paragraphs(content[pos:])
    return Md("\n".join(out))


def _tree_attr(value: str | int | bool) -> str:
    """An attribute value as Python-Markdown's serializer wrote one it had read: `&` (unless it
    starts a character reference), `<`, `>` and `"` escaped."""
    if value is True:
        return ""
    escaped = _AMP.sub("&amp;", str(value).replace("\n", " ").replace("\r", " "))
    return escaped.replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


_AMP = re.compile(r"&(?!(?:\#[0-9]+|\#x[0-9a-f]+|[0-9a-z]+);)", re.IGNORECASE)


def _sorted_attrs(values: Mapping[str, str]) -> str:
    """` name="value"` of each attribute (values already escaped), in name order."""
    return "".join(f' {key}="{values[key]}"' for key in sorted(values))


def inline_tag(value: str) -> Md:
    """One of the few tags inline source may hold (`<sup>`, `</sub>`; inline.ALLOWED_TAGS)."""
    if value not in _ALLOWED:
        raise ValueError(f"not an allowed tag: {value!r}")
    return Md(value)


def inline_html(source: str, footnote_href: str) -> str:
    """Inline source as HTML for the JSON data: text escaped, the allowed tags kept,
    footnote references as links to footnote N at `footnote_href` (`urls.footnote_anchor`)."""
    out = []
    for token in tokenize(source):
        if token.kind == "text":
            out.append(html.escape(token.value, quote=False))
        elif token.kind == "tag":
            out.append(inline_tag(token.value))
        else:
            number = html.escape(token.value)
            href = f"{attr(footnote_href)}#{footnote_anchor(number)}"
            out.append(f'<sup class="footnote-ref"><a href="{href}">{number}</a></sup>')
    return "".join(out)


def sitemap(urls: list[str]) -> str:
    """A sitemap (XML) of the addresses, each escaped as XML text."""
    entries = "".join(f"  <url><loc>{html.escape(url)}</loc></url>\n" for url in urls)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + entries + "</urlset>\n"
    )


def html_page(head: Iterable[str], body: str, language: str = "en") -> str:
    """A whole HTML page, outside MkDocs' templates (a redirect page): its head elements and
    body, already built here; `language` is checked as a language tag."""
    if not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*", language):
        raise ValueError(f"not a language tag: {language!r}")
    return (
        f'<!doctype html>\n<html lang="{language}">\n<head>\n'
        + "\n".join(md(part) for part in head)
        + f"\n</head>\n<body>\n{md(body)}\n</body>\n</html>\n"
    )


_SCRIPT_DATA = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def json_data(data: Mapping[str, object]) -> Markup:
    """`data` as the text of a `<script type="application/ld+json">` data block: JSON in which
    `<`, `>` and `&` are escapes, so that no source text can close the element ("</script>")
    or open a comment in it; the browser never runs a data block (no Content-Security-Policy
    hash is needed), and search engines read the JSON as it is."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    for ch, escaped in _SCRIPT_DATA.items():
        text = text.replace(ch, escaped)
    return Markup(text)

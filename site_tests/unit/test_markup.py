"""One path from source text to Markdown and HTML: core/markup.py, and only it.

The first test reads the code: outside markup.py, no module of the core formats a value into
a string that holds HTML or Markdown syntax (a tag, a link, an attr_list, a heading, a table
row, an emphasis). The page modules compose what markup.py returns. The others render small
pieces through Python-Markdown exactly as the site does, and check what the reader gets.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import markdown
import pytest
from conclusions.core import markup
from conclusions.core.markup import Md, blocks_of, element, external_link, heading, join, link, para, table, text

CORE = Path(markup.__file__).resolve().parent
# HTML tags and Markdown or attr_list syntax, in the literal parts of a formatted string.
SYNTAX = re.compile(r"<[A-Za-z/!]|\]\(|\{[:#.]|\{ [#.]|markdown|\*\*|^#+ |^- |^\| | \|$|`[^`]*`")
MESSAGES = {"SourceError", "error", "ValueError", "TypeError", "RuntimeError"}
"""Calls whose strings are messages for people (they may quote a tag), not page content."""
MESSAGE_NAMES = {"message", "explanation", "hint"}
"""Variables that hold such a message before the call."""


def _formatted_strings(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, literal text) of every f-string, str.format() and %-format outside messages.

    One walk of the tree that does not go into a message (the arguments of a call in MESSAGES,
    the value given to a name in MESSAGE_NAMES): every other node is read once."""
    found = []
    todo = [tree]
    while todo:
        node = todo.pop()
        if isinstance(node, ast.JoinedStr):
            found.append((node.lineno, "".join(str(v.value) for v in node.values if isinstance(v, ast.Constant))))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "format"
            and isinstance(node.func.value, ast.Constant)
            and isinstance(node.func.value.value, str)
        ):
            found.append((node.lineno, node.func.value.value))
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod) and isinstance(node.left, ast.Constant):
            found.append((node.lineno, str(node.left.value)))
        messages = _messages(node)
        todo.extend(child for child in ast.iter_child_nodes(node) if child not in messages)
    return sorted(found)


def _messages(node: ast.AST) -> list[ast.AST]:
    """The children of `node` that are messages for people, not page content."""
    if isinstance(node, ast.Call) and (getattr(node.func, "id", None) or getattr(node.func, "attr", None)) in MESSAGES:
        return list(node.args)
    if isinstance(node, ast.Assign) and any(getattr(t, "id", "") in MESSAGE_NAMES for t in node.targets):
        return [node.value]
    return []


def test_no_core_module_but_markup_formats_values_into_markup() -> None:
    offenders = []
    for path in sorted(CORE.rglob("*.py")):
        if path.name == "markup.py":
            continue
        for line, literal in _formatted_strings(ast.parse(path.read_text(encoding="utf-8"))):
            if SYNTAX.search(literal):
                offenders.append(f"{path.relative_to(CORE)}:{line}: {literal!r}")
    assert not offenders, "build these with core/markup.py:\n" + "\n".join(offenders)


def test_the_check_sees_what_it_must() -> None:
    """The scan itself: it flags a hand-built link, tag and attr_list, and lets a message be."""
    flagged = _formatted_strings(
        ast.parse(
            "a = f'[{x}]({y})'\nb = f'<span id=\"{x}\">'\nc = '{{ .c }} {}'.format(x)\n"
            "d = f'{x}{{ #id }}'\nraise SourceError(p, 1, f'tag <{x}> is never closed')\n"
        )
    )
    assert [line for line, literal in flagged if SYNTAX.search(literal)] == [1, 2, 3, 4]


def render(md_text: str) -> str:
    """The HTML of a page body as it goes out (core/pages/templates.py: blocks, then as it is,
    html_pages.py), and as Python-Markdown would make it, should a site's own page take it in:
    each is checked by the tests below."""
    return blocks_of(md_text)


def through_markdown(md_text: str) -> str:
    """Python-Markdown with the site's extensions (mkdocs.yml)."""
    return markdown.markdown(md_text, extensions=["attr_list", "md_in_html", "tables", "toc"])


@pytest.mark.parametrize(
    "value",
    [
        "2023. A charter for the ocean.",
        "- not a list",
        "--- not a rule",
        "# not a heading",
        "> not a quote",
        "* not a list",
        "Commission onmouseover=alert(1) } {",
        "{: .x onclick=alert(1) }",
        "<script>alert(1)</script>",
        "[x](javascript:alert(1))",
        "**not bold** _nor em_ `nor code`",
        "a\\*b\\",
        "&lt;b&gt; &amp; &",
        "x\ry\nz",
    ],
)
def test_text_is_shown_as_written_wherever_it_stands(value: str) -> None:
    expected = " ".join(value.replace("\r", " ").split())
    for placed in (text(value), para(value), heading(2, value), table(["A"], [[value]]), join(["x ", value])):
        for html in (render(placed), through_markdown(placed)):
            assert "<script" not in html and " on" not in html.replace(" onmouseover&#61;", "").replace(
                " onclick&#61;", ""
            )
            assert "<ol" not in html and "<ul" not in html and "<pre" not in html and "<blockquote" not in html
            assert "<em" not in html and "<strong" not in html and "<code" not in html and "<a " not in html
            shown = re.sub(r"<[^>]+>", "", html)
            shown = shown.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
            shown = re.sub(r"&#(\d+);", lambda m: chr(int(m.group(1))), shown).replace("&amp;", "&")
            assert expected in " ".join(shown.split()), (placed, html)


@pytest.mark.parametrize(
    "value",
    ['x" onmouseover="alert(1)', "x' y') z", "a } { onclick=alert(1)", 'a\\" b', "`x` | y", "*a* _b_ :c:"],
)
def test_attribute_values_stay_one_value(value: str) -> None:
    """In a link title, an attr_list value and an element's attribute."""
    placed = join(
        [
            link("label", "../x/", title=value, attrs={"aria-label": value}),
            " ",
            element("abbr", "t", {"title": value}),
        ]
    )
    for html in (render(placed), through_markdown(placed)):
        assert html.count("<a ") == 1 and html.count("<abbr ") == 1, html
        for tag, shown in (("a", "label"), ("abbr", "t")):
            found = re.search(rf"<{tag} ([^>]*)>{shown}</{tag}>", html)
            assert found, html
            attrs = dict(re.findall(r'([\w-]+)="([^"]*)"', found.group(1)))
            assert set(attrs) == ({"href", "title", "aria-label"} if tag == "a" else {"title"}), attrs
            assert all(_decoded(v) == value for k, v in attrs.items() if k != "href"), attrs


def _decoded(value: str) -> str:
    value = re.sub(r"&#(\d+);", lambda m: chr(int(m.group(1))), value)
    return value.replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def test_names_targets_and_addresses_are_checked() -> None:
    with pytest.raises(ValueError):
        link("x", "javascript:alert(1)")
    with pytest.raises(ValueError):
        link("x", "../a/ onclick=x")
    with pytest.raises(ValueError):
        link("x", "a.md", classes=["x onclick=alert(1)"])
    with pytest.raises(ValueError):
        element("a onclick=x", "t")
    with pytest.raises(ValueError):
        external_link("x", "https://x.eu/)<script>alert(1)</script>")
    with pytest.raises(TypeError):
        text(Md("already Markdown"))
    assert external_link("x", "https://x.eu/a(b)?c=1&d=2") == Md(
        '<a href="https://x.eu/a(b)?c=1&amp;d=2" rel="external">x</a>'
    )

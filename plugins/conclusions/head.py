"""What a page's `<head>` loads before its first paint (issue 15).

A stylesheet `<link>` holds the first paint until it has arrived, and a phone on a slow
network waits one more round trip for each. Only Material's main stylesheet is linked; the
two small ones are written into the page (`theme/main.html`, block `styles`):

- Material's `palette.css` holds every colour Material offers (12 KB); a page needs the rules
  of the colours its site configures (under 4 KB), the same for every page of the site.
- The plugin's `assets/conclusions.css`, minified. It is read through the theme's template
  loader, so a site's `overrides/assets/conclusions.css` still replaces it.

Material's script stays as Material loads it, at the end of `<body>`, not deferred. Deferred,
Lighthouse's simulated first paint came 0.4 s earlier, but the script's work then counts as
blocking time after it, and long pages scored lower (full text 89 against 97, glossary 91
against 96; bench/RESULTS.md, findings of 2026-11-27).

The inline styles are allowed by their hashes in the Content-Security-Policy (csp.py), which
`main.html` computes by rendering the same block.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from typing import Any

from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

_TOKEN = re.compile(
    r"""
      (?P<comment>/\*.*?(?:\*/|\Z))
    | (?P<string>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
    | (?P<space>\s+)
    | (?P<other>[^/"'\s{};,>()\[\]]+|.)
    """,
    re.S | re.X,
)
_TIGHT = frozenset("{};,>")
"""Characters around which CSS needs no space. Not `:` (`a :hover` is not `a:hover`) and not
`(` (`and (` in a media query is not the function `and(`)."""


def _tokens(css: str) -> Iterator[tuple[str, str]]:
    for match in _TOKEN.finditer(css):
        kind = match.lastgroup or "other"
        yield kind, match.group()


def minify(css: str) -> str:
    """The stylesheet without comments and without the spaces CSS does not need; strings, and
    the single spaces inside parentheses (a value with `var()` is kept as written), unchanged."""
    out: list[str] = []
    space = False
    depth = 0
    for kind, text in _tokens(css):
        if kind in ("comment", "space"):
            space = True
            continue
        if space and out and (depth > 0 or (out[-1][-1] not in _TIGHT and text not in _TIGHT)):
            out.append(" ")
        space = False
        if kind == "other" and text == "(":
            depth += 1
        elif kind == "other" and text == ")":
            depth = max(depth - 1, 0)
        if text == "}" and out and out[-1] == ";":
            out.pop()
        out.append(text)
    return "".join(out)


def _rules(css: str) -> Iterator[tuple[str, str | None]]:
    """Top-level statements: (prelude, block) for a rule or block at-rule, (statement, None)
    for a statement ending in `;` (`@import`, `@charset`)."""
    prelude: list[str] = []
    block: list[str] = []
    depth = 0
    for kind, text in _tokens(css):
        if depth == 0:
            if kind == "other" and text == "{":
                depth = 1
            elif kind == "other" and text == ";":
                yield "".join(prelude) + ";", None
                prelude = []
            else:
                prelude.append(text)
            continue
        if kind == "other" and text == "{":
            depth += 1
        elif kind == "other" and text == "}":
            depth -= 1
            if depth == 0:
                yield "".join(prelude), "".join(block)
                prelude, block = [], []
                continue
        block.append(text)
    if "".join(prelude).strip():
        yield "".join(prelude), None


def _selectors(prelude: str) -> list[str]:
    """A selector list split at its commas (not those inside brackets, parentheses or strings)."""
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for kind, text in _tokens(prelude):
        if kind == "other" and text in "([":
            depth += 1
        elif kind == "other" and text in ")]":
            depth -= 1
        if kind == "other" and text == "," and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(text)
    parts.append("".join(current))
    return parts


_COLOUR = re.compile(r"""\[data-md-color-(primary|accent)=["']?([\w-]+)["']?\]""")
_GROUPING = ("@media", "@supports", "@layer", "@container")


def prune_palette(css: str, colours: Mapping[str, Iterable[str]]) -> str:
    """Material's palette stylesheet with only the rules a page of this site can use.

    Material's palette toggle sets `data-md-color-primary` and `-accent` on `<body>` to the
    values of the site's configured palettes only, so a rule whose every selector names
    another primary or accent colour never applies. Every other rule (schemes, at-rules)
    is kept as it is.

    Args:
        css: Material's `palette.css`.
        colours: the configured values, `{"primary": {...}, "accent": {...}}`.
    """
    used = {key: set(values) for key, values in colours.items()}

    def alive(selector: str) -> bool:
        return all(value in used.get(key, ()) for key, value in _COLOUR.findall(selector))

    out: list[str] = []
    for prelude, block in _rules(css):
        if block is None:
            out.append(prelude)
        elif prelude.lstrip().startswith(_GROUPING):
            inner = prune_palette(block, used)
            if inner.strip():
                out.append(f"{prelude}{{{inner}}}")
        elif prelude.lstrip().startswith("@") or any(alive(s) for s in _selectors(prelude)):
            out.append(f"{prelude}{{{block}}}")
    return "".join(out)


def palette_colours(palette: Any) -> dict[str, set[str]]:
    """The primary and accent colours of `theme.palette` (one palette or a list), as
    Material's templates write them on the page (default indigo, spaces as hyphens)."""
    options = [palette] if isinstance(palette, Mapping) else list(palette or [])
    colours: dict[str, set[str]] = {"primary": set(), "accent": set()}
    for option in options:
        for key in colours:
            colours[key].add(str(option.get(key) or "indigo").replace(" ", "-"))
    return colours


def _inert(css: str) -> str:
    """Stylesheet text that cannot end its `<style>` element (`\\/` is `/` in CSS)."""
    return re.sub(r"</", r"<\\/", css)


@lru_cache(maxsize=16)
def style_text(css: str) -> str:
    """A stylesheet as a `<style>` element holds it: minified, and unable to end the element."""
    return _inert(minify(css))


@lru_cache(maxsize=16)
def _pruned(css: str, primary: frozenset[str], accent: frozenset[str]) -> str:
    return _inert(prune_palette(css, {"primary": primary, "accent": accent}))


def _source(context: Context, name: str) -> str:
    """A file of the theme (site's `custom_dir`, then the plugin's `theme/`, then Material's)."""
    loader = context.environment.loader
    if loader is None:
        raise LookupError(f"no template loader to read {name}")
    return loader.get_source(context.environment, name)[0]


@pass_context
def stylesheet(context: Context, name: str) -> Markup:
    """The theme's stylesheet `name`, minified, for a `<style>` element."""
    return Markup(style_text(_source(context, name)))


_PALETTE_LINK = re.compile(
    r"""<link\s+rel="stylesheet"\s+href="[^"]*?(?P<name>assets/stylesheets/palette\.[0-9a-f]+\.min\.css)"\s*/?>"""
)


@pass_context
def inline_palette(context: Context, styles: str) -> Markup:
    """Material's `styles` block with its palette stylesheet link replaced by a `<style>`
    holding the rules of the configured colours (unchanged if there is no such link)."""
    match = _PALETTE_LINK.search(str(styles))
    if match is None:
        return Markup(styles)
    colours = palette_colours(context["config"].theme.get("palette"))
    css = _pruned(_source(context, match.group("name")), frozenset(colours["primary"]), frozenset(colours["accent"]))
    return Markup(str(styles)[: match.start()] + f"<style>{css}</style>" + str(styles)[match.end() :])


TEMPLATE_GLOBALS = {"stylesheet": stylesheet, "inline_palette": inline_palette}
"""What `theme/main.html` calls, given to the templates by the plugin's `on_env`."""

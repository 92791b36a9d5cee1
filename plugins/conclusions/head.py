"""What a page's `<head>` loads before its first paint.

A stylesheet `<link>` holds the first paint until it has arrived, and a phone on a slow
network waits one more round trip for each. Only Material's main stylesheet is linked; the
two small ones are written into the page (`theme/main.html`, block `styles`):

- Material's `palette.css` holds every colour Material offers; a page needs only the rules of
  the colours its site configures, a fraction of them, the same for every page of the site.
- The plugin's `assets/conclusions.css`, minified. It is read through the theme's template
  loader, so a site's `overrides/assets/conclusions.css` still replaces it.

Material's script stays as Material loads it, at the end of `<body>`, not deferred. Deferred,
Lighthouse's simulated first paint came earlier, but the script's work then counted as
blocking time after it, and long pages scored lower (bench/RESULTS.md, "Findings, first
paint").

What the head writes is sent before any of the text, on every page. A new connection's first
round trip carries about 14 KB (ten TCP segments; the page gzip-compressed), and a page over
that needs one round trip more to arrive whole, which Lighthouse's simulated phone counts in
full before the first paint (bench/RESULTS.md, "Findings, first paint of the glossary"). So
what the head writes stays small: the inline scripts carry no comments
(`partials/early-scripts.html`). One stylesheet still serves every page: Material's instant
navigation swaps the body's parts and keeps the first page's `<style>` elements, so a
stylesheet trimmed to one page would leave the next one unstyled.

The inline styles are allowed by their hashes in the Content-Security-Policy (csp.py), which
`main.html` computes by rendering the same block.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

import rcssmin
import tinycss2
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup
from tinycss2.ast import AtRule, LiteralToken, Node, QualifiedRule

from .material_theme import palette_link


def minify(css: str) -> str:
    """The stylesheet without comments and without the spaces CSS does not need (rcssmin)."""
    return str(rcssmin.cssmin(css))


_COLOUR = re.compile(r"""\[data-md-color-(primary|accent)=["']?([\w-]+)["']?\]""")
_GROUPING = frozenset({"media", "supports", "layer", "container"})


def _selectors(prelude: list[Node]) -> list[str]:
    """A rule's selector list split at its top-level commas (tinycss2 keeps those inside
    brackets, parentheses and strings in their own blocks and tokens)."""
    parts: list[list[Node]] = [[]]
    for token in prelude:
        if isinstance(token, LiteralToken) and token.value == ",":
            parts.append([])
        else:
            parts[-1].append(token)
    return [tinycss2.serialize(part) for part in parts]


def _pruned_rules(rules: list[Node], used: Mapping[str, set[str]]) -> str:
    def alive(selector: str) -> bool:
        return all(value in used.get(key, ()) for key, value in _COLOUR.findall(selector))

    out: list[str] = []
    for rule in rules:
        if isinstance(rule, AtRule) and rule.content is not None and rule.lower_at_keyword in _GROUPING:
            inner = _pruned_rules(tinycss2.parse_rule_list(rule.content), used)
            if inner.strip():
                out.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{inner}}}")
        elif isinstance(rule, QualifiedRule) and not any(alive(s) for s in _selectors(rule.prelude)):
            continue
        else:
            out.append(rule.serialize())
    return "".join(out)


def prune_palette(css: str, colours: Mapping[str, Iterable[str]]) -> str:
    """Material's palette stylesheet with only the rules a page of this site can use.

    Material's palette toggle sets `data-md-color-primary` and `-accent` on `<body>` to the
    values of the site's configured palettes only, so a rule whose every selector names
    another primary or accent colour never applies. Every other rule (schemes, at-rules)
    is kept as it is. The stylesheet is read by tinycss2 (CSS Syntax Level 3).

    Args:
        css: Material's `palette.css`.
        colours: the configured values, `{"primary": {...}, "accent": {...}}`.
    """
    used = {key: set(values) for key, values in colours.items()}
    return _pruned_rules(tinycss2.parse_stylesheet(css, skip_comments=True), used)


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


@pass_context
def inline_palette(context: Context, styles: str) -> Markup:
    """Material's `styles` block with its palette stylesheet link replaced by a `<style>`
    holding the rules of the configured colours (unchanged if there is no such link)."""
    match = palette_link(str(styles))
    if match is None:
        return Markup(styles)
    colours = palette_colours(context["config"].theme.get("palette"))
    css = _pruned(_source(context, match.group("name")), frozenset(colours["primary"]), frozenset(colours["accent"]))
    return Markup(str(styles)[: match.start()] + f"<style>{css}</style>" + str(styles)[match.end() :])


TEMPLATE_GLOBALS = {"stylesheet": stylesheet, "inline_palette": inline_palette}
"""What `theme/main.html` calls, given to the templates by the plugin's `on_env`."""

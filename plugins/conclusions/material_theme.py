"""Every detail of Material's own HTML that the plugin relies on, and their check at start-up.

The plugin changes two things in the pages Material writes, by their text, because Material's
templates have no block or option for either, and replaces two of its partials:

- `base.html` marks its two checkbox toggles `autocomplete="off"`, which HTML allows on
  text-like inputs only (an error of the Nu Html Checker): `conform` takes the attribute off.
- `base.html`'s `styles` block links the palette stylesheet `assets/stylesheets/palette.<hash>.min.css`,
  every colour Material offers: `palette_link` finds that link, so that `head.py` can write
  the rules of the site's own colours into the page instead.
- `partials/language.html` chooses Material's interface words by the site's one
  `theme.language`; the plugin's copy (theme/partials/language.html) chooses them by each
  page's language. `LANGUAGE_PARTIAL` is Material's file as the copy was made from it.
- `partials/nav.html` draws the whole navigation into every page; the plugin's copy draws a
  collection's texts other than the page's own each as one link, with Material's own macro
  for a pruned entry (`collection_nav.py`): the copy is Material's file but for `NAV_LINE`.

`check()` runs when a build or `mkdocs serve` starts: it reads the installed Material's
templates and stops with a message naming what it no longer writes, so that a Material
release that changes any of them shows at once, not as a page that quietly keeps the invalid
attribute or loads every colour again.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

CHECKBOX_AUTOCOMPLETE = (
    'type="checkbox" id="__drawer" autocomplete="off"',
    'type="checkbox" id="__search" autocomplete="off"',
)
"""The two toggles of Material's base.html, as it writes them."""

LANGUAGE_PARTIAL = (
    '{% import "partials/languages/" ~ config.theme.language ~ ".html" as lang %}\n'
    '{% import "partials/languages/en.html" as fallback %}\n'
    "{% macro t(key) %}{{ lang.t(key) or fallback.t(key) or key }}{% endmacro %}"
)
"""Material's partials/language.html without its comment: what the plugin's copy replaces."""

NAV_LINE = "{{ item.render(nav_item, path, 1) }}"
"""The line of Material's partials/nav.html that draws an entry of the navigation's top level;
the plugin's copy (theme/partials/nav.html) draws a collection's other texts there with
`PRUNED_MACRO` instead, and is otherwise Material's file."""

PRUNED_MACRO = "{% macro render_pruned(nav_item, ref) %}"
"""The macro of Material's partials/nav-item.html that draws a pruned entry as one link."""

PLUGIN_NAV = Path(__file__).resolve().parent / "theme" / "partials" / "nav.html"
_COMMENT = re.compile(r"\{#.*?#\}", re.S)

_PALETTE_LINK = re.compile(
    r"""<link\s+rel="stylesheet"\s+href="[^"]*?(?P<name>assets/stylesheets/palette\.[0-9a-f]+\.min\.css)"\s*/?>"""
)
_URL_FILTER = re.compile(r"""\{\{\s*'([^']*)'\s*\|\s*url\s*\}\}""")
_STYLES_BLOCK = re.compile(r"\{%-?\s*block styles\s*-?%\}(?P<body>.*?)\{%-?\s*endblock\s*-?%\}", re.S)


def conform(html: str) -> str:
    """Material's HTML made valid where it is not (`CHECKBOX_AUTOCOMPLETE`)."""
    for attr in CHECKBOX_AUTOCOMPLETE:
        html = html.replace(attr, attr.removesuffix(' autocomplete="off"'))
    return html


def palette_link(styles: str) -> re.Match[str] | None:
    """The link to Material's palette stylesheet in the `styles` block as rendered; its
    `name` group is the stylesheet's path in the theme."""
    return _PALETTE_LINK.search(styles)


def _templates() -> Path:
    import material  # type: ignore[import-untyped]

    return Path(material.__file__).parent / "templates"


def missing(templates: Path | None = None) -> list[str]:
    """What Material's templates (the installed ones by default) no longer write as the plugin
    expects; empty when all of it holds."""
    folder = templates or _templates()
    try:
        base = (folder / "base.html").read_text(encoding="utf-8")
    except OSError as err:
        return [f"Material's base.html cannot be read ({err.strerror})"]
    gone = [
        f"Material's base.html no longer writes '{attr}' (material_theme.CHECKBOX_AUTOCOMPLETE)"
        for attr in CHECKBOX_AUTOCOMPLETE
        if attr not in base
    ]
    try:
        language = (folder / "partials" / "language.html").read_text(encoding="utf-8")
    except OSError:
        language = ""
    if _COMMENT.sub("", language).strip() != LANGUAGE_PARTIAL:
        gone.append(
            "Material's partials/language.html is no longer the one the plugin's copy replaces "
            "(material_theme.LANGUAGE_PARTIAL)"
        )
    gone += _nav_changes(folder)
    block = _STYLES_BLOCK.search(base)
    # The block as rendered at the root of a site: `{{ 'path' | url }}` is the path itself.
    found = palette_link(_URL_FILTER.sub(r"\1", block.group("body"))) if block else None
    if found is None:
        gone.append(
            "Material's styles block no longer links assets/stylesheets/palette.<hash>.min.css (material_theme)"
        )
    elif not (folder / found.group("name")).is_file():
        gone.append(f"Material's styles block links {found.group('name')}, which it does not ship (material_theme)")
    return gone


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return ""


def _nav_changes(folder: Path) -> list[str]:
    """Whether Material's navigation partials are still those the plugin's copy was made from."""
    gone = []
    ours = _COMMENT.sub("", _read(PLUGIN_NAV)).strip()
    line = re.search(r"^ *\{% if nav_item is collapsed_text\(page\) %\}.*$", ours, re.M)
    if line is None or _COMMENT.sub("", _read(folder / "partials" / "nav.html")).strip() != ours.replace(
        line.group(0), " " * (len(line.group(0)) - len(line.group(0).lstrip())) + NAV_LINE
    ):
        gone.append(
            "Material's partials/nav.html is no longer the one the plugin's copy replaces (material_theme.NAV_LINE)"
        )
    if PRUNED_MACRO not in _read(folder / "partials" / "nav-item.html"):
        gone.append(f"Material's partials/nav-item.html no longer defines '{PRUNED_MACRO}' (material_theme)")
    return gone


@lru_cache(maxsize=1)
def check() -> tuple[str, ...]:
    """What `missing()` finds in the installed Material, read once a process."""
    return tuple(missing())

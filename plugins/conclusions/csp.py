"""A Content-Security-Policy for every page: scripts and style sheets from the site itself, and
the inline scripts and `<style>` elements of the templates, by their hashes.

GitHub Pages sends no headers of a site's choosing, so the policy is a `<meta http-equiv>`
that `theme/main.html` writes at the top of `<head>` (and `404.html` through it). Escaping
(core/markup.py) keeps source text from becoming markup; the policy is the second line of
defence: should a `<script>` or an `onclick=` ever reach a page, the browser refuses to run it.

The hashes are computed at build time from the templates that write the inline scripts
(Material's `partials/javascripts/*.html` and the plugin's `partials/early-scripts.html`),
rendered for the page with the page's own context: `main.html` renders them into a variable
and passes it to `csp_policy` (a template global). They are never taken from the finished page: a
script that reached the page some other way (from the text, if its escaping ever failed)
would then be hashed and allowed, which is exactly what the policy is there to stop. Rendering
the partials themselves, rather than hashing copies of their text, keeps the hashes right when
Material's scripts change or a site overrides a partial.

Style sheets likewise (`style-src-elem`): the site's own files, and the `<style>` elements of
the `styles` and `fonts` blocks (head.py writes the palette and the plugin's stylesheet into
the first), hashed from those blocks rendered again. `style` attributes are allowed
(`style-src-attr 'unsafe-inline'`): Markdown's tables align their cells with them, and they
can neither load nor run anything. Everything else comes from the site itself only
(`default-src 'self'`: images, fonts, the search index, the pages instant navigation fetches,
the search worker), images also as `data:` addresses, and forms send only to the site
(`form-action`). Material's web fonts (`theme.font`) load only from the site's own files
then, as its privacy plugin arranges; the flagship and `conclusions new` turn them off.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re

from markupsafe import Markup

_SCRIPT = re.compile(r"<script(?P<attrs>\s[^>]*)?>(?P<body>.*?)</script\s*>", re.S | re.I)
_SRC = re.compile(r"\ssrc\s*=", re.I)
_TYPE = re.compile(r"""\stype\s*=\s*["']?([^"'\s>]+)""", re.I)
_EXECUTABLE = {"", "text/javascript", "application/javascript", "module"}
_STYLE = re.compile(r"<style(?:\s[^>]*)?>(?P<body>.*?)</style\s*>", re.S | re.I)

DEFAULT_DIRECTIVES = ("default-src 'self'", "img-src 'self' data:", "style-src-attr 'unsafe-inline'")
"""Everything else from the site itself (images, fonts, connections such as the search index
and instant navigation, workers, frames); images also as `data:` addresses, which Material's
stylesheet uses for its icons; and `style` attributes, which `default-src` would otherwise
refuse (see the module's docstring)."""

OTHER_DIRECTIVES = ("object-src 'none'", "base-uri 'self'", "form-action 'self'")
"""No plugins, no <base> that would send relative script addresses elsewhere, and no form
that sends what is typed into it to another site (`default-src` does not cover forms)."""


def sha256(script: str) -> str:
    """The CSP source expression of an inline script's text."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script the browser would run (not `src=`, not JSON data)."""
    found = []
    for match in _SCRIPT.finditer(html):
        attrs = match.group("attrs") or ""
        kind = _TYPE.search(attrs)
        if _SRC.search(attrs) or (kind and kind.group(1).lower() not in _EXECUTABLE):
            continue
        found.append(match.group("body"))
    return found


def inline_styles(html: str) -> list[str]:
    """The text of every `<style>` element in `html`."""
    return [match.group("body") for match in _STYLE.finditer(html)]


def _sources(directive: str, hashes: list[str]) -> str:
    return " ".join([directive, "'self'", *dict.fromkeys(hashes)])


def policy(scripts_html: str, styles_html: str = "") -> Markup:
    """The policy allowing scripts and style sheets from the site ('self'), the inline scripts
    in `scripts_html` and the `<style>` elements in `styles_html`."""
    # Most pages of a site have the same scripts and styles: the palette and the plugin's
    # stylesheet are a long text to read for its `<style>` elements on every page.
    return _policy(str(scripts_html), str(styles_html))


@functools.lru_cache(maxsize=16)
def _policy(scripts_html: str, styles_html: str) -> Markup:
    scripts = [sha256(script) for script in inline_scripts(scripts_html)]
    styles = [sha256(style) for style in inline_styles(styles_html)]
    directives = [
        *DEFAULT_DIRECTIVES,
        _sources("script-src", scripts),
        _sources("style-src-elem", styles),
        *OTHER_DIRECTIVES,
    ]
    # Only letters, digits, quotes, "+/=-", ";" and spaces: safe in a double-quoted attribute.
    return Markup("; ".join(directives))


def allow_injected_script(html: bytes) -> bytes:
    """Under `mkdocs serve`, add the hash of the live-reload script MkDocs injects into each
    page it serves (its text changes with every request) to that page's policy.

    Args:
        html: a served page, after MkDocs put its script last before `</body>` (or at the very end).
    """
    head = html.rpartition(b"</body>")[0] or html
    start = head.rfind(b"<script>")
    if start < 0 or not head.endswith(b"</script>"):
        return html
    token = sha256(head[start + len(b"<script>") : -len(b"</script>")].decode("utf-8")).encode("ascii")
    return html.replace(b"script-src 'self'", b"script-src 'self' " + token, 1)

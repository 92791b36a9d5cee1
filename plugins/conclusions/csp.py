"""A Content-Security-Policy for every page: scripts from the site itself, and the inline
scripts of the templates, by their hashes.

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
"""

from __future__ import annotations

import base64
import hashlib
import re

from markupsafe import Markup

_SCRIPT = re.compile(r"<script(?P<attrs>\s[^>]*)?>(?P<body>.*?)</script\s*>", re.S | re.I)
_SRC = re.compile(r"\ssrc\s*=", re.I)
_TYPE = re.compile(r"""\stype\s*=\s*["']?([^"'\s>]+)""", re.I)
_EXECUTABLE = {"", "text/javascript", "application/javascript", "module"}

OTHER_DIRECTIVES = ("object-src 'none'", "base-uri 'self'")
"""No plugins, and no <base> that would send relative script addresses elsewhere."""


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


def policy(scripts_html: str) -> Markup:
    """The policy allowing scripts from the site ('self') and the inline scripts in `scripts_html`."""
    hashes = list(dict.fromkeys(sha256(script) for script in inline_scripts(str(scripts_html))))
    directives = ["script-src 'self' " + " ".join(hashes) if hashes else "script-src 'self'", *OTHER_DIRECTIVES]
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

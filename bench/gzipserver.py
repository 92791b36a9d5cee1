"""site_tests/support/server.py's server, plus gzip for text responses, as GitHub Pages sends them.

Lighthouse times downloads on a simulated mobile network, so an uncompressed local server
would make every page look several times heavier than on GitHub Pages (its audit
`uses-text-compression` says so). Only the bench uses this.
"""

from __future__ import annotations

import gzip
import io
from contextlib import AbstractContextManager
from pathlib import Path

from site_tests.support.server import _Handler, serve

TEXT_TYPES = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")


class _GzipHandler(_Handler):
    def send_head(self):  # type: ignore[override]
        target = self._target()
        if target is None:
            return self._not_found()
        if target.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super(_Handler, self).send_head()  # the redirect to "dir/"
            target = target / "index.html"
        ctype = self.guess_type(str(target))
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not ctype.startswith(TEXT_TYPES):
            return super(_Handler, self).send_head()
        body = gzip.compress(target.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")  # GitHub Pages' header
        self.end_headers()
        return io.BytesIO(body)


def serve_gzip(site: Path, prefix: str = "/") -> AbstractContextManager[str]:
    """Serve `site` at http://127.0.0.1:<free port><prefix>, gzip-compressed; yields that base URL."""
    return serve(site, prefix, _GzipHandler)

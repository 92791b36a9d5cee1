"""site_tests/support/server.py's server, plus gzip for text responses, as GitHub Pages sends them.

Lighthouse times downloads on a simulated mobile network, so an uncompressed local server
would make every page look several times heavier than on GitHub Pages (its audit
`uses-text-compression` says so). Only the bench uses this.
"""

from __future__ import annotations

import functools
import gzip
import io
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from site_tests.support.server import _Handler

TEXT_TYPES = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")


class _GzipHandler(_Handler):
    def send_head(self):  # type: ignore[override]
        if not self._strip():
            return self._not_found()
        target = Path(self.translate_path(self.path))
        if (target.is_dir() and not (target / "index.html").exists()) or (not target.exists()):
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


@contextmanager
def serve_gzip(site: Path, prefix: str = "/") -> Iterator[str]:
    """Serve `site` at http://127.0.0.1:<free port><prefix>, gzip-compressed; yields that base URL."""
    from http.server import ThreadingHTTPServer

    handler = type("Handler", (_GzipHandler,), {"prefix": prefix})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()

"""A local static server as GitHub Pages serves a site: 404.html for a miss and, for Lighthouse,
text responses gzip-compressed.

Lighthouse times downloads on a simulated mobile network, so an uncompressed local server
would make every page look several times heavier than on GitHub Pages (its audit
`uses-text-compression` says so). Only the bench uses this (the tests have their own).
"""

from __future__ import annotations

import functools
import gzip
import io
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

TEXT_TYPES = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")


class _Handler(SimpleHTTPRequestHandler):
    compress = False

    def log_message(self, format: str, *args: object) -> None:  # quiet bench output
        pass

    def _target(self) -> Path | None:
        """The file or folder the request names, or None for a 404."""
        target = Path(self.translate_path(urlsplit(self.path).path))
        if (target.is_dir() and not (target / "index.html").exists()) or not target.exists():
            return None
        return target

    def send_head(self) -> BinaryIO | None:
        target = self._target()
        if target is None:
            return self._not_found()
        if target.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to "dir/"
            target = target / "index.html"
        ctype = self.guess_type(str(target))
        if (
            not self.compress
            or "gzip" not in self.headers.get("Accept-Encoding", "")
            or not ctype.startswith(TEXT_TYPES)
        ):
            return super().send_head()
        body = gzip.compress(target.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")  # GitHub Pages' header
        self.end_headers()
        return io.BytesIO(body)

    def _not_found(self) -> BinaryIO:
        page = Path(self.directory) / "404.html"
        body = page.read_bytes() if page.exists() else b"Not found"
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


class _GzipHandler(_Handler):
    compress = True


@contextmanager
def _serve(site: Path, handler: type[_Handler]) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def serve_site(site: Path) -> AbstractContextManager[str]:
    """Serve `site` at http://127.0.0.1:<free port>/ as it is; yields that base URL."""
    return _serve(site, _Handler)


def serve_gzip(site: Path) -> AbstractContextManager[str]:
    """Serve `site` at http://127.0.0.1:<free port>/, text gzip-compressed; yields that base URL."""
    return _serve(site, _GzipHandler)

"""Serve a built site on 127.0.0.1 the way GitHub Pages does: under a sub-path, 404.html for misses."""

from __future__ import annotations

import functools
import io
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit


class _Handler(SimpleHTTPRequestHandler):
    prefix = "/"

    def log_message(self, *args: object) -> None:  # quiet test output
        pass

    def _strip(self) -> bool:
        path = urlsplit(self.path).path
        if not path.startswith(self.prefix) and path + "/" != self.prefix:
            return False
        rest = path[len(self.prefix) :] if path.startswith(self.prefix) else ""
        query = urlsplit(self.path).query
        self.path = "/" + rest + (f"?{query}" if query else "")
        return True

    def _target(self) -> Path | None:
        """The file or folder the request names under the prefix, or None for a 404."""
        if not self._strip():
            return None
        target = Path(self.translate_path(self.path))
        if (target.is_dir() and not (target / "index.html").exists()) or not target.exists():
            return None
        return target

    def send_head(self) -> BinaryIO | None:
        if self._target() is None:
            return self._not_found()
        return super().send_head()

    def _not_found(self) -> BinaryIO:
        page = Path(self.directory) / "404.html"
        body = page.read_bytes() if page.exists() else b"Not found"
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def serve(site: Path, prefix: str = "/", handler_class: type[_Handler] = _Handler, port: int = 0) -> Iterator[str]:
    """Serve `site` at http://127.0.0.1:<port, or a free one><prefix>; yields that base URL."""
    handler = type("Handler", (handler_class,), {"prefix": prefix})
    server = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


def free_port() -> int:
    """A port free now on 127.0.0.1: to build a site for the origin it will be served from,
    so that Material's instant navigation is on, as it is for readers."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def built_and_served(site: Path, source: Path) -> Iterator[str]:
    """`source` built into `site` for the origin it is then served from (so Material's instant
    navigation is on, as for readers); yields that base URL."""
    from site_tests.support.build import build

    port = free_port()
    build(site, source=source, site_url=f"http://127.0.0.1:{port}/")
    with serve(site, port=port) as base:
        yield base

"""Run the real `mkdocs serve` on a copy of a source folder, and wait on it without sleeps."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from conclusions.csp import sha256

from site_tests.support.build import EPOCH, ROOT
from site_tests.support.process import stop

DEADLINE = 90.0
"""Seconds any one wait may take before the test fails (a stuck server never answers)."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return cast("int", sock.getsockname()[1])


def get(url: str, timeout: float = 15.0) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, ""


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=15) as response:
        return cast("bytes", response.read())


def without_livereload(html: bytes) -> bytes:
    """The page as built: without the live-reload script MkDocs injects, and without that
    script's hash, which the plugin adds to the page's Content-Security-Policy (csp.py)."""
    head, body_end, tail = html.rpartition(b"</body>")
    start = head.rindex(b"<script>")
    assert b"livereload" in head[start:], "MkDocs injects its live-reload script last in <body>"
    if b"script-src 'self'" not in html:
        # A redirect page (old addresses of a collection's text): it allows its own script
        # only, and moves on at once; the live-reload script is left refused there.
        return head[:start] + body_end + tail
    token = sha256(head[start + len(b"<script>") : -len(b"</script>")].decode()).encode()
    assert html.count(b" " + token) == 1, "the plugin allows the live-reload script by its hash"
    return (head[:start] + body_end + tail).replace(b" " + token, b"", 1)


@dataclass
class Served:
    """A running `mkdocs serve`: its base URL, process and log."""

    base: str
    proc: subprocess.Popen[bytes]
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8")

    def wait_for(self, what: str, check: Callable[[], bool]) -> None:
        """Poll `check` until it holds; fail with the server's log if the deadline passes."""
        end = time.monotonic() + DEADLINE
        while time.monotonic() < end:
            if check():
                return
            if self.proc.poll() is not None:
                raise AssertionError(f"mkdocs serve exited ({self.proc.returncode}) waiting for {what}:\n{self.tail()}")
            time.sleep(0.1)  # polling interval of a bounded wait, not a synchronisation
        raise AssertionError(f"timed out waiting for {what}:\n{self.tail()}")

    def tail(self) -> str:
        return self.log()[-3000:]

    def page_has(self, path: str, text: str) -> Callable[[], bool]:
        def check() -> bool:
            try:
                status, body = get(self.base + path, timeout=2.0)
            except (OSError, TimeoutError):
                return False
            return status == 200 and text in body

        return check

    def log_count(self, text: str) -> int:
        return self.log().count(text)


def _as_from_a_terminal() -> None:
    """The server's signals as a terminal leaves them (a run under `nohup` or a harness may
    have set SIGHUP or SIGINT to be ignored, and a child inherits that)."""
    for ending in (signal.SIGINT, signal.SIGHUP, signal.SIGTERM):
        signal.signal(ending, signal.SIG_DFL)


@contextmanager
def serving(source: Path, workdir: Path, overrides: Path = ROOT / "overrides", settings: str = "") -> Iterator[Served]:
    """`mkdocs serve` of the project's mkdocs.yml with `source` as its docs_dir, on a free port;
    `overrides`: the theme's `custom_dir`; `settings`: more of mkdocs.yml, in YAML (a list, such
    as `plugins`, replaces the project's)."""
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    config = workdir / "serve.mkdocs.yml"
    config.write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\n"
        f"docs_dir: {source}\n"
        f"site_url: {base}\n"
        f"theme:\n  name: material\n  custom_dir: {overrides}\n{settings}",
        encoding="utf-8",
    )
    log_path = workdir / "serve.log"
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    with log_path.open("w", encoding="utf-8") as out:
        proc = subprocess.Popen(
            # A relative -f, as people type it: MkDocs then names paths differently in the first build.
            [sys.executable, "-m", "mkdocs", "serve", "-f", config.name, "-a", f"127.0.0.1:{port}"],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=workdir,
            preexec_fn=_as_from_a_terminal,
        )
    served = Served(base, proc, log_path)
    try:
        served.wait_for("the first build to be served", lambda: "Serving on" in served.log())
        yield served
    finally:
        stop(proc)

"""`mkdocs serve` keeps serving the last good build while it prints the mistake (issue 7).

MkDocs 1.6 alone, after a failed rebuild, holds every request until a build succeeds ("The
server will appear stuck until build errors are resolved"). The plugin's `on_serve` lets a
rebuild stopped by a mistake in the source (found before the site folder is touched) count
as done, so the last good files stay served. This test runs the real server on a free port
on a copy of the fixture, breaks the source, waits (bounded polling, no fixed sleeps) for
the error line, and checks the page is still served; then repairs the source and waits for
the new text.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

from site_tests.support.build import EPOCH, FIXTURES, ROOT
from site_tests.support.process import stop

DEADLINE = 90.0
"""Seconds any one wait may take before the test fails (a stuck server never answers)."""


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str, timeout: float = 15.0) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, ""


def _wait_for(what: str, check: Callable[[], bool], proc: subprocess.Popen, log: Path) -> None:
    """Poll `check` until it holds; fail with the server's log if the deadline passes."""
    end = time.monotonic() + DEADLINE
    while time.monotonic() < end:
        if check():
            return
        if proc.poll() is not None:
            raise AssertionError(
                f"mkdocs serve exited ({proc.returncode}) waiting for {what}:\n{log.read_text()[-3000:]}"
            )
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}:\n{log.read_text()[-3000:]}")


def _page_has(url: str, text: str) -> Callable[[], bool]:
    def check() -> bool:
        try:
            status, body = _get(url, timeout=2.0)
        except (OSError, TimeoutError):
            return False
        return status == 200 and text in body

    return check


def test_serve_keeps_the_last_good_build_and_prints_the_error(tmp_path: Path) -> None:
    source = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", source)
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\n"
        f"docs_dir: {source}\n"
        f"site_url: {base}\n"
        f"theme:\n  name: material\n  custom_dir: {ROOT / 'overrides'}\n",
        encoding="utf-8",
    )
    log = tmp_path / "serve.log"
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    with log.open("w", encoding="utf-8") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", f"127.0.0.1:{port}"],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=ROOT,
        )
    try:
        page = f"{base}paragraphs/2/"
        _wait_for("the first build to be served", _page_has(page, "map buoys"), proc, log)

        glossary = source / "glossary.yml"
        good = glossary.read_text(encoding="utf-8")
        glossary.write_text(good.replace("definition: A gas.", "defintion: A gas."), encoding="utf-8")
        error = "ERROR   -  mini/glossary.yml:5: unknown key 'defintion' in term 'co2'; did you mean 'definition'?"
        _wait_for("the error line", lambda: error in log.read_text(encoding="utf-8"), proc, log)
        _wait_for(
            "the notice that the last good build is kept",
            lambda: "still serving the last good build" in log.read_text(encoding="utf-8"),
            proc,
            log,
        )

        status, body = _get(page)
        assert status == 200 and "map buoys" in body, "the last good page must still be served"
        assert _get(f"{base}glossary/")[0] == 200
        lines = log.read_text(encoding="utf-8").splitlines()
        assert [ln for ln in lines if ln.startswith("ERROR")] == [error], "one clear line, nothing else"
        assert "Traceback" not in log.read_text(encoding="utf-8")

        # Repaired, with a visible change: the next build replaces the old one.
        document = source / "document.md"
        document.write_text(document.read_text(encoding="utf-8").replace("map buoys", "map floats"), encoding="utf-8")
        glossary.write_text(good, encoding="utf-8")
        _wait_for("the repaired build", _page_has(page, "map floats"), proc, log)
        assert proc.poll() is None
    finally:
        stop(proc)

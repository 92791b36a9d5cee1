"""Headless Chromium from Debian's packages, driven by Playwright (no browser download)."""

from __future__ import annotations

import shutil
from pathlib import Path

from playwright.sync_api import Browser, Playwright

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def launch(playwright: Playwright) -> Browser:
    """A Chromium browser; fails loudly (never skips) when the Debian binary is missing."""
    if not Path(CHROMIUM).exists():
        raise RuntimeError("Chromium is missing: run `make test`, which installs Debian's chromium package")
    return playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)

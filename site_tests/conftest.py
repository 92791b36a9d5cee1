"""Shared fixtures: the real site and the fixture document, each built once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_tests.support.build import FIXTURES, build


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real edition, built for the root of http://127.0.0.1:8000/."""
    out = tmp_path_factory.mktemp("build") / "site"
    build(out)
    return out


@pytest.fixture(scope="session")
def mini_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A second, small Council-conclusions-shaped document, built with the same code."""
    out = tmp_path_factory.mktemp("mini") / "site"
    build(out, source=FIXTURES / "mini")
    return out


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session."""
    from playwright.sync_api import sync_playwright

    from site_tests.support.browser import launch

    with sync_playwright() as p:
        chromium = launch(p)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def served(site: Path):
    """The real site served at the root of a local port; yields the base URL."""
    from site_tests.support.server import serve

    with serve(site) as base:
        yield base

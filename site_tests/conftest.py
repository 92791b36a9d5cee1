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

"""Shared fixtures: every document of the list (support/documents.py), each built once per
test session; the browser; the document in source/ served. And the layers: a test is marked
with the folder it is in (unit, build, browser, serve; pyproject.toml lists them), and, in
any folder, `browser` when it drives Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from site_tests.support.documents import DOCUMENTS, MINI, SOURCE_DOCUMENT, Built, prepare

if TYPE_CHECKING:  # Playwright is imported by the browser fixture: a unit run never needs it
    from conclusions.core.edition import Edition
    from playwright.sync_api import Browser

    from site_tests.support.collection import BuiltCollection

LAYERS = ("unit", "build", "browser", "serve")


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist's own, which reads the groups
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test with its layer, so that `-m` chooses layers across folders; and with
    the group it runs in when pytest-xdist shares the tests out (`--dist loadgroup`)."""
    for item in items:
        layer = item.path.parent.name
        if layer in LAYERS:
            item.add_marker(layer)
        if "browser" in getattr(item, "fixturenames", ()) and layer != "browser":
            item.add_marker("browser")
        group = _group(item)
        if group and item.get_closest_marker("xdist_group") is None:  # a test's own group first
            item.add_marker(pytest.mark.xdist_group(group))


def pytest_collection_finish(session: pytest.Session) -> None:
    """Under `--dist loadgroup`, pytest-xdist marks the node id of a test of a group with the
    group's name (`...@group`): a run where it did not (a pytest it does not follow) would
    build what the groups share once per worker, slowly and without a word, so it stops here."""
    if not getattr(session.config.option, "loadgroup", False):  # set in pytest-xdist's workers
        return
    lost = [item.nodeid for item in session.items if item.get_closest_marker("xdist_group") and "@" not in item.nodeid]
    if lost:
        raise pytest.UsageError(
            f"pytest-xdist's --dist loadgroup did not group {len(lost)} tests (first: {lost[0]}): "
            "install the pytest version pyproject.toml names, or run without PARALLEL"
        )


def _group(item: pytest.Item) -> str:
    """The tests that must run in one worker process, so that what they share is made once:
    a module's tests that take a fixture made once per module go with their module; a test of
    one document of the list goes with the document's other tests (the document is built once
    per session in any case, support/shared.py, but a worker then never waits for another to
    build it); a unit test goes with its module. Any other test goes to whichever worker is
    free."""
    info = getattr(item, "_fixtureinfo", None)  # pytest's record of the fixtures a test takes
    definitions = getattr(info, "name2fixturedefs", {})
    if any(d.scope == "module" for defs in definitions.values() for d in defs):
        return item.nodeid.split("::", 1)[0]
    if item.path.parent.name == "unit":
        # A unit test takes milliseconds, about what pytest-xdist spends handing one test to a
        # worker and hearing back: handed out a module at a time, the unit layer runs in less
        # time than test by test (measured with `make unit`), and a module's tests share the
        # imports and lookups they make.
        return item.nodeid.split("::", 1)[0]
    callspec = getattr(item, "callspec", None)
    if callspec is not None and "doc" in callspec.params:
        return f"doc-{callspec.params['doc']}"
    return ""


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """A test that takes `doc` runs once for every document of the list."""
    if "doc" in metafunc.fixturenames:
        metafunc.parametrize("doc", DOCUMENTS, ids=str, indirect=True, scope="session")


@pytest.fixture(scope="session")
def doc(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Built:
    """One document of the list, imported if it must be, built for http://127.0.0.1:8000/."""
    return prepare(request.param, tmp_path_factory)


@pytest.fixture(scope="session")
def source_doc(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The document in source/ (the flagship in this repository), with its model."""
    return prepare(SOURCE_DOCUMENT, tmp_path_factory)


@pytest.fixture(scope="session")
def site(source_doc: Built) -> Path:
    """The edition of source/, built for the root of http://127.0.0.1:8000/."""
    return source_doc.site


@pytest.fixture(scope="session")
def edition(source_doc: Built) -> Edition:
    """The model of source/: what the tests on the served site take numbers and ids from."""
    return source_doc.edition


@pytest.fixture(scope="session")
def mini_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A second, small Council-conclusions-shaped document, built with the same code."""
    return prepare(MINI, tmp_path_factory).site


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the session."""
    from playwright.sync_api import sync_playwright

    from site_tests.support.browser import launch

    with sync_playwright() as p:
        chromium = launch(p)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def served(site: Path) -> Iterator[str]:
    """The site of source/ served at the root of a local port; yields the base URL."""
    from site_tests.support.server import serve

    with serve(site) as base:
        yield base


@pytest.fixture(scope="session")
def instant_origin(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The site of source/ built for the origin it is served from, so that Material's instant
    navigation is on, as it is for readers (Material turns it off when the page is not served
    from the site URL's origin); yields the base URL and the site's folder. Built by each
    process of the session: the origin names this process's port."""
    from site_tests.support.build import build
    from site_tests.support.server import free_port, serve

    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    site_dir = tmp_path_factory.mktemp("instant") / "site"
    build(site_dir, site_url=base)
    with serve(site_dir, port=port) as served_at:
        assert served_at == base
        yield base, site_dir


@pytest.fixture(scope="session")
def instant(instant_origin: tuple[str, Path]) -> str:
    """The base URL of `instant_origin`: the site of source/ served from its own origin."""
    return instant_origin[0]


@pytest.fixture(scope="session")
def subpath_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The edition of source/, built for a GitHub Pages project site under SUB_PATH of
    http://127.0.0.1:8000 (once for every process of the session)."""
    from site_tests.support.build import SUB_PATH, build
    from site_tests.support.shared import made_once

    folder = made_once(
        tmp_path_factory, "subpath", lambda f: build(f / "site", site_url=f"http://127.0.0.1:8000{SUB_PATH}")
    )
    return folder / "site"


@pytest.fixture(scope="session")
def collection(tmp_path_factory: pytest.TempPathFactory) -> BuiltCollection:
    """source/ with the fixture collection's texts added (support/collection.py), built."""
    from site_tests.support.collection import shared_collection

    return shared_collection(tmp_path_factory)


@pytest.fixture(scope="session")
def collection_served(collection: BuiltCollection, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The collection built for the origin it is served from (its redirect pages name
    absolute addresses, and instant navigation is on); yields the base URL."""
    from site_tests.support.build import build
    from site_tests.support.server import free_port, serve

    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    site_dir = tmp_path_factory.mktemp("collection-served") / "site"
    build(site_dir, source=collection.source, site_url=base)
    with serve(site_dir, port=port) as served_at:
        assert served_at == base
        yield base

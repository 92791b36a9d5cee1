"""Quality gate: loading any page asks nothing of another host, logs no error, loses nothing.

Every page (404 page included, reached as a missing URL) is opened in Chromium; every
request, console message, uncaught error, failed request and response is recorded until
the page and its search index have loaded (support/gates.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser

from site_tests.support.gates import MISSING, Visit, page_share, share_params, visit_all


# The pages are cut into shares (support/gates.py `page_share`), each visited once
# (`visit_all`, cached per process) by the worker that runs its group: the tests of this module
# and of test_gate_axe.py on that share, which pytest-xdist runs together.
@pytest.fixture(scope="module", params=share_params())
def visits(request: pytest.FixtureRequest, site: Path, served: str, browser: Browser) -> list[Visit]:
    pages = page_share(site, request.param)
    visits = visit_all(browser, served, pages)
    assert [v.url for v in visits] == pages
    return visits


def _report(lines: list[str], what: str) -> str:
    return f"{len(lines)} {what}:\n" + "\n".join(lines[:200])


def test_every_page_is_served(visits: list[Visit]) -> None:
    wrong = [f"/{v.url}: HTTP {v.status}" for v in visits if v.status != (404 if v.url == MISSING else 200)]
    assert not wrong, _report(wrong, "pages with an unexpected status")


def test_no_request_leaves_127_0_0_1(visits: list[Visit]) -> None:
    foreign = [f"/{v.url}: {url}" for v in visits for url in v.foreign]
    assert not foreign, _report(foreign, "requests to another host")


def test_no_failed_or_missing_subresource(visits: list[Visit]) -> None:
    bad = [f"/{v.url}: {line}" for v in visits for line in v.failed + v.bad_status]
    assert not bad, _report(bad, "failed sub-resources")


def test_no_console_error_or_uncaught_exception(visits: list[Visit]) -> None:
    errors = []
    for v in visits:
        for message in v.console_errors:
            # The 404 page is answered with status 404 on purpose; Chromium logs that.
            if v.url == MISSING and message.endswith(f"{MISSING})") and "404" in message:
                continue
            errors.append(f"/{v.url}: console: {message}")
        errors += [f"/{v.url}: uncaught: {e}" for e in v.page_errors]
    assert not errors, _report(errors, "console errors")


def test_the_recording_sees_the_search_worker(visits: list[Visit]) -> None:
    """The search worker's own fetch of the index is recorded too (else the gate is blind)."""
    missed = [f"/{v.url}" for v in visits if not any(url.endswith("/search/search_index.json") for url in v.requests)]
    assert not missed, _report(missed, "page loads without a recorded search-index request")

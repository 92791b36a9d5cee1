"""A site names its own document and no other: nothing of one text leaks into another's site.

The identity of each document (number, id, title, short title) is read from its own front
matter. Every published page and data file of a site is searched for the other documents'.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from site_tests.support.build import FIXTURES, SOURCE
from site_tests.support.core import parse_document

DOCUMENTS = {"site": SOURCE, "mini_site": FIXTURES / "mini"}


def identity(source: Path) -> set[str]:
    """What names a document: its number, id, title and short title (those it gives)."""
    h = parse_document(source).header
    return {value for value in (h.number, h.document_id, h.title, h.short_title) if len(value) >= 5}


def _published(site: Path) -> dict[str, str]:
    files = [*site.rglob("*.html"), *site.rglob("*.json"), *site.rglob("*.xml")]
    return {f.relative_to(site).as_posix(): f.read_text(encoding="utf-8") for f in files}


@pytest.mark.parametrize("which", sorted(DOCUMENTS))
def test_no_page_names_another_document(which: str, request: pytest.FixtureRequest) -> None:
    site: Path = request.getfixturevalue(which)
    others = set().union(*(identity(src) for name, src in DOCUMENTS.items() if name != which)) - identity(
        DOCUMENTS[which]
    )
    assert others
    leaks = [(path, name) for path, text in _published(site).items() for name in others if name in text]
    assert leaks == [], leaks[:5]


@pytest.mark.parametrize("which", sorted(DOCUMENTS))
def test_every_page_names_its_own_document(which: str, request: pytest.FixtureRequest) -> None:
    site: Path = request.getfixturevalue(which)
    short = parse_document(DOCUMENTS[which]).header.short_title
    pages = [p for p in site.rglob("*.html")]
    assert pages
    missing = [p.relative_to(site).as_posix() for p in pages if short not in p.read_text(encoding="utf-8")]
    assert missing == []

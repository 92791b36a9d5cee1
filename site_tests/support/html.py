"""Reading built pages."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from bs4 import BeautifulSoup, Tag


@lru_cache(maxsize=512)
def _parse(path: str, mtime: float) -> BeautifulSoup:
    return BeautifulSoup(Path(path).read_text(encoding="utf-8"), "html.parser")


def page(site: Path, url: str) -> BeautifulSoup:
    """The parsed page at `url` ('' for the home page, 'paragraphs/21/' ...)."""
    path = site / url / "index.html" if not url.endswith(".html") else site / url
    return _parse(str(path), path.stat().st_mtime)


def words(text: str) -> list[str]:
    """Words for comparing texts: punctuation and spacing differences are not word losses."""
    return re.findall(r"[\w’'‘]+(?:[-–/.][\w]+)*", text.replace("’", "'").replace("‘", "'"))


def content(soup: BeautifulSoup) -> Tag:
    found = soup.select_one("article.md-content__inner")
    assert found is not None, "a page without Material's article"
    return found

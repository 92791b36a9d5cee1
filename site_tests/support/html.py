"""Reading built pages."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from bs4 import BeautifulSoup, Tag

if TYPE_CHECKING:
    from conclusions.core.model import Document


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


def place_in_text(article: Tag, what: str, document: Document) -> Tag:
    """The element of the full text that `what` of a hand reading's `order` names: "recitals",
    a paragraph's number, or the words of a heading or of a line between the parts."""
    found: Tag | None
    if what == "recitals":
        found = article.find(id="recitals")
    elif what.isdigit():
        found = article.find(id=document.paragraph(int(what)).anchor)
    else:
        found = next((t for t in article.find_all(["h2", "p"]) if t.get_text(" ", strip=True) == what), None)
    assert found is not None, what
    return found

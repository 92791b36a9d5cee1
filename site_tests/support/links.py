"""Static link check of a built site: every internal link, asset and fragment resolves.

A page's links are resolved against the address the page is served at (site_url + its path;
404.html is served at any missing address, so it is resolved against a deep missing one),
then mapped back to a file of the built site. External links are not fetched: they must be
well-formed https URLs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import SplitResult, unquote, urljoin, urlsplit

from bs4 import BeautifulSoup

# (selector, attribute) pairs whose URLs are followed.
LINKING = (
    ("a[href]", "href"),
    ("link[href]", "href"),
    ("script[src]", "src"),
    ("img[src]", "src"),
    ("source[src]", "src"),
    ("iframe[src]", "src"),
    ("form[action]", "action"),
    ("meta[property='og:url']", "content"),
    ("meta[property='og:image']", "content"),
    ("meta[name='twitter:image']", "content"),
)
MISSING = "no-such-page/for-the-404-gate/"
_HOST = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$", re.IGNORECASE)


@dataclass(frozen=True)
class Problem:
    page: str
    url: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: {self.url} -> {self.reason}"


def page_address(site: Path, path: Path, site_url: str) -> str:
    """The address `path` (a file of `site`) is served at."""
    rel = path.relative_to(site).as_posix()
    if rel == "404.html":
        rel = MISSING
    elif rel == "index.html":
        rel = ""
    elif rel.endswith("/index.html"):
        rel = rel[: -len("index.html")]
    return site_url + rel


@lru_cache(maxsize=4096)
def _ids(path: str) -> frozenset[str]:
    soup = BeautifulSoup(Path(path).read_text(encoding="utf-8"), "html.parser")
    ids = {str(tag["id"]) for tag in soup.find_all(id=True)}
    ids |= {str(tag["name"]) for tag in soup.find_all("a", attrs={"name": True})}
    return frozenset(ids)


def target_file(site: Path, site_url: str, url: str) -> Path | None:
    """The file of `site` that the absolute internal `url` names, or None."""
    path = unquote(urlsplit(url).path)
    prefix = urlsplit(site_url).path
    if not path.startswith(prefix):
        return None
    rel = path[len(prefix) :]
    candidate = site / rel
    if rel == "" or rel.endswith("/"):
        candidate = candidate / "index.html"
    if candidate.is_file() and candidate.resolve().is_relative_to(site.resolve()):
        return candidate
    return None


def external_problem(url: str) -> str | None:
    """Why an external URL is not a well-formed https URL (None when it is)."""
    try:
        parts = urlsplit(url)
        port = parts.port  # raises on a malformed port
    except ValueError as err:
        return f"malformed URL ({err})"
    if parts.scheme != "https":
        return f"external link is not https ({parts.scheme or 'no scheme'})"
    if not parts.hostname or not _HOST.match(parts.hostname) or port not in (None, 443):
        return "external link has no valid host name"
    if re.search(r"[\s<>\"{}|\\^`]", url):
        return "external link contains characters that must be percent-encoded"
    return None


def check_site(site: Path, site_url: str) -> tuple[list[Problem], int]:
    """All link problems of the built `site` (meant for `site_url`), and how many URLs were checked."""
    origin = urlsplit(site_url)
    problems: list[Problem] = []
    checked = 0
    for path in sorted(site.rglob("*.html")):
        address = page_address(site, path, site_url)
        page = "/" + path.relative_to(site).as_posix()
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        base = soup.find("base", href=True)
        base_url = urljoin(address, str(base["href"])) if base else address
        for selector, attr in LINKING:
            for tag in soup.select(selector):
                raw = str(tag[attr]).strip()
                checked += 1
                problems += _check_one(site, site_url, origin, page, path, base_url, raw)
    sitemap = site / "sitemap.xml"
    if sitemap.exists():
        for loc in re.findall(r"<loc>(.*?)</loc>", sitemap.read_text(encoding="utf-8")):
            checked += 1
            if target_file(site, site_url, loc) is None:
                problems.append(Problem("/sitemap.xml", loc, "no such page in the built site"))
    return problems, checked


def _check_one(
    site: Path, site_url: str, origin: SplitResult, page: str, path: Path, base_url: str, raw: str
) -> list[Problem]:
    if raw == "":
        return [Problem(page, raw, "empty URL")]
    scheme = urlsplit(raw).scheme.lower()
    if scheme in ("mailto", "tel", "data"):
        return []
    if scheme and scheme not in ("http", "https"):
        return [Problem(page, raw, f"unexpected scheme {scheme!r}")]
    url = urljoin(base_url, raw)
    parts = urlsplit(url)
    if (parts.scheme, parts.netloc) != (origin.scheme, origin.netloc):
        reason = external_problem(url)
        return [Problem(page, raw, reason)] if reason else []
    if not parts.path.startswith(origin.path):
        return [Problem(page, raw, f"leaves the site's path {origin.path} ({parts.path})")]
    target = target_file(site, site_url, url)
    if target is None:
        return [Problem(page, raw, f"no such file in the built site ({parts.path})")]
    fragment = unquote(parts.fragment)
    if fragment and target.suffix == ".html" and fragment not in _ids(str(target)):
        where = "this page" if target == path else "/" + target.relative_to(site).as_posix()
        return [Problem(page, raw, f"no id {fragment!r} on {where}")]
    return []

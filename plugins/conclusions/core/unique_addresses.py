"""Every page and file the site publishes has an address of its own: checked before anything is written.

Addresses are made from the source (a section's number or title, an instrument's or an
actor's id), so two things can ask for the same one: a heading `## OPENING` and the untitled
opening part (`sections/opening/`), an instrument whose id is `index` and the list of
instruments (`instruments/`). One of them would silently replace the other. This one check
covers every kind of page and published file (cards, JSON, the redirect pages of old
addresses), rather than a check per kind. What names a page must first be a valid name:
`fields.slug_problem` checks ids and the prefixes of a collection's documents alike.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .collection import Collection, single
from .edition import Edition
from .errors import SourceError
from .jsondata import SCHEMAS, site_data_paths, sitemaps
from .pages.base import Page
from .redirects import moved
from .sharing import Sharing, SiteSharing
from .urls import COLLECTION_JSON, SITE_CARD, Site, schema_file, site_path


def published_files(site: Collection | Edition) -> list[str]:
    """The files published beside the pages (paths only): preview cards and JSON data, and in
    a collection whose document was at the root, that document's old addresses (`redirects.py`:
    a page that sends the reader on, or the old file again)."""
    c = site if isinstance(site, Collection) else single(site)
    files = SiteSharing(c, "", "").card_paths() + site_data_paths(c)
    if c.formerly_at_root is not None:
        files += list(moved(c.formerly_at_root, dict.fromkeys(files), Site(""), c.versions_of(c.formerly_at_root)))
    return files


def page_addresses(pages: Iterable[Page]) -> tuple[str, ...]:
    """The files `pages` are written to (what `check_addresses` compares)."""
    return tuple(site_path(page.src) + "index.html" for page in pages)


def document_file_addresses(edition: Edition) -> tuple[str, ...]:
    """The files one document publishes beside its pages: its cards, its JSON files and the
    sitemaps of their folders; not the schemas, which every document shares (`site_file_addresses`)."""
    u = edition.urls
    plan: dict[str, Callable[[], str]] = {u.document_json: str}
    plan.update((u.paragraph_json(p.number), str) for p in edition.document.paragraphs)
    return (*Sharing(edition, "", "").card_paths(), *sitemaps(plan, Site("")))


def site_file_addresses(c: Collection) -> tuple[str, ...]:
    """The files the site publishes that no one document does: the schemas, and a collection's
    card, its JSON file and that file's sitemap."""
    own: dict[str, Callable[[], str]] = {COLLECTION_JSON: str} if c.is_collection else {}
    return (
        *([SITE_CARD] if c.is_collection else []),
        *(schema_file(name) for name in SCHEMAS),
        *sitemaps(own, Site("")),
    )


def all_different(parts: Iterable[tuple[str, ...]]) -> bool:
    """Whether no address is in `parts` twice (a set's size against the count: no address compared with another)."""
    seen: set[str] = set()
    count = 0
    for part in parts:
        seen.update(part)
        count += len(part)
    return len(seen) == count


def check_addresses(pages: Iterable[Page], files: Iterable[str] = ()) -> None:
    """Raise a one-line error at the source of the second of two things that share an address."""
    taken: dict[str, tuple[str, tuple[str, int] | None]] = {}
    outputs = [
        (site_path(page.src) + "index.html", page.what or f"the page '{page.title}'", page.origin) for page in pages
    ]
    outputs += [(path, f"the file {path}", None) for path in files]
    for output, what, origin in outputs:
        if output not in taken:
            taken[output] = (what, origin)
            continue
        first, first_origin = taken[output]
        address = output.removesuffix("index.html") or "the home page's address"
        if origin is None and first_origin is None:
            raise RuntimeError(f"{what} and {first} are both published at {address}")
        if origin is None:
            (what, origin), first = (first, first_origin), what
        assert origin is not None
        path, line = origin
        raise SourceError(
            path,
            line,
            f"{what} would be published at {address}, which is already the address of {first}; "
            "rename it: every page needs an address of its own",
        )

"""Where each generated page goes, and what a page is."""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from ..model import Section

TEXT = "text.md"
HOME = "index.md"
ABOUT = "about/urls.md"
INSTRUMENTS = "instruments/index.md"
GLOSSARY = "glossary.md"
ACTORS = "actors/index.md"
VERBS = "verbs.md"
DESCRIPTION_LIMIT = 200
NAV_SECTIONS_LIMIT = 30
"""Sections are listed in the navigation only up to this many (home and full text list them all)."""


def paragraph_page(n: int) -> str:
    return f"paragraphs/{n}.md"


def recital_page(key: str) -> str:
    """A recital's page, by its number or, for lettered recitals, its letter in lower case."""
    return f"recitals/{key}.md"


def section_page(section: Section) -> str:
    return f"sections/{section.slug}.md"


def instrument_page(entry_id: str) -> str:
    return f"instruments/{entry_id}.md"


def actor_page(entry_id: str) -> str:
    return f"actors/{entry_id}.md"


# libyaml's emitter when PyYAML was built with it: the pure one is most of a rebuild's page time.
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


@dataclass
class Page:
    """One generated page: where it goes, its front matter and its Markdown body."""

    src: str
    title: str
    body: str
    in_nav: bool = False
    meta: dict = field(default_factory=dict)
    what: str = ""
    """What the page is of, for errors ("section 'OPENING'"); empty for the pages every site has."""
    origin: tuple[str, int] | None = None
    """The source file and line the page comes from, if any (a heading, a registry entry)."""

    @property
    def markdown(self) -> str:
        meta = {"title": self.title, **self.meta}
        front = yaml.dump(meta, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000)
        return f"---\n{front}---\n\n{self.body}\n"


def site_path(page: str) -> str:
    """The address of a generated page relative to the site root (directory URLs)."""
    path = page.removesuffix(".md")
    if path == "index" or path.endswith("/index"):
        return path.removesuffix("index")
    return f"{path}/"

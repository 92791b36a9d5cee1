"""What a generated page is; where it goes is core/urls.py's."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import yaml
from markdown.extensions.toc import slugify

from ..inline_source import plain_text
from ..remembered import Recent

DESCRIPTION_LIMIT = 200
NAV_SECTIONS_LIMIT = 30
"""Sections are listed in the navigation only up to this many (home and full text list them all)."""


def kept_anchor(shown: str, english: str) -> str | None:
    """The anchor of a heading made of interface words: the one its English words give (as
    MkDocs' `toc` makes it), so that an address stays the same in every interface language and
    a French site keeps the anchors it published in English; None when the heading is the
    English one (`toc` makes that id itself)."""
    if shown == english:
        return None
    return slugify(plain_text(english), "-")


# libyaml's emitter when PyYAML was built with it: the pure one is most of a rebuild's page time.
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


@dataclass
class Page:
    """One generated page: where it goes, its front matter and its Markdown body."""

    src: str
    title: str
    body: str
    in_nav: bool = False
    meta: dict[str, Any] = field(default_factory=dict)
    what: str = ""
    """What the page is of, for errors ("section 'OPENING'"); empty for the pages every site has."""
    origin: tuple[str, int] | None = None
    """The source file and line the page comes from, if any (a heading, a registry entry)."""

    @cached_property
    def markdown(self) -> str:
        """The page's Markdown file: YAML front matter (its title first), then its body.

        Made once: a page taken again from the last build under `mkdocs serve` (`site.SiteMaker.step`)
        is not dumped again."""
        meta = {"title": self.title, **self.meta}
        # While serving, the front matter is kept under the text of its values (plain data, which
        # their `repr` says whole) for the next build, which makes the edited text's pages anew.
        front: str = _FRONT_MATTER.get_by(
            lambda: repr(meta),
            lambda: yaml.dump(meta, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000),
        )
        return f"---\n{front}---\n\n{self.body}\n"


_FRONT_MATTER: Recent[str, str] = Recent()

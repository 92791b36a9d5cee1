"""Options of the `conclusions` plugin in `mkdocs.yml`."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class ConclusionsConfig(Config):
    """The plugin reads the document and its registries from MkDocs' `docs_dir`."""

    nav_title_sections = c.Type(str, default="Sections")
    """Heading of the sections group in the navigation."""

    cards_cache_dir = c.Type(str, default=".cache/cards")
    """Where drawn preview cards are kept between builds (relative to where mkdocs runs)."""

    fast_serve = c.Type(bool, default=True)
    """Under `mkdocs serve`, reuse what did not change since the last good build and look for
    changes every 0.05 s (see rebuild.py). False gives MkDocs' own, slower behaviour."""

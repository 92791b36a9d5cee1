"""Options of the `conclusions` plugin in `mkdocs.yml`."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config, ValidationError

from .core.errors import shown
from .core.fields import url_problem
from .core.yamlsource import line_problem


class Text(c.Type[str]):
    """An option the pages print: one line of text, checked as a value of the source is
    (no control, invisible or unbalanced bidirectional character)."""

    def __init__(self, default: str = "") -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        text = super().run_validation(value)
        if problem := line_problem(text):
            raise ValidationError(f"{shown(text)}: {problem}")
        return text


class Address(Text):
    """An option that is an address the pages link to: https, as a registry's `url` is."""

    def run_validation(self, value: object) -> str:
        text = super().run_validation(value)
        if text and (problem := url_problem(text)):
            raise ValidationError(f"{shown(text)} is not an address a page can link to: {problem}")
        return text


class ConclusionsConfig(Config):
    """The plugin reads the document and its registries from MkDocs' `docs_dir`.

    The site's name comes from the document when `mkdocs.yml` says `site_name: conclusions`
    (MkDocs requires a `site_name`; `conclusions new` writes this placeholder, so that no word
    of a document is ever written into `mkdocs.yml`). The plugin then sets, from the document's
    header, on every build:

    - `site_name`: its `short_title`;
    - `site_description`, unless `mkdocs.yml` gives one: "A hyperlinked, citable edition of
      the <citation_title>, <document_id>." (the title falls back to `title`; a part the
      header lacks is left out with its comma);
    - the theme's `language` (Material's interface words): its `language`, when Material
      has a translation for it.

    Any other `site_name` is the site's own choice: then the name, description and language
    in `mkdocs.yml` are used as written.
    """

    publisher = Text()
    """Who publishes this edition, named on every page's footer, on the About page and on the
    link-preview cards. Empty: the edition is called "an unofficial edition", with no name."""

    publisher_url = Address()
    """The publisher's address (optional): the footer links the name to it."""

    reuse_notice = Text()
    """The reuse notice of the original text, as the site states it (footer and About page).
    Empty: none is stated."""

    document_kind = Text()
    """What the document is, at the head of the line that names it on every page. Empty: the
    interface's word in the document's language ("Council conclusions")."""

    nav_title_home = Text()
    """The home page's entry in the navigation, under the site's name (which is its title)."""

    nav_title_sections = Text()
    """Heading of the sections group in the navigation. Empty: the interface's word in the
    document's language ("Sections")."""

    nav_title_about = Text()
    """Heading of the group in the navigation that holds the pages about this edition and its
    addresses. Empty: the interface's word in the document's language ("About")."""

    cards_cache_dir = c.Type(str, default=".cache/cards")
    """Where drawn preview cards are kept between builds (relative to where mkdocs runs). Empty,
    or a folder that cannot be written: the cards not in it are drawn into a temporary folder,
    kept for the rebuilds of one `mkdocs serve` and removed when MkDocs ends."""

    fast_serve = c.Type(bool, default=True)
    """Under `mkdocs serve`, reuse what did not change since the last good build and look for
    changes sooner than MkDocs does (`watch_with`). False gives MkDocs' own, slower behaviour."""

    watch_with = c.Choice(("auto", "events", "polling"), default="auto")
    """Under `mkdocs serve` with `fast_serve`, how a save is seen (watching.py): `auto`, the file
    system's events where they are delivered (local file systems on Linux), else polling;
    `events`, or `polling`, where `auto` guesses wrong."""

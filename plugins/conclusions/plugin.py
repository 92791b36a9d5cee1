"""The MkDocs adapter: read `source/` (the `docs_dir`), generate every page, keep serve live and fast.

All knowledge of the document lives in `core`; this module only translates between the
core's `Page` objects and MkDocs' files and navigation, and brings the package's own
templates and assets (`theme/`) to the theme. It uses MkDocs' public plugin API only: the
generated pages are rendered from their HTML by `html_pages.py`, with the two MkDocs internals
that takes in `mkdocs_rendering.py`; what runs under `mkdocs serve` alone, and every MkDocs
internal it relies on, is in `rebuild.py` and `mkdocs_internals.py`, which `mkdocs build`
never imports.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.utils.templates import TemplateContext

from . import collection_nav, csp, head, language_pages, material_theme, mkdocs_rendering, staged
from .config import ConclusionsConfig
from .core import cards, markup
from .core.collection import Collection
from .core.edition import Edition
from .core.errors import SourceError, SourceErrors, shown
from .core.fields import url_problem
from .core.identity import EditionInfo
from .core.interface import Interface
from .core.languages import Alternate, language_switch, site_alternates
from .core.model import Header
from .core.pages import Page
from .core.pages import templates as page_templates
from .core.pages.about import about_pages
from .core.redirects import moved
from .core.sharing import Card, SiteSharing
from .core.site import SiteMaker
from .core.urls import ABOUT, ABOUT_EDITION, Site, is_section_page
from .core.urls import HOME as HOME_PAGE
from .html_pages import GeneratedPage

if TYPE_CHECKING:
    from collections.abc import Callable

    from jinja2 import Environment
    from mkdocs.livereload import LiveReloadServer

    from .rebuild import Serving

log = get_plugin_logger(__name__)
# Source mistakes are printed as MkDocs prints the one it stops on: without the plugin's prefix.
_errors = logging.getLogger("mkdocs.plugins.conclusions.source")

THEME_DIR = str(Path(__file__).resolve().parent / "theme")
"""The plugin's templates (`main.html`, `404.html`, `partials/`) and assets (`assets/`)."""

SITE_NAME_PLACEHOLDER = "conclusions"
"""The `site_name` that stands for the document's own (see `ConclusionsConfig`); `conclusions new` writes it."""

ASSETS_JS = ("assets/conclusions.js", "assets/share.js")
"""The plugin's scripts (in `THEME_DIR`), in the order pages load them. Its stylesheet,
`assets/conclusions.css`, is written into each page's head by `theme/main.html` (head.py)."""


DIRECTORY_URLS_ONLY = (
    "mkdocs.yml: use_directory_urls: false is not supported: every page of the edition has a "
    "directory address ('/paragraphs/21/'), which its URL policy promises and its data files, cards "
    "and redirects give; remove the setting (GitHub Pages serves directory addresses)"
)
"""Why a site with `use_directory_urls: false` is refused (`core/urls.py` makes every address)."""


def _html(text: str) -> Markup:
    """Source text for Material's templates, which print titles and descriptions unescaped."""
    return escape(text)


def _plain(text: str) -> str:
    """Text as it reads: `site_name` after `_html` is Markup."""
    return text.unescape() if isinstance(text, Markup) else text


def _add_theme(config: MkDocsConfig) -> None:
    """Put the package's templates and assets between the site's `custom_dir` and Material.

    Jinja looks in the theme's folders in order, so a file in the site's `custom_dir`
    (`overrides/`) still overrides the plugin's, which overrides Material's. MkDocs publishes
    the non-template files of these folders (the CSS and JS, at `assets/...`) as it does
    Material's own; pages load the scripts through `extra_javascript`, ahead of a site's own
    entries, unless they are listed already. The stylesheet is not listed: `main.html` writes
    it into the head, ahead of the site's `extra_css` (so the site's CSS comes later and wins).
    """
    dirs = config.theme.dirs
    if THEME_DIR not in dirs:
        custom = config.theme.custom_dir
        dirs.insert(1 if custom and dirs and dirs[0] == custom else 0, THEME_DIR)
    listed_js = {str(entry) for entry in config.extra_javascript}
    config.extra_javascript[:0] = [path for path in ASSETS_JS if path not in listed_js]


SEARCH_TITLE_BOOST = 10.0
"""How much Material's search weighs a word of a title against a word of the text. Material's
own weight, 1000, makes a title that shares one word with a query outrank a paragraph that
holds the whole phrase; every register entry's title and every section naming a text made the
text itself unfindable."""


def weigh_search_titles(config: MkDocsConfig) -> None:
    """Give Material's search `SEARCH_TITLE_BOOST` for titles, unless `mkdocs.yml` sets the
    search plugin's `fields` (set before the search plugin's own configuration, which fills in
    its defaults: the plugin is listed before `search`, as `conclusions new` writes it)."""
    search = config.plugins.get("material/search") or config.plugins.get("search")
    fields = getattr(getattr(search, "config", None), "fields", None)
    if isinstance(fields, dict) and "title" not in fields:
        fields["title"] = {"boost": SEARCH_TITLE_BOOST}


def describe(header: Header) -> str:
    """The site description made of the header's citation title and document id, those it has."""
    title, number = header.citation_title or header.title, header.document_id
    of = ", ".join(part for part in (f"the {title}" if title else "", number) if part)
    return f"A hyperlinked, citable edition of {of}." if of else "A hyperlinked, citable edition."


def _name_from_document(config: MkDocsConfig, header: Header, keep_name: bool = False) -> None:
    """The site's name, description and interface language from the document (`ConclusionsConfig`);
    a collection (`keep_name`) has its own name and says what it is itself."""
    if keep_name:
        if not config.site_description:
            config.site_description = _html(f"A hyperlinked, citable edition of {_plain(config.site_name)}.")
    else:
        config.site_name = _html(header.short_title or header.title)
    if not config.site_description:
        config.site_description = _html(describe(header))
    # Material's words (search, "Back to top") in the document's language, where it has them.
    if re.fullmatch(r"[a-z]{2,3}(-[A-Za-z]{2,4})?", header.language):
        language = f"partials/languages/{header.language}.html"
        if any(os.path.isfile(os.path.join(d, language)) for d in config.theme.dirs):
            config.theme["language"] = header.language


def search_languages(config: MkDocsConfig, c: Collection) -> None:
    """Material's search, when `mkdocs.yml` names no language for it, stems the words of every
    language the texts are in (its `lang`), so a French query finds the French paragraph."""
    for name in ("search", "material/search"):
        search = config.plugins.get(name)
        if search is not None and not search.config.get("lang"):
            languages = dict.fromkeys(e.document.header.language for e in (*c.editions, *c.versions))
            # Only the languages Material ships a stemmer for: its search worker loads one file each.
            material = Path(sys.modules[type(search).__module__].__file__ or ".").parents[2]
            stemmers = material / "templates" / "assets" / "javascripts" / "lunr" / "min"
            search.config["lang"] = [x for x in languages if x == "en" or (stemmers / f"lunr.{x}.min.js").is_file()]


class SourceMistake(PluginError):
    """A mistake in the source, found in `on_config`: before MkDocs touches the site folder."""


ABOUT_PAGES = (ABOUT_EDITION, ABOUT)
"""The pages about the edition and its addresses, grouped in the navigation, in this order."""


class ConclusionsPlugin(BasePlugin[ConclusionsConfig]):
    """Generates the edition from the source files in `docs_dir`."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.collection: Collection | None = None
        self.pages: list[Page] = []
        self.page_parts: list[Sequence[Page]] = []
        """`pages` in the core's parts (`SiteMaker.page_parts`): most of them each one text's."""
        self.sharing: SiteSharing | None = None
        self.info = EditionInfo()
        self.serving: Serving | None = None
        """What runs under `mkdocs serve` only (rebuild.py); None under `mkdocs build`."""
        self.maker = SiteMaker()
        """What makes the site of the source; under `mkdocs serve`, one that keeps what it made (rebuild.py)."""
        self.alternates: dict[str, tuple[Alternate, ...]] = {}
        """The language versions of each page of a text in several languages (`core/languages.py`)."""
        self.language_navs: dict[str, Navigation] = {}
        """The navigation of each language version's pages (`language_pages.py`), by language."""
        self.drawing: cards.Drawing | None = None
        """The cards being drawn while MkDocs renders the pages (from `on_files` to `on_post_build`)."""
        self._scratch: tempfile.TemporaryDirectory[str] | None = None
        """Where cards are drawn when `cards_cache_dir` is empty or cannot be written."""
        self._report: list[str] = []
        """The references the last build could not link, as its report gave them."""
        self._copies: dict[str, Path] = {}
        """The files `on_post_build` copies into the site (the cards), by their path there."""
        self._card_files: dict[Card, Path] | None = None
        """Each card's file in the card cache, once drawn, kept between the builds of `mkdocs serve`."""
        self._dirty = False
        self._warnings: staged.WarningCount | None = None
        self._editions_by_prefix: tuple[Collection | None, dict[str, Edition]] = (None, {})
        """The collection's texts by their folder, for the collection last read (`_edition_at`)."""
        self._staged: staged.StagedSite | None = None
        """Where `mkdocs build` writes the new site until it replaces the old one (staged.py)."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining this hook also keeps this object alive across the rebuilds of `mkdocs serve`,
        # and with it what the last build rendered (see rebuild.py).
        self._dirty = dirty
        if command == "serve":
            # Imported here: `mkdocs build` never loads the serve machinery or the MkDocs
            # internals it relies on (mkdocs_internals.py checks them at this point).
            from .rebuild import Serving

            self.serving = Serving(
                fast=self.config.fast_serve, templates=_changing_templates, watch_with=self.config.watch_with
            )
            self.maker = self.serving.maker

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.serving is None and not self._dirty:
            # Under --strict, a warning fails the build after the last event: counted for staged.py.
            self._warnings = staged.warning_count()
        # The site URL is printed into the templates' scripts (404.html's base URL): a quote
        # in it would end a string there and run the rest.
        if config.site_url and (problem := url_problem(config.site_url, ("http", "https"), dotted_host=False)):
            raise PluginError(
                f"site_url {shown(config.site_url)} is not an address a page can carry: {problem}; "
                "set SITE_URL (or site_url in mkdocs.yml) to the site's address"
            )
        if not config.use_directory_urls:
            raise PluginError(DIRECTORY_URLS_ONLY)
        if gone := material_theme.check():
            raise PluginError("; ".join(gone) + ": this Material is not the one the plugin was made for")
        if changed := mkdocs_rendering.check(config):
            raise PluginError("; ".join(changed) + ": this MkDocs is not the one the plugin was made for")
        if self.config.publisher_url and (problem := url_problem(self.config.publisher_url)):
            raise PluginError(
                f"publisher_url {shown(self.config.publisher_url)} is not an address a page can link to: {problem}"
            )
        self.info = EditionInfo(
            publisher=self.config.publisher,
            publisher_url=self.config.publisher_url,
            reuse_notice=self.config.reuse_notice,
            kind=self.config.document_kind,
        )
        if self.serving is not None:
            self.serving.on_config()
        # The page bodies' templates: the site's overrides/pages/ first (core/pages/templates.py).
        page_templates.use(page_templates.PageTemplates.of(config.theme.custom_dir))
        # Read again on every (re)build of `mkdocs serve`: the source is what changed.
        source = Path(config.docs_dir)
        try:
            self.collection = self.maker.collection(source)
            parts = [*self.maker.page_parts(self.collection), list(about_pages(self.collection, self.info))]
            self.page_parts = parts
            self.pages = [page for part in parts for page in part]
            # Before MkDocs empties the site folder: no page or file may take another's address.
            self.maker.check_addresses(self.collection, parts)
            # Every word of each original is on the site, or the build stops (core/fidelity.py).
            self.maker.check_fidelity(source, self.collection)
        except SourceError as err:
            # One error line per mistake: MkDocs prints the exception's message as the last one.
            *before, last = err.lines() if isinstance(err, SourceErrors) else [str(err)]
            for line in before:
                _errors.error(line)
            raise SourceMistake(last) from None
        c = self.collection
        self._log_report(c)
        config.nav = self._nav()
        _add_theme(config)
        weigh_search_titles(config)
        if config.site_name in ("", SITE_NAME_PLACEHOLDER):
            if c.is_collection:
                config.site_name = _html(c.title)
            _name_from_document(config, c.editions[0].document.header, keep_name=c.is_collection)
        if c.versions:
            search_languages(config, c)
        return config

    def _log_report(self, c: Collection) -> None:
        """The build report: what was read and linked; in a collection, each reference the tool
        could not link, and why (one to a document outside the collection is normal, hence info)."""
        reg = c.registries
        paragraphs = sum(len(e.document.paragraphs) for e in c.editions)
        documents = f"{len(c.editions)} documents, " if c.is_collection else ""
        log.info(
            f"{documents}{paragraphs} paragraphs; linked {len(reg.actors)} actors, {len(reg.terms)} "
            f"terms, {len(reg.instruments)} instruments; {c.unused_shared} shared registry entries not in "
            f"{'these texts' if c.is_collection else 'this text'} (not published)"
        )
        for line in c.found_automatically():
            log.info(line)
        if not c.is_collection:
            return
        resolved = sum(1 for r in c.references if r.cited is not None and not r.why)
        report = [f"  {r.citing.path}:{r.line}: '{' '.join(r.words.split())}': {r.why}" for r in c.unresolved]
        if self.serving is not None and report == self._report:
            # Under `mkdocs serve`, a thousand lines again on every save would bury the rest.
            log.info(f"{resolved} references between the documents linked; {len(report)} not linked, as before")
        else:
            log.info(f"{resolved} references between the documents linked; {len(report)} not linked:")
            for line in report:
                log.info(line)
        self._report = report

    @property
    def _collection(self) -> Collection:
        """What `on_config` read (every later event comes after it)."""
        if self.collection is None:
            raise PluginError("the conclusions plugin's events ran before on_config read the source")
        return self.collection

    def _nav(self) -> list[dict[str, Any]]:
        """MkDocs' `nav`: the pages that are in it, the sections grouped under one heading; in a
        collection, after its home, each text by its short title (its overview, full text and
        sections); the About pages under one entry."""
        nav: list[dict[str, Any]] = []
        sections: list[dict[str, str]] = []
        about: list[dict[str, str]] = []
        by_src: dict[str, Page] = {}

        def pages_by_src() -> dict[str, Page]:
            if not by_src:
                by_src.update((page.src, page) for page in self.pages)
            return by_src

        # A collection's texts are listed each under its own entry (`_document_nav`); their
        # language versions stand in the menu as their pages' own entries.
        documents = {prefix: self._document_entry(e, pages_by_src) for prefix, e in self._edition_at.items()}
        listed = {src for _entry, srcs in documents.values() for src in srcs}
        for page in self.pages:
            if not page.in_nav or page.src in listed:
                continue
            if page.src in ABOUT_PAGES:
                # One entry for both keeps the menu short: on a short screen Material scrolls
                # the sidebar to the page's own entry, and pushes the first ones under the header.
                about.append({self._nav_label(page): page.src})
                if len(about) == 1:
                    # Empty: the interface's word in the document's language ("About").
                    label = self.config.nav_title_about or _html(self._collection.editions[0].interface("nav.about"))
                    nav.append({label: about})
            elif is_section_page(page.src):
                sections.append({_html(page.title): page.src})
                if len(sections) == 1:
                    nav.append({self._sections_title(self._collection.editions[0].interface): sections})
            else:
                nav.append({self._nav_label(page): page.src})
            if page.src == HOME_PAGE and self._collection.is_collection:
                nav += [documents[edition.urls.prefix][0] for edition in self._collection.editions]
        about.sort(key=lambda entry: ABOUT_PAGES.index(next(iter(entry.values()))))
        return nav

    def _document_entry(
        self, edition: Edition, pages: Callable[[], dict[str, Page]]
    ) -> tuple[dict[str, Any], list[str]]:
        """A text's entry in the navigation (`_document_nav`) and the pages it lists; a step of
        the core (`SiteMaker.step`) made of what its pages are made of (the edition and the page
        templates) and the site's titles: under `mkdocs serve` a save makes the edited text's
        alone. `pages`: every page by its source path (made only when needed)."""

        def make() -> tuple[dict[str, Any], list[str]]:
            by_src = pages()
            return self._document_nav(edition, by_src), self._document_srcs(edition, by_src)

        titles = (self.config.nav_title_home, self.config.nav_title_sections)
        return self.maker.step(("nav", edition.urls.prefix), (edition, page_templates.current(), titles), make)

    def _document_nav(self, edition: Edition, by_src: dict[str, Page]) -> dict[str, Any]:
        """One text of a collection in the navigation: its overview, full text and sections
        (those a one-text site lists), under its short title."""
        u, h = edition.urls, edition.document.header
        sections = [{self._nav_label(by_src[src]): src} for src in self._document_srcs(edition, by_src)[2:]]
        entries: list[dict[str, Any]] = [
            {self._nav_label(by_src[u.home]): u.home},
            {self._nav_label(by_src[u.text]): u.text},
        ]
        if sections:
            entries.append({self._sections_title(edition.interface): sections})
        return {_html(h.short_title or h.document_id): entries}

    def _sections_title(self, words: Interface) -> str:
        """The heading of the sections in the navigation: the site's, or the interface's word."""
        return self.config.nav_title_sections or _html(words("nav.sections"))

    @staticmethod
    def _document_srcs(edition: Edition, by_src: dict[str, Page]) -> list[str]:
        """The pages `_document_nav` lists for a text: its home, full text and the sections in
        the navigation."""
        u = edition.urls
        sections = (u.section_page(s.slug) for s in edition.document.sections)
        return [u.home, u.text, *(src for src in sections if src in by_src and by_src[src].in_nav)]

    def _nav_label(self, page: Page) -> str:
        """A page's entry in the navigation: its title; the home page's is `nav_title_home`,
        since the sidebar already opens with the site's name, which is that page's title. A
        collection's text lists its pages under its own name: their titles without it."""
        edition = self._edition_at.get(page.src.split("/", 1)[0] + "/") if "/" in page.src else None
        if edition is None:
            if page.src == HOME_PAGE:
                # Empty: the interface's word in the document's language ("Overview").
                return self.config.nav_title_home or _html(self._collection.editions[0].interface("home.overview"))
            return _html(page.title)
        if page.src == edition.urls.home:
            return self.config.nav_title_home or _html(edition.interface("home.overview"))
        h = edition.document.header
        # core/pages ends a collection's page titles with the text's name.
        return _html(page.title.removesuffix(f" – {h.document_id or h.short_title}"))

    @property
    def _edition_at(self) -> dict[str, Edition]:
        """A collection's texts by their folder ('st-9876-2024/'); empty for a one-text site."""
        c = self._collection
        if self._editions_by_prefix[0] is not c:
            self._editions_by_prefix = (c, {e.urls.prefix: e for e in c.editions if e.urls.prefix})
        return self._editions_by_prefix[1]

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable[..., Any]
    ) -> LiveReloadServer:
        # MkDocs holds every request after a failed rebuild ("the server will appear stuck"):
        # the last good build goes on being served instead, whatever stopped the rebuild.
        if self.serving is not None:
            self.serving.on_serve(server, config)
        return server

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        # Filter, generate, publish: the source files are inputs, not pages; the generated
        # pages take their place; cards and JSON data are published beside them.
        kept = _without_sources(files, config.docs_dir)
        if self.serving is not None:
            self.serving.begin_files(config)
        for file in self._generated_pages(config):
            kept.append(file)
        self.sharing = SiteSharing(self._collection, config.site_url or "", _plain(config.site_name), self.info)
        self.alternates = site_alternates(self._collection)
        for file in self._published_files(config, self.sharing):
            kept.append(file)
        return kept

    def _generated_pages(self, config: MkDocsConfig) -> Iterator[File]:
        """A file per generated page, in or out of the navigation."""
        if self.serving is not None:
            # A part's files at once: those of the texts a save leaves alone are the last build's.
            for part in self.page_parts:
                yield from self.serving.page_files(config, part, self._nav_titles(part))
            return
        for page in self.pages:
            inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
            file = File.generated(config, page.src, content=page.markdown, inclusion=inclusion)
            # Its body is HTML: MkDocs renders it as html_pages.py says, not as Markdown.
            GeneratedPage(self._nav_label(page) if page.in_nav else None, file, config)
            yield file

    def _nav_titles(self, pages: Sequence[Page]) -> tuple[str | None, ...]:
        """The title a nav entry would give each of `pages` (MkDocs keeps a page set here and
        its title); None for a page out of the navigation."""
        return tuple(self._nav_label(page) if page.in_nav else None for page in pages)

    def _published_files(self, config: MkDocsConfig, sharing: SiteSharing) -> Iterator[File]:
        """The link-preview cards and the JSON data: published files, not pages; and, for a
        document that was at the root of the site, its old addresses (`core/redirects.py`).

        The cards are not MkDocs' files: those not in the card cache yet are drawn while MkDocs
        renders the pages, and `on_post_build` copies each from the cache (`_copies`). MkDocs
        goes over its files several times in a build; 5,000 cards would be most of them.
        """
        c = self._collection
        all_cards = self.maker.cards(sharing)
        self._stop_drawing()
        drawing = self.drawing = cards.Drawing(all_cards, *self._card_folders(), known=self._card_files)
        published: dict[str, str | Path] = {
            card.path: file for card, file in zip(all_cards, drawing.files, strict=True)
        }
        data = self.maker.data_parts(c, config.site_url or "")
        if self.serving is not None and c.formerly_at_root is None:
            self._copies = {path: file for path, file in published.items() if isinstance(file, Path)}
            # A part's files at once: those of the texts a save leaves alone are the last build's.
            for part in data:
                yield from self.serving.published_files(config, part, _published)
            return
        for part in data:
            published.update(part)
        if c.formerly_at_root is not None:
            was = c.formerly_at_root
            published.update(moved(was, published, Site(config.site_url or ""), c.versions_of(was)))
        self._copies = {path: file for path, file in published.items() if isinstance(file, Path)}
        for path, content in published.items():
            if isinstance(content, Path):
                continue
            if self.serving is None:
                yield _published(config, path, content)
            else:
                yield self.serving.published_file(config, path, content, partial(_published, config, path, content))

    def _card_folders(self) -> tuple[Path, list[Path]]:
        """Where the missing cards are drawn, and where else cards drawn before are looked for:
        the cache (`cards_cache_dir`), or a temporary folder when none is set or it cannot be
        written (kept for the rebuilds of `mkdocs serve`, removed at shutdown)."""
        setting = self.config.cards_cache_dir
        cache = Path(setting).resolve() if setting else None
        if cache is not None and cards.writable(cache):
            return cache, []
        if cache is not None:
            log.info(f"cards_cache_dir '{setting}' cannot be written: the cards not in it are drawn elsewhere")
        if self._scratch is None:
            self._scratch = tempfile.TemporaryDirectory(prefix="conclusions-cards-")
        return Path(self._scratch.name), [cache] if cache is not None else []

    def _wait_for_cards(self) -> None:
        drawing, self.drawing = self.drawing, None
        if drawing is not None:
            try:
                drawing.wait()
            except cards.CardError as err:
                raise PluginError(str(err)) from None
            if self.serving is not None:
                # For the next build of `mkdocs serve`: 5,000 digests and files fewer to look for.
                self._card_files = drawing.known

    def _write_copies(self, site_dir: str) -> None:
        """Copy each card (and each card again at an old address) from the card cache into the
        site; under `mkdocs serve`, only those that changed since the last build."""
        copies = self._copies if self.serving is None else self.serving.copies_to_write(self._copies)
        for path, source in copies.items():
            target = Path(site_dir) / path
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)

    def _stop_drawing(self) -> None:
        drawing, self.drawing = self.drawing, None
        if drawing is not None:
            drawing.close()

    @property
    def _sharing(self) -> SiteSharing:
        """The share data `on_files` made (every later event comes after it)."""
        if self.sharing is None:
            raise PluginError("the conclusions plugin's events ran before on_files")
        return self.sharing

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        # The templates in the site's overrides/ and the plugin's theme/ may change while serving.
        if self.serving is not None:
            sharing = self._sharing
            # What the 404 page reads beyond the site signature (`on_env`).
            not_found = (sharing.site_context(), sharing.interface())
            self.serving.on_nav(config, files, nav, _changing_templates(config), sharing.fingerprint(), not_found)
        self.language_navs = self._language_navs(nav, files)
        return nav

    def _language_navs(self, nav: Navigation, files: Files) -> dict[str, Navigation]:
        """The navigation of the pages of each language other than the site's first (`language_pages`)."""
        c = self._collection
        first = c.editions[0].document.header.language
        # Each language's words as its versions have them (the site's replacements included).
        languages = {v.document.header.language: v.interface for v in c.versions if v.document.header.language != first}

        def label(page: MkDocsPage) -> str:
            edition = c.edition_of(page.file.src_uri)
            if edition is not None and page.file.src_uri == edition.urls.home:
                return self.config.nav_title_home or _html(edition.interface("home.overview"))
            core = self._pages_by_src.get(page.file.src_uri)
            title = core.title if core is not None else str(page.title or "")
            h = edition.document.header if edition is not None else None
            # core/pages ends a collection's page titles with the text's name.
            return _html(title.removesuffix(f" – {h.document_id or h.short_title}") if h and c.is_collection else title)

        def section_title(section: Section, words: Interface) -> str:
            first_words = c.editions[0].interface
            if section.title == (self.config.nav_title_about or _html(first_words("nav.about"))):
                return self.config.nav_title_about or _html(words("nav.about"))
            if section.title == self._sections_title(first_words):
                return self._sections_title(words)
            return str(section.title)

        return {
            language: language_pages.navigation_in(nav, language, self.alternates, files, label, words, section_title)
            for language, words in languages.items()
        }

    def _site_name_of(self, config: MkDocsConfig, src: str) -> str | None:
        """The site's name on the page `src` of a language version, where the site is named by
        its text's title: the version's; None elsewhere."""
        c = self._collection
        version = c.edition_of(src) if c.versions and not c.is_collection else None
        first = c.editions[0].document.header
        if version is None or version is c.editions[0] or config.site_name != _html(first.short_title or first.title):
            return None
        h = version.document.header
        return _html(h.short_title or h.title)

    @property
    def _pages_by_src(self) -> dict[str, Page]:
        return {page.src: page for page in self.pages}

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        # For templates without a page (404.html): the valid paragraph range and the like.
        env.globals["edition"] = self._sharing.site_context()
        env.globals["words"] = self._sharing.interface()  # the interface words (core/interface.py)
        env.filters["text_html"] = markup.html_text  # how the templates print them as text
        env.globals["csp_policy"] = csp.policy  # theme/main.html: the Content-Security-Policy
        env.globals.update(head.TEMPLATE_GLOBALS)  # theme/main.html: the styles written into the head
        # theme/partials/nav.html: in a collection, which entries are other texts, drawn as one link.
        env.tests["collapsed_text"] = collection_nav.CollapsedText(self._collection).test
        return env

    def on_page_context(
        self, context: TemplateContext, *, page: MkDocsPage, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        # Read by theme/main.html: titles, descriptions, cards and citation of this page.
        share = self._sharing.for_page(
            page.file.src_uri,
            page.meta.get("title", ""),
            page.meta.get("description", ""),
            page.canonical_url,
        )
        values = cast("dict[str, Any]", context)  # MkDocs' TypedDict names its own keys only
        values["share"] = share
        # A page of a text in several languages: its hreflang links and language switch.
        values["multilingual"] = bool(self.alternates)
        if versions := self.alternates.get(page.file.src_uri):
            values["languages"] = language_switch(versions, page.file.src_uri, Site(config.site_url or ""))
        if self.alternates:
            # Material's words, the page's `lang` and the navigation in the page's own language.
            language = self._sharing.interface(page.file.src_uri).language
            if language_pages.material_has(language, config.theme.dirs):
                values["page_language"] = language
            if language in self.language_navs:
                values["nav"] = self.language_navs[language]
            values["page_languages"] = language_pages.page_languages(self._collection)
        # The document line and footer of this page's document (the collection's on its own pages).
        values["edition"] = self._sharing.site_context(page.file.src_uri)
        values["words"] = self._sharing.interface(page.file.src_uri)
        # Material's header in the page's language: the text's name, the palette toggles' names.
        values["config"] = language_pages.config_in(
            config, self._site_name_of(config, page.file.src_uri), values["words"]
        )
        # Material prints `page.meta.title` and `.description` as they are: make them HTML text.
        for key in ("title", "description"):
            if isinstance(page.meta.get(key), str):
                page.meta[key] = _html(page.meta[key])
        return context

    def on_template_context(
        self, context: TemplateContext, *, template_name: str, config: MkDocsConfig
    ) -> TemplateContext:
        # The 404 page: Material's palette toggles in the site's language, as on the pages.
        cast("dict[str, Any]", context)["config"] = language_pages.config_in(config, None, self._sharing.interface())
        return context

    def on_post_page(self, output: str, *, page: MkDocsPage, config: MkDocsConfig) -> str:
        return material_theme.conform(output)

    # Last: other plugins may still have things to do before the site folder is emptied.
    @event_priority(-100)
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self._warnings is not None:
            self._staged = staged.StagedSite.begin(config, self._warnings)

    # Before Material's search writes its index: under `mkdocs serve`, the entries of the pages
    # not built again are added to it first (rebuild.py).
    @event_priority(50)
    def _post_build(self, *, config: MkDocsConfig) -> None:
        self._wait_for_cards()
        self._write_copies(config.site_dir)
        if self.serving is not None:
            self.serving.on_post_build(config, len(self.pages))

    # After every other plugin wrote its files into the new site (the search index).
    @event_priority(-100)
    def _publish(self, *, config: MkDocsConfig) -> None:
        if self._staged is not None and not self._staged.publish():
            return  # --strict fails the build next: on_build_error removes the new site
        self._staged = None
        self._stop_counting()

    on_post_build = CombinedEvent(_post_build, _publish)

    def _stop_counting(self) -> None:
        if self._warnings is not None:
            staged.stop_counting(self._warnings)
            self._warnings = None

    def on_build_error(self, *, error: Exception) -> None:
        staged_site, self._staged = self._staged, None
        if staged_site is not None:
            staged_site.abandon()
        self._stop_counting()
        self._stop_drawing()

    def on_shutdown(self) -> None:
        self._stop_drawing()
        if self.serving is not None:
            self.serving.close()
        scratch, self._scratch = self._scratch, None
        if scratch is not None:
            scratch.cleanup()

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        return material_theme.conform(output_content) if template_name.endswith(".html") else output_content


def _changing_templates(config: MkDocsConfig) -> list[str]:
    """The theme folders whose files may change while serving: the site's `custom_dir` and the
    plugin's templates (Material's own are part of its install)."""
    return [d for d in (config.theme.custom_dir, THEME_DIR) if d and os.path.isdir(d)]


def _published(config: MkDocsConfig, path: str, content: str) -> File:
    """A published file at `path`, with its content."""
    return File.generated(config, path, content=content)


def _without_sources(files: Files, docs_dir: str) -> Files:
    """`files` without those in `docs_dir`: the source is read by the plugin, not published."""
    return Files([f for f in files if not f.abs_src_path or not Path(f.abs_src_path).is_relative_to(docs_dir)])

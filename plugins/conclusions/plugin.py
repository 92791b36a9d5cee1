"""The MkDocs adapter: read `source/` (the `docs_dir`), generate every page, keep serve live.

All knowledge of the document lives in `core`; this module only translates between the
core's `Page` objects and MkDocs' files and navigation.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from .config import ConclusionsConfig
from .core.errors import SourceError
from .core.index import Edition, build_edition
from .core.pages import Page, all_pages

log = get_plugin_logger(__name__)


class ConclusionsPlugin(BasePlugin[ConclusionsConfig]):
    """Generates the edition from the source files in `docs_dir`."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.edition: Edition | None = None
        self.pages: list[Page] = []

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # Rebuilt on every (re)build: `mkdocs serve` keeps the plugin object alive.
        source = Path(config.docs_dir)
        try:
            self.edition = build_edition(source)
        except SourceError as err:
            raise PluginError(str(err)) from None
        self.pages = list(all_pages(self.edition))
        config.nav = self._nav()
        if not config.site_name or config.site_name == "conclusions":
            config.site_name = self.edition.document.header.short_title
        return config

    def _nav(self) -> list:
        nav: list = []
        sections: list = []
        for page in self.pages:
            if not page.in_nav:
                continue
            if page.src.startswith("sections/"):
                sections.append({page.title: page.src})
                if len(sections) == 1:
                    nav.append({self.config.nav_title_sections: sections})
            else:
                nav.append({page.title: page.src})
        return nav

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        # The source files are inputs, not pages: only generated pages are published.
        kept = Files([f for f in files if not f.abs_src_path or not Path(f.abs_src_path).is_relative_to(config.docs_dir)])
        for page in self.pages:
            kept.append(File.generated(
                config, page.src, content=page.markdown,
                inclusion=InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV,
            ))
        return kept

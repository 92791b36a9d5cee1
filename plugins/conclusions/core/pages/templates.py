"""The layout of the page bodies: one Jinja template per kind of page, in the package's
`theme/pages/` (`paragraph.html`, `recital.html`, ...), each replaced by a file of the same
path in the site's `overrides/` (`overrides/pages/paragraph.html`), as the theme's own
templates are.

A template receives the parts of its page, each already written (HTML, `Md`),
the model's objects (the paragraph, the document) and the interface words (`words`), and
writes the page's HTML body, which goes out as it is written (html_pages.py); `blocks(a, b,
...)` joins the parts that are not empty as blocks. Every value reaches the page through the one escaping path: what core/markup.py wrote
is placed as it is (`Md` is marked safe for Jinja's autoescape), and any other value (a
word, a title, a number) is escaped as text by `markup.text` before Jinja prints it.

Why not Material's own template environment: the bodies are made by the core, which knows
nothing of MkDocs, before MkDocs renders a page; the site's `overrides/` is the one place a
site changes the look of its pages, so the same folder is searched here.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateError, TemplateSyntaxError, meta

from ..errors import SourceError
from ..markup import Md, blocks_of, join, text
from ..remembered import Recent, recent

PACKAGE_THEME = Path(__file__).resolve().parent.parent.parent / "theme"
"""The package's theme folder; its `pages/` holds the page templates."""
FOLDER = "pages"


def _escaped(value: object) -> object:
    """Jinja's `finalize`: what core/markup.py wrote as it is, anything else escaped as text."""
    if hasattr(value, "__html__"):
        return value
    if value is None:
        return Md("")
    return text(str(value))


def blocks(*parts: str) -> Md:
    """The parts that are not empty, as blocks (a blank line between two: text between two
    block elements is a paragraph of its own, `markup.blocks_of`)."""
    return join((part for part in parts if part), "\n\n")


@dataclass(frozen=True)
class PageTemplates:
    """The page templates of a site: its `overrides/` first, then the package's."""

    overrides: Path | None = field(default=None, compare=False)
    """The folder as the configuration names it (errors name it so)."""
    folder: str = ""
    """The folder's absolute path, which is what compares: `mkdocs serve -f mkdocs.yml` names
    it relatively in its first build and absolutely in the rebuilds."""
    fingerprint: str = field(default="", compare=True)
    """What the site's page templates hold (a hash): a rebuild that reuses pages compares it."""

    @classmethod
    def of(cls, overrides: str | Path | None) -> PageTemplates:
        """The templates of a site whose theme's `custom_dir` is `overrides` (None: none)."""
        folder = Path(overrides) if overrides else None
        digest = hashlib.sha256()
        if folder is not None and (folder / FOLDER).is_dir():
            for path in sorted((folder / FOLDER).rglob("*.html")):
                digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes() + b"\0")
        where = os.path.abspath(folder) if folder is not None else ""
        return cls(folder, where, digest.hexdigest() if folder is not None else "")

    def render(self, kind: str, /, **values: object) -> Md:
        """The body of a page of `kind` ('paragraph'), from its template and `values`."""
        name = f"{FOLDER}/{kind}.html"
        try:
            return _blocks(_environment(self.overrides, self.fingerprint).get_template(name).render(**values))
        except TemplateSyntaxError as err:
            raise SourceError(err.filename or name, err.lineno, f"the template does not read: {err.message}") from None
        except TemplateError as err:
            where = self.overrides / name if self.overrides and (self.overrides / name).is_file() else name
            raise SourceError(where, None, f"the template fails: {err.message}") from None

    def reads(self, kind: str, value: str) -> bool:
        """Whether the template of `kind` may read `value` (a value every page of the kind is
        given, such as the whole `document`): it names it, or it takes in another template,
        which may. A page that does not read it is made of its other values alone."""
        return bool(_READS.get_by(lambda: (self, kind, value), lambda: self._reads(kind, value)))

    def _reads(self, kind: str, value: str) -> bool:
        environment = _environment(self.overrides, self.fingerprint)
        name = f"{FOLDER}/{kind}.html"
        try:
            assert environment.loader is not None
            source = environment.loader.get_source(environment, name)[0]
            tree = environment.parse(source)
        except TemplateError:
            return True  # `render` reports it
        return value in meta.find_undeclared_variables(tree) or any(True for _ in meta.find_referenced_templates(tree))


_READS: Recent[tuple[PageTemplates, str, str], bool] = Recent()


@recent
def _blocks(rendered: str) -> Md:
    """`blocks_of` a template's output, kept while serving (`remembered.recent`): the pages of
    the edited text's unchanged items come out of their templates the same."""
    return blocks_of(rendered)


_ENVIRONMENTS: dict[tuple[Path | None, str], Environment] = {}


def _environment(overrides: Path | None, fingerprint: str) -> Environment:
    """The environment of a site's templates as they are now: a template added to or taken out
    of `overrides/pages/` (under `mkdocs serve`) changes the fingerprint, and with it the
    environment, whose cache would otherwise keep the package's template it found before."""
    environment = _ENVIRONMENTS.get((overrides, fingerprint))
    if environment is None:
        folders = [overrides, PACKAGE_THEME] if overrides is not None else [PACKAGE_THEME]
        environment = Environment(
            loader=FileSystemLoader(folders),
            autoescape=True,
            finalize=_escaped,
            undefined=StrictUndefined,
            auto_reload=True,
        )
        environment.globals["blocks"] = blocks
        _ENVIRONMENTS[(overrides, fingerprint)] = environment
    return environment


PACKAGE = PageTemplates()
"""The package's templates alone (a site without `overrides/pages/`, and the tests)."""
_current = [PACKAGE]


def use(templates: PageTemplates) -> None:
    """The templates the pages are made with from now on (the adapter sets the site's at each build)."""
    _current[0] = templates


def current() -> PageTemplates:
    """The templates the pages are made with."""
    return _current[0]

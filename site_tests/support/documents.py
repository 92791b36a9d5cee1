"""The documents the generic tests run for, each prepared and built once per test session.

A test that takes the `doc` fixture (conftest.py) runs once for every document of
`DOCUMENTS`, and reads what it expects from that document: counts and numbers from the
model (`build_edition`), words from its original (support/fidelity.py), and what a person
read by hand from the data file beside it (`expected.yml`). A document without hand-read
expectations, or whose expectations describe another document, gets those checks skipped
with the reason printed.

- `source`: whatever `source/` holds (in this repository the flagship, ST 14512/23);
- `mini`, `structures`, `francais`: the fixtures written as `document.md` by hand;
- `bilingual`: an invented text written by hand, with an invented French version in `lang/fr/`;
- `imported-9876`: an invented Council text in the register's plain-lines shape
  (fixtures/import/ST-9876-2024-INIT-en.txt), imported at session start;
- `imported-10234`: another (fixtures/import/ST-10234-2025-INIT-en.txt), which names most of
  what it recalls, defines and asks by its own form, for the text's own reading to link;
- `flagship-plain-lines`, `flagship-pdf`: the flagship's original turned into the
  plain-lines and the PDF shape by import_shapes.py, imported at session start. Imported
  texts have no registry of their own (but a verbs.yml for verbs the shared list lacks):
  the shared registry alone links them. The shapes share the flagship's document id and
  its hand-read structure, not its registries.

An imported document is written as `conclusions import` writes a site's `source/`:
document.md, the registries the importer returns, `original/<input name>` (the input's
bytes) and `import.yml` (the record of the import). Each document is built once per session.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import yaml

from site_tests.support.build import FIXTURES, ROOT, SOURCE, build
from site_tests.support.imported import own_language_register_texts
from site_tests.support.shared import made_once

if TYPE_CHECKING:  # imported where used: conftest.py imports this module in every pytest process
    from conclusions.core.edition import Edition
    from conclusions.core.model import Document, Header, Paragraph, Recital

IMPORTS = FIXTURES / "import"
SEED = SOURCE / "original" / "ST-14512-2023-INIT-en.txt"
"""The flagship's original, in the register's Markdown-like shape: what the shapes are made from."""
MANIFESTS = ROOT / "site_tests" / "url_manifests"
FLAGSHIP_ID = "ST 14512/23"
"""The document whose URLs this repository publishes: its manifest must exist."""


@dataclass(frozen=True)
class Spec:
    """One document of the list: where its source comes from."""

    name: str
    """The test id."""
    source: Path | None = None
    """A source folder built as it is."""
    imported: Path | None = None
    """A Council text given to the importer at session start."""
    shape: str = ""
    """'plain' or 'pdf': SEED in that shape (site_tests/import_shapes.py), then imported."""
    expected: Path | None = None
    """The hand-read expectations; by default `expected.yml` in the source folder."""
    only: frozenset[str] | None = None
    """The keys of the hand-read expectations that hold for this document (None: all)."""
    unread: str = ""
    """Why the other keys do not hold."""
    promised: bool = True
    """Whether its URLs are promised (kept in a manifest). A shape of the flagship made for the
    tests shares the flagship's document id but is linked by other registries: no promise."""
    drawn: str = ""
    """'register' or 'journal': `imported` drawn as a PDF in that layout (import_shapes.py), and
    the PDF imported."""

    def __str__(self) -> str:
        return self.name


STRUCTURE = frozenset({"document_id", "paragraphs", "recitals", "sections", "footnotes", "points"})
"""The hand readings of a text's structure, which hold for the text in any shape."""
SHAPE_UNREAD = (
    "a shape of the flagship made at session start: only the readings of its structure hold for it "
    "(its original is another file, and the shared registry alone links it)"
)


def _shape(name: str, shape: str) -> Spec:
    """The flagship's original in another shape, read against the flagship's hand readings."""
    return Spec(
        name, shape=shape, expected=SOURCE / "expected.yml", only=STRUCTURE, unread=SHAPE_UNREAD, promised=False
    )


DRAWN_UNREAD = "a PDF the tests draw of the text: only the readings of its structure and clauses hold for it"
VARIANT_UNREAD = "another shape of the text the readings are of: only its structure and clauses hold for it"
REAL_SHAPED = {
    # name: (text in fixtures/import/, the PDF layout it is also drawn in, its hand readings)
    "imported-10987": ("ST-10987-2024-INIT-en.txt", "register", "ST-10987-2024-INIT-en.expected.yml"),
    "imported-10987-extracted": (
        "ST-10987-2024-INIT-en-extracted.txt",
        "",
        "ST-10987-2024-INIT-en.expected.yml",
    ),
    "imported-euco": ("EUCO-31-2024-INIT-en.txt", "register", "EUCO-31-2024-INIT-en.expected.yml"),
    "imported-oj-resolution": ("OJ-C-2024-4521-en.txt", "journal", "OJ-C-2024-4521-en.expected.yml"),
    "imported-oj-annex": ("OJ-C-2024-5230-en.txt", "journal", "OJ-C-2024-5230-en.expected.yml"),
    # Recitals one a line with no dash or letter, each opened by a participle in capitals. Its
    # drawn PDF imports to the same document.md (unit/test_importer.py) and builds; it is not
    # built here, as the tests' PDF word reader (support/fidelity.py) takes the cover sentence,
    # drawn before the header block, for the "To:" and "Subject:" values it repeats.
    "imported-unmarked": ("ST-11402-2024-INIT-en.txt", "", "ST-11402-2024-INIT-en.expected.yml"),
    "imported-unmarked-fr": ("ST-11403-2024-INIT-fr.txt", "", "ST-11403-2024-INIT-fr.expected.yml"),
    "imported-unmarked-de": ("ST-11403-2024-INIT-de.txt", "", "ST-11403-2024-INIT-de.expected.yml"),
    # and one text in the register's shape in each other language (its hand reading's `register_shape:`)
    **{
        f"imported-unmarked-{expected['header']['language']}": (name, "", name.replace(".txt", ".expected.yml"))
        for name, expected in own_language_register_texts().items()
    },
    # Operative parts in sentence case. Its drawn PDF imports to the same document.md
    # (unit/test_importer.py); it is not built here, for the reason given for "imported-unmarked".
    "imported-sentence-case": ("ST-8802-2025-INIT-en.txt", "", "ST-8802-2025-INIT-en.expected.yml"),
    # Section headings in capitals without a number on their own lines ("INTRODUCTION" right after
    # the title, "ACTIONS" between two paragraphs). Its drawn PDF imports to the same document.md
    # (unit/test_importer.py); it is not built here, for the reason given for "imported-unmarked".
    "imported-caps-headings": ("ST-6044-2026-INIT-en.txt", "", "ST-6044-2026-INIT-en.expected.yml"),
    # The first heading before the words that open the text and the recitals. Its drawn PDF
    # imports to the same document.md (unit/test_importer.py); not built here, as above.
    "imported-heading-first": ("ST-15612-2026-INIT-en.txt", "", "ST-15612-2026-INIT-en.expected.yml"),
    # An outcome of proceedings dated "On:", with bullets as a Word PDF gives them (private-use
    # glyphs, a Courier "o"); and a Presidency note with draft conclusions, a title in capitals and
    # section headings in sentence case. Their drawn PDFs import to the same document.md
    # (unit/test_importer.py); they are not built here, for the reason given for "imported-unmarked".
    "imported-bullets": ("ST-16801-2026-INIT-en.txt", "", "ST-16801-2026-INIT-en.expected.yml"),
    "imported-sentence-headings": ("ST-15920-2026-INIT-en.txt", "", "ST-15920-2026-INIT-en.expected.yml"),
    # A preamble in sentence case that names the Council, then paragraphs and points opened by a
    # verb in sentence case ("Invites"); and points numbered in parts ("2.1") under a paragraph.
    # Their drawn PDFs import to the same document.md (unit tests); not built here, as above.
    "imported-sentence-verbs": ("ST-17102-2026-INIT-en.txt", "", "ST-17102-2026-INIT-en.expected.yml"),
    "imported-parts": ("ST-16388-2026-INIT-en.txt", "", "ST-16388-2026-INIT-en.expected.yml"),
}
"""Texts in the shapes the register and the Official Journal publish (invented, see
fixtures/import/README.md), each imported as extracted text and as a PDF drawn in its layout."""


def _real_shaped() -> list[Spec]:
    specs = []
    for name, (text, layout, expected) in REAL_SHAPED.items():
        shared = Spec(name, imported=IMPORTS / text, expected=IMPORTS / expected, promised=False)
        if expected.replace(".expected.yml", ".txt") == text:
            specs.append(shared)
        else:  # another shape of the text the readings are of: its structure and clauses hold
            specs.append(replace(shared, only=STRUCTURE | {"clauses"}, unread=VARIANT_UNREAD))
        if layout:
            specs.append(
                replace(shared, name=f"{name}-pdf", drawn=layout, only=STRUCTURE | {"clauses"}, unread=DRAWN_UNREAD)
            )
    return specs


DOCUMENTS: list[Spec] = [
    Spec("source", source=SOURCE),
    Spec("mini", source=FIXTURES / "mini"),
    Spec("structures", source=FIXTURES / "structures"),
    Spec("francais", source=FIXTURES / "francais"),
    Spec("bilingual", source=FIXTURES / "bilingual"),
    Spec(
        "imported-9876",
        imported=IMPORTS / "ST-9876-2024-INIT-en.txt",
        expected=IMPORTS / "ST-9876-2024-INIT-en.expected.yml",
    ),
    Spec(
        "imported-10234",
        imported=IMPORTS / "ST-10234-2025-INIT-en.txt",
        expected=IMPORTS / "ST-10234-2025-INIT-en.expected.yml",
    ),
    # A text in French and one in German in the register's shape, read with the shared registry alone.
    *(
        Spec(
            f"imported-{language}",
            imported=IMPORTS / f"ST-9877-2024-INIT-{language}.txt",
            expected=IMPORTS / f"ST-9877-2024-INIT-{language}.expected.yml",
            promised=False,
        )
        for language in ("fr", "de")
    ),
    _shape("flagship-plain-lines", "plain"),
    _shape("flagship-pdf", "pdf"),
    *_real_shaped(),
]
SOURCE_DOCUMENT = DOCUMENTS[0]
MINI = DOCUMENTS[1]


def slug(document_id: str) -> str:
    """'ST 14512/23' -> 'st-14512-23': the name of a document's URL manifest."""
    return re.sub(r"[^a-z0-9]+", "-", document_id.lower()).strip("-")


def manifest_path(document_id: str) -> Path:
    return MANIFESTS / f"{slug(document_id)}.txt"


@dataclass
class Built:
    """A document of the list, ready: its source folder, its site, its model."""

    spec: Spec
    source: Path
    """The folder built (document.md, registries, original/, import.yml)."""
    site: Path
    """The site built from it for http://127.0.0.1:8000/."""
    expected_path: Path = field(init=False)

    def __post_init__(self) -> None:
        self.expected_path = self.spec.expected or self.source / "expected.yml"

    def __str__(self) -> str:
        return self.spec.name

    @cached_property
    def edition(self) -> Edition:
        from conclusions.core.edition import build_edition

        return build_edition(self.source)

    @property
    def model(self) -> Document:
        """The Document of the model (paragraphs, recitals, sections, footnotes)."""
        return self.edition.document

    @cached_property
    def versions(self) -> dict[str, Document]:
        """The document's language versions (`lang/<code>/`), by the prefix of their pages ('fr/')."""
        from conclusions.core.site import build_collection

        return {v.urls.prefix: v.document for v in build_collection(self.source).versions}

    def header_of(self, url: str) -> Header:
        """The header of the version whose page `url` is (the document's own, for its pages and the site's)."""
        return next((d.header for prefix, d in self.versions.items() if url.startswith(prefix)), self.model.header)

    @property
    def document_id(self) -> str:
        return self.model.header.document_id

    @cached_property
    def _expected(self) -> dict[str, Any] | str:
        """The hand-read expectations, or why there are none for this document."""
        shown = _shown(self.expected_path)
        if not self.expected_path.is_file():
            return (
                f"{self.spec.name}: no hand-read expectations ({shown} does not exist); "
                "write one by reading the text by hand to run these checks"
            )
        data = yaml.safe_load(self.expected_path.read_text(encoding="utf-8")) or {}
        named = data.get("document_id") or ""
        if named != self.document_id:
            return (
                f"{self.spec.name}: {shown} describes {named or 'a document without id'}, "
                f"but the document is {self.document_id or 'without id'}"
            )
        return data

    def expected(self, key: str) -> Any:
        """The hand-read expectation `key`; skips (with the reason) when there is none."""
        data = self._expected
        if isinstance(data, str):
            pytest.skip(data)
        if self.spec.only is not None and key not in self.spec.only:
            pytest.skip(f"{self.spec.name}: '{key}' of {_shown(self.expected_path)} does not hold: {self.spec.unread}")
        if key not in data:
            pytest.skip(f"{self.spec.name}: {_shown(self.expected_path)} has no '{key}' read by hand")
        return data[key]

    def manifest(self) -> Path:
        """The URL manifest of this document; skips when its URLs are not promised."""
        if not self.spec.promised:
            pytest.skip(
                f"{self.spec.name}: a shape of {self.document_id} made for the tests and linked by the shared "
                "registry alone; it is not a published site, so no URL of it is promised"
            )
        if not self.document_id:
            pytest.skip(f"{self.spec.name}: the document has no document_id, and manifests are kept per document id")
        return manifest_path(self.document_id)


def _shown(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


_READY: dict[str, Built | str] = {}
UNAVAILABLE = "unavailable.txt"
"""Why a document cannot be made here, written in its folder instead of its site."""


def prepare(spec: Spec, factory: pytest.TempPathFactory) -> Built:
    """The document of `spec`, imported and built the first time any process of the session
    asks for it (support/shared.py); skips with the reason when it cannot be made here (the
    flagship's original is not in source/)."""
    if spec.name not in _READY:
        folder = made_once(factory, f"document-{spec.name}", lambda folder: _make(spec, folder))
        why = folder / UNAVAILABLE
        if why.is_file():
            _READY[spec.name] = why.read_text(encoding="utf-8")
        else:
            _READY[spec.name] = Built(spec, spec.source or folder / "source", folder / "site")
    ready = _READY[spec.name]
    if isinstance(ready, str):
        pytest.skip(ready)
    return ready


def _make(spec: Spec, folder: Path) -> None:
    """Import (when it must be) and build the document of `spec` into `folder`."""
    try:
        source = _source(spec, folder)
    except _Unavailable as why:
        (folder / UNAVAILABLE).write_text(str(why), encoding="utf-8")
    else:
        assert source == (spec.source or folder / "source")
        build(folder / "site", source=source)


class _Unavailable(Exception):
    pass


def _source(spec: Spec, folder: Path) -> Path:
    if spec.source is not None:
        return spec.source
    if spec.imported is not None and spec.drawn:
        from site_tests.import_shapes import draw

        made = folder / "input" / spec.imported.with_suffix(".pdf").name
        made.parent.mkdir()
        made.write_bytes(draw(spec.imported, spec.drawn))
        return import_into(made, folder / "source")
    if spec.imported is not None:
        return import_into(spec.imported, folder / "source")
    if not SEED.is_file():
        raise _Unavailable(
            f"{spec.name}: {_shown(SEED)} is not there (source/ holds another text), "
            f"and this document is the flagship's original in the {spec.shape} shape"
        )
    from site_tests.import_shapes import pdf_shape, plain_shape

    shape = plain_shape(SEED.read_text(encoding="utf-8"))
    inputs = folder / "input"
    inputs.mkdir()
    if spec.shape == "pdf":
        made = inputs / SEED.with_suffix(".pdf").name
        made.write_bytes(pdf_shape(shape))
    else:
        made = inputs / SEED.name
        made.write_text(shape.text(), encoding="utf-8")
    return import_into(made, folder / "source")


def import_into(text: Path, source: Path) -> Path:
    """Import `text` into the folder `source` as `conclusions import` writes a site's source/."""
    from conclusions.importer import import_document

    result = import_document(text)
    (source / "original").mkdir(parents=True)
    (source / "document.md").write_text(result.document_md, encoding="utf-8")
    for name, registry in result.registries.items():
        (source / name).write_text(registry, encoding="utf-8")
    (source / "original" / text.name).write_bytes(text.read_bytes())
    (source / "import.yml").write_text(result.record, encoding="utf-8")
    return source


def build_import(source: Path) -> Path:
    """The site of an import made by `import_into`, built beside its `source` (`site`): the
    build reads the original the import kept and checks every word of it is on the site."""
    assert any((source / "original").iterdir())
    site = source.parent / "site"
    result = build(site, source=source)
    assert result.returncode == 0, result.stderr[-2000:]
    return site


# -- what tests pick from a document's model, instead of numbers only one text has ---------


def showcase(edition: Edition) -> Paragraph:
    """The paragraph the single-page tests open: the first with the most actors asked to act,
    then the most clauses (paragraph 21 of the flagship has four clauses, three addressees)."""
    paragraphs = edition.document.paragraphs

    def weight(p: Paragraph) -> tuple[int, int]:
        clauses = edition.clauses.get(p.number, ())
        return len({a.id for c in clauses for a in c.addressees}), len(clauses)

    return max(paragraphs, key=lambda p: (weight(p), -p.number))


def with_footnote(edition: Edition) -> Paragraph | Recital | None:
    """The first paragraph, else the first recital, that cites a footnote with text; None if none does."""
    doc = edition.document
    items: list[Paragraph | Recital] = [*doc.paragraphs, *doc.recitals]
    for item in items:
        if any(doc.footnotes[n].available for n in item.footnotes):
            return item
    return None


def page_of(item: Paragraph | Recital) -> str:
    """The URL (relative to the site) of a paragraph's or recital's own page."""
    from conclusions.core.model import Paragraph

    return f"paragraphs/{item.number}/" if isinstance(item, Paragraph) else f"recitals/{item.key}/"

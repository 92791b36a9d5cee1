"""The URL scheme: the address of every page, anchor, card and data file the site publishes.

Every published address is a promise (README, "URL policy"), so every one is made here and
nowhere else; `site_tests/unit/test_urls.py` holds the whole scheme in one table. This module is
the bottom of the core: it imports nothing from it.

- Pages are named by the source path of their generated Markdown (`paragraphs/21.md`), as
  MkDocs and the links between pages name them. `site_path` is a page's address under the
  site root with directory URLs (`paragraphs/21/`); `Site` makes absolute addresses under a
  site URL, which may have a sub-path (`https://example.org/space-strategy/`); `Linker`
  makes the relative link from one generated page to another, which MkDocs checks.
- Anchors are the ids inside a page: an item's own (`p21`, `r3`, `ra`), a point's or
  clause's within its item (`b-iii`, `invites-2`), the same on the full-text page where
  several items stand (`p21-invites-2`), footnotes with the Council's numbers (`fn:8`).
- Published files (cards, JSON data, schemas, sitemaps) are named by their path under the
  site root.
"""

from __future__ import annotations

import dataclasses
import functools
import posixpath
import re
import unicodedata

# -- pages, by the source path of their generated Markdown ---------------------------------

HOME = "index.md"
TEXT = "text.md"
ABOUT = "about/urls.md"
ABOUT_EDITION = "about/index.md"
"""Who publishes this edition, that it is unofficial, where the official text is."""
INSTRUMENTS = "instruments/index.md"
GLOSSARY = "glossary.md"
ACTORS = "actors/index.md"
VERBS = "verbs.md"

_PARAGRAPHS = "paragraphs"
_RECITALS = "recitals"
_SECTIONS = "sections"
_INSTRUMENTS = "instruments"
_ACTORS = "actors"


def paragraph_page(number: int | str) -> str:
    """The page of paragraph `number`: 'paragraphs/21.md'."""
    return f"{_PARAGRAPHS}/{number}.md"


def recital_page(key: str) -> str:
    """The page of a recital, by its key: its number, or its letter in lower case ('recitals/a.md')."""
    return f"{_RECITALS}/{key}.md"


def section_page(slug: str) -> str:
    """The page of a section, by its slug (its number in lower case, or 'opening'): 'sections/iii.md'."""
    return f"{_SECTIONS}/{slug}.md"


def section_slug(label: str, title: str) -> str:
    """What names a section in its address: its number ('iii'), else its title in lower case,
    words joined by dashes ('opening-remarks'); '' when the title has no letter or digit.

    A title all in Latin letters keeps a-z and 0-9 only ('Énergie' -> 'nergie': the addresses
    published before other scripts were read); a title in another script (Greek, Cyrillic)
    keeps its own letters and digits ('Εισαγωγή' -> 'εισαγωγή'), which browsers show as written
    and send percent-encoded.
    """
    if label:
        return label.lower()
    text = title.lower()
    if all(unicodedata.name(ch, "").startswith("LATIN") for ch in text if ch.isalpha()):
        return re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return re.sub(r"[\W_]+", "-", unicodedata.normalize("NFC", text)).strip("-")


def is_section_page(src: str) -> bool:
    """Whether the generated page `src` is a section's (the navigation groups them)."""
    return src.startswith(f"{_SECTIONS}/")


def instrument_page(entry_id: str) -> str:
    """The page of an instrument, by its registry id: 'instruments/strategic-compass.md'."""
    return f"{_INSTRUMENTS}/{entry_id}.md"


def actor_page(entry_id: str) -> str:
    """The page of an actor, by its registry id: 'actors/commission.md'."""
    return f"{_ACTORS}/{entry_id}.md"


def site_path(src: str) -> str:
    """The address of the generated page `src` under the site root, with directory URLs.

    'paragraphs/21.md' -> 'paragraphs/21/'; 'instruments/index.md' -> 'instruments/';
    'index.md' -> '' (the root itself).
    """
    path = src.removesuffix(".md")
    if path == "index" or path.endswith("/index"):
        return path.removesuffix("index")
    return f"{path}/"


def address(src: str, anchor: str = "") -> str:
    """The address of the generated page `src` under the site root, and of `anchor` in it when given."""
    return site_path(src) + (f"#{anchor}" if anchor else "")


def paragraph_path_prefix() -> str:
    """What stands before a paragraph's number in its address ('paragraphs/'): the 404 page's
    jump box adds the number and '/' (theme/assets/share.js)."""
    return site_path(paragraph_page(0)).removesuffix("0/")


# -- anchors: the ids inside a page ---------------------------------------------------------


def paragraph_anchor(number: int | str) -> str:
    """Paragraph `number` on the full text and on its own page: 'p21'."""
    return f"p{number}"


def recital_anchor(key: str) -> str:
    """A recital, by its key, on the full text and on its own page: 'r3', 'ra'."""
    return f"r{key}"


def within(outer: str, inner: str) -> str:
    """An anchor inside another: a point inside a point ('b' and 'iii' -> 'b-iii'), and a point
    or clause of an item on the full text, where many items stand ('p21' and 'invites' -> 'p21-invites')."""
    return f"{outer}-{inner}"


def nth(name: str, count: int) -> str:
    """The `count`-th anchor of one name in an item: 'invites', then 'invites-2', 'invites-3'
    (clauses are named by their verb's id)."""
    return name if count == 1 else f"{name}-{count}"


def footnote_anchor(number: str) -> str:
    """Footnote `number` (the Council's own) where it is listed: 'fn:8'."""
    return f"{_FOOTNOTE}{number}"


_FOOTNOTE = "fn:"


def item_of_anchor(anchor: str) -> tuple[str, str]:
    """The item an anchor of `paragraph_anchor`, `recital_anchor` or `footnote_anchor` names:
    ('paragraph', '21') for 'p21', ('recital', 'a') for 'ra', ('footnote', '8') for 'fn:8';
    ('', anchor) for any other anchor."""
    if anchor.startswith(_FOOTNOTE):
        return "footnote", anchor.removeprefix(_FOOTNOTE)
    kind, key = anchor[:1], anchor[1:]
    if kind == "p" and key.isdigit():
        return "paragraph", key
    if kind == "r" and key:
        return "recital", key
    return "", anchor


def footnote_ref_anchor(number: str, count: int = 1) -> str:
    """The `count`-th reference to footnote `number` on a page: 'fnref:8', then 'fnref2:8'."""
    return f"fnref:{number}" if count == 1 else f"fnref{count}:{number}"


def section_anchor(slug: str) -> str:
    """A section's heading on the full text: 's-iii'."""
    return f"s-{slug}"


def subsection_anchor(section: str, slug: str) -> str:
    """A sub-section's heading on the full text and on its section's page, by its section's
    slug and its own: 's-ii-a' (a sub-section has no page of its own)."""
    return within(section_anchor(section), slug)


def request_anchor(paragraph: int | str, clause: str, document: str = "") -> str:
    """A request on an actor's page: the clause `clause` of paragraph `paragraph` ('req-21-invites'),
    of the document whose `DocumentUrls.key` is `document` when not ''."""
    return f"req-{document}-{paragraph}-{clause}" if document else f"req-{paragraph}-{clause}"


def letter_anchor(letter: str) -> str:
    """A letter of the glossary's A to Z: 'letter-65' for 'A' (any script's letter makes an id)."""
    return f"letter-{ord(letter)}"


def entry_anchor(entry_id: str) -> str:
    """An entry on a list page: a glossary term ('glossary/#nato'), an operative verb
    ('verbs/#invites'), a kind of instrument ('instruments/#treaties'): its id."""
    return entry_id


class Part:
    """The ids of the parts of pages, which links and readers point to as well."""

    TITLE = "title"
    """The heading of a paragraph's or recital's own page."""
    CLAUSES = "clauses"
    ACTORS = "actors"
    INSTRUMENTS = "instruments"
    """On a paragraph's or recital's page: its clauses, its actors, the instruments it recalls."""
    RECALLED_IN = "recalled-in"
    """On an instrument's page: where the text recalls it."""
    ASKED_TO_ACT = "asked-to-act"
    MENTIONED_IN = "mentioned-in"
    """On an actor's page: the requests to it, and its other mentions."""
    REQUESTS_BY_SECTION = "matrix"
    """On the actors' page: the table of requests by actor and section."""
    ANNEX = "annex"
    RECITALS = "recitals"
    FOOTNOTES = "footnotes"
    """On the full text: the heading the conclusions stand under, the recitals, the footnotes."""
    COVER_NOTE = "cover-note"
    """On the home page: the note that carries the conclusions."""
    APPENDIX = "appendix"
    """On the full text: an annex after the paragraphs (an Official Journal resolution's framework)."""


# -- published files, by their path under the site root -------------------------------------

SITE_CARD = "cards/site.png"
DOCUMENT_JSON = "data/document.json"
COLLECTION_JSON = "data/collection.json"
"""A collection's documents and the references between them."""
SCHEMA_DIR = "data/schema"


def paragraph_card(number: int | str) -> str:
    """The link-preview card of paragraph `number`: 'cards/paragraphs/21.png'."""
    return f"cards/{_PARAGRAPHS}/{number}.png"


def recital_card(key: str) -> str:
    """The link-preview card of a recital, by its key: 'cards/recitals/3.png'."""
    return f"cards/{_RECITALS}/{key}.png"


def paragraph_json(number: int | str) -> str:
    """Paragraph `number` as JSON: 'data/paragraphs/21.json'."""
    return f"data/{_PARAGRAPHS}/{number}.json"


def schema_file(name: str) -> str:
    """A JSON Schema of the data, by its file name: 'data/schema/paragraph.schema.json'."""
    return f"{SCHEMA_DIR}/{name}"


def sitemap_file(folder: str) -> str:
    """The sitemap of the data files in `folder` ('data/paragraphs/sitemap.xml')."""
    return f"{folder}/sitemap.xml"


# -- where a document stands: at the site root, or under its prefix in a collection ----------


@dataclasses.dataclass(frozen=True)
class DocumentUrls:
    """The pages and files of one document, under `prefix`.

    A one-document site has its document at the root (`prefix` ''), where its addresses have
    always been; in a collection each document stands under its own prefix, made from its
    document id (`document_prefix`): 'st-9876-2024/paragraphs/21/'. The pages of the
    registers (instruments, glossary, actors, verbs) and the About pages belong to the site,
    not to a document, and stay at the root.
    """

    prefix: str = ""
    """'' or a folder name with its final slash ('st-9876-2024/')."""
    key: str = ""
    """What names the document in anchors on the collection's own pages, where several
    documents stand ('st-9876-2024' in 'req-st-9876-2024-21-invites'); '' for the document
    of a one-document site, and for the one that was at the root of a site that became a
    collection: its anchors there stay as they were published."""
    registers: str = ""
    """Where the register pages (instruments, glossary, actors, verbs) and the About pages the
    document's pages link stand: '' for the site's own, at the root; a language version of the
    document of a one-document site has its own, in its language, under its prefix ('fr/')."""

    @property
    def home(self) -> str:
        return self.prefix + HOME

    @property
    def text(self) -> str:
        return self.prefix + TEXT

    def paragraph_page(self, number: int | str) -> str:
        return self.prefix + paragraph_page(number)

    def recital_page(self, key: str) -> str:
        return self.prefix + recital_page(key)

    def section_page(self, slug: str) -> str:
        return self.prefix + section_page(slug)

    def is_section_page(self, src: str) -> bool:
        return src.startswith(self.prefix) and is_section_page(src.removeprefix(self.prefix))

    def paragraph_path_prefix(self) -> str:
        return self.prefix + paragraph_path_prefix()

    @property
    def site_card(self) -> str:
        return self.prefix + SITE_CARD

    def paragraph_card(self, number: int | str) -> str:
        return self.prefix + paragraph_card(number)

    def recital_card(self, key: str) -> str:
        return self.prefix + recital_card(key)

    @property
    def document_json(self) -> str:
        return self.prefix + DOCUMENT_JSON

    def paragraph_json(self, number: int | str) -> str:
        return self.prefix + paragraph_json(number)

    @property
    def instruments(self) -> str:
        return self.registers + INSTRUMENTS

    @property
    def glossary(self) -> str:
        return self.registers + GLOSSARY

    @property
    def actors(self) -> str:
        return self.registers + ACTORS

    @property
    def verbs(self) -> str:
        return self.registers + VERBS

    @property
    def about(self) -> str:
        """The URL policy ('about/urls.md'), among the registers' pages."""
        return self.registers + ABOUT

    @property
    def about_edition(self) -> str:
        return self.registers + ABOUT_EDITION

    def instrument_page(self, entry_id: str) -> str:
        return self.registers + instrument_page(entry_id)

    def actor_page(self, entry_id: str) -> str:
        return self.registers + actor_page(entry_id)


AT_ROOT = DocumentUrls()
"""The document of a one-document site."""


LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")
"""A language version's code, which names its folder and its addresses ('fr', 'de', 'ga')."""


def language_version(urls: DocumentUrls, code: str) -> DocumentUrls:
    """Where a document's version in the language `code` stands: under the document's own
    prefix, then the code ('fr/paragraphs/21/' at the root; 'st-9876-2024/fr/paragraphs/21/'
    in a collection), so the document's first language keeps every address it had, and a
    version's pages sit beside their document's in the collection.

    The version of a one-document site's document is the site in its language: its register
    and About pages stand under its prefix too ('fr/actors/commission/'). A collection's
    registers list every document, and stay the site's, at the root."""
    prefix = f"{urls.prefix}{code}/"
    return DocumentUrls(
        prefix, f"{urls.key}-{code}" if urls.key else code, prefix if not urls.prefix else urls.registers
    )


SITE_FOLDERS = frozenset(
    {
        src.removesuffix(".md").split("/", 1)[0]
        for src in (TEXT, ABOUT, INSTRUMENTS, GLOSSARY, ACTORS, VERBS, paragraph_page(0), recital_page("a"))
    }
    | {section_page("a").split("/", 1)[0], SITE_CARD.split("/", 1)[0], DOCUMENT_JSON.split("/", 1)[0]}
    | {"assets", "search"}
)
"""The top folders of a site's own pages and files ('text', 'glossary', 'data', ...), and of the
theme's (MkDocs' and Material's 'assets' and 'search'): no document of a collection may stand
under one of them, and its old addresses, when it was at the root, are there."""

_NUMBER_YEAR = re.compile(r"(\d+)\s*/\s*(\d{2})(?!\d)")


def document_prefix(document_id: str, year: str) -> str:
    """A document's folder in a collection, from its id and the year of its date: 'ST 9876/24'
    of 2024 -> 'st-9876-2024'; 'ST 9876/24 REV 1' -> 'st-9876-2024-rev-1'. The register's
    two-digit year becomes the date's four-digit one when they agree (else takes the date's century);
    '' when the id has no letter or digit to make one from."""
    text = document_id.strip().lower()
    if m := _NUMBER_YEAR.search(text):
        short = m.group(2)
        century = year[:2] if len(year) == 4 and year.isdigit() else "20"
        full = year if year.endswith(short) and len(year) == 4 else century + short
        text = f"{text[: m.start()]}{m.group(1)} {full}{text[m.end() :]}"
    return "-".join(re.findall(r"[a-z0-9]+", text))


# -- absolute and relative addresses ---------------------------------------------------------


class Site:
    """Absolute addresses under one site URL (`https://example.org/sub/`), or under '/' when
    the site URL is not known."""

    def __init__(self, site_url: str) -> None:
        """`site_url`: the site's address, with or without its final slash; '' for '/'."""
        self.root = site_url.rstrip("/") + "/" if site_url else "/"

    def page(self, src: str, anchor: str = "") -> str:
        """The address of the generated page `src`, and of `anchor` in it when given."""
        return self.root + address(src, anchor)

    def file(self, path: str) -> str:
        """The address of the published file at `path` under the site root."""
        return self.root + path


@functools.cache
def _relpath(target: str, folder: str) -> str:
    # posixpath.relpath asks the OS for the working directory on every call; the pairs repeat.
    return posixpath.relpath(target, folder)


class Linker:
    """Relative link targets from one generated page to another (MkDocs checks each one and
    its anchor, and turns it into the address of the target's `site_path`)."""

    def __init__(self, page: str, registers: str = "") -> None:
        """`page`: the source path of the page the links stand on; `registers`: where the
        register pages its links go to stand (`DocumentUrls.registers`)."""
        self.page = page
        self.registers = registers

    def to(self, target: str, anchor: str = "") -> str:
        """The link to the page `target` (a source path; or a published file's path under the
        site root), and to `anchor` in it when given."""
        if target == self.page:
            return f"#{anchor}" if anchor else posixpath.basename(target)
        rel = _relpath(target, posixpath.dirname(self.page) or ".")
        return f"{rel}#{anchor}" if anchor else rel

    def to_register(self, target: str, anchor: str = "") -> str:
        """The link to the register page `target` ('glossary.md', 'instruments/<id>.md') of the
        page's language (`registers`), and to `anchor` in it when given."""
        return self.to(self.registers + target, anchor)

    def here(self, anchor: str) -> str:
        """The link to `anchor` on the page itself."""
        return f"#{anchor}"

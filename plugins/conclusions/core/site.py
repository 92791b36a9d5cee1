"""Everything the core makes of a site's `source/`, and the one place that names its steps.

`SiteMaker` reads the documents and the registries into a `Collection` (`collection`), then
makes its pages (`pages`), its JSON data (`data`) and its preview cards (`cards`). Most of
that work belongs to one document: its edition (read and linked), the patterns of the site's
registries it holds, the references it makes, its pages, its share of the register pages, its
data and its cards. Each such step goes through `SiteMaker.step`, with every input its result
is made from. A `SiteMaker` makes every step, each time: that is `mkdocs build`, the
`conclusions` command and the tests (`build_collection`, `all_pages`, `site_data`).

Under `mkdocs serve` a save changes one document of many, and everything is made again from
the start. The serve machinery (the plugin's `rebuild.py`, never imported by a build) makes
its `SiteMaker` a subclass whose `step` gives back the last good build's result while the
step's inputs are the same: that subclass is the only way it enters the core. So every
function a step calls is a pure function of the step's inputs.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator, Mapping, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from .automatic import Words, read_words
from .collection import (
    Collection,
    DocumentSource,
    check_folder,
    check_ids_unique,
    document_sources,
    held_by,
    held_in,
    read_settings,
    single,
    unused_shared,
    used_by_any,
    with_found,
)
from .edition import Edition, check_suppressions_across, link_document, occurring, report_unused_across
from .errors import Problems, SourceError
from .fidelity import check_site
from .interface import read_site_words
from .jsondata import collection_file, document_files, sitemaps
from .languages import REGISTRY_LANGUAGE, check_version, in_language, registries_in
from .layout import (
    COLLECTION_SETTINGS,
    DOCUMENT,
    DOCUMENTS,
    LANGUAGES,
    REGISTRY_FILES,
    SHARED_REGISTRY,
    is_collection,
    language_folders,
)
from .mentions import searching_once
from .model import Registries
from .pages import Page, document_pages, pages_among_many, templates
from .pages.collection import collection_home
from .pages.registers import (
    RegisterShare,
    actor,
    actors_index,
    glossary,
    instrument,
    instruments_index,
    register_share,
    verbs,
)
from .pages.text import about_urls
from .references import Held, Reference, Rules, cited_keys, identities, references_of
from .registry_source import read_registries
from .sharing import Card, SiteSharing
from .unique_addresses import (
    all_different,
    check_addresses,
    document_file_addresses,
    page_addresses,
    published_files,
    site_file_addresses,
)
from .urls import COLLECTION_JSON, LANGUAGE_CODE, Site, language_version

T = TypeVar("T")


class SiteMaker:
    """Makes a site from its `source/` folder, one document's steps at a time (see the module)."""

    def step(self, name: Hashable, inputs: tuple[Any, ...], make: Callable[[], T], *, small: bool = False) -> T:
        """The result of the step `name`: `make()`, which reads nothing but `inputs`.

        A subclass may give back an earlier result of the step made of the same inputs
        (each the same object, or equal); and, for a `small` result, quick to compare, the
        earlier one when the result made again is equal to it (the steps made of it then find
        their inputs the same). A step that found a mistake returns None, and adds the mistake
        to the build's `Problems`: it must be made again, to report it again.
        """
        return make()

    # -- the collection: read, link, resolve ---------------------------------------------------

    def collection(self, source_dir: Path) -> Collection:
        """Read every document of `source_dir` with the registries, link them, and resolve the
        references between them. Raises `SourceErrors` with every mistake of every document."""
        # Each text is searched once with each matcher: to link it, and again to check that the
        # site's own patterns occur across the texts.
        with searching_once():
            return self._collection(source_dir)

    def _collection(self, source_dir: Path) -> Collection:
        problems = Problems()
        registries = self._registries(source_dir, problems)
        words = read_words(source_dir, problems)
        site_words = read_site_words(source_dir, problems)
        rules = {language: w.rules for language, w in words.items() if w.rules is not None}
        if not is_collection(source_dir):
            # With language versions, the site's own registry entries must occur in one of them.
            alone = not language_folders(source_dir)
            edition = self.step(
                ("linked", ""),
                ((source_dir / DOCUMENT).read_bytes(), registries, words, alone, site_words),
                partial(
                    link_document,
                    source_dir,
                    registries,
                    problems,
                    check_used=alone,
                    words=words,
                    site_words=site_words,
                ),
            )
            problems.raise_any()
            assert edition is not None
            versions = self._versions(source_dir, source_dir.name, edition, registries, words, problems, site_words)
            if not alone and not problems:
                self._check_used_across([edition, *versions], registries, problems)
            problems.raise_any()
            # A reference from a lone document can only point outside: nothing to resolve.
            if not versions:
                return single(edition)
            # What a version found of itself is published too: its pages link to it.
            every = (edition, *versions)
            return replace(
                single(edition), registries=used_by_any(with_found(registries, every), every), versions=versions
            )
        title, root = read_settings(source_dir, problems)
        sources = document_sources(source_dir, problems, root)
        editions, versions = self._linked(sources, registries, words, problems, site_words)
        ids = {e.urls.prefix.rstrip("/") for e in editions}
        if root and root not in ids:
            problems.add(
                SourceError(
                    source_dir / COLLECTION_SETTINGS,
                    None,
                    f"formerly_at_root names '{root}', which is no folder of {DOCUMENTS}/; "
                    f"give one of: {', '.join(sorted(ids))}",
                )
            )
        problems.raise_any()
        editions.sort(key=lambda e: (e.document.header.date, e.document.header.document_id), reverse=True)
        references = self._references(editions, rules)
        outgoing: dict[str, dict[str, list[Reference]]] = {}
        incoming: dict[str, list[Reference]] = {}
        for ref in references:
            outgoing.setdefault(ref.citing.urls.prefix, {}).setdefault(ref.item, []).append(ref)
            if ref.cited is not None:
                incoming.setdefault(ref.cited.urls.prefix, []).append(ref)
        linked = tuple(
            self._with_references(e, outgoing.get(e.urls.prefix, {}), incoming.get(e.urls.prefix, [])) for e in editions
        )
        return Collection(
            linked,
            used_by_any(with_found(registries, (*linked, *versions)), (*linked, *versions)),
            references,
            True,
            title,
            next((e for e in linked if e.urls.prefix == f"{root}/"), None) if root else None,
            unused_shared=unused_shared(registries, linked),
            versions=versions,
        )

    def _versions(
        self,
        folder: Path,
        shown_as: str,
        edition: Edition,
        registries: Registries,
        words: dict[str, Words],
        problems: Problems,
        site_words: Mapping[str, Mapping[str, object]] | None = None,
    ) -> tuple[Edition, ...]:
        """The language versions of the document in `folder` (`layout.LANGUAGES`), each a step
        made of its text and what links it, and each checked against `edition` (`languages.py`)."""
        found: list[Edition] = []
        for version_folder in language_folders(folder):
            code = version_folder.name
            where = f"{shown_as}/{LANGUAGES}/{code}"
            if not LANGUAGE_CODE.fullmatch(code):
                problems.add(
                    SourceError(
                        f"{where}/{DOCUMENT}",
                        None,
                        f"the folder {LANGUAGES}/{code} is named by no language code; name it by the version's "
                        "language, two or three lower-case letters ('fr', 'de')",
                    )
                )
                continue
            urls = language_version(edition.urls, code)
            text = (version_folder / DOCUMENT).read_bytes()
            # The entries' names, patterns and addresses in the version's language, where known.
            own = registries_in(registries, code)
            version = self.step(
                ("version", urls.prefix),
                (text, own, urls, where, words, site_words),
                partial(
                    link_document,
                    version_folder,
                    own,
                    problems,
                    urls,
                    check_used=False,
                    shown_as=where,
                    words=words,
                    site_words=site_words,
                ),
            )
            if version is not None and check_version(edition, version, code, problems):
                found.append(version)
        return tuple(found)

    def _linked(
        self,
        sources: Sequence[DocumentSource],
        registries: Registries,
        words: dict[str, Words],
        problems: Problems,
        site_words: Mapping[str, Mapping[str, object]] | None = None,
    ) -> tuple[list[Edition], tuple[Edition, ...]]:
        """The edition of each document of a collection, a step made of its text, the registries,
        the words the automatic reading looks for and the collection's texts it names, and the
        language versions of each; and whether each pattern of the site's own registries occurs
        in one of them."""
        editions: list[Edition] = []
        versions: list[Edition] = []
        texts = [(source.folder / DOCUMENT).read_bytes() for source in sources]
        # What each text holds, a step made of its bytes: a save reads the front matter of the
        # text saved, not of every text.
        held = held_by(
            self.step(("held", source.folder.name), (text, where), partial(held_in, text, where), small=True)
            for source, text, where in zip(sources, texts, (str(s.folder) for s in sources), strict=True)
        )
        rules = tuple(w.rules for w in words.values() if w.rules is not None)
        for source, text in zip(sources, texts, strict=True):
            # Only the texts this one names matter to it: another text's new date or number
            # leaves it as it was (and, under `mkdocs serve`, its pages with it).
            cited = self.step(("cited", source.folder.name), (text, rules), partial(_cited_keys, text, rules))
            mine = Held(held.numbers & cited.numbers, held.dates & cited.dates)
            edition = self.step(
                ("linked", source.folder.name),
                (text, registries, source.urls, source.shown_as, words, mine, site_words),
                partial(
                    link_document,
                    source.folder,
                    registries,
                    problems,
                    source.urls,
                    check_used=False,
                    shown_as=source.shown_as,
                    words=words,
                    held=mine,
                    site_words=site_words,
                ),
            )
            if edition is not None and check_folder(source.folder, edition, problems):
                editions.append(edition)
                versions.extend(
                    self._versions(source.folder, source.shown_as, edition, registries, words, problems, site_words)
                )
        check_ids_unique(editions, problems)
        if len(editions) == len(sources):
            self._check_used_across([*editions, *versions], registries, problems)
        return editions, tuple(versions)

    def _check_used_across(self, editions: Sequence[Edition], registries: Registries, problems: Problems) -> None:
        """Whether each pattern of the site's own registries, and each of its suppressions, is
        used by one of `editions`; what each text holds a step made of it and the registries."""
        found = [
            self.step(
                ("occurring", e.urls.prefix), (e.document, registries), partial(occurring, e.document, registries)
            )
            for e in editions
        ]
        report_unused_across(found, registries, problems)
        check_suppressions_across(editions, registries, problems)

    def check_fidelity(self, source_dir: Path, c: Collection) -> None:
        """Every word of each original is on the site, or `SourceErrors` names each one lost
        (`fidelity.check_site`); each document's finding a step made of its original, its
        import record and the document."""
        check_site(source_dir, c, self.step)

    def _registries(self, source_dir: Path, problems: Problems) -> Registries:
        """`read_registries`, a step made of the registry files' bytes (of the site and shared)."""
        with_mistakes: list[Registries] = []

        def read() -> Registries | None:
            mine = Problems()
            registries = read_registries(source_dir, mine)
            if not mine:
                return registries
            problems.extend(mine)
            with_mistakes.append(registries)
            return None

        files = [folder / name for folder in (source_dir, SHARED_REGISTRY) for name in REGISTRY_FILES]
        made = self.step("registries", tuple(f.read_bytes() if f.is_file() else None for f in files), read)
        return made if made is not None else with_mistakes[0]

    def _references(self, editions: Sequence[Edition], rules: dict[str, Any]) -> tuple[Reference, ...]:
        """Every reference from one document to another, each document's a step made of the
        document, its rules and what identifies every document (ids, titles, dates, paragraphs)."""
        known = identities([(e.document, e.urls) for e in editions])
        # Compared once here; in the steps below, the very object (the cheapest comparison).
        known = self.step("identities", (known,), lambda: known)
        found: list[Reference] = []
        for e in editions:
            language = rules.get(e.document.header.language)
            found.extend(
                self.step(
                    ("references", e.urls.prefix),
                    (e.document, e.urls, language, known),
                    partial(references_of, e.document, e.urls, language, known),
                )
            )
        return tuple(found)

    def _with_references(
        self, edition: Edition, outgoing: dict[str, list[Reference]], incoming: list[Reference]
    ) -> Edition:
        by_item = {k: tuple(v) for k, v in outgoing.items()}
        recalled_in = tuple(incoming)
        return self.step(
            ("edition", edition.urls.prefix),
            (edition, by_item, recalled_in),
            partial(replace, edition, references=by_item, recalled_in=recalled_in),
        )

    # -- what the site publishes ---------------------------------------------------------------

    def pages(self, c: Collection) -> Iterator[Page]:
        """Every page of the site, in the order of the navigation."""
        for part in self.page_parts(c):
            yield from part

    def page_parts(self, c: Collection) -> list[Sequence[Page]]:
        """Every page of the site, in the order of the navigation, in parts: most of them each
        a step's (a document's pages, the register pages of a collection)."""
        parts: list[Sequence[Page]] = []
        if c.is_collection:
            parts.append([self._collection_home(c)])
            for edition in c.editions:
                # A collection's navigation holds its own pages only: a document's are reached from
                # the collection's home, so no page carries a list of every document's pages.
                parts.append(
                    self.step(
                        ("pages", edition.urls.prefix),
                        (edition, templates.current()),
                        partial(pages_among_many, edition),
                    )
                )
                for v in c.versions_of(edition):
                    parts.append(
                        self.step(("pages", v.urls.prefix), (v, templates.current()), partial(pages_among_many, v))
                    )
        else:
            parts.append(
                self.step(
                    ("pages", ""), (c.editions[0], templates.current()), partial(_list, document_pages(c.editions[0]))
                )
            )
            for v in c.versions:
                # Reached by the language switch of each page, not from the navigation.
                parts.append(self.step(("pages", v.urls.prefix), (v, templates.current()), partial(_out_of_nav, v)))
        shares = tuple(
            self.step(
                ("register share", e.urls.prefix),
                (e, c.is_collection),
                partial(register_share, e, c.is_collection),
                small=True,
            )
            for e in c.editions
        )
        if c.is_collection:
            # Made of the documents' shares alone: an edit that changes no document's share
            # changes no register page.
            inputs = (c.registries, c.title, shares, templates.current())
            parts.append(self.step("register pages", inputs, partial(_list, register_pages(c, shares))))
        else:
            parts.append(list(register_pages(c, shares)))
        parts.append([about_urls(c.editions[0], collection=c.is_collection)])
        if not c.is_collection:
            for v in c.versions:
                parts.append(list(self._version_registers(c, v)))
        return parts

    def _collection_home(self, c: Collection) -> Page:
        """The collection's home, a step made of what it lists of each text, the number of
        references resolved, the title and the words of its first text's language: an edit that
        changes none of them (a word in a paragraph) leaves it as it was. Made each time when
        its template (a site's own may) reads the whole collection."""
        used = templates.current()
        if used.reads("collection_home", "collection"):
            return collection_home(c)
        listed = tuple((e.document.header, len(e.document.paragraphs), e.urls.home) for e in c.editions)
        recalls = sum(1 for r in c.references if r.cited is not None)
        moved = c.formerly_at_root.urls.home if c.formerly_at_root is not None else None
        inputs = (listed, recalls, c.title, moved, c.editions[0].interface, used)
        return self.step("collection home", inputs, partial(collection_home, c))

    def _version_registers(self, c: Collection, version: Edition) -> Iterator[Page]:
        """The register pages and the URL policy of a language version that has its own
        (`urls.language_version`): its share a step made of its edition; reached from the
        version's own pages and by each register page's language switch, not from the
        navigation."""
        if not version.urls.registers:
            return
        share = self.step(
            ("register share", version.urls.prefix),
            (version, False),
            partial(register_share, version, False),
            small=True,
        )
        for page in register_pages(in_language(c, version), (share,)):
            yield replace(page, in_nav=False)
        yield replace(about_urls(version), in_nav=False)

    def check_addresses(self, c: Collection, parts: Sequence[Sequence[Page]]) -> None:
        """`unique_addresses.check_addresses` of the pages in `parts` (`page_parts`, and any
        more) and of every file the site publishes, with the same outcome: the addresses of
        each part of the pages and of each document's files are a step made of them, and only
        when two are the same is every address compared in order, to name the two."""
        if c.formerly_at_root is None:  # a document's old addresses are made of every file's
            found = [
                self.step(("page addresses", n), (part,), partial(page_addresses, part)) for n, part in enumerate(parts)
            ]
            found += [
                self.step(("file addresses", e.urls.prefix), (e,), partial(document_file_addresses, e))
                for e in (*c.editions, *c.versions)
            ]
            if all_different([*found, site_file_addresses(c)]):
                return
        check_addresses([page for part in parts for page in part], published_files(c))

    def data(self, c: Collection, site_url: str) -> dict[str, str]:
        """Every JSON file of the site, with the sitemap of each folder of them, by path."""
        out: dict[str, str] = {}
        for part in self.data_parts(c, site_url):
            out.update(part)
        return out

    def data_parts(self, c: Collection, site_url: str) -> list[Mapping[str, str]]:
        """`data` in parts, in the same order: each document's, a step made of its edition; a
        collection's own, a step made of what it lists."""
        parts: list[Mapping[str, str]] = [
            self.step(("data", edition.urls.prefix), (edition, site_url), partial(_data, edition, site_url))
            for edition in (*c.editions, *c.versions)
        ]
        if c.is_collection:
            listed = tuple((e.document.header, len(e.document.paragraphs), e.urls) for e in c.editions)
            parts.append(
                self.step(
                    "collection data", (listed, c.references, c.title, site_url), partial(_collection_data, c, site_url)
                )
            )
        return parts

    def cards(self, sharing: SiteSharing) -> list[Card]:
        """The preview cards of every page that has one (not drawn): each document's, a step
        made of its edition and what its cards show of the site."""
        own = [sharing.collection_card()] if sharing.collection.is_collection else []
        for prefix, of_document in sharing.by_prefix.items():
            inputs = (of_document.edition, of_document.site_url, of_document.site_name, of_document.info)
            own.extend(self.step(("cards", prefix), inputs, of_document.cards))
        return own


def register_pages(c: Collection, shares: Sequence[RegisterShare]) -> Iterator[Page]:
    """The register pages (instruments, glossary, actors, verbs), from each document's share;
    in a collection, from the shares, the registries and the title alone. They name each entry in
    their language (their first document's) where the registry gives its words in it, as its
    text's links do."""
    language = c.editions[0].document.header.language
    if language != REGISTRY_LANGUAGE:
        c = replace(c, registries=registries_in(c.registries, language))
    yield instruments_index(c, shares)
    for i in c.registries.instruments:
        yield instrument(c, i, shares)
    yield glossary(c, shares)
    yield actors_index(c, shares)
    for a in c.registries.actors:
        yield actor(c, a, shares)
    yield verbs(c, shares)


def _cited_keys(text: bytes, rules: tuple[Rules, ...]) -> Held:
    return cited_keys(text.decode("utf-8", "replace"), rules)


def _list(pages: Iterator[Page]) -> list[Page]:
    return list(pages)


def _out_of_nav(edition: Edition) -> list[Page]:
    return [replace(page, in_nav=False) for page in document_pages(edition)]


def _data(edition: Edition, site_url: str) -> dict[str, str]:
    """One document's JSON files and the sitemaps of their folders (its own: under its prefix)."""
    return {path: make() for path, make in sitemaps(document_files(edition, site_url), Site(site_url)).items()}


def _collection_data(c: Collection, site_url: str) -> dict[str, str]:
    """`data/collection.json`, and the sitemap of its folder."""
    plan: dict[str, Callable[[], str]] = {COLLECTION_JSON: partial(collection_file, c, site_url)}
    return {path: make() for path, make in sitemaps(plan, Site(site_url)).items()}


def build_collection(source_dir: Path) -> Collection:
    """`SiteMaker().collection(source_dir)`: the collection (or the one document) of `source_dir`."""
    return SiteMaker().collection(source_dir)


def all_pages(site: Collection | Edition) -> Iterator[Page]:
    """Every page of the site, in the order of the navigation (an edition alone: a one-document site's)."""
    return SiteMaker().pages(site if isinstance(site, Collection) else single(site))


def site_data(c: Collection, site_url: str) -> dict[str, str]:
    """Every JSON file of the site, by path."""
    return SiteMaker().data(c, site_url)

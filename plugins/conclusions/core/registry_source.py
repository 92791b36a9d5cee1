"""Read the registries: instruments, glossary terms, actors and operative verbs (`model.Registries`).

Two layers, read the same way: the shared registry shipped with the package
(`conclusions/registry/`: the institutions, bodies, Member States, Treaties, abbreviations and
verbs that recur across Council texts) and a site's own files in `source/`, which add entries
and replace a shared one by giving its id. Every file of either layer is optional.

A site's own patterns must all occur in its text (a stale or mistyped one is an error); a
shared entry may match nothing, and is then simply not published.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TypeVar

from .errors import Problems, SourceError, shown
from .fields import Field, check_mapping
from .layout import ACTORS_FILE, GLOSSARY_FILE, INSTRUMENTS_FILE, SHARED_LABEL, SHARED_REGISTRY, VERBS_FILE
from .model import Actor, Entry, InLanguage, Instrument, Kind, Registries, Suppressed, Term, Verb
from .remembered import Remembered, contents
from .yamlsource import Located, LocatedList, load_yaml, read_text

E = TypeVar("E", bound=Entry)


VERB_ID = re.compile(r"[^\W_]+(?:-[^\W_]+)*")  # with fullmatch: `$` also matches before a final newline

_KIND = {
    "id": Field(str, required=True, slug=True),
    "label": Field(str, required=True),
    "languages": Field(list, items=dict),
}
_KIND_LANGUAGE = {"language": Field(str, required=True), "label": Field(str, required=True)}
_INSTRUMENT = {
    "id": Field(str, required=True, slug=True),
    "title": Field(str, required=True),
    "kind": Field(str, required=True),
    "reference": Field(str),
    "celex": Field(str),
    "eli": Field(str),
    "date": Field(str),
    "url": Field(str, required=True, https=True),
    "description": Field(str, required=True),
    "patterns": Field(list, required=True),
    "exclude": Field(list),
    "languages": Field(list, items=dict),
}
_TERM = {
    "id": Field(str, required=True, slug=True),
    "term": Field(str, required=True),
    "expansion": Field(str, required=True),
    "definition": Field(str, required=True),
    "url": Field(str, https=True),
    "patterns": Field(list, required=True),
    "exclude": Field(list),
    "languages": Field(list, items=dict),
}
_ACTOR = {
    "id": Field(str, required=True, slug=True),
    "name": Field(str, required=True),
    "kind": Field(str, required=True),
    "description": Field(str, required=True),
    # A group ("all States", "like-minded partners") has no website of its own: none is given.
    "url": Field(str, https=True),
    "patterns": Field(list, required=True),
    "exclude": Field(list),
    "languages": Field(list, items=dict),
}
_VERB = {
    "verb": Field(str, required=True),
    "forms": Field(list, required=True),
    "request": Field(bool, required=True),
    "passive": Field(bool),
}


@dataclass(frozen=True)
class Layer:
    """One folder of registry files: the shared registry, or a site's `source/`."""

    folder: Path
    label: str
    """The folder as error messages name it."""
    shared: bool


def _load(layer: Layer, name: str, top: dict[str, Field], problems: Problems) -> tuple[str, Located] | None:
    """The file's top-level mapping, or None when it is absent or its mistake is reported."""
    path = f"{layer.label}/{name}"
    if not (layer.folder / name).exists():
        return None
    with problems.collect():
        text = read_text(layer.folder / name, path)
        if not text.strip():
            needed = " and ".join(f"'{k}:'" for k, f in top.items() if f.required)
            raise SourceError(
                path,
                1,
                f"the file is empty; it needs {needed}, or remove the file (see README, 'How to add a document')",
            )
        data = load_yaml(text, path)
        main = next((k for k, f in top.items() if f.required), "")
        if isinstance(data, Located) and "suppress" in top and "suppress" in data and main not in data:
            data[main] = LocatedList()  # a file may only suppress what the text gave
        return path, check_mapping(data, top, path, "the file", 1)
    return None


def _suppressed(loaded: tuple[str, Located] | None, name: str) -> list[Suppressed]:
    """What a site's file lists under `suppress:` (ids of entries found in the text, or words)."""
    if loaded is None or not loaded[1].get("suppress"):
        return []
    path, data = loaded
    values = data["suppress"]
    lines = getattr(values, "item_lines", [data.line_of("suppress")] * len(values))
    return [Suppressed(_SUPPRESSING[name], str(v), path, line) for v, line in zip(values, lines, strict=True)]


def _entries(
    data: Located, key: str, fields: dict[str, Field], path: str, what: str, problems: Problems
) -> list[tuple[Located, int]]:
    """The entries under `key` that fit `fields`; each one that does not is reported and left out."""
    items = data[key]
    lines = getattr(items, "item_lines", [data.line_of(key)] * len(items))
    checked = []
    for item, line in zip(items, lines, strict=True):
        name = item.get("id", item.get("verb")) if isinstance(item, dict) else None
        named = isinstance(name, str | int) and not isinstance(name, bool)
        label = f"{what} {shown(str(name))}" if named else f"the entry under '{key}'"
        with problems.collect():
            checked.append((check_mapping(item, fields, path, label, line), line))
    return checked


def _unique(entries: Sequence[E], path: str, what: str, problems: Problems) -> list[E]:
    """The entries with the first of each id; every repeat is reported."""
    seen: dict[str, Entry] = {}
    for entry in entries:
        if entry.id in seen:
            if isinstance(entry, Verb):
                message = f"verb '{entry.name}' is listed twice (first on line {seen[entry.id].line}); keep one"
            else:
                message = f"{what} id '{entry.id}' is used twice (first on line {seen[entry.id].line}); make it unique"
            problems.add(SourceError(path, entry.line, message))
            continue
        seen[entry.id] = entry
    return [e for e in entries if seen.get(e.id) is e]


def _kinds(data: Located, path: str, what: str, problems: Problems, shared: bool = False) -> list[Kind]:
    kinds: list[Kind] = []
    for k, line in _entries(data, "kinds", _KIND, path, f"{what} kind", problems):
        if any(kind.id == k["id"] for kind in kinds):
            problems.add(SourceError(path, line, f"{what} kind '{k['id']}' is listed twice; keep one"))
            continue
        # Its label in other languages: `languages:` items of 'language' and 'label'.
        found = (
            _entries(k, "languages", _KIND_LANGUAGE, path, f"the languages of {what} kind '{k['id']}'", problems)
            if k.get("languages")
            else []
        )
        labels = tuple((item["language"], item["label"]) for item, _line in found)
        kinds.append(Kind(k["id"], k["label"], labels, shared))
    return kinds


def _kind_known(entry: Located, kinds: list[Kind], path: str, what: str, problems: Problems) -> bool:
    if entry["kind"] in {k.id for k in kinds}:
        return True
    problems.add(
        SourceError(
            path,
            entry.line_of("kind"),
            f"{what} '{entry['id']}' has kind '{entry['kind']}', which is not under 'kinds:' here or in the shared "
            "registry; use one of: " + ", ".join(k.id for k in kinds),
        )
    )
    return False


def _pattern_lines(entry: Located, key: str) -> tuple[int, ...]:
    value = entry[key]
    return tuple(getattr(value, "item_lines", [entry.line_of(key)] * len(value)))


def _patterns(e: Located) -> tuple[str, ...]:
    return tuple(e["patterns"])


def _exclude(e: Located) -> tuple[str, ...]:
    return tuple(e.get("exclude") or ())


def _in_languages(e: Located, name: str, path: str, what: str, problems: Problems) -> tuple[InLanguage, ...]:
    """An entry's `languages:` items: in each, its name (`name`), patterns and address in that language."""
    if not e.get("languages"):
        return ()
    fields = {
        "language": Field(str, required=True),
        name: Field(str),
        "patterns": Field(list),
        "url": Field(str, https=True),
        **({"description": Field(str)} if "description" in e else {}),
    }
    found = []
    for item, _line in _entries(
        e, "languages", fields, path, f"the languages of {what} {shown(str(e['id']))}", problems
    ):
        found.append(
            InLanguage(
                language=item["language"],
                name=_optional(item, name),
                patterns=tuple(item.get("patterns") or ()),
                pattern_lines=_pattern_lines(item, "patterns") if item.get("patterns") else (),
                url=_optional(item, "url"),
                description=_optional(item, "description"),
            )
        )
    return tuple(found)


def _optional(e: Located, key: str) -> str:
    """An optional text field: its value, or empty."""
    return str(e.get(key) or "")


def _two_lists(name: str) -> dict[str, Field]:
    # `kinds` may be left out by a site whose entries use the shared registry's kinds.
    return {"kinds": Field(list, items=dict), name: Field(list, required=True, items=dict), "suppress": Field(list)}


_INSTRUMENTS_FILE = _two_lists("instruments")
_ACTORS_FILE = _two_lists("actors")
_GLOSSARY_FILE = {"terms": Field(list, required=True, items=dict), "suppress": Field(list)}
_SUPPRESSING = {"instruments.yml": "instrument", "glossary.yml": "term", "actors.yml": "actor"}
"""The files whose `suppress:` list names what the text gave of that kind and is not to be linked."""


def _file_kinds(loaded: tuple[str, Located] | None, what: str, problems: Problems, shared: bool = False) -> list[Kind]:
    return _kinds(loaded[1], loaded[0], what, problems, shared) if loaded and loaded[1].get("kinds") else []


def _instruments(
    loaded: tuple[str, Located] | None, shared: bool, kinds: list[Kind], problems: Problems
) -> list[Instrument]:
    if loaded is None:
        return []
    path, data = loaded
    instruments = []
    for e, line in _entries(data, "instruments", _INSTRUMENT, path, "instrument", problems):
        if not _kind_known(e, kinds, path, "instrument", problems):
            continue
        instruments.append(
            Instrument(
                id=e["id"],
                name=e["title"],
                patterns=_patterns(e),
                path=path,
                line=line,
                pattern_lines=_pattern_lines(e, "patterns"),
                shared=shared,
                exclude=_exclude(e),
                kind=e["kind"],
                description=e["description"],
                url=e["url"],
                reference=_optional(e, "reference"),
                celex=_optional(e, "celex"),
                eli=_optional(e, "eli"),
                date=_optional(e, "date"),
                languages=_in_languages(e, "title", path, "instrument", problems),
            )
        )
    return _unique(instruments, path, "instrument", problems)


def _terms(loaded: tuple[str, Located] | None, shared: bool, problems: Problems) -> list[Term]:
    if loaded is None:
        return []
    path, data = loaded
    terms = [
        Term(
            id=e["id"],
            name=e["term"],
            patterns=_patterns(e),
            path=path,
            line=line,
            pattern_lines=_pattern_lines(e, "patterns"),
            shared=shared,
            exclude=_exclude(e),
            expansion=e["expansion"],
            definition=e["definition"],
            url=_optional(e, "url"),
            languages=_in_languages(e, "term", path, "term", problems),
        )
        for e, line in _entries(data, "terms", _TERM, path, "term", problems)
    ]
    return _unique(terms, path, "term", problems)


def _actors(loaded: tuple[str, Located] | None, shared: bool, kinds: list[Kind], problems: Problems) -> list[Actor]:
    if loaded is None:
        return []
    path, data = loaded
    actors = []
    for e, line in _entries(data, "actors", _ACTOR, path, "actor", problems):
        if not _kind_known(e, kinds, path, "actor", problems):
            continue
        actors.append(
            Actor(
                id=e["id"],
                name=e["name"],
                patterns=_patterns(e),
                path=path,
                line=line,
                pattern_lines=_pattern_lines(e, "patterns"),
                shared=shared,
                exclude=_exclude(e),
                kind=e["kind"],
                description=e["description"],
                url=_optional(e, "url"),
                languages=_in_languages(e, "name", path, "actor", problems),
            )
        )
    return _unique(actors, path, "actor", problems)


_VERBS_FILE = {
    "verbs": Field(list, required=True, items=dict),
    "not_addressees_after": Field(list),
    "before_addressees": Field(list),
}


@dataclass(frozen=True)
class _Verbs:
    path: str
    verbs: tuple[Verb, ...]
    phrases: tuple[tuple[str, int], ...]
    before: tuple[str, ...]


def _verbs(layer: Layer, loaded: tuple[str, Located] | None, problems: Problems) -> _Verbs | None:
    if loaded is None:
        return None
    path, data = loaded
    verbs = []
    for e, line in _entries(data, "verbs", _VERB, path, "verb", problems):
        verb_id = e["verb"].lower().replace(" ", "-")
        # Letters of every language (RECONNAÎT, PODKREŚLA): the id is an anchor, and HTML ids
        # and URL fragments take any letter.
        if not VERB_ID.fullmatch(verb_id):
            problems.add(
                SourceError(
                    path,
                    e.line_of("verb"),
                    f"verb {shown(e['verb'])} may hold only letters, digits and single spaces (it becomes part of a URL)",
                )
            )
            continue
        verbs.append(
            Verb(
                id=verb_id,
                name=e["verb"],
                patterns=tuple(e["forms"]),
                path=path,
                line=line,
                pattern_lines=_pattern_lines(e, "forms"),
                shared=layer.shared,
                request=e["request"],
                passive=bool(e.get("passive")),
            )
        )
    verbs = _unique(verbs, path, "verb", problems)
    phrases = data.get("not_addressees_after") or LocatedList()
    lines = list(getattr(phrases, "item_lines", [])) if not layer.shared else [0] * len(phrases)
    return _Verbs(
        path, tuple(verbs), tuple(zip(phrases, lines, strict=True)), tuple(data.get("before_addressees") or ())
    )


def _merge_kinds(first: Sequence[Kind], then: Sequence[Kind]) -> list[Kind]:
    """Kinds by id: the site's labels and order first, the shared registry's after."""
    ids = {k.id for k in first}
    return [*first, *(k for k in then if k.id not in ids)]


def _merge(site: Sequence[E], shared: Sequence[E]) -> list[E]:
    """The site's entries in its own order, then the shared entries it does not replace by id."""
    ids = {e.id for e in site}
    return [*site, *(e for e in shared if e.id not in ids)]


def read_registries(source_dir: Path, problems: Problems, shared_dir: Path | None = SHARED_REGISTRY) -> Registries:
    """The registries without the entries that have mistakes, which are added to `problems`."""
    layers = [Layer(source_dir, source_dir.name, shared=False)]
    if shared_dir is not None:
        layers.append(Layer(shared_dir, SHARED_LABEL, shared=True))
    files = [_FILES.get(_files_key(layer), partial(_read_files, layer), problems) for layer in layers]
    instrument_kinds: list[Kind] = []
    actor_kinds: list[Kind] = []
    for read in files:
        instrument_kinds = _merge_kinds(instrument_kinds, read.instrument_kinds)
        actor_kinds = _merge_kinds(actor_kinds, read.actor_kinds)
    kinds = (tuple(instrument_kinds), tuple(actor_kinds))
    instruments: list[Instrument] = []
    terms: list[Term] = []
    actors: list[Actor] = []
    verb_files: list[_Verbs] = []
    verbs: list[Verb] = []
    shadowed: set[str] = set()
    for layer, read in zip(layers, files, strict=True):
        layer_entries = _ENTRIES.get((read, kinds), partial(_entries_of, layer, read, kinds), problems)
        for mine, theirs in (
            (instruments, layer_entries.instruments),
            (terms, layer_entries.terms),
            (actors, layer_entries.actors),
        ):
            ids = {e.id for e in mine}
            shadowed.update(p for e in theirs if e.id in ids for p in e.patterns)
        instruments = _merge(instruments, layer_entries.instruments)
        terms = _merge(terms, layer_entries.terms)
        actors = _merge(actors, layer_entries.actors)
        if layer_entries.verbs is not None:
            verb_files.append(layer_entries.verbs)
            verbs = _merge(verbs, layer_entries.verbs.verbs)
    phrases: dict[str, int] = {}
    for verb_file in verb_files:
        for phrase, line in verb_file.phrases:
            phrases.setdefault(phrase, line)
    before = next((v.before for v in verb_files if v.before), ("the", "all", "relevant", "its"))
    own_verbs = next(
        (v.path for v in verb_files if not v.path.startswith(SHARED_LABEL)), f"{source_dir.name}/{VERBS_FILE}"
    )
    return Registries(
        instrument_kinds=kinds[0],
        instruments=tuple(instruments),
        terms=tuple(terms),
        actor_kinds=kinds[1],
        actors=tuple(actors),
        verbs=tuple(verbs),
        not_addressees_after=tuple(phrases),
        not_addressees_lines=tuple(phrases.values()),
        verbs_path=own_verbs,
        before_addressees=tuple(before),
        suppressed=files[0].suppressed,
        shadowed=frozenset(shadowed),
    )


# Every build reads the shared registry, and so does every rebuild under `mkdocs serve` and every
# test that builds a site: parsing and checking it is most of a small build. Each layer's files
# are read once for each state of their bytes (`remembered`); its entries once for each set of
# kinds they are checked against. Mistakes are sorted by file and line when reported, so they
# may come from either step in any order.


@dataclass(frozen=True, eq=False)
class _LayerFiles:
    """A layer's files as parsed (never handed out of this module), with their kinds."""

    instruments: tuple[str, Located] | None
    glossary: tuple[str, Located] | None
    actors: tuple[str, Located] | None
    verbs: tuple[str, Located] | None
    instrument_kinds: tuple[Kind, ...]
    actor_kinds: tuple[Kind, ...]
    suppressed: tuple[Suppressed, ...]


@dataclass(frozen=True)
class _LayerEntries:
    instruments: tuple[Instrument, ...]
    terms: tuple[Term, ...]
    actors: tuple[Actor, ...]
    verbs: _Verbs | None


_REGISTRY_FILES = (INSTRUMENTS_FILE, GLOSSARY_FILE, ACTORS_FILE, VERBS_FILE)
_FILES: Remembered[_LayerFiles] = Remembered(size=32)
_ENTRIES: Remembered[_LayerEntries] = Remembered(size=32)


def _files_key(layer: Layer) -> tuple[object, ...]:
    # What a layer's reading depends on: its files' bytes and the names its errors give.
    return (layer.label, layer.shared, contents(layer.folder / name for name in _REGISTRY_FILES))


def _read_files(layer: Layer, problems: Problems) -> _LayerFiles:
    instruments = _load(layer, INSTRUMENTS_FILE, _INSTRUMENTS_FILE, problems)
    glossary = _load(layer, GLOSSARY_FILE, _GLOSSARY_FILE, problems)
    actors = _load(layer, ACTORS_FILE, _ACTORS_FILE, problems)
    suppressed = (
        ()
        if layer.shared
        else tuple(
            s
            for loaded, name in ((instruments, INSTRUMENTS_FILE), (glossary, GLOSSARY_FILE), (actors, ACTORS_FILE))
            for s in _suppressed(loaded, name)
        )
    )
    return _LayerFiles(
        instruments=instruments,
        glossary=glossary,
        actors=actors,
        verbs=_load(layer, VERBS_FILE, _VERBS_FILE, problems),
        instrument_kinds=tuple(_file_kinds(instruments, "instrument", problems, layer.shared)),
        actor_kinds=tuple(_file_kinds(actors, "actor", problems, layer.shared)),
        suppressed=suppressed,
    )


def _entries_of(
    layer: Layer, files: _LayerFiles, kinds: tuple[tuple[Kind, ...], tuple[Kind, ...]], problems: Problems
) -> _LayerEntries:
    return _LayerEntries(
        instruments=tuple(_instruments(files.instruments, layer.shared, list(kinds[0]), problems)),
        terms=tuple(_terms(files.glossary, layer.shared, problems)),
        actors=tuple(_actors(files.actors, layer.shared, list(kinds[1]), problems)),
        verbs=_verbs(layer, files.verbs, problems),
    )

"""The registries in `source/`: instruments, glossary terms, actors and operative verbs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import SourceError
from .fields import Field, check_mapping
from .yamlsource import Located, LocatedList, load_yaml, read_text


@dataclass
class Entry:
    """What every registry entry has: an id, a display name, patterns and where it was written."""

    id: str
    name: str
    patterns: list[str]
    path: str
    line: int
    pattern_lines: list[int] = field(default_factory=list)

    def where(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass
class Kind:
    id: str
    label: str


@dataclass
class Instrument(Entry):
    kind: str = ""
    description: str = ""
    url: str = ""
    reference: str = ""
    celex: str = ""
    eli: str = ""
    date: str = ""


@dataclass
class Term(Entry):
    expansion: str = ""
    definition: str = ""
    url: str = ""


@dataclass
class Actor(Entry):
    kind: str = ""
    description: str = ""
    url: str = ""


@dataclass
class Verb(Entry):
    """An operative verb; `patterns` are the forms as written (e.g. 'CALLS upon')."""

    request: bool = False


@dataclass
class Registries:
    instrument_kinds: list[Kind]
    instruments: list[Instrument]
    terms: list[Term]
    actor_kinds: list[Kind]
    actors: list[Actor]
    verbs: list[Verb]
    not_addressees_after: list[str]
    not_addressees_lines: list[int] = field(default_factory=list)
    """The line of each phrase of `not_addressees_after` in `verbs.yml`."""
    verbs_path: str = "verbs.yml"


VERB_ID = re.compile(r"^[^\W_]+(?:-[^\W_]+)*$")

_KIND = {"id": Field(str, required=True, slug=True), "label": Field(str, required=True)}
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
}
_TERM = {
    "id": Field(str, required=True, slug=True),
    "term": Field(str, required=True),
    "expansion": Field(str, required=True),
    "definition": Field(str, required=True),
    "url": Field(str, https=True),
    "patterns": Field(list, required=True),
}
_ACTOR = {
    "id": Field(str, required=True, slug=True),
    "name": Field(str, required=True),
    "kind": Field(str, required=True),
    "description": Field(str, required=True),
    "url": Field(str, required=True, https=True),
    "patterns": Field(list, required=True),
}
_VERB = {
    "verb": Field(str, required=True),
    "forms": Field(list, required=True),
    "request": Field(bool, required=True),
}


def _load(source_dir: Path, name: str, top: dict[str, Field]) -> tuple[str, Located]:
    path = f"{source_dir.name}/{name}"
    text = read_text(source_dir / name, path)
    if not text.strip():
        needed = " and ".join(f"'{k}:'" for k, f in top.items() if f.required)
        raise SourceError(path, 1, f"the file is empty; it needs {needed} (see README, 'How to add a document')")
    data = load_yaml(text, path)
    return path, check_mapping(data, top, path, "the file", 1)


def _entries(data: Located, key: str, fields: dict[str, Field], path: str, what: str) -> list[tuple[Located, int]]:
    items = data[key]
    lines = getattr(items, "item_lines", [data.line_of(key)] * len(items))
    checked = []
    for item, line in zip(items, lines, strict=True):
        name = item.get("id", item.get("verb")) if isinstance(item, dict) else None
        named = isinstance(name, str | int) and not isinstance(name, bool)
        label = f"{what} '{name}'" if named else f"the entry under '{key}'"
        checked.append((check_mapping(item, fields, path, label, line), line))
    return checked


def _unique(entries: list[Entry], path: str, what: str) -> None:
    seen: dict[str, Entry] = {}
    for entry in entries:
        if entry.id in seen:
            if isinstance(entry, Verb):
                raise SourceError(
                    path,
                    entry.line,
                    (f"verb '{entry.name}' is listed twice (first on line {seen[entry.id].line}); keep one"),
                )
            raise SourceError(
                path,
                entry.line,
                (f"{what} id '{entry.id}' is used twice (first on line {seen[entry.id].line}); make it unique"),
            )
        seen[entry.id] = entry


def _kinds(data: Located, path: str, what: str) -> list[Kind]:
    kinds = [Kind(k["id"], k["label"]) for k, _ in _entries(data, "kinds", _KIND, path, f"{what} kind")]
    seen: set[str] = set()
    for kind, line in zip(kinds, data["kinds"].item_lines, strict=True):
        if kind.id in seen:
            raise SourceError(path, line, f"{what} kind '{kind.id}' is listed twice; keep one")
        seen.add(kind.id)
    return kinds


def _check_kind(entry: Located, kinds: list[Kind], path: str, what: str) -> None:
    if entry["kind"] not in {k.id for k in kinds}:
        raise SourceError(
            path,
            entry.line_of("kind"),
            f"{what} '{entry['id']}' has kind '{entry['kind']}', which is not under 'kinds:'; use one of: "
            + ", ".join(k.id for k in kinds),
        )


def _pattern_lines(entry: Located, key: str) -> list[int]:
    value = entry[key]
    return list(getattr(value, "item_lines", [entry.line_of(key)] * len(value)))


def _common(e: Located, name_key: str, path: str, line: int, patterns_key: str = "patterns") -> dict:
    """The fields every entry has, under their names in `Entry`."""
    return {
        "id": e["id"],
        "name": e[name_key],
        "patterns": list(e[patterns_key]),
        "path": path,
        "line": line,
        "pattern_lines": _pattern_lines(e, patterns_key),
    }


def _optional(e: Located, *keys: str) -> dict[str, str]:
    return {key: e.get(key) or "" for key in keys}


def _two_lists(name: str) -> dict[str, Field]:
    return {"kinds": Field(list, required=True, items=dict), name: Field(list, required=True, items=dict)}


def load_registries(source_dir: Path) -> Registries:
    """Read and check the four registry files."""
    ipath, idata = _load(source_dir, "instruments.yml", _two_lists("instruments"))
    instrument_kinds = _kinds(idata, ipath, "instrument")
    instruments = []
    for e, line in _entries(idata, "instruments", _INSTRUMENT, ipath, "instrument"):
        _check_kind(e, instrument_kinds, ipath, "instrument")
        instruments.append(
            Instrument(
                **_common(e, "title", ipath, line),
                kind=e["kind"],
                **_optional(e, "description", "url", "reference", "celex", "eli", "date"),
            )
        )
    _unique(instruments, ipath, "instrument")

    gpath, gdata = _load(source_dir, "glossary.yml", {"terms": Field(list, required=True, items=dict)})
    terms = [
        Term(**_common(e, "term", gpath, line), **_optional(e, "expansion", "definition", "url"))
        for e, line in _entries(gdata, "terms", _TERM, gpath, "term")
    ]
    _unique(terms, gpath, "term")

    apath, adata = _load(source_dir, "actors.yml", _two_lists("actors"))
    actor_kinds = _kinds(adata, apath, "actor")
    actors = []
    for e, line in _entries(adata, "actors", _ACTOR, apath, "actor"):
        _check_kind(e, actor_kinds, apath, "actor")
        actors.append(Actor(**_common(e, "name", apath, line), kind=e["kind"], **_optional(e, "description", "url")))
    _unique(actors, apath, "actor")

    vpath, vdata = _load(
        source_dir, "verbs.yml", {"verbs": Field(list, required=True, items=dict), "not_addressees_after": Field(list)}
    )
    verbs = []
    for e, line in _entries(vdata, "verbs", _VERB, vpath, "verb"):
        verb_id = e["verb"].lower().replace(" ", "-")
        # Letters of every language (RECONNAÎT, PODKREŚLA): the id is an anchor, and HTML ids
        # and URL fragments take any letter.
        if not VERB_ID.match(verb_id):
            raise SourceError(
                vpath,
                e.line_of("verb"),
                (f"verb {e['verb']!r} may hold only letters, digits and single spaces (it becomes part of a URL)"),
            )
        verbs.append(
            Verb(verb_id, e["verb"], list(e["forms"]), vpath, line, _pattern_lines(e, "forms"), request=e["request"])
        )
    _unique(verbs, vpath, "verb")

    phrases = vdata.get("not_addressees_after") or LocatedList()
    return Registries(
        instrument_kinds,
        instruments,
        terms,
        actor_kinds,
        actors,
        verbs,
        list(phrases),
        list(getattr(phrases, "item_lines", [])),
        vpath,
    )

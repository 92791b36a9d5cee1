"""The words of the interface (labels, headings, buttons, accessible names, the words of
citations, link previews, cards, data and scripts) in the document's language.

They are data: one file per language shipped in the package (`plugins/conclusions/lang/`),
the English one naming every key. A site replaces any word in `source/lang/<language>.yml`
(only the keys it changes). A word is looked up in the site's file for the language, then the
package's file for the language, then the site's and the package's for its base language
('fr' for 'fr-BE'), then English: a key that no file gives is a mistake of the package, found
by the tests. A site's file that names a key English lacks, or leaves out a placeholder the
English word has, stops the build with its file and line.

Words are formatted with `str.format` and named placeholders (`{number}`); a count takes the
`.one` or `.other` form of its key, by the language's rule (`plural_zero_is_one` in its file:
French says "0 mention").
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import MappingProxyType

from .errors import Problems, SourceError
from .model import Footnote, Paragraph, Recital, Section
from .remembered import ByValue, recent
from .yamlsource import Located, load_package_yaml, load_yaml, read_text

PACKAGE_WORDS = Path(__file__).resolve().parent.parent / "lang"
"""The interface words shipped with the package, one file per language."""
SITE_WORDS = "lang"
"""A site's folder of replaced words, in its `source/`: `lang/fr.yml`."""
BASE = "en"
"""The language whose file names every key; the last fallback."""
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_LANGUAGE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?")
_RULE_KEYS = ("plural_zero_is_one", "months")
SCRIPT_KEYS = (
    "share.clause",
    "share.copied_citation",
    "share.copied_link",
    "share.could_not_copy",
    "share.jump_range",
    "share.missing_place",
    "share.tooltip_document",
    "share.tooltip_instrument",
    "share.tooltip_term",
)
"""The words the scripts show (theme/assets/*.js, which hold the English ones)."""


@dataclass(frozen=True)
class Interface:
    """The interface words of one language, after every fallback: every key English has."""

    language: str
    words: Mapping[str, str] = field(repr=False)
    months: tuple[str, ...] = field(repr=False)
    plural_zero_is_one: bool = False

    def __call__(self, name: str, /, **values: object) -> str:
        """The word `name`, its placeholders filled with `values`. Only `{placeholder}` is
        replaced (never `str.format`, which would read attributes a site's word names); any
        other brace is text."""
        word = self.words[name]
        if not values:
            return word
        return _PLACEHOLDER.sub(lambda m: str(values[m[1]]) if m[1] in values else m[0], word)

    def count(self, name: str, n: int, /, **values: object) -> str:
        """The `.one` or `.other` form of `name` for `n`, with `{n}` and `values` filled."""
        one = n == 1 or (n == 0 and self.plural_zero_is_one)
        return self(f"{name}.{'one' if one else 'other'}", n=n, **values)

    def label(self, item: Paragraph | Recital | Footnote) -> str:
        """How the interface names an item: 'Paragraph 21', 'Recital A', 'Recital (a)', 'Footnote 8'."""
        if isinstance(item, Paragraph):
            return self("item.paragraph", number=item.shown)
        if isinstance(item, Recital):
            return self("item.recital", key=item.shown)
        return self("item.footnote", number=item.number)

    def heading(self, section: Section) -> str:
        """A section's heading as shown: as written, or the interface's name of the untitled
        opening part ('Opening paragraphs')."""
        return self("section.opening") if section.implicit else section.heading

    def date(self, iso: str) -> str:
        """'2023-11-13' -> '13 November 2023', in the language's month names (no locale: builds
        must not depend on the machine); a date that does not read as one, as written."""
        if not iso:
            return ""
        try:
            day = datetime.date.fromisoformat(iso)
        except ValueError:
            return iso
        return self("date", day=day.day, month=self.months[day.month - 1], year=day.year)

    def scripts(self) -> str:
        """The words of the page's scripts as JSON, for a data attribute (the template escapes
        it); '' when they are the English words the scripts hold themselves."""
        words = {key: self.words[key] for key in SCRIPT_KEYS}
        if all(words[key] == ENGLISH.words[key] for key in SCRIPT_KEYS):
            return ""
        return json.dumps(words, ensure_ascii=False, sort_keys=True)


def _flat(data: dict[object, object], prefix: str = "", lines: dict[str, int] | None = None) -> dict[str, object]:
    """Nested groups of words as one mapping of dotted keys ('share.copy_link'); the line of
    each key into `lines` when the mapping knows them (a site's file)."""
    out: dict[str, object] = {}
    for key, value in data.items():
        name = f"{prefix}.{key}" if prefix else str(key)
        if lines is not None and isinstance(data, Located):
            lines[name] = data.line_of(str(key))
        out.update(_flat(value, name, lines) if isinstance(value, dict) else {name: value})
    return out


@cache
def _package_file(language: str) -> Mapping[str, object]:
    path = PACKAGE_WORDS / f"{language}.yml"
    if not path.is_file():
        return MappingProxyType({})
    return MappingProxyType(_flat(load_package_yaml(path.read_text(encoding="utf-8")) or {}))


def package_languages() -> list[str]:
    """The languages whose interface words the package ships."""
    return sorted(p.stem for p in PACKAGE_WORDS.glob("*.yml"))


def english_keys() -> frozenset[str]:
    """Every key of the interface (the English file names each)."""
    return frozenset(k for k in _package_file(BASE) if k not in _RULE_KEYS)


def read_site_words(source_dir: Path | None, problems: Problems) -> dict[str, Mapping[str, object]]:
    """The words a site replaces, by language, from `source/lang/*.yml`; each mistake added to `problems`."""
    folder = source_dir / SITE_WORDS if source_dir is not None else None
    if folder is None or not folder.is_dir():
        return {}
    known = english_keys()
    english = _package_file(BASE)
    out: dict[str, Mapping[str, object]] = {}
    for path in sorted(folder.glob("*.yml")):
        if not _LANGUAGE.fullmatch(path.stem):
            problems.add(
                SourceError(f"{SITE_WORDS}/{path.name}", None, "name the file by a language code, e.g. 'lang/fr.yml'")
            )
            continue
        with problems.collect():
            display = f"{SITE_WORDS}/{path.name}"
            data = load_yaml(read_text(path, display), display)
            if data is None:
                continue
            if not isinstance(data, dict):
                raise SourceError(
                    display, 1, "give the words as a mapping of keys to words, as the package's lang/en.yml"
                )
            lines: dict[str, int] = {}
            words = _flat(data, lines=lines)
            for key, word in words.items():
                if key in _RULE_KEYS:
                    continue
                line = lines.get(key)
                if key not in known:
                    problems.add(
                        SourceError(
                            display, line, f"'{key}' is no word of the interface; see the package's lang/en.yml"
                        )
                    )
                elif not isinstance(word, str):
                    problems.add(SourceError(display, line, f"'{key}': give the word as text, in quotes"))
                elif missing := set(_PLACEHOLDER.findall(str(english[key]))) - set(_PLACEHOLDER.findall(word)):
                    wanted = ", ".join("{" + m + "}" for m in sorted(missing))
                    problems.add(SourceError(display, line, f"'{key}' lacks {wanted}; keep it in the word"))
                elif unknown := set(_PLACEHOLDER.findall(word)) - set(_PLACEHOLDER.findall(str(english[key]))):
                    wrong = ", ".join("{" + m + "}" for m in sorted(unknown))
                    problems.add(
                        SourceError(display, line, f"'{key}' has {wrong}, which the word cannot fill; take it out")
                    )
            out[path.stem] = MappingProxyType(words)
    return out


def interface(language: str, site: Mapping[str, Mapping[str, object]] | None = None) -> Interface:
    """The interface words for a document in `language`, with the site's replacements (`site`)."""
    replaced = dict(site or {})
    words: Interface = _interface(language, ByValue(replaced, tuple(sorted(replaced))))
    return words


@recent
def _interface(language: str, replaced: ByValue[dict[str, Mapping[str, object]]]) -> Interface:
    """`interface`; while serving, the same object for the same words (`remembered.recent`),
    which the pages' kept work compares at the cost of a pointer."""
    site = replaced.value
    base = language.split("-")[0].lower()
    layers = [site.get(language, {}), _package_file(language), site.get(base, {}), _package_file(base)]
    layers += [site.get(BASE, {}), _package_file(BASE)]
    words: dict[str, str] = {}
    rules: dict[str, object] = {}
    for layer in reversed(layers):
        for key, value in layer.items():
            if key in _RULE_KEYS:
                rules[key] = value
            else:
                words[key] = str(value)
    months = rules.get("months")
    return Interface(
        language,
        MappingProxyType(words),
        tuple(str(m) for m in months) if isinstance(months, list) and len(months) == 12 else (),
        bool(rules.get("plural_zero_is_one", False)),
    )


ENGLISH = interface(BASE)
"""The interface words in English, for what has no document (and the tests)."""

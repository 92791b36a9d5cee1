"""The words the importer reads a text by, per language and genre: `conclusions/words/*.yml`.

Month names, header labels, the cover sentence, title and preamble openings, lead-ins, the
genre of a European Council text: data, so that a new language is a file and not a branch in
the code. Every file is read; the patterns of all languages are tried together (a French cover
note over English conclusions is one text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..core.yamlsource import load_package_yaml

WORDS_DIR = Path(__file__).resolve().parent.parent / "words"


@dataclass(frozen=True)
class Words:
    """Every language's words, ready to match."""

    months: dict[str, int]
    date_words: tuple[str, ...]
    date_connectors: tuple[str, ...]
    """Words between a date's day, month and year ("12 de mayo de 2026")."""
    year_words: tuple[str, ...]
    """Words after a date's year that belong to the date ("25 czerwca 2024 r.")."""
    labels: dict[str, str]
    """Lower-case header label -> front matter field."""
    label_language: dict[str, tuple[str, ...]]
    """Lower-case header label -> the languages it is written in ("origine" is French and
    Italian)."""
    other_labels: re.Pattern[str]
    """Header labels the front matter has no field for ("No. Cion doc." of another form)."""
    cover: re.Pattern[str]
    titles: re.Pattern[str]
    title_language: list[tuple[re.Pattern[str], str]]
    title_prefixes: re.Pattern[str]
    preamble: re.Pattern[str]
    preamble_any_case: re.Pattern[str]
    """The preamble's forms in any case ("The Council of the European Union"), and the Council's
    name alone then "," or ":" ("The Council:") or a lead-in ("The Council adopts the following
    conclusions:"): a line in sentence case straight after the title."""
    lead_ins: re.Pattern[str]
    lead_ins_any_case: re.Pattern[str]
    """The lead-ins in any case, as whole words ("Hereby adopts the following conclusions:")."""
    recital_openers: re.Pattern[str]
    recital_openers_any_case: re.Pattern[str]
    """The same participles in any case ("Recalling its conclusions ..."), after a preamble in
    sentence case."""
    """The participles in capitals that open a recital the text does not mark ("RECALLING its
    conclusions ...", "RAPPELANT ...", "UNTER HINWEIS auf ..."), as whole words."""
    statuses: frozenset[str]
    """The register's statuses in capitals ("OUTCOME OF PROCEEDINGS")."""
    conjunctions: frozenset[str]
    prose: re.Pattern[str]


def _either(patterns: list[str], flags: int = 0, start: str = "^") -> re.Pattern[str]:
    if not patterns:
        return re.compile(r"(?!)")
    return re.compile(start + "(?:" + "|".join(f"(?:{p})" for p in patterns) + ")", flags)


def _words_of(phrase: str) -> str:
    """A phrase as whole words in capitals: any space between its words, either apostrophe, and
    no letter after its last ("AWARE" is not "AWARENESS")."""
    pattern = r"\s+".join(re.escape(word) for word in phrase.split())
    return re.sub("['’]", "['’]", pattern) + r"(?!\w)"


# The number sign of a header label as registers and text layers print it: "N°", "Nº" (the
# ordinal indicator), "N.º", "№", "No." or "No", "Nr.": one form, so that each is known.
_NUMBER_SIGN = re.compile(r"^(?:n\.?\s?[°º]|№|no\.?|nr\.?)(?=\s|$)")


def label_key(label: str) -> str:
    """A header label as it is looked up: lower case, single spaces, one number sign."""
    return _NUMBER_SIGN.sub("n°", " ".join(label.lower().split()))


@cache
def words() -> Words:
    """The words of every file of `conclusions/words/`, read once."""
    months: dict[str, int] = {}
    lists: dict[str, list[str]] = {}
    labels: dict[str, str] = {}
    label_language: dict[str, tuple[str, ...]] = {}
    title_language: list[tuple[re.Pattern[str], str]] = []
    for path in sorted(WORDS_DIR.glob("*.yml")):
        data = load_package_yaml(path.read_text(encoding="utf-8")) or {}
        language = str(data.get("language") or "")
        for number, names in enumerate(data.get("months") or [], start=1):
            for name in [names] if isinstance(names, str) else names:
                months[str(name).lower()] = number
        for label, field in (data.get("header labels") or {}).items():
            labels[label_key(str(label))] = str(field)
            if language:
                label_language[label_key(str(label))] = (*label_language.get(label_key(str(label)), ()), language)
        for key in (
            "date words",
            "date connectors",
            "year words",
            "cover sentence",
            "titles",
            "title prefixes",
            "preamble",
            "preamble short",
            "other header labels",
        ):
            lists.setdefault(key, []).extend(str(x) for x in data.get(key) or [])
        for key in ("lead-ins", "recital openers", "conjunctions", "prose genre", "statuses"):
            lists.setdefault(key, []).extend(str(x) for x in data.get(key) or [])
        for pattern in data.get("titles") or []:
            title_language.append((re.compile(f"^(?:{pattern})", re.IGNORECASE), language))
    lead_ins = "|".join(_words_of(x) for x in lists["lead-ins"])
    return Words(
        months=months,
        date_words=tuple(lists["date words"]),
        date_connectors=tuple(dict.fromkeys(lists["date connectors"])),
        year_words=tuple(dict.fromkeys(lists["year words"])),
        labels=labels,
        label_language=label_language,
        other_labels=_either(lists["other header labels"]),
        cover=_either([re.escape(x) + r"\b" for x in lists["cover sentence"]]),
        titles=_either(lists["titles"], re.IGNORECASE),
        title_language=title_language,
        title_prefixes=_either(lists["title prefixes"], re.IGNORECASE),
        preamble=_either([re.escape(x) + r"\b" for x in lists["preamble"]]),
        preamble_any_case=_either(
            [_words_of(x) for x in lists["preamble"]]
            + [_words_of(x) + rf"(?:\s*[,:]$|\s+(?:hereby\s+)?(?:{lead_ins}))" for x in lists["preamble short"]],
            re.IGNORECASE,
        ),
        lead_ins=_either([re.escape(x) + r"\b" for x in lists["lead-ins"]]),
        lead_ins_any_case=re.compile(f"^(?:{lead_ins})", re.IGNORECASE),
        recital_openers=_either([_words_of(x) for x in lists["recital openers"]]),
        recital_openers_any_case=_either([_words_of(x) for x in lists["recital openers"]], re.IGNORECASE),
        statuses=frozenset(" ".join(x.upper().split()) for x in lists["statuses"]),
        conjunctions=frozenset(lists["conjunctions"]),
        prose=_either(lists["prose genre"], re.IGNORECASE, start=""),
    )


def language_of_title(title: str) -> str:
    """The language a title is written in, when a title pattern of one language matches it."""
    return next((language for pattern, language in words().title_language if pattern.match(title)), "")

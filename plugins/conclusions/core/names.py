"""The bodies a text asks to act, found by the grammar of its requests rather than by a list.

A request names whom it asks between its verb and what it asks them to do: "INVITES
EUMETSAT and ECMWF to", "CALLS ON the Copernicus User Forum to", "calls on all States to".
`addressee_names` reads the words there (the same stretch `clauses.py` reads for the
registry's actors) and returns each name that no registry entry covers. A name is a run of
capitalised words, with the connectors of the language inside it ("Court of Justice of the
European Union"), or an acronym; a phrase that starts with another lower-case word ("the
strengthening of", "as appropriate") is a thing or a manner, not a body, and is passed over.
The words are data, by language, in `registry/names.yml`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .clauses import Clause
from .errors import Problems
from .operative import sentence_start
from .wordlists import read_layers, texts

DATA_FILE = "names.yml"

_TOKEN = re.compile(r"[^\s,;:()\[\]]+|\([^()\s]{2,12}\)|[,;:]")


@dataclass(frozen=True)
class NameWords:
    """The words of one language that tell names apart (see `registry/names.yml`)."""

    articles: frozenset[str]
    quantifiers: frozenset[str]
    connectors: frozenset[str]
    infinitive: re.Pattern[str] | None
    organisations: frozenset[str]
    qualifiers: tuple[str, ...]
    spellings: tuple[tuple[str, str], ...] = ()
    endings: tuple[str, ...] = ()
    short_form_after: frozenset[str] = frozenset()

    def normalised(self, word: str) -> str:
        """`word` in one spelling, for comparing names: 'Environmental' and 'Environment',
        'Center' and 'Centre' become the same."""
        word = word.casefold()
        for written, usual in self.spellings:
            if word.endswith(written):
                word = word[: -len(written)] + usual
                break
        for ending in self.endings:
            if word.endswith(ending) and len(word) - len(ending) >= 4:
                return word[: -len(ending)]
        return word

    def is_organisation(self, long_form: str) -> bool:
        """Whether the long form of an abbreviation names a body: a capitalised name holding
        an organisation's word ("European Environment Agency", "European Centre for
        Medium-Range Weather Forecasts"; not "Public Regulated Service")."""
        words = long_form.split()
        return len(words) >= 2 and _capitalised(words[0]) and any(w in self.organisations for w in words)


NO_WORDS = NameWords(frozenset(), frozenset(), frozenset(), None, frozenset(), ())


def read_name_words(source_dir: Path | None, problems: Problems) -> dict[str, NameWords]:
    """The name words of every language of `registry/names.yml` (and the site's own file)."""
    out: dict[str, NameWords] = {}
    for language, words in read_layers(DATA_FILE, source_dir, problems).items():
        if not isinstance(words, dict):
            continue
        infinitive = str(words.get("infinitive") or "")
        articles = texts(words.get("articles"))
        # "to report", not "to the Ramsar Convention" ("all Parties to the Ramsar Convention to report").
        not_a_verb = r"(?!(?:" + "|".join(re.escape(a) for a in articles) + r")\b)" if articles else ""
        out[language] = NameWords(
            frozenset(articles),
            frozenset(texts(words.get("quantifiers"))),
            frozenset(texts(words.get("connectors"))),
            re.compile(r",?\s+" + re.escape(infinitive) + r"(?:\s+" + not_a_verb + r"[^\W\d_]*[a-zà-ÿ]|:)")
            if infinitive
            else None,
            frozenset(texts(words.get("organisations"))),
            texts(words.get("qualifiers")),
            tuple(
                (str(pair[0]), str(pair[1]))
                for pair in words.get("spellings") or ()
                if isinstance(pair, list) and len(pair) == 2
            ),
            texts(words.get("endings")),
            frozenset(texts(words.get("short_form_after"))),
        )
    return out


@dataclass(frozen=True)
class Name:
    """A name the text asks to act: `text[start:end]`, and the abbreviation in brackets right after it."""

    start: int
    end: int
    name: str
    abbreviation: str = ""
    abbreviation_start: int = -1


def _capitalised(word: str) -> bool:
    letters = word.lstrip("'‘\"“")
    return bool(letters) and (letters[0].isupper() or (letters[0].isdigit() and any(c.isupper() for c in letters)))


def _acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def addressee_names(
    text: str,
    clause: Clause,
    before: frozenset[str],
    not_after: Sequence[str],
    words: NameWords,
) -> list[Name]:
    """The names between a request's verb and what it asks (`clause` is a request's).

    Args:
        text: the paragraph's inline source.
        clause: the request.
        before: the words that may stand between the verb and the first name ("the", "all").
        not_after: phrases after which a name is a partner, not an addressee ("in cooperation with").
        words: the language's name words.
    """
    if words.infinitive is None:
        return []
    if clause.verb.passive:
        # "The Agency is invited to": the subject, which opened the clause (core/operative.py).
        zone_start, zone_end = max(clause.start, sentence_start(text, clause.verb_start)), clause.verb_start
    else:
        zone_start, zone_end = clause.verb_start + len(clause.form), clause.end
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, zone_start, zone_end)]
    # The first words must be those that may stand before a name, then a name: otherwise the
    # verb's object is a thing ("ENCOURAGES the strengthening of ...") and nobody is asked.
    i = 0
    while i < len(tokens) and _before_name(tokens[i][2], before, words, first=i == 0 and clause.verb.passive):
        i += 1
    if i >= len(tokens) or _name_end(tokens, i, words) == i:
        return []
    if not clause.verb.passive:
        infinitive = words.infinitive.search(text, tokens[i][1], clause.end)
        if infinitive is None:
            return []
        zone_end = infinitive.start()
    excluded = _partners(text, zone_start, zone_end, not_after)
    names: list[Name] = []
    tokens = [t for t in tokens if t[1] <= zone_end]
    segment_open = True  # at the start of a segment: a name may follow
    while i < len(tokens):
        start, _end, word = tokens[i]
        if word in (",", ";", ":") or word in ("and", "or"):
            segment_open = True
            i += 1
            continue
        if not segment_open or any(s <= start < e for s, e in excluded):
            i += 1
            continue
        if word in before and not _capitalised(word) and word not in words.quantifiers:
            i += 1
            continue
        j = _name_end(tokens, i, words)
        if j == i:
            segment_open = False  # another lower-case word: this part of the list is not a name
            i += 1
            continue
        name_start, name_end = tokens[i][0], tokens[j - 1][1]
        abbreviation, abbreviation_start = "", -1
        if j < len(tokens) and tokens[j][2].startswith("(") and _acronym(tokens[j][2]):
            abbreviation, abbreviation_start = tokens[j][2][1:-1], tokens[j][0] + 1
            j += 1
        names.append(Name(name_start, name_end, text[name_start:name_end], abbreviation, abbreviation_start))
        segment_open = False
        i = j
    return names


def _before_name(word: str, before: frozenset[str], words: NameWords, *, first: bool) -> bool:
    """Whether `word` may stand before a name ("the", "all"; "The" opening a sentence)."""
    if first and word[:1].isupper():
        word = word[:1].lower() + word[1:]
    elif word.isupper() and word.lower() in before:
        word = word.lower()  # "INVITA A LOS ESTADOS MIEMBROS": a text in capitals
    return word in before and word not in words.quantifiers


def _name_end(tokens: list[tuple[int, int, str]], i: int, words: NameWords) -> int:
    """The index after the name that starts at token i (i when none does)."""
    j = i
    if tokens[j][2] in words.quantifiers:
        j += 1
    if j >= len(tokens) or not _capitalised(tokens[j][2]):
        return i
    last = j
    while j < len(tokens):
        word = tokens[j][2]
        if _capitalised(word):
            last = j
            j += 1
            continue
        k = j
        while k < len(tokens) and tokens[k][2] in words.connectors:
            k += 1  # "Parties to the Ramsar Convention": connectors, then the name goes on
        if k > j and k < len(tokens) and _capitalised(tokens[k][2]):
            joined = [t[2] for t in tokens[j:k]]
            before, after = tokens[j - 1][2], tokens[k][2]
            if "and" in joined and (
                joined != ["and"] or _acronym(before) or _acronym(after) or before in words.organisations
            ):
                break  # "EUMETSAT and ECMWF", "the Forum and the Agency", "the Forum and Mercator": two names
            j = k
            continue
        break
    return last + 1


def _partners(text: str, start: int, end: int, not_after: Sequence[str]) -> list[tuple[int, int]]:
    """The stretches after a `not_after` phrase, each up to the next comma."""
    spans = []
    for phrase in not_after:
        for hit in re.finditer(re.escape(phrase), text[start:end]):
            begin = start + hit.start()
            stop = text.find(",", begin, end)
            spans.append((begin, end if stop == -1 else stop))
    return spans

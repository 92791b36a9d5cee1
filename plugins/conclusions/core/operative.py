"""Find the upper-case word runs that open a clause in a paragraph's inline text.

Council conclusions write their operative verbs in capitals in every EU language
(ACKNOWLEDGES, RECONNAÎT, BEGRÜSST, PODKREŚLA, ΥΠΕΝΘΥΜΙΖΕΙ). Capitals alone are not
enough: acronyms (NATO, ASAT, SIAC, CSDP, EU) are capitals too. What tells a verb from an
acronym here is where it stands, not a word list, so that a text in any language works
without one:

- text is cut into segments at ";" and "\\n" (a paragraph's points are joined with "\\n");
- a run opens a clause when it stands at a segment's start (after a point marker, if any),
  after at most two lower-case words there ("and REITERATES", "and thus WELCOMES"), or
  after a comma that ends an opening phrase: a phrase from the segment's start that holds
  no opening run ("In this context, WELCOMES", "Drawing from ... 2021[^8], INVITES"), or
  one set off by a conjunction between commas ("..., and, in this context, ENCOURAGES");
- the run must be followed by a word with a lower-case letter ("the", "that", "Member")
  or by the segment's end, and hold at least four letters ("EU", "UN" never qualify);
- in a language whose main clause puts its verb second, a run also opens a clause after an
  opening phrase with no comma when the body speaking follows it as its subject ("In diesem
  Zusammenhang ERSUCHT der Rat die Kommission": `subject_after`).

Words are tested with `str.isalpha()`/`str.isupper()`, never `[A-Z]`, so that accented,
Greek and Cyrillic capitals count. Multi-word verbs keep their upper-case words only:
"LOOKS FORWARD to" gives "LOOKS FORWARD", "CALLS upon" gives "CALLS"; a registry maps
the run and the words after it to a form.

Known limits, by design of a position rule: an acronym after a comma in an enumeration
that stands at a segment's start ("the EEAS, NATO and ...") is returned; a verb in the
middle of a segment after a plain comma ("..., STRESSES its key role") is not, because
the same place holds acronyms ("..., ENISA and ...") at least as often.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TypeVar

import yaml

__all__ = [
    "Opening",
    "Run",
    "lower_case_opens",
    "opening_forms",
    "opening_runs",
    "passive_opens",
    "preamble_speaks",
    "sentence_case",
    "sentence_case_index",
    "sentence_case_opening",
    "sentence_case_openings",
    "speakers",
    "subject_after",
]


T = TypeVar("T")


@dataclass(frozen=True)
class Run:
    """An upper-case word run that opens a clause: `text[start:end]` spans its words."""

    start: int
    end: int
    words: str
    """The run's words joined with one space ("LOOKS FORWARD")."""


# A token is anything between white space; its "core" is the token without the
# punctuation around it ("WELCOMES," -> "WELCOMES", "(SIAC)" -> "SIAC").
_TOKEN = re.compile(r"\S+")
# Point markers that may open a point's line: a. a) (a), i. ii) (iv), dashes, bullets.
_MARKER = re.compile(r"^(?:\((?:[a-z]|[ivxlc]+)\)|(?:[a-z]|[ivxlc]+)[.)]|[–—•*-])$")
# "..., and, in this context, " at the end of the text before a run: a conjunction of one
# or two words set off by commas, then an opening phrase, then the comma before the run.
_CONJUNCTION_PHRASE = re.compile(r",\s+(?P<conj>\w+(?:\s+\w+)?),\s+[^,;\n]*\S,\s*$")
_MIN_LETTERS = 4
_MAX_LEAD_WORDS = 2


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    core: str
    """The token without its surrounding punctuation."""
    core_start: int
    trailing: str
    """Punctuation after the core ("," in "WELCOMES,")."""


def _tokens(text: str, start: int, end: int) -> list[_Token]:
    tokens = []
    for match in _TOKEN.finditer(text, start, end):
        raw = match.group()
        left = 0
        while left < len(raw) and not raw[left].isalnum():
            left += 1
        right = len(raw)
        while right > left and not raw[right - 1].isalnum():
            right -= 1
        tokens.append(
            _Token(match.start(), match.end(), raw[left:right], match.start() + left, raw[right:] if right else "")
        )
    return tokens


def _is_upper_word(token: _Token) -> bool:
    # The core must be letters only: "CO<sub>2</sub>" or "EU-NATO" are not words.
    return token.core.isalpha() and token.core.isupper()


def _is_lower_word(token: _Token) -> bool:
    return token.core.isalpha() and token.core.islower() and not token.trailing


def _has_lower(token: _Token) -> bool:
    return any(ch.islower() for ch in token.core)


def _starts_lower(token: _Token) -> bool:
    return next((ch.islower() for ch in token.core if ch.isalpha()), False)


def _segments(text: str) -> list[tuple[int, int]]:
    bounds = []
    start = 0
    for i, ch in enumerate(text):
        if ch in ";\n":
            bounds.append((start, i))
            start = i + 1
    bounds.append((start, len(text)))
    return bounds


def _run_at(tokens: list[_Token], i: int) -> int:
    """Index after the last upper-case word of the run starting at token i (i if none)."""
    j = i
    while j < len(tokens) and _is_upper_word(tokens[j]):
        j += 1
        # Punctuation after a word ends the run ("WELCOMES, in this context, ...").
        if tokens[j - 1].trailing or (j < len(tokens) and tokens[j].core_start != tokens[j].start):
            break
    return j


def opening_runs(text: str) -> list[Run]:
    """The upper-case word runs that open a clause in `text`, in order."""
    runs: list[Run] = []
    for seg_start, seg_end in _segments(text):
        tokens = _tokens(text, seg_start, seg_end)
        first = 0
        while first < len(tokens) and _MARKER.match(text[tokens[first].start : tokens[first].end]):
            first += 1
        opened_at: int | None = None  # end offset of the last opening run in this segment
        i = first
        while i < len(tokens):
            end = _run_at(tokens, i)
            if end == i:
                i += 1
                continue
            if _opens(text, tokens, first, i, opened_at) or _verb_second_run(text, tokens, first, i, end, opened_at):
                run = _accepted(tokens, i, end)
                if run is not None:
                    runs.append(run)
                    opened_at = run.end
            i = end
    return runs


def _opens(text: str, tokens: list[_Token], first: int, i: int, opened_at: int | None) -> bool:
    """Whether a run starting at token i stands where a clause opens."""
    if opened_at is None:
        lead = tokens[first:i]
        # At the start, or after "and", "and thus", "thus" (lower-case words, no punctuation).
        if len(lead) <= _MAX_LEAD_WORDS and all(_is_lower_word(t) for t in lead):
            return True
    if i == first or not tokens[i - 1].trailing.endswith(","):
        return False
    if opened_at is None:
        # The comma ends an opening phrase that runs from the segment's start.
        return True
    before = text[opened_at : tokens[i].start]
    match = _CONJUNCTION_PHRASE.search(before)
    if match is None:
        return False
    return all(word.isalpha() and word.islower() for word in match.group("conj").split())


def _verb_second_run(text: str, tokens: list[_Token], first: int, i: int, end: int, opened_at: int | None) -> bool:
    """Whether the run of tokens[i:end] is a verb in second place: the first of its segment,
    after an opening phrase, and followed by the body speaking as its subject."""
    if opened_at is not None or i == first:
        return False
    last = tokens[end - 1]
    return subject_after(text, last.core_start + len(last.core)) > 0


def _accepted(tokens: list[_Token], i: int, end: int) -> Run | None:
    """The run of tokens[i:end] if a word with a lower-case letter, or nothing, follows it."""
    words = tokens[i:end]
    following = tokens[end] if end < len(tokens) else None
    if following is not None and not _has_lower(following):
        return None  # a number or another acronym ("NATO 2030", "EU-NATO")
    if following is not None and not _starts_lower(following) and len(words) > 1:
        # "ENCOURAGES EU Member States": an upper-case word before a capitalised noun
        # qualifies it; it is not part of the verb, whose particles ("CALLS UPON the",
        # "LOOKS FORWARD to") come before lower-case words.
        words = words[:-1]
    if sum(len(t.core) for t in words) < _MIN_LETTERS:
        return None
    return Run(words[0].core_start, words[-1].core_start + len(words[-1].core), " ".join(t.core for t in words))


# -- lower-case operative verbs ---------------------------------------------------------------
#
# A European Council text writes its verbs in prose: "The European Council recalls ...; It calls
# on the Council to ...", and so do many Council texts ("The Council and the Representatives of
# the Governments of the Member States invite ...; They acknowledge ..."). A lower-case form of
# an operative verb (verbs.yml: "calls on", "invite") is a verb of the text only where the
# text's subject stands before it, at the start of its sentence; anywhere else it is a verb of
# another subject ("STRESSES that the Compass calls for ...", "a study which invites ...") and
# opens nothing. A request in the passive ("The Agency is invited to") opens a clause where its
# subject, at the start of its sentence, is a name (capitalised words). The words a subject may
# hold are data, per language (`conclusions/words/*.yml`: "subjects", "pronouns", "subject
# words", "adverbs", "conjunctions").

_WORDS_DIR = Path(__file__).resolve().parent.parent / "words"
_SENTENCE_ENDS = frozenset(".;:!?")
# "The Council and the Representatives of the Governments of the Member States": the longest
# speaking subject of the texts, with a word to spare.
_MAX_SUBJECT_WORDS = 12


@dataclass(frozen=True)
class SubjectWords:
    """What may stand between a sentence's start and a lower-case verb, besides capitalised words."""

    inside: frozenset[str]
    """Lower-case words inside a subject ("the", "of")."""
    adverbs: frozenset[str]
    """Words between the subject and the verb ("also")."""
    conjunctions: frozenset[str]
    """"and": a second verb of the same subject ("welcomes ... and calls on")."""
    subjects: tuple[str, ...] = ()
    """The body speaking ("European Council"): a subject names one."""
    pronouns: frozenset[str] = frozenset()
    """"It", "They": the body speaking, as a sentence's first word (a subject of its own)."""
    before_infinitive: frozenset[str] = frozenset()
    """"to", "should": "to improve and support" is no second verb of the subject."""
    by_title: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = ()
    """Bodies that speak in the texts whose title matches ("... of the Representatives of the
    Governments of the Member States": the Member States)."""
    after_verb: tuple[str, ...] = ()
    """The body speaking as the subject after its verb, in a language whose main clause puts
    the verb second ("In diesem Zusammenhang ersucht der Rat ..."): "der Rat", longest first."""


@cache
def subject_words() -> SubjectWords:
    """The subject words of every language of `conclusions/words/`, read once."""
    keys = (
        "subject words",
        "adverbs",
        "conjunctions",
        "subjects",
        "pronouns",
        "before an infinitive",
        "subjects after the verb",
    )
    found: dict[str, set[str]] = {key: set() for key in keys}
    by_title: list[tuple[re.Pattern[str], tuple[str, ...]]] = []
    for path in sorted(_WORDS_DIR.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for key, words in found.items():
            words.update(str(word) for word in data.get(key) or [])
        for pattern, subjects in (data.get("subjects by title") or {}).items():
            by_title.append((re.compile(str(pattern), re.IGNORECASE), tuple(str(s) for s in subjects)))
    return SubjectWords(
        frozenset(found["subject words"]),
        frozenset(found["adverbs"]),
        frozenset(found["conjunctions"]),
        tuple(sorted(found["subjects"], key=len, reverse=True)),
        frozenset(found["pronouns"]),
        frozenset(found["before an infinitive"]),
        tuple(by_title),
        tuple(sorted(found["subjects after the verb"], key=len, reverse=True)),
    )


def speakers(title: str) -> tuple[str, ...]:
    """The bodies that speak in a text of this title besides those of every text (`subjects by
    title` in `conclusions/words/*.yml`): the Member States in "Conclusions of the Council and
    of the Representatives of the Governments of the Member States ..."."""
    return tuple(
        subject for pattern, subjects in subject_words().by_title if pattern.search(title) for subject in subjects
    )


def sentence_start(text: str, position: int) -> int:
    """Where the sentence (or `;` segment, or point) holding `position` starts: after the last
    ".", ";", ":", "!" or "?" followed by a space, or newline, before it (searched backwards)."""
    i = position - 1
    while i >= 0:
        if text[i] == "\n":
            return i + 1
        if text[i].isspace() and i > 0 and text[i - 1] in _SENTENCE_ENDS:
            return i + 1
        i -= 1
    return 0


def _subject(text: str, start: int) -> tuple[list[str], bool] | None:
    """The words of the subject before the lower-case verb form at `start` (adverbs dropped),
    and whether an opening phrase's comma stands before them; None when there are none or
    too many. A verb right after a comma has its subject before a phrase set off by commas
    ("The Agency, in cooperation with the Commission, is invited")."""
    before = text[sentence_start(text, start) : start]
    known = subject_words()
    after_phrase = "," in before
    words = before.rsplit(",", 1)[-1].split()
    if not words and after_phrase:
        words, after_phrase = before.split(",", 1)[0].split(), False
    while words and words[-1] in known.adverbs:
        words.pop()
    if not words or len(words) > _MAX_SUBJECT_WORDS:
        return None
    return words, after_phrase


def _capitalised_words(words: list[str], after_phrase: bool, *, acronyms: bool) -> int:
    """How many words of a subject are capitalised, or 0 when it is no name: a lower-case word
    that is not one of the `subject words` ("which", "study"), or an upper-case word of four
    letters or more that may be an operative verb (unless `acronyms`: "The EEAS is invited")."""
    inside = subject_words().inside
    if not words[0][:1].isupper() and not (after_phrase and words[0] in inside):
        return 0
    capitalised = 0
    for word in words:
        core = word.strip("’'\"()")
        if core in inside:
            continue
        if not core[:1].isupper():
            return 0
        if not acronyms and core.isupper() and len(core) >= _MIN_LETTERS and core.isalpha():
            return 0
        capitalised += 1
    return capitalised


def lower_case_opens(text: str, start: int, after_clause: bool, speaking: tuple[str, ...] = ()) -> bool:
    """Whether the lower-case verb form at `start` opens a clause: its sentence's subject stands
    before it ("The European Council calls on", "It also invites", "In this context, the
    European Council invites": the subject after an opening phrase's comma; `speaking`: the
    bodies that speak in this text besides those of every text, `speakers`); or, when
    `after_clause` (a lower-case verb of the same sentence opened one), "and" stands before it."""
    known = subject_words()
    words = text[sentence_start(text, start) : start].split()
    if after_clause and words and words[-1].strip(",") in known.conjunctions:
        # "... recall the need to improve and support ...": a plural form is an infinitive too.
        return not (len(words) >= 3 and words[-3] in known.before_infinitive)
    subject = _subject(text, start)
    if subject is None:
        return False
    words, after_phrase = subject
    return _capitalised_words(words, after_phrase, acronyms=False) > 0 and _names_the_speaker(words, known, speaking)


def subject_after(text: str, end: int) -> int:
    """Where the subject that follows a verb ending at `end` ends, when it is the body speaking
    in a language that puts the verb second ("ersucht der Rat die Kommission": after "der Rat");
    0 when none follows. Only the subject's nominative form is listed ("der Rat", never "den
    Rat", the object), so an object after the verb is never taken for it."""
    i = end
    while i < len(text) and text[i] == " ":
        i += 1
    if i == end:
        return 0
    for subject in subject_words().after_verb:
        stop = i + len(subject)
        if text.startswith(subject, i) and (stop == len(text) or not text[stop].isalnum()):
            return stop
    return 0


def _verb_second(text: str, start: int, form: str) -> bool:
    """Whether the lower-case form at `start` is a verb in second place: an opening phrase before
    it in its sentence, the body speaking after it ("In diesem Zusammenhang ersucht der Rat")."""
    lead = text[sentence_start(text, start) : start].split()
    return bool(lead) and lead[0][:1].isupper() and subject_after(text, start + len(form)) > 0


def passive_opens(text: str, start: int) -> bool:
    """Whether the passive request at `start` ("is invited", "are called upon") opens a clause:
    its subject, at the start of its sentence (or after an opening phrase's comma), is a name
    ("The Agency is invited", "Member States are invited"), not a relative pronoun or a thing
    ("... which is invited", "The study is invited")."""
    subject = _subject(text, start)
    return subject is not None and _capitalised_words(*subject, acronyms=True) > 0


_ELIDED = re.compile(r"(?<= )([LlDd](?:ell)?['’])(?=\w)")
"""An elided article or preposition before a name ("L'UE", "dell'Unione")."""


def _names_the_speaker(words: list[str], known: SubjectWords, speaking: tuple[str, ...]) -> bool:
    """Whether the subject's words name the body speaking ("the European Council"), or a
    pronoun stands for it as the sentence's first word ("It", "They")."""
    if words[0] in known.pronouns:
        return True
    phrase = " " + " ".join(word.strip(",") for word in words) + " "
    phrase = _ELIDED.sub(r"\1 ", phrase)  # "L'UE invite": the article apart from the name
    return any(f" {subject} " in phrase for subject in (*known.subjects, *speaking))


def opening_forms(
    text: str, found: list[tuple[int, str]], passive: frozenset[str] = frozenset(), speaking: tuple[str, ...] = ()
) -> list[int]:
    """Which of the verb forms found in `text` (start, form; in order) open a clause: every
    upper-case one; a lower-case one after the subject of its sentence (`speaking`: see
    `lower_case_opens`), or before it after an opening phrase where the verb comes second
    (`subject_after`), or after "and" in a sentence where a lower-case one did; a `passive`
    one after a name (`passive_opens`). Returns their indexes in `found`."""
    kept: list[int] = []
    for index, (start, form) in enumerate(found):
        if form in passive:
            if not passive_opens(text, start):
                continue
        elif form[:1].islower():
            last = found[kept[-1]] if kept else None
            same = last is not None and last[1][:1].islower() and last[1] not in passive
            same = same and last is not None and sentence_start(text, last[0]) == sentence_start(text, start)
            if not lower_case_opens(text, start, same, speaking) and not _verb_second(text, start, form):
                continue
        kept.append(index)
    return kept


# -- verbs in sentence case at a paragraph's or a point's start ---------------------------------
#
# A text in sentence case may name the body speaking once, in its preamble ("The Council of the
# European Union," ... "Hereby adopts the following conclusions:"), and open its paragraphs and
# points with the verb alone, its first letter capitalised ("1. Acknowledges that ...", "2.1
# Invites the Commission to ..."): the same verb as "ACKNOWLEDGES", whose subject is the
# preamble's. Decided by the document's structure, not by the words around the verb: only the
# first words of an operative paragraph or point qualify, and only after such a preamble; the same
# word inside a sentence, or in a text with no such preamble, is prose. A point under words that
# open a clause themselves is part of that clause ("INVITES the Commission to:" then "a) Support
# ...": an infinitive that the plural form "support" also writes), so it opens none.

_FIRST_WORD = re.compile(r"[^\W\d_]+")
# How a preamble's line that names the speaker ends: "," or ":", or a dash ("DER RAT DER
# EUROPÄISCHEN UNION —").
_PREAMBLE_ENDS = (",", ":", "—", "–", "-")


def preamble_speaks(preamble: Sequence[str], speaking: tuple[str, ...] = ()) -> bool:
    """Whether the preamble's first line names the body speaking as the subject of what follows:
    it names one of the `subjects` of `conclusions/words/*.yml` (or `speaking`, see `speakers`),
    in any case, and ends with "," or ":" or a dash ("The Council of the European Union,", "LE CONSEIL DE
    L'UNION EUROPÉENNE,", "The Council adopts the following conclusions:")."""
    if not preamble:
        return False
    line = preamble[0].strip()
    if not line.endswith(_PREAMBLE_ENDS):
        return False
    phrase = _ELIDED.sub(r"\1 ", " " + " ".join(line.rstrip("".join(_PREAMBLE_ENDS)).split()) + " ").casefold()
    return any(f" {subject.casefold()} " in phrase for subject in (*subject_words().subjects, *speaking))


def sentence_case(form: str) -> str:
    """A verb form as a sentence-case text writes it at a paragraph's start: its first letter
    capitalised, the rest lower case ("CALLS on" -> "Calls on", "invite" -> "Invite")."""
    return form[:1].upper() + form[1:].lower()


def sentence_case_index(
    forms: Iterable[tuple[str, T]],
) -> dict[str, tuple[tuple[str, T], ...]]:
    """The sentence-case writings of `forms` (form, what it stands for; the earlier pair wins a
    writing two forms share, "INVITE" before "invite"), by their first word, longest first."""
    by_writing: dict[str, T] = {}
    for form, owner in forms:
        by_writing.setdefault(sentence_case(form), owner)
    index: dict[str, list[tuple[str, T]]] = {}
    for writing, owner in by_writing.items():
        first = _FIRST_WORD.match(writing)
        if first is not None and first.start() == 0:
            index.setdefault(first.group(), []).append((writing, owner))
    return {word: tuple(sorted(pairs, key=lambda pair: -len(pair[0]))) for word, pairs in index.items()}


def sentence_case_opening(
    text: str, start: int, index: Mapping[str, tuple[tuple[str, T], ...]]
) -> tuple[str, T] | None:
    """The verb written in sentence case at `start` (the first word of a paragraph or a point) by
    `sentence_case_index`: (the form as written, what it stands for), or None."""
    first = _FIRST_WORD.match(text, start)
    if first is None or first.start() != start or not first.group()[:1].isupper():
        return None
    for writing, owner in index.get(first.group(), ()):
        stop = start + len(writing)
        if text.startswith(writing, start) and (stop == len(text) or not (text[stop].isalnum() or text[stop] in "-_")):
            return writing, owner
    return None


@dataclass(frozen=True)
class Opening:
    """Where the words of a paragraph (its opening words) or of one of its points stand in the
    paragraph's text, and the index of the item that holds it (-1 for the paragraph's words)."""

    start: int
    end: int
    parent: int = -1


def sentence_case_openings(
    text: str, items: Sequence[Opening], opened: Sequence[int], index: Mapping[str, tuple[tuple[str, T], ...]]
) -> list[tuple[int, str, T]]:
    """The verbs in sentence case that open a clause at the start of `items` (the paragraph's words,
    then its points, each after the item that holds it): (start, the form as written, what it
    stands for). An item opens one unless the item that holds it opens a clause: by a verb found
    otherwise (`opened`, the sorted starts of the clauses found in capitals or in prose) within
    that item's words, or by one of these."""
    found: list[tuple[int, str, T]] = []
    opens = [False] * len(items)
    for k, item in enumerate(items):
        # The clauses found otherwise that start within this item's own words (a point's children
        # come after its end, so they are not counted here).
        at = bisect_left(opened, item.start)
        opens[k] = at < len(opened) and opened[at] < item.end
        if item.parent >= 0 and opens[item.parent]:
            continue
        if opens[k] and opened[at] == item.start:
            continue  # a clause found otherwise opens here already ("INVITES", a site's own form)
        opening = sentence_case_opening(text, item.start, index)
        if opening is not None:
            found.append((item.start, *opening))
            opens[k] = True
    return found

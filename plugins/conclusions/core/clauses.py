"""Split paragraphs into operative clauses and find whom each clause asks to act.

A clause starts at an operative verb (the forms in `verbs.yml`). When the verb is the
first of its semicolon-separated segment, the clause takes in the opening words before it
("In this context, WELCOMES"), so that the clauses of a paragraph cover all of its text.
A request in the passive ("The Agency is invited to") asks its subject, named before it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from weakref import WeakKeyDictionary

from .mentions import Match, Matcher
from .model import Actor, Paragraph, Point, Verb
from .operative import (
    Opening,
    opening_forms,
    sentence_case_index,
    sentence_case_openings,
    sentence_start,
    subject_after,
)
from .urls import nth, within

# The words that may stand before the first addressee ("INVITES the Commission", "CALLS on
# all States", "RECOMMENDS to the Commission") are data (`before_addressees` in verbs.yml);
# any other word there means the verb's object is a thing ("ENCOURAGES the strengthening of
# ...") and not an actor.
# Where the addressees end: before "to <do>" in English, "à <faire>" or "de <faire>" in French,
# "a <fare>", "ad <agire>" or "di <fare>" in Italian, "a <hacer>" or "que <haga>" in Spanish and
# Portuguese ("INVITA a la Comisión a presentar", "SOLICITA à Comissão que apresente": looked for
# after the first addressee, so the "a" before it does not count); in Dutch before "om <te doen>"
# ("VERZOEKT de lidstaten om ... te ondersteunen") or the words in lower case that end with "te
# <doen>" ("VERZOEKT de Commissie uiterlijk in 2028 verslag uit te brengen"); in Polish before
# "do <zrobienia>" or "o <zrobienie>" ("WZYWA państwa członkowskie do przyjęcia", "ZWRACA SIĘ do
# Komisji o przedstawienie"); in German and Dutch at the verb's particle that closes them
# ("FORDERT die Kommission AUF, ...", "ROEPT de lidstaten OP om ..."), or at the comma before
# the infinitive that ends the clause ("ERSUCHT die Kommission, Leitlinien ... zu
# veröffentlichen", "..., die Bevölkerung einzubeziehen").
_INFINITIVE = re.compile(
    r",?\s+to(?:\s+[a-z]|:)"
    r"|,?\s+(?:à|de|di|d[’'])(?:\s*[a-zàâçéèêëîïôûùüÿœ]|\s*:)"
    r"|,?\s+ad?(?:\s+[a-zàáâãèéêìíòóôõùúç]|\s*:)|,?\s+que\s+[a-záâãéêíóôõúñç]"
    r"|,?\s+om(?:\s+[a-z]|\s*:)"
    r"|\s(?=[a-z][^,;:]*\ste\s+[a-z]+[\s;.:]*$)"
    r"|,?\s+(?:do|o)(?:\s+[a-ząćęłńóśźż]|\s*:)"
    r"|\s+(?:AUF|AN|HERVOR|FEST|ZUR\s+KENNTNIS|OP\s+AAN|OP|AAN|UIT)(?=[\s,;.:]|$)"
    r"|,(?=[^,;]*\s(?:zu\s+\w+|\w+zu\w+en)[\s;.:]*$)"
)


@dataclass(frozen=True)
class Clause:
    """One operative clause of a paragraph."""

    paragraph: Paragraph
    index: int
    """1-based position in the paragraph."""
    verb: Verb
    form: str
    start: int
    end: int
    verb_start: int
    anchor: str
    """Anchor on the paragraph's own page, e.g. 'invites-2'."""
    addressees: tuple[Actor, ...] = ()
    """Whom the clause asks to act (a request's), in the order the text names them."""

    @property
    def text_anchor(self) -> str:
        """Anchor of the same clause on the full-text page."""
        return within(self.paragraph.anchor, self.anchor)

    @property
    def source(self) -> str:
        """The clause's inline source text."""
        return self.paragraph.text[self.start : self.end]


def split_clauses(
    paragraph: Paragraph,
    verbs: Matcher[Verb],
    actors: Sequence[Match[Actor]],
    not_after: Sequence[str],
    before: Sequence[str] = ("the", "all", "relevant", "its"),
    speaking: tuple[str, ...] = (),
    sentence_case: bool = False,
) -> list[Clause]:
    """The operative clauses of `paragraph`, in order, which together cover its text.

    Args:
        paragraph: the paragraph (its points' words are in its text, each after a newline).
        verbs: the operative verbs' forms.
        actors: the actors mentioned in the paragraph (`Matcher.find`); a request's
            addressees are taken from them.
        not_after: phrases after which a named actor is a partner, not an addressee
            ("in close coordination with").
        before: the words that may stand between a verb and the first actor it asks.
        speaking: the bodies that speak in this text besides those of every text
            (`operative.speakers`: "The Member States recall" in a text of their Representatives).
        sentence_case: whether the text's preamble names the body speaking
            (`operative.preamble_speaks`): then a verb form with only its first letter
            capitalised opens a clause where it opens the paragraph or one of its points
            ("Invites the Commission to ...").
    """
    text = paragraph.text
    found = _opening(text, verbs.find(text), speaking)
    if sentence_case:
        taken = [m.start for m in found]
        extra = _sentence_case_openings(paragraph, verbs, taken)
        found = sorted([*found, *extra], key=lambda m: m.start)
    starts = [_clause_start(text, match, found[i - 1].end if i else 0, first=i == 0) for i, match in enumerate(found)]
    ends = [*starts[1:], len(text)][: len(starts)]
    clauses: list[Clause] = []
    counts: dict[str, int] = {}
    for i, (match, start, end) in enumerate(zip(found, starts, ends, strict=True)):
        verb = match.entry
        counts[verb.id] = counts.get(verb.id, 0) + 1
        if verb.passive:
            subject = (max(start, sentence_start(text, match.start)), match.start)
            addressees = _subject_addressees(text, subject, actors, not_after)
        elif verb.request:
            # A verb in second place has the body speaking after it: whom it asks comes next.
            after = match.start + len(match.pattern)
            zone = (subject_after(text, after) or after, end)
            addressees = _addressees(text, zone, actors, not_after, set(before))
        else:
            addressees = ()
        anchor = nth(verb.id, counts[verb.id])
        clauses.append(Clause(paragraph, i + 1, verb, match.pattern, start, end, match.start, anchor, addressees))
    return clauses


def _opening(text: str, found: list[Match[Verb]], speaking: tuple[str, ...]) -> list[Match[Verb]]:
    """The verb forms that open a clause (`operative.opening_forms`: a lower-case one only after
    the subject of its sentence)."""
    passive = frozenset(m.pattern for m in found if m.entry.passive)
    return [found[i] for i in opening_forms(text, [(m.start, m.pattern) for m in found], passive, speaking)]


def _sentence_case_openings(paragraph: Paragraph, verbs: Matcher[Verb], opened: Sequence[int]) -> list[Match[Verb]]:
    """The verbs written in sentence case as the first words of the paragraph or of its points
    ("Acknowledges that ...", "Calls on ..."), as the verb their forms stand for ("ACKNOWLEDGES");
    `opened`: the starts of the clauses found otherwise, in order (`operative.sentence_case_openings`)."""
    items: list[Opening] = []

    def walk(points: tuple[Point, ...], parent: int) -> None:
        for point in points:
            items.append(Opening(point.start, point.end, parent))
            walk(point.points, len(items) - 1)

    first = paragraph.points[0].start if paragraph.points else len(paragraph.text)
    items.append(Opening(0, first))
    walk(paragraph.points, 0)
    found = sentence_case_openings(paragraph.text, items, opened, _sentence_case_forms(verbs))
    return [Match(verb, start, start + len(written), written) for start, written, verb in found]


_FORMS: WeakKeyDictionary[Matcher[Verb], Mapping[str, tuple[tuple[str, Verb], ...]]] = WeakKeyDictionary()
"""Each verb matcher's sentence-case index, kept as long as the matcher (a build's, or one the
serve machinery keeps): asked for at every paragraph, it reads every form of every verb."""


def _sentence_case_forms(verbs: Matcher[Verb]) -> Mapping[str, tuple[tuple[str, Verb], ...]]:
    # Upper-case forms first: a writing two forms share is the upper-case one's verb ("Invite"
    # is the French INVITE, not the English plural "invite" of INVITES). A passive request has
    # its subject before it: never first.
    index = _FORMS.get(verbs)
    if index is None:
        pairs = sorted(
            ((form, verb) for form, (verb, _) in verbs.owner.items() if not verb.passive),
            key=lambda pair: pair[0][:1].islower(),
        )
        index = _FORMS[verbs] = sentence_case_index(pairs)
    return index


def _clause_start(text: str, verb: Match[Verb], previous_end: int, *, first: bool) -> int:
    """Where the clause of `verb` starts: at the start of its segment (after ';' or the newline
    that opens a point) when no other verb stands there before it, else at the verb itself;
    the first clause of a paragraph whose verb stands in its opening words, at 0."""
    # Points are joined with newlines: a clause never reaches back into an earlier point,
    # and a paragraph's opening words ("On partnerships:") stay outside its points' clauses.
    segment_start = max(text.rfind(";", 0, verb.start), text.rfind("\n", 0, verb.start)) + 1
    if verb.pattern[:1].islower():
        # A verb in prose has its subject before it: the clause starts with its sentence.
        segment_start = max(segment_start, sentence_start(text, verb.start))
    start = segment_start if segment_start >= previous_end else verb.start
    if first and "\n" not in text[: verb.start]:
        start = 0
    while start < verb.start and text[start] == " ":
        start += 1
    return start


def _addressees(
    text: str, zone: tuple[int, int], actors: Sequence[Match[Actor]], not_after: Sequence[str], before: set[str]
) -> tuple[Actor, ...]:
    """The actors named between the verb (its form ends at `zone[0]`) and "to <do>", less the
    partners after a `not_after` phrase; none when another word than `before` stands first."""
    zone_start, clause_end = zone
    after_verb = [m for m in actors if zone_start <= m.start and m.end <= clause_end]
    if not after_verb:
        return ()
    before_first = text[zone_start : after_verb[0].start].strip(" ,")
    # In capitals too: "INVITA GLI STATI MEMBRI", "INVITES ALL STATES".
    if any(word not in before and word.lower() not in before for word in before_first.split()):
        return ()
    # The addressees run up to "to <do>"; looked for after the first of them, since "to" may
    # also stand before it ("RECOMMENDS to the Commission ... to define").
    infinitive = _INFINITIVE.search(text, after_verb[0].end, clause_end)
    if not infinitive:
        return ()
    zone_end = infinitive.start()
    inside = [m for m in after_verb if m.end <= zone_end]
    return _named(text, (zone_start, zone_end), inside, not_after)


def _subject_addressees(
    text: str, zone: tuple[int, int], actors: Sequence[Match[Actor]], not_after: Sequence[str]
) -> tuple[Actor, ...]:
    """Whom a passive request asks: the actors of its subject, between the clause's start and
    the verb ("The Agency and the Member States are invited"), less the partners."""
    inside = [m for m in actors if zone[0] <= m.start and m.end <= zone[1]]
    return _named(text, zone, inside, not_after)


def _named(
    text: str, zone: tuple[int, int], inside: Sequence[Match[Actor]], not_after: Sequence[str]
) -> tuple[Actor, ...]:
    """The actors of `inside` (mentions within `zone`), once each in order, less those after a
    `not_after` phrase (up to the next comma)."""
    zone_start, zone_end = zone
    excluded: list[tuple[int, int]] = []
    for phrase in not_after:
        for hit in re.finditer(re.escape(phrase), text[zone_start:zone_end]):
            begin = zone_start + hit.start()
            stop = text.find(",", begin, zone_end)
            excluded.append((begin, zone_end if stop == -1 else stop))
    result: list[Actor] = []
    for match in inside:
        if any(s <= match.start < e for s, e in excluded):
            continue
        if match.entry not in result:
            result.append(match.entry)
    return tuple(result)

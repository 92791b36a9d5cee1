"""Split paragraphs into operative clauses and find whom each clause asks to act.

A clause starts at an operative verb (the forms in `verbs.yml`). When the verb is the
first of its semicolon-separated segment, the clause takes in the opening words before it
("In this context, WELCOMES"), so that the clauses of a paragraph cover all of its text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from .mentions import Match, Matcher
from .model import Actor, Paragraph, Verb
from .urls import nth, within

# The words that may stand before the first addressee ("INVITES the Commission", "CALLS on
# all States", "RECOMMENDS to the Commission") are data (`before_addressees` in verbs.yml);
# any other word there means the verb's object is a thing ("ENCOURAGES the strengthening of
# ...") and not an actor.
_INFINITIVE = re.compile(r",?\s+to(?:\s+[a-z]|:)")


@dataclass
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
    addressees: list[Actor] = field(default_factory=list)

    @property
    def text_anchor(self) -> str:
        """Anchor of the same clause on the full-text page."""
        return within(self.paragraph.anchor, self.anchor)

    @property
    def source(self) -> str:
        return self.paragraph.text[self.start : self.end]


def split_clauses(
    paragraph: Paragraph,
    verbs: Matcher[Verb],
    actors: list[Match[Actor]],
    not_after: list[str],
    before: list[str] = ("the", "all", "relevant", "its"),  # type: ignore[assignment]
) -> list[Clause]:
    text = paragraph.text
    found = verbs.find(text)
    clauses: list[Clause] = []
    counts: dict[str, int] = {}
    for i, match in enumerate(found):
        # Points are joined with newlines: a clause never reaches back into an earlier point,
        # and a paragraph's opening words ("On partnerships:") stay outside its points' clauses.
        segment_start = max(text.rfind(";", 0, match.start), text.rfind("\n", 0, match.start)) + 1
        previous_end = found[i - 1].end if i else 0
        start = segment_start if segment_start >= previous_end else match.start
        if i == 0 and "\n" not in text[: match.start]:
            start = 0
        while start < match.start and text[start] == " ":
            start += 1
        counts[match.entry.id] = counts.get(match.entry.id, 0) + 1
        anchor = nth(match.entry.id, counts[match.entry.id])
        clauses.append(Clause(paragraph, i + 1, match.entry, match.pattern, start, len(text), match.start, anchor))
    for current, following in pairwise(clauses):
        current.end = following.start
    for clause in clauses:
        if clause.verb.request:
            clause.addressees = _addressees(clause, text, actors, not_after, set(before))
    return clauses


def _addressees(
    clause: Clause, text: str, actors: list[Match[Actor]], not_after: list[str], before: set[str]
) -> list[Actor]:
    zone_start = clause.verb_start + len(clause.form)
    after_verb = [m for m in actors if zone_start <= m.start and m.end <= clause.end]
    if not after_verb:
        return []
    before_first = text[zone_start : after_verb[0].start].strip(" ,")
    if any(word not in before for word in before_first.split()):
        return []
    # The addressees run up to "to <do>"; looked for after the first of them, since "to" may
    # also stand before it ("RECOMMENDS to the Commission ... to define").
    infinitive = _INFINITIVE.search(text, after_verb[0].end, clause.end)
    if not infinitive:
        return []
    zone_end = infinitive.start()
    inside = [m for m in after_verb if m.end <= zone_end]
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
    return result

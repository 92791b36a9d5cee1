"""The operative verbs of an imported text, against the shared list in `registry/verbs.yml`.

Verbs are found two ways, both in the numbered paragraphs only (a site's verbs.yml may
list only forms that occur there):

- the upper-case runs that open a clause (`core.operative.opening_runs`), which finds
  verbs in any language without a list; a run is matched to the longest listed form
  written at its place ("CALLS" followed by "upon" is "CALLS upon");
- the listed forms wherever they stand, for verbs the position rule leaves out by design
  ("RESTATES ... and CALLS on all States", "..., STRESSES its key role");

and the lower-case forms where the subject of their sentence stands before them
(`find_prose_verbs`: "The Council invites", "They note", "The Agency is invited"), and the
forms with only their first letter capitalised as the first words of a paragraph or a point,
in a text whose preamble names the body speaking (`find_sentence_case_verbs`: "The Council of
the European Union," ... "1. Acknowledges that ...").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from ..core.layout import SHARED_REGISTRY, VERBS_FILE
from ..core.operative import (
    Opening,
    opening_forms,
    opening_runs,
    preamble_speaks,
    sentence_case_index,
    sentence_case_openings,
    speakers,
)
from ..core.yamlsource import load_package_yaml
from .model import DraftParagraph, DraftPoint
from .yamltext import FlowList, dump

SHARED = SHARED_REGISTRY / VERBS_FILE


@dataclass(frozen=True)
class KnownVerb:
    """An operative verb of the shared list: its forms and whether it asks someone to act."""

    verb: str
    forms: tuple[str, ...]
    request: bool
    passive: bool = False
    """A request in the passive ("is invited"): it opens a clause after a name."""


@dataclass(frozen=True)
class FoundVerb:
    """A verb of the text: the forms written, how often, and whether the shared list has it."""

    verb: str
    forms: tuple[str, ...]
    request: bool
    count: int
    known: bool


def shared_verbs(lower_case: bool = False) -> list[KnownVerb]:
    """The operative verbs of the shared registry (`conclusions/registry/verbs.yml`): their
    upper-case forms, or (`lower_case`) the forms a text writes in prose ("The Council invites",
    "They invite", "The Agency is invited")."""
    return list(_verbs_in(SHARED.read_bytes(), lower_case))


@lru_cache(maxsize=4)
def _verbs_in(shared: bytes, lower_case: bool) -> tuple[KnownVerb, ...]:
    # By the file's bytes: every import reads the list, and parsing it is most of a short import.
    data = load_package_yaml(shared.decode("utf-8"))
    verbs = []
    for entry in data["verbs"]:
        forms = tuple(form for form in entry["forms"] if form[:1].islower() == lower_case)
        if forms:
            verbs.append(KnownVerb(entry["verb"], forms, bool(entry["request"]), bool(entry.get("passive"))))
    return tuple(verbs)


def find_prose_verbs(paragraphs: list[DraftParagraph], known: list[KnownVerb], title: str = "") -> list[FoundVerb]:
    """The verbs a text writes in lower case where they open a clause (after the subject of their
    sentence: `core.operative.opening_forms`, with the bodies that speak in a text of this
    `title`), by the lower-case forms of `known`."""
    speaking = speakers(title)
    by_form = {form: verb for verb in known for form in verb.forms}
    passive = frozenset(form for verb in known if verb.passive for form in verb.forms)
    pattern = _any_form(tuple(by_form))
    counts: dict[str, dict[str, int]] = {}
    for paragraph in paragraphs:
        text = paragraph_text(paragraph)
        found = [(m.start(), m.group()) for m in pattern.finditer(text)] if by_form else []
        for index in opening_forms(text, found, passive, speaking):
            form = found[index][1]
            verb = by_form[form].verb
            counts.setdefault(verb, {}).setdefault(form, 0)
            counts[verb][form] += 1
    verbs = {verb.verb: verb for verb in known}
    return [
        FoundVerb(verb, tuple(sorted(forms)), verbs[verb].request, sum(forms.values()), True)
        for verb, forms in sorted(counts.items())
    ]


@lru_cache(maxsize=4)
def _sentence_case_index(known: tuple[KnownVerb, ...]) -> Mapping[str, tuple[tuple[str, KnownVerb], ...]]:
    """The sentence-case writings of the forms of `known`, upper-case ones first: made once per
    list of verbs (the shared list, read once), not once per text."""
    pairs = sorted(
        ((form, verb) for verb in known if not verb.passive for form in verb.forms), key=lambda p: p[0][:1].islower()
    )
    return sentence_case_index(pairs)


def find_sentence_case_verbs(
    paragraphs: list[DraftParagraph], preamble: list[str], known: list[KnownVerb], title: str = ""
) -> list[FoundVerb]:
    """The verbs written in sentence case where they open a paragraph or a point ("Calls on the
    Member States ..."), when the `preamble` names the body speaking (`core.operative.
    preamble_speaks`; the bodies that speak in a text of this `title` count too), by the forms of
    `known`, upper-case ones first (the capitals form's verb is the verb: "Invite" is INVITE); not
    under words that open a clause themselves (`core.operative.sentence_case_openings`)."""
    speaking = speakers(title)
    if not preamble_speaks(preamble, speaking):
        return []
    index = _sentence_case_index(tuple(known))
    passive = frozenset(form for verb in known if verb.passive for form in verb.forms)
    pattern = _any_form(tuple(sorted({form for verb in known for form in verb.forms})))
    counts: dict[str, dict[str, int]] = {}
    for paragraph in paragraphs:
        text = paragraph_text(paragraph)
        listed = [(m.start(), m.group()) for m in pattern.finditer(text)]
        opened = {listed[i][0] for i in opening_forms(text, listed, passive, speaking)}
        opened.update(run.start for run in opening_runs(text))
        for _, written, verb in sentence_case_openings(text, _items(paragraph), sorted(opened), index):
            counts.setdefault(verb.verb, {}).setdefault(written, 0)
            counts[verb.verb][written] += 1
    verbs = {verb.verb: verb for verb in known}
    return [
        FoundVerb(verb, tuple(sorted(forms)), verbs[verb].request, sum(forms.values()), True)
        for verb, forms in sorted(counts.items())
    ]


def _items(paragraph: DraftParagraph) -> list[Opening]:
    """The paragraph's opening words and each point's words (after its marker and its space) in
    `paragraph_text`, each with the item that holds it."""
    items = [Opening(0, len(paragraph.text))]
    position = len(paragraph.text) + 1

    def walk(points: list[DraftPoint], parent: int) -> None:
        nonlocal position
        for point in points:
            start = position + len(point.marker) + 1
            items.append(Opening(start, start + len(point.text), parent))
            position = start + len(point.text) + 1
            walk(point.children, len(items) - 1)

    walk(paragraph.points, 0)
    return items


@lru_cache(maxsize=8)
def _any_form(forms: tuple[str, ...]) -> re.Pattern[str]:
    # By the forms: a language's list is the same for every import, and this alternation of
    # hundreds of escaped forms took longer to write out than to search a short text.
    return re.compile(
        r"(?<![\w-])(?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) + r")(?![\w-])"
    )


def paragraph_text(paragraph: DraftParagraph) -> str:
    """A paragraph's text with its points on lines of their own (as the parser joins them)."""

    def lines(points: list[DraftPoint]) -> list[str]:
        return [text for point in points for text in (f"{point.marker} {point.text}", *lines(point.children))]

    closing = [paragraph.closing.text] if paragraph.closing else []
    return "\n".join([paragraph.text, *lines(paragraph.points), *closing])


def _at_word_end(text: str, end: int) -> bool:
    return end >= len(text) or not (text[end].isalnum() or text[end] == "_")


def find_verbs(paragraphs: list[DraftParagraph], known: list[KnownVerb]) -> list[FoundVerb]:
    """The operative verbs that open the clauses of `paragraphs`, known ones by their forms in
    `known`, others as new."""
    by_form = {form: verb for verb in known for form in verb.forms}
    forms_longest_first = sorted(by_form, key=len, reverse=True)
    counts: dict[str, dict[str, int]] = {}
    for paragraph in paragraphs:
        text = paragraph_text(paragraph)
        # The characters already counted as a verb, one flag each: a match is checked against
        # its own characters, not against every match before it.
        taken = bytearray(len(text))
        for run in opening_runs(text):
            form = next(
                (
                    f
                    for f in forms_longest_first
                    if text.startswith(f, run.start) and _at_word_end(text, run.start + len(f))
                ),
                run.words,
            )
            verb = by_form[form].verb if form in by_form else run.words
            counts.setdefault(verb, {}).setdefault(form, 0)
            counts[verb][form] += 1
            taken[run.start : run.start + len(form)] = b"\x01" * len(form)
        for form in forms_longest_first:
            if form not in text:  # most forms are not in a given paragraph: skip their search
                continue
            for match in re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-])", text):
                if any(taken[match.start() : match.end()]):
                    continue
                verb = by_form[form].verb
                counts.setdefault(verb, {}).setdefault(form, 0)
                counts[verb][form] += 1
                taken[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
    known_by_verb = {verb.verb: verb for verb in known}
    found = []
    for verb in sorted(counts):
        entry = known_by_verb.get(verb)
        found.append(
            FoundVerb(
                verb,
                tuple(sorted(counts[verb])),
                entry.request if entry else False,
                sum(counts[verb].values()),
                entry is not None,
            )
        )
    return found


def verbs_yaml(found: list[FoundVerb], source_name: str) -> str:
    """The site's verbs.yml: the verbs found that the shared list lacks, with the forms that occur."""
    head = (
        f"# Operative verbs of {source_name} that the shared list (conclusions/registry/verbs.yml)\n"
        "# lacks, found by the importer. Check each one: request: true when it asks someone to act.\n"
    )
    if not found:
        return head + "verbs: []\n"
    data = {"verbs": [{"verb": verb.verb, "forms": FlowList(verb.forms), "request": verb.request} for verb in found]}
    return head + dump(data)

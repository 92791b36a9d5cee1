"""Registry entries and paragraphs made in code, for the unit tests: no file, no document."""

from __future__ import annotations

from functools import cache

from conclusions.core.layout import SHARED_REGISTRY, VERBS_FILE
from conclusions.core.mentions import Matcher
from conclusions.core.model import Actor, Instrument, Paragraph, Term, Verb

from site_tests.support import yaml_data


def instrument(entry_id: str, *patterns: str, name: str = "", exclude: tuple[str, ...] = ()) -> Instrument:
    return Instrument(
        id=entry_id, name=name or entry_id, patterns=patterns, path="instruments.yml", line=1, exclude=exclude
    )


def term(entry_id: str, *patterns: str, name: str = "", expansion: str = "") -> Term:
    return Term(
        id=entry_id,
        name=name or patterns[0],
        patterns=patterns,
        path="glossary.yml",
        line=1,
        expansion=expansion or f"the {entry_id}",
    )


def actor(entry_id: str, *patterns: str, exclude: tuple[str, ...] = ()) -> Actor:
    return Actor(id=entry_id, name=entry_id, patterns=patterns, path="actors.yml", line=1, exclude=exclude)


def verb(name: str, *forms: str, request: bool = True, passive: bool = False) -> Verb:
    return Verb(
        id=name.lower().replace(" ", "-"),
        name=name,
        patterns=forms or (name,),
        path="verbs.yml",
        line=1,
        request=request,
        passive=passive,
    )


def paragraph(text: str, number: int = 1) -> Paragraph:
    return Paragraph(number, text, line=1)


@cache
def shared_verb_matcher() -> tuple[Matcher[Verb], tuple[str, ...], tuple[str, ...]]:
    """The shared registry's verbs (registry/verbs.yml) as a matcher, with its `before_addressees`
    and `not_addressees_after`: what `split_clauses` reads besides the actors."""
    shared = yaml_data.safe_load((SHARED_REGISTRY / VERBS_FILE).read_text(encoding="utf-8"))
    verbs = Matcher(
        [
            verb(e["verb"], *e["forms"], request=bool(e["request"]), passive=bool(e.get("passive")))
            for e in shared["verbs"]
        ],
        "verb",
    )
    return verbs, tuple(shared["before_addressees"]), tuple(shared["not_addressees_after"])

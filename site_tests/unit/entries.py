"""Registry entries and paragraphs made in code, for the unit tests: no file, no document."""

from __future__ import annotations

from conclusions.core.model import Actor, Instrument, Paragraph, Term, Verb


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

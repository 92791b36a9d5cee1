"""The import report: a verdict first, then each line to decide, then what was found and removed.

It is meant to be read by the person who checks an import, in this order:

1. the verdict: "ready to publish", or "N lines need a decision" (the build refuses the site
   until each is placed in document.md or accepted in import.yml);
2. each unplaced or doubtful line (or header field) with its line number (page and line for a
   PDF), its text and the likely cause;
3. the counts to compare with the original, the operative verbs (and which are new, or that
   none was recognised), the furniture removed, and notes.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Doubt, SourceLine
from .verbs import FoundVerb

_EXAMPLES = 3
_SHOWN = 100
"""Characters of a line shown in the report (the whole line is in import.yml)."""


@dataclass(frozen=True)
class Report:
    """What an import found and did, for the person who checks it (`text()`)."""

    source: str
    kind: str
    fields_found: tuple[str, ...]
    fields_missing: tuple[str, ...]
    recitals: int
    recital_kind: str
    """"dashes", "letters", "no mark, written with dashes" (lines opened by "RECALLING ..."), the
    kinds found joined by "and", or "" when there are none."""
    paragraphs: int
    sections: int
    points: int
    footnotes: int
    footnotes_without_text: tuple[str, ...]
    verbs: tuple[FoundVerb, ...]
    removed: tuple[SourceLine, ...]
    unplaced: tuple[SourceLine, ...]
    notes: tuple[str, ...]
    options: tuple[tuple[str, str], ...]
    doubtful: tuple[Doubt, ...] = ()
    causes: tuple[tuple[str, str], ...] = ()
    """(where, likely cause) of unplaced lines whose cause is known."""
    refusal: str = ""
    """Why nothing was written (no conclusions found, no title): the last line of the report."""

    @property
    def new_verbs(self) -> tuple[FoundVerb, ...]:
        """The operative verbs the shared list lacks."""
        return tuple(verb for verb in self.verbs if not verb.known)

    @property
    def to_decide(self) -> int:
        """How many lines and fields need a decision before the site can be published."""
        return len(self.unplaced) + len(self.doubtful)

    def verdict(self) -> str:
        """The report's first line."""
        if self.refusal:
            return f"Verdict: not imported: {self.refusal}"
        if not self.to_decide:
            return "Verdict: ready to publish (every line of the input is placed or removed as page furniture)"
        lines = "line needs" if self.to_decide == 1 else "lines need"
        verdict = f"Verdict: {self.to_decide} {lines} a decision"
        unplaced = bool(self.unplaced)
        if unplaced:
            verdict += (
                ": place each unplaced line in source/document.md, or accept it in source/import.yml "
                "('accepted:', with a reason)"
            )
        if self.doubtful:
            # A doubtful line's words are on the site, so the words check cannot see a wrong
            # place: the build refuses it until a person has looked.
            verdict += "; " if unplaced else ": "
            verdict += (
                "check each doubtful line in source/document.md, correct it there, and record it in "
                "source/import.yml ('checked:', its where, text and a reason)"
            )
        verdict += "; until then `mkdocs build` refuses the site"
        return verdict

    def text(self) -> str:
        """The report as the command prints it."""
        out = [self.verdict(), f"Import of {self.source} ({self.kind})"]
        out += self._decisions()
        if self.options:
            out.append("Options: " + ", ".join(f"{name}={value}" for name, value in self.options))
        out.append("Header fields found: " + (", ".join(self.fields_found) or "none"))
        out.append("Header fields missing: " + (", ".join(self.fields_missing) or "none"))
        kind = f" ({self.recital_kind})" if self.recital_kind else ""
        out.append(
            f"Counts: {_count(self.recitals, 'recital')}{kind}, {_count(self.paragraphs, 'paragraph')}, "
            f"{_count(self.sections, 'section')}, {_count(self.points, 'point')}, {_count(self.footnotes, 'footnote')}"
        )
        if self.footnotes_without_text:
            out.append("Footnotes without text: " + ", ".join(self.footnotes_without_text))
        out += self._verbs()
        out.append(f"Furniture removed: {len(self.removed)} lines")
        for line in self.removed[:_EXAMPLES]:
            out.append(f"  {line.where.label()}: {line.text}")
        if len(self.removed) > _EXAMPLES:
            out.append(f"  ... and {len(self.removed) - _EXAMPLES} more (all in import.yml)")
        if self.notes:
            out.append("Notes:")
            out += [f"  {note}" for note in self.notes]
        return "\n".join(out) + "\n"

    def _decisions(self) -> list[str]:
        causes = dict(self.causes)
        out = [f"Unplaced lines: {len(self.unplaced)}" + (" (not in document.md)" if self.unplaced else "")]
        for line in self.unplaced:
            cause = causes.get(line.where.label(), "")
            out.append(f"  {line.where.label()}: {_short(line.text)}" + (f"  [{cause}]" if cause else ""))
        if self.doubtful:
            out.append(f"Doubtful: {len(self.doubtful)} (placed, but not to be trusted)")
            out += [f"  {doubt.where}: {_short(doubt.text)}  [{doubt.why}]" for doubt in self.doubtful]
        return out

    def _verbs(self) -> list[str]:
        if not self.verbs:
            return [
                "Operative verbs: none recognised: no paragraph opens with a verb of the shared list "
                "(conclusions/registry/verbs.yml); no clause or request will be found until its verbs are "
                "added to source/verbs.yml"
            ]
        new = len(self.new_verbs)
        out = [f"Operative verbs: {len(self.verbs)} ({new} not in the shared list, marked NEW)"]
        for verb in self.verbs:
            mark = "" if verb.known else "  NEW"
            request = "request" if verb.request else "position"
            out.append(f"  {verb.verb}: {verb.count}x as {', '.join(verb.forms)} [{request}]{mark}")
        return out


def _short(text: str) -> str:
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"


def _count(number: int, noun: str) -> str:
    """'1 footnote', '2 footnotes', '0 sections'."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"

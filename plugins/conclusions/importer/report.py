"""The import report: what was found, what was taken out, and every line left unplaced.

It is meant to be read by the person who checks an import: counts to compare with the
original, the verbs to check against the shared list, the furniture that was dropped,
and each line the importer could not place, with its line (page and line for a PDF).
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import SourceLine
from .verbs import FoundVerb

_EXAMPLES = 3


@dataclass(frozen=True)
class Report:
    """What an import found and did, for the person who checks it (`text()`)."""

    source: str
    kind: str
    fields_found: tuple[str, ...]
    fields_missing: tuple[str, ...]
    recitals: int
    recital_kind: str
    """"dashes", "letters" or "" when there are none."""
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

    @property
    def new_verbs(self) -> tuple[FoundVerb, ...]:
        """The operative verbs the shared list lacks."""
        return tuple(verb for verb in self.verbs if not verb.known)

    def text(self) -> str:
        """The report as the command prints it."""
        out = [f"Import of {self.source} ({self.kind})"]
        if self.options:
            out.append("Options: " + ", ".join(f"{name}={value}" for name, value in self.options))
        out.append("Header fields found: " + (", ".join(self.fields_found) or "none"))
        out.append("Header fields missing: " + (", ".join(self.fields_missing) or "none"))
        kind = f" ({self.recital_kind})" if self.recital_kind else ""
        out.append(
            f"Counts: {self.recitals} recitals{kind}, {self.paragraphs} paragraphs, {self.sections} sections, "
            f"{self.points} points, {self.footnotes} footnotes"
        )
        if self.footnotes_without_text:
            out.append("Footnotes without text: " + ", ".join(self.footnotes_without_text))
        new = len(self.new_verbs)
        out.append(f"Operative verbs: {len(self.verbs)} ({new} not in the shared list, marked NEW)")
        for verb in self.verbs:
            mark = "" if verb.known else "  NEW"
            request = "request" if verb.request else "position"
            out.append(f"  {verb.verb}: {verb.count}x as {', '.join(verb.forms)} [{request}]{mark}")
        out.append(f"Furniture removed: {len(self.removed)} lines")
        for line in self.removed[:_EXAMPLES]:
            out.append(f"  {line.where.label()}: {line.text}")
        if len(self.removed) > _EXAMPLES:
            out.append(f"  ... and {len(self.removed) - _EXAMPLES} more (all in import.yml)")
        out.append(
            f"Unplaced lines: {len(self.unplaced)}" + (" (not in document.md: check them)" if self.unplaced else "")
        )
        for line in self.unplaced:
            out.append(f"  {line.where.label()}: {line.text}")
        if self.notes:
            out.append("Notes:")
            out += [f"  {note}" for note in self.notes]
        return "\n".join(out) + "\n"

"""Errors that name the file, the line and what to do, in one line."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class SourceError(Exception):
    """A mistake in `source/` that stops the build."""

    path: Path | str
    """The file at fault."""
    line: int | None
    """1-based line, when the mistake has one."""
    message: str
    """What is wrong and what to do, as one sentence."""
    column: int | None = None
    """1-based column, where it applies."""

    def __str__(self) -> str:
        where = str(self.path)
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        # One line, whatever the message quotes from the source (a value may span lines).
        return f"{where}: {' '.join(self.message.split())}"

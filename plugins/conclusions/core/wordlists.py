"""The words the automatic reading looks for, as data: a file shipped in `registry/`, whose
top-level keys (a language code, or a group such as `addresses`) a site may add to or replace
in a file of the same name in its `source/`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .errors import Problems, SourceError
from .yamlsource import load_yaml, read_text

SHARED_DIR = Path(__file__).resolve().parent.parent / "registry"


def read_layers(name: str, source_dir: Path | None, problems: Problems) -> dict[str, Any]:
    """The top-level mapping of `registry/<name>`, each key replaced by the site's own file's.

    Args:
        name: the file's name ("citations.yml").
        source_dir: the site's `source/` (None: the shared file alone).
        problems: where a mistake in either file goes; the file is then left out.
    """
    merged: dict[str, Any] = {}
    layers = [(SHARED_DIR / name, f"conclusions/registry/{name}")]
    if source_dir is not None:
        layers.append((source_dir / name, f"{source_dir.name}/{name}"))
    for path, display in layers:
        if not path.is_file():
            continue
        try:
            data = load_yaml(read_text(path, display), display)
        except SourceError as error:
            problems.add(error)
            continue
        if not isinstance(data, dict):
            problems.add(SourceError(display, 1, "expected a mapping of language codes (and groups) to their words"))
            continue
        merged.update({str(key): value for key, value in data.items()})
    return merged


def texts(value: object) -> tuple[str, ...]:
    """A list of words from the data, as a tuple of non-empty strings (anything else dropped)."""
    if isinstance(value, str):
        return (value,) if value else ()
    if not isinstance(value, list):
        return ()
    return tuple(str(v) for v in value if isinstance(v, str | int) and str(v))


def any_of(words: tuple[str, ...] | list[str]) -> str:
    """A regular-expression group matching any of `words`, the longest first."""
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"

"""YAML read by the tests, with libyaml's parser when PyYAML has it, as the core reads a site's
files: PyYAML's pure-Python parser is many times slower, and the registries the tests read
again and again are large."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text: str | bytes) -> Any:
    """What `yaml.safe_load` gives for the same text (the safe tags only)."""
    return yaml.load(text, Loader=_Loader)


@cache
def read_shipped(path: Path) -> Any:
    """A data file the package ships (its registry, its words), read once per session: several
    tests read each of them, and no test writes them. What it gives is shared: a test reads it
    and never changes it."""
    return safe_load(path.read_text(encoding="utf-8"))

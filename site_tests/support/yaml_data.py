"""YAML read by the tests, with libyaml's parser when PyYAML has it, as the core reads a site's
files: PyYAML's pure-Python parser is many times slower, and the registries the tests read
again and again are large."""

from __future__ import annotations

from typing import Any

import yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text: str | bytes) -> Any:
    """What `yaml.safe_load` gives for the same text (the safe tags only)."""
    return yaml.load(text, Loader=_Loader)

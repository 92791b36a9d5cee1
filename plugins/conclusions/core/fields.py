"""Checks of hand-edited YAML mappings: required fields, types, unknown keys."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any

from .errors import SourceError
from .yamlsource import Located

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Field:
    """One allowed key of a mapping."""

    kind: type
    """`str`, `list` (of non-empty strings) or `bool`."""
    required: bool = False
    https: bool = False
    """The value is an address and must be an https URL."""
    slug: bool = False
    """The value becomes part of a URL and must be lower-case letters, digits and dashes."""
    items: type = str
    """For lists: the type of each item (`str`, or `dict` for a list of entries)."""


_TYPE_NAMES = {str: "text", list: "a list of texts", bool: "true or false"}


def check_mapping(entry: Any, fields: dict[str, Field], path: str, what: str, line: int) -> Located:
    """Return `entry` if it fits `fields`, or raise an error naming the line and the fix."""
    if not isinstance(entry, Located):
        raise SourceError(path, line, f"{what} must be a mapping of 'key: value' lines")
    for key in entry:
        if key not in fields:
            close = difflib.get_close_matches(key, fields, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"allowed keys: {', '.join(fields)}"
            raise SourceError(path, entry.line_of(key), f"unknown key '{key}' in {what}; {hint}")
    for key, field in fields.items():
        if key not in entry:
            if field.required:
                raise SourceError(path, entry.line, f"{what} has no '{key}'; add it")
            continue
        if entry[key] is None:
            if field.required:
                raise SourceError(path, entry.line_of(key), f"'{key}' of {what} has no value; fill it in")
            continue
        value = entry[key]
        if field.kind is str and isinstance(value, int | float) and not isinstance(value, bool):
            value = entry[key] = str(value)
        ok = isinstance(value, field.kind)
        if ok and field.kind is list and field.items is str:
            ok = bool(value) and all(isinstance(v, str) and v.strip() for v in value)
        if ok and field.kind is str:
            ok = bool(value.strip())
        if not ok:
            type_name = "a list of entries" if field.items is dict else _TYPE_NAMES[field.kind]
            raise SourceError(
                path,
                entry.line_of(key),
                f"'{key}' of {what} must be {type_name}" + (" and not empty" if field.kind is not bool else ""),
            )
        if field.https and not re.match(r"^https://[^\s/]+\.[^\s]+$", value):
            raise SourceError(path, entry.line_of(key), f"'{key}' of {what} must be an https:// URL, not {value!r}")
        if field.slug and not SLUG.match(value):
            raise SourceError(
                path,
                entry.line_of(key),
                (
                    f"'{key}' of {what} must be lower-case letters, digits and dashes (it "
                    f"becomes part of a URL), not {value!r}"
                ),
            )
    return entry

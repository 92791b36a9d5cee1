"""Checks of hand-edited YAML mappings: required fields, types, unknown keys."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from .errors import SourceError, shown
from .limits import MAX_ID_LENGTH
from .yamlsource import Located

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
"""Use with `fullmatch`: `$` would also match before a final newline ("commission\\n")."""

# What an address may hold as written: RFC 3986's unreserved and reserved characters, less the
# quote (') and the brackets of IPv6 hosts, and %-escapes. Everything else (spaces, control
# characters, quotes, angle brackets, backslashes, braces, non-ASCII letters) is a mistake or
# an attack on the page it lands in, and a browser would rewrite it anyway.
_URL_CHARS = re.compile(r"[A-Za-z0-9\-._~:/?#@!$&()*+,;=]|%[0-9A-Fa-f]{2}")
_HOST = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?")


def url_problem(value: str, schemes: tuple[str, ...] = ("https",), dotted_host: bool = True) -> str | None:
    """What keeps `value` from being a web address a page can link to safely; None if nothing.

    Parsed with urllib.parse: one of `schemes`, a host name (with a dot unless `dotted_host` is
    False: "localhost"), no user name or password, a numeric port if any, and only characters
    of `_URL_CHARS`.
    """
    pos = 0
    while pos < len(value):
        found = _URL_CHARS.match(value, pos)
        if found is None:
            ch = value[pos]
            shown = f"'{ch}'" if ch.isprintable() and not ch.isspace() else f"U+{ord(ch):04X}"
            fix = "write it as %" + "%".join(f"{b:02X}" for b in ch.encode()) if ch != "%" else "write it as %25"
            return f"it holds {shown} at character {pos + 1}, which an address cannot hold as written; {fix}"
        pos = found.end()
    parts = urlsplit(value)
    if parts.scheme.lower() not in schemes:
        return "it does not start with " + " or ".join(f"{s}://" for s in schemes)
    try:
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        return "its port is not a number from 0 to 65535"
    if "@" in parts.netloc:
        return "it holds a user name or password before '@'; remove them"
    host = parts.hostname or ""
    if not (_HOST.fullmatch(host) if dotted_host else re.fullmatch(r"[a-z0-9.-]+", host)):
        return "it has no valid host name after the '//' (letters, digits, dashes and dots)"
    return None


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
    """Return `entry` if it fits `fields`, or raise an error naming the line and the fix.

    Args:
        entry: what YAML gave for the mapping.
        fields: its allowed keys.
        path: the file, as errors name it.
        what: the mapping, as errors name it ("instrument 'pesco'", "the front matter").
        line: the mapping's line, for a mistake that has no line of its own.
    """
    if not isinstance(entry, Located):
        raise SourceError(path, line, f"{what} must be a mapping of 'key: value' lines")
    _check_keys(entry, fields, path, what)
    for key, field in fields.items():
        if key not in entry:
            if field.required:
                raise SourceError(path, entry.line, f"{what} has no '{key}'; add it")
            continue
        if entry[key] is None:
            if field.required:
                raise SourceError(path, entry.line_of(key), f"'{key}' of {what} has no value; fill it in")
            continue
        _check_value(entry, key, field, path, what)
    return entry


def _check_keys(entry: Located, fields: dict[str, Field], path: str, what: str) -> None:
    """No key but those of `fields`; a near miss is named."""
    for key in entry:
        if key not in fields:
            close = difflib.get_close_matches(key, fields, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"allowed keys: {', '.join(fields)}"
            raise SourceError(path, entry.line_of(key), f"unknown key {shown(key)} in {what}; {hint}")


def _check_value(entry: Located, key: str, field: Field, path: str, what: str) -> None:
    """The value of `key` has the field's type and is not empty; an address is safe, a slug a slug.
    A number given for text becomes that text."""
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
            f"'{key}' of {what} must be {type_name}"
            + (" and not empty" if field.kind is not bool else "")
            + (
                # YAML reads yes, no, on, off, true and false as true or false.
                "; put the words yes, no, on and off in quotes"
                if isinstance(value, list) and any(isinstance(v, bool) for v in value)
                else ""
            ),
        )
    if field.https and (problem := url_problem(value)):
        message = f"'{key}' of {what} must be an https:// URL, not {shown(value)}"
        if value.startswith("https://"):
            message += f": {problem}"
        raise SourceError(path, entry.line_of(key), message)
    if field.slug and (problem := slug_problem(value)):
        raise SourceError(path, entry.line_of(key), f"'{key}' of {what} {problem}")


def slug_problem(value: str) -> str | None:
    """What keeps `value` from naming a page or a folder of the site (an id, a document's prefix);
    None if nothing. Said after what the value is: "'id' of actor 'x' must be ..."."""
    if not SLUG.fullmatch(value):
        return f"must be lower-case letters, digits and dashes (it becomes part of a URL), not {shown(value)}"
    if len(value) > MAX_ID_LENGTH:
        return f"is {len(value):,} characters long, more than {MAX_ID_LENGTH} (it becomes part of a URL); shorten it"
    return None

"""The sizes a source may not exceed, checked where the source is read, before MkDocs writes a file.

What the source names becomes a file of the site (an instrument's id is a folder,
`instruments/<id>/index.html`), is read by code that recurses (points in points, YAML in
YAML) or is turned into a number. Past these sizes MkDocs would fail half-way through a build
("File name too long", RecursionError), or Python would refuse the number, so each is
refused at its line in the source, with what to do. The limits are far above what a Council
text needs: they stop accidents and attacks, not texts.
"""

from __future__ import annotations

MAX_ID_LENGTH = 100
"""Characters of a registry id (instrument, actor, term, kind, verb) and of a document's prefix
in a collection: each may become a folder of the site, and file systems refuse names over 255 bytes."""

MAX_SLUG_BYTES = 200
"""Bytes (UTF-8) of a section's address made from its heading: a folder of the site too."""

MAX_NUMBER_DIGITS = 5
"""Digits of a paragraph number: paragraphs run 1, 2, 3, ..., and Python refuses to read a
number of more than 4,300 digits."""

MAX_POINT_DEPTH = 10
"""Levels of points inside points (Council texts use three or four)."""

MAX_YAML_DEPTH = 32
"""Levels of lists and mappings inside each other in a YAML file (the registries use four)."""

MAX_YAML_INTEGER_DIGITS = 100
"""Digits of an integer written in YAML (Python refuses more than 4,300)."""

MAX_ALIAS_VALUES = 10_000
"""Values that YAML aliases (`*name`) may add to a file by repeating an anchored value (`&name`):
nested aliases multiply, and 600 bytes could otherwise stand for billions of values."""

SHOWN_LENGTH = 60
"""Characters of a value quoted in an error message; longer values are cut."""

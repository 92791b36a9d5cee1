"""What this edition is, said on every page: which document, whose edition, where the official text is.

Everything comes from the document's header (front matter) and the site's configuration
(`EditionInfo`, from the plugin's options in `mkdocs.yml`); nothing here names a document
or a publisher. A part that neither gives is left out, never invented.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .interface import ENGLISH, Interface
from .model import Header

REGISTER = "https://data.consilium.europa.eu/doc/document/{id}/{language}/pdf"
"""The Council register's address of a document's PDF: its id (`register_id`), then the language
code in lower case."""

# The register prints a revision's number twice, "7592/4/22 REV 4"; the id it serves the
# document under has it once, after the version word.
_ID = re.compile(
    r"(?P<series>[A-Z]{1,4})\s*(?P<number>\d{1,6})(?:/\d{1,3})?/(?P<year>\d{2}|\d{4})"
    r"(?:\s+(?P<version>REV|COR|ADD)\s*(?P<n>\d{1,3}))?"
    r"(?:\s+(?P<version2>REV|COR|ADD)\s*(?P<n2>\d{1,3}))?"
)


def register_id(document_id: str) -> str:
    """The id the register serves a document under: 'ST 9876/24' -> 'ST-9876-2024-INIT';
    'ST 9876/24 REV 1' -> 'ST-9876-2024-REV-1'; 'ST 9876/24 ADD 1 REV 2' -> 'ST-9876-2024-ADD-1-REV-2';
    '' (or an id of another shape) -> ''."""
    found = _ID.fullmatch(document_id.strip())
    if not found:
        return ""
    year = found["year"]
    if len(year) == 2:
        year = ("19" if int(year) >= 90 else "20") + year
    versions = [f"{v}-{n}" for v, n in ((found["version"], found["n"]), (found["version2"], found["n2"])) if v]
    return "-".join([found["series"], found["number"], year, *(versions or ["INIT"])])


def register_url(document_id: str, language: str) -> str:
    """The address of the official text in the Council's register, or '' when the id does not say."""
    key = register_id(document_id)
    lang = language.split("-")[0].lower()
    if not key or not re.fullmatch(r"[a-z]{2}", lang):
        return ""
    return REGISTER.format(id=key, language=lang)


@dataclass(frozen=True)
class Official:
    """Where the official text is: its address, and whether that is the Official Journal's."""

    url: str = ""
    journal: bool = False


def official_text(header: Header) -> Official:
    """The official text: an act of the Official Journal at its ELI, a Council document in the
    register's PDF; nothing when the header says neither."""
    if header.eli:
        # The Journal prints its ELIs as http:// addresses; data.europa.eu serves them over https.
        return Official(re.sub(r"^http://", "https://", header.eli), journal=True)
    return Official(register_url(header.document_id, header.language))


@dataclass(frozen=True)
class EditionInfo:
    """Who publishes this edition, from the site's configuration (the plugin's options)."""

    publisher: str = ""
    """Who publishes it ('' leaves the name out: "An unofficial edition")."""
    publisher_url: str = ""
    reuse_notice: str = ""
    """The reuse notice of the original, as the site states it ('' leaves it out)."""
    kind: str = ""
    """What the document is, at the head of the document line ('': the interface's word, "Council conclusions")."""


def document_line(header: Header, info: EditionInfo, words: Interface = ENGLISH) -> list[str]:
    """'Council conclusions', 'ST 9876/24', '21 May 2024': the parts the header gives."""
    return [x for x in (info.kind or words("identity.kind"), header.document_id, words.date(header.date)) if x]


def edition_name(info: EditionInfo, words: Interface = ENGLISH) -> str:
    """'Unofficial edition by <publisher>', or 'Unofficial edition' when none is configured."""
    if info.publisher:
        return words("identity.edition_name_by", publisher=info.publisher)
    return words("identity.edition_name")

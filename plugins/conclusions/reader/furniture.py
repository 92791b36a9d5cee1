"""Page furniture: the lines a register PDF or the Official Journal prints on every page.

The forms are data (`furniture.yml`): footers ("9876/24 JK/lm 3"), page heads ("ST 9876/24
EN", "ANNEX TREE.1.A EN"), directorate lines, "EN"/"LIMITE", rules, the Official Journal's head
and foot. Three kinds:

- `always`: furniture wherever it stands;
- `repeated`: text where it first stands (the "ANNEX" heading, the document number, the act's
  ELI), furniture where the same line stands again (the annex's page head);
- page numbers: a lone "3" is furniture between the text's lines but may be a footnote's
  number standing on its own line; the importer decides with the footnotes in view. "2/5"
  (page 2 of 5) is furniture.

`split_pages` takes out what is furniture by form and place; `furniture_form` says whether a
line has a furniture form at all, which is what the build's fidelity check asks of a line that
`import.yml` records as removed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from string import Template

import yaml

from .lines import SourceLine

DATA = Path(__file__).resolve().parent / "furniture.yml"
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


@dataclass(frozen=True)
class Forms:
    """The compiled forms of `furniture.yml`."""

    always: dict[str, re.Pattern[str]]
    repeated: dict[str, re.Pattern[str]]
    lone_number: re.Pattern[str]
    of_pages: re.Pattern[str]
    parts: dict[str, str]
    """The named parts, expanded (for other readers of the same shapes: the importer's header)."""


@cache
def forms() -> Forms:
    """The furniture forms, read once."""
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    parts: dict[str, str] = {}
    for name, pattern in data["parts"].items():
        parts[name] = Template(pattern).safe_substitute(parts)

    def compiled(group: dict[str, str]) -> dict[str, re.Pattern[str]]:
        return {name: re.compile(Template(p).safe_substitute(parts)) for name, p in group.items()}

    numbers = compiled(data["page numbers"])
    return Forms(compiled(data["always"]), compiled(data["repeated"]), numbers["lone"], numbers["of pages"], parts)


@lru_cache(maxsize=1 << 14)  # every line is read by several of the forms' questions below
def normal(text: str) -> str:
    """A line as the forms read it: single spaces, superscript digits as digits and glued to the
    word before them (a PDF may raise the "2" of "TREE.2.A" and set it apart: "TREE ².A")."""
    return re.sub(r" (?=[⁰¹²³⁴⁵⁶⁷⁸⁹])", "", " ".join(text.split())).translate(_SUPERSCRIPTS)


def always(text: str) -> str | None:
    """The name of the form of furniture-wherever-it-stands that `text` has, if any."""
    line = normal(text)
    return next((name for name, pattern in forms().always.items() if pattern.match(line)), None)


def is_rule(text: str) -> bool:
    """A rule drawn between header fields or above footnotes."""
    return bool(forms().always["rule"].match(normal(text)))


def repeated(text: str) -> str | None:
    """The name of the form that is text at its first place and a page head after, if any."""
    line = normal(text)
    return next((name for name, pattern in forms().repeated.items() if pattern.match(line)), None)


def is_annex(text: str) -> bool:
    """An annex heading: "ANNEX", "ANNEX II", "ANNEXE"."""
    return bool(forms().repeated["annex"].match(normal(text)))


def is_annex_to_annex(text: str) -> bool:
    """The heading of the conclusions' own annex inside the cover note's: "ANNEX TO THE ANNEX",
    "APPENDIX", "ANHANG"."""
    return bool(forms().repeated["annex to the annex"].match(normal(text)))


def lone_number(text: str) -> bool:
    """A line of one number only: a page number, or a footnote's number on its own line."""
    return bool(forms().lone_number.match(normal(text)))


def of_pages(text: str) -> bool:
    """ "2/5": page 2 of 5 (a later page than the count is no page number)."""
    match = forms().of_pages.match(normal(text))
    return match is not None and 0 < int(match["page"]) <= int(match["pages"])


def furniture_form(text: str) -> str | None:
    """Whether a line has any form of page furniture (the name of the form), wherever it stands."""
    if not text.strip():
        return None
    if lone_number(text) or of_pages(text):
        return "page number"
    return always(text) or repeated(text)


def split_pages(pages: list[list[SourceLine]], removed: list[SourceLine]) -> list[list[SourceLine]]:
    """Take out the furniture (appended to `removed` in order) and the blank lines next to it.

    A text without form feeds is one page: there, a run of furniture lines is where a page
    ends and the next begins, and the text is cut there into pages.
    """
    one_text_page = len(pages) == 1
    seen: set[str] = set()
    result: list[list[SourceLine]] = []
    for page in pages:
        current: list[SourceLine] = []
        in_furniture = False
        for line in page:
            if not line.text:
                if not in_furniture:
                    current.append(line)
                continue
            if _is_furniture_here(line.text, seen):
                removed.append(line)
                while current and not current[-1].text:
                    current.pop()  # the blank lines around a page head belong to it
                if is_rule(line.text):
                    continue  # the rule above a page's footnotes: no page break either
                in_furniture = True
                continue
            if in_furniture and one_text_page:
                result.append(current)
                current = []
            in_furniture = False
            current.append(line)
        result.append(current)
    return result


def _is_furniture_here(text: str, seen: set[str]) -> bool:
    if always(text) or of_pages(text):
        return True
    if repeated(text):
        key = normal(text)
        if key in seen:
            return True
        seen.add(key)
    return False

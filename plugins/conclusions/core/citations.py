"""References a text makes by their own form, resolved to their official addresses.

A Council text cites EU acts by type and number ("Regulation (EU) 2021/696", "Council
Decision 2014/496/CFSP", "Regulation (EU) No 1285/2013"), Commission and joint documents by
their series ("JOIN(2023) 9 final", "COM(2021) 559 final"), General Assembly resolutions
("A/RES/77/41", "UNGA resolution 77/41"), Treaty articles ("Article 42(7) TEU") and the place
in the Official Journal where a text was published ("OJ C 466, 7.12.2022, p. 1"). Each form
says by itself what it names, so each gets an id made from its number alone (the same
words always give the same id: `reg-2021-696`, `join-2023-9`, `a-res-77-41`,
`teu-article-42-7`, `oj-c-2022-466-p1`) and its official address (ELI and CELEX for an act). The words are data,
by language, in `registry/citations.yml`; Council documents by number and conclusions by
date and title are `references.py`'s.

CiteURL (PyPI) recognises citations from YAML templates too, but builds one name and one
address per citation, while an act here needs its id, ELI, CELEX and address from the same
numbers, and its Markdown extension writes links into the finished HTML, outside
`markup.py`: the forms are read here, with the same idea (placeholders in data).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from types import MappingProxyType
from typing import Any
from urllib.parse import quote

from .errors import Problems
from .remembered import Same, recent
from .wordlists import any_of, read_layers, texts

DATA_FILE = "citations.yml"

EU_ACT = "eu-act"
DOCUMENT = "document"
UN_RESOLUTION = "un-resolution"
TREATY_ARTICLE = "treaty-article"
JOURNAL = "journal"

_UN_LANGUAGES = ("ar", "en", "es", "fr", "ru", "zh")

# The kind of instrument each form becomes (the shared registry's kinds).
KINDS = {
    EU_ACT: "eu-legislation",
    DOCUMENT: "policy-document",
    UN_RESOLUTION: "treaty",
    TREATY_ARTICLE: "treaty",
    JOURNAL: "official-journal",
}


@dataclass(frozen=True)
class Citation:
    """A reference to an official text, found at `start:end` of an item's inline source."""

    start: int
    end: int
    id: str
    """Made from the numbers alone: the same reference always has the same id."""
    form: str
    """EU_ACT, DOCUMENT, UN_RESOLUTION, TREATY_ARTICLE or JOURNAL."""
    name: str
    """How the reference reads ("Council Decision (CFSP) 2021/698", "Article 42(7) of the Treaty on European Union")."""
    url: str
    celex: str = ""
    eli: str = ""
    reference: str = ""
    """The number as usually cited: "A/RES/77/41", "JOIN(2023) 9 final", "Regulation 2021/696"."""

    @property
    def kind(self) -> str:
        return KINDS[self.form]


@dataclass(frozen=True)
class NamedKind:
    """A kind of document a text names by its title ("the Joint Communication on ...")."""

    words: str
    kind: str


@dataclass(frozen=True)
class Forms:
    """The compiled forms of one language, with the addresses they resolve to."""

    language: str
    act: re.Pattern[str] | None
    act_types: Mapping[str, tuple[str, str]]
    """The words of an act (case-folded) -> (ELI type, CELEX letter)."""
    document: re.Pattern[str] | None
    resolution: re.Pattern[str] | None
    articles: tuple[re.Pattern[str], ...]
    treaty_names: Mapping[str, str]
    """A Treaty's name as written (case-folded) -> 'teu' or 'tfeu'."""
    named: tuple[NamedKind, ...]
    named_before: re.Pattern[str] | None
    """The kind and the words before a title, at the end of the text before a footnote marker."""
    addresses: Mapping[str, Mapping[str, str]]
    treaties: Mapping[str, Mapping[str, str]]
    council_document: str = "Council document"
    """What a Council document cited by its number alone is called ("Council document ST 7371/22")."""
    journal: tuple[re.Pattern[str], ...] = ()

    def find(self, text: str) -> list[Citation]:
        """Every citation in `text`, in order, none overlapping another; a place in the Official
        Journal's L series (legislation) that follows an EU act's number in the same sentence is
        where that act was published ("Regulation (EU) No 1285/2013 ... (OJ L 347, 20.12.2013,
        p. 1)"): left out. A place in the C series is that of another text (conclusions, a
        resolution, a notice): kept."""
        return list(_citations(Same(self), text))

    def _find(self, text: str) -> tuple[Citation, ...]:
        found = [
            *self._acts(text),
            *self._documents(text),
            *self._resolutions(text),
            *self._articles(text),
            *self._journal(text),
        ]
        found.sort(key=lambda c: (c.start, -(c.end - c.start)))
        out: list[Citation] = []
        act: Citation | None = None  # the last citation of another form than the Journal's
        for citation in found:
            if out and citation.start < out[-1].end:
                continue
            if place_of_act(citation) and act and one_sentence(text, act.end, citation.start):
                continue
            out.append(citation)
            act = citation if citation.form != JOURNAL else act
        return tuple(out)

    # -- EU acts -------------------------------------------------------------------------------

    def _acts(self, text: str) -> Iterator[Citation]:
        if self.act is None:
            return
        for m in self.act.finditer(text):
            year, number = _year_number(m["a"], m["b"], bool(m["no"]), bool(m["series2"]))
            if not year:
                continue
            eli_type, letter = self.act_types[_fold(m["act"])]
            values = {"eli_type": eli_type, "celex_type": letter, "year": year, "number": number}
            values["number4"] = number.zfill(4)
            address = self._address(EU_ACT, values)
            yield Citation(
                m.start(),
                m.end(),
                f"{eli_type.replace('_', '-')}-{year}-{number}",
                EU_ACT,
                " ".join(m.group().split()),
                address.get("url", ""),
                celex=address.get("celex", ""),
                eli=address.get("eli", ""),
                reference=" ".join(m.group().split()),
            )

    # -- Commission and joint documents ----------------------------------------------------------

    def _documents(self, text: str) -> Iterator[Citation]:
        if self.document is None:
            return
        for m in self.document.finditer(text):
            series, year, number = m["series"], m["year"], str(int(m["number"]))
            values = {"year": year, "number": number, "number4": number.zfill(4)}
            address = self._address(series, values)
            if not address.get("url"):
                continue
            reference = f"{series}({year}) {number}" + (" final" if m["final"] else "")
            yield Citation(
                m.start(),
                m.end(),
                f"{series.lower()}-{year}-{number}",
                DOCUMENT,
                reference,
                address["url"],
                celex=address.get("celex", ""),
                reference=reference,
            )

    # -- General Assembly resolutions --------------------------------------------------------------

    def _resolutions(self, text: str) -> Iterator[Citation]:
        if self.resolution is None:
            return
        for m in self.resolution.finditer(text):
            session, number = m["session"] or m["session2"], m["number"] or m["number2"]
            start = m.start("symbol") if m["symbol"] else m.start("words")
            end = m.end("symbol") if m["symbol"] else m.end("words")
            symbol = f"A/RES/{session}/{number}"
            lang = self.language if self.language in _UN_LANGUAGES else "en"
            address = self._address(UN_RESOLUTION, {"session": session, "number": number, "un_lang": lang})
            yield Citation(
                start,
                end,
                f"a-res-{session}-{number}",
                UN_RESOLUTION,
                f"United Nations General Assembly resolution {session}/{number}",
                address.get("url", ""),
                reference=symbol,
            )

    # -- Treaty articles ---------------------------------------------------------------------------

    def _articles(self, text: str) -> Iterator[Citation]:
        for pattern in self.articles:
            for m in pattern.finditer(text):
                treaty = self.treaty_names.get(_fold(m["treaty"]))
                facts = self.treaties.get(treaty or "")
                if not treaty or not facts:
                    continue
                article = m["article"]
                groups = m.groupdict()
                paragraphs = re.findall(r"\d+", groups.get("paragraphs") or "") or (
                    [groups["paragraph"]] if groups.get("paragraph") else []
                )
                digits = re.sub(r"\D", "", article)
                values = {"treaty_celex": facts.get("celex", ""), "article3": digits.zfill(3) + article[len(digits) :]}
                values["celex"] = self._address(TREATY_ARTICLE, values).get("celex", "")
                address = self._address(TREATY_ARTICLE, values)
                label = article + "".join(f"({p})" for p in paragraphs)
                last = (
                    "paragraphs"
                    if groups.get("paragraphs")
                    else ("paragraph" if groups.get("paragraph") else "article")
                )
                yield Citation(
                    m.start(),
                    m.end(last),
                    "-".join([treaty, "article", article.lower(), *paragraphs]),
                    TREATY_ARTICLE,
                    f"Article {label} of the {facts.get('name', treaty.upper())}",
                    address.get("url", ""),
                    celex=values["celex"],
                    reference=f"Article {label} {treaty.upper()}",
                )

    # -- places in the Official Journal -------------------------------------------------------------

    def _journal(self, text: str) -> Iterator[Citation]:
        for pattern in self.journal:
            for m in pattern.finditer(text):
                groups = m.groupdict()
                series = m["series"]
                name = " ".join(m.group().split())
                if groups.get("number"):
                    year, number = m["act_year"], str(int(m["number"]))
                    address = self._address("oj-act", {"series": series, "year": year, "number5": number.zfill(5)})
                    entry_id = f"oj-{series.lower()}-{year}-{number}"
                else:
                    issue, sub, year = str(int(m["issue"])), (groups.get("sub") or ""), m["year"]
                    address = self._address(
                        "oj-issue", {"series": series, "year": year, "issue3": issue.zfill(3) + sub}
                    )
                    page = groups.get("page")
                    entry_id = f"oj-{series.lower()}-{year}-{issue}{sub.lower()}" + (f"-p{int(page)}" if page else "")
                if address.get("url"):
                    yield Citation(m.start(), m.end(), entry_id, JOURNAL, name, address["url"], reference=name)

    # -- documents named by title ----------------------------------------------------------------

    def named_at(self, text: str, marker: int) -> tuple[int, NamedKind, str] | None:
        """The document named just before the footnote marker at `marker`: where its words
        start, its kind, and its title as written ("Joint Communication on an 'X'" -> 'X').

        The marker's footnote gives the number; the words before it say what the document is."""
        if self.named_before is None:
            return None
        window_start = max(0, marker - 240)
        before = text[window_start:marker]
        # The words stay in one clause: after the last semicolon, colon or newline before the marker.
        cut = max(before.rfind(";"), before.rfind("\n"), before.rfind(":"))
        before = before[cut + 1 :]
        offset = marker - len(before)
        m = self.named_before.search(before)
        if m is None:
            return None
        kind = next((k for k in self.named if _fold(k.words) == _fold(m["kind"])), None)
        if kind is None:
            return None
        title = m["title"].strip().strip("'‘’\"“”«» ")
        if not title or "[^" in title:
            return None
        return offset + m.start("kind"), kind, title

    def _address(self, form: str, values: Mapping[str, str]) -> dict[str, str]:
        lang = self.language.split("-")[0].lower()
        filled = {**values, "lang": lang, "LANG": lang.upper()}
        out: dict[str, str] = {}
        for key, template in self.addresses.get(form, {}).items():
            try:
                out[key] = str(template).format(**filled)
            except (KeyError, IndexError, ValueError):
                continue
        return out

    def register_search(self, words: str) -> str:
        """The Council register's search for `words` (conclusions cited by date and title alone)."""
        return self._address("register-search", {"words": quote(" ".join(words.split()), safe="")}).get("url", "")


def _fold(words: str) -> str:
    return " ".join(words.replace("’", "'").split()).casefold()


def _year_number(a: str, b: str, old: bool, series_after: bool) -> tuple[str, str]:
    """The year and the number of an act numbered 'a/b': 'No 1285/2013' (number/year, before
    2015), '2021/696' (year/number), '95/46/EC' (a two-digit year before 1999)."""
    first, second = (b, a) if old else (a, b)
    if len(first) == 2 and (old or series_after):
        first = ("19" if int(first) >= 50 else "20") + first
    if len(first) != 4 or not 1950 <= int(first) <= 2100 or not second.isdigit():
        return "", ""
    return first, str(int(second))


def _initial_either_case(words: str) -> str:
    """A pattern for `words` whose first letter may be upper or lower case (a sentence may open with it)."""
    escaped = re.escape(words)
    first = words[:1]
    if first.isalpha() and first.upper() != first.lower():
        return f"[{first.upper()}{first.lower()}]" + re.escape(words[1:])
    return escaped


def _template_pattern(template: str, treaty_names: tuple[str, ...]) -> re.Pattern[str]:
    """The pattern of a Treaty article's form ("Article {article}{paragraphs} of the {treaty}")."""
    pieces = re.split(r"(\{\w+\})", template)
    out = []
    for piece in pieces:
        if piece == "{article}":
            out.append(r"(?P<article>\d{1,3}[a-z]?)")
        elif piece == "{paragraphs}":
            out.append(r"(?P<paragraphs>(?:\(\d{1,2}\))*)")
        elif piece == "{paragraph}":
            out.append(r"(?P<paragraph>\d{1,2})")
        elif piece == "{treaty}":
            out.append(_group("treaty", treaty_names))
        else:
            words = piece.split(" ")
            out.append(r"\s+".join(_initial_either_case(w) if i == 0 else re.escape(w) for i, w in enumerate(words)))
    return re.compile(r"(?<!\w)" + "".join(out) + r"(?!\w)")


# Where a sentence ends between two citations: a full stop before a capital, a semicolon, a new line.
_SENTENCE_END = re.compile(r"[.;]\s+(?=[A-ZÀ-Þ])|;|\n")


def place_of_act(citation: Citation) -> bool:
    """Whether `citation` is a place in the Official Journal's L series, where acts are published."""
    return citation.form == JOURNAL and citation.id.startswith("oj-l-")


def one_sentence(text: str, start: int, end: int) -> bool:
    """Whether `text[start:end]` stays inside one sentence."""
    return _SENTENCE_END.search(text, start, end) is None


def _journal_pattern(template: str) -> re.Pattern[str]:
    """The pattern of a form of the Official Journal's place ("OJ {series} {issue}, {date}, p. {page}")."""
    parts = {
        "{series}": r"(?P<series>[LC])",
        # "L 86 I", "C 115 E": a subseries letter after the issue's number
        "{issue}": r"(?P<issue>\d{1,3})(?:\s?(?P<sub>[IAE]))?",
        "{date}": r"\d{1,2}\.\d{1,2}\.(?P<year>\d{4})",
        "{page}": r"(?P<page>\d{1,4})",
        "{act}": r"(?:[LC]/)?(?P<act_year>\d{4})/(?P<number>\d{1,5})",
    }
    out = []
    for piece in re.split(r"(\{\w+\})", template):
        if piece in parts:
            out.append(parts[piece])
        elif piece.startswith("{"):
            raise ValueError(f"unknown place {piece} in the journal form {template!r}")
        else:
            # A space of the form is one or more in the text; after a comma, none or more.
            words = piece.split(" ")
            out.append(re.escape(words[0]))
            for before, word in pairwise(words):
                out.append((r"\s*" if before.endswith(",") else r"\s+") + re.escape(word))
    return re.compile(r"(?<!\w)" + "".join(out) + r"(?![\w/])")


def _group(name: str, words: tuple[str, ...]) -> str:
    """A named group matching any of `words`; a group that never matches when there are none."""
    return f"(?P<{name}>" + (any_of(words) if words else "(?!)") + ")"


def _act_pattern(words: Mapping[str, Any], acts: list[dict[str, Any]]) -> re.Pattern[str]:
    """ "(Council) Decision (CFSP) 2021/698", "Regulation (EU) No 1285/2013", "Decision 2014/496/CFSP"."""
    authors = texts(words.get("authors"))
    series = texts(words.get("series"))
    act_words = "|".join(
        _initial_either_case(str(a["words"])) for a in sorted(acts, key=lambda a: -len(str(a["words"])))
    )
    return re.compile(
        r"(?<![\w/])"
        + (r"(?:" + any_of(authors) + r"\s+)?" if authors else "")
        + r"(?P<act>"
        + act_words
        + r")"
        + r"(?:\s+\("
        + _group("series", series)
        + r"\))?"
        + r"(?:\s+"
        + _group("no", texts(words.get("number_words")))
        + r")?"
        + r"\s+(?P<a>\d{2,4})/(?P<b>\d{1,4})"
        + r"(?:/"
        + _group("series2", series)
        + r")?"
        + r"(?![\w/])"
    )


def _language(language: str, words: Mapping[str, Any], data: Mapping[str, Any]) -> Forms:
    acts = [a for a in words.get("acts") or () if isinstance(a, dict) and a.get("words")]
    act_types = {_fold(str(a["words"])): (str(a.get("eli", "")), str(a.get("celex", ""))) for a in acts}
    series_words = texts(words.get("documents"))
    document = re.compile(
        r"(?<![\w/])"
        + _group("series", series_words)
        + r"\s?\((?P<year>\d{4})\)\s?(?P<number>\d{1,4})(?P<final>\s+final)?(?![\w/])"
    )
    before = texts(words.get("un_resolutions"))
    resolution_word = str(words.get("resolution") or "")
    symbol = r"(?P<symbol>A/RES/(?P<session>\d{1,3})/(?P<number>\d{1,4}))(?![\d/])"
    by_words = (
        r"|"
        + any_of(before)
        + r"\s+(?P<words>"
        + re.escape(resolution_word)
        + r"\s+(?P<session2>\d{2,3})/(?P<number2>\d{1,4}))(?![\d/])"
        if before and resolution_word
        else ""
    )
    treaty_map = words.get("treaties") if isinstance(words.get("treaties"), dict) else {}
    treaty_names = {_fold(str(k)): str(v) for k, v in (treaty_map or {}).items()}
    articles = tuple(
        _template_pattern(t, tuple(str(k) for k in treaty_map or {}))
        for t in texts(words.get("treaty_articles"))
        if treaty_names
    )
    named = tuple(
        NamedKind(str(n["words"]), str(n.get("kind", "policy-document")))
        for n in words.get("named_documents") or ()
        if isinstance(n, dict) and n.get("words")
    )
    on = texts(words.get("before_title"))
    named_before = None
    if named and on:
        kinds = "|".join(_initial_either_case(n.words) for n in sorted(named, key=lambda n: -len(n.words)))
        # A kind, the words after it, then the title up to the marker: quoted, or as it stands.
        named_before = re.compile(
            r"(?<!\w)(?P<kind>"
            + kinds
            + r")\s+"
            + any_of(on)
            + r"\s+(?P<title>['‘\"“«][^'’\"”»\[\]]{3,200}['’\"”»]|[^\[\];]{3,200}?)\s*$"
        )
    addresses = data.get("addresses") if isinstance(data.get("addresses"), dict) else {}
    treaties = data.get("treaties") if isinstance(data.get("treaties"), dict) else {}
    return Forms(
        language,
        _act_pattern(words, acts) if acts else None,
        MappingProxyType(act_types),
        document if series_words else None,
        re.compile(r"(?<![\w/])(?:" + symbol + by_words + ")"),
        articles,
        MappingProxyType(treaty_names),
        named,
        named_before,
        _read_only(addresses),
        _read_only(treaties),
        str(words.get("council_document") or "Council document"),
        tuple(_journal_pattern(t) for t in texts(words.get("journal"))),
    )


def _read_only(groups: object) -> Mapping[str, Mapping[str, str]]:
    # The forms are kept for the life of the process (`automatic.read_words`): nothing may change them.
    if not isinstance(groups, dict):
        return MappingProxyType({})
    return MappingProxyType({str(k): MappingProxyType(dict(v)) for k, v in groups.items() if isinstance(v, dict)})


def read_forms(source_dir: Path | None, problems: Problems) -> dict[str, Forms]:
    """The forms of every language of `registry/citations.yml` (and the site's own file)."""
    data = read_layers(DATA_FILE, source_dir, problems)
    return {
        language: _language(language, words, data)
        for language, words in data.items()
        if language not in ("addresses", "treaties") and isinstance(words, dict)
    }


@recent
def _citations(forms: Same[Forms], text: str) -> tuple[Citation, ...]:
    """`Forms.find`, kept while serving (`remembered.recent`): the words of the language are
    read once for each state of their files, so the same object finds an unchanged item again."""
    return forms.value._find(text)

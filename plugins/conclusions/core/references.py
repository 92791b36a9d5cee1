"""References between the documents of a collection: where one text names another.

A Council text names an earlier one in three ways: by its date and title ("Council
conclusions of 23 May 2023 on the 'Fair and sustainable use of space'"), by its register
number ("ST 9675/23", "doc. 9675/23"), or by a footnote that gives the number ("9675/23.").
It may name a paragraph of it ("paragraph 12 of the Council conclusions of ...").

`references_of` recognises every such name in a document of a collection and resolves
it to the document of the collection it names, if any. The words are data
(`registry/references.yml`, by language); the number needs none. A name that no document
of the collection answers to is kept, unresolved, for the build report.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from .errors import Problems, SourceError, shown
from .fields import Field, check_mapping
from .layout import REFERENCE_RULES_FILE, SHARED_LABEL, SHARED_REGISTRY
from .model import Document, Footnote, Paragraph, Recital
from .urls import DocumentUrls, item_of_anchor
from .yamlsource import Located, load_yaml, read_text

RULES_FILE = REFERENCE_RULES_FILE
SHARED_RULES = SHARED_REGISTRY / RULES_FILE

DATE_TITLE = "date-title"
NUMBER = "number"
FOOTNOTE = "footnote"


@dataclass(frozen=True)
class Named:
    """A document of the collection as others name it."""

    urls: DocumentUrls
    document_id: str
    title: str
    date: str
    """ISO date, '' when the header gives none."""
    path: Path | str
    """Its document.md, for the report."""


@dataclass(frozen=True)
class ParagraphNamed:
    """A paragraph number the words name ("paragraph 12 of ..."), where it stands in the item's text."""

    number: int
    start: int
    end: int


@dataclass(frozen=True)
class Reference:
    """Words in one item of a document that name another document."""

    citing: Named
    item: str
    """The anchor of the item the words stand in: 'r2', 'p3', 'fn:2'."""
    carrier: str
    """The recital or paragraph the reference belongs to: the item itself, or for a footnote
    the item that carries its marker (the footnote's own anchor when none does)."""
    start: int
    end: int
    words: str
    form: str
    """DATE_TITLE, NUMBER or FOOTNOTE."""
    line: int
    cited: Named | None
    """The document of the collection it names; None when it names none of them."""
    paragraphs: tuple[ParagraphNamed, ...] = ()
    why: str = ""
    """For an unresolved reference: why it is not linked."""
    text: str = ""
    """The whole text of the item the words stand in (for showing them in context)."""
    date: str = ""
    """For a reference by date: the ISO date it gives."""
    title: str = ""
    """For a reference by date: the title it gives, as written ('' when none)."""
    european_council: bool = False
    """For a reference by date: the European Council's conclusions, not the Council's."""

    def place(self) -> tuple[str, str, str, str]:
        """Page, anchor, kind ('paragraph', 'recital', 'footnote') and number or letter of where
        the reference stands: its paragraph's or recital's own page, or the full text at its footnote."""
        by = self.citing.urls
        kind, key = item_of_anchor(self.carrier)
        if kind == "paragraph":
            return by.paragraph_page(key), self.carrier, kind, key
        if kind == "recital":
            return by.recital_page(key), self.carrier, kind, key.upper() if key.isalpha() else key
        return by.text, self.carrier, "footnote", key


@dataclass(frozen=True)
class Held:
    """The texts of a collection, as other texts name them: by register number and by date.
    Words that name one of them link to that text: the automatic reading makes no instrument of them."""

    numbers: frozenset[tuple[str, str]] = frozenset()
    """(number, two-digit year): ('9876', '24')."""
    dates: frozenset[str] = frozenset()
    """ISO dates."""


@dataclass(frozen=True)
class Rules:
    """The words of one language that name a document (see `registry/references.yml`)."""

    months: tuple[str, ...]
    date: str
    by_date: tuple[str, ...]
    paragraph: tuple[str, ...]
    of: tuple[str, ...]
    and_: tuple[str, ...]
    stop_words: frozenset[str]
    by_title: tuple[str, ...] = ()
    """The words before a title that the date follows ("Council conclusions on 'X' of 23 May 2023")."""
    before_date: tuple[str, ...] = ()
    """The words between such a title and its date ("of")."""
    european_council: tuple[str, ...] = ()
    """Words in a reference that make it the European Council's conclusions, not the Council's."""
    title_openers: tuple[str, ...] = ()
    """The words that lead into a title ("on", "sur"), and `title_articles` the articles after
    them ("the", "la"): not words of the title."""
    title_articles: tuple[str, ...] = ()
    any_title_openers: tuple[str, ...] = ()
    """The openers of every language: a cited document's title may be in another language."""

    def title_words(self, words: str) -> str:
        """A given title without the words that lead into it ("on the", "on an") and its quotes."""
        words = " ".join(words.split())
        if self.title_openers:
            # An article ends at a space, or at its apostrophe ("sur l'entretien").
            article = r"(?:" + _any_of(self.title_articles) + r"(?:(?<=['’])\s*|\s+))?" if self.title_articles else ""
            opener = _any_of(self.title_openers) + r"(?:(?<=['’])\s*|\s+)"
            words = re.sub(r"^" + opener + article, "", words, flags=re.IGNORECASE)
        return words.strip("'‘’\"“”«» ")

    def date_pattern(self) -> re.Pattern[str]:
        """The words before a date, then the date: group 'day', 'month', 'year'."""
        return re.compile(_any_of(self.by_date) + r"\s+" + self.date_regex(), re.IGNORECASE)

    def date_regex(self) -> str:
        """The regular expression of a date in words: groups 'day', 'month', 'year'."""
        date = re.escape(self.date)
        date = date.replace(re.escape("{day}"), r"(?P<day>\d{1,2})")
        date = date.replace(re.escape("{month}"), "(?P<month>" + _any_of(self.months) + ")")
        return date.replace(re.escape("{year}"), r"(?P<year>\d{4})")

    def title_date_pattern(self) -> re.Pattern[str] | None:
        """The words before a title, the title, then its date ("conclusions on 'X' of 23 May 2023"):
        group 'title', and the date's groups."""
        if not self.by_title or not self.before_date:
            return None
        # Quoted: "conclusions on the attack of 7 October" would otherwise read as conclusions of that date.
        return re.compile(
            _any_of(self.by_title)
            + r"\s+(?P<title>['‘\"“«][^'’\"”»;\n\[\]]{2,200}['’\"”»])\s+"
            + _any_of(self.before_date)
            + r"\s+"
            + self.date_regex(),
            re.IGNORECASE,
        )

    def paragraphs_before(self) -> re.Pattern[str]:
        """ "paragraphs 2 and 4 of the " at the end of the text before a reference."""
        numbers = r"(?P<numbers>\d+(?:\s*" + _any_of(self.and_) + r"\s*\d+)*)"
        return re.compile(
            r"\b" + _any_of(self.paragraph) + r"\s+" + numbers + r"\s+" + _any_of(self.of) + r"\s+$", re.IGNORECASE
        )


def _any_of(words: Iterable[str]) -> str:
    """A group matching any of `words`, the longest first (regular expressions are built by
    concatenation: a named group is no markup, but reads like a tag to test_markup's scan)."""
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


_NUMBER = re.compile(
    r"(?<![\w/])(?:(?:ST|doc\.|document)\s+)?(?P<number>\d{3,5})(?:/(?P<revision>\d{1,2}))?\s?/\s?(?P<year>\d{2})(?![\d/])"
    r"(?:\s*\+?\s*(?P<version>REV|COR|ADD)\s?(?P<version_number>\d{1,2})(?!\d))?"
)
"""A register number: '9876/24', 'ST 9876/24', '7745/21 + REV 3', '9675/1/23 REV 1'; not
'2021/698' (an act's year/number)."""


_TITLE_STOP = re.compile(r"\[\^|[;(\n]|,\s|\.(?:\s|$)")
# "... on X and INVITES the Commission": an operative verb after "and" opens the next clause.
_NEXT_CLAUSE = re.compile(r"\s+and\s+(?:thus\s+)?(?P<verb>[^\W\d_]{4,})\s+[^\W\d_]*[a-zà-ÿ]")


def given_title_length(text: str, start: int) -> int:
    """How much of `text` after `start` (the end of a date) is the title the words give: up to
    a footnote marker, the end of the clause, a comma or a full stop, or an operative verb
    ("... on X and INVITES"); a quoted title ends at its closing quote."""
    after = text[start : start + 300]
    quoted = re.match(r"\s+\w+(?:\s+\w+)?\s+['‘\"“«][^'’\"”»\[\]]{2,250}['’\"”»]", after)
    if quoted:
        return quoted.end()
    stop = _TITLE_STOP.search(after)
    end = stop.start() if stop else len(after)
    for verb in _NEXT_CLAUSE.finditer(after, 0, end):
        if verb.group("verb").isupper():
            end = verb.start()
            break
    return len(after[:end].rstrip(" ,"))


def number_key(text: str) -> tuple[str, str] | None:
    """('9876', '24') for a document id or number that holds a register number."""
    m = _NUMBER.search(text)
    return (m.group("number"), m.group("year")) if m else None


def cited_keys(text: str, rules: Iterable[Rules]) -> Held:
    """Every register number and every date (by the words of any of `rules`) that `text` holds:
    what of a collection's texts it may name, found in one pass over it."""
    numbers = {(m.group("number"), m.group("year")) for m in _NUMBER.finditer(text)}
    dates: set[str] = set()
    for language in rules:
        months = {name.lower(): i + 1 for i, name in enumerate(language.months)}
        for m in re.finditer(language.date_regex(), text, re.IGNORECASE):
            month = months.get(m.group("month").lower())
            if month:
                dates.add(f"{m.group('year')}-{month:02d}-{int(m.group('day')):02d}")
    return Held(frozenset(numbers), frozenset(dates))


_RULE_FIELDS = {
    "months": Field(list, required=True),
    "date": Field(str, required=True),
    "by_date": Field(list, required=True),
    "paragraph": Field(list, required=True),
    "of": Field(list, required=True),
    "and": Field(list, required=True),
    "title_stop_words": Field(list),
    "by_title": Field(list),
    "before_date": Field(list),
    "european_council": Field(list),
    "title_openers": Field(list),
    "title_articles": Field(list),
}
_PLACEHOLDERS = ("{day}", "{month}", "{year}")


def read_rules(source_dir: Path | None, problems: Problems) -> dict[str, Rules]:
    """The rules by language: the shared file's, each language replaced by the site's own file's."""
    rules: dict[str, Rules] = {}
    for path, display in ((SHARED_RULES, f"{SHARED_LABEL}/{RULES_FILE}"), _site_file(source_dir)):
        if path is None or not path.is_file():
            continue
        with problems.collect():
            data = load_yaml(read_text(path, display), display)
            if not isinstance(data, Located):
                raise SourceError(display, 1, "expected a mapping of language codes to their reference words")
            for language, words in data.items():
                with problems.collect():
                    rules[language] = _rules(words, display, f"language {shown(language)}", data.line_of(language))
    openers = tuple(dict.fromkeys(o for r in rules.values() for o in r.title_openers))
    return {language: replace(r, any_title_openers=openers) for language, r in rules.items()}


def _rules(words: object, display: str, what: str, line: int) -> Rules:
    entry = check_mapping(words, _RULE_FIELDS, display, what, line)
    date = entry["date"]
    for placeholder in _PLACEHOLDERS:
        if date.count(placeholder) != 1:
            raise SourceError(
                display,
                entry.line_of("date"),
                f"'date' of {what} must hold {placeholder} once, not {date.count(placeholder)} times "
                f'(it is written with {", ".join(_PLACEHOLDERS)}, e.g. "{{day}} {{month}} {{year}}"); correct it',
            )
    if re.sub("|".join(map(re.escape, _PLACEHOLDERS)), "", date).count("{"):
        raise SourceError(
            display,
            entry.line_of("date"),
            f"'date' of {what} holds a brace other than {', '.join(_PLACEHOLDERS)}; remove it",
        )
    if len(entry["months"]) != 12:
        raise SourceError(
            display, entry.line_of("months"), f"'months' of {what} must name the 12 months, not {len(entry['months'])}"
        )
    return Rules(
        months=tuple(entry["months"]),
        date=date,
        by_date=tuple(entry["by_date"]),
        paragraph=tuple(entry["paragraph"]),
        of=tuple(entry["of"]),
        and_=tuple(entry["and"]),
        stop_words=frozenset(w.lower() for w in entry.get("title_stop_words") or ()),
        by_title=tuple(entry.get("by_title") or ()),
        before_date=tuple(entry.get("before_date") or ()),
        european_council=tuple(entry.get("european_council") or ()),
        title_openers=tuple(entry.get("title_openers") or ()),
        title_articles=tuple(entry.get("title_articles") or ()),
    )


def _site_file(source_dir: Path | None) -> tuple[Path | None, str]:
    if source_dir is None:
        return None, ""
    return source_dir / RULES_FILE, f"{source_dir.name}/{RULES_FILE}"


def named(document: Document, urls: DocumentUrls) -> Named:
    h = document.header
    return Named(urls, h.document_id, h.citation_title or h.title, h.date, document.path)


@dataclass(frozen=True)
class Identities:
    """What identifies every document of a collection (its id, title, date and paragraph
    numbers): what a reference is resolved against."""

    named: tuple[Named, ...]
    paragraphs: tuple[tuple[str, frozenset[int]], ...]
    """Each document's paragraph numbers, by prefix."""
    # Lookups made of the two above (compared by them).
    by_prefix: Mapping[str, Named] = field(compare=False)
    by_number: Mapping[tuple[str, str], Named] = field(compare=False)
    by_date: Mapping[str, list[Named]] = field(compare=False)
    paragraph_numbers: Mapping[str, frozenset[int]] = field(compare=False)


def identities(documents: Sequence[tuple[Document, DocumentUrls]]) -> Identities:
    """What identifies each of `documents` (each document and where its pages are)."""
    all_named = tuple(named(d, u) for d, u in documents)
    by_number: dict[tuple[str, str], Named] = {}
    for one in all_named:
        if key := number_key(one.document_id):
            by_number[key] = one
    by_date: dict[str, list[Named]] = {}
    for one in all_named:
        if one.date:
            by_date.setdefault(one.date, []).append(one)
    paragraphs = tuple(
        (n.urls.prefix, frozenset(p.number for p in d.paragraphs))
        for n, (d, _) in zip(all_named, documents, strict=True)
    )
    by_prefix = {n.urls.prefix: n for n in all_named}
    return Identities(all_named, paragraphs, by_prefix, by_number, by_date, dict(paragraphs))


def references_of(document: Document, urls: DocumentUrls, rules: Rules | None, known: Identities) -> list[Reference]:
    """Every reference from `document` (its pages at `urls`) to a document, resolved against
    `known` where it names one of them.

    Args:
        document: the citing document, one of `known`.
        urls: where its pages are.
        rules: the words of its language; None (no rules for it) reads it for numbers only.
        known: every document of the collection.
    """
    citing = known.by_prefix[urls.prefix]
    return _Reader(citing, document, rules, known.by_number, known.by_date, known.paragraph_numbers).read()


class _Reader:
    """Reads one document's items for references."""

    def __init__(
        self,
        citing: Named,
        document: Document,
        rules: Rules | None,
        by_number: Mapping[tuple[str, str], Named],
        by_date: Mapping[str, list[Named]],
        paragraph_numbers: Mapping[str, frozenset[int]],
    ) -> None:
        self.citing = citing
        self.document = document
        self.rules = rules
        self.by_number = by_number
        self.by_date = by_date
        self.paragraph_numbers = paragraph_numbers
        self.date_pattern = rules.date_pattern() if rules else None
        self.title_date = rules.title_date_pattern() if rules else None
        self.paragraphs_before = rules.paragraphs_before() if rules else None
        self.own = number_key(citing.document_id)

    def read(self) -> list[Reference]:
        out: list[Reference] = []
        items: list[Paragraph | Recital | Footnote] = [
            *self.document.recitals,
            *self.document.paragraphs,
            *self.document.footnotes.values(),
        ]
        for item in items:
            carrier = self._carrier(item) if isinstance(item, Footnote) else item.anchor
            taken: list[tuple[int, int]] = []
            for ref in [*self._by_date(item, carrier), *self._by_number(item, carrier)]:
                if any(ref.start < e and s < ref.end for s, e in taken):
                    continue
                taken.append((ref.start, ref.end))
                out.append(ref)
        return sorted(out, key=lambda r: (r.line, r.start))

    def _carrier(self, note: Footnote) -> str:
        carriers: list[Paragraph | Recital] = [*self.document.recitals, *self.document.paragraphs]
        for item in carriers:
            if note.number in item.footnotes:
                return item.anchor
        return note.anchor

    def _by_date(self, item: Paragraph | Recital | Footnote, carrier: str) -> list[Reference]:
        if self.date_pattern is None or self.rules is None:
            return []
        out = []
        for m in self.date_pattern.finditer(item.text):
            iso = self._iso(m)
            cited, why = self._by_title(iso, item.text[m.end() : m.end() + 240])
            given = given_title_length(item.text, m.end())
            end = m.end() + (self._title_length(cited, item.text[m.end() :]) if cited else 0)
            end = max(end, m.end() + given)
            title = self.rules.title_words(item.text[m.end() : m.end() + given])
            out.append(self._reference(item, carrier, m.start(), end, DATE_TITLE, cited, why, iso, title))
        if self.title_date is not None:
            for m in self.title_date.finditer(item.text):
                iso = self._iso(m)
                title = m.group("title").strip()
                cited, why = self._by_title(iso, title)
                out.append(
                    self._reference(
                        item, carrier, m.start(), m.end(), DATE_TITLE, cited, why, iso, self.rules.title_words(title)
                    )
                )
        return out

    def _iso(self, m: re.Match[str]) -> str:
        assert self.rules is not None
        month = next(i for i, name in enumerate(self.rules.months) if name.lower() == m.group("month").lower())
        return f"{m.group('year')}-{month + 1:02d}-{int(m.group('day')):02d}"

    def _title_length(self, cited: Named, after: str) -> int:
        """How much of `after` (the text after the date) is the cited document's title: the
        words are the document's name, so its link spans them (and an instrument of the same
        name inside them does not take them)."""
        # The subject of the title, after its "… on": "the EU Ocean Strategy for Coastal Resilience".
        openers = self.rules.any_title_openers if self.rules else ()
        between = r"\s" + _any_of(openers) + r"(?:(?<=['’])|\s)"
        subject = re.split(between, cited.title, maxsplit=1, flags=re.IGNORECASE)[-1] if openers else cited.title
        words = re.findall(r"\w+", subject)
        if not words:
            return 0
        quote = "['‘’\"“”«»]?"
        gap = r"[\s'‘’\"“”«»]+"
        pattern = r"\s+\w+\s+" + quote + gap.join(map(re.escape, words)) + r"\b" + quote
        found = re.match(pattern, after, re.IGNORECASE)
        return found.end() if found else 0

    def _by_title(self, iso: str, after: str) -> tuple[Named | None, str]:
        """The document of date `iso` whose title the words `after` the date agree with."""
        assert self.rules is not None
        # The title runs to the end of the clause: a footnote marker, a semicolon, a new line.
        after = re.split(r"\[\^|;|\n|\(", after, maxsplit=1)[0]
        said = self._content_words(after)
        candidates = [c for c in self.by_date.get(iso, []) if c is not self.citing]
        if not candidates:
            return None, "no document of this collection has that date"
        scored = sorted(((len(said & self._content_words(c.title)), c) for c in candidates), key=lambda sc: -sc[0])
        best, cited = scored[0]
        if said and best == 0:
            return None, "the document of that date has another title"
        if len(scored) > 1 and scored[1][0] == best:
            return None, f"{len(scored)} documents have that date and the title does not tell them apart"
        return cited, ""

    def _content_words(self, text: str) -> set[str]:
        assert self.rules is not None
        words = {w.lower() for w in re.findall(r"\w+", text)}
        return {w for w in words if len(w) > 2 and w not in self.rules.stop_words}

    def _by_number(self, item: Paragraph | Recital | Footnote, carrier: str) -> list[Reference]:
        out = []
        for m in _NUMBER.finditer(item.text):
            key = (m.group("number"), m.group("year"))
            if key == self.own:
                continue
            cited = self.by_number.get(key)
            form = FOOTNOTE if isinstance(item, Footnote) else NUMBER
            why = "" if cited else "no document of this collection has that number"
            out.append(self._reference(item, carrier, m.start(), m.end(), form, cited, why))
        return out

    def _reference(
        self,
        item: Paragraph | Recital | Footnote,
        carrier: str,
        start: int,
        end: int,
        form: str,
        cited: Named | None,
        why: str,
        date: str = "",
        title: str = "",
    ) -> Reference:
        paragraphs: tuple[ParagraphNamed, ...] = ()
        if self.paragraphs_before is not None:
            before = item.text[max(0, start - 120) : start]
            if m := self.paragraphs_before.search(before):
                offset = start - len(before) + m.start("numbers")
                paragraphs = tuple(
                    ParagraphNamed(int(n.group()), offset + n.start(), offset + n.end())
                    for n in re.finditer(r"\d+", m.group("numbers"))
                )
        if cited is not None:
            known = self.paragraph_numbers.get(cited.urls.prefix, frozenset())
            missing = [p.number for p in paragraphs if p.number not in known]
            if missing:
                why = f"{cited.document_id} has no paragraph {', '.join(map(str, missing))}"
                paragraphs = tuple(p for p in paragraphs if p.number in known)
        return Reference(
            self.citing,
            item.anchor,
            carrier,
            start,
            end,
            item.text[start:end],
            form,
            item.line,
            cited,
            paragraphs,
            why,
            item.text,
            date,
            title,
            self._european_council(item.text[start:end]),
        )

    def _european_council(self, words: str) -> bool:
        return bool(self.rules) and any(w in words for w in self.rules.european_council) if self.rules else False

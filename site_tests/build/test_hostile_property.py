"""Property: no source puts live markup on a page, and a bad one stops the build cleanly.

Hypothesis writes generated hostile strings into one text field of one source file of the
small fixture (`fixtures/mini/`): any front-matter field, the preamble, a heading, a
paragraph, a footnote, and every registry field (id, name, description, url, patterns,
kinds, verbs). A value goes into YAML as a double-quoted string with escapes (so any
character can reach the loader: "\\r", NUL, U+202E) or as it is typed (so the file itself
holds it); into the text of `document.md` as it is typed. Each build, run in-process through
MkDocs' own `build()` as `mkdocs build --strict` runs it, must either

- fail with one line per mistake, each `file:line[:column]: what to do`, and write nothing, or
- succeed with no script element, event-handler attribute or `javascript:` address that the
  templates did not write, in any output file (pages, JSON, search index, sitemaps), and
  with the value's text on the page that shows the field.

Two more properties drive the paths a build does not: `conclusions new` with
generated hostile text in its input and hostile options, then `conclusions import` into the
site it made (the same input again, or another text with --add), each refusing in one line
with nothing changed or writing inside the site only what the build reads; and a collection
with generated folder names, document ids and `formerly_at_root`, refused one line per
mistake or publishing every page and file at a relative address inside the site.

The examples are bounded and derandomized (the same ones on every run); a failure prints the
smallest input Hypothesis finds (the field, how it was written, and the value).
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from conclusions.core.inline_source import tokenize
from conclusions.csp import sha256
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from site_tests.support.build import EPOCH, FIXTURES, ROOT

MINI = FIXTURES / "mini"
EXAMPLES = int(os.environ.get("HOSTILE_EXAMPLES", "200"))
"""About a minute on a laptop: about half the examples build the whole site."""
HOME = ("index.html", "article")


@dataclass(frozen=True)
class Slot:
    """One text field: `old` is its whole line in the fixture (found once), `value` the part
    of it that is the field's value; `shown` the page and part ("article" or "title") where
    the value must be read after a good build, if a page shows it as text."""

    file: str
    old: str
    value: str
    shown: tuple[str, str] | None = None
    yaml: bool = True
    inline: bool = False
    """Inline source (the text of document.md): allowed tags and footnote references are markup."""
    template: str = ""
    """For a field the fixture leaves out: what replaces `old`, with "@" for the value."""

    @property
    def name(self) -> str:
        return f"{self.file}: {self.old.strip()}"


def _front(key: str, value: str, shown: tuple[str, str] | None = HOME) -> Slot:
    return Slot("document.md", f"{key}: {value}", value, shown)


def _added(key: str, shown: tuple[str, str] | None) -> Slot:
    """A front-matter field the fixture leaves out, added after `short_title`."""
    old = "short_title: Ocean observation\n"
    return Slot("document.md", old, "", shown, template=f"{old}{key}: @\n")


def _body(prefix: str, value: str, shown: str) -> Slot:
    return Slot("document.md", prefix + value, value, (shown, "article"), yaml=False, inline=True)


def _reg(file: str, key: str, value: str, shown: str | None = None) -> Slot:
    return Slot(file, f"    {key}: {value}", value, (shown, "article") if shown else None)


SLOTS = [
    _front("institution", "Council of the European Union"),
    _front("place_date", "Luxembourg, 20 June 2022"),
    _front("language_note", "(OR. en)"),
    _front("number", "10001/22"),
    _front("document_id", "ST 10001/22", None),
    _front("date", "2022-06-20", None),
    Slot("document.md", "  - ENER 1", "ENER 1", HOME),
    _front("status", "OUTCOME OF PROCEEDINGS"),
    _front("from", "General Secretariat of the Council"),
    _front("to", "Delegations"),
    _front("subject", "Council conclusions on ocean observation (test fixture)"),
    _front("title", "Council conclusions on ocean observation"),
    _front("short_title", "Ocean observation", ("index.html", "title")),
    _added("cover_note", HOME),
    _added("previous_document", HOME),
    _added("citation_title", ("paragraphs/1/index.html", "article")),
    _body("", "THE COUNCIL OF THE EUROPEAN UNION,", "text/index.html"),
    _body("## A. ", "FIRST STEPS", "sections/a/index.html"),
    _body("1. ", "WELCOMES the Ocean Charter[^a] and RECALLS the Blue Deal;", "paragraphs/1/index.html"),
    _body("3. ", "NOTES the role of ENER work[^b];", "paragraphs/3/index.html"),
    _body("[^b]: ", "See the Blue Deal.", "text/index.html"),
    Slot("glossary.yml", "  - id: ener", "ener"),
    _reg("glossary.yml", "term", "ENER", "glossary/index.html"),
    _reg("glossary.yml", "expansion", "Energy", "glossary/index.html"),
    _reg("glossary.yml", "definition", "A Council subject code.", "glossary/index.html"),
    Slot("glossary.yml", "    definition: A gas.\n", "", template="    definition: A gas.\n    url: @\n"),
    Slot("glossary.yml", "    patterns: [ENER]", "ENER"),
    _reg("instruments.yml", "label", "Charters", "instruments/index.html"),
    Slot("instruments.yml", "  - id: ocean-charter", "ocean-charter"),
    _reg("instruments.yml", "title", "Ocean Charter", "instruments/ocean-charter/index.html"),
    _reg("instruments.yml", "kind", "charter"),
    _reg("instruments.yml", "reference", "ST 1234/21", "instruments/ocean-charter/index.html"),
    _reg("instruments.yml", "url", "https://example.org/ocean-charter", "instruments/ocean-charter/index.html"),
    _reg("instruments.yml", "description", "A charter for the ocean.", "instruments/ocean-charter/index.html"),
    Slot("instruments.yml", "    patterns: [Ocean Charter, 1234/21]", "Ocean Charter"),
    _reg("actors.yml", "label", "EU"),
    Slot("actors.yml", "  - id: commission", "commission"),
    _reg("actors.yml", "name", "European Commission", "actors/commission/index.html"),
    _reg("actors.yml", "description", "The executive of the EU.", "actors/commission/index.html"),
    _reg("actors.yml", "url", "https://commission.europa.eu/"),
    Slot("actors.yml", "    patterns: [Commission]", "Commission"),
    Slot("verbs.yml", "{verb: NOTES,", "NOTES", ("verbs/index.html", "article")),
    Slot("verbs.yml", "forms: [RECALLS]", "RECALLS"),
    Slot("verbs.yml", "  - in close coordination with", "in close coordination with"),
]

# What attackers and accidents put into text: markup, Markdown and attr_list syntax, the
# syntax of Markdown extensions and of Jinja, addresses, and the characters the door refuses.
FRAGMENTS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "<svg onload=alert(1)>",
    "<iframe src=javascript:alert(1)>",
    "javascript:alert(1)",
    "[x](javascript:alert(1))",
    "](javascript:alert(1))",
    "<javascript:alert(1)>",
    "{ onmouseover=alert(1) }",
    "} {",
    "{: .x onclick=alert(1) }",
    '" onmouseover="alert(1)',
    "' onfocus='alert(1)",
    "'",
    '"',
    ")",
    "(",
    "2023. ",
    "- ",
    "# ",
    "> ",
    "    ",
    "|",
    "*",
    "_",
    "`",
    "\\",
    "&lt;script&gt;",
    "&amp;",
    "&",
    "<!--",
    "-->",
    "{{ config }}",
    "{% raw %}",
    "[^a]",
    "[^z]",
    "<sup>",
    "</sub>",
    "<em>x</em>",
    ":smile:",
    "==",
    "^^",
    "~~",
    "++",
    "https://x.eu/)<script>alert(1)</script>",
    "https://x.eu/a(b)",
    "\n",
    "\r",
    "\r\n",
    "\t",
    "\x00",
    "\x0c",
    "\x85",
    "\u2028",
    "\u202e",
    "\u202c",
    "\u2066x\u2069",
    "\u200b",
    "\ufeff",
    "é",
    "²",
    "–",
]
value_strategy = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=3)), min_size=1, max_size=4).map(
    "".join
)
how_strategy = st.sampled_from(["replace", "append"])
quoting_strategy = st.sampled_from(["escaped", "typed"])


def _yaml_double_quoted(value: str) -> str:
    out = []
    for ch in value:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch.isprintable() and ch not in "\u2028\u2029\x85\ufeff":
            out.append(ch)
        elif ord(ch) > 0xFFFF:
            out.append(f"\\U{ord(ch):08x}")
        else:
            out.append(f"\\u{ord(ch):04x}")
    return '"' + "".join(out) + '"'


def mutate(source: Path, slot: Slot, how: str, quoting: str, value: str) -> str:
    """Write the value into the copy of the fixture; return the value the field should hold."""
    path = source / slot.file
    text = path.read_text(encoding="utf-8")
    assert text.count(slot.old) == 1, slot.name
    field = value if how == "replace" else slot.value + value
    written = _yaml_double_quoted(field) if slot.yaml and quoting == "escaped" else field
    if slot.template:
        line = slot.template.replace("@", written)
    else:
        start = slot.old.index(slot.value)
        line = slot.old[:start] + written + slot.old[start + len(slot.value) :]
    path.write_bytes(text.replace(slot.old, line).encode("utf-8"))
    return field


def _find(file: str, needle: str) -> Slot:
    return next(slot for slot in SLOTS if slot.file == file and needle in slot.old + slot.template)


@contextmanager
def _captured_errors() -> Iterator[list[str]]:
    lines: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.levelno >= logging.WARNING:
                lines.append(record.getMessage())

    handler = Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield lines
    finally:
        logger.removeHandler(handler)


def build_in_process(source: Path, site: Path, cards: Path) -> tuple[bool, list[str]]:
    """`mkdocs build --strict` of the project's mkdocs.yml on `source`, in this process."""
    config_file = site.parent / "mkdocs.yml"
    config_file.write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\n"
        f"docs_dir: {source}\nsite_dir: {site}\nsite_url: http://127.0.0.1:8000/\n"
        f"theme:\n  name: material\n  custom_dir: {ROOT / 'overrides'}\n"
        f"plugins:\n  - conclusions:\n      cards_cache_dir: {cards}\n  - search\n",
        encoding="utf-8",
    )
    with _captured_errors() as errors:
        config = load_config(config_file=str(config_file), strict=True)
        try:
            mkdocs_build(config)
        except SystemExit:  # MkDocs' Abort, after it logged the error
            return False, errors
    return True, errors


# --- What a good build may hold --------------------------------------------------------

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "cite", "background", "srcset", "ping"}
FORBIDDEN_ELEMENTS = {"iframe", "object", "embed", "base", "frame", "frameset", "applet"}
_SCHEME = re.compile(r"^[\x00-\x20]*([a-z][a-z0-9+.\-]*):", re.I)


def _bad_address(value: str) -> bool:
    scheme = _SCHEME.match(re.sub(r"[\t\n\r]", "", value))
    return scheme is not None and scheme.group(1).lower() in {"javascript", "vbscript", "data"}


class _Elements(HTMLParser):
    """Every start tag with its attributes, and each script's text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.scripts: list[tuple[dict[str, Any], str]] = []
        self._script: dict[str, Any] | None = None
        self._body: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        if tag in FORBIDDEN_ELEMENTS:
            self.problems.append(f"a <{tag}> element")
        if tag == "meta" and (named.get("http-equiv") or "").lower() == "refresh":
            self.problems.append("a meta refresh")
        for key, value in attrs:
            if key.startswith("on"):
                self.problems.append(f"an event handler {key}={value!r} on <{tag}>")
            if key in URL_ATTRIBUTES and value and _bad_address(value):
                self.problems.append(f"a script address {key}={value!r} on <{tag}>")
        if tag == "script":
            self._script, self._body = named, []

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._body.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script, "".join(self._body)))
            self._script = None


def html_problems(html: str, allowed_sources: set[str], policy: str | None) -> list[str]:
    parser = _Elements()
    parser.feed(html)
    parser.close()
    problems = parser.problems
    for attrs, body in parser.scripts:
        if attrs.get("src") is not None:
            if _normal(attrs["src"]) not in allowed_sources:
                problems.append(f"a script from {attrs['src']!r}")
        elif (attrs.get("type") or "").lower() in ("application/json", "application/ld+json"):
            # A data block is never run; what source text reached it is JSON text, or it broke out.
            try:
                json.loads(body)
            except ValueError:
                problems.append(f"a data block that is no JSON: {body[:80]!r}")
            continue
        elif policy is None or sha256(body) not in policy:
            problems.append(f"an inline script no template wrote: {body[:80]!r}")
    return problems


def _normal(src: str) -> str:
    return re.sub(r"^(?:\.\./|\./|/)+", "", src)


def _json_problems(data: Any, html_keys: set[str], key: str = "") -> Iterator[str]:
    """Addresses must not be scripts; the values that are HTML (the data's "html", the search
    index's "text" and "title", which Material's search shows as HTML) must be inert. Other
    values are plain text, and may say "<script>" as the source did."""
    if isinstance(data, dict):
        for name, value in data.items():
            yield from _json_problems(value, html_keys, name)
    elif isinstance(data, list):
        for value in data:
            yield from _json_problems(value, html_keys, key)
    elif isinstance(data, str):
        if key.lower() in {"url", "href", "image", "location"} and _bad_address(data):
            yield f"a script address in {key!r}: {data!r}"
        if key in html_keys:
            yield from html_problems(data, set(), policy="")


def site_problems(site: Path, allowed_sources: set[str]) -> list[str]:
    problems = []
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if path.suffix == ".html":
            html = path.read_text(encoding="utf-8")
            policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', html)
            if policy is None:
                problems.append(f"{rel}: no Content-Security-Policy")
            found = html_problems(html, allowed_sources, policy.group(1) if policy else None)
            problems += [f"{rel}: {p}" for p in found]
        elif path.suffix == ".json":
            html_keys = {"text", "title"} if rel.startswith("search/") else {"html"}
            problems += [f"{rel}: {p}" for p in _json_problems(json.loads(path.read_text("utf-8")), html_keys)]
        elif path.suffix == ".xml":
            for loc in re.findall(r"<loc>([^<]*)</loc>", path.read_text("utf-8")):
                if not loc.startswith("http"):
                    problems.append(f"{rel}: an address {loc!r}")
    return problems


def _pieces(value: str, inline: bool) -> list[str]:
    """The runs of the value a reader sees as written, whitespace collapsed: for inline
    source, the text between its tags and footnote references (which are markup)."""
    if not inline:
        runs = [value]
    else:
        runs, current = [], []
        for token in tokenize(value):
            if token.kind == "text":
                current.append(token.value)
            elif token.kind == "fn":
                runs.append("".join(current))
                current = []
        runs.append("".join(current))
    return [" ".join(run.split()) for run in runs if run.split()]


def shown_text(site: Path, shown: tuple[str, str]) -> str:
    page, part = shown
    soup = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
    node = soup.title if part == "title" else soup.select_one("article")
    return " ".join(node.get_text("").split())


def _bounded(examples: int) -> settings:
    """The same examples on every run, as many as `examples`, without a time limit."""
    return settings(
        max_examples=examples,
        derandomize=True,
        deadline=None,
        database=None,
        print_blob=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large],
    )


# --- The property ------------------------------------------------------------------------

ERROR_LINE = re.compile(r"^(?:mini|conclusions/registry)/[\w.-]+\.(?:md|yml):\d+(?::\d+)?: \S")


@pytest.fixture(scope="module")
def workspace() -> Iterator[tuple[Path, Path, set[str]]]:
    """A folder for the examples, the shared card cache, and the script sources the templates
    load (from a build of the unmodified fixture, which must pass every check itself)."""
    root = Path(tempfile.mkdtemp(prefix="hostile-property-"))
    saved = {key: os.environ.get(key) for key in ("SOURCE_DATE_EPOCH", "NO_MKDOCS_2_WARNING")}
    os.environ.update(SOURCE_DATE_EPOCH=EPOCH, NO_MKDOCS_2_WARNING="1")
    try:
        cards = root / "cards"
        clean = root / "clean"
        shutil.copytree(MINI, clean / "mini")
        ok, errors = build_in_process(clean / "mini", clean / "site", cards)
        assert ok and not errors, errors
        site = clean / "site"
        allowed = {
            _normal(src)
            for path in site.rglob("*.html")
            for src in re.findall(r'<script src="([^"]+)"', path.read_text("utf-8"))
        }
        assert allowed and not site_problems(site, allowed), "the unmodified fixture must pass the checks"
        yield root, cards, allowed
    finally:
        shutil.rmtree(root, ignore_errors=True)
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@_bounded(EXAMPLES)
@given(slot=st.sampled_from(SLOTS), how=how_strategy, quoting=quoting_strategy, value=value_strategy)
# Inputs attackers once tried, each once, before the generated ones.
@example(
    slot=_find("instruments.yml", "url:"),
    how="replace",
    quoting="escaped",
    value="https://x.eu/)<script>alert(1)</script>",
)
@example(slot=_find("actors.yml", "name:"), how="replace", quoting="typed", value="Commission onmouseover=alert(1) } {")
@example(slot=_find("document.md", "## A."), how="append", quoting="typed", value=" onmouseover=alert(1) } {")
@example(slot=_find("document.md", "title: Council"), how="append", quoting="escaped", value="\r    code\r# heading")
@example(slot=_find("actors.yml", "id:"), how="append", quoting="escaped", value="\n")
@example(slot=_find("instruments.yml", "description:"), how="replace", quoting="typed", value="2023. A charter")
@example(slot=_find("document.md", "cover_note"), how="replace", quoting="escaped", value="2023. Delegations will find")
@example(slot=_find("document.md", "## A."), how="replace", quoting="typed", value="OPENING")
@example(slot=_find("document.md", "THE COUNCIL"), how="append", quoting="typed", value="\x00\u202e")
@example(slot=_find("document.md", "ENER 1"), how="append", quoting="typed", value="[^a]")
def test_no_source_puts_live_markup_on_a_page(
    workspace: tuple[Path, Path, set[str]], slot: Slot, how: str, quoting: str, value: str
) -> None:
    root, cards, allowed = workspace
    case = Path(tempfile.mkdtemp(dir=root))
    try:
        source = case / "mini"
        shutil.copytree(MINI, source)
        field = mutate(source, slot, how, quoting, value)
        site = case / "site"
        ok, errors = build_in_process(source, site, cards)
        event("built" if ok else "refused")
        if not ok:
            assert errors, "a failed build says why"
            for line in errors:
                assert ERROR_LINE.match(line) and "\n" not in line, f"not a one-line file:line message: {line!r}"
            written = [p for p in site.rglob("*")] if site.exists() else []
            assert not written, f"a failed build wrote {len(written)} files"
            return
        assert not errors, errors
        problems = site_problems(site, allowed)
        assert not problems, problems[:10]
        if slot.shown and (quoting == "escaped" or not slot.yaml) and "\n" not in field:
            text = shown_text(site, slot.shown)
            for piece in _pieces(field, slot.inline):
                assert piece in text, f"{piece!r} is not on {slot.shown[0]}"
    finally:
        shutil.rmtree(case, ignore_errors=True)


def test_the_slots_cover_every_source_file_and_are_found_once() -> None:
    assert {slot.file for slot in SLOTS} == {
        "document.md",
        "instruments.yml",
        "glossary.yml",
        "actors.yml",
        "verbs.yml",
    }
    for slot in SLOTS:
        text = (MINI / slot.file).read_text(encoding="utf-8")
        assert text.count(slot.old) == 1 and slot.value in slot.old, slot.name


# --- The commands and collections ------------------------------------------------

IMPORT_INPUT = FIXTURES / "collection" / "ST-7612-2024-INIT-en.txt"
"""An invented Council text (ST 7612/24) in the register's plain-lines shape."""
OTHER_INPUT = FIXTURES / "collection" / "ST-6120-2025-INIT-en.txt"
"""Another (ST 6120/25), added to the site `new` made."""
COMMAND_EXAMPLES = int(os.environ.get("HOSTILE_COMMAND_EXAMPLES", "60"))
OPTIONS = ("--number", "--date", "--title", "--short-title", "--language")
# What a command line or a folder name may carry besides the fragments above: paths, dots,
# the names of the site's own files and folders, and separators of YAML and front matter.
NAME_FRAGMENTS = [
    "..",
    ".",
    "a b",
    "x<y>",
    "index.html",
    "sitemap.xml",
    "javascript:void",
    "http:134744072",
    "text",
    "glossary",
    "documents",
    "st-7612-2024",
    "---",
    "\n---\n",
    ": ",
    "&a",
    "*a",
    "ST 7612/2024",
    "7612 /24",
    "Ελλάδα",
    "x" * 120,
]
line_strategy = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS + NAME_FRAGMENTS), st.text(max_size=3)), min_size=1, max_size=3
).map("".join)


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _one_line_refusal(captured: str) -> None:
    lines = captured.splitlines()
    assert len(lines) == 1, captured
    assert lines[0].startswith("conclusions: ") and "; " in lines[0], lines[0]


def _core_reads(source: Path) -> None:
    """The build's own checks on what a command wrote: a mistake is one `file:line` line each,
    and nothing else may go wrong."""
    from conclusions.core.errors import SourceError, SourceErrors
    from conclusions.core.site import all_pages, build_collection
    from conclusions.core.unique_addresses import check_addresses, published_files

    try:
        collection = build_collection(source)
        check_addresses(list(all_pages(collection)), published_files(collection))
    except SourceError as err:
        for line in err.lines() if isinstance(err, SourceErrors) else [str(err)]:
            assert "\n" not in line and re.match(r"^\S[^:]*:(\d+:)?(\d+:)? \S", line), line


@_bounded(COMMAND_EXAMPLES)
@given(
    line=st.integers(min_value=0, max_value=60),
    text=line_strategy,
    options=st.dictionaries(st.sampled_from(OPTIONS), line_strategy, max_size=2),
    again=st.sampled_from(["", "again", "add"]),
)
@example(line=0, text="", options={"--title": "Council conclusions\n---\ntitle: x"}, again="")
@example(line=5, text="7612/2024", options={"--number": "7612 /24"}, again="add")
@example(line=30, text="INVI\u200dTES the Commis\u200bsion", options={}, again="again")
def test_conclusions_new_and_import_write_the_site_or_nothing(
    tmp_path_factory: pytest.TempPathFactory, line: int, text: str, options: dict[str, str], again: str
) -> None:
    """`conclusions new` with hostile text in the input and hostile options, then `import` into
    the site made: the same input again, or another text with --add (the same text and options
    inserted): each run either refuses
    in one line and changes nothing, or writes inside the site only, a document.md the build
    reads (one line per mistake, no other failure) and the record of what it wrote."""
    from conclusions import cli

    root = tmp_path_factory.mktemp("command")
    given, other = root / "input.txt", root / "other.txt"
    for path, original in ((given, IMPORT_INPUT), (other, OTHER_INPUT)):
        lines = original.read_text(encoding="utf-8").split("\n")
        lines.insert(min(line, len(lines)), text)
        path.write_text("\n".join(lines), encoding="utf-8")
    # As `--title=VALUE`: a value may start with a dash.
    arguments = [f"{option}={value}" for option, value in options.items()]
    before = _files(root)
    with _captured_stderr() as err:
        status = cli.main(["new", str(root / "site"), "--from", str(given), *arguments])
    event("new: refused" if status else "new: written")
    if status != 0:
        assert status == 2
        _one_line_refusal(err.getvalue())
        assert _files(root) == before and not (root / "site").exists()
        return
    site = root / "site"
    assert sorted(p.name for p in root.iterdir()) == ["input.txt", "other.txt", "site"], "nothing outside the site"
    record = yaml.safe_load((site / "source" / "import.yml").read_text(encoding="utf-8"))
    assert record["document_sha256"] == hashlib.sha256((site / "source" / "document.md").read_bytes()).hexdigest()
    _core_reads(site / "source")
    if not again:
        return
    before = _files(root)
    with _captured_stderr() as err:
        imported = ["import", str(other), "--add"] if again == "add" else ["import", str(given)]
        status = cli.main([*imported, "--source", str(site / "source"), *arguments])
    event("import: refused" if status else "import: written")
    if status != 0:
        assert status == 2
        _one_line_refusal(err.getvalue())
        assert _files(root) == before, "a refused import changes nothing"
        return
    assert sorted(p.name for p in root.iterdir()) == ["input.txt", "other.txt", "site"], "nothing outside the site"
    _core_reads(site / "source")


@contextmanager
def _captured_stderr() -> Iterator[io.StringIO]:
    import sys

    saved, sys.stderr = sys.stderr, io.StringIO()
    try:
        yield sys.stderr
    finally:
        sys.stderr = saved


folder_strategy = line_strategy.filter(
    lambda name: name not in ("", ".", "..") and "/" not in name and "\x00" not in name and len(name.encode()) < 200
)


@_bounded(COMMAND_EXAMPLES)
@given(
    documents=st.lists(
        st.tuples(
            # A folder: generated, a valid prefix, or (None) the prefix the id makes, as an import names it.
            st.one_of(folder_strategy, st.from_regex(r"[a-z0-9]{1,6}(-[a-z0-9]{1,6}){0,2}", fullmatch=True), st.none()),
            st.one_of(
                st.none(), line_strategy, st.from_regex(r"ST [0-9]{1,5} ?/ ?[0-9]{2}( REV [0-9])?", fullmatch=True)
            ),
        ),
        min_size=1,
        max_size=3,
    ),
    root=st.one_of(st.none(), line_strategy),
)
@example(documents=[("javascript:void", None), ("text", None)], root=None)
@example(documents=[("glossary", "Glossary"), ("st-10001-2022", "ST 10001/22")], root="st-10001-2022")
@example(documents=[("st-10001-2022", "ST 10001/22"), ("st-10001-1922", "ST 10001 /22")], root=None)
def test_a_collection_of_any_folders_and_ids_builds_safe_addresses_or_refuses(
    tmp_path_factory: pytest.TempPathFactory, documents: list[tuple[str, str | None]], root: str | None
) -> None:
    """A collection whose folders and document ids are generated: the core refuses it in one
    line per mistake, or every page and file it publishes stands at a relative address inside
    the site, and no page links to another scheme or host."""
    from conclusions.core.errors import SourceError, SourceErrors
    from conclusions.core.site import all_pages, build_collection
    from conclusions.core.unique_addresses import check_addresses, published_files
    from conclusions.core.urls import document_prefix

    source = tmp_path_factory.mktemp("collection") / "source"
    source.mkdir()
    for registry in MINI.glob("*.yml"):
        if registry.name != "expected.yml":
            shutil.copy(registry, source)
    text = (MINI / "document.md").read_text(encoding="utf-8")
    made: set[str] = set()
    for folder, document_id in documents:
        folder = folder or document_prefix(document_id or "", "2022") or "untitled"
        if folder in made:
            continue
        made.add(folder)
        (source / "documents" / folder).mkdir(parents=True)
        front = "" if document_id is None else f"document_id: {_yaml_double_quoted(document_id)}\n"
        (source / "documents" / folder / "document.md").write_text(
            text.replace("document_id: ST 10001/22\n", front), encoding="utf-8"
        )
    if root is not None:
        (source / "collection.yml").write_text(f"formerly_at_root: {_yaml_double_quoted(root)}\n", encoding="utf-8")
    try:
        collection = build_collection(source)
        pages = list(all_pages(collection))
        files = published_files(collection)
        check_addresses(pages, files)
    except SourceError as err:
        event("refused")
        for line in err.lines() if isinstance(err, SourceErrors) else [str(err)]:
            assert "\n" not in line and line.startswith(("source/", str(source), "mini/", "conclusions/")), line
        return
    event("built")
    for path in [page.src for page in pages] + files:
        assert not path.startswith(("/", ".")) and ".." not in path.split("/"), path
        assert not _SCHEME.match(path) and re.fullmatch(r"[\w./:%-]+", path), path
    for page in pages:
        for target in re.findall(r"\]\(([^)\s]+)", page.markdown):
            assert not _SCHEME.match(target) or target.startswith("#"), f"{page.src}: {target}"

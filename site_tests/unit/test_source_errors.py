"""Bad input gets a clear error, and never a half-built site.

Every case copies the complete fixture `fixtures/mini/` into a temporary folder, makes one
mistake a maintainer could make, and checks the exact line the maintainer reads: the file
(source folder and name), the line, the column where it applies, and what to fix. Most
cases ask the core directly; a handful run `mkdocs build`, plain and `--strict`, to prove the
same single line reaches the terminal, the exit code is non-zero and no site is written.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conclusions.core.edition import build_edition
from conclusions.core.errors import SourceError
from conclusions.core.layout import SHARED_REGISTRY as SHARED
from conclusions.core.site import all_pages
from conclusions.core.unique_addresses import check_addresses, published_files

from site_tests.support import yaml_data
from site_tests.support.build import FIXTURES

MINI = FIXTURES / "mini"


@dataclass(frozen=True)
class Case:
    """One mistake: `edits` are (old, new) replacements, each of text found exactly once."""

    name: str
    file: str
    edits: list[tuple[str | bytes, str | bytes]] = field(default_factory=list)
    content: str | bytes | None = None
    """Replace the whole file with this (used when `edits` is empty)."""
    delete: bool = False
    message: str = ""


def apply(case: Case, source: Path) -> None:
    target = source / case.file
    if case.delete:
        target.unlink()
        return
    if not case.edits:
        data = case.content.encode() if isinstance(case.content, str) else case.content
        assert data is not None, case.name
        target.write_bytes(data)
        return
    data = target.read_bytes()
    for old, new in case.edits:
        old_b = old.encode() if isinstance(old, str) else old
        new_b = new.encode() if isinstance(new, str) else new
        assert data.count(old_b) == 1, f"{case.name}: {old!r} must occur once in {case.file}"
        data = data.replace(old_b, new_b)
    target.write_bytes(data)


def copy_mini(parent: Path) -> Path:
    source = parent / "mini"
    shutil.copytree(MINI, source)
    return source


FRONT_MATTER = MINI.joinpath("document.md").read_text(encoding="utf-8").split("\n---\n", 1)[0] + "\n---\n"


CASES = [
    # YAML and front matter syntax
    Case(
        "yaml-colon-in-value",
        "glossary.yml",
        [("definition: A gas.", "definition: A gas: invisible.")],
        message="mini/glossary.yml:5:22: YAML syntax error: a ': ' inside a value; put the whole value in quotes",
    ),
    Case(
        "yaml-unclosed-list",
        "instruments.yml",
        [("patterns: [Blue Deal]", "patterns: [Blue Deal")],
        message="mini/instruments.yml:19:15: YAML syntax error: list opened with '[' is not closed; "
        "add ']' (put text containing ',' or ':' in quotes)",
    ),
    Case(
        "yaml-unclosed-quote",
        "actors.yml",
        [("description: The executive", 'description: "The executive')],
        message="mini/actors.yml:8:18: YAML syntax error: quoted text is not closed; add the closing quote",
    ),
    Case(
        "yaml-tab-indent",
        "verbs.yml",
        [("\n  - in close", "\n\t- in close")],
        message="mini/verbs.yml:9:1: YAML syntax error: a tab character; indent with spaces",
    ),
    Case(
        "yaml-bad-indent",
        "glossary.yml",
        [("\n    term: ENER", "\n     term: ENER")],
        message="mini/glossary.yml:8:6: YAML syntax error: key 'term' is indented deeper than the lines above; "
        "align it with its siblings",
    ),
    Case(
        "yaml-under-indent",
        "glossary.yml",
        [("\n    term: ENER", "\n   term: ENER")],
        message="mini/glossary.yml:8:4: YAML syntax error: this line's indentation does not fit the lines above; "
        "align it with its siblings",
    ),
    Case(
        "yaml-unclosed-mapping",
        "verbs.yml",
        [("[WELCOMES], request: false}", "[WELCOMES], request: false")],
        message="mini/verbs.yml:2:5: YAML syntax error: mapping opened with '{' is not closed; "
        "add '}' (put text containing ',' or ':' in quotes)",
    ),
    Case(
        "yaml-duplicate-key",
        "glossary.yml",
        [("    term: CO₂\n", "    term: CO₂\n    term: Carbon dioxide\n")],
        message="mini/glossary.yml:4: key 'term' appears twice (first on line 3); keep one",
    ),
    Case(
        "front-matter-colon",
        "document.md",
        [("title: Council conclusions on", "title: Council conclusions: on")],
        message="mini/document.md:15:27: YAML syntax error: a ': ' inside a value; put the whole value in quotes",
    ),
    Case(
        "front-matter-code-tag",
        "document.md",
        [("date: 2022-06-20", "date: !!python/object/apply:os.system [echo]")],
        message="mini/document.md:7:7: YAML syntax error: the tag "
        "'tag:yaml.org,2002:python/object/apply:os.system' is not allowed; remove it, or put the value in quotes",
    ),
    Case(
        "front-matter-not-closed",
        "document.md",
        [("short_title: Ocean observation\n---\n", "short_title: Ocean observation\n")],
        message="mini/document.md:1: the front matter is not closed; add a line '---' after it",
    ),
    Case(
        "front-matter-missing",
        "document.md",
        [("---\ninstitution:", "institution:")],
        message="mini/document.md:1: the file must start with a line '---' that opens the YAML front "
        "matter (see README)",
    ),
    # Encoding, empty and missing files
    Case(
        "document-not-utf8",
        "document.md",
        [(b"Luxembourg", b"Luxembourg \xe9")],
        message="mini/document.md:3:24: byte 0xE9 is not UTF-8 text; save the file with the UTF-8 encoding",
    ),
    Case(
        "registry-not-utf8",
        "glossary.yml",
        [(b"A gas.", b"A gas \x96 colourless.")],
        message="mini/glossary.yml:5:23: byte 0x96 is not UTF-8 text; save the file with the UTF-8 encoding",
    ),
    Case(
        "document-empty",
        "document.md",
        content="",
        message="mini/document.md:1: the file is empty; it needs the front matter and the text "
        "(see README, 'How to add a document')",
    ),
    Case(
        "registry-empty",
        "actors.yml",
        content="\n  \n",
        message="mini/actors.yml:1: the file is empty; it needs 'actors:', or remove the file (see README, 'How "
        "to add a document')",
    ),
    Case(
        "document-missing",
        "document.md",
        delete=True,
        message="mini/document.md: the file is missing; create it (see README, 'How to add a document')",
    ),
    Case(
        "registry-not-a-mapping",
        "glossary.yml",
        content="- id: co2\n",
        message="mini/glossary.yml:1: the file must be a mapping of 'key: value' lines",
    ),
    # The text: paragraphs, sections, recitals, footnotes, inline tags
    Case(
        "no-paragraphs",
        "document.md",
        content=FRONT_MATTER + "\nTHE COUNCIL OF THE EUROPEAN UNION,\n",
        message="mini/document.md:18: the text has no numbered paragraphs ('1. ...'); add them after the front matter",
    ),
    Case(
        "paragraph-missing",
        "document.md",
        [("3. NOTES", "5. NOTES")],
        message="mini/document.md:27: paragraph 3 is missing (this is paragraph 5); "
        "number the paragraphs 1, 2, 3, ... without gaps",
    ),
    Case(
        "paragraph-repeated",
        "document.md",
        [("3. NOTES", "2. NOTES")],
        message="mini/document.md:27: paragraph 2 is repeated (first on line 25); renumber the paragraphs 1, 2, 3, ...",
    ),
    Case(
        "paragraph-out-of-order",
        "document.md",
        [("2. INVITES", "3. INVITES"), ("3. NOTES", "2. NOTES")],
        message="mini/document.md:25: paragraph 3 comes before paragraph 2 (line 27); put the paragraphs in order",
    ),
    Case(
        "section-without-paragraphs-at-end",
        "document.md",
        [("\n[^a]: 1234/21.", "\n## C. NOTHING YET\n\n[^a]: 1234/21.")],
        message="mini/document.md:33: section 'C. NOTHING YET' has no paragraphs; add them (or '### ' sub-sections "
        "with theirs) or remove the heading",
    ),
    Case(
        "section-without-paragraphs-before-heading",
        "document.md",
        [("## A. FIRST STEPS\n", "## Z. STRAY\n\n## A. FIRST STEPS\n")],
        message="mini/document.md:23: section 'Z. STRAY' has no paragraphs; add them (or '### ' sub-sections "
        "with theirs) or remove the heading",
    ),
    Case(
        "section-twice",
        "document.md",
        [("## B. LATER STEPS", "## A. LATER STEPS")],
        message="mini/document.md:29: section 'A' appears twice (first on line 23); number sections uniquely",
    ),
    Case(
        "recital-after-paragraphs",
        "document.md",
        [("\n[^a]: 1234/21.", "\n- A late recital.\n\n[^a]: 1234/21.")],
        message="mini/document.md:33: a recital ('- ' line) comes after the numbered paragraphs; move it "
        "before paragraph 1",
    ),
    Case(
        "stray-text",
        "document.md",
        [("[^b]: See the Blue Deal.", "[^b]: See the Blue Deal.\n\nDone at Luxembourg.")],
        message="mini/document.md:37: this text is not a paragraph ('N. '), heading ('## '), recital ('- ' or "
        "'A. '), point (indented 'a. ', '(i) ', '– ') or footnote ('[^N]: '); start it with one of these",
    ),
    Case(
        "footnote-undefined",
        "document.md",
        [("\n\n[^b]: See the Blue Deal.", "")],
        message="mini/document.md:27: footnote [^b] is referenced but not defined; add a line '[^b]: text' at the end "
        "(or '[^b]:' alone when the text does not give it)",
    ),
    Case(
        "footnote-unreferenced",
        "document.md",
        [("[^b]: See the Blue Deal.", "[^b]: See the Blue Deal.\n\n[^c]: An orphan note.")],
        message="mini/document.md:37: footnote [^c] is defined but never referenced; reference it with "
        "[^c] or remove it",
    ),
    Case(
        "footnote-twice",
        "document.md",
        [("[^b]: See the Blue Deal.", "[^b]: See the Blue Deal.\n\n[^a]: Again.")],
        message="mini/document.md:37: footnote [^a] is defined twice (first on line 33); keep one",
    ),
    Case(
        "tag-not-closed",
        "document.md",
        [("CO<sub>2</sub>;", "CO<sub>2;")],
        message="mini/document.md:25:133: tag <sub> is never closed; add </sub> where it ends",
    ),
    Case(
        "tag-not-closed-wrapped-line",
        "document.md",
        [("to share data on CO<sub>2</sub>;", "to share data\n   on CO<sub>2;")],
        message="mini/document.md:26:9: tag <sub> is never closed; add </sub> where it ends",
    ),
    Case(
        "tag-not-opened",
        "document.md",
        [("Blue Deal;", "Blue Deal</em>;")],
        message="mini/document.md:21:60: closing tag </em> has no matching <em> before it; remove it or add <em>",
    ),
    Case(
        "tags-crossed",
        "document.md",
        [("the role of ENER", "the <em>role <b>of</em> ENER</b>")],
        message="mini/document.md:27:28: closing tag </em> comes before the <b> opened inside it is "
        "closed; add </b> first",
    ),
    # The header's fields
    Case(
        "front-matter-unknown-key",
        "document.md",
        [("short_title:", "shorttitle:")],
        message="mini/document.md:16: unknown key 'shorttitle' in the front matter; did you mean 'short_title'?",
    ),
    Case(
        "front-matter-required-field",
        "document.md",
        [("title: Council conclusions on ocean observation\n", "")],
        message="mini/document.md:2: the front matter has no 'title'; add it",
    ),
    Case(
        "front-matter-wrong-type",
        "document.md",
        [("subject_codes:\n  - ENER 1\n  - CLIMA 2", "subject_codes: ENER 1")],
        message="mini/document.md:8: 'subject_codes' of the front matter must be a list of texts and not empty",
    ),
    # Registry entries
    Case(
        "unknown-key",
        "glossary.yml",
        [("definition: A gas.", "defintion: A gas.")],
        message="mini/glossary.yml:5: unknown key 'defintion' in term 'co2'; did you mean 'definition'?",
    ),
    Case(
        "unknown-top-level-key",
        "glossary.yml",
        [("terms:", "term:")],
        message="mini/glossary.yml:1: unknown key 'term' in the file; did you mean 'terms'?",
    ),
    Case(
        "unknown-key-in-verb",
        "verbs.yml",
        [("{verb: NOTES, forms:", "{verb: NOTES, froms:")],
        message="mini/verbs.yml:6: unknown key 'froms' in verb 'NOTES'; did you mean 'forms'?",
    ),
    Case(
        "required-field-missing",
        "glossary.yml",
        [("    expansion: Carbon dioxide\n", "")],
        message="mini/glossary.yml:2: term 'co2' has no 'expansion'; add it",
    ),
    Case(
        "required-field-empty",
        "glossary.yml",
        [("expansion: Carbon dioxide", "expansion:")],
        message="mini/glossary.yml:4: 'expansion' of term 'co2' has no value; fill it in",
    ),
    Case(
        "entry-not-a-mapping",
        "glossary.yml",
        [("    patterns: [ENER]\n", "    patterns: [ENER]\n  - ENER\n")],
        message="mini/glossary.yml:12: the entry under 'terms' must be a mapping of 'key: value' lines",
    ),
    Case(
        "entry-without-id",
        "instruments.yml",
        [("  - id: blue-deal\n    title:", "  - title:")],
        message="mini/instruments.yml:14: the entry under 'instruments' has no 'id'; add it",
    ),
    Case(
        "wrong-type-list",
        "actors.yml",
        [("patterns: [Commission]", "patterns: Commission")],
        message="mini/actors.yml:10: 'patterns' of actor 'commission' must be a list of texts and not empty",
    ),
    Case(
        "wrong-type-bool",
        "verbs.yml",
        [("forms: [NOTES], request: false", "forms: [NOTES], request: sometimes")],
        message="mini/verbs.yml:6: 'request' of verb 'NOTES' must be true or false",
    ),
    Case(
        "wrong-type-text",
        "instruments.yml",
        [("title: Blue Deal", "title: [Blue, Deal]")],
        message="mini/instruments.yml:15: 'title' of instrument 'blue-deal' must be text and not empty",
    ),
    Case(
        "id-twice",
        "instruments.yml",
        [("id: blue-deal", "id: ocean-charter")],
        message="mini/instruments.yml:14: instrument id 'ocean-charter' is used twice (first on line 7); "
        "make it unique",
    ),
    Case(
        "id-not-a-slug",
        "actors.yml",
        [("id: member-states", "id: Member States")],
        message="mini/actors.yml:11: 'id' of actor 'Member States' must be lower-case letters, digits and dashes "
        "(it becomes part of a URL), not 'Member States'",
    ),
    Case(
        "kind-unknown",
        "instruments.yml",
        [("kind: deal\n", "kind: deals\n")],
        message="mini/instruments.yml:16: instrument 'blue-deal' has kind 'deals', which is not under 'kinds:' here "
        "or in the shared registry; use one of: charter, deal, "
        + ", ".join(
            k["id"] for k in yaml_data.safe_load((SHARED / "instruments.yml").read_text(encoding="utf-8"))["kinds"]
        ),
    ),
    Case(
        "url-not-https",
        "instruments.yml",
        [("url: https://example.org/blue-deal", "url: http://example.org/blue-deal")],
        message="mini/instruments.yml:17: 'url' of instrument 'blue-deal' must be an https:// URL, not "
        "'http://example.org/blue-deal'",
    ),
    Case(
        "url-javascript",
        "actors.yml",
        [("url: https://commission.europa.eu/", "url: javascript:alert(1)")],
        message="mini/actors.yml:9: 'url' of actor 'commission' must be an https:// URL, not 'javascript:alert(1)'",
    ),
    # Patterns and verbs against the text
    Case(
        "pattern-matches-nothing",
        "instruments.yml",
        [("patterns: [Blue Deal]", "patterns:\n      - Blue Deal\n      - Green Deal")],
        message="mini/instruments.yml:21: pattern 'Green Deal' of instrument 'blue-deal' matches nothing in the text; "
        "correct or remove it",
    ),
    Case(
        "pattern-claimed-twice",
        "actors.yml",
        [("patterns: [Member States]", "patterns: [Member States, Commission]")],
        message="mini/actors.yml:16: pattern 'Commission' of actor 'member-states' is also claimed by "
        "'commission' (line 5); "
        "keep it in one entry",
    ),
    Case(
        "patterns-overlap",
        "actors.yml",
        [("patterns: [Commission]", "patterns: [Commission, Commission and the Member]")],
        message="mini/actors.yml:16: actor 'member-states' ('Member States') and 'commission' ('Commission "
        "and the Member') "
        'claim the same words in "Commission and the Member States"; change one pattern',
    ),
    Case(
        "patterns-cross-registries",
        "glossary.yml",
        [("patterns: [ENER]", "patterns: [ENER, the Ocean]")],
        message="mini/glossary.yml:11: term 'ener' ('the Ocean') cuts across instrument 'ocean-charter' "
        "('Ocean Charter') "
        'in "the Ocean Charter"; align the patterns',
    ),
    Case(
        "verb-never-occurs",
        "verbs.yml",
        [("not_addressees_after:", "  - {verb: URGES, forms: [URGES], request: true}\nnot_addressees_after:")],
        message="mini/verbs.yml:8: form 'URGES' of verb 'URGES' occurs in no numbered paragraph; correct or remove it",
    ),
    Case(
        "verb-twice",
        "verbs.yml",
        [("not_addressees_after:", "  - {verb: NOTES, forms: [NOTES], request: true}\nnot_addressees_after:")],
        message="mini/verbs.yml:8: verb 'NOTES' is listed twice (first on line 6); keep one",
    ),
    Case(
        "phrase-never-occurs",
        "verbs.yml",
        [("in close coordination with", "in close cooperation with")],
        message="mini/verbs.yml:9: phrase 'in close cooperation with' under 'not_addressees_after' occurs "
        "in no numbered "
        "paragraph; correct or remove it",
    ),
    Case(
        "date-not-a-date",
        "document.md",
        [("date: 2022-06-20", "date: 2022-13-45")],
        message="mini/document.md:7: 'date' must be a real date written YYYY-MM-DD (e.g. 2023-11-13), not "
        "'2022-13-45'; correct it or remove the line",
    ),
    Case(
        "date-in-words",
        "document.md",
        [("date: 2022-06-20", "date: next Tuesday")],
        message="mini/document.md:7: 'date' must be a real date written YYYY-MM-DD (e.g. 2023-11-13), not "
        "'next Tuesday'; correct it or remove the line",
    ),
    Case(
        "verb-unknown",
        "document.md",
        [("3. NOTES the role of ENER work[^b];", "3. NOTES the role of ENER work[^b]; BEMOANS more.")],
        message="mini/document.md:27: 'BEMOANS' opens a clause of paragraph 3 but is not an operative verb in "
        "mini/verbs.yml; add '- verb: BEMOANS' with 'forms: [BEMOANS]' and 'request: true' if it asks someone "
        "to act, else 'request: false'",
    ),
    Case(
        "lettered-recital-out-of-order",
        "document.md",
        [
            (
                "THE COUNCIL OF THE EUROPEAN UNION,\n",
                "THE COUNCIL OF THE EUROPEAN UNION,\n\nA. Recalling x,\n\nC. Noting y,\n",
            )
        ],
        message="mini/document.md:23: recital 'C.' comes where 'B.' is expected; letter the recitals A, B, C, ... "
        "in order",
    ),
    Case(
        "recitals-two-ways",
        "document.md",
        [
            (
                "THE COUNCIL OF THE EUROPEAN UNION,\n",
                "THE COUNCIL OF THE EUROPEAN UNION,\n\nA. Recalling x,\n\n- Noting y,\n",
            )
        ],
        message="mini/document.md:23: recitals are dashes and letters at once (line 21 starts them the other way); "
        "write them all one way, as the Council did",
    ),
    Case(
        "point-twice",
        "document.md",
        [("3. NOTES the role of ENER work[^b];", "3. NOTES the role of ENER work[^b]:\n   a. at sea;\n   a. on land;")],
        message="mini/document.md:29: point 'a.' of paragraph 3 appears twice at this level (first on line 28); "
        "correct its marker",
    ),
    Case(
        "annex-twice",
        "document.md",
        [("THE COUNCIL OF", "# ANNEX\n\n# ANNEX II\n\nTHE COUNCIL OF")],
        message="mini/document.md:21: a second '# ' heading (first on line 19); the conclusions stand under one "
        "'# ANNEX' heading",
    ),
    Case(
        "point-without-item",
        "document.md",
        [("THE COUNCIL OF THE EUROPEAN UNION,\n", "THE COUNCIL OF THE EUROPEAN UNION,\n  a. stray point\n")],
        message="mini/document.md:20: points belong to a numbered paragraph or a recital; put this point under one, "
        "or remove its indentation",
    ),
]


def test_the_corpus_is_large_and_named_uniquely() -> None:
    assert len(CASES) >= 25
    assert len({c.name for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_mistake_gives_one_clear_line(case: Case, tmp_path: Path) -> None:
    source = copy_mini(tmp_path)
    apply(case, source)
    with pytest.raises(SourceError) as caught:
        build_edition(source)
    assert str(caught.value) == case.message
    assert "\n" not in str(caught.value)


def test_the_fixture_itself_is_valid() -> None:
    """The corpus is only meaningful if the unbroken copy passes."""
    build_edition(MINI)


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    """Editors on Windows may save UTF-8 with a BOM; that is still UTF-8."""
    source = copy_mini(tmp_path)
    for name in ("document.md", "glossary.yml"):
        path = source / name
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert build_edition(source).document.header.short_title == "Ocean observation"


BY_NAME = {c.name: c for c in CASES}


# Inputs an attacker with write access to source/ tried, and the messages that were wrong.
# Checked with everything on_config checks before MkDocs touches the site folder (see below).
ATTACKS = [
    Case(
        "url-closes-link-instrument",
        "instruments.yml",
        [("url: https://example.org/blue-deal", 'url: "https://x.eu/)<script>alert(1)</script>"')],
        message="mini/instruments.yml:17: 'url' of instrument 'blue-deal' must be an https:// URL, not "
        "'https://x.eu/)<script>alert(1)</script>': it holds '<' at character 15, which an address "
        "cannot hold as written; write it as %3C",
    ),
    Case(
        "url-closes-link-glossary",
        "glossary.yml",
        [("    definition: A gas.\n", '    definition: A gas.\n    url: "https://x.eu/)<script>alert(1)</script>"\n')],
        message="mini/glossary.yml:6: 'url' of term 'co2' must be an https:// URL, not "
        "'https://x.eu/)<script>alert(1)</script>': it holds '<' at character 15, which an address "
        "cannot hold as written; write it as %3C",
    ),
    Case(
        "url-closes-link-actor",
        "actors.yml",
        [("url: https://commission.europa.eu/", 'url: "https://x.eu/)<script>alert(1)</script>"')],
        message="mini/actors.yml:9: 'url' of actor 'commission' must be an https:// URL, not "
        "'https://x.eu/)<script>alert(1)</script>': it holds '<' at character 15, which an address "
        "cannot hold as written; write it as %3C",
    ),
    Case(
        "url-quote",
        "actors.yml",
        [("url: https://commission.europa.eu/", "url: 'https://commission.europa.eu/\" onmouseover=\"alert(1)'")],
        message="mini/actors.yml:9: 'url' of actor 'commission' must be an https:// URL, not "
        "'https://commission.europa.eu/\" onmouseover=\"alert(1)': it holds '\"' at character 30, which an "
        "address cannot hold as written; write it as %22",
    ),
    Case(
        "url-user",
        "instruments.yml",
        [("url: https://example.org/blue-deal", "url: https://example.org@evil.example/")],
        message="mini/instruments.yml:17: 'url' of instrument 'blue-deal' must be an https:// URL, not "
        "'https://example.org@evil.example/': it holds a user name or password before '@'; remove them",
    ),
    Case(
        "carriage-return-escape-front-matter",
        "document.md",
        [("title: Council conclusions on ocean observation", 'title: "Council conclusions\\r    code\\r# heading"')],
        message="mini/document.md:15:8: the control character U+000D (carriage return) in this value (written "
        "with an escape) is not text; remove it",
    ),
    Case(
        "carriage-return-escape-registry",
        "instruments.yml",
        [("description: A charter for the ocean.", 'description: "A charter\\r# for the ocean."')],
        message="mini/instruments.yml:12:18: the control character U+000D (carriage return) in this value "
        "(written with an escape) is not text; remove it",
    ),
    Case(
        "carriage-return-alone",
        "glossary.yml",
        [(b"definition: A gas.\n", b"definition: A gas.\r    ")],
        message="mini/glossary.yml:5:23: a carriage return (U+000D) without a line feed after it; end lines "
        "with LF or CRLF (save the file again with one of them)",
    ),
    Case(
        "id-trailing-newline",
        "actors.yml",
        [("id: commission", "id: |\n      commission")],
        message="mini/actors.yml:5: 'id' of actor 'commission\\n' must be lower-case letters, digits and dashes "
        "(it becomes part of a URL), not 'commission\\n'",
    ),
    Case(
        "nul-byte",
        "document.md",
        [("THE COUNCIL OF THE EUROPEAN UNION,", "THE COUNCIL OF THE \x00EUROPEAN UNION,")],
        message="mini/document.md:19:20: the control character U+0000 (NUL) is not text; remove it",
    ),
    Case(
        "nul-escape",
        "glossary.yml",
        [("expansion: Energy", 'expansion: "Ener\\0gy"')],
        message="mini/glossary.yml:9:16: the control character U+0000 (NUL) in this value (written with an "
        "escape) is not text; remove it",
    ),
    Case(
        "bidi-unclosed",
        "document.md",
        [("short_title: Ocean observation", "short_title: Ocean \u202eobservation")],
        message="mini/document.md:16:20: the bidirectional control U+202E (RIGHT-TO-LEFT OVERRIDE) is not "
        "closed on its line, so it would reorder the text after it; close it with U+202C (POP "
        "DIRECTIONAL FORMATTING) or remove it",
    ),
    Case(
        "bidi-unclosed-escape",
        "actors.yml",
        [("name: European Commission", 'name: "European \\u202ECommission"')],
        message="mini/actors.yml:6:11: the bidirectional control U+202E (RIGHT-TO-LEFT OVERRIDE) in this value "
        "(written with an escape) is not closed on its line, so it would reorder the text after it; "
        "close it with U+202C (POP DIRECTIONAL FORMATTING) or remove it",
    ),
    Case(
        "bidi-stray-close",
        "document.md",
        [("2. INVITES", "2. INVITES\u202c")],
        message="mini/document.md:25:11: the bidirectional control U+202C (POP DIRECTIONAL FORMATTING) closes "
        "nothing on its line; remove it",
    ),
    Case(
        "line-separator",
        "document.md",
        [("3. NOTES the role", "3. NOTES the\u2028role")],
        message="mini/document.md:27:13: the character U+2028 (line separator) breaks lines that editors show "
        "unbroken; replace it with a space",
    ),
    Case(
        "form-feed",
        "document.md",
        [("[^b]: See the Blue Deal.", "[^b]: See the\x0c Blue Deal.")],
        message="mini/document.md:35:14: the control character U+000C (form feed) is not text; remove it",
    ),
    Case(
        "next-line",
        "instruments.yml",
        [("description: A deal for blue things.", "description: A deal\x85 for blue things.")],
        message="mini/instruments.yml:18:24: the control character U+0085 (next line, NEL) is not text; remove it",
    ),
    Case(
        "heading-without-title",
        "document.md",
        [("## A. FIRST STEPS", "## ")],
        message="mini/document.md:23: the heading has no title; write it after '## ' (e.g. '## I. TITLE')",
    ),
    Case(
        "heading-number-only",
        "document.md",
        [("## A. FIRST STEPS", "## VI.")],
        message="mini/document.md:23: the heading 'VI.' has a number but no title; write the title after it "
        "(e.g. '## VI. TITLE')",
    ),
    Case(
        "heading-level-three",
        "document.md",
        [("## A. FIRST STEPS", "### A. FIRST STEPS")],
        message="mini/document.md:23: a sub-section heading ('### ') before any section heading ('## '); put a "
        "'## ' heading above it, or write it as '## ' if it is a section",
    ),
    Case(
        "heading-level-four",
        "document.md",
        [("## A. FIRST STEPS", "#### A. FIRST STEPS")],
        message="mini/document.md:23: '#### ' headings are not part of the format; write '## ' for a section, "
        "'### ' for a sub-section under one, or '# ' for the annex",
    ),
    Case(
        "text-after-closing-quote",
        "instruments.yml",
        [("description: A charter for the ocean.", 'description: "A charter" for the ocean.')],
        message="mini/instruments.yml:12:30: YAML syntax error: text after the closing quote of a value; put "
        "the whole value inside the quotes",
    ),
    Case(
        "footnote-in-heading",
        "document.md",
        [("## A. FIRST STEPS", "## A. FIRST STEPS[^a]")],
        message="mini/document.md:23: footnote reference [^a] in a heading; a heading cannot carry a footnote, "
        "put the reference in the text under it",
    ),
    Case(
        "footnote-undefined-in-preamble",
        "document.md",
        [("THE COUNCIL OF THE EUROPEAN UNION,", "THE COUNCIL OF THE EUROPEAN UNION[^z],")],
        message="mini/document.md:19: footnote [^z] is referenced but not defined; add a line '[^z]: text' at "
        "the end (or '[^z]:' alone when the text does not give it)",
    ),
    Case(
        "footnote-undefined-in-footnote",
        "document.md",
        [("[^b]: See the Blue Deal.", "[^b]: See the Blue Deal[^q].")],
        message="mini/document.md:35: footnote [^q] is referenced but not defined; add a line '[^q]: text' at "
        "the end (or '[^q]:' alone when the text does not give it)",
    ),
    Case(
        "footnote-in-subject-code",
        "document.md",
        [("  - ENER 1", "  - ENER 1[^a]")],
        message="mini/document.md:9: subject code 'ENER 1[^a]' holds [^a], which a subject code cannot carry; "
        "write the code as plain text",
    ),
    Case(
        "section-named-opening",
        "document.md",
        [("## A. FIRST STEPS", "## OPENING")],
        message="mini/document.md:23: section 'OPENING' would be published at sections/opening/, which is "
        "already the address of the opening paragraphs (before the first heading); rename it: every "
        "page needs an address of its own",
    ),
    Case(
        "instrument-id-index",
        "instruments.yml",
        [("id: ocean-charter", "id: index")],
        message="mini/instruments.yml:7: instrument 'index' would be published at instruments/, which is "
        "already the address of the page 'Instruments'; rename it: every page needs an address of its "
        "own",
    ),
]


def check_all(source: Path) -> None:
    """What the plugin checks in on_config, before MkDocs touches the site folder: the sources,
    then that no two pages or published files share an address."""
    edition = build_edition(source)
    check_addresses(list(all_pages(edition)), published_files(edition))


@pytest.mark.parametrize("case", ATTACKS, ids=lambda c: c.name)
def test_an_attackers_input_gives_one_true_line(case: Case, tmp_path: Path) -> None:
    source = copy_mini(tmp_path)
    apply(case, source)
    with pytest.raises(SourceError) as caught:
        check_all(source)
    assert str(caught.value) == case.message
    assert "\n" not in str(caught.value)


def test_windows_line_ends_are_line_ends(tmp_path: Path) -> None:
    """Files saved with CRLF are read as with LF: they build, and a mistake is at its true line."""
    source = copy_mini(tmp_path)
    for path in source.iterdir():
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    check_all(source)
    case = BY_NAME["paragraph-repeated"]
    apply(case, source)
    with pytest.raises(SourceError) as caught:
        build_edition(source)
    assert str(caught.value) == case.message


def test_a_footnote_referenced_from_the_preamble_only_is_referenced(tmp_path: Path) -> None:
    source = copy_mini(tmp_path)
    apply(
        Case(
            "preamble-footnote",
            "document.md",
            [
                ("THE COUNCIL OF THE EUROPEAN UNION,", "THE COUNCIL OF THE EUROPEAN UNION[^c],"),
                ("[^b]: See the Blue Deal.", "[^b]: See the Blue Deal.\n\n[^c]: A note on the preamble."),
            ],
        ),
        source,
    )
    edition = build_edition(source)
    text_page = next(page for page in all_pages(edition) if page.src == "text.md")
    assert (
        '<sup id="fnref:c" class="fnref"><a aria-label="Footnote c" class="footnote-ref" href="#fn:c">c</a>'
        in text_page.body
    )
    assert '<div class="footnote" id="fn:c">' in text_page.body

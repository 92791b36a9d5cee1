"""Inline source to Markdown (core/inline_source.py, core/inline_render.py): tokens, escaping, links,
clause spans and windows; each rendered through Python-Markdown as the site renders it."""

from __future__ import annotations

import html as html_module

import markdown
import pytest
from conclusions.core.clauses import split_clauses
from conclusions.core.inline_render import render_inline, spans
from conclusions.core.inline_source import footnote_refs, lead, plain_text, tokenize
from conclusions.core.markup import Md, element, link
from conclusions.core.mentions import Matcher
from conclusions.core.urls import Linker

from site_tests.unit.entries import actor, instrument, paragraph, term, verb

EXTENSIONS = ["attr_list", "md_in_html", "tables", "toc"]
PAGE = Linker("paragraphs/1.md")


def html(md_text: str) -> str:
    return markdown.markdown(md_text, extensions=EXTENSIONS)


def ref(number: str) -> Md:
    return element("sup", link(number, f"#fn:{number}"), {"class": "fnref"})


def test_tokens_of_inline_source() -> None:
    source = "CO<sub>2</sub> and <script>[^8] <b>x</b>"
    assert [(t.kind, t.value) for t in tokenize(source)] == [
        ("text", "CO"),
        ("tag", "<sub>"),
        ("text", "2"),
        ("tag", "</sub>"),
        ("text", " and <script>"),
        ("fn", "8"),
        ("text", " "),
        ("tag", "<b>"),
        ("text", "x"),
        ("tag", "</b>"),
    ]
    assert footnote_refs("a[^1] b[^x2]") == ["1", "x2"]


def test_plain_text_and_leads() -> None:
    assert plain_text("km<sup>2</sup> and CO<sub>2</sub>[^8]") == "km² and CO2"
    assert plain_text("x[^8]", footnotes=True) == "x[8]"
    assert lead("one two three four", 9) == "one two…"
    assert lead("one,   two", 40) == "one, two"
    assert lead("abcdefghij", 4) == "abcd…"


HOSTILE = [
    "*not emphasis* _nor this_",
    "[not a link](javascript:alert(1))",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "{: .class #id onclick=x }",
    "`code` and \\escape",
    "2023. The year",
    "- not a list item",
    "# not a heading",
    "| not | a | table |",
    "a & b < c > d",
    "==mark== ^^ins^^ ~~del~~ ++kbd++ :smile:",
    "&amp; stays written as typed",
]


@pytest.mark.parametrize("source", HOSTILE)
def test_source_text_reads_as_written(source: str) -> None:
    rendered = html(render_inline(source, PAGE, ref))
    assert "<script" not in rendered and "<img" not in rendered and "<a " not in rendered
    assert "<em>" not in rendered and "<code>" not in rendered and "<h1" not in rendered and "<li>" not in rendered
    text = rendered.removeprefix("<p>").removesuffix("</p>")
    assert html_module.unescape(text) == source


def test_allowed_tags_and_footnote_references_are_markup() -> None:
    rendered = html(render_inline("CO<sub>2</sub> and <em>this</em>[^8].", PAGE, ref))
    assert rendered == '<p>CO<sub>2</sub> and <em>this</em><sup class="fnref"><a href="#fn:8">8</a></sup>.</p>'


STRATEGY = instrument("strategy", "Space Strategy", name="EU Space Strategy for Security and Defence")
PROGRAMME = instrument("programme", "EU Space Programme", name="EU Space Programme")
EU = term("eu", "EU", name="EU", expansion="European Union")
NATO = term("nato", "NATO", expansion="North Atlantic Treaty Organization")


def mentions(text: str) -> str:
    found_instruments = Matcher([STRATEGY, PROGRAMME], "instrument").find(text)
    found_terms = Matcher([EU, NATO], "term").find(text)
    return render_inline(text, PAGE, ref, found_instruments, found_terms)


def test_an_instrument_links_to_its_page_and_a_term_to_the_glossary() -> None:
    rendered = html(mentions("the Space Strategy and NATO"))
    assert (
        '<a class="xref instrument" data-instrument="strategy" href="../instruments/strategy.md" '
        'title="EU Space Strategy for Security and Defence">Space Strategy</a>'
    ) in rendered
    assert (
        '<a class="xref term" data-term="nato" href="../glossary.md#nato" '
        'title="NATO: North Atlantic Treaty Organization">NATO</a>'
    ) in rendered


def test_a_term_inside_an_instrument_rides_on_its_link() -> None:
    rendered = html(mentions("the EU Space Programme"))
    assert rendered.count("<a ") == 1
    assert 'class="xref term instrument"' in rendered and 'data-term="eu"' in rendered
    assert 'data-instrument="programme"' in rendered and 'href="../glossary.md#eu"' in rendered
    # The instrument's name repeats the term's: the tip names it once.
    assert 'title="EU: European Union. EU Space Programme"' not in rendered


def test_spans_merge_instruments_and_terms() -> None:
    text = "NATO and the EU Space Programme of the EU"
    found = spans(Matcher([PROGRAMME], "i").find(text), Matcher([EU, NATO], "t").find(text))
    assert [(text[s.start : s.end], s.instrument and s.instrument.id, s.term and s.term.id) for s in found] == [
        ("NATO", None, "nato"),
        ("EU Space Programme", "programme", "eu"),
        ("EU", None, "eu"),
    ]


VERBS = Matcher([verb("INVITES"), verb("STRESSES", request=False)], "verb")
ACTORS = Matcher([actor("commission", "the Commission")], "actor")


def test_clauses_are_spans_with_their_anchor_and_the_verb_is_marked() -> None:
    text = "STRESSES this; INVITES the Commission to act."
    clauses = split_clauses(paragraph(text), VERBS, ACTORS.find(text), (), ("the",))
    rendered = html(render_inline(text, PAGE, ref, clauses=clauses))
    assert rendered == (
        '<p><span class="clause" id="stresses"><strong class="verb">STRESSES</strong> this; </span>'
        '<span class="clause" id="invites"><strong class="verb">INVITES</strong> the Commission to act.</span></p>'
    )
    on_full_text = render_inline(text, PAGE, ref, clauses=clauses, clause_anchor=lambda c: c.text_anchor)
    assert 'id="p1-stresses"' in on_full_text and 'id="p1-invites"' in on_full_text


def test_a_clause_that_runs_on_into_a_point_is_continued_there_without_its_id() -> None:
    text = "INVITES the Commission to:\npropose measures;\nreport."
    clauses = split_clauses(paragraph(text), VERBS, ACTORS.find(text), (), ("the",))
    first_point = (text.index("propose"), text.index(";\n") + 1)
    opening = render_inline(text, PAGE, ref, clauses=clauses, window=(0, text.index("\n")))
    inside = render_inline(text, PAGE, ref, clauses=clauses, window=first_point)
    assert opening.startswith('<span class="clause" id="invites">') and opening.endswith("</span>")
    assert inside == '<span class="clause">propose measures;</span>'


def test_a_mention_across_a_window_is_left_to_the_whole_text() -> None:
    text = "the Space Strategy"
    found = Matcher([STRATEGY], "i").find(text)
    assert "<a" not in html(render_inline(text, PAGE, ref, found, window=(0, 10)))
    assert "<a" in html(render_inline(text, PAGE, ref, found, window=(0, len(text))))

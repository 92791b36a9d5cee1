"""The text's own reading, piece by piece: references by form and their addresses, abbreviations
defined in brackets, the names a request asks, other spellings and short forms of a name.
Each table row is a phrase in the shape Council texts write it (invented or excerpted), and
what it must give."""

from __future__ import annotations

import pytest
from conclusions.core.abbreviations import definitions
from conclusions.core.citations import read_forms
from conclusions.core.clauses import split_clauses
from conclusions.core.errors import Problems
from conclusions.core.mentions import Matcher
from conclusions.core.names import addressee_names, read_name_words
from conclusions.core.references import given_title_length, read_rules
from conclusions.core.variants import Spellings, short_forms

from site_tests.unit.entries import actor, instrument, paragraph, verb

FORMS = read_forms(None, Problems())
NAMES = read_name_words(None, Problems())


# -- references by their own form -------------------------------------------------------------

CITED = [
    # EU acts, new numbering (year/number), old numbering (No number/year) and a CFSP series after the number
    ("Regulation (EU) 2021/696", "reg-2021-696", "https://eur-lex.europa.eu/eli/reg/2021/696/oj", "32021R0696"),
    ("Regulation (EU) No 1285/2013", "reg-2013-1285", "https://eur-lex.europa.eu/eli/reg/2013/1285/oj", "32013R1285"),
    ("Directive (EU) 2022/2555", "dir-2022-2555", "https://eur-lex.europa.eu/eli/dir/2022/2555/oj", "32022L2555"),
    ("Council Decision (CFSP) 2021/698", "dec-2021-698", "https://eur-lex.europa.eu/eli/dec/2021/698/oj", "32021D0698"),
    ("Decision 2014/496/CFSP", "dec-2014-496", "https://eur-lex.europa.eu/eli/dec/2014/496/oj", "32014D0496"),
    ("Directive 95/46/EC", "dir-1995-46", "https://eur-lex.europa.eu/eli/dir/1995/46/oj", "31995L0046"),
    (
        "Commission Implementing Regulation (EU) 2019/947",
        "reg-impl-2019-947",
        "https://eur-lex.europa.eu/eli/reg_impl/2019/947/oj",
        "32019R0947",
    ),
    (
        "Commission Delegated Regulation (EU) 2019/945",
        "reg-del-2019-945",
        "https://eur-lex.europa.eu/eli/reg_del/2019/945/oj",
        "32019R0945",
    ),
    # joint and Commission documents: a JOIN number is a CELEX number; a COM number alone is not
    (
        "JOIN(2023) 9 final",
        "join-2023-9",
        "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:52023JC0009",
        "52023JC0009",
    ),
    (
        "COM(2021) 559 final",
        "com-2021-559",
        "https://eur-lex.europa.eu/search.html?scope=EURLEX&type=quick&lang=en&text=COM%282021%29%20559",
        "",
    ),
    # General Assembly resolutions by symbol, and by number after the Assembly's name
    ("A/RES/77/41", "a-res-77-41", "https://undocs.org/en/A/RES/77/41", ""),
    ("UNGA resolution 77/41", "a-res-77-41", "https://undocs.org/en/A/RES/77/41", ""),
    # Treaty articles, at article level on EUR-Lex
    (
        "Article 42(7) TEU",
        "teu-article-42-7",
        "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:12016M042",
        "12016M042",
    ),
    (
        "Article 222 of the Treaty on the Functioning of the European Union",
        "tfeu-article-222",
        "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:12016E222",
        "12016E222",
    ),
    # Places in the Official Journal: an issue's contents before October 2023 (the issue on three
    # digits, its subseries letter kept), one act a publication since
    (
        "OJ C 466, 7.12.2022, p. 1",
        "oj-c-2022-466-p1",
        "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=OJ:C:2022:466:TOC",
        "",
    ),
    (
        "OJ L 86 I, 24.3.2020, p. 1",
        "oj-l-2020-86i-p1",
        "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=OJ:L:2020:086I:TOC",
        "",
    ),
    (
        "OJ C, C/2024/1234, 2.5.2024",
        "oj-c-2024-1234",
        "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=OJ:C_202401234",
        "",
    ),
    (
        "OJ L, 2024/1689, 12.7.2024",
        "oj-l-2024-1689",
        "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=OJ:L_202401689",
        "",
    ),
]


@pytest.mark.parametrize(("words", "entry_id", "url", "celex"), CITED)
def test_a_reference_by_its_own_form_gets_its_id_and_official_address(
    words: str, entry_id: str, url: str, celex: str
) -> None:
    text = f"RECALLS {words} and STRESSES"
    found = FORMS["en"].find(text)
    assert [c.id for c in found] == [entry_id]
    assert (found[0].url, found[0].celex) == (url, celex)
    assert text[found[0].start : found[0].end] in words


@pytest.mark.parametrize(
    "text",
    [
        "the 2021-2027 MFF",  # a period
        "paragraphs 12/13",  # no act
        "Human Rights Council resolution 47/16",  # not the General Assembly's
        "resolution 2231 (2015)",  # the Security Council's form
        "Article 5 of the Charter",  # no Treaty the data names
        "9675/23",  # a Council document: references.py's
    ],
)
def test_what_is_no_reference_by_form_gives_none(text: str) -> None:
    assert FORMS["en"].find(text) == []


def test_french_forms_give_the_same_ids() -> None:
    text = (
        "la décision (PESC) 2021/698 du Conseil, le règlement (UE) n° 1285/2013 et l'article 42, paragraphe 7, du TUE"
    )
    assert [c.id for c in FORMS["fr"].find(text)] == ["dec-2021-698", "reg-2013-1285", "teu-article-42-7"]


def test_french_and_german_places_in_the_journal_give_the_same_ids() -> None:
    assert [c.id for c in FORMS["fr"].find("(JO C 466 du 7.12.2022, p. 1) et JO C, C/2024/1234, 2.5.2024")] == [
        "oj-c-2022-466-p1",
        "oj-c-2024-1234",
    ]
    assert [c.id for c in FORMS["de"].find("(ABl. C 466 vom 7.12.2022, S. 1) und ABl. C, C/2024/1234, 2.5.2024")] == [
        "oj-c-2022-466-p1",
        "oj-c-2024-1234",
    ]


@pytest.mark.parametrize(
    ("language", "text", "ids"),
    [
        (
            "it",
            "la decisione (PESC) 2021/698 del Consiglio, il regolamento (UE) n. 1285/2013 e l'articolo 42, "
            "paragrafo 7, del TUE",
            ["dec-2021-698", "reg-2013-1285", "teu-article-42-7"],
        ),
        (
            "es",
            "la Decisión (PESC) 2021/698 del Consejo, el Reglamento (UE) n.º 1285/2013 y el artículo 42, "
            "apartado 7, del TUE",
            ["dec-2021-698", "reg-2013-1285", "teu-article-42-7"],
        ),
        (
            "it",
            "(GU C 466 del 7.12.2022, pag. 1) e GU C, C/2024/1234, 2.5.2024",
            ["oj-c-2022-466-p1", "oj-c-2024-1234"],
        ),
        ("it", "GU L 401 del 12.11.2021, pag. 5.", ["oj-l-2021-401-p5"]),
        ("es", "(DO C 466 de 7.12.2022, p. 1) y DO C, C/2024/1234, 2.5.2024", ["oj-c-2022-466-p1", "oj-c-2024-1234"]),
        ("es", "DO L 401 de 12.11.2021, p. 5.", ["oj-l-2021-401-p5"]),
    ],
)
def test_italian_and_spanish_forms_give_the_same_ids(language: str, text: str, ids: list[str]) -> None:
    assert [c.id for c in FORMS[language].find(text)] == ids


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        # where the act it follows in its sentence was published: the act alone
        (
            "Decision No 1313/2013/EU of the European Parliament and of the Council of 17 December 2013 on a "
            "Union Civil Protection Mechanism (OJ L 347, 20.12.2013, p. 924).",
            ["dec-2013-1313"],
        ),
        ("Regulation (EU) 2021/696 (OJ L 170, 12.5.2021, p. 69)", ["reg-2021-696"]),
        # in another sentence, or after no act: a place of its own
        ("Regulation (EU) 2021/696. See also OJ C 466, 7.12.2022, p. 1.", ["reg-2021-696", "oj-c-2022-466-p1"]),
        ("Regulation (EU) 2021/696; OJ C 466, 7.12.2022, p. 1.", ["reg-2021-696", "oj-c-2022-466-p1"]),
        ("the Council Resolution on the EU Work Plan for Culture (OJ C 466, 7.12.2022, p. 1)", ["oj-c-2022-466-p1"]),
    ],
)
def test_a_place_in_the_journal_after_an_act_is_where_the_act_was_published(text: str, ids: list[str]) -> None:
    assert [c.id for c in FORMS["en"].find(text)] == ids


def test_a_document_named_by_title_before_its_footnote() -> None:
    text = "WELCOMES the Joint Communication on an 'EU Space Strategy for Security and Defence'[^7]; CONSIDERS"
    named = FORMS["en"].named_at(text, text.index("[^7]"))
    assert named is not None
    start, kind, title = named
    assert text[start:].startswith("Joint Communication")
    assert (kind.kind, title) == ("policy-document", "EU Space Strategy for Security and Defence")


# -- conclusions by date and title ---------------------------------------------------------------

RULES = read_rules(None, Problems())["en"]


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "Council conclusions of 23 May 2023 on the ‘Fair and sustainable use of space’[^2],",
            "on the ‘Fair and sustainable use of space’",
        ),
        ("its conclusions of 12 June 2021 on biodiversity; STRESSES", "on biodiversity"),
        (
            "paragraph 7 of the conclusions of 21 June 2022 on hybrid campaigns and INVITES the Commission",
            "on hybrid campaigns",
        ),
        ("its conclusions of 12 June 2021, which", ""),
    ],
)
def test_the_title_a_reference_by_date_gives_ends_where_the_clause_does(text: str, title: str) -> None:
    date = RULES.date_pattern().search(text)
    assert date is not None
    assert text[date.end() : date.end() + given_title_length(text, date.end())].strip() == title


def test_the_title_may_come_before_the_date_when_it_is_quoted() -> None:
    pattern = RULES.title_date_pattern()
    assert pattern is not None
    found = pattern.search("RECALLING the Council conclusions on ‘Space for Everyone’ of 10 June 2022[^2];")
    assert found is not None and found.group("title") == "‘Space for Everyone’"
    # Unquoted, "of <date>" may be the date of what the title names, not of the conclusions.
    assert pattern.search("RECALLING its conclusions on the attack of 7 October 2023;") is None


# -- abbreviations defined in brackets -----------------------------------------------------------

DEFINED = [
    ("the Galileo Public Regulated Service (PRS) is", "PRS", "Public Regulated Service"),
    ("such as ‘Common Hub for Governmental Imagery’ (CoHGI);", "CoHGI", "Common Hub for Governmental Imagery"),
    (
        "with the EU Space Surveillance and Tracking (EU SST) subcomponent",
        "EU SST",
        "EU Space Surveillance and Tracking",
    ),
    ("with the European External Action Service (EEAS) in", "EEAS", "European External Action Service"),
    ("such space domain awareness (SDA) information", "SDA", "space domain awareness"),
    ("destructive direct-ascent ASAT (Anti-satellite) missile tests", "ASAT", "Anti-satellite"),
    ("the Copernicus Climate Change Service (C3S) and", "C3S", "Copernicus Climate Change Service"),
    (
        "the European Centre for Medium-Range Weather Forecasts (ECMWF),",
        "ECMWF",
        "European Centre for Medium-Range Weather Forecasts",
    ),
]


@pytest.mark.parametrize(("text", "short", "long"), DEFINED)
def test_an_abbreviation_defined_in_brackets_is_paired_with_its_words(text: str, short: str, long: str) -> None:
    found = list(definitions(text))
    assert [(d.short, d.long) for d in found] == [(short, long)]
    assert text[found[0].long_start : found[0].long_end] == long


@pytest.mark.parametrize(
    "text",
    [
        "Council Decision (CFSP) 2021/698",  # no words before spell CFSP
        "the new commercial actors (“New Space”);",  # a quoted term, not an abbreviation
        "in the period (2021-2027)",
        "(OR. en)",
        "see point (ii)",
    ],
)
def test_brackets_that_define_nothing_give_nothing(text: str) -> None:
    assert list(definitions(text)) == []


# -- whom a request asks ---------------------------------------------------------------------------

ASKING = verb("INVITES", "INVITES", "CALLS ON", "CALLS on", "ENCOURAGES")
NOT_AFTER = ("in close coordination with", "in cooperation with", "together with", "as well as with")


def _names(text: str, known: tuple[str, ...] = ()) -> list[str]:
    p = paragraph(text)
    registry = Matcher([actor(f"a{i}", k) for i, k in enumerate(known)], "actor").find(text)
    clauses = split_clauses(p, Matcher([ASKING], "verb"), registry, NOT_AFTER, ("the", "all", "relevant"))
    words = NAMES["en"]
    return [
        n.name
        for c in clauses
        for n in addressee_names(text, c, frozenset(("the", "all", "relevant")), NOT_AFTER, words)
    ]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("CALLS ON the Copernicus User Forum to review the needs;", ["Copernicus User Forum"]),
        ("INVITES EUMETSAT and ECMWF to strengthen their cooperation;", ["EUMETSAT", "ECMWF"]),
        ("CALLS on all States to join this commitment;", ["all States"]),
        (
            "URGES all Parties to the Ramsar Convention to report;".replace("URGES", "INVITES"),
            ["all Parties to the Ramsar Convention"],
        ),
        ("INVITES the Court of Justice of the European Union to publish;", ["Court of Justice of the European Union"]),
        (
            "INVITES the Single Intelligence Analysis Capacity (SIAC) to factor in the analysis;",
            ["Single Intelligence Analysis Capacity"],
        ),
        # partners after "in cooperation with" are not asked; a thing is not a body
        ("INVITES the Forum, in cooperation with the Agency, to act;", ["Forum"]),
        ("ENCOURAGES the strengthening of SIAC under the High Representative;", []),
        ("ENCOURAGES close cooperation between EU and NATO staff to discuss standards;", []),
        ("INVITES the Commission, as appropriate, to act;", ["Commission"]),
    ],
)
def test_the_names_a_request_asks_are_read_from_its_words(text: str, names: list[str]) -> None:
    assert _names(text) == names


def test_a_name_the_registry_knows_is_left_to_the_registry() -> None:
    text = "INVITES the Commission and the Copernicus User Forum to act;"
    assert "Commission" in _names(text)
    # clauses.py asks the registry's actors; the names read here are those it does not know
    # (automatic.py leaves out a name that a registry match covers).


# -- other spellings and short forms ---------------------------------------------------------------

EEA = actor("european-environment-agency", "European Environment Agency")
GREEN_DEAL = instrument("european-green-deal", "European Green Deal")


def test_another_spelling_of_a_known_name_is_found_by_one_lookup() -> None:
    spellings = Spellings([EEA, GREEN_DEAL], NAMES["en"])
    assert spellings.entry("European Environmental Agency") is EEA
    assert spellings.entry("European Environment Agency") is EEA
    assert spellings.entry("European Defence Agency") is None
    found = spellings.variants(["INVITES the European Environmental Agency to report"], set())
    assert [(x.entry.id, x.words) for x in found] == [("european-environment-agency", "European Environmental Agency")]


def test_a_short_form_counts_only_for_a_name_the_text_writes_in_full_and_only_once() -> None:
    found = short_forms([GREEN_DEAL], set(), NAMES["en"])
    assert [(x.entry.id, x.words, x.after_article) for x in found] == [("european-green-deal", "Green Deal", True)]
    # Two names that give the same short form: neither gets it.
    other = instrument("global-green-deal", "Global Green Deal")
    assert short_forms([GREEN_DEAL, other], set(), NAMES["en"]) == []
    # A short form another entry already has as a pattern is that entry's.
    assert short_forms([GREEN_DEAL], {"Green Deal"}, NAMES["en"]) == []

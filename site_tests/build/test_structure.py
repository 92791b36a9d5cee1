"""The structure of the edition, for every document of the list: paragraphs, recitals,
sections, footnotes and their places, neighbours, operative verbs, navigation.

What is expected comes from the document's model (`build_edition`): its numbers, its
sections and their paragraphs, the footnotes each item cites. What a person read by hand
(the same structure, counted off the text) is checked against the site in
test_fixture_document.py.
"""

from __future__ import annotations

from conclusions.core.model import Paragraph, Recital

from site_tests.support.documents import Built
from site_tests.support.html import content, page


def test_one_page_per_paragraph_and_recital(doc: Built) -> None:
    site, model = doc.site, doc.model
    numbers = [p.number for p in model.paragraphs]
    assert numbers == list(range(1, len(numbers) + 1)), "the Council numbers paragraphs 1, 2, 3, ..."
    assert sorted(int(p.name) for p in (site / "paragraphs").iterdir() if p.is_dir()) == numbers
    keys = sorted(r.key for r in model.recitals)
    built = sorted(p.name for p in (site / "recitals").iterdir() if p.is_dir()) if keys else []
    assert built == keys
    if not keys:
        assert not (site / "recitals").exists()


def test_sections_with_their_ranges(doc: Built) -> None:
    site, model = doc.site, doc.model
    assert sorted(p.name for p in (site / "sections").iterdir()) == sorted(s.slug for s in model.sections)
    # Every paragraph belongs to exactly one section, in order.
    assert [p.number for s in model.sections for p in s.paragraphs] == [p.number for p in model.paragraphs]
    text = content(page(site, "text/"))
    for section in model.sections:
        numbers = [p.number for p in section.paragraphs]
        soup = content(page(site, f"sections/{section.slug}/"))
        listed = [int(a.get_text()) for a in soup.select("li > a:first-child") if a.get_text().isdigit()]
        assert listed == numbers, section.slug
        if section.implicit:
            continue
        heading = text.find(id=f"s-{section.slug}")
        assert heading is not None, section.slug
        following = heading.find_next("div", class_="para")
        assert following["id"] == f"p{numbers[0]}", section.slug


def test_paragraph_pages_name_their_section(doc: Built) -> None:
    for section in doc.model.sections:
        for paragraph in section.paragraphs:
            crumbs = content(page(doc.site, f"paragraphs/{paragraph.number}/")).select_one("nav.crumbs")
            assert crumbs.find("a", href=f"../../sections/{section.slug}/") is not None, paragraph.number


def test_footnotes_keep_the_councils_numbers_and_places(doc: Built) -> None:
    site, model = doc.site, doc.model
    text = content(page(site, "text/"))
    assert [el["id"] for el in text.select("div.footnote")] == [f"fn:{n}" for n in model.footnotes]
    items: list[Paragraph | Recital] = [*model.recitals, *model.paragraphs]
    cited_by = {n: item for item in items for n in item.footnotes}
    home = content(page(site, ""))
    for number in model.footnotes:
        item = cited_by.get(number)
        if item is None:
            # Cited in the cover note, on the home page: the reference leads to the full text.
            assert home.select_one(f'a.footnote-ref[href="text/#fn:{number}"]') is not None, number
            continue
        ref = text.find(id=f"fnref:{number}")
        assert ref is not None and ref.find_parent(id=item.anchor) is not None, number
        assert ref.get_text() == number
    for paragraph in model.paragraphs:
        own = content(page(site, f"paragraphs/{paragraph.number}/"))
        assert [el["id"] for el in own.select("div.footnote")] == [f"fn:{n}" for n in paragraph.footnotes]
        for number in paragraph.footnotes:
            assert own.find(id=f"fnref:{number}").get_text() == number


def test_paragraph_and_recital_pages_link_prev_next_and_full_text(doc: Built) -> None:
    model = doc.model
    kinds = [
        ([f"paragraphs/{p.number}/" for p in model.paragraphs], [p.anchor for p in model.paragraphs]),
        ([f"recitals/{r.key}/" for r in model.recitals], [r.anchor for r in model.recitals]),
    ]
    for urls, anchors in kinds:
        for i, (url, anchor) in enumerate(zip(urls, anchors, strict=True)):
            soup = content(page(doc.site, url))
            prev, nxt = soup.find("a", rel="prev"), soup.find("a", rel="next")
            name = url.rstrip("/").rsplit("/", 1)[1]
            if i == 0:
                assert prev is None, url
            else:
                assert prev["href"] == "../" + urls[i - 1].rstrip("/").rsplit("/", 1)[1] + "/", url
            if i == len(urls) - 1:
                assert nxt is None, url
            else:
                assert nxt["href"] == "../" + urls[i + 1].rstrip("/").rsplit("/", 1)[1] + "/", url
            assert soup.find("a", href=f"../../text/#{anchor}") is not None, url
            assert soup.find(id=anchor) is not None, (url, name)


def test_operative_verbs_are_marked_as_the_model_reads_them(doc: Built) -> None:
    text = content(page(doc.site, "text/"))
    for paragraph in doc.model.paragraphs:
        forms = [c.form for c in doc.edition.clauses.get(paragraph.number, [])]
        soup = content(page(doc.site, f"paragraphs/{paragraph.number}/"))
        assert [v.get_text() for v in soup.select(f"#{paragraph.anchor} strong.verb")] == forms, paragraph.number
        assert [v.get_text() for v in text.select(f"#{paragraph.anchor} strong.verb")] == forms, paragraph.number


def test_navigation_does_not_list_every_paragraph(doc: Built) -> None:
    paragraphs = doc.model.paragraphs
    nav = page(doc.site, f"paragraphs/{paragraphs[-1].number}/").select_one("nav.md-nav--primary")
    links = [a["href"] for a in nav.find_all("a", href=True)]
    assert not [h for h in links if "/paragraphs/" in h]
    # The pages of the site, each section, the glossary and the registers: not one per paragraph.
    assert 0 < len(links) <= 12 + len(doc.model.sections)

"""A document's home page reads as the text first: its title, a sentence on what the page is,
the overview (recitals, sections with their paragraph ranges, the way into the full text), and
only then the register's cover page (its data table and the cover note) under a heading of its
own. Read from the built page of every document of the list; the expected headings come from
the model and the interface words of the document's language (`build_edition`)."""

from __future__ import annotations

from bs4 import Tag

from site_tests.support.documents import Built
from site_tests.support.html import content, page


def _text(tag: Tag) -> str:
    return " ".join(tag.get_text(" ").split())


def test_the_home_page_opens_with_the_text_and_ends_with_the_cover_page(doc: Built) -> None:
    edition, model = doc.edition, doc.model
    w = edition.interface
    home = content(page(doc.site, ""))
    title = home.find("h1")
    assert title is not None and _text(title) == " ".join(model.header.title.split())
    # The first heading after the title is the overview of the text, not the register's data.
    overview = title.find_next("h2")
    assert overview is not None and _text(overview) == w("home.overview"), _text(overview) if overview else None
    intro = title.find_next_sibling()
    assert intro is not None and intro.name == "p" and _text(intro) == w("home.intro")
    # Under the overview: the recitals, then each section with its paragraph range, in the model's order.
    expected = [f"{w('home.recitals')} ({len(model.recitals)})"] if model.recitals else []
    expected += [
        " ".join((w.heading(s) + w("home.section_range", range=s.range_label)).split()) for s in model.sections
    ]
    listed = []
    for sibling in overview.find_next_siblings():
        if sibling.name == "h2":
            break
        if sibling.name == "h3":
            listed.append(_text(sibling).replace(" )", ")").replace("( ", "("))
    assert listed == expected
    full_text = home.find("a", string=w("home.read_full_text"))
    assert full_text is not None and str(full_text["href"]).endswith("text/")
    # The register's cover page comes after all of it, under its own heading.
    register = home.select_one(".doc-header")
    assert register is not None, "the register's data table is missing"
    assert register in overview.find_all_next("div"), "the register's data stands before the overview"
    assert register in full_text.find_all_next("div"), "the register's data stands before 'Read the full text'"
    cover_heading = register.find_previous_sibling("h2")
    assert cover_heading is not None and _text(cover_heading) == w("home.cover_page")
    # The data table still gives the register's subject, in full.
    if model.header.subject:
        assert " ".join(model.header.subject.split()) in _text(register)

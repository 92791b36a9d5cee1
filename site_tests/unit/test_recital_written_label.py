"""A recital the text letters in lower case ("(a) Recalling ...") is named as written wherever a
reader sees its name, in each language of the interface ("Recital (a)", "recital (a)" in a
citation), while its address keeps its key ("/recitals/a/", "#ra"); a recital lettered "A." or
numbered is named as before ("Recital A", "Recital 3"). The recitals here are made by hand; the
built site of such a text is read in build/test_import_register_shapes.py."""

from __future__ import annotations

import pytest
from conclusions.core.automatic import place
from conclusions.core.citation import pinpoint
from conclusions.core.interface import interface, package_languages
from conclusions.core.model import Recital

pytestmark = pytest.mark.unit

WRITTEN = Recital(number=1, text="Recalling the Pillar;", line=1, letter="A", written="(a)")
LETTERED = Recital(number=1, text="RECALLING the Pillar;", line=1, letter="A")
NUMBERED = Recital(number=3, text="RECALLING the Pillar;", line=1)


@pytest.mark.parametrize("language", package_languages())
def test_a_recital_is_named_as_the_text_writes_it(language: str) -> None:
    words = interface(language)
    for recital, name in ((WRITTEN, "(a)"), (LETTERED, "A"), (NUMBERED, "3")):
        assert words.label(recital) == words("item.recital", key=name)
        assert pinpoint(recital, words) == words("cite.recital", key=name)
    assert "(a)" in words.label(WRITTEN) and "(a)" in pinpoint(WRITTEN, words)


def test_the_address_keeps_the_key_and_the_report_names_it_as_written() -> None:
    assert (WRITTEN.key, WRITTEN.anchor) == (LETTERED.key, LETTERED.anchor) == ("a", "ra")
    assert (WRITTEN.label, place(WRITTEN)) == ("Recital (a)", "recital (a)")
    assert (LETTERED.label, NUMBERED.label) == ("Recital A", "Recital 3")

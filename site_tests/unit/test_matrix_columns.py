"""The actors-by-section table names each section's column in a few letters: a heading without
a number ('INTRODUCTION', 'The way forward') is not called 'Opening' like the untitled part."""

from __future__ import annotations

import pytest
from conclusions.core.model import Section
from conclusions.core.pages.registers import _column_label


@pytest.mark.parametrize(
    ("label", "title", "implicit", "shown"),
    [
        ("III", "RESPONDING TO THREATS", False, "III"),
        ("", "", True, "Opening"),
        ("", "INTRODUCTION", False, "INTRODUCTION"),
        ("", "The way forward", False, "The way…"),
        ("", "On data", False, "On data"),
        ("", "CONSIDERATIONS", False, "CONSIDERATIONS"[:10] + "…"),
    ],
)
def test_a_column_is_named_by_its_number_or_its_heading(label: str, title: str, implicit: bool, shown: str) -> None:
    section = Section(label=label, title=title, slug="s", line=1, implicit=implicit)
    assert _column_label(section, "Opening") == shown

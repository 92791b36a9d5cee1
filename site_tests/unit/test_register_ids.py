"""The register's address of a Council document, from its number as printed: every form of
`data/register_ids.yml` (first version, revision, addendum, corrigendum, a revision of an
addendum, the register's doubled revision number)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conclusions.core.identity import REGISTER, register_id, register_url

from site_tests.support import yaml_data

CASES: list[dict[str, str]] = yaml_data.safe_load(
    (Path(__file__).parent / "data" / "register_ids.yml").read_text("utf-8")
)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["number"] or "(empty)")
def test_the_register_id_of_a_printed_number(case: dict[str, str]) -> None:
    assert register_id(case["number"]) == case["id"]


@pytest.mark.parametrize("case", [c for c in CASES if c["id"]], ids=lambda c: c["number"])
def test_the_register_address_names_the_id_and_the_language_in_lower_case(case: dict[str, str]) -> None:
    assert register_url(case["number"], "FR") == REGISTER.format(id=case["id"], language="fr")


def test_no_address_without_a_language_code() -> None:
    assert register_url(CASES[0]["number"], "") == ""


@pytest.mark.parametrize(
    ("document_id", "language", "url"),
    [
        ("ST 14512/23", "en", "https://data.consilium.europa.eu/doc/document/ST-14512-2023-INIT/en/pdf"),
        ("ST 14512/23 REV 1", "en", "https://data.consilium.europa.eu/doc/document/ST-14512-2023-REV-1/en/pdf"),
        ("ST 9876/24 COR 1", "FR", "https://data.consilium.europa.eu/doc/document/ST-9876-2024-COR-1/fr/pdf"),
        (
            "ST 9876/24 ADD 1 REV 2",
            "de",
            "https://data.consilium.europa.eu/doc/document/ST-9876-2024-ADD-1-REV-2/de/pdf",
        ),
        ("", "en", ""),
        ("14512/23", "en", ""),
        ("ST 14512/23", "", ""),
    ],
)
def test_the_register_address_is_built_from_the_id_and_language(document_id: str, language: str, url: str) -> None:
    assert register_url(document_id, language) == url

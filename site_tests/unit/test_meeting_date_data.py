"""The date of the meeting that adopted a text ("On: 27 November 2026" on an outcome of
proceedings' cover page, `meeting_date` in the front matter) is in its published data: in
`data/document.json` and in each paragraph's `document`, valid against the committed schemas;
a text without it has no such key (its data stay as they were)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from conclusions.core.edition import build_edition
from conclusions.core.jsondata import JsonData

from site_tests.support.build import FIXTURES, ROOT

if TYPE_CHECKING:  # the validator is imported by the tests that use it, not in every worker
    from jsonschema import Draft202012Validator

pytestmark = pytest.mark.unit

SCHEMAS = ROOT / "plugins" / "conclusions" / "schema"
SITE_URL = "https://example.org/"


def _validator(name: str) -> Draft202012Validator:
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    resources = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in SCHEMAS.glob("*.schema.json")}
    registry = Registry().with_resources((n, Resource.from_contents(s)) for n, s in resources.items())
    return Draft202012Validator(resources[name], registry=registry)


def _data(source: Path) -> dict[str, Any]:
    files = JsonData(build_edition(source), SITE_URL).files()
    return {path: json.loads(text) for path, text in files.items() if path.endswith(".json")}


@pytest.fixture(scope="module")
def dated(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, Any]]:
    """The mini fixture with the meeting's date written in its front matter, and its data."""
    source = tmp_path_factory.mktemp("dated") / "source"
    shutil.copytree(FIXTURES / "mini", source)
    document = source / "document.md"
    text = document.read_text(encoding="utf-8")
    # Invented, as the mini fixture is: the date the importer reads after the cover page's "On:".
    meeting = "20 June 2022"
    document.write_text(text.replace("\nto: ", f"\nmeeting_date: {meeting}\nto: ", 1), encoding="utf-8")
    return meeting, _data(source)


def test_the_meeting_date_is_in_the_document_and_paragraph_data(dated: tuple[str, dict[str, Any]]) -> None:
    meeting, data = dated
    document = data["data/document.json"]
    assert document["meeting_date"] == meeting
    paragraphs = [data[path] for path in data if path.startswith("data/paragraphs/")]
    assert len(paragraphs) == len(document["paragraphs"]) > 0
    assert all(p["document"]["meeting_date"] == meeting for p in paragraphs)
    assert not list(_validator("document.schema.json").iter_errors(document))
    paragraph_schema = _validator("paragraph.schema.json")
    assert all(not list(paragraph_schema.iter_errors(p)) for p in paragraphs)


def test_a_text_without_a_meeting_date_has_no_such_key() -> None:
    data = _data(FIXTURES / "mini")
    assert "meeting_date" not in data["data/document.json"]
    assert all("meeting_date" not in d.get("document", {}) for d in data.values())

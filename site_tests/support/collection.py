"""The fixture collection, made as a user makes one, once per test session.

The site's `source/` (in this repository the flagship, ST 14512/23) is copied, and each
invented text of `fixtures/collection/` is added with `conclusions import INPUT --add`, as
the README tells a user to: the first addition turns the one-document site into a
collection (its document moves to `documents/<prefix>/`, its old addresses redirect).
What the tests expect comes from `fixtures/collection/expected.yml`, read by hand.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, cast

import pytest
import yaml
from conclusions.core.collection import Collection

from site_tests.support.build import FIXTURES, SOURCE, build
from site_tests.support.shared import made_once

COLLECTION = FIXTURES / "collection"
EXPECTED = COLLECTION / "expected.yml"


@dataclass
class BuiltCollection:
    source: Path
    site: Path
    log: str
    """What `mkdocs build` printed: the build report."""
    forms_added: int = 0
    """Spellings added to the site's verbs.yml because the first build asked for them."""

    @cached_property
    def model(self) -> Collection:
        from conclusions.core.site import build_collection

        return build_collection(self.source)

    @cached_property
    def expected(self) -> dict[str, Any]:
        return cast("dict[str, Any]", yaml.safe_load(EXPECTED.read_text(encoding="utf-8")))


def make_collection(folder: Path) -> Path:
    """source/ with every fixture text added by `conclusions import --add`; returns the new source."""
    from conclusions.cli import main

    source = folder / "source"
    shutil.copytree(SOURCE, source)
    for text in sorted(COLLECTION.glob("*.txt")):
        status = main(["import", str(text), "--source", str(source), "--add"])
        assert status == 0, f"conclusions import {text.name} --add failed"
    return source


ASKED = re.compile(r"verbs\.yml:(\d+): '([A-Z ]+)' opens a clause .* add '\2' to its forms")
"""The build's error when a site's own verb entry lacks a spelling another text uses."""


def follow_verb_errors(source: Path, log: str) -> int:
    """Do what the build's errors ask of verbs.yml, as a user would: add each form named to
    the entry on the line named. Returns how many were added."""
    verbs = source / "verbs.yml"
    lines = verbs.read_text(encoding="utf-8").splitlines(keepends=True)
    added = 0
    for number, form in {(int(m.group(1)), m.group(2)) for m in ASKED.finditer(log)}:
        at = next(i for i in range(number - 1, len(lines)) if lines[i].lstrip().startswith("forms:"))
        lines[at] = lines[at].replace("]", f", {form}]", 1)
        added += 1
    verbs.write_text("".join(lines), encoding="utf-8")
    return added


def prepare_collection(folder: Path, site_url: str = "http://127.0.0.1:8000/") -> BuiltCollection:
    source = make_collection(folder)
    site = folder / "site"
    first = build(site, source=source, site_url=site_url, check=False)
    asked = 0
    if first.returncode != 0:
        # The flagship's own verbs.yml lists only the spellings of its own text ('CALLS on');
        # the texts added write 'CALLS ON'. The build stops and says which entry to extend.
        asked = follow_verb_errors(source, first.stdout + first.stderr)
        assert asked, f"the collection does not build, and not for a verb's spelling:\n{first.stderr[-3000:]}"
    result = build(site, source=source, site_url=site_url)
    return BuiltCollection(source, site, result.stdout + result.stderr, asked)


def shared_collection(factory: pytest.TempPathFactory) -> BuiltCollection:
    """The collection made by `prepare_collection` once for every process of the test session
    (support/shared.py): its build report and the forms added are kept beside it."""

    def make(folder: Path) -> None:
        made = prepare_collection(folder)
        (folder / "build.log").write_text(made.log, encoding="utf-8")
        (folder / "forms-added.txt").write_text(str(made.forms_added), encoding="utf-8")

    folder = made_once(factory, "collection", make)
    log = (folder / "build.log").read_text(encoding="utf-8")
    forms_added = int((folder / "forms-added.txt").read_text(encoding="utf-8"))
    return BuiltCollection(folder / "source", folder / "site", log, forms_added)

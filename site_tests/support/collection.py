"""The fixture collection of issue 17, made as a user makes one, once per test session.

The site's `source/` (in this repository the flagship, ST 14512/23) is copied, and each
invented text of `fixtures/collection/` is added with `conclusions import INPUT --add`, as
the README tells a user to: the first addition turns the one-document site into a
collection (its document moves to `documents/<prefix>/`, its old addresses redirect).
What the tests expect comes from `fixtures/collection/expected.yml`, read by hand.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import yaml

from site_tests.support.build import FIXTURES, SOURCE, build

COLLECTION = FIXTURES / "collection"
EXPECTED = COLLECTION / "expected.yml"


@dataclass
class BuiltCollection:
    source: Path
    site: Path
    log: str
    """What `mkdocs build` printed: the build report."""

    @cached_property
    def model(self):
        from conclusions.core.collection import build_collection

        return build_collection(self.source)

    @cached_property
    def expected(self) -> dict:
        return yaml.safe_load(EXPECTED.read_text(encoding="utf-8"))


def make_collection(folder: Path) -> Path:
    """source/ with every fixture text added by `conclusions import --add`; returns the new source."""
    from conclusions.cli import main

    source = folder / "source"
    shutil.copytree(SOURCE, source)
    for text in sorted(COLLECTION.glob("*.txt")):
        status = main(["import", str(text), "--source", str(source), "--add"])
        assert status == 0, f"conclusions import {text.name} --add failed"
    return source


def prepare_collection(folder: Path, site_url: str = "http://127.0.0.1:8000/") -> BuiltCollection:
    source = make_collection(folder)
    site = folder / "site"
    result = build(site, source=source, site_url=site_url)
    return BuiltCollection(source, site, result.stdout + result.stderr)

"""What a process keeps of the files it read (`core/remembered.py`) is found again by their
bytes: an edited file is read again, a mistake is reported on every read, and no caller can
change what the next one gets."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest
from conclusions.core.automatic import read_words
from conclusions.core.errors import Problems
from conclusions.core.registry_source import read_registries

from site_tests.support.build import FIXTURES

MINI = FIXTURES / "mini"


def _site(tmp_path: Path) -> Path:
    source = tmp_path / "source"
    shutil.copytree(MINI, source)
    return source


def _first_instrument(source: Path) -> tuple[str, str]:
    registries = read_registries(source, Problems())
    own = next(i for i in registries.instruments if not i.shared)
    return own.id, own.name


def test_an_edited_registry_file_is_read_again(tmp_path: Path) -> None:
    source = _site(tmp_path)
    instrument_id, name = _first_instrument(source)
    path = source / "instruments.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(name, name + " (edited)", 1), encoding="utf-8")
    assert _first_instrument(source) == (instrument_id, name + " (edited)")
    # And back: the earlier bytes give the earlier result.
    path.write_text(path.read_text(encoding="utf-8").replace(name + " (edited)", name, 1), encoding="utf-8")
    assert _first_instrument(source) == (instrument_id, name)


def test_a_mistake_is_reported_on_every_read(tmp_path: Path) -> None:
    source = _site(tmp_path)
    (source / "glossary.yml").write_text("terms: [\n", encoding="utf-8")
    first, second = Problems(), Problems()
    read_registries(source, first)
    read_registries(source, second)
    assert first.errors, "the broken file gives a mistake"
    assert [str(e) for e in second.errors] == [str(e) for e in first.errors]


def test_a_copy_of_the_same_files_elsewhere_names_its_own_folder(tmp_path: Path) -> None:
    one = _site(tmp_path / "one")
    other = tmp_path / "other" / "site-files"
    shutil.copytree(one, other)
    for source in (one, other):
        (source / "glossary.yml").write_text("terms: [\n", encoding="utf-8")
    named = []
    for source in (one, other):
        problems = Problems()
        read_registries(source, problems)
        named.append({str(e.path).split("/")[0] for e in problems.errors})
    assert named == [{"source"}, {"site-files"}]


def test_what_is_kept_cannot_be_changed_by_a_caller(tmp_path: Path) -> None:
    source = _site(tmp_path)
    registries = read_registries(source, Problems())
    with pytest.raises(dataclasses.FrozenInstanceError):
        registries.instruments[0].name = "changed"  # type: ignore[misc]
    assert isinstance(registries.instruments, tuple)
    words = read_words(source, Problems())
    language = next(iter(words))
    words.clear()
    assert language in read_words(source, Problems())
    forms = read_words(source, Problems())[language].forms
    assert forms is not None, "the shared registry gives every language's citation forms"
    with pytest.raises(TypeError):
        forms.addresses["added"] = {}  # type: ignore[index]

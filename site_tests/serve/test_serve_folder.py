"""The folder `mkdocs serve` serves only ever receives a build that succeeded (rebuild.ServedFolder)."""

from __future__ import annotations

from pathlib import Path

from conclusions.rebuild import ServedFolder


def _tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8") for p in folder.rglob("*") if p.is_file()}


def _write(folder: Path, files: dict[str, str]) -> None:
    for path, text in files.items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_text(text, encoding="utf-8")


def test_only_a_build_that_succeeded_is_served(tmp_path: Path) -> None:
    building = tmp_path / "site"
    building.mkdir()
    folder = ServedFolder(str(building))
    served = Path(folder.served)
    first = {"index.html": "home 1", "paragraphs/1/index.html": "p1 1", "paragraphs/2/index.html": "p2 1"}
    _write(building, first)
    folder.publish(whole=True)
    assert _tree(served) == first and _tree(building) == {}

    # A build in place writes what changed only: it goes over the served build.
    _write(building, {"paragraphs/1/index.html": "p1 2", "search/search_index.json": "{}"})
    folder.publish(whole=False)
    second = {**first, "paragraphs/1/index.html": "p1 2", "search/search_index.json": "{}"}
    assert _tree(served) == second
    assert _tree(building) == {}, "the building folder holds no file for the next build"
    assert (building / "paragraphs" / "1").is_dir(), "its folders are kept for the next build in place"

    # A build that failed half-way is set aside: the last good build stays served, whole.
    _write(building, {"paragraphs/2/index.html": "half", "index.html": ""})
    folder.discard()
    assert _tree(served) == second and list(building.iterdir()) == []

    # A build of every page starts in an empty folder, and replaces the served build, files
    # and folders it no longer has included.
    folder.start(whole=False)
    _write(building, {"paragraphs/1/index.html": "p1 3"})
    folder.publish(whole=False)
    assert (building / "paragraphs" / "1").is_dir()
    folder.start(whole=True)
    assert list(building.iterdir()) == []
    third = {"index.html": "home 3"}
    _write(building, third)
    folder.publish(whole=True)
    assert _tree(served) == third and list(building.iterdir()) == []
    assert sorted(p.name for p in served.iterdir()) == ["index.html"]
    assert folder.error_page(404) is None
    _write(served, {"404.html": "not here"})
    assert folder.error_page(404) == b"not here"

    folder.close()
    assert not served.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"], "nothing set aside is left behind"

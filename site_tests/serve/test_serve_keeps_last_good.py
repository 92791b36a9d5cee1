"""`mkdocs serve` keeps serving the last good build while it prints the mistake.

MkDocs 1.6 alone, after a failed rebuild, holds every request until a build succeeds ("The
server will appear stuck until build errors are resolved"). The plugin's `on_serve` lets a
rebuild stopped by a mistake in the source (found before the site folder is touched) count
as done, so the last good files stay served. This test runs the real server on a free port
on a copy of the fixture, breaks the source, waits (bounded polling, no fixed sleeps) for
the error line, and checks the page is still served; then repairs the source and waits for
the new text.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from site_tests.support.build import FIXTURES, ROOT
from site_tests.support.live import Served, fetch, get, serving, without_livereload


def test_serve_keeps_the_last_good_build_and_prints_the_error(tmp_path: Path) -> None:
    source = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", source)
    with serving(source, tmp_path) as served:
        page = "paragraphs/2/"
        served.wait_for("the first build to be served", served.page_has(page, "map buoys"))

        glossary = source / "glossary.yml"
        good = glossary.read_text(encoding="utf-8")
        glossary.write_text(good.replace("definition: A gas.", "defintion: A gas."), encoding="utf-8")
        error = "ERROR   -  mini/glossary.yml:5: unknown key 'defintion' in term 'co2'; did you mean 'definition'?"
        served.wait_for("the error line", lambda: error in served.log())
        served.wait_for(
            "the notice that the last good build is kept", lambda: "still serving the last good build" in served.log()
        )

        status, body = get(served.base + page)
        assert status == 200 and "map buoys" in body, "the last good page must still be served"
        assert get(f"{served.base}glossary/")[0] == 200
        lines = served.log().splitlines()
        assert [ln for ln in lines if ln.startswith("ERROR")] == [error], "one clear line, nothing else"
        assert "Traceback" not in served.log()

        # Repaired, with a visible change: the next build replaces the old one.
        document = source / "document.md"
        document.write_text(document.read_text(encoding="utf-8").replace("map buoys", "map floats"), encoding="utf-8")
        glossary.write_text(good, encoding="utf-8")
        served.wait_for("the repaired build", served.page_has(page, "map floats"))
        assert served.proc.poll() is None


def test_serve_refuses_a_lost_word_of_the_original_too(tmp_path: Path) -> None:
    """The fidelity check runs on every rebuild of `mkdocs serve` (core/fidelity.py): a word of the
    original lost from document.md is named, and the last good build stays served."""
    from site_tests.support.documents import import_into

    text = FIXTURES / "import" / "EUCO-31-2024-INIT-en.txt"
    source = import_into(text, tmp_path / "source")
    with serving(source, tmp_path) as served:
        page = "paragraphs/6/"
        served.wait_for("the first build to be served", served.page_has(page, "strongly condemns"))
        document = source / "document.md"
        good = document.read_text(encoding="utf-8")
        document.write_text(good.replace("strongly condemns", "condemns"), encoding="utf-8")
        number = next(i for i, line in enumerate(text.read_text("utf-8").split("\n"), 1) if "strongly condemns" in line)
        error = f"ERROR   -  source/original/{text.name}:{number}: 'strongly' of the original is not in document.md"
        served.wait_for("the error line", lambda: error in served.log())
        status, body = get(served.base + page)
        assert status == 200 and "strongly condemns" in body, "the last good page must still be served"
        # Repaired, with a word of the edition's own added (the check asks for the original's words only).
        document.write_text(good.replace("strongly condemns", "strongly and firmly condemns"), encoding="utf-8")
        served.wait_for("the repaired build", served.page_has(page, "firmly"))
        assert served.proc.poll() is None


def _heading_too_long(source: Path) -> None:
    _replace(source / "document.md", "## B. LATER STEPS", "## " + "LATER STEPS AND MORE " * 15)


def _registry_id_too_long(source: Path) -> None:
    _replace(source / "instruments.yml", "id: blue-deal", "id: " + "blue-deal-" * 28)


def _number_too_large(source: Path) -> None:
    _replace(source / "document.md", "1. WELCOMES", "1" + "0" * 4400 + ". WELCOMES")


def _points_nested_too_deep(source: Path) -> None:
    points = "\n".join("   " * depth + "- act;" for depth in range(1, 191))
    _replace(source / "document.md", "the Ocean Charter.\n", f"the Ocean Charter:\n{points}\n")


def _template_that_fails(overrides: Path) -> None:
    """An error no source check can see: a template of the site's own that fails on every page."""
    (overrides / "partials").mkdir(exist_ok=True)
    (overrides / "partials" / "copyright.html").write_text("{{ nothing.at_all }}\n", encoding="utf-8")


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


EDITS_THAT_FAIL = (_heading_too_long, _registry_id_too_long, _number_too_large, _points_nested_too_deep)
KEPT = "still serving the last good build"


def test_serve_keeps_the_last_good_build_after_any_failure(tmp_path: Path) -> None:
    """Edits that fail inside MkDocs or the core, past the source checks (a page path too long
    for the file system, a number Python will not read, points nested past the recursion limit)
    and a failure no source check can see (a template of the site's own that fails): after each,
    the last good build is still served, whole, and the repaired source is served next."""
    source, overrides = tmp_path / "mini", tmp_path / "overrides"
    shutil.copytree(FIXTURES / "mini", source)
    shutil.copytree(ROOT / "overrides", overrides)
    paths, page, word = ("", "paragraphs/2/", "glossary/", "instruments/blue-deal/"), "paragraphs/2/", "map buoys"

    def site(served: Served) -> dict[str, bytes]:
        return {path: without_livereload(fetch(served.base + path)) for path in paths}

    with serving(source, tmp_path, overrides) as served:
        served.wait_for("the first build to be served", served.page_has(page, word))
        for number, edit in enumerate((*EDITS_THAT_FAIL, _template_that_fails)):
            last_good = site(served)
            saved = {p: p.read_bytes() for p in (*source.iterdir(), *overrides.rglob("*")) if p.is_file()}
            failed = _one_more(served, KEPT)
            edit(overrides if edit is _template_that_fails else source)
            _replace(source / "document.md", word, word)  # a save in the source, which serve watches
            served.wait_for(f"the failure of {edit.__name__}", failed)
            # Served at once (MkDocs alone would hold every request), and the last good build whole.
            assert site(served) == last_good, edit.__name__
            for path in overrides.rglob("*"):
                if path.is_file() and path not in saved:
                    path.unlink()
            for path, data in saved.items():
                path.write_bytes(data)
            repaired = f"{word}{number}"
            _replace(source / "document.md", word, repaired)
            word = repaired
            served.wait_for(f"the repair after {edit.__name__}", served.page_has(page, word))
        assert served.proc.poll() is None
        assert "Traceback" not in served.log()


def _one_more(served: Served, text: str) -> Callable[[], bool]:
    """Whether the server's log says `text` once more than it does now."""
    count = served.log_count(text)
    return lambda: served.log_count(text) > count

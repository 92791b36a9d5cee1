"""`mkdocs serve` keeps serving the last good build while it prints the mistake (issue 7).

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
from pathlib import Path

from site_tests.support.build import FIXTURES
from site_tests.support.live import get, serving


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

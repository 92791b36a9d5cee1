"""Golden files of the mini fixture: what the core makes of site_tests/fixtures/mini/, byte for byte.

No build: the Markdown of every generated page (core/pages), its HTML through Python-Markdown
with the site's extensions (the article MkDocs puts in the template, before it rewrites the
links between `.md` files), and every JSON file (core/jsondata) for a site under a sub-path.
They are in site_tests/golden/mini/. A change to what the core writes fails here with the
difference; when the change is meant, write the files again on purpose and commit them:

    UPDATE_GOLDEN=1 .venv/bin/pytest site_tests/unit/test_golden_mini.py

Nothing writes them otherwise.
"""

from __future__ import annotations

import difflib
import os

import markdown
from conclusions.core.index import build_edition
from conclusions.core.jsondata import JsonData
from conclusions.core.site import all_pages

from site_tests.support.build import FIXTURES, ROOT

GOLDEN = ROOT / "site_tests" / "golden" / "mini"
SITE_URL = "https://example.org/mini/"
EXTENSIONS = ["attr_list", "md_in_html", "tables", "toc"]
"""mkdocs.yml's, which the plugin makes sure of (toc without permalinks)."""


def made() -> dict[str, str]:
    """Every golden file's path under GOLDEN and what the core makes for it now."""
    edition = build_edition(FIXTURES / "mini")
    files: dict[str, str] = {}
    for page in all_pages(edition):
        files[f"markdown/{page.src}"] = page.markdown
        body = page.markdown.split("\n---\n", 1)[1]
        files[f"html/{page.src.removesuffix('.md')}.html"] = markdown.markdown(body, extensions=EXTENSIONS) + "\n"
    for path, text in JsonData(edition, SITE_URL).files().items():
        files[f"data/{path}"] = text
    return files


def test_the_core_writes_the_golden_files_of_the_mini_fixture() -> None:
    now = made()
    if os.environ.get("UPDATE_GOLDEN") == "1":
        for old in GOLDEN.rglob("*"):
            if old.is_file() and old.relative_to(GOLDEN).as_posix() not in now:
                old.unlink()
        for path, text in now.items():
            (GOLDEN / path).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / path).write_text(text, encoding="utf-8")
        return
    kept = {p.relative_to(GOLDEN).as_posix(): p for p in GOLDEN.rglob("*") if p.is_file()}
    problems = [f"new: {path}" for path in sorted(set(now) - set(kept))]
    problems += [f"gone: {path}" for path in sorted(set(kept) - set(now))]
    for path in sorted(set(now) & set(kept)):
        before = kept[path].read_text(encoding="utf-8")
        if before != now[path]:
            diff = difflib.unified_diff(
                before.splitlines(), now[path].splitlines(), f"golden/{path}", f"now/{path}", lineterm="", n=1
            )
            problems.append("\n".join(list(diff)[:40]))
    assert not problems, (
        "what the core writes for the mini fixture changed; if that is meant, run "
        "UPDATE_GOLDEN=1 .venv/bin/pytest site_tests/unit/test_golden_mini.py and commit site_tests/golden/:\n\n"
        + "\n\n".join(problems[:12])
    )


def test_the_golden_files_are_there() -> None:
    """The comparison above would pass on an empty folder only if the core made nothing."""
    assert (GOLDEN / "markdown" / "text.md").is_file()
    assert (GOLDEN / "data" / "data" / "document.json").is_file()

"""Every mistake in the source is reported in one run, one line each, and nothing is written.

A person fixing a source should not need one build per mistake: the document and every
registry are checked, and the checks that link them run too, whatever the others found.
"""

from __future__ import annotations

from pathlib import Path

from site_tests.support.build import build
from site_tests.unit.test_errors_all_at_once import MISTAKES, apply_mistakes, mini_source


def test_mkdocs_prints_one_error_line_each_and_writes_nothing(tmp_path: Path) -> None:
    source = mini_source(tmp_path)
    apply_mistakes(source, MISTAKES)
    site = tmp_path / "site"
    result = build(site, source=source, check=False)
    assert result.returncode != 0
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
    assert [e.removeprefix("ERROR   -  ")[: len(m[3])] for e, m in zip(errors, MISTAKES, strict=True)] == [
        m[3] for m in MISTAKES
    ]
    assert not site.exists() or not any(site.iterdir())

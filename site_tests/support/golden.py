"""Golden files: what the core makes of a fixture, kept in site_tests/golden/ and compared.

A golden file is the output with a line break put before every block-level tag (`pretty`),
so that a changed word is a changed line in the diff, not a changed kilobyte: a clause's
text, with its links and abbreviations, is one line; a heading, a list item, a table cell
another. Nothing else is changed, so two outputs are equal exactly when their golden files
are.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Mapping
from pathlib import Path

BLOCK = (
    "html|head|body|meta|link|title|script|style|main|header|footer|nav|section|article|aside|div|p|h[1-6]"
    "|ul|ol|li|dl|dt|dd|table|thead|tbody|tfoot|tr|td|th|caption|colgroup|col|figure|figcaption|blockquote"
    "|details|summary|hr|br|pre|form|noscript|template|svg|button"
    '|span class="clause|span class="share-tools|sup class="footnote-ref'
)
_BEFORE_BLOCK = re.compile(rf"(?=</?(?:{BLOCK})[\s>/\"])")


def pretty(html: str) -> str:
    """`html` with a line break before each block-level start or end tag, and before the
    start of each clause, share menu and footnote marker, the rest as it is."""
    return _BEFORE_BLOCK.sub("\n", html)


def compare(folder: Path, now: Mapping[str, str], regenerate: str) -> list[str]:
    """What differs between the files under `folder` and `now` (path under `folder` → text):
    one short unified diff per changed file, and the files new or gone. With UPDATE_GOLDEN=1
    in the environment, write `now` into `folder` instead (removing the files it lacks).

    Args:
        regenerate: the command that writes the files again, named in the failure.
    """
    if os.environ.get("UPDATE_GOLDEN") == "1":
        for old in folder.rglob("*"):
            if old.is_file() and old.relative_to(folder).as_posix() not in now:
                old.unlink()
        for path, text in now.items():
            (folder / path).parent.mkdir(parents=True, exist_ok=True)
            (folder / path).write_text(text, encoding="utf-8")
        return []
    kept = {p.relative_to(folder).as_posix(): p for p in folder.rglob("*") if p.is_file()}
    problems = [f"new: {path}" for path in sorted(set(now) - set(kept))]
    problems += [f"gone: {path}" for path in sorted(set(kept) - set(now))]
    for path in sorted(set(now) & set(kept)):
        before = kept[path].read_text(encoding="utf-8")
        if before != now[path]:
            diff = difflib.unified_diff(
                before.splitlines(), now[path].splitlines(), f"golden/{path}", f"now/{path}", lineterm="", n=1
            )
            problems.append("\n".join(list(diff)[:24]))
    if problems:
        problems.insert(
            0, f"{folder.name}: the output changed; if that is meant, run `{regenerate}` and commit {folder}/"
        )
    return problems[:12]

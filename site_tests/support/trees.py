"""Compare two built sites byte for byte."""

from __future__ import annotations

import filecmp
from pathlib import Path


def different_files(a: Path, b: Path) -> list[str]:
    """The files that differ between the trees `a` and `b`, or are in one only (relative paths)."""
    found: list[str] = []

    def walk(cmp: filecmp.dircmp[str], at: str) -> None:
        found.extend(f"{at}{name}" for name in cmp.left_only + cmp.right_only + cmp.funny_files)
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        found.extend(f"{at}{name}" for name in mismatch + errors)
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{at}{name}/")

    walk(filecmp.dircmp(a, b), "")
    return sorted(found)

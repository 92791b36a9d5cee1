"""Quality gate: two builds with the same SOURCE_DATE_EPOCH are byte-identical.

support/build.py sets SOURCE_DATE_EPOCH for every build. A second build of the real site is
compared with the session's `site`, file by file (the gzipped sitemap included).
"""

from __future__ import annotations

import gzip
from pathlib import Path

from site_tests.support.build import build


def _files(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in site.rglob("*") if p.is_file()}


def _first_difference(a: bytes, b: bytes) -> str:
    if a.startswith(b"\x1f\x8b") and b.startswith(b"\x1f\x8b"):
        a, b = gzip.decompress(a), gzip.decompress(b)
        if a == b:
            return "the gzip wrappers differ (header time or name), the contents do not"
    at = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    return f"first difference at byte {at}: {a[max(0, at - 40) : at + 40]!r} vs {b[max(0, at - 40) : at + 40]!r}"


def test_two_builds_are_byte_identical(site: Path, tmp_path: Path) -> None:
    again = tmp_path / "site"
    # A cache of its own, so the preview cards are drawn afresh, not copied from the first build.
    build(again, cards_cache=tmp_path / "cards")
    assert any((tmp_path / "cards").iterdir()), "the second build drew no card"
    first, second = _files(site), _files(again)
    assert sorted(first) == sorted(second), (
        f"only in the first build: {sorted(set(first) - set(second))[:20]}; "
        f"only in the second: {sorted(set(second) - set(first))[:20]}"
    )
    assert "sitemap.xml.gz" in first
    differing = [
        f"{name}: {_first_difference(first[name].read_bytes(), second[name].read_bytes())}"
        for name in sorted(first)
        if first[name].read_bytes() != second[name].read_bytes()
    ]
    assert not differing, f"{len(differing)} files differ between two builds:\n" + "\n".join(differing[:50])

"""Languages: what each language version of a text adds to a build.

The flagship (`source/`) is built with 1, 2 and 4 language versions of its text: each version
is its `document.md` again under `lang/<code>/` with another `language:` (the same structure,
so it aligns; the same words, so the registries link as much in it as in the text: the most a
version can cost). Each site is built once to fill its card cache, then the three are built
side by side, interleaved; medians. Linear growth: each version adds the same time, so the
4-language build's time over the 1-language build's, less one, is three times the
2-language build's, less one (the ratio of the increments reads 3.0).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from common import OUT, ROOT, log, med, real_config, run_build, side_by_side

COUNTS = (1, 2, 4)
CODES = ("fr", "de", "it")
"""The languages of the versions added, in turn."""


def _site_with(languages: int) -> Path:
    """A copy of source/ with `languages` - 1 language versions of its text; its mkdocs config."""
    root = OUT / "languages" / str(languages)
    shutil.rmtree(root, ignore_errors=True)
    source = root / "source"
    shutil.copytree(ROOT / "source", source)
    text = (source / "document.md").read_text(encoding="utf-8")
    for code in CODES[: languages - 1]:
        version = source / "lang" / code
        version.mkdir(parents=True)
        (version / "document.md").write_text(
            re.sub(r"^language: .*$", f"language: {code}", text, count=1, flags=re.M)
            if re.search(r"^language: ", text, flags=re.M)
            else text.replace("\n---\n", f"\nlanguage: {code}\n---\n", 1),
            encoding="utf-8",
        )
    return real_config(source, root / "site")


def run(repeats: int) -> tuple[list[str], dict[str, float]]:
    configs = {f"{n}": _site_with(n) for n in COUNTS}
    for name, cfg in configs.items():
        log(f"languages: {name} (filling the card cache)")
        run_build(cfg)
    runs = side_by_side(dict(configs), repeats)
    wall = {n: med(runs[f"{n}"], "wall") for n in COUNTS}
    cpu = {n: med(runs[f"{n}"], "cpu") for n in COUNTS}
    pages = {n: sum(1 for _ in (OUT / "languages" / str(n) / "site").rglob("index.html")) for n in COUNTS}
    lines = [
        "### Languages: a text in 1, 2 and 4 languages",
        "",
        f"The flagship with 0, 1 and 3 language versions (each its text again under lang/<code>/); "
        f"median of {repeats} builds per side, interleaved, card cache filled. Processor time (user and "
        "system) is what other load on the machine disturbs least; wall time is given too.",
        "",
        "| Languages | Pages | Processor time | Added per language | Wall time |",
        "|---|---|---|---|---|",
    ]
    for n in COUNTS:
        added = f"{(cpu[n] - cpu[1]) / (n - 1):.2f} s" if n > 1 else "–"
        lines.append(f"| {n} | {pages[n]} | {cpu[n]:.2f} s | {added} | {wall[n]:.2f} s |")
    cpu_ratio = (cpu[4] - cpu[1]) / (cpu[2] - cpu[1]) if cpu[2] > cpu[1] else float("nan")
    ratio = (wall[4] - wall[1]) / (wall[2] - wall[1]) if wall[2] > wall[1] else float("nan")
    lines += [
        "",
        f"From 1 to 4 languages the build takes {cpu_ratio:.2f} times what it takes more from 1 to 2, by "
        f"processor time ({ratio:.2f} by wall time): 3.0 is linear in the number of languages, more "
        "would be faster than linear.",
        "",
    ]
    return lines, {"wall": wall, "cpu": cpu, "pages": pages, "ratio": ratio, "cpu_ratio": cpu_ratio}  # type: ignore[dict-item]

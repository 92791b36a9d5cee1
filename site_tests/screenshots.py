"""`make screenshots`: PNGs of every page type, phone (390 px, touch) and desktop (1280 px),
light and dark palettes, for people to review. Written to screenshots/ (not
committed). The site of source/ is built for the origin it is served from, so Material's
instant navigation is on, as it is for readers.

    .venv/bin/python -m site_tests.screenshots [OUT_DIR]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Literal

from conclusions.core.edition import build_edition
from playwright.sync_api import sync_playwright

from site_tests.support.browser import launch
from site_tests.support.build import ROOT, SOURCE, build
from site_tests.support.server import free_port, serve

WIDTHS = {"phone": (390, 844, True), "desktop": (1280, 900, False)}
PALETTES: tuple[Literal["light", "dark"], ...] = ("light", "dark")


def pages() -> dict[str, str]:
    """One page of each type, taken from the model of source/."""
    edition = build_edition(SOURCE)
    doc = edition.document
    reg = edition.registries
    out = {"home": "", "text": "text/", "glossary": "glossary/", "verbs": "verbs/", "about": "about/"}
    out["about-urls"] = "about/urls/"
    out["instruments"] = "instruments/"
    out["actors"] = "actors/"
    if doc.sections:
        out["section"] = f"sections/{doc.sections[0].slug}/"
    if doc.paragraphs:
        p = doc.paragraphs[min(20, len(doc.paragraphs) - 1)]
        out["paragraph"] = f"paragraphs/{p.number}/"
    if doc.recitals:
        out["recital"] = f"recitals/{doc.recitals[0].key}/"
    if reg.instruments:
        out["instrument"] = f"instruments/{reg.instruments[0].id}/"
    if reg.actors:
        out["actor"] = f"actors/{reg.actors[0].id}/"
    out["404"] = "no-such-page/"
    return out


def main(out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build(site, site_url=base)
        with serve(site, port=port) as served, sync_playwright() as p:
            browser = launch(p)
            for device, (width, height, touch) in WIDTHS.items():
                for palette in PALETTES:
                    ctx = browser.new_context(
                        viewport={"width": width, "height": height},
                        has_touch=touch,
                        is_mobile=touch,
                        color_scheme=palette,
                        device_scale_factor=1,
                    )
                    page = ctx.new_page()
                    for name, url in pages().items():
                        page.goto(served + url)
                        page.wait_for_load_state("networkidle")
                        path = out_dir / f"{name}-{device}-{palette}.png"
                        page.screenshot(
                            path=str(path), full_page=name not in ("text", "glossary", "actors", "instruments")
                        )
                    ctx.close()
            browser.close()
    print(f"screenshots in {out_dir}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "screenshots")

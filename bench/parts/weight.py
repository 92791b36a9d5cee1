"""First visit of a paragraph page in headless Chromium; the search index against its text."""

from __future__ import annotations

import gzip
import html as htmlmod
import json
import re

from common import CHROME_FLAGS, CHROMIUM, ensure_site, kb, log, verdict
from gzipserver import serve_site
from playwright.sync_api import Response, sync_playwright


def _visible_text(html: str) -> str:
    m = re.search(r"<article[^>]*>(.*)</article>", html, re.S)
    body = m.group(1) if m else html
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    body = re.sub(r"<[^>]+>", " ", body)
    return re.sub(r"\s+", " ", htmlmod.unescape(body)).strip()


def run() -> tuple[list[str], dict[str, float]]:
    site = ensure_site()
    log("weight: paragraph page first visit in Chromium")
    responses: list[tuple[str, int, int, str]] = []
    with serve_site(site) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROME_FLAGS, headless=True)
        context = browser.new_context()
        page = context.new_page()

        def on_response(resp: Response) -> None:
            try:
                body = resp.body()
            except Exception:  # redirects and aborted requests have no body
                body = b""
            responses.append(
                (resp.url.replace(base, "/"), len(body), len(gzip.compress(body, 9)), resp.request.resource_type)
            )

        page.on("response", on_response)
        page.goto(base + "paragraphs/1/", wait_until="networkidle")
        page.wait_for_timeout(1500)  # late requests (search worker, index)
        browser.close()
    total_raw = sum(r[1] for r in responses)
    total_gz = sum(r[2] for r in responses)
    # Search index vs the plain text of the pages it indexes.
    index_path = site / "search" / "search_index.json"
    index = json.loads(index_path.read_text(encoding="utf-8"))
    locations = {d["location"].split("#")[0] for d in index["docs"]}
    text_bytes = 0
    for loc in locations:
        html_file = site / loc / "index.html" if not loc.endswith(".html") else site / loc
        if html_file.exists():
            text_bytes += len(_visible_text(html_file.read_text(encoding="utf-8")).encode("utf-8"))
    idx_bytes = index_path.stat().st_size
    ratio = idx_bytes / text_bytes if text_bytes else float("nan")
    rows = [f"| `{u}` | {t} | {kb(raw)} | {kb(gz)} |" for u, raw, gz, t in responses]
    lines = [
        "### Weight: first visit of a paragraph page",
        "",
        "`paragraphs/1/` opened in headless Chromium (empty cache), every response recorded and its body "
        "gzip-compressed (level 9) to size it.",
        "",
        "| Resource | Type | Raw | Gzip |",
        "|---|---|---|---|",
        *rows,
        f"| **Total: {len(responses)} requests** | | {kb(total_raw)} | **{kb(total_gz)}** |",
        "",
        f"First visit: **{kb(total_gz)} gzip, {len(responses)} requests** "
        f"(target ≤ 80 KB: {verdict(total_gz <= 80 * 1024)}).",
        "",
        f"Search index: {kb(idx_bytes)} for {kb(text_bytes)} of plain text in the {len(locations)} pages it indexes "
        f"(text of each page's `<article>`): **{ratio:.2f}x** (target ≤ 2x: {verdict(ratio <= 2)}).",
        "",
    ]
    return lines, {"first_visit": total_gz, "requests": len(responses), "index_ratio": ratio}

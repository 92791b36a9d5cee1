"""What the page head holds instead of two stylesheet links (conclusions/head.py) is
the same CSS: the plugin's stylesheet minified, and Material's palette without the colours
the site never uses."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import material  # type: ignore[import-untyped]
import pytest
import yaml
from conclusions import csp, head
from conclusions.plugin import THEME_DIR
from playwright.sync_api import Browser

Parse = Callable[[str], list[str]]
"""Every rule of a stylesheet as Chromium reads it."""

ROOT = Path(__file__).resolve().parents[2]
STYLESHEETS = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
CSS = (Path(THEME_DIR) / "assets" / "conclusions.css").read_text("utf-8")
PALETTE = next(STYLESHEETS.glob("palette.*.min.css")).read_text("utf-8")

# Every rule as Chromium parses it, nested rules flattened with the at-rules around them.
RULES = """(text) => {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(text);
  const out = [];
  const walk = (rules, within) => {
    for (const rule of rules) {
      if (rule.cssRules && !(rule instanceof CSSStyleRule)) walk(rule.cssRules, within + rule.cssText.split("{")[0]);
      else out.push(within + " | " + rule.cssText);
    }
  };
  walk(sheet.cssRules, "");
  return out;
}"""

TRICKY = """
/* a comment with "quotes", 'apostrophes' and { braces } */
@media screen and (max-width: 44.984375em) { .a :hover , .b > .c { margin : 0 0 0.8rem ; } }
.d::before { content: "a  /* not a comment */  b ; }"; width: calc(1px + 2px) ; }
.e { background: url("data:image/svg+xml;charset=utf-8,<svg xmlns='x'/>") }
@supports (display: grid) and (not (display: inline-grid)) { .f { display : grid } }
.g{}
"""


@pytest.fixture(scope="module")
def parse(browser: Browser) -> Iterator[Parse]:
    page = browser.new_page()
    yield lambda text: page.evaluate(RULES, text)
    page.close()


def _inside_parentheses(rule: str) -> str:
    """`rule` with no space after a comma or a colon inside parentheses. Chromium keeps as
    written a value it computes only once `var()` is substituted, and an `@supports`
    condition; the minifier drops those spaces, which CSS does not need there. Outside
    parentheses every space is compared (`.a :hover` is not `.a:hover`)."""
    out: list[str] = []
    depth = 0
    for char in rule:
        if char == " " and depth and out and out[-1] in ",:":
            continue
        depth += {"(": 1, ")": -1}.get(char, 0)
        out.append(char)
    return "".join(out)


@pytest.mark.parametrize("css", [CSS, TRICKY], ids=["conclusions.css", "tricky"])
def test_the_minified_stylesheet_is_the_same_stylesheet(parse: Parse, css: str) -> None:
    minified = head.minify(css)
    assert len(minified) < len(css)
    assert [_inside_parentheses(r) for r in parse(minified)] == [_inside_parentheses(r) for r in parse(css)]
    # Strings and what is outside parentheses are compared as Chromium reads them.
    assert [r.split("(")[0] for r in parse(minified)] == [r.split("(")[0] for r in parse(css)]


def test_a_stylesheet_cannot_end_its_style_element(parse: Parse) -> None:
    css = '.x::after { content: "</style><script>alert(1)</script>" }'
    text = head.style_text(css)
    assert "</" not in text
    assert parse(text) == parse(css)


def _configured_colours() -> dict[str, set[str]]:
    config = yaml.load((ROOT / "mkdocs.yml").read_text("utf-8"), Loader=yaml.BaseLoader)
    return head.palette_colours(config["theme"]["palette"])


def test_the_palette_keeps_every_rule_of_the_configured_colours_and_drops_only_others(parse: Parse) -> None:
    colours = _configured_colours()
    assert colours == {"primary": {"indigo"}, "accent": {"indigo"}}
    full, kept = parse(PALETTE), parse(head.prune_palette(PALETTE, colours))
    assert len(kept) < len(full) / 3
    assert [rule for rule in full if rule in kept] == kept  # Material's rules, in Material's order
    for rule in full:
        if rule in kept:
            continue
        selectors = rule.split(" | ", 1)[1].split("{")[0].split(",")
        for selector in selectors:
            named = head._COLOUR.findall(selector)
            assert named and any(value not in colours[key] for key, value in named), rule
    # What the dark scheme and the indigo colours set is all there.
    kept_text = "\n".join(kept)
    for needed in ("color-scheme: dark", "--md-primary-fg-color: #4051b5", "--md-accent-fg-color: #526cfe"):
        assert needed in kept_text, needed


def test_palette_colours_are_read_as_material_writes_them() -> None:
    assert head.palette_colours({"primary": "deep purple"}) == {"primary": {"deep-purple"}, "accent": {"indigo"}}
    assert head.palette_colours([{"scheme": "slate"}, {"primary": "teal", "accent": "lime"}]) == {
        "primary": {"indigo", "teal"},
        "accent": {"indigo", "lime"},
    }


def test_the_heads_inline_scripts_are_sent_without_comments(site: Path) -> None:
    """The head is sent before any of the text, on every page (conclusions/head.py): its
    scripts' comments stay in the templates, as template comments."""
    for page in (site / "index.html", site / "glossary" / "index.html"):
        text = page.read_text("utf-8")
        scripts = csp.inline_scripts(text[: text.index("</head>")])
        assert scripts, f"{page}: no inline script in the head"
        commented = [s.strip()[:60] for s in scripts if re.search(r"/\*|^\s*//", s, re.M)]
        assert not commented, f"{page}: inline scripts with comments in the head: {commented}"

"""Draw 1200x630 PNG link-preview cards with Pillow, offline and byte-reproducibly.

The text is drawn in DejaVu Sans, shipped in the package (fonts/, Bitstream Vera licence):
it covers the Latin, Greek and Cyrillic letters of every EU language, "²", "–" and "€",
which Pillow's built-in font lacks. Laid out with Pillow's basic layout engine (no system
library), the same input gives the same bytes on every machine with the same Pillow. Cards
are cached by a hash of what they show, so an unchanged paragraph is never drawn twice.
"""

from __future__ import annotations

import hashlib
import io
import multiprocessing
import os
import tempfile
import threading
import unicodedata
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path

import PIL
from PIL import Image, ImageDraw, ImageFont

from .inline import lead
from .sharing import CARD_SIZE, Card

# Bump when the drawing changes: it invalidates every cached card.
CARD_VERSION = "3"

WIDTH, HEIGHT = CARD_SIZE
MARGIN = 72
BAND = 18
INK = (26, 35, 126)  # indigo 900, the site's primary colour family
PAPER = (255, 255, 255)
# Cards are drawn in one ink on paper: a greyscale image whose 256 levels map to a ramp from
# ink to paper. Saved as an 8-bit palette PNG it is half the size of RGB and twice as fast to
# encode (bench/RESULTS.md), and anti-aliasing stays exact: no colour quantisation needed.
SOLID, MUTED = 0, 70
_RAMP = [round(INK[c] + (PAPER[c] - INK[c]) * level / 255) for level in range(256) for c in range(3)]
# Big type: previews are often shown at a quarter of this size.
HEADING_SIZE, LABEL_SIZE, TEXT_SIZE, FOOTER_SIZE = 38, 84, 44, 30
TEXT_LINES = 4
FONTS = Path(__file__).resolve().parent.parent / "fonts"
REGULAR, BOLD = FONTS / "DejaVuSans.ttf", FONTS / "DejaVuSans-Bold.ttf"
# Characters the font might lack, drawn as their nearest ASCII (NFKD handles accents).
_FALLBACK = str.maketrans(
    {
        "\u2013": "-",
        "—": "-",
        "\u2011": "-",
        "“": '"',
        "”": '"',
        "„": '"',
        "…": "...",
        "€": "EUR",
        "·": "-",
        "\u00a0": " ",
    }
)


_thread = threading.local()


def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    # One set of fonts per thread: a FreeType face must not be used by two threads at once.
    fonts: dict[tuple[int, bool], ImageFont.FreeTypeFont] = _thread.__dict__.setdefault("fonts", {})
    if (size, bold) not in fonts:
        path = BOLD if bold else REGULAR
        fonts[size, bold] = ImageFont.truetype(str(path), size, layout_engine=ImageFont.Layout.BASIC)
    return fonts[size, bold]


def _pixels(char: str) -> bytes:
    image = Image.new("L", (64, 64))
    ImageDraw.Draw(image).text((8, 8), char, font=_font(32), fill=255)
    return image.tobytes()


@lru_cache(maxsize=4096)
def _has_glyph(char: str) -> bool:
    # The font draws the same "missing" box for every character it lacks.
    return char.isspace() or _pixels(char) != _pixels("\U0010fffd")


def drawable(text: str) -> str:
    """`text` with every character the font cannot draw replaced by a readable substitute."""
    out = []
    for char in text:
        if _has_glyph(char):
            out.append(char)
            continue
        subst = char.translate(_FALLBACK)
        if subst == char:
            subst = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode() or "?"
        out.append(subst)
    return "".join(out)


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int, lines: int) -> list[str]:
    """Greedy word wrap into at most `lines` lines; the last one ends with '...' when cut."""
    words = text.split()
    out: list[str] = []
    current = ""
    for i, word in enumerate(words):
        trial = f"{current} {word}".strip()
        if font.getlength(trial) <= width or not current:
            current = trial
            continue
        out.append(current)
        current = word
        if len(out) == lines:
            rest = " ".join(words[i:])
            return _ellipsis(out, font, width) if rest else out
    if current:
        out.append(current)
    if len(out) > lines:
        return _ellipsis(out[:lines], font, width)
    return out


def _ellipsis(lines: list[str], font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    last = lines[-1]
    while last and font.getlength(last + "...") > width:
        last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
    return [*lines[:-1], last.rstrip(",;:") + "..."]


def draw(card: Card) -> bytes:
    """The PNG bytes of one card."""
    image = Image.new("L", CARD_SIZE, 255)
    pen = ImageDraw.Draw(image)
    pen.rectangle((0, 0, WIDTH, BAND), fill=SOLID)
    inner = WIDTH - 2 * MARGIN
    y = BAND + 46
    heading = _font(HEADING_SIZE, bold=True)
    for line in _wrap(drawable(card.heading), heading, inner, 2):
        pen.text((MARGIN, y), line, font=heading, fill=SOLID)
        y += HEADING_SIZE + 10
    y += 22
    label = _font(LABEL_SIZE, bold=True)
    for line in _wrap(drawable(card.label), label, inner, 2):
        pen.text((MARGIN, y), line, font=label, fill=SOLID)
        y += LABEL_SIZE + 8
    y += 20
    body = _font(TEXT_SIZE)
    room = max(1, min(TEXT_LINES, (HEIGHT - 110 - y) // (TEXT_SIZE + 14)))
    for line in _wrap(drawable(lead(card.text, 400)), body, inner, room):
        pen.text((MARGIN, y), line, font=body, fill=SOLID)
        y += TEXT_SIZE + 14
    footer = _font(FOOTER_SIZE)
    pen.line((MARGIN, HEIGHT - 86, WIDTH - MARGIN, HEIGHT - 86), fill=SOLID, width=3)
    pen.text((MARGIN, HEIGHT - 66), drawable(card.footer), font=footer, fill=MUTED)
    card_image = Image.frombytes("P", CARD_SIZE, image.tobytes())
    card_image.putpalette(_RAMP)
    out = io.BytesIO()
    # No metadata chunks and fixed settings: identical input gives identical bytes.
    card_image.save(out, format="PNG", compress_level=6)
    return out.getvalue()


def cache_key(card: Card) -> str:
    """The name of `card`'s file in the cache: a digest of what it shows and how it is drawn."""
    what = "\x1f".join((CARD_VERSION, PIL.__version__, card.heading, card.label, card.text, card.footer))
    return hashlib.sha256(what.encode("utf-8")).hexdigest()


# Below this many cards to draw, starting worker processes costs more than it saves.
PARALLEL_MIN = 200


def _store(cache_dir: Path, card: Card, data: bytes) -> None:
    cache_dir.mkdir(parents=True, exist_ok=True)
    # Write then rename: concurrent builds never see a half-written card.
    fd, tmp = tempfile.mkstemp(dir=cache_dir, suffix=".tmp")
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    os.replace(tmp, cache_dir / f"{cache_key(card)}.png")


def _draw_many(todo: list[Card]) -> list[bytes]:
    """Draw cards on every core: in threads, or in processes when there are many.

    Drawing is CPU-bound and each card independent; "spawn" workers, because `mkdocs serve`
    rebuilds in a thread and forking a threaded process is unsafe. Output is the same bytes.
    """
    workers = min(os.cpu_count() or 1, 8)
    if len(todo) < 2 or workers < 2:
        return [draw(card) for card in todo]
    if len(todo) < PARALLEL_MIN:
        # Pillow lets go of the interpreter lock while it compresses a PNG: threads draw a
        # real document's cards about 1.25x faster on two cores, with no process to start.
        with ThreadPoolExecutor(workers) as pool:
            return list(pool.map(draw, todo))
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        return list(pool.map(draw, todo, chunksize=32))


def render_all(cards: list[Card], cache_dir: Path | None) -> list[bytes]:
    """Every card's PNG, in order: from the cache when it holds one for exactly this content."""
    found: list[bytes | None] = []
    for card in cards:
        cached = cache_dir / f"{cache_key(card)}.png" if cache_dir is not None else None
        found.append(cached.read_bytes() if cached is not None and cached.is_file() else None)
    missing = [i for i, data in enumerate(found) if data is None]
    for i, data in zip(missing, _draw_many([cards[i] for i in missing]), strict=True):
        found[i] = data
        if cache_dir is not None:
            _store(cache_dir, cards[i], data)
    return [data for data in found if data is not None]

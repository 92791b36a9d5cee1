"""Draw 1200x630 PNG link-preview cards with Pillow, offline and byte-reproducibly.

The text is drawn in DejaVu Sans, shipped in the package (fonts/, Bitstream Vera licence):
it covers the Latin, Greek and Cyrillic letters of every EU language, "²", "–" and "€",
which Pillow's built-in font lacks. Laid out with Pillow's basic layout engine (no system
library) and compressed by Python's zlib, the same input gives the same bytes on every machine
with the same Pillow and zlib. Cards are cached by a hash of what they show, so an unchanged
paragraph is never drawn twice; those missing are drawn in the background (`Drawing`) while
the build goes on, each into its file in the cache.

Drawing is cheap (about 3.5 ms a card, against 9.5 ms for the 8-bit cards drawn whole), as a
build from scratch draws thousands: fonts are loaded once per thread, line widths summed from
remembered words, what every card of a document shares (band, heading, rule, footer) drawn
and compressed once, and the PNG written in 16 levels, 4 bits a pixel.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import struct
import tempfile
import threading
import unicodedata
import zlib
from collections.abc import Mapping, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import PIL
from PIL import Image, ImageChops, ImageDraw, ImageFont

from .inline_source import lead
from .sharing import CARD_SIZE, Card

# Bump when the drawing changes: it invalidates every cached card.
CARD_VERSION = "4"

WIDTH, HEIGHT = CARD_SIZE
MARGIN = 72
BAND = 18
INK = (26, 35, 126)  # indigo 900, the site's primary colour family
PAPER = (255, 255, 255)
# Cards are drawn in one ink on paper, in 16 levels from ink (0) to paper (15): a greyscale
# image whose values are the entries of a palette ramp, saved as a 4-bit palette PNG. Pillow
# blends anti-aliased edges into the 16 levels as it draws: to the eye the same as 256 levels
# (no pixel off by more than 10 of 255), a third smaller and faster to encode than 8 bits.
LEVELS = 16
SOLID, MUTED, BLANK = 0, 4, LEVELS - 1
_PALETTE = bytes(round(INK[c] + (PAPER[c] - INK[c]) * k / (LEVELS - 1)) for k in range(LEVELS) for c in range(3))
# zlib's level: past it a card takes markedly longer to compress for a few per cent fewer bytes
# (levels 1 to 6 measured in bench/RESULTS.md, "Findings, drawing the link-preview cards").
COMPRESS_LEVEL = 4
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


@dataclass
class _Face:
    """One font at one size, with the widths of the words and letter pairs it has measured.

    Pillow's basic layout makes a line as wide as the sum of its letters' advances plus the
    kerning of each pair of neighbours, in whole 64ths of a pixel: the width of 'ab' is that
    of 'a', of 'b' and of the pair where they meet. Words recur from card to card, so wrapping
    a paragraph measures a few new words instead of laying every trial line out again.
    """

    font: ImageFont.FreeTypeFont
    widths: dict[str, float] = field(default_factory=dict)

    def width(self, text: str) -> float:
        """What `font.getlength(text)` says, remembered."""
        known = self.widths.get(text)
        if known is None:
            known = self.widths[text] = self.font.getlength(text)
        return known

    def joined(self, left: str, left_width: float, right: str) -> float:
        """The width of `left + right`, `left` being `left_width` wide."""
        if not left or not right:
            return left_width + self.width(right)
        kerning = self.width(left[-1] + right[0]) - self.width(left[-1]) - self.width(right[0])
        return left_width + kerning + self.width(right)


def _face(size: int, bold: bool = False) -> _Face:
    # One set of fonts per thread: a FreeType face must not be used by two threads at once.
    faces: dict[tuple[int, bool], _Face] = _thread.__dict__.setdefault("faces", {})
    if (size, bold) not in faces:
        path = BOLD if bold else REGULAR
        faces[size, bold] = _Face(ImageFont.truetype(str(path), size, layout_engine=ImageFont.Layout.BASIC))
    return faces[size, bold]


def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    return _face(size, bold).font


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


def _wrap(text: str, face: _Face, width: int, lines: int) -> list[str]:
    """Greedy word wrap into at most `lines` lines; the last one ends with '...' when cut."""
    words = text.split()
    out: list[str] = []
    current, current_width = "", 0.0
    for i, word in enumerate(words):
        if not current:
            current, current_width = word, face.width(word)
            continue
        trial_width = face.joined(current, current_width, f" {word}")
        if trial_width <= width:
            current, current_width = f"{current} {word}", trial_width
            continue
        out.append(current)
        current, current_width = word, face.width(word)
        if len(out) == lines:
            rest = " ".join(words[i:])
            return _ellipsis(out, face.font, width) if rest else out
    if current:
        out.append(current)
    if len(out) > lines:
        return _ellipsis(out[:lines], face.font, width)
    return out


def _ellipsis(lines: list[str], font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """The lines with '...' at the end of the last, words (then letters) taken off it until it fits."""
    last = lines[-1]
    while " " in last and font.getlength(last + "...") > width:
        last = last.rsplit(" ", 1)[0]
    if last and font.getlength(last + "...") > width:
        last = last[: _fitting(last, _Face(font), width)]
    return [*lines[:-1], last.rstrip(",;:") + "..."]


def _fitting(word: str, face: _Face, width: int) -> int:
    """How many letters of `word` fit before '...' in `width`: one word wider than a line (a
    title of thousands of letters). Each prefix's width is the last one's plus a letter (as
    `_Face.joined` sums them), so that the letters are not taken off one at a time, each time
    measuring the whole word again."""
    widths = [0.0]
    for i, char in enumerate(word):
        widths.append(face.joined(word[i - 1] if i else "", widths[-1], char))
    for count in range(len(word), 0, -1):
        if face.joined(word[count - 1], widths[count], "...") <= width:
            return count
    return 0


INNER = WIDTH - 2 * MARGIN
_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_HEADER = struct.pack(">IIBBBBB", WIDTH, HEIGHT, 4, 3, 0, 0, 0)  # 4 bits a pixel, palette
_ZLIB_HEADER = b"\x78\x5e"  # deflate, 32 KB window, "fast" compression


def _rows(image: Image.Image) -> bytes:
    """PNG's image data for the rows of `image` (palette levels, an even width), uncompressed.

    Each row is one byte of filter type, 0 (none: the PNG specification's advice for palette
    images), then its pixels, two a byte: the same image 2 pixels wider, its extra columns
    level 0, packs to exactly that.
    """
    wide = Image.new("L", (image.width + 2, image.height), 0)
    wide.paste(image, (2, 0))
    return wide.tobytes("raw", "L;4")


def _deflate(rows: bytes, last: bool) -> bytes:
    """`rows` compressed on their own, to be followed by more compressed data unless `last`."""
    compressor = zlib.compressobj(COMPRESS_LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(rows) + compressor.flush(zlib.Z_FINISH if last else zlib.Z_SYNC_FLUSH)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _png(data: bytes, checksum: int) -> bytes:
    """The PNG of `data`, compressed image data whose uncompressed Adler-32 is `checksum`.

    Written here rather than by Pillow: Pillow's PNG encoder, like every PNG writer on PyPI,
    compresses a whole image each time, and what makes cards cheap is compressing the rows
    every card of a document shares once and only the rows between for each card (`_Frame`;
    measured in bench/RESULTS.md, "Findings, drawing the link-preview cards"). The format is four chunks: a
    signature, then the header, palette, data and end chunks. No metadata and fixed settings:
    identical pixels give identical bytes.
    """
    stream = _ZLIB_HEADER + data + struct.pack(">I", checksum)
    return b"".join(
        (_SIGNATURE, _chunk(b"IHDR", _HEADER), _chunk(b"PLTE", _PALETTE), _chunk(b"IDAT", stream), _chunk(b"IEND", b""))
    )


@dataclass(frozen=True)
class _Frame:
    """What every card of one document shares: the band, the heading, the rule and the footer.

    Drawn once per document and copied: the label and the text drawn on the copy never reach
    the heading or the rule, so the card is the same image as when drawn in reading order.
    The rows above `top` and from `bottom` on are the same on every card: they are packed and
    compressed once (`head`, `tail`), and each card compresses only the rows between.
    """

    image: Image.Image
    label_y: int
    top: int
    bottom: int
    head: bytes
    tail: bytes
    head_checksum: int
    """The Adler-32 of the rows above `top`, uncompressed."""
    tail_rows: bytes
    """The rows from `bottom` on, uncompressed."""

    def unchanged(self, image: Image.Image) -> bool:
        """Whether `image` has the frame's rows above `top` and from `bottom` on."""
        return all(
            image.crop(box).tobytes() == self.image.crop(box).tobytes()
            for box in ((0, 0, WIDTH, self.top), (0, self.bottom, WIDTH, HEIGHT))
        )


@lru_cache(maxsize=8)
def _frame(heading: str, footer: str) -> _Frame:
    image = Image.new("L", CARD_SIZE, BLANK)
    pen = ImageDraw.Draw(image)
    pen.rectangle((0, 0, WIDTH, BAND), fill=SOLID)
    y = BAND + 46
    face = _face(HEADING_SIZE, bold=True)
    for line in _wrap(heading, face, INNER, 2):
        pen.text((MARGIN, y), line, font=face.font, fill=SOLID)
        y += HEADING_SIZE + 10
    label_y = y + 22
    pen.line((MARGIN, HEIGHT - 86, WIDTH - MARGIN, HEIGHT - 86), fill=SOLID, width=3)
    pen.text((MARGIN, HEIGHT - 66), footer, font=_font(FOOTER_SIZE), fill=MUTED)
    # Where the heading's ink ends, and where the rule's begins (ink: anything but blank).
    ink = ImageChops.difference(image, Image.new("L", CARD_SIZE, BLANK))
    top = (ink.crop((0, 0, WIDTH, label_y)).getbbox() or (0, 0, 0, 0))[3]
    bottom = label_y + (ink.crop((0, label_y, WIDTH, HEIGHT)).getbbox() or (0, HEIGHT - label_y))[1]
    head, tail = _rows(image.crop((0, 0, WIDTH, top))), _rows(image.crop((0, bottom, WIDTH, HEIGHT)))
    return _Frame(
        image, label_y, top, bottom, _deflate(head, last=False), _deflate(tail, last=True), zlib.adler32(head), tail
    )


def _image(card: Card) -> tuple[Image.Image, _Frame]:
    """The card as an image of palette levels (0 ink, 15 paper), and the frame it was drawn on."""
    frame = _frame(drawable(card.heading), drawable(card.footer))
    image = frame.image.copy()
    pen = ImageDraw.Draw(image)
    y = frame.label_y
    label = _face(LABEL_SIZE, bold=True)
    for line in _wrap(drawable(card.label), label, INNER, 2):
        pen.text((MARGIN, y), line, font=label.font, fill=SOLID)
        y += LABEL_SIZE + 8
    y += 20
    body = _face(TEXT_SIZE)
    # As many lines as end well above the rule (after at most two lines of heading and of label).
    room = max(1, min(TEXT_LINES, (HEIGHT - 110 - y) // (TEXT_SIZE + 14)))
    for line in _wrap(drawable(lead(card.text, 400)), body, INNER, room):
        pen.text((MARGIN, y), line, font=body.font, fill=SOLID)
        y += TEXT_SIZE + 14
    return image, frame


def draw(card: Card) -> bytes:
    """The PNG bytes of one card."""
    image, frame = _image(card)
    if not frame.unchanged(image):  # a letter reached into the heading's or the rule's rows
        rows = _rows(image)
        return _png(_deflate(rows, last=True), zlib.adler32(rows))
    middle = _rows(image.crop((0, frame.top, WIDTH, frame.bottom)))
    checksum = zlib.adler32(frame.tail_rows, zlib.adler32(middle, frame.head_checksum))
    return _png(frame.head + _deflate(middle, last=False) + frame.tail, checksum)


def cache_key(card: Card) -> str:
    """The name of `card`'s file in the cache: a digest of what it shows and how it is drawn."""
    how = (CARD_VERSION, PIL.__version__, zlib.ZLIB_RUNTIME_VERSION)
    what = "\x1f".join((*how, card.heading, card.label, card.text, card.footer))
    return hashlib.sha256(what.encode("utf-8")).hexdigest()


# Below this many cards to draw, starting worker processes costs more than it saves.
PARALLEL_MIN = 200


class CardError(Exception):
    """A card that could not be drawn or written, in one line: which card, and why."""


def _one_line(err: BaseException) -> str:
    return " ".join(f"{type(err).__name__}: {err}".split())


def _store(folder: Path, card: Card, data: bytes) -> None:
    # Write then rename: a build, or another one at the same time, never sees a half-written card.
    fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, folder / f"{cache_key(card)}.png")
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _draw_into(todo: list[Card], folder: Path) -> None:
    """Draw each card of `todo` into its file in `folder` (in a worker)."""
    for card in todo:
        try:
            _store(folder, card, draw(card))
        except Exception as err:
            raise CardError(f"could not draw the link-preview card {card.path}: {_one_line(err)}") from None


def writable(folder: Path) -> bool:
    """Whether cards can be kept in `folder` (made if missing)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(dir=folder, suffix=".tmp")
        os.close(fd)
        os.unlink(probe)
    except OSError:
        return False
    return True


class Drawing:
    """The files of a site's cards, those not yet drawn being drawn in the background.

    Drawing is CPU-bound and each card independent: it runs while MkDocs renders the pages,
    in threads or, when there are many cards, in "spawn" processes (`mkdocs serve` rebuilds
    in a thread, and forking a threaded process is unsafe). One core is left to the build
    itself. `wait` before anything reads the files; `close` when the build stops.
    """

    def __init__(
        self, cards: Sequence[Card], into: Path, cached: Sequence[Path] = (), known: Mapping[Card, Path] | None = None
    ) -> None:
        """Start drawing.

        Args:
            cards: the cards, each published at its `path`.
            into: the folder the missing cards are drawn into (it exists and can be written).
            cached: folders looked in first for a card drawn before (by `cache_key`).
            known: the files of cards drawn already (a `Drawing.known` of the last build whose
                drawing completed, under `mkdocs serve`): neither their keys nor their files
                are looked for again.
        """
        folders = list(dict.fromkeys((*cached, into)))
        self.files: list[Path] = []
        """Each card's file, in the order of `cards`: complete once `wait` returns."""
        self.known: dict[Card, Path] = {}
        """Each card's file, by card."""
        todo: dict[Path, Card] = {}
        for card in cards:
            found = known.get(card) if known else None
            if found is None:
                name = f"{cache_key(card)}.png"
                found = next((folder / name for folder in folders if (folder / name).is_file()), None)
                if found is None:
                    found = into / name
                    todo.setdefault(found, card)
            self.known[card] = found
            self.files.append(found)
        self._pool: Executor | None = None
        self._pending: list[Future[None]] = []
        if todo:
            self._start(list(todo.values()), into)

    def _start(self, todo: list[Card], into: Path) -> None:
        workers = max(1, min((os.cpu_count() or 1) - 1, 8))
        if len(todo) < PARALLEL_MIN:
            # zlib lets go of the interpreter lock while it compresses, and Pillow while it
            # pastes: threads draw a document's cards with no process to start.
            self._pool = ThreadPoolExecutor(workers, thread_name_prefix="cards")
        else:
            self._pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
        size = max(1, min(32, len(todo) // (4 * workers)))
        for at in range(0, len(todo), size):
            self._pending.append(self._pool.submit(_draw_into, todo[at : at + size], into))

    def wait(self) -> None:
        """Return once every card is in its file.

        Raises:
            CardError: the first card that could not be drawn or written (the others are
                not waited for).
        """
        try:
            for future in self._pending:
                try:
                    future.result()
                except CardError:
                    raise
                except Exception as err:  # a worker process that died, a card that could not be sent
                    raise CardError(f"could not draw the link-preview cards: {_one_line(err)}") from None
        finally:
            self.close()

    def close(self) -> None:
        """Stop drawing: the cards not begun are not drawn; the workers are ended."""
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

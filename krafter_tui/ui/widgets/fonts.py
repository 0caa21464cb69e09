"""Fonts for figures, from block digits many rows high down to plain text, and the choice of
the largest that fits a measured space.

A wall screen is read from across a room: there the block fonts (a 3x5 and a 5x7 pixel font,
each pixel two cells wide and one row high, so that it is about square, scaled up where the
space allows) carry the figure. Textual's 3-row line digits and plain text take over where
there is less room. A figure is drawn whole in one of them or not at all, never cut.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.renderables.digits import Digits as LineDigitsRenderable

__all__ = ["FONTS", "Font", "LineDigits", "PixelFont", "Plain", "fitting_font", "inner_gap"]

# Pixel glyphs: "#" is a pixel, "." is none. Only what figures contain: digits, the thousands
# comma, the point, and the ellipsis shown while a figure is on its way (as three points).
SMALL = {  # 3x5
    "0": "### #.# #.# #.# ###",
    "1": ".#. ##. .#. .#. ###",
    "2": "### ..# ### #.. ###",
    "3": "### ..# .## ..# ###",
    "4": "#.# #.# ### ..# ..#",
    "5": "### #.. ### ..# ###",
    "6": "### #.. ### #.# ###",
    "7": "### ..# ..# ..# ..#",
    "8": "### #.# ### #.# ###",
    "9": "### #.# ### ..# ###",
    ",": ". . . # #",
    ".": ". . . . #",
}
LARGE = {  # 5x7
    "0": ".###. #...# #...# #...# #...# #...# .###.",
    "1": "..#.. .##.. ..#.. ..#.. ..#.. ..#.. .###.",
    "2": ".###. #...# ....# ...#. ..#.. .#... #####",
    "3": "##### ...#. ..#.. ...#. ....# #...# .###.",
    "4": "...#. ..##. .#.#. #..#. ##### ...#. ...#.",
    "5": "##### #.... ####. ....# ....# #...# .###.",
    "6": "..##. .#... #.... ####. #...# #...# .###.",
    "7": "##### ....# ...#. ..#.. .#... .#... .#...",
    "8": ".###. #...# #...# .###. #...# #...# .###.",
    "9": ".###. #...# #...# .#### ....# ...#. .##..",
    ",": ".. .. .. .. .# .# #.",
    ".": ". . . . . . #",
}


class Font:
    """A way to draw a figure: ``height`` rows, ``width(text)`` cells (None: cannot draw it)."""

    name = "font"
    height = 1

    def width(self, text: str) -> int | None:
        """Cells ``text`` takes in this font, or None when the font has no glyph for it."""
        raise NotImplementedError

    def lines(self, text: str, *, bold: bool = False) -> list[str]:
        """``text`` drawn as ``height`` lines of equal width."""
        raise NotImplementedError

    def __repr__(self) -> str:
        return self.name


@dataclass(frozen=True, repr=False)
class PixelFont(Font):
    """Block digits from a pixel table; each pixel is ``2 * scale`` cells by ``scale`` rows,
    and glyphs are ``scale`` cells apart."""

    table: dict[str, str] = field(hash=False, compare=False)
    rows: int
    scale: int

    @property
    def name(self) -> str:  # type: ignore[override]
        return f"block{self.rows}x{self.scale}"

    @property
    def height(self) -> int:  # type: ignore[override]
        return self.rows * self.scale

    def _glyphs(self, text: str) -> list[list[str]] | None:
        chars = text.replace("…", "...")
        if not chars or any(c not in self.table for c in chars):
            return None
        return [self.table[c].split() for c in chars]

    def width(self, text: str) -> int | None:
        """See :meth:`Font.width`."""
        glyphs = self._glyphs(text)
        if glyphs is None:
            return None
        pixels = sum(len(g[0]) for g in glyphs)
        return pixels * 2 * self.scale + (len(glyphs) - 1) * self.scale

    def lines(self, text: str, *, bold: bool = False) -> list[str]:
        """See :meth:`Font.lines`."""
        glyphs = self._glyphs(text) or []
        gap = " " * self.scale
        out: list[str] = []
        for row in range(self.rows):
            cells = (
                "".join(("█" if p == "#" else " ") * 2 * self.scale for p in glyph[row])
                for glyph in glyphs
            )
            out.extend([gap.join(cells)] * self.scale)
        return out


class LineDigits(Font):
    """Textual's 3-row digits (thin lines; heavy ones when bold)."""

    name = "digits"
    height = 3

    def width(self, text: str) -> int | None:
        """See :meth:`Font.width`."""
        return LineDigitsRenderable.get_width(text) if text else None

    def lines(self, text: str, *, bold: bool = False) -> list[str]:
        """See :meth:`Font.lines`."""
        segments = LineDigitsRenderable(text).render(Style(bold=bold))
        drawn = "".join(s.text for s in segments if isinstance(s, Segment))
        rows = drawn.split("\n")[: self.height]
        width = self.width(text) or 0
        return [row.ljust(width) for row in rows]


class Plain(Font):
    """The figure as one line of text."""

    name = "plain"
    height = 1

    def width(self, text: str) -> int | None:
        """See :meth:`Font.width`."""
        return cell_len(text) if text else None

    def lines(self, text: str, *, bold: bool = False) -> list[str]:
        """See :meth:`Font.lines`."""
        return [text]


def _fonts() -> tuple[Font, ...]:
    blocks: list[Font] = [PixelFont(LARGE, 7, s) for s in (1, 2, 3, 4)]
    blocks += [PixelFont(SMALL, 5, s) for s in (1, 2, 3, 4)]
    # Tallest first; at equal height the 5x7 font, whose digits are better drawn.
    blocks.sort(key=lambda f: (-f.height, not (isinstance(f, PixelFont) and f.rows == 7)))
    return (*blocks, LineDigits(), Plain())


FONTS: tuple[Font, ...] = _fonts()


def fitting_font(
    texts: Iterable[str], width: int, height: int, fonts: Sequence[Font] = FONTS
) -> Font | None:
    """The tallest font in which every one of ``texts`` fits ``width`` x ``height`` cells
    (figures shown together share one font), or None when not even plain text fits."""
    shown = [t for t in texts if t]
    if not shown:
        return None
    for font in fonts:
        if font.height > height:
            continue
        widths = [font.width(t) for t in shown]
        if all(w is not None and w <= width for w in widths):
            return font
    return None


def blank_runs(lines: Sequence[str]) -> list[int]:
    """The widths of the runs of blank columns (blank in every line) between the first and
    the last drawn column of ``lines``: the gaps a reader sees inside one drawn figure."""
    width = max(map(len, lines), default=0)
    drawn = [c for c in range(width) if any(c < len(ln) and ln[c] != " " for ln in lines)]
    pairs = zip(drawn, drawn[1:], strict=False)
    return [right - left - 1 for left, right in pairs if right - left > 1]


def inner_gap(font: Font, texts: Iterable[str]) -> int:
    """The widest blank gap inside any of ``texts`` drawn in ``font`` (between two digits,
    or in a glyph such as a ``1``): figures shown side by side must stand clearly further
    apart than that to read as separate figures."""
    return max(
        (max(blank_runs(font.lines(t)), default=0) for t in texts if font.width(t)),
        default=0,
    )

"""Reading the terminal a test's app draws: its lines as text, the styles of their cells, and
figures drawn in any of the dashboard's fonts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.cells import cell_len
from rich.style import Style
from textual.strip import Strip

from krafter_tui.ui.widgets.fonts import FONTS, Font


def screen_strips(app: Any) -> list[Strip]:
    """Every line of the screen on top, as the terminal would get it."""
    strips: list[Strip] = app.screen._compositor.render_strips()
    return strips


def screen_lines(app: Any) -> list[str]:
    """Every line of the screen on top, as plain text."""
    return ["".join(segment.text for segment in strip) for strip in screen_strips(app)]


def cells(strip: Strip) -> list[tuple[str, Style | None]]:
    """One (character, style) per cell of ``strip``."""
    out: list[tuple[str, Style | None]] = []
    for segment in strip:
        out.extend((ch, segment.style) for ch in segment.text)
    return out


def line_with(app: Any, text: str) -> str:
    """The first screen line containing ``text`` (fails the test when there is none)."""
    lines = screen_lines(app)
    for line in lines:
        if text in line:
            return line
    raise AssertionError(f"{text!r} is nowhere on screen:\n" + "\n".join(lines))


def screen_rows(app: Any) -> list[str]:
    """The screen, one string per row and one character per cell (a wide character's right
    half is a NUL), so that columns line up from row to row."""
    rows = []
    for strip in screen_strips(app):
        cells: list[str] = []
        for segment in strip:
            for char in segment.text:
                cells.append(char)
                if cell_len(char) == 2:
                    cells.append("\0")
        rows.append("".join(cells))
    return rows


def find_block(rows: Sequence[str], block: Sequence[str]) -> tuple[int, int] | None:
    """Where (row, column) ``block``'s lines appear on screen one under the other."""
    first = block[0]
    for top in range(len(rows) - len(block) + 1):
        start = rows[top].find(first)
        while start >= 0:
            if all(
                rows[top + i][start : start + len(line)] == line for i, line in enumerate(block)
            ):
                return top, start
            start = rows[top].find(first, start + 1)
    return None


def find_figure(
    rows: Sequence[str], figure: str, fonts: Sequence[Font] = FONTS
) -> tuple[Font, int, int] | None:
    """The font and place in which ``figure`` is drawn whole on screen (tallest first).

    Block fonts are looked for with the blank columns at their edges trimmed, so that a
    figure against a border still counts; the plain font must stand as a word of its own.
    """
    for font, bold in ((f, b) for f in fonts for b in (False, True)):
        if font.width(figure) is None:
            continue
        lines = font.lines(figure, bold=bold)
        if font.height == 1:
            for top, row in enumerate(rows):
                start = row.find(figure)
                while start >= 0:
                    before = row[start - 1] if start else " "
                    after = row[start + len(figure) : start + len(figure) + 1] or " "
                    if not (before.isalnum() or before in ",." or after.isalnum() or after in ",."):
                        return font, top, start
                    start = row.find(figure, start + 1)
            continue
        left = min(len(line) - len(line.lstrip(" ")) for line in lines)
        right = max(len(line.rstrip(" ")) for line in lines)
        found = find_block(rows, [line[left:right] for line in lines])
        if found is not None:
            return font, found[0], found[1] - left
    return None


def pane_lines(app: Any, selector: str) -> list[str]:
    """The screen lines inside the region of the widget ``selector`` (border included)."""
    region = app.screen.query_one(selector).region
    lines = screen_lines(app)[region.y : region.y + region.height]
    return [line[region.x : region.x + region.width] for line in lines]


def on_screen(app: Any, text: str) -> bool:
    """Whether ``text`` is on some line of the screen."""
    return any(text in line for line in screen_lines(app))

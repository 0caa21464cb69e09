"""Reading the terminal a test's app draws: its lines as text, and the styles of their cells."""

from __future__ import annotations

from typing import Any

from rich.style import Style
from textual.strip import Strip


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

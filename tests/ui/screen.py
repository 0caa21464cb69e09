"""Reading the dashboard back as a person sees it: the lines the compositor puts on screen."""

from __future__ import annotations

from typing import Any


def screen_lines(app: Any) -> list[str]:
    """Every line of the current screen as plain text (what the terminal shows)."""
    strips = app.screen._compositor.render_strips()
    return ["".join(segment.text for segment in strip) for strip in strips]


def pane_lines(app: Any, selector: str) -> list[str]:
    """The screen lines inside the region of the widget ``selector`` (border included)."""
    region = app.screen.query_one(selector).region
    lines = screen_lines(app)[region.y : region.y + region.height]
    return [line[region.x : region.x + region.width] for line in lines]

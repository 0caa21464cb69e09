"""Plotext's plot as Rich text, read from the matrix of cells plotext builds.

textual-plotext asks plotext for its ANSI canvas (a string built by adding one cell at a
time) and has Rich parse it back (``Text.from_ansi``): two thirds of a new plot's cost. The
matrix under that canvas already holds each cell's character and colours; its runs of one
colour become the text's spans directly, each styled as Rich reads plotext's escape codes
for those colours (so the text is the one ``from_ansi`` gives).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import plotext._utility as plotext_utility
from rich.style import Style
from rich.text import Text
from textual_plotext import PlotextPlot

__all__ = ["plot_text"]


def plot_text(chart: PlotextPlot) -> Text:
    """What ``PlotextPlot.render`` returns for ``chart``, without the ANSI round trip."""
    width, height = chart.size
    plot: Any = chart.plt
    # As textual-plotext sets the figure up before building it (its render).
    plot.plotsize(width, height)
    plot._set_size(width, height)
    plot.theme(chart._get_plotext_theme_name(chart.app.theme))
    if plot.monitor.fast_plot:  # not built cell by cell: only the canvas string holds it
        return Text.from_ansi(plot.build())
    plot._set_sizes()
    plot._build_matrix()
    return matrix_text(plot.monitor.matrix)


def matrix_text(matrix: Any) -> Text:
    """The text of plotext's ``matrix``: its rows top first, each run of one colour a span."""
    text = Text()
    markers, fullground, style, background = (
        matrix.marker,
        matrix.fullground,
        matrix.style,
        matrix.background,
    )
    last_row = matrix.rows - 1
    for row in range(last_row, -1, -1):
        marks, fore, kind, back = markers[row], fullground[row], style[row], background[row]
        start = 0
        for col in range(1, matrix.cols + 1):
            colors = (fore[start], kind[start], back[start])
            if col < matrix.cols and (fore[col], kind[col], back[col]) == colors:
                continue
            text.append("".join(marks[start:col]), _style(*map(_hashable, colors)))
            start = col
        text.append("\n")  # the last row's too, as in plotext's canvas
    return text


def _hashable(color: Any) -> Any:
    """A colour as a key: plotext takes RGB colours as lists as well as tuples."""
    return tuple(color) if isinstance(color, list) else color


@lru_cache(maxsize=256)
def _style(fullground: Any, style: Any, background: Any) -> Style | None:
    """The style Rich reads from plotext's escape codes for these colours (None: none)."""
    codes = plotext_utility.colors_to_ansi(fullground, style, background)
    if not codes:
        return None
    spans = Text.from_ansi(f"{codes}x{plotext_utility.ansi_end}").spans
    return spans[0].style if spans else None  # type: ignore[return-value]

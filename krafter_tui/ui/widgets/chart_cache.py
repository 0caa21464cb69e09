"""The chart's plots kept: a small key naming what each plot draws, and the plots and their
lines drawn recently, so figures seen a moment ago (a period or site switched back to, a
poll with nothing new) are shown without plotting them again.

Plotext's build and Textual's line rendering are the costliest paint there is; Textual
renders a widget again whenever the screen around it changes.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from datetime import date

from textual.app import RenderResult
from textual.geometry import Size
from textual.strip import Strip

from krafter_tui.ui.widgets.chart_axis import axis_label, tick_labels, value_ticks

__all__ = ["PLOTS_KEPT", "PlotCache", "drawn_content"]

PLOTS_KEPT = 32  # plots (and their lines) kept: a few sites × periods × metrics


class PlotCache:
    """Plots and their lines by key (the key of their content, then size, theme, style);
    each series keeps only its newest plot."""

    def __init__(self) -> None:
        self.data_keys: OrderedDict[tuple[object, ...], int] = OrderedDict()
        self.series_keys: dict[tuple[object, ...], int] = {}  # newest plot of each series
        self.keys_made = 0
        # Plots drawn recently, by data, size and theme: switching back to a period or site
        # seen a moment ago shows its chart without plotting it again.
        self.plots: OrderedDict[tuple[object, ...], RenderResult] = OrderedDict()
        self.lines: OrderedDict[tuple[object, ...], list[Strip]] = OrderedDict()

    def name(self, content: tuple[object, ...], slot: tuple[object, ...] | None) -> int:
        """The key of the plot of ``content``: the same content gets the same small key
        back, so the caches find a plot drawn before (a key made of the points themselves
        would be hashed for every line of every paint). ``slot`` (None: no series known)
        names the series, metric, colour, size and comparison: a new plot of a slot
        replaces the kept plot of its older figures, so polls of live data do not fill the
        cache with plots nobody will see again."""
        key = self.data_keys.get(content)
        if key is None:
            self.keys_made += 1
            key = self.data_keys[content] = self.keys_made
            while len(self.data_keys) > PLOTS_KEPT:
                self.data_keys.popitem(last=False)
        else:
            self.data_keys.move_to_end(content)
        if slot is not None:
            older = self.series_keys.get(slot)
            if older is not None and older != key:
                self.forget(older)
            self.series_keys[slot] = key
            while len(self.series_keys) > 4 * PLOTS_KEPT:  # slots of plots long evicted
                del self.series_keys[next(iter(self.series_keys))]
        return key

    def plot(self, key: tuple[object, ...], make: Callable[[], RenderResult]) -> RenderResult:
        """The plot kept under ``key``, else the one ``make`` builds (then kept)."""
        plot = self.plots.get(key)
        if plot is None:
            plot = self.plots[key] = make()
            while len(self.plots) > PLOTS_KEPT:
                self.plots.popitem(last=False)
        else:
            self.plots.move_to_end(key)
        return plot

    def lines_of(self, key: tuple[object, ...], make: Callable[[], list[Strip]]) -> list[Strip]:
        """The lines kept under ``key``, else the ones ``make`` renders (then kept)."""
        lines = self.lines.get(key)
        if lines is None:
            lines = self.lines[key] = make()
            while len(self.lines) > PLOTS_KEPT:
                self.lines.popitem(last=False)
        else:
            self.lines.move_to_end(key)
        return lines

    def forget(self, key: int) -> None:
        """Drop the plot named ``key`` (its series has newer figures)."""
        for cache in (self.plots, self.lines):
            for entry in [k for k in cache if k[0] == key]:
                del cache[entry]
        for content in [c for c, k in self.data_keys.items() if k == key]:
            del self.data_keys[content]
        for slot in [s for s, k in self.series_keys.items() if k == key]:
            del self.series_keys[slot]


def drawn_content(
    values: list[int], compared: list[int], dates: list[date], title: str, size: Size
) -> tuple[object, ...]:
    """What a plot of ``size`` draws: each point's dot row, the axes' ticks and labels, the
    title.

    A live poll changes today's figure by a few visitors, which rarely moves its dot:
    such figures name the plot already drawn, so it is not built again (plotext's build
    and Textual's line rendering are the largest part of the CPU a dashboard left
    running uses). Rows are counted at four dots a character row over the whole widget,
    finer than the plot area's braille dots, so a dot that moves is a new plot (at worst
    a dot can stay a quarter of a character off until the next figure moves it).
    """
    if not values:
        return ()
    top = max(values + compared) * 1.05 or 1
    rows = max(1, size.height * 4)

    def dots(figures: Sequence[float]) -> tuple[int, ...]:
        return tuple(round(figure / top * rows) for figure in figures)

    ticks = value_ticks(top, size.height - 3)
    labels = tuple(axis_label(t) for t in ticks)
    x_ticks = tick_labels(dates, size.width)
    return (dots(values), dots(compared), dots(ticks), labels, repr(x_ticks), title)

"""The timeseries chart: one metric over the period, drawn by plotext in the app's colours."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from textual.app import RenderResult
from textual.color import Color
from textual_plotext import PlotextPlot

from krafter_tui.api import TimeseriesPoint
from krafter_tui.format import compact

__all__ = ["TimeseriesChart", "tick_labels"]


def is_monthly(dates: Sequence[date]) -> bool:
    """True when rows are a month apart (how some servers bucket ``12mo``)."""
    if len(dates) < 2:
        return False
    gaps = [(b - a).days for a, b in zip(dates, dates[1:], strict=False)]
    return sorted(gaps)[len(gaps) // 2] >= 27


def tick_labels(dates: Sequence[date], width: int) -> tuple[list[int], list[str]]:
    """Positions and labels for the x axis: as many as fit ``width`` columns without crowding."""
    if not dates:
        return [], []
    monthly = is_monthly(dates)
    spans_years = dates[0].year != dates[-1].year

    def label(day: date) -> str:
        if monthly:
            return f"{day:%b} '{day:%y}" if spans_years else f"{day:%b}"
        return f"{day.strftime('%b')} {day.day}"

    longest = max(len(label(d)) for d in dates) + 3
    room = max(1, (width - 8) // longest)
    step = max(1, -(-len(dates) // room))
    positions = list(range(0, len(dates), step))
    return positions, [label(dates[i]) for i in positions]


class TimeseriesChart(PlotextPlot):
    """A line chart of one metric of the timeseries; the widget never fetches anything."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.points: list[TimeseriesPoint] = []
        self.metric = "pageviews"
        self.line_color: tuple[int, int, int] | None = None
        self._version = 0
        self._rendered: RenderResult | None = None
        self._rendered_key: tuple[object, ...] = ()

    def show(self, points: Sequence[TimeseriesPoint], metric: str) -> None:
        """Plot ``metric`` (pageviews, visitors or visits) of ``points``.

        The same figures again (a background refresh, a poll with nothing new) keep the plot
        already drawn: plotext and Textual's line rendering are the costliest paint there is.
        """
        points = list(points)
        same = points == self.points and metric == self.metric
        self.points = points
        self.metric = metric
        if not same:
            self.replot()

    def render(self) -> RenderResult:
        """The plot, rebuilt only when its data, size or theme changed.

        Textual renders a widget again whenever the screen around it changes (a realtime
        reading, a loading mark); plotext's build is far too slow to repeat for nothing.
        """
        key = (self._version, self.size, self.app.theme)
        if self._rendered is None or key != self._rendered_key:
            self._rendered = super().render()
            self._rendered_key = key
        return self._rendered

    def on_mount(self) -> None:
        """Redraw in the new colours when the app's theme changes."""
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.replot())

    def on_resize(self) -> None:
        """Tick labels depend on the width."""
        self.replot()

    def replot(self) -> None:
        """Rebuild the plot from the current points, metric, size and theme."""
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        dates = [p.date for p in self.points]
        values = [getattr(p, self.metric) for p in self.points]
        if values:
            primary = Color.parse(self.app.theme_variables.get("primary", "#0178d4"))
            self.line_color = primary.rgb
            xs = list(range(len(values)))
            plt.plot(xs, values, marker="braille", color=primary.rgb)
            positions, labels = tick_labels(dates, self.size.width)
            plt.xticks([float(p) for p in positions], labels)
            top = max(values)
            ticks = [0, top / 2, top] if top else [0]
            plt.yticks(ticks, [compact(t) for t in ticks])
            plt.ylim(0, top * 1.05 if top else 1)
        plt.title("")
        self._version += 1
        self.refresh()

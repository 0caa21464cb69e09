"""The timeseries chart: one metric over the period, drawn by plotext in the app's colours."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable, Sequence
from datetime import date

from textual.app import RenderResult
from textual.color import Color
from textual.strip import Strip
from textual.visual import Visual, visualize
from textual_plotext import PlotextPlot

from krafter_tui.api import TimeseriesPoint
from krafter_tui.widgets.chart_axis import (
    axis_label,
    bucket_end,
    is_monthly,
    tick_labels,
    value_ticks,
)

__all__ = ["PARTIAL_MARKER", "TimeseriesChart", "is_monthly", "tick_labels"]

PLOTS_KEPT = 32  # plots (and their lines) kept: a few sites × periods × metrics
PARTIAL_MARKER = "○"  # the last point when its day or month is not over: an open dot


class TimeseriesChart(PlotextPlot):
    """A line chart of one metric of the timeseries; the widget never fetches anything."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.points: list[TimeseriesPoint] = []
        self.metric = "pageviews"
        self.line_color: tuple[int, int, int] | None = None
        self.has_data = False  # no figures handed over yet (then nothing is drawn)
        self.series: Hashable = None  # what the points are of (site and period), if known
        self.today: date | None = None  # the API's (UTC) today: its bucket is not over yet
        self._data_key = 0  # names what is plotted (points, metric, colour, ticks): see replot
        self._data_keys: OrderedDict[tuple[object, ...], int] = OrderedDict()
        self._series_keys: dict[tuple[object, ...], int] = {}  # newest plot of each series
        self._keys_made = 0
        # Plots drawn recently, by data, size and theme: switching back to a period or site
        # seen a moment ago shows its chart without plotting it again.
        self._plots: OrderedDict[tuple[object, ...], RenderResult] = OrderedDict()
        self._lines: OrderedDict[tuple[object, ...], list[Strip]] = OrderedDict()

    def show(
        self,
        points: Sequence[TimeseriesPoint],
        metric: str,
        *,
        series: Hashable = None,
        today: date | None = None,
    ) -> None:
        """Plot ``metric`` (pageviews, visitors or visits) of ``points``.

        ``today`` (the UTC date; None keeps the one given before): a last bucket that holds
        it is not over, and is drawn as such (see :attr:`partial_label`).

        The same figures again (a background refresh, a poll with nothing new) keep the plot
        already drawn: plotext and Textual's line rendering are the costliest paint there is.
        ``series`` names what the points are of (e.g. site and period): a new plot of a series
        replaces the kept plot of its older figures, so polls of live data do not fill the
        cache with plots nobody will see again.
        """
        points = list(points)
        today = today or self.today
        same = (
            points == self.points
            and metric == self.metric
            and self.has_data
            and today == self.today
        )
        self.points = points
        self.metric = metric
        self.series = series
        self.today = today
        self.has_data = True
        if not same:
            self.replot()

    def set_metric(self, metric: str) -> None:
        """Plot ``metric`` of the points already shown (none yet: the next ones)."""
        self.show(self.points, metric, series=self.series)

    @property
    def partial(self) -> bool:
        """Whether the last bucket holds today, so its figure is only what came in so far."""
        end = bucket_end([p.date for p in self.points])
        return (
            self.today is not None and end is not None and self.points[-1].date <= self.today < end
        )

    @property
    def partial_label(self) -> str | None:
        """``today so far`` (or ``Dec so far`` for months) when the last bucket is not over."""
        if not self.partial:
            return None
        if is_monthly([p.date for p in self.points]):
            return f"{self.points[-1].date:%b} so far"
        return "today so far"

    def partial_color(self) -> Color:
        """The muted colour of the part of the line that is not over (over the background)."""
        variables = self.app.theme_variables
        background = Color.parse(variables.get("background", "#000000"))
        return background + Color.parse(variables.get("foreground-muted", "#808080"))

    def render(self) -> RenderResult:
        """The plot, rebuilt only when its data, size or theme changed.

        Textual renders a widget again whenever the screen around it changes (a realtime
        reading, a loading mark); plotext's build is far too slow to repeat for nothing.
        """
        key = (self._data_key, self.size, self.app.theme)
        plot = self._plots.get(key)
        if plot is None:
            plot = self._plots[key] = super().render()
            while len(self._plots) > PLOTS_KEPT:
                self._plots.popitem(last=False)
        else:
            self._plots.move_to_end(key)
        return plot

    def render_line(self, y: int) -> Strip:
        """One line of the plot, from lines kept until the plot or the widget's style changes.

        Textual turns the plot into lines again whenever the widget is refreshed, e.g. when its
        pane is dimmed while loading (opacity is applied later, to the lines as they are).
        """
        width, height = self.size
        style = self.visual_style
        if not self.has_data:
            # Nothing fetched yet: an empty frame of axes would cost a plot at every layout of
            # the first moments after launch, for a chart about to be replaced.
            return Strip.blank(width, style.rich_style)
        key = (self._data_key, self.size, self.app.theme, style)
        lines = self._lines.get(key)
        if lines is None:
            visual = visualize(self, self.render(), markup=False)
            lines = self._lines[key] = Visual.to_strips(self, visual, width, height, style)
            while len(self._lines) > PLOTS_KEPT:
                self._lines.popitem(last=False)
        else:
            self._lines.move_to_end(key)
        if 0 <= y < len(lines):
            return lines[y]
        return Strip.blank(width, style.rich_style)

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
        primary = Color.parse(self.app.theme_variables.get("primary", "#0178d4"))
        partial = self.partial
        muted = self.partial_color()
        if values:
            self.line_color = primary.rgb
            xs = list(range(len(values)))
            whole = len(values) - 1 if partial else len(values)
            if whole:
                plt.plot(xs[:whole], values[:whole], marker="braille", color=primary.rgb)
            if partial:
                self._plot_partial(values, muted.rgb)
            positions, labels = tick_labels(dates, self.size.width)
            plt.xticks([float(p) for p in positions], labels)
            top = max(values) * 1.05 or 1
            ticks = value_ticks(top, self.size.height - 3)
            plt.yticks(ticks, [axis_label(t) for t in ticks])
            plt.ylim(0, top)
        plt.title("")
        # The tick labels were fitted to this width; the plot is drawn at the size of the
        # moment, which a resize changes before on_resize plots again. The same content gets
        # the same small key back, so the caches below find a plot drawn before; a key made of
        # the points themselves would be hashed for every line of every paint.
        content = (
            tuple(self.points),
            self.metric,
            primary.rgb,
            muted.rgb,
            partial,
            self.size,
        )
        key = self._data_keys.get(content)
        if key is None:
            self._keys_made += 1
            key = self._data_keys[content] = self._keys_made
            while len(self._data_keys) > PLOTS_KEPT:
                self._data_keys.popitem(last=False)
        else:
            self._data_keys.move_to_end(content)
        if self.series is not None:
            slot = (self.series, self.metric, primary.rgb, self.size)
            older = self._series_keys.get(slot)
            if older is not None and older != key:
                self._forget(older)
            self._series_keys[slot] = key
            while len(self._series_keys) > 4 * PLOTS_KEPT:  # slots of plots long evicted
                del self._series_keys[next(iter(self._series_keys))]
        self._data_key = key
        self.refresh()

    def _plot_partial(self, values: Sequence[float], color: tuple[int, int, int]) -> None:
        """The last segment dotted and the last point an open dot, in the muted colour: the
        figure of a day (or month) still going on, not a drop."""
        last = len(values) - 1
        if last >= 1:
            # One dot per cell along the segment (a braille cell is two dots wide).
            plot_width = max(1, self.size.width - 8)
            cells = max(2, round(plot_width / last))
            steps = [i / cells for i in range(1, cells)]
            start, end = values[last - 1], values[last]
            self.plt.scatter(
                [last - 1 + t for t in steps],
                [start + (end - start) * t for t in steps],
                marker="braille",
                color=color,
            )
        self.plt.scatter([last], [values[last]], marker=PARTIAL_MARKER, color=color)

    def _forget(self, key: int) -> None:
        """Drop the plot named ``key`` (its series has newer figures)."""
        for cache in (self._plots, self._lines):
            for entry in [k for k in cache if k[0] == key]:
                del cache[entry]
        for content in [c for c, k in self._data_keys.items() if k == key]:
            del self._data_keys[content]
        for slot in [s for s, k in self._series_keys.items() if k == key]:
            del self._series_keys[slot]

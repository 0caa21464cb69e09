"""The timeseries chart: one metric over the period, drawn by plotext in the app's colours.

Its parts: the axes' ticks and labels (:mod:`.chart_axis`), the compared series in the
current one's buckets (:mod:`.chart_series`), the legend (:mod:`.chart_legend`), the
plots kept (:mod:`.chart_cache`), and a day by the hour from the record
(:mod:`.chart_hours`); plotext's plot read as text without its ANSI round trip
(:mod:`.chart_text`)."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable, Sequence
from datetime import date, timedelta

from textual.app import RenderResult
from textual.color import Color
from textual.geometry import Size
from textual.strip import Strip
from textual.visual import Visual, visualize
from textual_plotext import PlotextPlot

from krafter_tui.api import TimeseriesPoint
from krafter_tui.ui.widgets.chart_axis import (
    PARTIAL_MARKER,
    axis_label,
    is_monthly,
    partial_label,
    plot_partial,
    tick_labels,
    value_ticks,
)
from krafter_tui.ui.widgets.chart_cache import PlotCache, drawn_content
from krafter_tui.ui.widgets.chart_hours import (
    GAP_LABEL,
    BucketsChanged,
    DayHours,
    buckets_at,
    draw_hours,
)
from krafter_tui.ui.widgets.chart_legend import CURRENT_SYMBOL, legend_forms, longest_fitting
from krafter_tui.ui.widgets.chart_series import ComparedSeries, bucketed_like
from krafter_tui.ui.widgets.chart_text import plot_text

__all__ = [
    "COMPARE_MARKER",
    "CURRENT_SYMBOL",
    "GAP_LABEL",
    "PARTIAL_MARKER",
    "TimeseriesChart",
    "is_monthly",
    "tick_labels",
]

# The compared period is a dotted line a character per cell, under the current period's fine
# braille line: told apart by its shape, not only its (muted) colour, so NO_COLOR reads too.
COMPARE_MARKER = "·"


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
        # The compared period's points (None: no comparison), drawn beside the current ones
        # bucket by bucket, and what the legend calls it (None: its dates).
        self.compare: list[TimeseriesPoint] | None = None
        self.compare_label: str | None = None
        self.hours: DayHours | None = None  # a day by the hour, from the record
        self._titled: timedelta | None = None  # the buckets the pane's title names
        self._data_key = 0  # names what is plotted (points, metric, colour, ticks): see replot
        self._set_up_for = Size(0, 0)  # the size the figure in plotext was set up for
        self._cache = PlotCache()  # plots drawn recently, and their lines

    @property
    def _plots(self) -> OrderedDict[tuple[object, ...], RenderResult]:
        """The plots kept, by data, size and theme."""
        return self._cache.plots

    @property
    def _lines(self) -> OrderedDict[tuple[object, ...], list[Strip]]:
        """The plots' lines kept, by data, size, theme and style."""
        return self._cache.lines

    def show(
        self,
        points: Sequence[TimeseriesPoint],
        metric: str,
        *,
        series: Hashable = None,
        today: date | None = None,
        compare: Sequence[TimeseriesPoint] | None = None,
        compare_label: str | None = None,
        hours: DayHours | None = None,
    ) -> None:
        """Plot ``metric`` (pageviews, visitors or visits) of ``points``; with ``hours`` (a
        day by the hour from the record) those, in place of the day's one point.

        ``today`` (the UTC date; None keeps the one given before): a last bucket that holds
        it is not over, and is drawn as such (see :attr:`partial_label`).

        ``compare``: the compared period's points (None: no comparison). They are drawn as a
        second, dotted line in the buckets of ``points`` (:attr:`compared_series`: daily
        rows beside monthly ones are added up into months), bucket ``i`` beside bucket ``i``
        on the current period's axis, under a legend that names both periods:
        ``compare_label`` for the compared one when given, else its dates.

        The same figures again (a background refresh, a poll with nothing new) keep the plot
        already drawn: plotext and Textual's line rendering are the costliest paint there is.
        ``series`` names what the points are of (e.g. site and period): a new plot of a series
        replaces the kept plot of its older figures, so polls of live data do not fill the
        cache with plots nobody will see again.
        """
        points = list(points)
        compared = list(compare) if compare is not None else None
        today = today or self.today
        same = (
            points == self.points
            and metric == self.metric
            and self.has_data
            and today == self.today
            and compared == self.compare
            and compare_label == self.compare_label
            and hours == self.hours
        )
        self.hours = hours
        self._titled = buckets_at(hours, self.size.width)  # the caller titles the pane now
        self.points = points
        self.metric = metric
        self.series = series
        self.today = today
        self.compare = compared
        self.compare_label = compare_label
        self.has_data = True
        if not same:
            self.replot()

    def set_metric(self, metric: str) -> None:
        """Plot ``metric`` of the points already shown (none yet: the next ones), compared
        points included."""
        self.show(
            self.points,
            metric,
            series=self.series,
            compare=self.compare,
            compare_label=self.compare_label,
            hours=self.hours,
        )

    @property
    def partial(self) -> bool:
        """Whether the last bucket holds today, so its figure is only what came in so far."""
        return self.partial_label is not None

    @property
    def partial_label(self) -> str | None:
        """``today so far`` (or ``Dec so far`` for months) when the last bucket is not over."""
        return partial_label([p.date for p in self.points], self.today)

    @property
    def compared_series(self) -> ComparedSeries | None:
        """The compared period in the buckets of the current one (None: no comparison)."""
        if self.compare is None:
            return None
        return bucketed_like(self.compare, [p.date for p in self.points])

    def compared_values(self) -> list[int] | None:
        """The compared figures of the metric shown, one per bucket of the current series at
        most; None when they cannot be shown in its buckets (or nothing is compared)."""
        series = self.compared_series
        values = None if series is None else series.values(self.metric)
        return None if values is None else values[: max(len(self.points), 1)]

    @property
    def legend(self) -> tuple[str, ...]:
        """What the legend says when comparing, longest first (see :func:`legend_forms`)."""
        dates = [p.date for p in self.points]
        return legend_forms(dates, self.compared_series, self.compare_label)

    def legend_line(self, width: int) -> str:
        """The longest form of :attr:`legend` that fits ``width`` cells (the last cut)."""
        return longest_fitting(self.legend, width)

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
        if self.size != self._set_up_for:
            # Drawn at a size the figure was not set up for (the first layout gives the size
            # after the figures came; on_resize only follows the paint): set up for this one,
            # so the plot is not built once with the old ticks and again a moment later.
            self._set_up()
        key = (self._data_key, self.size, self.app.theme)
        return self._cache.plot(key, lambda: plot_text(self))

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
        if self.size != self._set_up_for:
            self._set_up()

        def make() -> list[Strip]:
            visual = visualize(self, self.render(), markup=False)
            return Visual.to_strips(self, visual, width, height, style)

        lines = self._cache.lines_of((self._data_key, self.size, self.app.theme, style), make)
        if 0 <= y < len(lines):
            return lines[y]
        return Strip.blank(width, style.rich_style)

    def on_mount(self) -> None:
        """Redraw in the new colours when the app's theme changes."""
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.replot())

    def on_resize(self) -> None:
        """Tick labels depend on the width (a plot set up for this size is not drawn again)."""
        if self.size != self._set_up_for:
            self.replot()

    def replot(self) -> None:
        """Rebuild the plot from the current points, metric, size and theme."""
        self._set_up()
        self.refresh()

    def _set_up(self) -> None:
        """Hand plotext the figure for the current points, metric, size and theme, and name
        it (:attr:`_data_key`)."""
        self._set_up_for = self.size
        if (now := buckets_at(self.hours, self.size.width)) != self._titled:  # resized: say so
            self._titled = now
            self.post_message(BucketsChanged())
        primary = Color.parse(self.app.theme_variables.get("primary", "#0178d4"))
        content = self._draw_figure(primary)
        slot = None
        if self.series is not None:
            # Compared and not: two plots of one series, both kept (comparison toggles back).
            slot = (self.series, self.metric, primary.rgb, self.size, self.compare is not None)
        self._data_key = self._cache.name(content, slot)

    def _draw_figure(self, primary: Color) -> tuple[object, ...]:
        """Hand plotext the figure for the current points, metric and size, its line in
        ``primary``; return what it draws (the content that names the plot)."""
        plt = self.plt
        if self.hours is not None:  # a day by the hour, from the record
            self.line_color = primary.rgb
            return draw_hours(
                plt, self.hours, self.metric, self.size, primary, self.partial_color()
            )
        plt.clear_data()
        plt.clear_figure()
        dates = [p.date for p in self.points]
        values = [getattr(p, self.metric) for p in self.points]
        compared = self.compared_values() or []
        partial = self.partial
        muted = self.partial_color()
        if values:
            self.line_color = primary.rgb
            xs = list(range(len(values)))
            if compared:  # first, so the current line is drawn over it where they cross
                xs_compared = list(range(len(compared)))
                plt.plot(xs_compared, compared, marker=COMPARE_MARKER, color=muted.rgb)
            whole = len(values) - 1 if partial else len(values)
            if whole:
                plt.plot(xs[:whole], values[:whole], marker="braille", color=primary.rgb)
            if partial:
                plot_partial(plt, values, muted.rgb, self.size.width)
            positions, labels = tick_labels(dates, self.size.width)
            plt.xticks([float(p) for p in positions], labels)
            top = max(values + compared) * 1.05 or 1
            ticks = value_ticks(top, self.size.height - 3)
            plt.yticks(ticks, [axis_label(t) for t in ticks])
            plt.ylim(0, top)
        title = self.legend_line(self.size.width - 2) if values else ""
        plt.title(title)
        # The tick labels were fitted to this width; the plot is drawn at the size of the
        # moment, which a resize changes before on_resize plots again.
        return (
            drawn_content(values, compared, dates, title, self.size),
            self.metric,
            primary.rgb,
            muted.rgb,
            partial,
            self.size,
            None if self.compare is None else tuple(self.compare),
            self.compare_label,
        )

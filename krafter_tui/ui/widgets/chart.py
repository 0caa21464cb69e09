"""The timeseries chart: one metric over the period, drawn by plotext in the app's colours."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable, Sequence
from datetime import date

from textual.app import RenderResult
from textual.color import Color
from textual.geometry import Size
from textual.strip import Strip
from textual.visual import Visual, visualize
from textual_plotext import PlotextPlot

from krafter_tui.api import TimeseriesPoint
from krafter_tui.ui.widgets.chart_axis import (
    axis_label,
    is_monthly,
    partial_label,
    span_label,
    tick_labels,
    value_ticks,
)
from krafter_tui.ui.widgets.chart_series import ComparedSeries, bucketed_like

__all__ = [
    "COMPARE_MARKER",
    "CURRENT_SYMBOL",
    "PARTIAL_MARKER",
    "TimeseriesChart",
    "is_monthly",
    "tick_labels",
]

PLOTS_KEPT = 32  # plots (and their lines) kept: a few sites × periods × metrics
PARTIAL_MARKER = "○"  # the last point when its day or month is not over: an open dot
# The compared period is a dotted line a character per cell, under the current period's fine
# braille line: told apart by its shape, not only its (muted) colour, so NO_COLOR reads too.
COMPARE_MARKER = "·"
CURRENT_SYMBOL, COMPARE_SYMBOL = "━", "···"  # how the legend draws the two lines
#: What the legend says when the compared line cannot be drawn in the current buckets
#: (visitors of days merged into months), longest first.


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
        self._data_key = 0  # names what is plotted (points, metric, colour, ticks): see replot
        self._data_keys: OrderedDict[tuple[object, ...], int] = OrderedDict()
        self._series_keys: dict[tuple[object, ...], int] = {}  # newest plot of each series
        self._keys_made = 0
        self._set_up_for = Size(0, 0)  # the size the figure in plotext was set up for
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
        compare: Sequence[TimeseriesPoint] | None = None,
        compare_label: str | None = None,
    ) -> None:
        """Plot ``metric`` (pageviews, visitors or visits) of ``points``.

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
        )
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
        """What the legend says when comparing, longest first (empty: no comparison):
        ``━ Oct 27–Nov 26  ··· Sep 26–Oct 26``, then the compared line alone. The compared
        span is said in the current one's buckets (``Dec '24–Dec '25`` beside months); a
        compared line that cannot be drawn in them says so."""
        series = self.compared_series
        if series is None:
            return ()
        dates = [p.date for p in self.points]
        compared = list(series.dates)
        # A year apart, the two spans would read the same without their years.
        year = bool(dates and compared and dates[-1].year != compared[-1].year)
        current = span_label(dates, year=year)
        other = self.compare_label or span_label(compared, year=year) or "compared"
        forms = [f"{COMPARE_SYMBOL} {other}"]
        if current:
            forms.insert(0, f"{CURRENT_SYMBOL} {current}  {forms[0]}")
        return tuple(forms)

    def legend_line(self, width: int) -> str:
        """The longest form of :attr:`legend` that fits ``width`` cells (the last cut)."""
        forms = self.legend
        for form in forms:
            if len(form) <= width:
                return form
        return forms[-1][: max(0, width - 1)] + "…" if forms else ""

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
        if self.size != self._set_up_for:
            self._set_up()
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
        self._set_up()
        self.refresh()

    def _set_up(self) -> None:
        """Hand plotext the figure for the current points, metric, size and theme, and name
        it (:attr:`_data_key`)."""
        self._set_up_for = self.size
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        dates = [p.date for p in self.points]
        values = [getattr(p, self.metric) for p in self.points]
        compared = self.compared_values() or []
        primary = Color.parse(self.app.theme_variables.get("primary", "#0178d4"))
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
                self._plot_partial(values, muted.rgb)
            positions, labels = tick_labels(dates, self.size.width)
            plt.xticks([float(p) for p in positions], labels)
            top = max(values + compared) * 1.05 or 1
            ticks = value_ticks(top, self.size.height - 3)
            plt.yticks(ticks, [axis_label(t) for t in ticks])
            plt.ylim(0, top)
        title = self.legend_line(self.size.width - 2) if values else ""
        plt.title(title)
        # The tick labels were fitted to this width; the plot is drawn at the size of the
        # moment, which a resize changes before on_resize plots again. The same content gets
        # the same small key back, so the caches below find a plot drawn before; a key made of
        # the points themselves would be hashed for every line of every paint.
        content = (
            self._drawn(values, compared, dates, title),
            self.metric,
            primary.rgb,
            muted.rgb,
            partial,
            self.size,
            None if self.compare is None else tuple(self.compare),
            self.compare_label,
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
            # Compared and not: two plots of one series, both kept (comparison toggles back).
            slot = (self.series, self.metric, primary.rgb, self.size, self.compare is not None)
            older = self._series_keys.get(slot)
            if older is not None and older != key:
                self._forget(older)
            self._series_keys[slot] = key
            while len(self._series_keys) > 4 * PLOTS_KEPT:  # slots of plots long evicted
                del self._series_keys[next(iter(self._series_keys))]
        self._data_key = key

    def _drawn(
        self, values: list[int], compared: list[int], dates: list[date], title: str
    ) -> tuple[object, ...]:
        """What the plot draws: each point's dot row, the axes' ticks and labels, the title.

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
        rows = max(1, self.size.height * 4)

        def dots(figures: Sequence[float]) -> tuple[int, ...]:
            return tuple(round(figure / top * rows) for figure in figures)

        ticks = value_ticks(top, self.size.height - 3)
        labels = tuple(axis_label(t) for t in ticks)
        x_ticks = tick_labels(dates, self.size.width)
        return (dots(values), dots(compared), dots(ticks), labels, repr(x_ticks), title)

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

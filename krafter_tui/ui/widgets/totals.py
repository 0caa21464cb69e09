"""The totals pane: pageviews, visitors and visits with the change against the previous period
(or, comparing, the compared period's figures and the change against them)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Container
from textual.widgets import Static

from krafter_tui.api import Totals
from krafter_tui.feeds.model import METRICS
from krafter_tui.feeds.so_far import SoFar, like_with_like, so_far_change, vs_words
from krafter_tui.text.numbers import grouped
from krafter_tui.ui.widgets.figure import BigFigure
from krafter_tui.ui.widgets.fitting import fitting_size
from krafter_tui.ui.widgets.fonts import FONTS, Font, fitting_font, inner_gap
from krafter_tui.ui.widgets.pane import Pane

__all__ = ["METRICS", "TotalsPanel"]


LABEL_GAP = 1  # cells between a label and its figure in rows
CHANGE_GAP = 2  # cells between a figure and its change mark in rows
METRIC_PADDING = 2  # a column's padding, left and right (styles/app.tcss: .metric)
MIN_APART = 2  # blank cells at least between figures side by side


@dataclass(frozen=True)
class Arrangement:
    """How the three figures are laid out: in ``columns`` (label, figure, change stacked in
    each) or in ``rows`` (label, figure and change side by side in each); the font they fit
    in (None: not even plain text); and whether the change marks are shown."""

    rows: bool
    font: Font | None
    changes: bool = True


def arrange(
    width: int, height: int, labels: list[str], values: list[str], changes: list[str]
) -> Arrangement:
    """The arrangement that draws ``values`` tallest in ``width`` x ``height`` cells with
    every label and change mark whole; columns where both draw them alike. Change marks are
    left out (all of them) only when no arrangement fits them."""
    label_width = max(map(cell_len, labels)) + LABEL_GAP
    change_width = max(map(cell_len, changes), default=0)

    def columns(with_changes: bool) -> Arrangement:
        inner = width // 3 - METRIC_PADDING
        texts = labels + (changes if with_changes else [])
        if height < 3 or any(cell_len(t) > inner for t in texts):
            return Arrangement(False, None, with_changes)
        return Arrangement(False, apart_font(values, inner, height - 2), with_changes)

    def rows(with_changes: bool) -> Arrangement:
        room = width - label_width - (change_width + CHANGE_GAP if with_changes else 0)
        if height < 3:
            return Arrangement(True, None, with_changes)
        # Figures many rows high are stacked a blank row apart (3 of them, 2 blank rows);
        # one-line figures are rows of a list, each with its label.
        stacked = fitting_font(values, room, (height - 2) // 3)
        return Arrangement(True, stacked or fitting_font(values, room, 1), with_changes)

    def size(option: Arrangement) -> int:
        return option.font.height if option.font is not None else -1

    for with_changes in (True, False) if change_width else (False,):
        options = [columns(with_changes), rows(with_changes)]
        best = max(options, key=size)  # the first of equals: columns
        if best.font is not None:
            return best
    return Arrangement(False, None, False)


def apart_font(values: list[str], inner: int, height: int) -> Font | None:
    """The tallest font in which ``values`` fit columns ``inner`` cells wide (each with its
    padding) and still stand apart: the blank between two figures side by side at least
    twice the widest gap inside one (between its digits), and never under MIN_APART."""
    for font in FONTS:
        if font.height > height or fitting_font(values, inner, font.height, (font,)) is None:
            continue
        widest = max(font.width(v) or 0 for v in values)
        apart = max(2 * inner_gap(font, values), MIN_APART)
        if widest + max(apart - METRIC_PADDING, 0) <= inner:
            return font
    return None


class TotalsPanel(Pane):
    """Three figures; the chart's current metric is highlighted.

    The figures are drawn in the tallest font that fits (block digits on a wall screen,
    line digits on a wide one, plain text on a narrow one), in columns or in rows, whichever
    lets them be taller; never cut (see :func:`arrange`).
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("Totals", id=id)
        self.totals: Totals | None = None
        self.previous: Totals | None = None
        self.site_since: date | None = None  # set when the previous period predates the site
        self.so_far: SoFar | None = None  # the period includes today: how far it has run
        self.compare_label: str | None = None  # comparing with the period it names, if set
        self.arrangement = Arrangement(False, None)
        self._changes = ["", "", ""]  # the change marks shown
        # What the change marks may say, longest first: comparing, ``vs 202,630 ▲ 8.3%``,
        # then ``▲ 8.3%`` where the compared figures do not fit; else the one form.
        self._change_forms: list[list[str]] = [self._changes]
        self._directions = ["flat", "flat", "flat"]

    def compose(self) -> ComposeResult:
        with Container(classes="totals-row"):
            for key, label in METRICS:
                with Container(classes="metric", id=f"metric-{key}"):
                    yield Static(Text(label), classes="metric-label")
                    yield BigFigure("…", classes="metric-figure", id=f"figure-{key}")
                    yield Static(Text(""), classes="metric-change", id=f"change-{key}")

    @property
    def values(self) -> list[str]:
        """The figures as shown, pageviews, visitors, visits (``…`` before the first)."""
        if self.totals is None:
            return ["…"] * len(METRICS)
        return [grouped(getattr(self.totals, key)) for key, _ in METRICS]

    def on_resize(self) -> None:
        """Arrange the figures for the new size."""
        self._arrange()

    def _arrange(self) -> None:
        width, height = fitting_size(self)
        labels = [label for _, label in METRICS]
        for changes in self._change_forms:
            chosen = arrange(width, height, labels, self.values, changes)
            if chosen.font is not None and chosen.changes:
                break
        self._show_changes(changes)
        ceiling = chosen.font.height if chosen.font is not None else 0
        values = self.values
        for (key, _), value in zip(METRICS, values, strict=True):
            figure = self.query_one(f"#figure-{key}", BigFigure)
            figure.max_height = ceiling  # the three alike, whatever a column's odd cell
            figure.update(value, values)
        if chosen != self.arrangement:
            self.set_class(chosen.rows, "-rows")
            self.set_class(not chosen.changes, "-no-changes")
            # Stacked figures many rows high: each as tall as its font, a blank row apart.
            self.set_class(chosen.rows and ceiling > 1, "-stacked")
        # In rows, labels and change marks take the width of the widest, the figures the rest.
        widths = {
            "label": max(cell_len(label) for label in labels) + LABEL_GAP,
            "change": max(map(cell_len, self._changes)) + CHANGE_GAP,
        }
        stacked = ceiling if chosen.rows and ceiling > 1 else None
        for key, _ in METRICS:
            metric = self.query_one(f"#metric-{key}")
            current = metric.styles.inline.height  # what this sets, not the stylesheet's
            if (current.value if current is not None else None) != stacked:
                metric.styles.height = stacked  # as tall as the font: blank rows between
            for part, width in widths.items():
                widget = self.query_one(f"#metric-{key} .metric-{part}", Static)
                wanted = width if chosen.rows else None
                current = widget.styles.width
                if (current.value if current is not None else None) != wanted:
                    widget.styles.width = wanted
        self.arrangement = chosen

    def _show_changes(self, changes: list[str]) -> None:
        """Put ``changes`` in the change marks, coloured by the direction of each change."""
        self._changes = changes
        for (key, _), text, direction in zip(METRICS, changes, self._directions, strict=True):
            change = self.query_one(f"#change-{key}", Static)
            if str(change.content) != text:
                change.update(Text(text), layout=False)  # one fixed line: no relayout
            change.set_class(direction == "up", "-up")
            change.set_class(direction == "down", "-down")

    def highlight(self, metric: str) -> None:
        """Mark the metric the chart shows."""
        for key, _ in METRICS:
            self.query_one(f"#metric-{key}").set_class(key == metric, "-current")

    def show(
        self,
        totals: Totals,
        previous: Totals | None,
        *,
        site_since: date | None = None,
        so_far: SoFar | None = None,
        compare_label: str | None = None,
    ) -> None:
        """Show ``totals``; ``previous`` (same length, just before) gives the change marks.

        ``site_since``: the site was added after the previous period began, so the change
        marks compare with a partly empty period; the pane says so. ``so_far``: the period
        includes today, so the figures are what came in so far, and the changes set them
        against the same share of the compared period (:mod:`krafter_tui.feeds.so_far`); the
        pane says that too.

        ``compare_label`` (comparison on): ``previous`` are the compared period's totals,
        which the label names (``Oct 3–Nov 1``); each figure gets the compared one beside
        its change (``vs 202,630 ▲ 8.3%``, so far its same share; ``vs …`` until they came),
        and the hint says what is compared.
        """
        same_since = site_since == self.site_since and so_far == self.so_far
        same = same_since and compare_label == self.compare_label
        if totals == self.totals and previous == self.previous and same:
            self.totals, self.previous = totals, previous
            self.mark_ok()
            return
        self.totals = totals
        self.previous = previous
        self.site_since = site_since
        self.so_far = so_far
        self.compare_label = compare_label
        changes, compared = [], []
        for index, (key, _) in enumerate(METRICS):
            value = getattr(totals, key)
            before = getattr(previous, key) if previous is not None else None
            text, self._directions[index] = so_far_change(value, before, so_far)
            changes.append(text)
            # The compared figure beside the change is the one it was reckoned against.
            against = like_with_like(before, so_far)
            compared.append(f"vs {'…' if against is None else grouped(against)} {text}".rstrip())
        self._change_forms = [changes] if compare_label is None else [compared, changes]
        self._arrange()
        since = f" · site added {site_since:%b %Y}" if site_since is not None else ""
        if compare_label is not None:
            self.set_hint(f"{vs_words(compare_label, so_far)}{since}")
        elif previous is None:
            self.set_hint("so far" if so_far is not None else "")
        elif site_since is not None:
            self.set_hint(f"{vs_words('previous', so_far)}{since}")
        else:
            words = vs_words("previous period", so_far)
            self.set_hint(words if so_far is not None else f"change {words}")
        self.mark_ok()

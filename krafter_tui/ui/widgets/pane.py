"""A bordered dashboard pane that knows whether its data is loading, fresh, or failed."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from rich.text import Text
from textual import events
from textual.app import App
from textual.containers import Vertical
from textual.content import Content
from textual.timer import Timer
from textual.widgets import DataTable

__all__ = ["DIM_AFTER", "MARK_AFTER", "Pane", "fit_label", "painted_once", "restyled_once"]

# The old content dims only once the wait is noticeable: an answer within this many seconds
# replaces it without a flash of dimming (and without repainting every line twice).
DIM_AFTER = 0.15
DIM_OPACITY = 0.6  # of the old content, dimmed
# The loading mark itself waits this long: answers that come back sooner (most, on a good
# connection) replace the old content with no paint of the marks in between.
MARK_AFTER = 0.1
# Classes that style the pane's own border only (styles/app.tcss keeps it so; a test checks):
# toggling one restyles the pane alone, not the tables, digits and chart inside it.
BORDER_CLASSES = frozenset({"-loading", "-stale", "-error"})
SEPARATOR = " · "  # between the parts of a title or mark; a part is kept or dropped whole
# A border label has the border's width less its two corners and the "─ " / " ─" beside them.
LABEL_GUTTER = 6


class _Restyles:
    """The panes whose classes changed inside :func:`restyled_once`, each with whether what is
    inside it needs restyling too (else its border alone)."""

    depth = 0
    held: dict[Pane, bool] = {}  # one batch at a time: the UI runs on one thread


@contextmanager
def restyled_once() -> Iterator[None]:
    """Restyle each pane once, at the end, for every class it gained or lost inside.

    Textual restyles a node and everything inside it at each class change. A round of answers
    clears a pane's loading mark and may arrange it anew (the totals twice: for the stats,
    then for the compared period): several restyles of the same digits and tables, where the
    last state alone is drawn.
    """
    _Restyles.depth += 1
    try:
        yield
    finally:
        _Restyles.depth -= 1
        if not _Restyles.depth:
            held, _Restyles.held = _Restyles.held, {}
            # Not skipped when the classes end as they began: what is inside may have
            # restyled itself meanwhile, under the classes of the moment.
            for pane, inside in held.items():
                if pane.is_attached:
                    pane.restyle(inside=inside)


@contextmanager
def painted_once(app: App[object]) -> Iterator[None]:
    """One paint (Textual's batch) and one restyle of each pane for everything inside."""
    with app.batch_update(), restyled_once():
        yield


def fit_label(label: Content, room: int) -> Content:
    """``label`` whole when it fits ``room`` cells, else with whole `` · `` parts dropped from
    the end; only a first part too long on its own is cut (with an ellipsis)."""
    if label.cell_length <= room:
        return label
    plain = label.plain
    cut = plain.rfind(SEPARATOR)
    while cut > 0:
        shorter = label[:cut]
        if shorter.cell_length <= room:
            return shorter
        cut = plain.rfind(SEPARATOR, 0, cut)
    return label.truncate(max(room, 1), ellipsis=True)


class Pane(Vertical):
    """A titled box around one part of the dashboard.

    The pane keeps its last good content while new data loads (a mark in the bottom border
    after :data:`MARK_AFTER`, the content dimmed after :data:`DIM_AFTER`) and shows errors in
    its bottom border in the error colour.
    """

    can_focus = False
    _titles: tuple[Content, ...] = ()
    _subtitle_label: Content | None = None

    def __init__(self, title: str, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.border_title = title
        self._error: str | None = None
        self._loading = False
        self._hint = ""
        self._note: str | None = None
        self._subtitle: str | None = None
        self._shorter: tuple[str, ...] = ()  # the hint's shorter forms
        self._dim_timer: Timer | None = None
        self._mark_timer: Timer | None = None
        self._border_only = False
        self.key_hints = True  # off on wall screens (kiosk), where nobody is at the keyboard

    # Textual draws the border labels from these two attributes at every paint, at the width
    # of the moment: fitted here, a resize never shows a label cut mid-word.

    @property
    def _border_title(self) -> Content | None:
        return self._fitted(self._titles)

    @_border_title.setter
    def _border_title(self, title: Content | None) -> None:
        self._titles = () if title is None else (title,)

    @property
    def _border_subtitle(self) -> Content | None:
        if self._subtitle_label is None:
            return None
        # The hint's shorter forms, while the hint is what the border shows.
        shorter = self._shorter if self._subtitle == self._hint else ()
        return self._fitted((self._subtitle_label, *(Content(s) for s in shorter)))

    @_border_subtitle.setter
    def _border_subtitle(self, subtitle: Content | None) -> None:
        self._subtitle_label = subtitle

    def _fitted(self, labels: Sequence[Content]) -> Content | None:
        if not labels:
            return None
        width = self.outer_size.width
        if width <= 0:  # not laid out yet
            return labels[0]
        room = width - LABEL_GUTTER
        for label in labels[:-1]:
            if label.cell_length <= room:
                return label
        return fit_label(labels[-1], room)

    def set_title(self, *titles: str | Text) -> None:
        """The title, and shorter forms of it for narrower panes (longest first); the last
        is shortened further by dropping `` · `` parts. Server text must come as ``Text``."""
        self._titles = tuple(
            Content.from_rich_text(t) if isinstance(t, Text) else Content(t) for t in titles
        )
        self.refresh()

    def on_mount(self) -> None:
        """No cursor row until a table gets the focus."""
        self._show_cursors()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Only the table with the focus shows its cursor row: two rows would both look
        selected (the breakdown's and the events')."""
        self._show_cursors()

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        """See :meth:`on_descendant_focus`."""
        self._show_cursors()

    def _show_cursors(self) -> None:
        for table in self.query(DataTable):
            table.show_cursor = table.has_focus

    @property
    def error(self) -> str | None:
        """The error shown in the border, if any."""
        return self._error

    def set_hint(self, hint: str, *shorter: str, keys: bool = False) -> None:
        """A short right-aligned note in the bottom border (``shorter``: its shorter forms
        for a narrower pane, longest first); ``keys`` marks a hint that names keys (e.g.
        ``m metric``), left out when :attr:`key_hints` is off."""
        self._hint = "" if keys and not self.key_hints else hint
        self._shorter = shorter
        self._update_subtitle()

    def set_note(self, note: str | None) -> None:
        """A note in the bottom border in place of the hint, e.g. ``stale · 3m old``."""
        if note != self._note:
            self._note = note
            self._update_subtitle()

    def set_border_class(self, add: bool, *names: str) -> None:
        """Add or remove classes of :data:`BORDER_CLASSES`, restyling only the pane itself.

        Textual restyles a node and everything inside it on any class change; a DataTable
        inside then drops every rendered cell. These classes change the border alone.
        """
        assert BORDER_CLASSES.issuperset(names), names
        self._border_only = True
        try:
            self.set_class(add, *names)
        finally:
            self._border_only = False

    def update_node_styles(self, animate: bool = True) -> None:
        """Restyle the pane, and what is inside it unless only a border class changed (once
        at the end of :func:`restyled_once`, inside one)."""
        if _Restyles.depth:
            _Restyles.held[self] = _Restyles.held.get(self, False) or not self._border_only
        else:
            self.restyle(inside=not self._border_only, animate=animate)

    def restyle(self, *, inside: bool, animate: bool = True) -> None:
        """Apply the stylesheet to the pane, and to what is inside it with ``inside``."""
        if inside:
            super().update_node_styles(animate)
        else:
            self.app.stylesheet.update_nodes([self], animate=animate)

    def mark_loading(self, loading: bool = True) -> None:
        """Mark the border after :data:`MARK_AFTER`, and dim the old content after
        :data:`DIM_AFTER`, while fresh data is on its way (unless it arrives first)."""
        self._loading = loading
        self._undim()
        if loading:
            self._mark_timer = self.set_timer(MARK_AFTER, self._show_loading, name="loading")
            self._dim_timer = self.set_timer(DIM_AFTER, self._dim, name="dim")
        else:
            self.set_border_class(False, "-loading")
            self._update_subtitle()

    def _show_loading(self) -> None:
        self._mark_timer = None
        if self._loading:
            self.set_border_class(True, "-loading")
            self._update_subtitle()

    def _dim(self) -> None:
        self._dim_timer = None
        if self._loading:
            self._set_dimmed(True)

    def _set_dimmed(self, dimmed: bool) -> None:
        """Dim what is inside the pane (its children), or not: their own opacity, set on them.

        A class the stylesheet reaches inside with would restyle the pane and everything in
        it (the totals' fourteen widgets, a table dropping its rendered cells) twice a switch:
        dimmed while the requests are out, undimmed in the paint of the answers.
        """
        if self.has_class("-dimmed") == dimmed:
            return
        self.set_class(dimmed, "-dimmed", update=False)  # a mark: no rule uses it
        for child in self.children:
            child.styles.opacity = DIM_OPACITY if dimmed else None

    def _undim(self) -> None:
        for timer in (self._mark_timer, self._dim_timer):
            if timer is not None:
                timer.stop()
        self._mark_timer = self._dim_timer = None
        self._set_dimmed(False)

    def mark_ok(self) -> None:
        """Fresh data arrived: clear loading and error marks."""
        self._error = None
        self._loading = False
        self._undim()
        self.set_border_class(False, "-loading", "-error")
        self._update_subtitle()

    def mark_error(self, message: str) -> None:
        """Show ``message`` in the border; the last good content stays visible."""
        if message == self._error and self.has_class("-error"):
            return
        self._error = message
        self._loading = False
        self._undim()
        self.set_border_class(False, "-loading")
        self.set_border_class(True, "-error")
        self._update_subtitle()

    def _update_subtitle(self) -> None:
        # Only touch the border when its text changes: the dashboard re-marks panes every
        # second while something is wrong, and a repaint per second is not free.
        if self._error is not None:
            text, style = f"⚠ {self._error}", "bold"
        elif self._loading and self.has_class("-loading"):
            text, style = "⟳ loading…", ""
        elif self._note:
            text, style = f"⚠ {self._note}", ""
        else:
            text, style = self._hint, ""
        if text == self._subtitle:
            return
        self._subtitle = text
        self.border_subtitle = Text(text, style=style) if text else None

"""The dashboard's sizes before its first paint, so that the first frame is the last one.

Textual gives a widget its size at the screen's first layout, paints at once, and only then
tells the widgets (``Resize``) and applies the screen's breakpoint classes. Panes that fit
what they show to their size (the totals' font, the tables' column widths, the footer's key
groups) and were filled before that layout (the launch's early answers arrive before it)
would fit again and paint a second and a third frame. Here the screen is laid out once
beforehand, in a compositor of its own, with its breakpoint classes set: each widget learns
the size the first layout will give it (:func:`~krafter_tui.ui.widgets.fitting.fitting_size`),
the panes are filled at that size, and the first layout finds nothing to fit again.
"""

from __future__ import annotations

from typing import Any

from textual._compositor import Compositor
from textual.geometry import Size
from textual.screen import Screen

from krafter_tui.ui.dashboard.selection import SelectionScreen
from krafter_tui.ui.widgets.fitting import expect_size
from krafter_tui.ui.widgets.key_footer import KeyFooter

__all__ = ["FirstFrame", "breakpoint_classes", "expect_first_layout"]

BATCH_RETRY = 0.017  # seconds: about a frame at 60 frames a second


def breakpoint_classes(screen: Screen[Any], size: Size) -> dict[str, bool]:
    """The screen's breakpoint classes at ``size``, each on or off, as Textual's
    ``Screen._on_resize`` sets them (the screen's own breakpoints, else the app's)."""
    app = screen.app
    own_horizontal, own_vertical = screen.HORIZONTAL_BREAKPOINTS, screen.VERTICAL_BREAKPOINTS
    horizontal = (app.HORIZONTAL_BREAKPOINTS if own_horizontal is None else own_horizontal) or []
    vertical = (app.VERTICAL_BREAKPOINTS if own_vertical is None else own_vertical) or []
    classes = {name: False for _, name in (*horizontal, *vertical)}
    for dimension, breakpoints in ((size.width, horizontal), (size.height, vertical)):
        reached = [(at, name) for at, name in breakpoints if dimension >= at]
        if reached:
            classes[max(reached)[1]] = True
    return classes


def expect_first_layout(screen: Screen[Any], size: Size) -> None:
    """Set ``screen``'s breakpoint classes for ``size`` and tell each of its widgets the
    content size its first layout at ``size`` will give it. Called from the screen's
    ``on_mount``; the screen's own first layout then runs as usual (every widget new to it,
    shown and told its size)."""
    wanted = breakpoint_classes(screen, size)
    if any(screen.has_class(name) != on for name, on in wanted.items()):
        for name, on in wanted.items():  # one restyle for them all (textual 8.2.0 has no
            screen.set_class(on, name, update=False)  # update_classes)
        screen.update_node_styles(animate=False)
    # Textual's rack of toasts, hidden while there are none: Textual hides it a moment after
    # the first paint, which lays the screen out and paints it again.
    for rack in screen.query("#textual-toastrack"):
        rack.display = False
    scratch = Compositor()
    # The compositor lays out mounted widgets only: the children are, and Textual marks the
    # screen itself mounted as soon as its on_mount returns.
    mounted, screen._is_mounted = screen._is_mounted, True
    try:
        scratch.reflow(screen, size)
    finally:
        screen._is_mounted = mounted
    for widget, geometry in scratch.layers:
        expect_size(widget, geometry.region.shrink(widget.styles.gutter).size)


class FirstFrame(SelectionScreen):
    """The dashboard's first frame drawn once, whole, at its final sizes."""

    _held = False  # a frame Textual would have drawn and dropped waits for the app's batch

    async def fit_first_frame(self) -> None:
        """Before the feeds start (the launch's early answers are shown as they start): the
        sizes of the first layout, the panes fitted to them, and the footer's keys composed
        (Textual's footer composes them after the first paint, then paints again)."""
        expect_first_layout(self, self.app.size)
        panes = self.panes
        panes.totals.on_resize()
        for breakdown in panes.breakdowns:
            breakdown.on_resize()
        panes.events.on_resize()
        await self.query_one(KeyFooter).show_keys()

    def _compositor_refresh(self) -> None:
        # Inside the app's batch (Textual's start-up holds one while the screen may lay itself
        # out) Textual renders the frame and drops it, and what it had to draw is lost: the
        # first layout's whole screen would then reach the terminal only piece by piece. Keep
        # it for the frame right after the batch.
        if self.app._batch_count and self is self.app.screen:
            if not self._held:
                self._held = True
                self.app.call_later(self._paint_held)
            return
        self._held = False
        super()._compositor_refresh()

    def _paint_held(self) -> None:
        if not self._held or not self.is_current:
            return
        if self.app._batch_count:  # a batch held across awaits (a recompose): look again soon
            self.set_timer(BATCH_RETRY, self._paint_held)
            return
        self._compositor_refresh()

"""A figure drawn in the largest font that fits the space it was given, never cut."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from krafter_tui.ui.widgets.fonts import Font, fitting_font

__all__ = ["BigFigure"]


class BigFigure(Widget):
    """One figure (``224,018``) in block digits, line digits or plain text: whichever is the
    tallest that fits the widget's measured size, decided at every paint.

    ``peers`` are figures shown beside this one (the other totals): the font is chosen so
    that all of them fit, and figures side by side are drawn alike. With ``width: auto`` the
    widget is as wide as the figure in the font that fits its container (within
    ``max-width``); with a fixed width a new figure is a repaint only.
    """

    DEFAULT_CSS = """
    BigFigure {
        width: 1fr;
        height: 1fr;
    }
    """

    def __init__(
        self, value: str = "", *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._value = value
        self._peers: tuple[str, ...] = ()
        self._max_height: int | None = None
        # What get_content_width / get_content_height last answered, and for which sizes.
        self._auto: tuple[int, Size, Size] | None = None
        self._auto_height: tuple[int, Size, int] | None = None

    @property
    def value(self) -> str:
        """The figure shown."""
        return self._value

    @property
    def max_height(self) -> int | None:
        """No font taller than this (None: as tall as fits): figures side by side in spaces
        one cell apart are drawn alike."""
        return self._max_height

    @max_height.setter
    def max_height(self, rows: int | None) -> None:
        if rows != self._max_height:
            self._max_height = rows
            self.refresh(layout=self._height_changed())

    @property
    def texts(self) -> tuple[str, ...]:
        """The figure and its peers: everything the chosen font must fit."""
        return (self._value, *self._peers)

    @property
    def font(self) -> Font | None:
        """The font the figure is drawn in at the current size (None: it does not fit, and
        nothing is drawn)."""
        width, height = self.size
        if self._max_height is not None:
            height = min(height, self._max_height)
        return fitting_font(self.texts, width, height)

    def update(self, value: str, peers: Sequence[str] = ()) -> None:
        """Show ``value`` (drawn in a font that also fits ``peers``)."""
        if value == self._value and tuple(peers) == self._peers:
            return
        self._value = value
        self._peers = tuple(peers)
        relayout = self._height_changed()
        width = self.styles.width
        if width is not None and width.is_auto and self._auto is not None:
            answered, container, viewport = self._auto
            relayout = relayout or self._natural_width(container, viewport) != answered
        self.refresh(layout=relayout)

    def _height_changed(self) -> bool:
        """Whether a new layout is needed for the height (``height: auto`` only)."""
        height = self.styles.height
        if height is None or not height.is_auto or self._auto_height is None:
            return False
        answered, container, width = self._auto_height
        return self._natural_height(container, width) != answered

    def render(self) -> Text:
        """The figure in the font that fits, or nothing at all."""
        font = self.font
        if font is None:
            return Text("")
        lines = font.lines(self._value, bold=bool(self.rich_style.bold))
        align = self.styles.text_align
        justify = align if align in ("left", "center", "right") else "left"
        return Text("\n".join(lines), justify=justify, no_wrap=True, end="")

    def _natural_width(self, container: Size, viewport: Size) -> int:
        budget = container.width
        max_width = self.styles.max_width
        if max_width is not None:
            budget = min(budget, int(max_width.resolve(container, viewport)))
        height = container.height
        own = self.styles.height
        if own is not None and (own.is_cells or own.is_percent):
            height = int(own.resolve(container, viewport))
        font = fitting_font(self.texts, budget, height)
        if font is None:
            return 0
        return max(font.width(t) or 0 for t in self.texts if t)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        """With ``width: auto``: the width of the figure in the font that fits."""
        width = self._natural_width(container, viewport)
        self._auto = (width, container, viewport)
        return width

    def _natural_height(self, container: Size, width: int) -> int:
        height = container.height
        if self._max_height is not None:
            height = min(height, self._max_height)
        font = fitting_font(self.texts, width, height)
        return font.height if font is not None else 1

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """With ``height: auto``: the height of the tallest font that fits ``width``."""
        height = self._natural_height(container, width)
        self._auto_height = (height, container, width)
        return height

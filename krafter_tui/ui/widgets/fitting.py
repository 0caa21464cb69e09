"""The size a widget fits what it shows to: its own once laid out, and before that the size
its screen's first layout will give it (set by the screen: ui/dashboard/first_layout.py).

Panes that choose a font or column widths from their size and are filled before the first
layout (the launch's early answers) would otherwise fit to nothing, and fit again, painting
once more, as soon as Textual tells them their size after the first frame.
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from textual.geometry import Size
from textual.widget import Widget

__all__ = ["expect_size", "fitting_size"]

_EXPECTED: WeakKeyDictionary[Widget, Size] = WeakKeyDictionary()


def expect_size(widget: Widget, size: Size) -> None:
    """Note the content size ``widget``'s first layout will give it."""
    _EXPECTED[widget] = size


def fitting_size(widget: Widget) -> Size:
    """``widget``'s content size; before its first layout, the size expected of it (if any)."""
    size = widget.size
    return size if size else _EXPECTED.get(widget, size)

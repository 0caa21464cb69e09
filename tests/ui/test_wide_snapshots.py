"""SVG snapshots of a wide screen (200x60): two breakdowns side by side, on a desk and on a
wall (kiosk, its rotations off so the picture holds still). Update with ``--snapshot-update``
and look at the pictures before committing them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from krafter_tui.app import KrafterApp

from .test_snapshots import loaded, then

MakeApp = Callable[..., KrafterApp]


def test_wide_desk_shows_two_breakdowns(snap_compare: Any, make_app: MakeApp) -> None:
    assert snap_compare(make_app(), terminal_size=(200, 60), run_before=loaded)


def test_wide_desk_second_breakdown_switched(snap_compare: Any, make_app: MakeApp) -> None:
    assert snap_compare(make_app(), terminal_size=(200, 60), run_before=then("tab", "d"))


def test_wide_wall_shows_two_breakdowns(snap_compare: Any, make_app: MakeApp) -> None:
    app = make_app(kiosk=True, rotate_sites=0.0, rotate_dimensions=0.0)
    assert snap_compare(app, terminal_size=(200, 60), run_before=loaded)

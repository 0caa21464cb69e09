"""SVG snapshots of the room used: at 200x60 two breakdowns side by side, on a desk and on a
wall (kiosk, its rotations off so the picture holds still), and a desk and a wall at 120x40
and 160x48. Update with ``--snapshot-update``
and look at the pictures before committing them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

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


@pytest.mark.parametrize("size", [(120, 40), (160, 48)], ids=["120x40", "160x48"])
@pytest.mark.parametrize("kiosk", [False, True], ids=["desk", "wall"])
def test_room_used_at_each_size(
    snap_compare: Any, make_app: MakeApp, size: tuple[int, int], kiosk: bool
) -> None:
    """Totals apart in their colours, the events pane as tall as its events, the breakdown the
    rest; on a wall, its rotations off so the picture holds still."""
    app = make_app(kiosk=True, rotate_sites=0.0, rotate_dimensions=0.0) if kiosk else make_app()
    assert snap_compare(app, terminal_size=size, run_before=loaded)

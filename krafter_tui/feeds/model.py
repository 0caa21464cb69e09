"""What the dashboard shows and polls: the selection, the feeds, kiosk settings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

from krafter_tui.api import Period, Site

__all__ = ["COMPARE_MODES", "DATA_FEEDS", "FEEDS", "Compare", "Feed", "Kiosk", "Selection"]

#: The three feeds the dashboard polls: stats (totals, chart, breakdown in one request),
#: events and realtime. The site list is polled too but is not a feed of a selection.
Feed = Literal["stats", "events", "realtime"]
FEEDS: Final[tuple[Feed, ...]] = ("stats", "events", "realtime")
#: The feeds whose answers belong to a period (and are cached per selection).
DATA_FEEDS: Final[tuple[Feed, ...]] = ("stats", "events")
#: What the figures are compared with: the period of equal length before (its totals give the
#: change marks in every mode), or the same dates a year before. ``off`` draws no second
#: series; the change marks still compare with the previous period.
Compare = Literal["off", "previous", "year"]
COMPARE_MODES: Final[tuple[Compare, ...]] = ("off", "previous", "year")


@dataclass(frozen=True)
class Selection:
    """The site and period on screen; results for any other selection are dropped."""

    site: Site
    period: Period


@dataclass(frozen=True)
class Kiosk:
    """Wall-screen mode: the sites to rotate through (keys or names; empty: all) and how often
    to move to the next site and the next breakdown dimension (seconds; 0: never); with
    ``overview`` the All sites overview is a stop of the site rotation, after the last site."""

    sites: tuple[str, ...] = ()
    rotate_sites: float = 0.0
    rotate_dimensions: float = 0.0
    overview: bool = False

"""The daily volume model: growth, weekly rhythm, holidays, launch ramps, spikes and noise."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from krafter_tui.demo.profiles import SiteProfile, Spike
from krafter_tui.demo.sampling import rng_for

__all__ = ["HISTORY_DAYS", "DayVolume", "created_at", "day_volume"]

HISTORY_DAYS = 800
"""Days of stored history before the day the server started: two years and two months, so a
``12mo`` view compares with a previous twelve months that has data (for sites that old)."""
GROWTH_DAYS = 400
"""Each site's ``growth`` factor is its growth over the last ``GROWTH_DAYS`` days."""


@dataclass(frozen=True)
class DayVolume:
    """Expected visitors of one day: the regular audience plus each active spike's extra."""

    base: float
    spikes: tuple[tuple[Spike, float], ...] = ()

    @property
    def total(self) -> float:
        """All expected visitors of the day."""
        return self.base + sum(extra for _, extra in self.spikes)


def created_at(profile: SiteProfile, anchor: date) -> datetime:
    """When the site was added to Krafter: ``age_days`` before ``anchor``, mid-morning UTC."""
    minute = sum(map(ord, profile.slug)) % 180
    clock = time(8 + minute // 60, minute % 60, minute % 59, tzinfo=UTC)
    return datetime.combine(anchor - timedelta(days=profile.age_days), clock)


def _holiday(day: date) -> bool:
    return (day.month == 12 and day.day >= 22) or (day.month == 1 and day.day <= 2)


def day_volume(profile: SiteProfile, seed: int, day: date, anchor: date) -> DayVolume:
    """Expected visitors of ``profile`` on ``day``, for a server started on ``anchor``."""
    born = anchor - timedelta(days=profile.age_days)
    if day < born:
        return DayVolume(0.0)
    progress = (day - (anchor - timedelta(days=GROWTH_DAYS))).days / GROWTH_DAYS
    level = profile.visitors * profile.growth**progress
    if profile.ramp_days:
        level *= min(1.0, ((day - born).days + 1) / profile.ramp_days) ** 0.7
    level *= profile.weekly[day.weekday()]
    if _holiday(day):
        level *= profile.holiday_dip
    level *= math.exp(rng_for(seed, profile.slug, "volume", day.toordinal()).gauss(0.0, 0.08))
    spikes = []
    for spike in profile.spikes:
        since = (day - (anchor - timedelta(days=spike.days_ago))).days
        if since >= 0 and (extra := spike.extra * math.exp(-since / spike.decay)) >= 1:
            spikes.append((spike, extra))
    return DayVolume(level, tuple(spikes))

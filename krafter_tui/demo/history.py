"""Daily rollups of the stored history, generated from the site profiles.

History days are stored pre-aggregated (one row per site, day, dimension and value), which is
what makes a 12-month, nine-dimension query cheap. Semantics match the live simulator:

* ``visitors`` are daily-unique (ids rotate at UTC midnight), so a period's visitors are the sum
  of its daily visitors; ``visits`` are sessions; ``pageviews`` are hits.
* Breakdown counts are pageviews, as the Krafter API counts them: a row is the number of
  pageviews with that value. Every pageview has one path, referrer (``(direct)`` when none),
  country, device, browser and OS, so each of those dimensions sums exactly to the day's
  pageviews. UTM rows count only the pageviews of tagged visits, so they sum to less.
"""

from __future__ import annotations

import math
import random
import sqlite3
from collections import defaultdict
from datetime import date, timedelta

from krafter_tui.demo.periods import DIMENSIONS
from krafter_tui.demo.profiles import SiteProfile, Source
from krafter_tui.demo.sampling import Table, poisson, rng_for, split
from krafter_tui.demo.sites import SITES
from krafter_tui.demo.traffic import HISTORY_DAYS, day_volume

__all__ = ["SCHEMA", "build_history"]

SCHEMA = """
CREATE TABLE labels (id INTEGER PRIMARY KEY, dim INTEGER NOT NULL, value TEXT NOT NULL);
CREATE TABLE daily (site INTEGER, day INTEGER, visitors INTEGER, visits INTEGER,
    pageviews INTEGER, PRIMARY KEY (site, day)) WITHOUT ROWID;
CREATE TABLE dim_daily (site INTEGER, dim INTEGER, day INTEGER, label INTEGER,
    pageviews INTEGER, PRIMARY KEY (site, dim, day, label)) WITHOUT ROWID;
CREATE TABLE event_daily (site INTEGER, day INTEGER, name TEXT, total INTEGER,
    uniques INTEGER, revenue REAL, PRIMARY KEY (site, day, name)) WITHOUT ROWID;
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
"""

_DIM = {name: index for index, name in enumerate(DIMENSIONS)}


class _Rows:
    """Accumulates the rows of one build, interning (dimension, value) labels."""

    def __init__(self) -> None:
        self.labels: dict[tuple[int, str], int] = {}
        self.daily: list[tuple[int, int, int, int, int]] = []
        self.dims: list[tuple[int, int, int, int, int]] = []
        self.events: list[tuple[int, int, str, int, int, float | None]] = []

    def dim(self, site: int, day: int, dim: str, pageviews: dict[str, int]) -> None:
        """Store one day's pageviews per value of ``dim`` (values without any are skipped)."""
        code = _DIM[dim]
        for value, count in pageviews.items():
            if count > 0:
                label = self.labels.setdefault((code, value), len(self.labels) + 1)
                self.dims.append((site, code, day, label, count))


def _breakdowns(
    rows: _Rows,
    site: int,
    ordinal: int,
    profile: SiteProfile,
    rng: random.Random,
    parts: list[tuple[Table[Source], Table[str], int]],
) -> None:
    """Store the day's pageviews per value of every dimension.

    ``parts`` are the day's audiences (the regular one, then each spike's) as their source
    table, path table and pageviews. Each pageview gets one source, path, country and platform;
    every split sums exactly to its pageviews, so each dimension adds up to the day's total.
    """
    pages = sum(n for _, _, n in parts)
    source_pages: dict[Source, int] = defaultdict(int)
    path_views: dict[str, int] = defaultdict(int)
    for sources, paths, n in parts:
        for source, k in zip(sources.items, split(rng, n, sources.probs), strict=True):
            source_pages[source] += k
        for path, k in zip(paths.items, split(rng, n, paths.probs), strict=True):
            path_views[path] += k
    countries = split(rng, pages, profile.countries.probs)
    rows.dim(site, ordinal, "country", dict(zip(profile.countries.items, countries, strict=True)))
    platform_pages = split(rng, pages, profile.platforms.probs)
    for dim in ("device", "os", "browser"):
        marginal: dict[str, int] = defaultdict(int)
        for platform, k in zip(profile.platforms.items, platform_pages, strict=True):
            marginal[getattr(platform, dim)] += k
        rows.dim(site, ordinal, dim, marginal)
    for dim in ("referrer", "utm_source", "utm_medium", "utm_campaign"):
        marginal = defaultdict(int)
        for source, k in source_pages.items():
            if (value := getattr(source, dim)) is not None:
                marginal[value] += k
        rows.dim(site, ordinal, dim, marginal)
    rows.dim(site, ordinal, "path", path_views)


def _rollup_day(
    rows: _Rows, site: int, profile: SiteProfile, seed: int, day: date, anchor: date
) -> None:
    rng = rng_for(seed, profile.slug, "day", day.toordinal())
    volume = day_volume(profile, seed, day, anchor)
    ordinal = day.toordinal()
    visitors = poisson(rng, volume.base)
    visits = visitors + round(visitors * (profile.visits_per_visitor - 1) * rng.uniform(0.9, 1.1))
    pages = round(visits * profile.pages_per_visit * math.exp(rng.gauss(0, 0.05)))
    parts = [(profile.sources, profile.paths, pages)]
    for spike, extra in volume.spikes:
        v = poisson(rng, extra)
        s, p = round(v * 1.06), round(v * 1.5)
        visitors, visits, pages = visitors + v, visits + s, pages + p
        parts.append((spike.sources, spike.paths, p))
    if visitors == 0:
        return
    rows.daily.append((site, ordinal, visitors, visits, pages))
    # The breakdowns draw from their own generator, so how they are split never moves the
    # day's totals or events.
    mix = rng_for(seed, profile.slug, "day-breakdowns", ordinal)
    _breakdowns(rows, site, ordinal, profile, mix, parts)
    for event in profile.events:
        uniques = poisson(rng, visitors * event.rate)
        total = uniques + poisson(rng, uniques * (event.repeat - 1))
        if total:
            revenue = sum(rng.choice(event.prices) for _ in range(total)) if event.prices else None
            rows.events.append((site, ordinal, event.name, total, uniques, revenue))


def build_history(conn: sqlite3.Connection, schema: str, seed: int, anchor: date) -> None:
    """Create the history tables in ``schema`` and fill them for the days before ``anchor``."""
    conn.executescript(SCHEMA.replace("CREATE TABLE ", f"CREATE TABLE {schema}."))
    rows = _Rows()
    for site, profile in enumerate(SITES):
        first = max(
            anchor - timedelta(days=HISTORY_DAYS), anchor - timedelta(days=profile.age_days)
        )
        for offset in range((anchor - first).days):
            _rollup_day(rows, site, profile, seed, first + timedelta(days=offset), anchor)
    conn.executemany(
        f"INSERT INTO {schema}.labels VALUES (?, ?, ?)",
        [(label, dim, value) for (dim, value), label in rows.labels.items()],
    )
    conn.executemany(f"INSERT INTO {schema}.daily VALUES (?, ?, ?, ?, ?)", rows.daily)
    conn.executemany(f"INSERT INTO {schema}.dim_daily VALUES (?, ?, ?, ?, ?)", rows.dims)
    conn.executemany(f"INSERT INTO {schema}.event_daily VALUES (?, ?, ?, ?, ?, ?)", rows.events)
    conn.commit()

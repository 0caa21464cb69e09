"""Live traffic: sessions simulated minute by minute from the server's start day up to "now".

Nothing runs in the background. Each request first calls :meth:`LiveTraffic.advance`, which
generates every minute not generated yet up to the current one, from a generator seeded by
(seed, site, minute): the same seed and clock give the same visitors. Rows later than "now"
(the rest of the current minute) are stored but filtered out by the queries.

Each hit (pageview) carries its session's id, so breakdowns count pageviews per value: a hit's
country, device, browser, OS, referrer and UTM tags are those of its session, its path its own.
"""

from __future__ import annotations

import random
import sqlite3
from datetime import UTC, date, datetime

from krafter_tui.demo.profiles import Platform, SiteProfile, Source, Spike
from krafter_tui.demo.sampling import geometric, poisson, rng_for
from krafter_tui.demo.sites import SITES
from krafter_tui.demo.traffic import DayVolume, day_volume

__all__ = ["LIVE_SCHEMA", "TRAFFIC_SHAPES", "LiveTraffic", "traffic_words"]

#: The shapes the demo's live traffic can take (``demo-server --traffic``, the demo dashboard's
#: traffic key), in the order the key cycles them: every site's visitors multiplied by the
#: factor. A spike or a drop is well past the alert rules' defaults (3× and a quarter); quiet
#: is no visitors at all.
TRAFFIC_SHAPES: dict[str, float] = {"normal": 1.0, "spike": 6.0, "drop": 0.1, "quiet": 0.0}


def traffic_words(shape: str) -> str:
    """The shape ``shape`` in words: ``spike (every site's visitors ×6)``."""
    factor = TRAFFIC_SHAPES[shape]
    if shape == "normal":
        return "normal (as simulated)"
    if factor == 0:
        return f"{shape} (no visitors at all)"
    return f"{shape} (every site's visitors ×{factor:g})"


LIVE_SCHEMA = """
CREATE TABLE sessions (id INTEGER PRIMARY KEY, site INTEGER, day INTEGER, visitor INTEGER,
    started REAL, country TEXT, device TEXT, browser TEXT, os TEXT, referrer TEXT,
    utm_source TEXT, utm_medium TEXT, utm_campaign TEXT);
CREATE INDEX sessions_by_day ON sessions (site, day);
CREATE TABLE hits (site INTEGER, day INTEGER, visitor INTEGER, ts REAL, path TEXT,
    session INTEGER);
CREATE INDEX hits_by_ts ON hits (site, ts);
CREATE INDEX hits_by_day ON hits (site, day);
CREATE TABLE events (site INTEGER, day INTEGER, visitor INTEGER, ts REAL, name TEXT,
    revenue REAL);
"""

_Visitor = tuple[int, str, Platform]


class _SiteClock:
    """Generation state of one site: next minute to make and today's visitors."""

    def __init__(self, first_minute: int) -> None:
        self.next_minute = first_minute
        self.day = -1
        self.visitors: list[_Visitor] = []


class LiveTraffic:
    """Generates sessions, hits and events into ``conn`` (tables of :data:`LIVE_SCHEMA`)."""

    def __init__(self, conn: sqlite3.Connection, seed: int, anchor: date) -> None:
        conn.executescript(LIVE_SCHEMA)
        self.conn = conn
        self.seed = seed
        self.anchor = anchor
        start = datetime.combine(anchor, datetime.min.time(), UTC).timestamp()
        self._clocks = [_SiteClock(int(start // 60)) for _ in SITES]
        self._next_visitor = 1
        self._next_session = 1
        #: Each site's traffic multiplier (1: as simulated), applied to minutes not made yet.
        self.multipliers = [1.0] * len(SITES)
        self.shape = "normal"  # the shape of TRAFFIC_SHAPES last given to every site

    def set_shape(self, shape: str) -> None:
        """Give every site the traffic of ``shape`` (a key of :data:`TRAFFIC_SHAPES`) from
        the next minute not generated yet; KeyError for any other."""
        factor = TRAFFIC_SHAPES[shape]
        for site in range(len(SITES)):
            self.set_multiplier(site, factor)
        self.shape = shape

    def set_multiplier(self, site: int, factor: float) -> None:
        """Multiply ``site``'s visitors by ``factor`` from the next minute not generated yet
        (0: no visitors at all): a surge or an outage for tests and demos."""
        if not factor >= 0:
            raise ValueError(f"a traffic multiplier is 0 or more, got {factor!r}")
        self.multipliers[site] = factor

    def advance(self, site: int, now: float) -> None:
        """Generate ``site``'s traffic for every minute up to the one containing ``now``."""
        clock, profile = self._clocks[site], SITES[site]
        sessions: list[tuple[object, ...]] = []
        hits: list[tuple[object, ...]] = []
        events: list[tuple[object, ...]] = []
        last = int(now // 60)
        volume_of_day: dict[int, DayVolume] = {}
        while clock.next_minute <= last:
            minute = clock.next_minute
            clock.next_minute += 1
            day = datetime.fromtimestamp(minute * 60, UTC).date()
            ordinal = day.toordinal()
            if ordinal != clock.day:
                clock.day, clock.visitors = ordinal, []
            if ordinal not in volume_of_day:
                volume_of_day[ordinal] = day_volume(profile, self.seed, day, self.anchor)
            volume = volume_of_day[ordinal]
            hour = (minute // 60) % 24
            rate = volume.total * profile.visits_per_visitor * profile.hours[hour] / 60
            rate *= self.multipliers[site]
            rng = rng_for(self.seed, profile.slug, "minute", minute)
            for _ in range(poisson(rng, rate)):
                spike = None
                if volume.spikes and rng.random() * volume.total > volume.base:
                    spike = volume.spikes[0][0]
                batch = (sessions, hits, events)
                self._session(rng, site, profile, spike, clock, minute * 60.0, batch)
        if sessions:
            with self.conn:
                self.conn.executemany(
                    "INSERT INTO sessions VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", sessions
                )
                self.conn.executemany("INSERT INTO hits VALUES (?,?,?,?,?,?)", hits)
                self.conn.executemany("INSERT INTO events VALUES (?,?,?,?,?,?)", events)

    def _session(
        self,
        rng: random.Random,
        site: int,
        profile: SiteProfile,
        spike: Spike | None,
        clock: _SiteClock,
        minute_start: float,
        batch: tuple[list[tuple[object, ...]], ...],
    ) -> None:
        sessions, hits, events = batch
        sources = spike.sources if spike else profile.sources
        paths = spike.paths if spike else profile.paths
        returning = clock.visitors and rng.random() > 1 / profile.visits_per_visitor
        if returning:
            visitor, country, platform = rng.choice(clock.visitors)
            source = Source() if rng.random() < 0.6 else sources.pick(rng)
        else:
            visitor, self._next_visitor = self._next_visitor, self._next_visitor + 1
            country, platform = profile.countries.pick(rng), profile.platforms.pick(rng)
            clock.visitors.append((visitor, country, platform))
            source = sources.pick(rng)
        started = minute_start + rng.random() * 60
        day = clock.day
        session, self._next_session = self._next_session, self._next_session + 1
        sessions.append(
            (
                session,
                site,
                day,
                visitor,
                started,
                country,
                platform.device,
                platform.browser,
                platform.os,
                source.referrer,
                source.utm_source,
                source.utm_medium,
                source.utm_campaign,
            )
        )
        ts = started
        for _ in range(geometric(rng, profile.pages_per_visit)):
            hits.append((site, day, visitor, ts, paths.pick(rng), session))
            ts += rng.expovariate(1 / 45)
        per_visit = 1 / profile.visits_per_visitor
        for event in profile.events:
            if rng.random() < event.rate * per_visit:
                for _ in range(max(1, round(event.repeat + rng.uniform(-0.5, 0.5)))):
                    revenue = rng.choice(event.prices) if event.prices else None
                    events.append((site, day, visitor, ts, event.name, revenue))

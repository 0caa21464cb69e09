"""The traffic store: stored history plus live sessions in SQLite, queried by aggregation.

Days before the server's start day come from the daily rollups (:mod:`.history`); the start day
and later come from the live session tables (:mod:`.live`), counted up to "now". Both follow the
same semantics, documented in :mod:`.history`. All counts come from SQL ``SUM``/``COUNT``, so
totals, timeseries, breakdowns and events agree for any period: a breakdown row's ``count`` is
the pageviews with that value and its ``percent`` is its share of the period's total pageviews,
so the rows of path, referrer, country, device, browser and OS add up to ``totals.pageviews``.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections import defaultdict
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from krafter_tui.demo.history import build_history
from krafter_tui.demo.live import LiveTraffic
from krafter_tui.demo.periods import DIMENSIONS, Period

__all__ = ["BREAKDOWN_LIMIT", "DATA_VERSION", "REALTIME_WINDOW", "TrafficStore"]

DATA_VERSION = 3
BREAKDOWN_LIMIT = 100
REALTIME_WINDOW = 300.0


def _attach_history(
    conn: sqlite3.Connection, seed: int, anchor: date, cache_dir: Path | None
) -> None:
    """Attach the history as schema ``hist``: from the cache file, built once, or in memory."""
    if cache_dir is None:
        conn.execute("ATTACH DATABASE ':memory:' AS hist")
        build_history(conn, "hist", seed, anchor)
        return
    path = cache_dir / f"demo-v{DATA_VERSION}-seed{seed}-{anchor.isoformat()}.sqlite3"
    if not path.exists():
        cache_dir.mkdir(parents=True, exist_ok=True)
        for stale in cache_dir.glob(f"demo-v*-seed{seed}-*.sqlite3"):
            stale.unlink(missing_ok=True)
        building = sqlite3.connect(":memory:")
        building.execute("ATTACH DATABASE ':memory:' AS hist")
        build_history(building, "hist", seed, anchor)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        building.execute("VACUUM hist INTO ?", (str(partial),))
        building.close()
        os.replace(partial, path)
    conn.execute("ATTACH DATABASE ? AS hist", (path.as_uri() + "?mode=ro&immutable=1",))


class TrafficStore:
    """Answers stats, events and realtime queries for the demo sites (by site index)."""

    def __init__(self, seed: int, anchor: date, cache_dir: Path | None = None) -> None:
        self.conn = sqlite3.connect(":memory:", uri=True, check_same_thread=False)
        _attach_history(self.conn, seed, anchor, cache_dir)
        labels = self.conn.execute("SELECT id, value FROM hist.labels")
        self.labels: dict[int, str] = dict(labels.fetchall())
        self.live = LiveTraffic(self.conn, seed, anchor)
        self.live_from = anchor.toordinal()
        self._lock = threading.Lock()

    def _rows(self, sql: str, *args: Any) -> list[Any]:
        return self.conn.execute(sql, args).fetchall()

    def stats(self, site: int, period: Period, dims: tuple[str, ...], now: float) -> dict[str, Any]:
        """The ``data`` object of the stats endpoint."""
        lo, hi = period.start.toordinal(), period.end.toordinal()
        per_day: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])
        with self._lock:
            self.live.advance(site, now)
            for day, *counts in self._rows(
                "SELECT day, visitors, visits, pageviews FROM hist.daily"
                " WHERE site = ? AND day BETWEEN ? AND ?",
                site,
                lo,
                hi,
            ):
                per_day[day] = counts
            if hi >= self.live_from:
                for day, visitors, visits in self._rows(
                    "SELECT day, COUNT(DISTINCT visitor), COUNT(*) FROM sessions"
                    " WHERE site = ? AND day BETWEEN ? AND ? AND started <= ? GROUP BY day",
                    site,
                    lo,
                    hi,
                    now,
                ):
                    per_day[day][:2] = [visitors, visits]
                for day, pageviews in self._rows(
                    "SELECT day, COUNT(*) FROM hits WHERE site = ? AND day BETWEEN ? AND ?"
                    " AND ts <= ? GROUP BY day",
                    site,
                    lo,
                    hi,
                    now,
                ):
                    per_day[day][2] = pageviews
            pageviews = sum(counts[2] for counts in per_day.values())
            breakdown = self._breakdown(site, lo, hi, dims, now, pageviews) if dims else None
        buckets: dict[date, list[int]] = {bucket: [0, 0, 0] for bucket in period.buckets()}
        for day, counts in per_day.items():
            when = date.fromordinal(day)
            row = buckets[when.replace(day=1) if period.monthly else when]
            for i, count in enumerate(counts):
                row[i] += count
        series = [
            {"date": when.isoformat(), "pageviews": pv, "visitors": v, "visits": s}
            for when, (v, s, pv) in buckets.items()
        ]
        data: dict[str, Any] = {
            "period": {"from": period.start.isoformat(), "to": period.end.isoformat()},
            "totals": {
                key: sum(row[key] for row in series) for key in ("pageviews", "visitors", "visits")
            },
            "timeseries": series,
        }
        if breakdown is not None:
            data["breakdown"] = breakdown
        return data

    def _breakdown(
        self, site: int, lo: int, hi: int, dims: tuple[str, ...], now: float, pageviews: int
    ) -> dict[str, list[dict[str, Any]]]:
        """Pageviews per value of each dimension, with their share of ``pageviews`` (the
        period's total), most viewed first, at most :data:`BREAKDOWN_LIMIT` rows each."""
        counts: dict[str, dict[str, int]] = {dim: defaultdict(int) for dim in dims}
        codes = [DIMENSIONS.index(dim) for dim in dims]
        for code, label, views in self._rows(
            f"SELECT dim, label, SUM(pageviews) FROM hist.dim_daily WHERE site = ?"
            f" AND dim IN ({','.join('?' * len(codes))}) AND day BETWEEN ? AND ?"
            " GROUP BY dim, label",
            site,
            *codes,
            lo,
            hi,
        ):
            counts[DIMENSIONS[code]][self.labels[label]] += views
        if hi >= self.live_from:
            self._count_live(site, lo, hi, now, counts)
        share = 100 / pageviews if pageviews else 0.0
        result = {}
        for dim in dims:
            ranked = sorted(counts[dim].items(), key=lambda item: (-item[1], item[0]))
            result[dim] = [
                {"value": value, "count": count, "percent": round(count * share, 1)}
                for value, count in ranked[:BREAKDOWN_LIMIT]
            ]
        return result

    def _count_live(
        self, site: int, lo: int, hi: int, now: float, counts: dict[str, dict[str, int]]
    ) -> None:
        """Add the live days' pageviews per value to ``counts`` (keyed by dimension)."""
        if "path" in counts:
            for path, views in self._rows(
                "SELECT path, COUNT(*) FROM hits WHERE site = ? AND day BETWEEN ? AND ?"
                " AND ts <= ? GROUP BY path",
                site,
                lo,
                hi,
                now,
            ):
                counts["path"][path] += views
        dims = [dim for dim in counts if dim != "path"]
        if not dims:
            return
        # One pass: each session's pageviews so far, with the session's values; a hit takes
        # its session's country, platform and source.
        for views, *values in self._rows(
            f"SELECT views, {', '.join(dims)} FROM (SELECT session, COUNT(*) AS views FROM hits"
            " WHERE site = ? AND day BETWEEN ? AND ? AND ts <= ? GROUP BY session)"
            " JOIN sessions ON sessions.id = session",
            site,
            lo,
            hi,
            now,
        ):
            for dim, value in zip(dims, values, strict=True):
                if value is not None:
                    counts[dim][value] += views

    def events(self, site: int, period: Period, now: float) -> list[dict[str, Any]]:
        """The ``data`` array of the events endpoint, most frequent first."""
        lo, hi = period.start.toordinal(), period.end.toordinal()
        merged: dict[str, list[Any]] = defaultdict(lambda: [0, 0, None])
        with self._lock:
            self.live.advance(site, now)
            rows = self._rows(
                "SELECT name, SUM(total), SUM(uniques), SUM(revenue) FROM hist.event_daily"
                " WHERE site = ? AND day BETWEEN ? AND ? GROUP BY name",
                site,
                lo,
                hi,
            )
            if hi >= self.live_from:
                rows += self._rows(
                    "SELECT name, COUNT(*), COUNT(DISTINCT visitor), SUM(revenue) FROM events"
                    " WHERE site = ? AND day BETWEEN ? AND ? AND ts <= ? GROUP BY name",
                    site,
                    lo,
                    hi,
                    now,
                )
        for name, total, uniques, revenue in rows:
            entry = merged[name]
            entry[0] += total
            entry[1] += uniques
            if revenue is not None:
                entry[2] = (entry[2] or 0.0) + revenue
        ranked = sorted(merged.items(), key=lambda item: (-item[1][0], item[0]))
        return [
            {
                "event_name": name,
                "total": total,
                "unique_count": uniques,
                "revenue": None if revenue is None else round(revenue, 2),
            }
            for name, (total, uniques, revenue) in ranked
        ]

    def realtime(self, site: int, now: float) -> int:
        """Distinct visitors with a pageview in the last five minutes."""
        with self._lock:
            self.live.advance(site, now)
            (count,) = self.conn.execute(
                "SELECT COUNT(DISTINCT visitor) FROM hits WHERE site = ? AND ts > ? AND ts <= ?",
                (site, now - REALTIME_WINDOW, now),
            ).fetchone()
        return int(count)

    @staticmethod
    def today(now: float) -> date:
        """The UTC date of a Unix timestamp."""
        return datetime.fromtimestamp(now, UTC).date()

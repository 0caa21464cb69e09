"""The record: a local SQLite file of what the dashboard polled, and the questions it answers.

No Textual here. :class:`Record` is made once per API URL and key; every call is synchronous
and short (a few milliseconds: run it in a worker thread) and never raises. A file that is
damaged, of a newer version, or not this user's own puts the record in "not recording"
(:attr:`Record.status`): every call is then a no-op (queries answer "nothing recorded"), and
the file is left as it is. A file locked by another program for longer than the busy timeout
is retried a minute later.

The file: WAL mode (readers never wait; a ``kill -9`` loses nothing committed), a busy timeout
(several processes take turns to write), one transaction per reading, the folder 0700 and the
file 0600. It holds figures under keyed names (:mod:`.filing`), never the API key.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Final, TypeVar

from krafter_tui.api import DateRange, Event, Stats
from krafter_tui.api.shared.private_path import (
    UnsafePathError,
    check_private_file,
    private_folder,
    touch_private_file,
)
from krafter_tui.record import growth, hours, lookups, pruning
from krafter_tui.record.filing import SiteFiling
from krafter_tui.record.migrations import NewerRecordError, migrate
from krafter_tui.record.reading import Reading, events_reading, stats_reading
from krafter_tui.record.writing import site_id, write_reading

if TYPE_CHECKING:
    from krafter_tui.record.wall_readings import WallReadings

__all__ = ["DEFAULT_SIZE_CAP", "Record", "RecordStatus", "default_record_path"]

log = logging.getLogger(__name__)
T = TypeVar("T")

DEFAULT_SIZE_CAP: Final = 64 * 1024 * 1024
RETRY_LOCKED: Final = 60.0  # seconds before a locked file is tried again


def default_record_path() -> Path:
    """``record.sqlite3`` in the user's data folder (platformdirs)."""
    import platformdirs

    return platformdirs.user_data_path("krafter-tui") / "record.sqlite3"


@dataclass(frozen=True)
class RecordStatus:
    """Whether the record is recording; when not, ``reason`` says why in a few words."""

    recording: bool
    reason: str | None = None

    @property
    def text(self) -> str:
        """What the status line says: ``recording`` or ``not recording: <reason>``."""
        return "recording" if self.recording else f"not recording: {self.reason}"


class Record:
    """The record of one API URL and key in the SQLite file at ``path`` (default:
    :func:`default_record_path`). ``clock`` gives Unix seconds (pruning and retries only: a
    reading's time is given with it). With ``shared_cache`` (the wall's shared cache URL) the
    wall's screens keep one record with it (see :mod:`.wall_readings`): a SQLite cache's
    record file sits beside it (unless ``path`` is given); with Redis, readings are written
    there once and replayed into ``path``."""

    def __init__(
        self,
        token: str,
        api_url: str,
        path: Path | None = None,
        *,
        keep_minutes: timedelta = timedelta(hours=48),
        keep_hours: timedelta = timedelta(days=35),
        size_cap: int = DEFAULT_SIZE_CAP,
        busy_timeout: float = 2.0,
        gap: float = hours.DEFAULT_GAP,
        prune_every: float = 600.0,
        clock: Callable[[], float] = time.time,
        shared_cache: str | None = None,
    ) -> None:
        self._filing = SiteFiling(token, api_url)
        self.keep_minutes, self.keep_hours = keep_minutes, keep_hours
        self.size_cap, self.busy_timeout, self.gap = size_cap, busy_timeout, gap
        self.prune_every, self.clock = prune_every, clock
        self._db: sqlite3.Connection | None = None
        self._lock = threading.Lock()
        self._status = RecordStatus(True)
        self._retry_at: float | None = None
        self._next_prune = 0.0
        try:
            self._wall, beside = _wall_of(shared_cache, token, self._filing, keep_minutes, clock)
        except ValueError as exc:  # an unsupported URL (the settings say so before)
            self._wall, beside, self._status = None, None, RecordStatus(False, str(exc))
        self._path = path or beside

    def __repr__(self) -> str:
        return f"Record({self.path}, {self._status.text})"

    @property
    def path(self) -> Path:
        """The record file."""
        if self._path is None:
            self._path = default_record_path()
        return self._path

    @property
    def status(self) -> RecordStatus:
        """Recording, or not and why (a locked file is tried again once its minute is up; a
        Redis that failed, in :data:`.wall_readings.RETRY` seconds)."""
        wall = self._wall.problem if self._wall is not None else None
        return RecordStatus(False, wall) if wall and self._status.recording else self._status

    # Writing

    def add_stats(self, site_key: str, stats: Stats, at: datetime) -> bool:
        """Record a stats answer read at ``at``; False when nothing was recorded (its period
        does not include today, or the record is not recording)."""
        reading = stats_reading(stats, at)
        return reading is not None and self._add(site_key, reading, is_stats=True)

    def add_events(
        self, site_key: str, events: list[Event], period: DateRange, at: datetime
    ) -> bool:
        """Record an events answer for ``period`` (the stats answer's period of the same
        selection, as the events answer does not carry one) read at ``at``."""
        reading = events_reading(events, period, at)
        return reading is not None and self._add(site_key, reading, is_stats=False)

    def _add(self, site_key: str, reading: Reading, is_stats: bool) -> bool:
        name = self._filing.name(site_key)

        def write(db: sqlite3.Connection) -> bool:
            if self._wall is not None:  # once for the wall, then back here with the others
                if not self._wall.put(name, reading, is_stats):
                    return False
                self._wall.replay(db, self.gap, self.clock())
            else:
                db.execute("BEGIN IMMEDIATE")
                try:
                    write_reading(db, name, reading, self.gap, is_stats)
                    db.execute("COMMIT")
                except BaseException:
                    db.execute("ROLLBACK")
                    raise
            now = self.clock()
            if now >= self._next_prune:
                self._next_prune = now + self.prune_every
                pruning.prune(
                    db,
                    reading.at.timestamp(),
                    self.keep_minutes.total_seconds(),
                    self.keep_hours.total_seconds(),
                    self.size_cap,
                    self.prune_every,
                )
            return True

        return self._guard(write, False)

    # Questions

    def today_by_hour(
        self, site_key: str, day: date, now: datetime, tz: tzinfo = UTC
    ) -> hours.TodayByHour:
        """``day`` (a date in ``tz``) by the hour up to ``now``: what each hour added, from when
        it was recorded, and the gaps."""
        return hours.today_by_hour(self.day_points(site_key, day, now, tz), day, now, tz, self.gap)

    def day_points(
        self, site_key: str, day: date, now: datetime, tz: tzinfo = UTC
    ) -> list[hours.Point]:
        """The readings of today's totals from the start of ``day`` (in ``tz``) up to ``now``,
        for spreading into buckets (none when not recording or nothing is recorded)."""

        def ask(db: sqlite3.Connection) -> list[hours.Point]:
            site = site_id(db, self._filing.name(site_key), create=False)
            if site is None:
                return []
            begin = datetime.combine(day, datetime.min.time(), tz).timestamp()
            return lookups.points(db, site, begin, now.timestamp())

        return self._guard(ask, [])

    def same_time_yesterday(self, site_key: str, now: datetime) -> lookups.SoFar | None:
        """Yesterday's totals (UTC day) at this time of day, if yesterday was recorded up to
        then (a reading at most ``gap`` seconds before it); else None."""

        def ask(db: sqlite3.Connection) -> lookups.SoFar | None:
            site = site_id(db, self._filing.name(site_key), create=False)
            return None if site is None else lookups.same_time_yesterday(db, site, now, self.gap)

        return self._guard(ask, None)

    def rising(
        self,
        site_key: str,
        dimension: str,
        now: datetime,
        window: timedelta = timedelta(minutes=30),
    ) -> growth.Rising:
        """``dimension``'s rows by growth over ``window`` (most first), ``+N`` each, ``new``
        for a row not listed an hour before."""
        empty = growth.Rising(dimension, [], None, None, False)

        def ask(db: sqlite3.Connection) -> growth.Rising:
            site = site_id(db, self._filing.name(site_key), create=False)
            if site is None:
                return empty
            return growth.rising(db, site, dimension, now, window.total_seconds(), 3600.0)

        return self._guard(ask, empty)

    def new_sources(
        self,
        site_key: str,
        now: datetime,
        window: timedelta = timedelta(minutes=10),
        baseline: timedelta = timedelta(hours=24),
        at_least: int = 5,
    ) -> list[growth.NewSource]:
        """Referrers and UTM sources absent from the record's last ``baseline`` that sent at
        least ``at_least`` pageviews in the last ``window``."""

        def ask(db: sqlite3.Connection) -> list[growth.NewSource]:
            site = site_id(db, self._filing.name(site_key), create=False)
            if site is None:
                return []
            return growth.new_sources(
                db, site, now, window.total_seconds(), baseline.total_seconds(), at_least
            )

        return self._guard(ask, [])

    def hourly_rows(
        self, site_key: str, since: datetime, until: datetime
    ) -> list[hours.HourCounts]:
        """The recorded UTC hours overlapping ``since``..``until`` (``krafter-tui export
        --what hourly``), each with the seconds of it the record covered."""

        def ask(db: sqlite3.Connection) -> list[hours.HourCounts]:
            site = site_id(db, self._filing.name(site_key), create=False)
            return [] if site is None else lookups.hourly_rows(db, site, since, until)

        return self._guard(ask, [])

    def size(self) -> int:
        """The bytes the record's pages hold (0 when not recording)."""
        return self._guard(pruning.record_size, 0)

    def close(self) -> None:
        """Close the file and any Redis connection (a later call opens them again)."""
        with self._lock:
            self._drop()

    # The file

    def _guard(self, work: Callable[[sqlite3.Connection], T], default: T) -> T:
        with self._lock:
            if not self._status.recording:
                if self._retry_at is None or self.clock() < self._retry_at:
                    return default
                self._status, self._retry_at = RecordStatus(True), None
            try:
                db = self._open()
                if self._wall is not None:  # what the wall's other screens read meanwhile
                    self._wall.replay(db, self.gap, self.clock())
                return work(db)
            except Exception as exc:  # never into the caller: the dashboard goes on
                self._drop()
                self._status, retry = _stopped(exc, self.path)
                self._retry_at = None if retry is None else self.clock() + retry
                return default

    def _drop(self) -> None:
        if self._wall is not None:
            self._wall.close()
        if self._db is not None:
            self._db.close()
            self._db = None

    def _open(self) -> sqlite3.Connection:
        if self._db is not None:
            return self._db
        path = self.path
        private_folder(path.parent)
        touch_private_file(path)  # 0600 before SQLite opens it; -wal and -shm take its mode
        for suffix in ("-wal", "-shm"):
            check_private_file(path.with_name(path.name + suffix))
        db = sqlite3.connect(
            path, timeout=self.busy_timeout, isolation_level=None, check_same_thread=False
        )
        try:
            db.execute("PRAGMA journal_mode = WAL")
            # NORMAL in WAL mode: a crashed process loses nothing committed; only a power cut
            # may lose the last readings, and never corrupts the file.
            db.execute("PRAGMA synchronous = NORMAL")
            # A checkpoint every 256 pages, and the log cut back to 1 MB after it: the file on
            # disk stays near the pages in use (SQLite's default lets the log reach 4 MB).
            db.execute("PRAGMA wal_autocheckpoint = 256")
            db.execute("PRAGMA journal_size_limit = 1048576")
            migrate(db)
        except BaseException:
            db.close()
            raise
        self._db = db
        return db


def _stopped(exc: Exception, path: Path) -> tuple[RecordStatus, float | None]:
    """Why the record stopped on ``exc``, and in how many seconds to try again (None: not
    by itself)."""
    text = str(exc)
    if isinstance(exc, sqlite3.OperationalError) and ("locked" in text or "busy" in text):
        return RecordStatus(False, f"{path} is locked by another program"), RETRY_LOCKED
    if isinstance(exc, sqlite3.DatabaseError):
        return RecordStatus(False, f"{path} is damaged ({text}); it is kept"), None
    if isinstance(exc, (NewerRecordError, UnsafePathError, OSError)):
        return RecordStatus(False, text), None
    log.exception("the record stopped")
    return RecordStatus(False, f"{type(exc).__name__}: {text}"), None


def _wall_of(
    shared_cache: str | None,
    token: str,
    filing: SiteFiling,
    keep: timedelta,
    clock: Callable[[], float],
) -> tuple[WallReadings | None, Path | None]:
    """:func:`~.wall_readings.wall_of`, imported only for a wall (a shared cache is set): the
    shared cache's modules are not loaded for the first frame of a dashboard alone."""
    if not shared_cache:
        return None, None
    from krafter_tui.record.wall_readings import wall_of

    return wall_of(shared_cache, token, filing, keep, clock)

"""Remembers the last site and period per API URL, mode and profile, and the theme picked in
the command palette, between runs (a small JSON file).

A wall screen (kiosk) and a person at the dashboard remember apart, and so does each profile
(:func:`view_key`): a wall does not open on someone's custom range, nor the next start at a
desk on the site the wall had rotated to.

The file is read with :func:`~krafter_tui.local.safe_files.read_small` (a FIFO, a device, a link or
a file over :data:`STATE_LIMIT` is ignored like a damaged one, never waited on or read for
ever) and replaced through a new temporary file that no link can redirect.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import msgspec

from krafter_tui.api import Period, PeriodError, Site
from krafter_tui.local.safe_files import NotASmallFile, create_new, read_small

__all__ = ["LastView", "StateStore", "view_key"]

log = logging.getLogger("krafter_tui")

# The theme's key beside the API URLs' entries (no URL is spelt so; its value is no entry).
THEME = "theme"

#: The largest state file read (a few hundred bytes per API URL ever used).
STATE_LIMIT: Final = 1 << 20


def view_key(api_url: str, *, kiosk: bool = False, profile: str | None = None) -> str:
    """The entry of ``state.json`` for ``api_url`` in a mode and a profile (None: the default
    one). At a desk on the default profile it is the API URL alone, as files of earlier
    versions have it; a wall and other profiles add ``kiosk`` and ``profile NAME``."""
    parts = [api_url]
    if kiosk:
        parts.append("kiosk")
    if profile is not None:
        parts.append(f"profile {profile}")
    return " · ".join(parts)


@dataclass(frozen=True)
class LastView:
    """What the user last looked at."""

    site_key: str | None
    period: Period | None
    site: Site | None = None  # the whole record, so the next launch can start before /sites


class StateStore:
    """Reads and writes ``state.json``; a missing or damaged file just means nothing remembered."""

    def __init__(self, path: Path | None) -> None:
        self.path = path

    @classmethod
    def default(cls) -> StateStore:
        """The store in the user state dir (``$XDG_STATE_HOME/krafter-tui``)."""
        from platformdirs import user_state_path

        return cls(user_state_path("krafter-tui") / "state.json")

    def _read_all(self) -> dict[str, object]:
        if self.path is None:
            return {}
        try:
            data = json.loads(read_small(self.path, STATE_LIMIT).decode("utf-8"))
        except FileNotFoundError:
            return {}
        except NotASmallFile as error:  # a FIFO would block the start, /dev/zero never end
            log.warning("ignoring unreadable state: %s", error)
            return {}
        except (OSError, ValueError, RecursionError, MemoryError) as error:
            # Damaged (or hostile: 100,000 nested arrays) state only means nothing is
            # remembered; the file is rewritten at the next site or period change.
            log.warning("ignoring unreadable %s: %s", self.path, type(error).__name__)
            return {}
        return data if isinstance(data, dict) else {}

    def load(self, api_url: str, *, kiosk: bool = False, profile: str | None = None) -> LastView:
        """The last view for ``api_url`` in the mode (``kiosk`` or at a desk) and ``profile``
        (None: the default); anything unusable in the file is ignored (logged)."""
        try:
            return self._load(view_key(api_url, kiosk=kiosk, profile=profile))
        except Exception as error:  # the state file is a convenience, never a reason to fail
            log.warning("ignoring the state of %s: %s", self.path, type(error).__name__)
            return LastView(None, None)

    def _load(self, key: str) -> LastView:
        entry = self._read_all().get(key)
        if not isinstance(entry, dict):
            return LastView(None, None)
        site = entry.get("site")
        period: Period | None = None
        raw = entry.get("period")
        if isinstance(raw, str):
            try:
                period = Period.parse(raw)
            except PeriodError:
                period = None
        record: Site | None = None
        try:
            record = msgspec.convert(entry.get("site_record"), Site)
        except msgspec.ValidationError:
            record = None
        if record is not None and record.site_key != site:
            record = None
        return LastView(site if isinstance(site, str) else None, period, record)

    def save(
        self,
        api_url: str,
        site: Site,
        period: Period,
        *,
        kiosk: bool = False,
        profile: str | None = None,
    ) -> None:
        """Remember ``site`` and ``period`` for ``api_url`` in the mode and ``profile`` (see
        :meth:`load`); failures are not fatal."""
        if self.path is None:
            return
        data = self._read_all()
        data[view_key(api_url, kiosk=kiosk, profile=profile)] = {
            "site": site.site_key,
            "period": str(period),
            "site_record": msgspec.to_builtins(site),
        }
        self._write(data)

    def theme(self) -> str | None:
        """The theme last picked (None: none remembered, or the file is unreadable)."""
        name = self._read_all().get(THEME)
        return name if isinstance(name, str) else None

    def save_theme(self, name: str) -> None:
        """Remember the theme ``name`` (for every API URL); failures are not fatal."""
        if self.path is None:
            return
        data = self._read_all()
        data[THEME] = name
        self._write(data)

    def _write(self, data: dict[str, object]) -> None:
        if self.path is None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(".tmp")
            tmp.unlink(missing_ok=True)  # a leftover (or a link put there): never through it
            create_new(tmp, json.dumps(data, indent=2).encode("utf-8"), 0o600)
            os.replace(tmp, self.path)
        except (OSError, ValueError, RecursionError) as error:  # remembering is a convenience
            log.warning("could not write %s: %s", self.path, type(error).__name__)

"""Remembers the last site and period per API URL between runs (a small JSON file)."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import msgspec

from krafter_tui.api import Period, PeriodError, Site

__all__ = ["LastView", "StateStore"]


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
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def load(self, api_url: str) -> LastView:
        """The last view for ``api_url``."""
        entry = self._read_all().get(api_url)
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

    def save(self, api_url: str, site: Site, period: Period) -> None:
        """Remember ``site`` and ``period`` for ``api_url``; failures are not fatal."""
        if self.path is None:
            return
        data = self._read_all()
        data[api_url] = {
            "site": site.site_key,
            "period": str(period),
            "site_record": msgspec.to_builtins(site),
        }
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(".tmp")
            tmp.write_text(json.dumps(data, indent=2), encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError:
            pass

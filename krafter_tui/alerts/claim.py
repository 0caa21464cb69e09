"""One run of the alert command per alert, however many dashboards of this user see it.

Every browser tab of ``krafter-tui serve`` (and every terminal dashboard) watches the same
sites and raises the same alert at about the same time; each would run the user's command.
Before running it, a dashboard claims the alert: a file per site and kind of alert under the
user's state folder, locked while it is read and written (``flock``), holding when the
command last ran for it. The first dashboard to claim it runs the command; the others, within
the claim's window (the alerts' quiet time: one dashboard alone would not announce the same
alert again within it either), do not. No Textual here.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
from datetime import timedelta
from pathlib import Path

from krafter_tui.alerts.alert import Alert

__all__ = ["MIN_CLAIM", "AlertClaims"]

log = logging.getLogger("krafter_tui")

#: The shortest window a claim holds for: two dashboards see one alert up to a few readings
#: apart, and the same kind of alert cannot end and come back within it.
MIN_CLAIM = timedelta(minutes=2)


class AlertClaims:
    """Claims on alerts in ``folder`` (created when first needed), each for ``window``."""

    def __init__(self, folder: Path, window: timedelta) -> None:
        self.folder = folder
        self.window = max(window, MIN_CLAIM)

    @classmethod
    def for_user(cls, window: timedelta) -> AlertClaims:
        """The claims every dashboard of this user shares (its state folder)."""
        from platformdirs import user_state_path

        return cls(user_state_path("krafter-tui") / "alert-claims", window)

    def claim(self, alert: Alert) -> bool:
        """True when this dashboard is the one to run the command for ``alert`` (no other
        has within the window before ``alert.at``); False when another has. A claim that
        cannot be made (no lock on this system, a folder that cannot be written) is granted:
        the command then runs as it did before claims, rather than not at all."""
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows: no flock
            return True
        try:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd = os.open(
                self.folder / self._name(alert),
                os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0),
                0o600,
            )
        except OSError as error:
            log.warning("alert claim not recorded (%s): the command runs anyway", error)
            return True
        with os.fdopen(fd, "r+", encoding="ascii") as file:
            fcntl.flock(file, fcntl.LOCK_EX)  # released when the file closes
            last = _when(file.read())
            at = alert.at.timestamp()
            if last is not None and abs(at - last) < self.window.total_seconds():
                return False
            file.seek(0)
            file.truncate()
            file.write(f"{at}\n")
        return True

    @staticmethod
    def _name(alert: Alert) -> str:
        """The claim file of ``alert``'s site and kind (the site id is the server's text:
        only its hash names a file)."""
        what = alert.kind if alert.source is None else f"{alert.kind}\0{alert.source}"
        digest = hashlib.sha256(f"{alert.site_id}\0{what}".encode()).hexdigest()
        return f"{digest[:32]}.claim"


def _when(text: str) -> float | None:
    """The time a claim file holds (None: empty or unreadable, as no claim)."""
    with contextlib.suppress(ValueError):
        return float(text.strip())
    return None

"""What the dashboard needs to start, resolved from flags, environment and config file.

:class:`DashboardOptions` is made from the settings' declaration (:class:`Settings`): a
setting added there is an option here, with no second list.
"""

from __future__ import annotations

import typing
from dataclasses import field, make_dataclass
from typing import TYPE_CHECKING, Any

from krafter_tui.api import Period
from krafter_tui.config import SETTINGS, Settings

if TYPE_CHECKING:
    from krafter_tui.feeds import Kiosk
    from krafter_tui.feeds.head_start import Opening
    from krafter_tui.local.remembered import StateStore
    from krafter_tui.record import Record

__all__ = [
    "DashboardOptions",
    "kiosk_of",
    "opening_of",
    "profile_of",
    "record_of",
    "state_of",
]


_DOC = """Start-up choices for the dashboard; the CLI builds one, tests build their own.

Every setting declared in :class:`krafter_tui.config.Settings` is a field here, of the
same name, type and default, made from the declaration (:func:`_fields`); ``demo`` and
``remember`` are not settings.

``site`` is a site key or name (None: the last one used, else the first site).
``period`` None means the last one used, else 30d.
``kiosk`` is the wall-screen mode: no footer, no dialogs, quit only with Ctrl+Q; it rotates
through ``kiosk_sites`` (site keys or names; empty: all sites) every ``rotate_sites`` seconds
and through the breakdown dimensions every ``rotate_dimensions`` seconds (0: no rotation);
with ``kiosk_overview`` the All sites overview is one more stop, after the last site.
``download_dir`` is where Ctrl+S saves exports (None: the user's downloads folder).
``shared_cache`` is the URL of the cache shared with other dashboards (None: none).
``record`` keeps the local record of what is polled (``record_path``, None: the default
file; ``record_minutes_hours`` and ``record_hours_days``: how long it keeps what); the app
keeps one only when its maker asks (``run_dashboard`` does; a test may).
``alerts`` and the ``alert_*`` settings: when visitors now are unusual, and the user's
``alert_command`` (its words, never run through a shell; None: no command).
"""


def _fields() -> list[tuple[str, Any, Any]]:
    """Each setting of :class:`Settings` as a field (its name, its value's type, its default),
    in the declared order; then ``demo`` and ``remember``, which are not settings."""
    hints = typing.get_type_hints(Settings)
    declared: list[tuple[str, Any, Any]] = []
    for spec in SETTINGS:
        (value_type,) = typing.get_args(hints[spec.name])  # Setting[T]: T
        if spec.name == "period":  # a Period on the dashboard, its text in the settings
            value_type = Period | None
        declared.append((spec.name, value_type, field(default=spec.default)))
    declared.append(("demo", bool, field(default=False)))
    declared.append(("remember", bool, field(default=True)))
    return declared


if TYPE_CHECKING:

    class DashboardOptions:
        """For type checkers, the dataclass made from the declarations below: a field per
        setting (typed in :class:`Settings`, so typed ``Any`` here), ``demo`` and ``remember``."""

        demo: bool
        remember: bool

        def __init__(self, **values: Any) -> None: ...
        def __getattr__(self, name: str) -> Any: ...

else:
    DashboardOptions = make_dataclass(
        "DashboardOptions",
        _fields(),
        frozen=True,
        namespace={"__doc__": _DOC, "__module__": __name__},
    )


def kiosk_of(options: DashboardOptions) -> Kiosk | None:
    """The wall-screen mode's sites and rotations, or None when kiosk mode is off."""
    from krafter_tui.feeds import Kiosk

    if not options.kiosk:
        return None
    from krafter_tui.config.checks import ConfigError, stop_of
    from krafter_tui.config.schema import DEFAULT_KIOSK_ROTATE_SITES

    stops: list[tuple[str, float]] = []
    warnings: list[str] = []
    every = options.rotate_sites or DEFAULT_KIOSK_ROTATE_SITES  # a stop's default
    for entry in options.kiosk_stops:
        try:
            stops.append(stop_of("kiosk_stops", entry, every))
        except ConfigError as bad:  # skipped, said on screen: the wall keeps running
            warnings.append(f"Kiosk: {bad}; skipped.")
    return Kiosk(
        options.kiosk_sites,
        options.rotate_sites,
        options.rotate_dimensions,
        overview=options.kiosk_overview,
        stops=tuple(stops),
        warnings=tuple(warnings),
    )


def opening_of(options: DashboardOptions, state: StateStore) -> Opening:
    """The site and period a dashboard opens on: the settings, else what ``state`` says the
    last run showed (the screen and the launch's early requests both start from this)."""
    from krafter_tui.feeds.head_start import Opening

    last = state.load(options.api_url, kiosk=options.kiosk, profile=profile_of(options))
    return Opening.of(
        site=options.site,
        period=options.period,
        last_site=last.site,
        last_site_key=last.site_key,
        last_period=last.period,
        kiosk=kiosk_of(options),
    )


def profile_of(options: DashboardOptions) -> str | None:
    """The profile whose last view is remembered apart (None: the default profile)."""
    from krafter_tui.config.dashboard_settings import DEFAULT_PROFILE

    profile = options.profile
    return None if not profile or profile == DEFAULT_PROFILE else str(profile)


def state_of(options: DashboardOptions) -> StateStore:
    """Where the last site and period, and the theme picked, are remembered (nowhere with
    ``remember`` off)."""
    from krafter_tui.local.remembered import StateStore

    return StateStore.default() if options.remember else StateStore(None)


def record_of(options: DashboardOptions, token: str) -> Record | None:
    """The record of what the dashboard polls for ``options``' API URL and ``token`` (None
    with ``record`` off): its file, how long it keeps minutes and hours, and the shared
    cache it is kept with."""
    from datetime import timedelta
    from pathlib import Path

    from krafter_tui.record import Record

    if not options.record:
        return None
    path = Path(options.record_path).expanduser() if options.record_path else None
    return Record(
        token,
        options.api_url,
        path,
        keep_minutes=timedelta(hours=options.record_minutes_hours),
        keep_hours=timedelta(days=options.record_hours_days),
        shared_cache=options.shared_cache,  # the wall's screens keep one record with it
    )

"""Open the dashboard (or the demo), and hand ``demo-server`` over to the demo package."""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from krafter_tui.cli.common import CliError, settings_from_args
from krafter_tui.config import Settings

if TYPE_CHECKING:
    import httpx

    from krafter_tui.options import DashboardOptions

__all__ = ["build_options", "run_dashboard_command", "run_demo_server"]

RunDashboard = Callable[..., int]


def build_options(settings: Settings, *, demo: bool = False) -> DashboardOptions:
    """The dashboard's start-up choices from the effective settings."""
    from krafter_tui.api import Period
    from krafter_tui.cli.sites import DEMO_API_URL
    from krafter_tui.options import DashboardOptions

    period = settings.period.value
    return DashboardOptions(
        api_url=DEMO_API_URL if demo else settings.api_url.value,
        site=settings.site.value,
        period=Period.parse(period) if period is not None else None,
        realtime_interval=settings.realtime_interval.value,
        stats_interval=settings.stats_interval.value,
        theme=settings.theme.value,
        profile=settings.profile.value,
        demo=demo,
        kiosk=settings.kiosk.value,
        kiosk_sites=tuple(settings.kiosk_sites.value),
        rotate_sites=settings.rotate_sites.value,
        rotate_dimensions=settings.rotate_dimensions.value,
    )


def _load_run_dashboard() -> RunDashboard:
    try:
        module = importlib.import_module("krafter_tui.app")
    except ImportError as exc:
        raise CliError(f"cannot start the dashboard: {exc}") from None
    run: RunDashboard = module.run_dashboard
    return run


def run_dashboard_command(args: argparse.Namespace) -> int:
    """Resolve everything, then run the dashboard until the user quits; its exit status."""
    from krafter_tui import secrets

    settings = settings_from_args(args)
    options = build_options(settings, demo=args.demo)
    transport: httpx.AsyncBaseTransport | None = None
    store: Callable[[str], None] | None = None
    token: str | None
    if args.demo:
        from krafter_tui.cli.sites import demo_transport

        token, transport = demo_transport()
    else:
        profile = settings.profile.value
        # With no key the dashboard shows its own login screen, then stores what it gets;
        # without a keyring it could not, so say so now rather than after the user typed it.
        found = secrets.get_token(profile)
        token = found.value if found is not None else None

        def store(new_token: str) -> None:
            secrets.store_token(profile, new_token)

    run_dashboard = _load_run_dashboard()
    return int(run_dashboard(options, token=token, transport=transport, store_token=store))


def run_demo_server(argv: list[str]) -> int:
    """``krafter-tui demo-server ARGS``: delegate to ``krafter_tui.demo.demo_server_main``."""
    try:
        demo_server_main = importlib.import_module("krafter_tui.demo").demo_server_main
    except (ImportError, AttributeError) as exc:
        raise CliError(f"the demo server is not available in this installation ({exc})") from None
    result = demo_server_main(argv)
    return int(result or 0)

"""Open the dashboard (or the demo), and hand ``demo-server`` over to the demo package."""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from krafter_tui.cli.common import CliError, key_and_url, settings_from_args
from krafter_tui.config import Settings

if TYPE_CHECKING:
    import httpx

    from krafter_tui.config.options import DashboardOptions
    from krafter_tui.credentials.token import KeyringUnavailable

__all__ = [
    "DashboardKey",
    "build_options",
    "dashboard_key",
    "run_dashboard_command",
    "run_demo_server",
]

RunDashboard = Callable[..., int]
#: Keeps a key typed into the login screen; returns a note for the user, or None.
StoreToken = Callable[[str], "str | None"]


def build_options(
    settings: Settings, *, demo: bool = False, api_url: str | None = None
) -> DashboardOptions:
    """The dashboard's start-up choices from the effective settings (``api_url``: the one
    stored with the key, when it replaces the default)."""
    from krafter_tui.api import Period
    from krafter_tui.cli.sites_cmd import DEMO_API_URL
    from krafter_tui.config.options import DashboardOptions

    # Every setting is a DashboardOptions field of the same name (tests/cli/test_settings_once.py).
    values = {name: setting.value for name, setting in settings.items()}
    period = settings.period.value
    values["period"] = Period.parse(period) if period is not None else None
    values["api_url"] = DEMO_API_URL if demo else (api_url or settings.api_url.value)
    return DashboardOptions(**values, demo=demo)


def _load_run_dashboard() -> RunDashboard:
    try:
        module = importlib.import_module("krafter_tui.app")
    except ImportError as exc:
        raise CliError(f"cannot start the dashboard: {exc}") from None
    run: RunDashboard = module.run_dashboard
    return run


@dataclass(frozen=True)
class DashboardKey:
    """What the dashboard gets about the key: the key (None: log in first), the API URL, how
    to keep a key typed into the login screen, and a warning for that screen."""

    token: str | None
    api_url: str
    store: StoreToken
    notice: str | None = None


def dashboard_key(settings: Settings) -> DashboardKey:
    """The profile's key and URL; without a keyring, a login for this session only.

    Raises CliError (exit 2) when the stored key belongs to another API URL.
    """
    from krafter_tui.credentials import token as secrets

    profile = settings.profile.value
    try:
        keyed = key_and_url(settings)
    except secrets.KeyringUnavailable as exc:
        # The login screen still checks a key; it is then kept in memory for this run only.
        def keep_in_memory(token: str) -> str:
            return (
                f"Logged in for this session only (no usable OS keyring): to keep the key, set "
                f"{secrets.TOKEN_ENV} or install a keyring backend."
            )

        return DashboardKey(None, settings.api_url.value, keep_in_memory, session_only(exc))
    api_url = keyed.api_url

    def store(token: str) -> str | None:
        try:
            secrets.store_token(profile, token, api_url)
        except secrets.KeyringUnavailable as exc:
            return session_only(exc)
        return None

    token = keyed.found.value if keyed.found is not None else None
    # The notice is for the login screen, shown only without a key: with one (from the
    # environment, say) the keyring need not even be imported.
    plain = secrets.plain_file_warning() if token is None else None
    notice = f"Warning: {plain}." if plain is not None else None
    return DashboardKey(token, api_url, store, notice)


def session_only(exc: KeyringUnavailable) -> str:
    """The login screen's words for a key that can be used but not kept (no usable keyring)."""
    from krafter_tui.credentials.token import TOKEN_ENV

    return (
        f"No usable OS keyring ({exc.reason}): the key is used for this session only. "
        f"To keep it, set {TOKEN_ENV} or install a keyring backend (see the README)."
    )


def run_dashboard_command(args: argparse.Namespace) -> int:
    """Resolve everything, then run the dashboard until the user quits; its exit status."""
    from krafter_tui.local.logfile import hold_records

    # What the launch logs before the dashboard opens its log file (a damaged state file, the
    # head start's failures) goes into that file, not onto the terminal Textual will draw on.
    hold_records()
    settings = settings_from_args(args)
    from krafter_tui.cli.extras import require_shared_cache

    require_shared_cache(settings.shared_cache.value)
    transport: httpx.AsyncBaseTransport | None = None
    if args.demo:
        from krafter_tui.cli.sites_cmd import demo_transport

        token, transport = demo_transport()
        options = build_options(settings, demo=True)
        run_dashboard = _load_run_dashboard()
        return int(run_dashboard(options, token=token, transport=transport, store_token=None))
    key = dashboard_key(settings)
    options = build_options(settings, api_url=key.api_url)
    early = None
    if key.token is not None:
        # The first requests leave now, on a thread, while Textual is imported and the
        # screen composed: the first frame can show data (feeds/headstart.py).
        from krafter_tui.config.options import opening_of, state_of
        from krafter_tui.feeds.head_start import Ages, start_head_start

        early = start_head_start(
            key.token,
            options.api_url,
            lambda: opening_of(options, state_of(options)),
            shared_cache=options.shared_cache,
            ages=Ages(options.realtime_interval, options.stats_interval),
        )
    run_dashboard = _load_run_dashboard()
    return int(
        run_dashboard(
            options,
            token=key.token,
            transport=None,
            store_token=key.store,
            login_notice=key.notice,
            early=early,
        )
    )


def run_demo_server(argv: list[str]) -> int:
    """``krafter-tui demo-server ARGS``: delegate to ``krafter_tui.demo.demo_server_main``."""
    if not {"-h", "--help"} & set(argv):
        from krafter_tui.cli.extras import require_extra

        require_extra("`krafter-tui demo-server`", "web", ("uvicorn",))
    try:
        demo_server_main = importlib.import_module("krafter_tui.demo").demo_server_main
    except (ImportError, AttributeError) as exc:
        raise CliError(f"the demo server is not available in this installation ({exc})") from None
    result = demo_server_main(argv)
    return int(result or 0)

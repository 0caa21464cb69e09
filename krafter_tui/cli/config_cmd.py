"""``krafter-tui config path|show``: where the settings file is and what is in effect."""

from __future__ import annotations

import argparse

from krafter_tui.cli.common import settings_from_args
from krafter_tui.cli.flags import Commands, setting_flags
from krafter_tui.config import KIOSK_ONLY, SPECS, Setting, Settings, config_path

__all__ = ["add_parser", "run_config"]


def _shown(name: str, value: object) -> str:
    spec = SPECS[name]
    return spec.unset if value is None else spec.kind.show(value)


def _source(settings: Settings, name: str, setting: Setting[object]) -> str:
    """Where the value came from, and whether it matters (kiosk values need kiosk mode)."""
    if name in KIOSK_ONLY and not settings.kiosk.value and not setting.source.startswith("default"):
        return f"{setting.source}; unused while kiosk is off"
    return setting.source


def show(args: argparse.Namespace) -> int:
    """Print every effective setting, where it came from, and the key's source and prefix."""
    from krafter_tui.cli.common import bind_key
    from krafter_tui.credentials import token as secrets
    from krafter_tui.credentials.check import shown_url

    settings = settings_from_args(args)
    exists = "" if settings.path.exists() else "  (does not exist; defaults apply)"
    print(f"file: {settings.path}{exists}")
    rows = [
        (name, _shown(name, s.value), _source(settings, name, s)) for name, s in settings.items()
    ]
    try:
        found = secrets.get_token(settings.profile.value)
    except secrets.KeyringUnavailable:
        rows.append(("token", "(none)", "no usable OS keyring; see `krafter-tui auth status`"))
    else:
        keyed = bind_key(settings, found)
        # The URL the key is sent to (the one stored with it, when none is configured).
        api_row = ("api_url", shown_url(keyed.api_url), keyed.source)
        rows = [api_row if row[0] == "api_url" else row for row in rows]
        if found is None:
            rows.append(("token", "(none)", "run `krafter-tui auth login`"))
        elif keyed.problem is not None:
            stored = shown_url(found.api_url) if found.api_url else "no URL"
            why = f"NOT USED: stored for {stored}; see `krafter-tui auth status`"
            rows.append(("token", found.prefix, f"{found.where}; {why}"))
        else:
            rows.append(("token", found.prefix, found.where))
    width = max(len(name) for name, _, _ in rows)
    value_width = max(len(value) for _, value, _ in rows)
    for name, value, source in rows:
        print(f"{name:<{width}}  {value:<{value_width}}  {source}")
    return 0


def run_config(args: argparse.Namespace) -> int:
    """Dispatch ``config path|show``."""
    if args.config_command == "path":
        print(config_path())
        return 0
    return show(args)


def add_parser(commands: Commands) -> None:
    """``config path|show`` and their flags."""
    config = commands.add_parser("config", help="where the settings are and what they are")
    config_actions = config.add_subparsers(dest="config_command", metavar="ACTION", required=True)
    config_actions.add_parser("path", help="print the settings file path")
    show = config_actions.add_parser("show", help="print effective settings and their sources")
    for group in ("dashboard", "connection", "kiosk"):
        setting_flags(show, group, sub=True)

"""``krafter-tui alerts test``: run the user's alert command once, with a sample alert.

The command runs as it would for a real alert (:func:`krafter_tui.alerts.command.run_alert_command`:
the same ``KRAFTER_ALERT_*`` variables, no shell, the API key kept out, stopped after a
timeout); what it did is printed: its exit status, the time it took and the last lines it
wrote to stderr, cleaned. Exit status 0 when it succeeded, 1 when it failed, did not start or
was stopped, 2 when no ``alert_command`` is set.
"""

from __future__ import annotations

import argparse
import asyncio
import os
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from krafter_tui.cli.common import CliError, settings_from_args
from krafter_tui.cli.flags import Commands, demo_option, setting_flags

if TYPE_CHECKING:
    from krafter_tui.alerts.alert import Alert
    from krafter_tui.config import Settings

__all__ = ["SAMPLE_KINDS", "add_parser", "run_alerts", "sample_alert"]

#: The samples ``--kind`` picks from: (alert kind, visitors, usual visitors). A site gone
#: quiet is the alert kind ``zero``, as the dashboard raises it.
SAMPLE_KINDS = {
    "spike": ("spike", 48, 12.0),
    "drop": ("drop", 3, 20.0),
    "quiet": ("zero", 0, 18.0),
    "new_source": ("new_source", 7, 0.0),
}
#: The sample new source: the referrer a post on Hacker News brings.
SAMPLE_SOURCE = ("news.ycombinator.com", "referrer")
#: The sample site without ``--demo`` or ``--site``.
SAMPLE_SITE = ("Example site", "sk_example")
STDERR_LINES = 5  # the last lines of the command's stderr printed


def sample_alert(kind: str, site_name: str, site_id: str, at: datetime) -> Alert:
    """The sample alert of ``kind`` (a key of :data:`SAMPLE_KINDS`) on the site named
    ``site_name`` (key ``site_id``), raised ``at``."""
    from krafter_tui.alerts.alert import Alert

    alert_kind, visitors, usual = SAMPLE_KINDS[kind]
    if alert_kind == "new_source":
        source, dimension = SAMPLE_SOURCE
        return Alert("new_source", site_id, site_name, visitors, usual, at, source, dimension)
    return Alert(alert_kind, site_id, site_name, visitors, usual, at)  # type: ignore[arg-type]


def _sample_site(args: argparse.Namespace, settings: Settings) -> tuple[str, str]:
    """The sample's site: the demo's first site with ``--demo``, else the configured site's
    name (its key is not known without asking the API), else an example."""
    if getattr(args, "demo", False):
        from krafter_tui.demo.sites import SITES

        return SITES[0].name, SITES[0].site_key
    site = settings.site.value
    return (site, SAMPLE_SITE[1]) if site else SAMPLE_SITE


def _secret(settings: Settings) -> str | None:
    """The user's API key, which the command's environment must not carry, with ``--demo``
    too (None when there is none)."""
    from krafter_tui.credentials import token as secrets

    try:
        found = secrets.get_token(settings.profile.value)
    except secrets.KeyringUnavailable:  # KRAFTER_API_TOKEN is unset (and dropped anyway)
        return None
    return found.value if found is not None else None


def run_alerts(args: argparse.Namespace) -> int:
    """``alerts test``: run the alert command once and say how it went."""
    from krafter_tui.alerts.command import run_alert_command
    from krafter_tui.text.sanitiser import clean_server_text

    settings = settings_from_args(args)
    words = settings.alert_command.value
    if not words:
        raise CliError(
            "no alert_command is set: add one to the settings file (e.g. "
            'alert_command = "notify-send Krafter") or set KRAFTER_ALERT_COMMAND; '
            "see `krafter-tui config path`",
            2,
        )
    name, key = _sample_site(args, settings)
    alert = sample_alert(args.kind, name, key, datetime.now(UTC))
    program = clean_server_text(os.path.basename(words[0]), 60)
    print(f"Running {program} with a sample alert: {alert.headline()} ({alert.kind})")
    run = asyncio.run(
        run_alert_command(words, alert, secret=_secret(settings), timeout=args.timeout)
    )
    # Its stderr comes below in lines: the status alone here, or why there is none.
    outcome = f"exit status {run.status}" if run.status is not None else run.problem
    print(f"{program}: {outcome}, after {run.seconds:.2f} s")
    tail = [line for line in run.stderr.splitlines() if line.strip()][-STDERR_LINES:]
    if tail:
        print("Its stderr ended with:")
        for line in tail:
            print(f"  {clean_server_text(line, 200)}")
    return 0 if run.ok else 1


def _timeout(text: str) -> float:
    from krafter_tui.alerts.command import COMMAND_TIMEOUT

    try:
        seconds = float(text)
    except ValueError:
        seconds = -1.0
    if not 0 < seconds <= COMMAND_TIMEOUT:
        raise argparse.ArgumentTypeError(
            f"a timeout is more than 0 and at most {COMMAND_TIMEOUT:g} seconds, got {text!r}"
        )
    return seconds


def add_parser(commands: Commands) -> None:
    """``alerts test`` and its flags."""
    from krafter_tui.alerts.command import COMMAND_TIMEOUT

    alerts = commands.add_parser("alerts", help="try the alert command")
    actions = alerts.add_subparsers(dest="alerts_command", metavar="ACTION", required=True)
    test = actions.add_parser(
        "test", help="run alert_command once with a sample alert; print its status and time"
    )
    test.add_argument(
        "--kind",
        choices=tuple(SAMPLE_KINDS),
        default="spike",
        help="the sample alert (default spike)",
    )
    test.add_argument(
        "--timeout",
        type=_timeout,
        default=COMMAND_TIMEOUT,
        metavar="SECONDS",
        help=f"stop the command after SECONDS (default and most: {COMMAND_TIMEOUT:g}, "
        "as for a real alert)",
    )
    setting_flags(test, "connection", sub=True, only=("profile",))
    setting_flags(test, "dashboard", sub=True, only=("site",))
    demo_option(test, sub=True)

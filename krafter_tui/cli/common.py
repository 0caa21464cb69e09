"""What the commands share: turning parsed flags into settings, and one-line errors."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from krafter_tui.config import SETTINGS, Overrides, Settings, resolve

if TYPE_CHECKING:
    from krafter_tui.credentials.token import TokenSource

__all__ = [
    "CliError",
    "KeyAndUrl",
    "custom_period",
    "key_and_url",
    "print_error",
    "settings_from_args",
]

#: Where an API URL came from when it is the one stored with the key.
STORED_WITH_KEY = "stored with the key by `auth login`"


class CliError(Exception):
    """A failure to report as one line on stderr with exit status ``code``."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def print_error(message: str) -> None:
    """Write ``krafter-tui: error: <message>`` to stderr (key redacted, text sanitised: a
    message may quote the server or the user's own settings)."""
    from krafter_tui.credentials.token import redact
    from krafter_tui.text.sanitiser import clean_server_text

    sys.stderr.write(f"krafter-tui: error: {clean_server_text(redact(message), None)}\n")


def custom_period(args: argparse.Namespace) -> str | None:
    """``FROM..TO`` from ``--from``/``--to``, checked; None when neither was given.

    Raises :class:`CliError` (exit 2) for half a range, a bad date, a reversed or future
    range, or a range together with ``--period``.
    """
    start, end = getattr(args, "date_from", None), getattr(args, "date_to", None)
    if start is None and end is None:
        return None
    if start is None or end is None:
        given, missing = ("--from", "--to") if end is None else ("--to", "--from")
        raise CliError(f"{given} needs {missing} as well (a custom range has both ends)", 2)
    if getattr(args, "period", None) is not None:
        raise CliError("use either --period or --from/--to, not both", 2)
    from krafter_tui.api.period import Period, PeriodError, parse_date

    try:
        first, last = parse_date(start, "--from date"), parse_date(end, "--to date")
        # Krafter's days are UTC days, so "today" is the UTC date.
        period = Period.custom(first, last, today=datetime.now(UTC).date())
    except PeriodError as exc:
        raise CliError(str(exc), 2) from None
    return str(period)


def settings_from_args(args: argparse.Namespace) -> Settings:
    """Resolve flags + environment + settings file.

    Bad values raise :class:`ConfigError`, and a kiosk-only flag (``--kiosk-sites``,
    ``--rotate-*``) while kiosk mode is off raises :class:`CliError`; both exit 2.
    """
    values: dict[str, Any] = {}
    names: dict[str, str] = {}
    for spec in SETTINGS:
        if spec.flag is None:
            continue
        if spec.name == "period" and (period := custom_period(args)) is not None:
            values["period"], names["period"] = period, "--from/--to"
            continue
        given = getattr(args, spec.dest, None)
        if given is None:
            continue
        values[spec.name] = spec.kind.flag(spec.flag, given)
        if spec.kind.arg == "switch" and not given:
            names[spec.name] = "--no-" + spec.flag.removeprefix("--")
    settings = resolve(Overrides(flag_names=names, **values))
    kiosk_only = [s.flag for s in SETTINGS if s.kiosk_only and values.get(s.name) is not None]
    if kiosk_only and not settings.kiosk.value:
        raise CliError(
            f"{kiosk_only[0]} only applies in kiosk mode, which is off ({settings.kiosk.source}); "
            "add --kiosk",
            2,
        )
    return settings


@dataclass(frozen=True)
class KeyAndUrl:
    """The profile's key (None: not logged in), the API URL to send it to and where that URL
    came from; ``problem`` says why the key must not go there (then it is not used)."""

    found: TokenSource | None
    api_url: str
    source: str
    problem: str | None = None


def bind_key(settings: Settings, found: TokenSource | None) -> KeyAndUrl:
    """Pair ``found`` with the API URL it may be sent to.

    A keyring key goes only to the URL stored with it: that URL is used when no API URL is
    configured, and any other configured URL (or none stored, from an older version) is a
    ``problem``. A key from ``KRAFTER_API_TOKEN`` goes to the configured URL.
    """
    from krafter_tui.credentials.check import shown_url
    from krafter_tui.credentials.token import same_api_url

    url, source = settings.api_url.value, settings.api_url.source
    if found is None or found.source == "env":
        return KeyAndUrl(found, url, source)
    profile = settings.profile.value
    if found.api_url is None:
        return KeyAndUrl(
            found,
            url,
            source,
            f"the key of profile {profile!r} has no API URL stored with it (stored by an "
            "older krafter-tui or another tool), so it is sent nowhere: run `krafter-tui auth "
            "login` (with --api-url for another server than the default) to check it again",
        )
    if same_api_url(found.api_url, url):
        return KeyAndUrl(found, url, source)
    if source == "default":
        return KeyAndUrl(found, found.api_url, STORED_WITH_KEY)
    return KeyAndUrl(
        found,
        url,
        source,
        f"the key of profile {profile!r} was checked against and stored for "
        f"{shown_url(found.api_url)}, not for {shown_url(url)} ({source}), and a key is sent "
        "only to the API it was stored for: log in for this URL (`krafter-tui auth login "
        f"--api-url {shown_url(url)}`, replacing the stored key) "
        "or keep a key per API with --profile",
    )


def key_and_url(settings: Settings) -> KeyAndUrl:
    """:func:`bind_key` for the profile's key; CliError (exit 2) when it must not be used.

    Raises :class:`~krafter_tui.credentials.token.KeyringUnavailable` when there is no key in the
    environment and the keyring cannot be read.
    """
    from krafter_tui.credentials.token import get_token

    keyed = bind_key(settings, get_token(settings.profile.value))
    if keyed.problem is not None:
        raise CliError(keyed.problem, 2)
    return keyed

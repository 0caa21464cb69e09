"""``krafter-tui auth login|status|logout``: the API key in the OS keyring."""

from __future__ import annotations

import argparse
import os
import re
import sys

from krafter_tui.cli.common import CliError, settings_from_args
from krafter_tui.cli.flags import Commands, setting_flags
from krafter_tui.cli.sites_cmd import fetch_sites
from krafter_tui.config import SPECS
from krafter_tui.credentials import token as secrets
from krafter_tui.text.redact import shown_prefix

ENV_URL = SPECS["api_url"].env

__all__ = ["KEY_SHAPE", "add_parser", "run_auth"]

#: ``kr_live_`` + 43 url-safe base64 characters, 51 in all.
KEY_SHAPE = re.compile(r"kr_live_[A-Za-z0-9_-]{43}")


def read_token(with_token: bool) -> str:
    """The key from stdin (``--with-token``) or a hidden prompt; CliError when empty."""
    if with_token:
        token = sys.stdin.read().strip()
    else:
        import getpass

        try:
            token = getpass.getpass("Krafter API key (input hidden): ").strip()
        except EOFError:
            token = ""
    if not token:
        raise CliError("no API key given (paste it at the prompt, or pipe it to --with-token)")
    return token


def login(args: argparse.Namespace) -> int:
    """Ask for a key, check it by listing the sites, store it with its API URL in the keyring.

    The check comes first, so a right and a wrong key are told apart even without a keyring;
    without one the valid key is not stored, and the message says how to use or keep it.
    """
    from krafter_tui.api import ApiError
    from krafter_tui.credentials.check import shown_url, sites_error

    settings = settings_from_args(args)
    profile, api_url = settings.profile.value, settings.api_url.value
    no_keyring = _keyring_problem()
    if no_keyring is not None and not args.with_token:
        print(
            f"note: no usable OS keyring ({no_keyring.reason}): the key can be checked, "
            "not stored.",
            file=sys.stderr,
        )
    token = read_token(args.with_token)
    if not KEY_SHAPE.fullmatch(token):
        print(
            "warning: this does not look like a Krafter API key (kr_live_ followed by 43 "
            "characters); trying it anyway.",
            file=sys.stderr,
        )
    try:
        sites = fetch_sites(token, api_url)
    except ApiError as exc:
        raise CliError(
            f"login failed: {sites_error(exc, api_url)} [API: {shown_url(api_url)}]"
        ) from None
    count = f"{len(sites)} site" + ("" if len(sites) == 1 else "s")
    prefix = shown_prefix(token)
    print(f"The key {prefix} is valid: {shown_url(api_url)} lists {count} for it.")
    try:
        secrets.store_token(profile, token, api_url)
    except secrets.KeyringUnavailable as exc:
        raise CliError(_not_stored(exc, api_url)) from None
    print(
        f"Stored in the OS keyring ({secrets.backend_name()}) for profile {profile!r}, "
        f"to be sent only to {shown_url(api_url)}."
    )
    plain = secrets.plain_file_warning()
    if plain is not None:
        print(f"warning: {plain}.", file=sys.stderr)
    if _env_token_set():
        print(f"note: {secrets.TOKEN_ENV} is set and takes precedence over the stored key.")
    return 0


def _keyring_problem() -> secrets.KeyringUnavailable | None:
    try:
        secrets.ensure_keyring()
    except secrets.KeyringUnavailable as exc:
        return exc
    return None


def _not_stored(exc: secrets.KeyringUnavailable, api_url: str) -> str:
    """Why a valid key was not stored, and the ways to use it anyway or keep it."""
    from krafter_tui.config import DEFAULT_API_URL
    from krafter_tui.credentials.check import shown_url

    default = secrets.same_api_url(api_url, DEFAULT_API_URL)
    flag = "" if default else f" --api-url {shown_url(api_url)}"
    env = "" if default else f" and {ENV_URL}={shown_url(api_url)}"
    return (
        f"the key was NOT stored: no usable OS keyring ({exc.reason}). To use it for one "
        f"session, start `krafter-tui{flag}` and paste it into its login screen; to keep it, "
        f"set {secrets.TOKEN_ENV}{env} (from your secret manager), or install a keyring "
        "backend: gnome-keyring with a D-Bus session, or `pip install keyrings.alt` (keeps "
        "keys in a plain file)"
    )


def _env_token_set() -> bool:
    return bool(os.environ.get(secrets.TOKEN_ENV, "").strip())


def status(args: argparse.Namespace) -> int:
    """Print profile, the API URL the key goes to and the key's source and prefix; 1 when
    there is no usable key."""
    from krafter_tui.cli.common import bind_key
    from krafter_tui.credentials.check import shown_url

    settings = settings_from_args(args)
    profile = settings.profile.value
    print(f"profile:  {profile}  ({settings.profile.source})")
    try:
        found = secrets.get_token(profile)
    except secrets.KeyringUnavailable as exc:
        print(f"API URL:  {shown_url(settings.api_url.value)}  ({settings.api_url.source})")
        print("API key:  none")
        raise CliError(exc.message) from None
    keyed = bind_key(settings, found)
    print(f"API URL:  {shown_url(keyed.api_url)}  ({keyed.source})")
    if found is None:
        print(f"API key:  none (run `krafter-tui auth login` or set {secrets.TOKEN_ENV})")
        return 1
    stored_for = f", stored for {shown_url(found.api_url)}" if found.api_url else ""
    print(f"API key:  {found.prefix}  (from {found.where}{stored_for})")
    plain = secrets.plain_file_warning() if found.source == "keyring" else None
    if plain is not None:
        print(f"warning: {plain}.", file=sys.stderr)
    if keyed.problem is not None:
        raise CliError(f"the key is not used: {keyed.problem}")
    return 0


def logout(args: argparse.Namespace) -> int:
    """Delete the stored key of the profile."""
    profile = settings_from_args(args).profile.value
    if secrets.delete_token(profile):
        print(f"Removed the API key of profile {profile!r} from the OS keyring.")
    else:
        print(f"No API key was stored for profile {profile!r}.")
    if _env_token_set():
        print(f"note: {secrets.TOKEN_ENV} is still set in this environment and will be used.")
    return 0


def run_auth(args: argparse.Namespace) -> int:
    """Dispatch ``auth login|status|logout``."""
    handlers = {"login": login, "status": status, "logout": logout}
    return handlers[args.auth_command](args)


def add_parser(commands: Commands) -> None:
    """``auth login|status|logout`` and their flags."""
    auth = commands.add_parser("auth", help="log in, show status, log out")
    actions = auth.add_subparsers(dest="auth_command", metavar="ACTION", required=True)
    login = actions.add_parser("login", help="check an API key and store it in the OS keyring")
    login.add_argument(
        "--with-token", action="store_true", help="read the key from stdin instead of prompting"
    )
    setting_flags(login, "connection", sub=True)
    for name, text in (("status", "show where the key comes from"), ("logout", "delete it")):
        setting_flags(actions.add_parser(name, help=text), "connection", sub=True)

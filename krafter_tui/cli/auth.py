"""``krafter-tui auth login|status|logout``: the API key in the OS keyring."""

from __future__ import annotations

import argparse
import os
import re
import sys

from krafter_tui import secrets
from krafter_tui.cli.common import CliError, settings_from_args
from krafter_tui.cli.sites import fetch_sites

__all__ = ["KEY_SHAPE", "run_auth"]

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
    """Ask for a key, check it by listing the sites, store it in the keyring."""
    from krafter_tui.api import ApiError

    settings = settings_from_args(args)
    profile, api_url = settings.profile.value, settings.api_url.value
    secrets.ensure_keyring()  # fail before the user pastes anything
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
        status = f" (HTTP {exc.status})" if exc.status else ""
        raise CliError(f"login failed{status}: {exc.message} [API: {api_url}]") from None
    secrets.store_token(profile, token)
    count = f"{len(sites)} site" + ("" if len(sites) == 1 else "s")
    print(f"Logged in to {api_url}: the key {secrets.token_prefix(token)} can see {count}.")
    print(f"Stored in the OS keyring ({secrets.backend_name()}) for profile {profile!r}.")
    if _env_token_set():
        print(f"note: {secrets.TOKEN_ENV} is set and takes precedence over the stored key.")
    return 0


def _env_token_set() -> bool:
    return bool(os.environ.get(secrets.TOKEN_ENV, "").strip())


def status(args: argparse.Namespace) -> int:
    """Print profile, API URL and the key's source and prefix; 1 when there is no key."""
    settings = settings_from_args(args)
    profile = settings.profile.value
    print(f"profile:  {profile}  ({settings.profile.source})")
    print(f"API URL:  {settings.api_url.value}  ({settings.api_url.source})")
    try:
        found = secrets.get_token(profile)
    except secrets.KeyringUnavailable as exc:
        print("API key:  none")
        raise CliError(exc.message) from None
    if found is None:
        print(f"API key:  none (run `krafter-tui auth login` or set {secrets.TOKEN_ENV})")
        return 1
    print(f"API key:  {found.prefix}  (from {found.where})")
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

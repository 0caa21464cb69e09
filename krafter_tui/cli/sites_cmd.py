"""``krafter-tui sites``: the team's sites as a plain table, or JSON for scripts."""

from __future__ import annotations

import argparse
import asyncio
import importlib
import json
from typing import TYPE_CHECKING

from krafter_tui.cli.common import CliError, key_and_url, settings_from_args
from krafter_tui.cli.flags import Commands, demo_option, setting_flags

if TYPE_CHECKING:
    import httpx

    from krafter_tui.api import Site
    from krafter_tui.config import Settings

__all__ = ["DEMO_API_URL", "add_parser", "api_access", "fetch_sites", "run_sites"]

#: A loopback name, so the client's plain-http check lets the in-process demo through.
DEMO_API_URL = "http://demo.localhost/api/v1/analytics"


def fetch_sites(
    token: str, api_url: str, transport: httpx.AsyncBaseTransport | None = None
) -> list[Site]:
    """``GET /sites`` once; raises the client's typed :class:`~krafter_tui.api.ApiError`."""
    from krafter_tui.api import KrafterClient

    async def fetch() -> list[Site]:
        async with KrafterClient(token, api_url, transport=transport) as client:
            return await client.list_sites()

    return asyncio.run(fetch())


def api_access(
    args: argparse.Namespace, settings: Settings
) -> tuple[str, str, httpx.AsyncBaseTransport | None]:
    """The key, API URL and transport a command talks to the API with: the in-process demo
    with ``--demo``, else the stored (or ``KRAFTER_API_TOKEN``) key and its URL."""
    from krafter_tui.credentials import token as secrets

    if getattr(args, "demo", False):
        token, transport = demo_transport()
        return token, DEMO_API_URL, transport
    try:
        keyed = key_and_url(settings)
    except secrets.KeyringUnavailable as exc:
        # What to do first; why the keyring could not say after it.
        raise CliError(f"{not_logged_in(settings)}. {exc.message}") from None
    if keyed.found is None:
        raise CliError(not_logged_in(settings))
    return keyed.found.value, keyed.api_url, None


def not_logged_in(settings: Settings) -> str:
    """The first words of a command that needs a key and has none: what to do about it."""
    from krafter_tui.credentials import token as secrets

    return (
        f"not logged in (profile {settings.profile.value!r}): `krafter-tui auth login` (or "
        f"set {secrets.TOKEN_ENV}), or try `--demo`"
    )


def demo_transport() -> tuple[str, httpx.AsyncBaseTransport]:
    """The demo's token and an in-process transport to it; CliError if the demo is missing."""
    try:
        demo = importlib.import_module("krafter_tui.demo")
        token: str = demo.DEMO_TOKEN
        app = demo.create_demo_app()
    except (ImportError, AttributeError) as exc:
        raise CliError(f"the demo is not available in this installation ({exc})") from None
    import httpx

    return token, httpx.ASGITransport(app=app)


def format_table(sites: list[Site]) -> str:
    """Name, domain and site key in aligned columns (server text made printable, columns
    measured in terminal cells so wide names line up)."""
    from rich.cells import cell_len

    from krafter_tui.cli.output import padded
    from krafter_tui.text.sanitiser import clean_server_text

    rows = [("NAME", "DOMAIN", "SITE KEY")]
    rows += [
        (
            clean_server_text(s.name, 60),
            clean_server_text(s.domain, 80),
            clean_server_text(s.site_key, 80),
        )
        for s in sites
    ]
    widths = [max(cell_len(row[i]) for row in rows) for i in range(2)]
    return "\n".join(
        f"{padded(name, widths[0])}  {padded(domain, widths[1])}  {key}".rstrip()
        for name, domain, key in rows
    )


def run_sites(args: argparse.Namespace) -> int:
    """List the sites the key can see (``--demo``: the demo's sites, no key needed)."""
    import msgspec

    from krafter_tui.api import ApiError
    from krafter_tui.credentials.check import shown_url, sites_error

    settings = settings_from_args(args)
    token, api_url, transport = api_access(args, settings)
    try:
        sites = fetch_sites(token, api_url, transport)
    except ApiError as exc:
        raise CliError(
            f"cannot list the sites of {shown_url(api_url)}: {sites_error(exc, api_url)}"
        ) from None
    if args.json:
        print(json.dumps(msgspec.to_builtins(sites), indent=2))
    elif sites:
        print(format_table(sites))
    else:
        print("This team has no sites yet.")
    return 0


def add_parser(commands: Commands) -> None:
    """``sites`` and its flags."""
    sites = commands.add_parser("sites", help="list the team's sites")
    sites.add_argument("--json", action="store_true", help="print JSON for scripts")
    setting_flags(sites, "connection", sub=True)
    demo_option(sites, sub=True)

"""``krafter-tui serve``: the dashboard in a browser, one dashboard process per tab."""

from __future__ import annotations

import argparse
import errno
import os
import socket
import sys
from contextlib import ExitStack
from typing import TYPE_CHECKING

from krafter_tui.cli.common import CliError, key_and_url, settings_from_args
from krafter_tui.cli.flags import Commands, demo_option, setting_flags

if TYPE_CHECKING:
    from krafter_tui.web import AllowedHosts

__all__ = ["PAGE_TITLE", "add_parser", "run_serve"]

PAGE_TITLE = "Krafter dashboard"


def _refuse_remote(host: str, public: bool) -> None:
    """CliError (exit 2) for a host beyond loopback without ``--public``."""
    from krafter_tui.api import is_loopback_host

    if not public and not is_loopback_host(host):
        raise CliError(
            f"--host {host} is reachable from other machines, and the page shows the team's "
            "analytics to whoever opens it (it has no login): add --public to serve there "
            "anyway",
            2,
        )


def _listen(host: str, port: int) -> socket.socket:
    """The listening socket; CliError (exit 1) for a port that cannot be had."""
    from krafter_tui.demo.serving import bind

    try:
        return bind(host, port)
    except OSError as exc:
        taken = " (pick another with --port)" if exc.errno == errno.EADDRINUSE else ""
        raise CliError(
            f"cannot listen on {host} port {port}: {exc.strerror or exc}{taken}"
        ) from None


def _check_key(token: str, api_url: str) -> None:
    """``GET /sites`` once: a refused key or a wrong URL stops ``serve`` (one error line); an
    API that cannot be reached now is a warning, since every tab retries on its own."""
    from krafter_tui.api import ApiError, NetworkError, RateLimitedError, ServerError
    from krafter_tui.cli.sites_cmd import fetch_sites
    from krafter_tui.credentials.check import shown_url, sites_error

    try:
        fetch_sites(token, api_url)
    except (NetworkError, RateLimitedError, ServerError) as exc:
        sys.stderr.write(
            f"krafter-tui: warning: {shown_url(api_url)} cannot be reached now "
            f"({exc.message}); serving anyway, the dashboards retry\n"
        )
    except ApiError as exc:
        raise CliError(f"cannot serve {shown_url(api_url)}: {sites_error(exc, api_url)}") from None


def _api_for_tabs(args: argparse.Namespace, stack: ExitStack) -> str:
    """The API URL every tab uses, with the key put where the tabs read it: the environment
    (inherited by each tab's process, readable by this user only; never a command line)."""
    from krafter_tui.credentials import token as secrets

    settings = settings_from_args(args)
    if args.demo:
        from krafter_tui.demo import DEMO_TOKEN
        from krafter_tui.web import DemoApi

        os.environ[secrets.TOKEN_ENV] = DEMO_TOKEN
        demo = stack.enter_context(DemoApi())
        return demo.api_url
    keyed = key_and_url(settings)
    if keyed.found is None:
        raise CliError(
            f"not logged in (profile {settings.profile.value!r}), and the page has no login: "
            f"run `krafter-tui auth login` first or set {secrets.TOKEN_ENV}"
        )
    _check_key(keyed.found.value, keyed.api_url)
    os.environ[secrets.TOKEN_ENV] = keyed.found.value
    return keyed.api_url


def _shared_for_tabs(args: argparse.Namespace) -> str | None:
    """The shared cache the tabs are told to use when none is set anywhere: each tab is a
    dashboard process of its own, so without one, N tabs would cost N times the requests.
    None when a shared cache is set (flag, environment or file): the tabs get it as usual."""
    if settings_from_args(args).shared_cache.value is not None:
        return None
    from krafter_tui.api.shared.url import default_shared_cache_url

    return default_shared_cache_url()


def _allowed_hosts(args: argparse.Namespace, host: str) -> AllowedHosts:
    """The names the page answers under besides loopback's: ``--allow-host``, and any IP
    address when listening beyond loopback. ``--public`` widens where it listens, never which
    names it answers under (a name rebound to this machine's address is still refused)."""
    from krafter_tui.api import is_loopback_host
    from krafter_tui.web import AllowedHosts

    names: list[str] = args.serve_allow_hosts
    for name in names:
        if not name.strip() or any(c in name for c in "/:@ ") or not name.isprintable():
            raise CliError(f"--allow-host {name!r}: give a host name, e.g. dash.example.com", 2)
    return AllowedHosts.of(names, addresses=not is_loopback_host(host))


def _say_where(host: str, port: int, public: bool, allowed: AllowedHosts) -> None:
    """The warning about who can reach the page, true to where it listens."""
    from krafter_tui.api import is_loopback_host

    shown = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    if not is_loopback_host(host):
        sys.stderr.write(
            f"krafter-tui: warning: serving beyond this machine on {shown}: whoever can "
            "reach it sees the team's analytics (the page has no login)\n"
        )
    elif public:
        sys.stderr.write(
            f"krafter-tui: note: --public changes nothing here: {shown} is reachable from "
            "this machine only (--host 0.0.0.0 or an address of this machine to serve "
            "others)\n"
        )
    if allowed.names:
        print("Answers under: " + ", ".join(sorted(allowed.names)) + " (and loopback names)")


def run_serve(args: argparse.Namespace) -> int:
    """Check the key, then serve the dashboard on ``--host``:``--port`` until Ctrl+C; the exit
    status."""
    from krafter_tui.cli.extras import require_extra, require_shared_cache

    require_extra("`krafter-tui serve`", "web")
    require_shared_cache(settings_from_args(args).shared_cache.value)
    from krafter_tui.web import DashboardWebServer, tab_command

    host, port, public = args.serve_host, args.serve_port, args.serve_public
    _refuse_remote(host, public)
    allowed = _allowed_hosts(args, host)
    max_sessions = int(settings_from_args(args).serve_max_sessions.value)
    with ExitStack() as stack:
        api_url = _api_for_tabs(args, stack)
        sock = _listen(host, port)
        stack.callback(sock.close)
        shared = _shared_for_tabs(args)
        server = DashboardWebServer(
            tab_command(args, api_url, shared_cache=shared),
            sock,
            allowed=allowed,
            max_sessions=max_sessions,
            title=PAGE_TITLE,
        )
        bound_host, bound_port = sock.getsockname()[:2]
        shown = f"[{bound_host}]" if ":" in bound_host else bound_host
        _say_where(host, bound_port, public, allowed)
        if args.demo:
            print(f"Demo API for every tab: {api_url}")
        if shared is not None:
            print(f"Tabs share their polling through {shared} (--shared-cache to change)")
        print(
            f"Dashboard in a browser: http://{shown}:{bound_port}/  (at most {max_sessions} "
            "tabs at once; Ctrl+C stops it)"
        )
        sys.stdout.flush()
        server.run()
    return 0


def add_parser(commands: Commands) -> None:
    """``serve`` and its flags."""
    serve = commands.add_parser(
        "serve",
        help="serve the dashboard to web browsers",
        description=(
            "Serve the dashboard to web browsers: each tab runs its own dashboard with the "
            "flags given here. Loopback only unless --public: the page has no login, so "
            "whoever can open it sees the team's analytics. At most serve_max_sessions tabs "
            "(settings file or KRAFTER_SERVE_MAX_SESSIONS; default 4) run at once."
        ),
    )
    serve.add_argument(
        "--host",
        dest="serve_host",
        metavar="HOST",
        default="127.0.0.1",
        help="interface to listen on (default: 127.0.0.1; another needs --public)",
    )
    serve.add_argument(
        "--port",
        dest="serve_port",
        metavar="PORT",
        type=int,
        default=8000,
        help="TCP port (default: 8000)",
    )
    serve.add_argument(
        "--public",
        dest="serve_public",
        action="store_true",
        help="allow a --host other machines can reach (they all see the team's data); the "
        "page then also answers under IP addresses",
    )
    serve.add_argument(
        "--allow-host",
        dest="serve_allow_hosts",
        metavar="NAME",
        action="append",
        default=[],
        help="a name the page is opened under besides loopback's, e.g. dash.example.com "
        "(repeat for more); any other name is refused, as a rebound name would be",
    )
    for flags in ("dashboard", "connection", "kiosk"):
        setting_flags(serve, flags, sub=True)
    demo_option(serve, sub=True)

"""Running the demo server: ``krafter-tui demo-server`` and :func:`run_demo_server`."""

from __future__ import annotations

import argparse
import errno
import ipaddress
import socket
import sys
from pathlib import Path

from krafter_tui.demo.asgi import API_PREFIX, DemoApp, create_demo_app
from krafter_tui.demo.auth import DEMO_SANDBOX_TOKEN, DEMO_TOKEN
from krafter_tui.demo.faults import FaultSpec
from krafter_tui.demo.faults import __doc__ as FAULTS_DOC
from krafter_tui.demo.live import TRAFFIC_SHAPES, traffic_words

__all__ = ["bind", "default_cache_dir", "demo_server_main", "run_demo_server"]


def default_cache_dir() -> Path:
    """Where the server keeps its generated history between runs."""
    import platformdirs

    return platformdirs.user_cache_path("krafter-tui") / "demo"


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def bind(host: str, port: int) -> socket.socket:
    """A listening TCP socket on ``host``:``port``; OSError when the port is taken."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    if host == "localhost":
        host = "127.0.0.1"
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        # As uvicorn does: a restart need not wait for old connections in TIME_WAIT. On Linux
        # this does not let two servers listen on one port.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(2048)
    except OSError:
        sock.close()
        raise
    return sock


def run_demo_server(
    host: str = "127.0.0.1",
    port: int = 8787,
    faults: FaultSpec | None = None,
    *,
    seed: int = 42,
    cache_dir: Path | None = None,
    allow_remote: bool = False,
    rate_limit: int = 100,
    traffic: str = "normal",
) -> None:
    """Serve the demo API with uvicorn until interrupted, after printing its URL and key.

    The port is bound first, so nothing is printed for a server that cannot start (OSError).
    The key is public and the data synthetic, but the server still refuses to listen beyond
    loopback (ValueError) unless ``allow_remote`` is set. ``traffic`` shapes the live
    traffic (:data:`~.live.TRAFFIC_SHAPES`), so that an alert can be watched happening.
    """
    import uvicorn

    if not allow_remote and not _is_loopback(host):
        raise ValueError(
            f"refusing to serve on non-loopback host {host!r}: the demo key is public; "
            "add --allow-remote to serve there anyway"
        )
    sock = bind(host, port)
    try:
        app = create_demo_app(
            seed=seed,
            faults=faults,
            cache_dir=cache_dir or default_cache_dir(),
            rate_limit=rate_limit,
        )
        assert isinstance(app, DemoApp)
        app.set_traffic_shape(traffic)
        shown = f"[{host}]" if ":" in host else host
        print(f"Krafter demo API: http://{shown}:{sock.getsockname()[1]}{API_PREFIX}")
        print(f"API key (analytics:read): {DEMO_TOKEN}")
        print(f"Sandbox key (mail scopes only, answers 403): {DEMO_SANDBOX_TOKEN}")
        if faults is not None and faults.active:
            print(f"Injecting faults: {faults}")
        if traffic != "normal":
            print(f"Live traffic: {traffic_words(traffic)}")
        sys.stdout.flush()
        config = uvicorn.Config(app, log_level="warning")
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        sock.close()


def _fault_spec(text: str) -> FaultSpec:
    try:
        return FaultSpec.parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def build_parser() -> argparse.ArgumentParser:
    """The ``demo-server`` argument parser (its help documents the fault SPEC)."""
    lines = (FAULTS_DOC or "").replace("``", "").splitlines()[2:]
    epilog = "\n".join(line for line in lines if not line.startswith("====="))
    parser = argparse.ArgumentParser(
        prog="krafter-tui demo-server",
        description="Serve a local Krafter-compatible analytics API with synthetic live traffic.",
        epilog="fault SPEC:\n" + epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--host", default="127.0.0.1", help="interface (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8787, help="TCP port (default 8787)")
    parser.add_argument(
        "--faults",
        type=_fault_spec,
        metavar="SPEC",
        help="faults to inject, e.g. latency=200ms,error=0.1 (see below)",
    )
    parser.add_argument("--seed", type=int, default=42, help="traffic seed (default 42)")
    parser.add_argument(
        "--rate-limit",
        type=int,
        default=100,
        metavar="N",
        help="requests per minute per team (default 100, as documented; raise it for soak "
        "tests and benchmarks)",
    )
    parser.add_argument(
        "--traffic",
        choices=tuple(TRAFFIC_SHAPES),
        default="normal",
        help="shape the live traffic of every site, to watch an alert happen: spike ×6, "
        "drop ×0.1, quiet (none), normal (default); alerts need 15 minutes of readings first",
    )
    parser.add_argument(
        "--allow-remote",
        action="store_true",
        help="allow a non-loopback --host (the demo key is public)",
    )
    return parser


def demo_server_main(argv: list[str] | None = None) -> int:
    """Entry point of ``krafter-tui demo-server``; returns the exit status."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else 2
    try:
        run_demo_server(
            args.host,
            args.port,
            args.faults,
            seed=args.seed,
            allow_remote=args.allow_remote,
            rate_limit=args.rate_limit,
            traffic=args.traffic,
        )
    except ValueError as exc:
        parser.print_usage(sys.stderr)
        print(f"krafter-tui demo-server: error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        reason = exc.strerror or str(exc)
        print(
            f"krafter-tui demo-server: error: cannot listen on {args.host} port {args.port}: "
            f"{reason}" + (" (pick another with --port)" if exc.errno == errno.EADDRINUSE else ""),
            file=sys.stderr,
        )
        return 1
    except KeyboardInterrupt:
        pass
    return 0

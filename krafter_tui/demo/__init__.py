"""The Krafter-compatible demo server: the documented API over synthetic, live-looking traffic.

Not a mock: it validates like the real service, rate-limits per team, and on demand fails like
real networks do (see :class:`FaultSpec`). No Textual here; start it with
``krafter-tui demo-server`` or :func:`run_demo_server`, or mount :func:`create_demo_app` in an
``httpx.ASGITransport``.
"""

from __future__ import annotations

from .app import API_PREFIX, DemoApp, create_demo_app
from .auth import DEMO_SANDBOX_TOKEN, DEMO_TOKEN
from .chaos import RequestLog, RequestRecord
from .faults import FaultSpec
from .server import demo_server_main, run_demo_server

__all__ = [
    "API_PREFIX",
    "DEMO_SANDBOX_TOKEN",
    "DEMO_TOKEN",
    "DemoApp",
    "FaultSpec",
    "RequestLog",
    "RequestRecord",
    "create_demo_app",
    "demo_server_main",
    "run_demo_server",
]

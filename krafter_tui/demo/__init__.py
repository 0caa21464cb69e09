"""The Krafter-compatible demo server: the documented API over synthetic, live-looking traffic.

Not a mock: it validates like the real service, rate-limits per team, and on demand fails like
real networks do (see :class:`FaultSpec`). No Textual here; start it with
``krafter-tui demo-server`` or :func:`run_demo_server`, or mount :func:`create_demo_app` in an
``httpx.ASGITransport``.
"""

from __future__ import annotations

from krafter_tui.demo.asgi import API_PREFIX, DemoApp, create_demo_app
from krafter_tui.demo.auth import DEMO_SANDBOX_TOKEN, DEMO_TOKEN
from krafter_tui.demo.chaos import RequestLog, RequestRecord
from krafter_tui.demo.faults import FaultSpec
from krafter_tui.demo.serving import demo_server_main, run_demo_server

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

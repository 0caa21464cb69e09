"""An https:// API root whose certificate this machine does not trust (a real loopback TLS
server, self-signed): the dashboard says so in its banner, not "could not connect", and the
log file says why."""

from __future__ import annotations

from pathlib import Path

from krafter_tui.app import KrafterApp
from krafter_tui.config.options import DashboardOptions
from krafter_tui.demo import DEMO_TOKEN
from krafter_tui.local.remembered import StateStore
from tests.support.tls_server import self_signed_server

from .helpers import banner, wait_until

SAID = "TLS certificate not trusted by this machine: self-signed certificate"


async def test_the_banner_says_the_certificate_is_not_trusted_and_the_log_why(
    tmp_path: Path,
) -> None:
    with self_signed_server(tmp_path) as server:
        app = KrafterApp(
            DashboardOptions(api_url=server.api_url),
            token=DEMO_TOKEN,
            state=StateStore(tmp_path / "state.json"),
        )
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_until(pilot, lambda: SAID in banner(app), 20, "the banner")
            assert "could not connect" not in banner(app)
            assert app.log_path is not None
            log = app.log_path.read_text()
    assert "TLS certificate of 127.0.0.1 not trusted by this machine: self-signed" in log
    assert "CERTIFICATE_VERIFY_FAILED" in log
    assert DEMO_TOKEN not in log

"""An https:// API root whose certificate this machine does not trust (a real loopback TLS
server, self-signed): the error says so and why, the log keeps the details, and the same
server trusted answers."""

from __future__ import annotations

import logging
import os
import ssl
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from krafter_tui.api import KrafterClient, NetworkError, UntrustedCertificateError
from tests.support.tls_server import self_signed_server

from .conftest import TOKEN

SAID = "TLS certificate not trusted by this machine: self-signed certificate"


class Kept(logging.Handler):
    """Keeps the app's log records (pytest's caplog sees none once the app's logger stops
    propagating, as a dashboard started earlier in the same process makes it)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


async def test_a_self_signed_certificate_is_named_and_logged(tmp_path: Path) -> None:
    kept = Kept()
    logging.getLogger("krafter_tui").addHandler(kept)
    try:
        with self_signed_server(tmp_path) as server:
            async with KrafterClient(TOKEN, server.api_url) as client:
                for _ in range(2):  # and the same the second time
                    with pytest.raises(UntrustedCertificateError) as caught:
                        await client.list_sites()
                    assert isinstance(caught.value, NetworkError)
                    assert str(caught.value) == f"Network problem: {SAID}."
    finally:
        logging.getLogger("krafter_tui").removeHandler(kept)
    logged = [message for message in kept.messages if "TLS certificate" in message]
    assert len(logged) == 2
    assert "127.0.0.1" in logged[0] and "CERTIFICATE_VERIFY_FAILED" in logged[0]


async def test_the_same_server_trusted_answers(tmp_path: Path) -> None:
    with self_signed_server(tmp_path) as server:
        trusted = ssl.create_default_context(cafile=str(server.cert))
        transport = httpx.AsyncHTTPTransport(verify=trusted)
        async with KrafterClient(TOKEN, server.api_url, transport=transport) as client:
            assert await client.list_sites() == []


def test_the_cli_says_the_certificate_is_not_trusted(tmp_path: Path) -> None:
    with self_signed_server(tmp_path) as server:
        done = subprocess.run(
            [sys.executable, "-m", "krafter_tui", "sites", "--api-url", server.api_url],
            capture_output=True,
            text=True,
            env={**os.environ, "KRAFTER_API_TOKEN": TOKEN},
            timeout=60,
            check=False,
        )
    assert done.returncode == 1, done.stderr
    assert SAID in done.stderr
    assert "could not connect" not in done.stderr
    assert TOKEN not in done.stderr + done.stdout

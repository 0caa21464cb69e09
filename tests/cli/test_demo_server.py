"""``krafter-tui demo-server``: it binds before it prints, and its refusals name the flags."""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from krafter_tui.__main__ import main
from krafter_tui.demo import DEMO_TOKEN

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def taken_port() -> Iterator[int]:
    """A loopback port another server is listening on."""
    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        yield other.getsockname()[1]


def test_a_port_in_use_prints_the_error_and_no_url_or_key(
    capsys: pytest.CaptureFixture[str], taken_port: int
) -> None:
    assert main(["demo-server", "--port", str(taken_port)]) == 1
    out, err = capsys.readouterr()
    assert out == ""  # before: the URL and the key of a server that never ran
    assert err == (
        f"krafter-tui demo-server: error: cannot listen on 127.0.0.1 port {taken_port}: "
        "Address already in use (pick another with --port)\n"
    )


def test_a_remote_host_names_the_flag_that_allows_it(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo-server", "--host", "0.0.0.0"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert "refusing to serve on non-loopback host '0.0.0.0'" in err
    assert "add --allow-remote" in err and "allow_remote=True" not in err


def test_port_0_prints_the_port_it_really_serves_on(tmp_path: Path) -> None:
    code = "import sys; from krafter_tui.__main__ import main; sys.exit(main(sys.argv[1:]))"
    process = subprocess.Popen(
        [sys.executable, "-c", code, "demo-server", "--port", "0"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        url = process.stdout.readline().split()[-1]
        assert url.startswith("http://127.0.0.1:") and not url.startswith("http://127.0.0.1:0/")
        # Bound before printing: the printed URL answers at once, no waiting for a start-up.
        headers = {"Authorization": f"Bearer {DEMO_TOKEN}"}
        response = httpx.get(url + "/sites", headers=headers, timeout=60)
        assert response.status_code == 200
    finally:
        process.terminate()
        process.wait(timeout=30)

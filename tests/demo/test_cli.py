"""``krafter-tui demo-server``: arguments, help, refusals, and a real run in a subprocess."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from krafter_tui.demo import DEMO_TOKEN, demo_server_main

ROOT = Path(__file__).resolve().parents[2]  # the repository


def test_help_documents_the_fault_spec(capsys: pytest.CaptureFixture[str]) -> None:
    assert demo_server_main(["--help"]) == 0
    out = capsys.readouterr().out
    for word in ("--faults SPEC", "latency", "ratelimit", "malformed", "cut", "drop", "--seed"):
        assert word in out


def test_bad_fault_spec_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert demo_server_main(["--faults", "eror=0.1"]) == 2
    assert "did you mean 'error'" in capsys.readouterr().err


def test_traffic_is_one_of_the_shapes(capsys: pytest.CaptureFixture[str]) -> None:
    assert demo_server_main(["--help"]) == 0
    assert "--traffic {normal,spike,drop,quiet}" in capsys.readouterr().out
    assert demo_server_main(["--traffic", "surge"]) == 2
    assert "invalid choice: 'surge'" in capsys.readouterr().err


def test_non_loopback_host_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert demo_server_main(["--host", "0.0.0.0"]) == 2
    assert "non-loopback" in capsys.readouterr().err


def test_serves_and_prints_url_and_key(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    code = (
        "import sys; from krafter_tui.demo import demo_server_main;"
        "sys.exit(demo_server_main(sys.argv[1:]))"
    )
    process = subprocess.Popen(
        [
            *(sys.executable, "-c", code, "--port", str(port)),
            *("--faults", "latency=1ms", "--traffic", "spike"),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        lines = [process.stdout.readline() for _ in range(5)]
        url = f"http://127.0.0.1:{port}/api/v1/analytics"
        assert lines[0].split()[-1] == url
        assert lines[1].split()[-1] == DEMO_TOKEN
        assert "latency=1ms" in lines[3]
        assert lines[4] == "Live traffic: spike (every site's visitors ×6)\n"
        deadline = time.monotonic() + 10
        while True:
            try:
                response = httpx.get(
                    url + "/sites", headers={"Authorization": f"Bearer {DEMO_TOKEN}"}
                )
                break
            except httpx.ConnectError:
                assert time.monotonic() < deadline
                time.sleep(0.05)
        assert response.status_code == 200 and len(response.json()["data"]) == 3
        assert list((tmp_path / "xdg" / "cache" / "krafter-tui" / "demo").glob("*.sqlite3"))
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_importing_the_demo_does_not_import_textual() -> None:
    code = "import sys, krafter_tui.demo; print(any(m.startswith('textual') for m in sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"

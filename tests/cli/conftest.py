"""Fixtures for the command-line tests: isolated dirs and env, keyrings, a loopback API.

Every test gets XDG config/data/cache/state dirs under ``tmp_path``, no ``KRAFTER_*``
variables, and an in-memory keyring. Tests marked ``keyring`` use the REAL Secret Service
backend instead: the first of them starts a private D-Bus session bus and an unlocked
gnome-keyring (see ``secret_service.py``), shared by the rest of the session and stopped at its
end. Without ``dbus-daemon``/``gnome-keyring-daemon`` on PATH they skip, or fail when ``CI``
is set, since CI always installs them.
"""

from __future__ import annotations

import contextlib
import os
import socket
import sys
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import keyring.backend
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

# Make the checkout importable under plain `pytest` even where the package is not installed
# (harmless next to a `pythonpath` setting in pyproject).
_ROOT = str(Path(__file__).resolve().parents[2])
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

from krafter_tui.config import ENV_VARS  # noqa: E402
from krafter_tui.config.options import DashboardOptions  # noqa: E402
from tests.support.keyrings import MemoryKeyring, PlaintextKeyring  # noqa: E402
from tests.support.loopback import serving  # noqa: E402

from .secret_service import INSTALL_HINT, missing_tools, running_secret_service  # noqa: E402

GOOD_TOKEN = "kr_live_" + "Ab3-_x" * 7 + "Q"  # 8 + 43 characters: the documented shape
SCOPED_TOKEN = "kr_live_" + "S" * 43  # valid shape, but mail scopes only: 403
ODD_TOKEN = "legacy-token-0123456789"  # not the documented shape, yet accepted
SITES: list[dict[str, Any]] = [
    {
        "id": "0b7c8f2e-1111-4c1e-9d7a-000000000001",
        "domain": "example.com",
        "name": "Example",
        "site_key": "sk_example",
        "public_stats": False,
        "created_at": "2024-05-01T10:00:00Z",
    },
    {
        "id": "0b7c8f2e-1111-4c1e-9d7a-000000000002",
        "domain": "blog.example.com",
        "name": "Blog [bold]\x1b[31m",
        "site_key": "sk_blog",
        "public_stats": True,
        "created_at": "2024-06-01T10:00:00Z",
    },
]


def pytest_configure(config: pytest.Config) -> None:
    # Harmless if pyproject registers the same marker.
    config.addinivalue_line(
        "markers",
        "keyring: uses the real Secret Service (a private gnome-keyring started by the tests)",
    )


@pytest.fixture
def plaintext_keyring(tmp_path: Path) -> Iterator[PlaintextKeyring]:
    """A plain-file keyring (see :class:`PlaintextKeyring`), made active."""
    backend = PlaintextKeyring()
    backend.file_path = str(tmp_path / "keyring_pass.cfg")
    keyring.set_keyring(backend)
    yield backend


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MemoryKeyring]:
    """XDG dirs under tmp_path, no KRAFTER_* variables, an in-memory keyring."""
    for name in ("CONFIG", "DATA", "CACHE", "STATE"):
        path = tmp_path / "xdg" / name.lower()
        path.mkdir(parents=True, exist_ok=True)  # tests/conftest.py may have made it
        monkeypatch.setenv(f"XDG_{name}_HOME", str(path))
    for var in (*ENV_VARS, "KRAFTER_API_TOKEN"):
        monkeypatch.delenv(var, raising=False)
    previous = keyring.get_keyring()
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    yield memory
    keyring.set_keyring(previous)


@pytest.fixture
def launched(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Replace ``krafter_tui.app`` by a module whose run_dashboard records its arguments."""
    calls: list[dict[str, Any]] = []
    module = types.ModuleType("krafter_tui.app")

    def run_dashboard(options: DashboardOptions, **kwargs: Any) -> int:
        calls.append({"options": options, **kwargs})
        return 0

    module.run_dashboard = run_dashboard  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "krafter_tui.app", module)
    return calls


@pytest.fixture
def config_file(tmp_path: Path) -> Path:
    """Where config.toml is read from in this test (not created)."""
    return tmp_path / "xdg" / "config" / "krafter-tui" / "config.toml"


@pytest.fixture
def write_config(config_file: Path) -> Any:
    """``write_config(text)`` writes config.toml and returns its path."""

    def write(text: str) -> Path:
        config_file.parent.mkdir(parents=True, exist_ok=True)
        config_file.write_text(text, encoding="utf-8")
        return config_file

    return write


def files_containing(root: Path, secret: str) -> list[Path]:
    """Every file under ``root`` whose bytes contain ``secret``."""
    return [p for p in root.rglob("*") if p.is_file() and secret.encode() in p.read_bytes()]


# --- a loopback Krafter API -------------------------------------------------------------------


def loopback_app(seen: list[str] | None = None) -> Starlette:
    """The /sites endpoint, answering 200, 401 or 403 depending on the key; the key of every
    request is appended to ``seen``."""

    async def sites(request: Request) -> JSONResponse:
        token = request.headers.get("authorization", "").removeprefix("Bearer ")
        if seen is not None:
            seen.append(token)
        if token in (GOOD_TOKEN, ODD_TOKEN):
            return JSONResponse({"data": SITES})
        if token == SCOPED_TOKEN:
            return JSONResponse({"error": "Insufficient scope"}, status_code=403)
        return JSONResponse({"error": "Invalid or missing API key"}, status_code=401)

    async def not_found(request: Request) -> JSONResponse:
        return JSONResponse({"error": "Not found"}, status_code=404)

    return Starlette(
        routes=[Route("/api/v1/analytics/sites", sites), Route("/{path:path}", not_found)]
    )


@contextlib.contextmanager
def loopback_server(seen: list[str] | None = None) -> Iterator[str]:
    """A real HTTP server on 127.0.0.1 (tests/support/loopback.py); yields its API root."""
    with serving(loopback_app(seen), log_level="warning") as base:
        yield f"{base}/api/v1/analytics"


@pytest.fixture(scope="session")
def api_url() -> Iterator[str]:
    """The API root of a loopback Krafter API shared by the session."""
    with loopback_server() as url:
        yield url


@pytest.fixture
def other_api() -> Iterator[tuple[str, list[str]]]:
    """A second loopback API and the keys sent to it (to prove a key was NOT sent there)."""
    seen: list[str] = []
    with loopback_server(seen) as url:
        yield url, seen


@pytest.fixture
def closed_port_url() -> Iterator[str]:
    """An API root on a loopback port where nothing listens (connection refused)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))  # bound, never listening: connects are refused
    yield f"http://127.0.0.1:{sock.getsockname()[1]}/api/v1/analytics"
    sock.close()


# --- the real Secret Service --------------------------------------------------------------------


@pytest.fixture(scope="session")
def secret_service_bus() -> Iterator[str]:
    """The address of a private session bus with an unlocked gnome-keyring on it.

    Started on first use, stopped (both daemons, and their temporary directory removed) at the
    end of the test session.
    """
    missing = missing_tools()
    if missing:
        reason = f"{' and '.join(missing)} not on PATH; install them: {INSTALL_HINT}"
        if os.environ.get("CI"):
            pytest.fail(f"CI must provide the Secret Service: {reason}")
        pytest.skip(f"the real-keyring tests need a Secret Service: {reason}")
    with running_secret_service() as address:
        yield address


@pytest.fixture
def real_keyring(
    secret_service_bus: str, monkeypatch: pytest.MonkeyPatch
) -> Iterator[keyring.backend.KeyringBackend]:
    """The real ``keyring.backends.SecretService.Keyring`` on the private bus, made active."""
    from keyring.backends import SecretService

    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", secret_service_bus)
    assert SecretService.Keyring.priority > 0  # raises when the service is unreachable
    previous = keyring.get_keyring()
    backend = SecretService.Keyring()  # type: ignore[no-untyped-call]
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)

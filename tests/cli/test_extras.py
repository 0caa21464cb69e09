"""The optional parts of an installation: the base install carries the dashboard and its demo;
the servers (``[web]``) and the Redis cache (``[redis]``) are extras, and a command that needs
one this installation lacks says in one line how to install it (exit 2, no traceback)."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest

from krafter_tui.cli import main

from .conftest import GOOD_TOKEN

ROOT = Path(__file__).resolve().parents[2]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
SERVERS = ("aiohttp", "textual-serve", "uvicorn", "redis")


def _names(requirements: list[str]) -> set[str]:
    return {re.split(r"[\[<>=;,\s]", r, maxsplit=1)[0].lower() for r in requirements}


def test_the_base_install_has_no_servers_and_no_redis() -> None:
    base = _names(PROJECT["dependencies"])
    assert not base & set(SERVERS), base
    extras = PROJECT["optional-dependencies"]
    assert {"textual-serve", "uvicorn"} <= _names(extras["web"])
    assert _names(extras["redis"]) == {"redis"}
    assert "krafter-tui[web,redis]" in extras["all"]
    assert "krafter-tui[all]" in extras["test"]  # CI tests everything


def _block(modules: tuple[str, ...], monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``modules`` (and what imported them) look not installed."""
    for name in list(sys.modules):
        if name.partition(".")[0] in modules or name.startswith("krafter_tui.web"):
            monkeypatch.delitem(sys.modules, name)
    for name in modules:
        monkeypatch.setitem(sys.modules, name, None)  # `import name` raises ImportError


def _one_line(capsys: pytest.CaptureFixture[str], extra: str) -> str:
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert err.startswith("krafter-tui: error: ")
    assert err.rstrip().endswith(f"pip install 'krafter-tui[{extra}]'"), err
    return err


def test_serve_without_the_web_extra_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _block(("textual_serve",), monkeypatch)
    assert main(["serve", "--demo", "--port", "0"]) == 2
    assert "textual_serve is not installed" in _one_line(capsys, "web")


def test_demo_server_without_uvicorn_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _block(("uvicorn",), monkeypatch)
    assert main(["demo-server", "--port", "0"]) == 2
    assert "`krafter-tui demo-server` needs" in _one_line(capsys, "web")
    assert main(["demo-server", "--help"]) == 0  # its help needs no server
    assert "fault SPEC" in capsys.readouterr().out


@pytest.mark.parametrize("where", ["flag", "env"])
def test_a_redis_cache_without_the_redis_extra_says_how_to_install_it(
    where: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import krafter_tui.cli.launch as launch

    def never(*args: object, **kwargs: object) -> int:
        raise AssertionError("the dashboard opened")

    monkeypatch.setattr(launch, "_load_run_dashboard", lambda: never)
    monkeypatch.setenv("KRAFTER_API_TOKEN", GOOD_TOKEN)
    _block(("redis",), monkeypatch)
    url = "redis://127.0.0.1:1/0"
    if where == "env":
        monkeypatch.setenv("KRAFTER_SHARED_CACHE", url)
        argv = ["--demo"]
    else:
        argv = ["--shared-cache", url]
    assert main(argv) == 2
    assert "Redis shared cache" in _one_line(capsys, "redis")


def test_the_dashboard_and_its_demo_need_no_extra() -> None:
    """In a process where the extras' modules cannot be imported, the dashboard's modules
    import and the demo answers (``sites --demo`` goes through the same in-process demo)."""
    blocked = ("aiohttp", "textual_serve", "uvicorn", "redis", "jinja2")
    script = textwrap.dedent(
        f"""
        import importlib.abc, sys

        class Block(importlib.abc.MetaPathFinder):
            def find_spec(self, name, path=None, target=None):
                if name.partition(".")[0] in {blocked!r}:
                    raise ImportError(f"blocked: {{name}}", name=name)
                return None

        sys.meta_path.insert(0, Block())
        import krafter_tui.app
        from krafter_tui.cli import main
        raise SystemExit(main(["sites", "--demo"]))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    assert "NAME" in done.stdout and "DOMAIN" in done.stdout

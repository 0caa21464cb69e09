"""``--shared-cache``, ``KRAFTER_SHARED_CACHE`` and ``shared_cache`` in config.toml: a URL the
cache cannot use is said in one line before anything starts; a password never shows."""

from __future__ import annotations

from typing import Any

import pytest

from krafter_tui.__main__ import main

HINT = "use sqlite:///path or redis://host:port/db"


@pytest.mark.parametrize(
    "url",
    ["ftp://cache.example/x", "sqlite://relative.db", "sqlite:///", "redis://", "redis://h/x"],
)
def test_an_unusable_url_from_the_flag_stops_before_the_dashboard(
    launched: list[dict[str, Any]], capsys: pytest.CaptureFixture[str], url: str
) -> None:
    assert main(["--demo", "--shared-cache", url]) == 2
    err = capsys.readouterr().err
    assert err == f"krafter-tui: error: --shared-cache: unsupported shared cache {url!r}: {HINT}\n"
    assert launched == []


def test_an_unusable_url_from_the_environment_or_the_file_is_named_there(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], write_config: Any
) -> None:
    monkeypatch.setenv("KRAFTER_SHARED_CACHE", "memcached://127.0.0.1")
    assert main(["config", "show"]) == 2
    err = capsys.readouterr().err
    assert "environment variable KRAFTER_SHARED_CACHE" in err and HINT in err
    monkeypatch.delenv("KRAFTER_SHARED_CACHE")
    path = write_config('shared_cache = "ftp://x"\n')
    assert main(["config", "show"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"krafter-tui: error: {path}: shared_cache") and HINT in err


def test_a_password_in_a_redis_url_is_never_shown(
    launched: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["config", "show", "--shared-cache", "redis://:hunter2@10.0.0.7:6379/1"]) == 0
    out = capsys.readouterr().out
    assert "redis://:***@10.0.0.7:6379/1" in out and "hunter2" not in out
    assert main(["--demo", "--shared-cache", "ftp://me:hunter2@x/"]) == 2
    assert "hunter2" not in capsys.readouterr().err


def test_a_usable_url_reaches_the_dashboard(
    launched: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KRAFTER_SHARED_CACHE", "redis://10.0.0.7:6379/0")
    assert main(["--demo", "--shared-cache", "sqlite:///var/tmp/wall.sqlite3"]) == 0
    assert launched[-1]["options"].shared_cache == "sqlite:///var/tmp/wall.sqlite3"
    assert main(["--demo"]) == 0
    assert launched[-1]["options"].shared_cache == "redis://10.0.0.7:6379/0"

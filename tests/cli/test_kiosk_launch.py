"""Kiosk mode at launch: precedence (flag > env > file) and the DashboardOptions handed over."""

from __future__ import annotations

import sys
import types
from typing import Any

import pytest

from krafter_tui.__main__ import main
from krafter_tui.config import resolve
from krafter_tui.config.options import DashboardOptions


@pytest.fixture
def launched(monkeypatch: pytest.MonkeyPatch) -> list[DashboardOptions]:
    """Replace ``krafter_tui.app`` by a module whose run_dashboard records the options."""
    calls: list[DashboardOptions] = []
    module = types.ModuleType("krafter_tui.app")

    def run_dashboard(options: DashboardOptions, **kwargs: Any) -> int:
        calls.append(options)
        return 0

    module.run_dashboard = run_dashboard  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "krafter_tui.app", module)
    return calls


# --- precedence: flag > env > file > default ------------------------------------------------------

PRECEDENCE = [
    # name, file text, env var, env value, env result, flag argv, flag result
    ("kiosk", "kiosk = false\n", "KRAFTER_KIOSK", "TRUE", True, ["--no-kiosk"], False),
    (
        "kiosk_sites",
        'kiosk = true\nkiosk_sites = ["file"]\n',
        "KRAFTER_KIOSK_SITES",
        "sk_env, Env name",
        ("sk_env", "Env name"),
        ["--kiosk-sites", "flag.example"],
        ("flag.example",),
    ),
    (
        "rotate_sites",
        "kiosk = true\nrotate_sites = 120\n",
        "KRAFTER_ROTATE_SITES",
        "90",
        90.0,
        ["--rotate-sites", "0"],
        0.0,
    ),
    (
        "rotate_dimensions",
        "kiosk = true\nrotate_dimensions = 20\n",
        "KRAFTER_ROTATE_DIMENSIONS",
        "5",
        5.0,
        ["--rotate-dimensions", "30"],
        30.0,
    ),
]


@pytest.mark.parametrize(
    ("name", "text", "var", "raw", "env_value", "argv", "flag_value"),
    PRECEDENCE,
    ids=[row[0] for row in PRECEDENCE],
)
def test_flag_beats_env_beats_file(
    write_config: Any,
    monkeypatch: pytest.MonkeyPatch,
    launched: list[DashboardOptions],
    name: str,
    text: str,
    var: str,
    raw: str,
    env_value: object,
    argv: list[str],
    flag_value: object,
) -> None:
    write_config(text)
    file_value = getattr(resolve(), name)
    assert file_value.source == "file"
    monkeypatch.setenv(var, raw)
    env = getattr(resolve(), name)
    assert (env.value, env.source) == (env_value, f"env {var}")
    assert main(argv) == 0
    (options,) = launched
    assert getattr(options, name) == flag_value


# --- what the dashboard gets --------------------------------------------------------------------


def test_launch_passes_kiosk_options(launched: list[DashboardOptions]) -> None:
    argv = ["--kiosk", "--kiosk-sites", "example.com,blog.example.com", "--rotate-sites", "30"]
    assert main(argv) == 0
    (options,) = launched
    assert options == DashboardOptions(
        kiosk=True,
        kiosk_sites=("example.com", "blog.example.com"),
        rotate_sites=30.0,
        rotate_dimensions=15.0,
    )
    assert isinstance(options.kiosk_sites, tuple)


def test_launch_without_kiosk_has_no_rotation(launched: list[DashboardOptions]) -> None:
    assert main([]) == 0
    (options,) = launched
    assert (options.kiosk, options.kiosk_sites) == (False, ())
    assert (options.rotate_sites, options.rotate_dimensions) == (0.0, 0.0)


def test_launch_kiosk_from_file_and_env(
    launched: list[DashboardOptions], write_config: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_config('kiosk = true\nkiosk_sites = ["sk_blog"]\nrotate_dimensions = 0\n')
    monkeypatch.setenv("KRAFTER_ROTATE_SITES", "300")
    assert main(["--period", "7d"]) == 0
    (options,) = launched
    assert options.kiosk and options.kiosk_sites == ("sk_blog",)
    assert (options.rotate_sites, options.rotate_dimensions) == (300.0, 0.0)


def test_blank_kiosk_sites_flag_means_all_sites(
    launched: list[DashboardOptions], write_config: Any
) -> None:
    write_config('kiosk = true\nkiosk_sites = ["sk_blog"]\n')
    assert main(["--kiosk-sites", " "]) == 0
    assert launched[0].kiosk_sites == ()


def test_no_kiosk_flag_turns_off_a_kiosk_file(
    launched: list[DashboardOptions], write_config: Any
) -> None:
    write_config("kiosk = true\n")
    assert main(["--no-kiosk"]) == 0
    (options,) = launched
    assert not options.kiosk and options.rotate_sites == 0.0


def test_the_overview_joins_the_kiosk_rotation_from_flag_env_or_file(
    launched: list[DashboardOptions], write_config: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["--kiosk", "--kiosk-overview"]) == 0
    write_config("kiosk = true\nkiosk_overview = true\n")
    assert main([]) == 0
    assert main(["--no-kiosk-overview"]) == 0
    monkeypatch.setenv("KRAFTER_KIOSK_OVERVIEW", "0")
    assert main([]) == 0
    assert [options.kiosk_overview for options in launched] == [True, True, False, False]

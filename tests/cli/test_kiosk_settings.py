"""Kiosk settings: defaults, sources and `config show` (precedence at launch: test_kiosk_launch)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from krafter_tui.__main__ import main
from krafter_tui.config import Overrides, resolve


def show(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, tuple[str, str]]:
    """Run ``config show`` and return {name: (value, source)}."""
    assert main(["config", "show", *argv]) == 0
    rows = {}
    for line in capsys.readouterr().out.splitlines()[1:]:
        name, value, source = re.split(r"\s{2,}", line, maxsplit=2)
        rows[name] = (value, source)
    return rows


# --- defaults -----------------------------------------------------------------------------------


def test_kiosk_is_off_and_nothing_rotates_by_default() -> None:
    settings = resolve(environ={})
    assert (settings.kiosk.value, settings.kiosk.source) == (False, "default")
    assert settings.kiosk_sites.value == ()
    assert (settings.rotate_sites.value, settings.rotate_dimensions.value) == (0.0, 0.0)
    assert settings.rotate_sites.source == "default"


@pytest.mark.parametrize("where", ["flag", "env", "file"], ids=["flag", "env", "file"])
def test_kiosk_on_rotates_60_and_15_unless_set(write_config: Any, where: str) -> None:
    env = {"KRAFTER_KIOSK": "yes"} if where == "env" else {}
    if where == "file":
        write_config("kiosk = true\n")
    settings = resolve(Overrides(kiosk=True) if where == "flag" else None, environ=env)
    assert settings.kiosk.value is True
    assert (settings.rotate_sites.value, settings.rotate_sites.source) == (60.0, "default (kiosk)")
    assert settings.rotate_dimensions.value == 15.0
    assert settings.rotate_dimensions.source == "default (kiosk)"


def test_kiosk_rotation_set_to_0_stays_0(write_config: Any) -> None:
    write_config("kiosk = true\nrotate_sites = 0\n")
    settings = resolve(environ={})
    assert (settings.rotate_sites.value, settings.rotate_sites.source) == (0.0, "file")
    assert settings.rotate_dimensions.value == 15.0


def test_file_values(write_config: Any) -> None:
    write_config(
        'kiosk = true\nkiosk_sites = ["sk_example", "Blog", "Blog"]\n'
        "rotate_sites = 45\nrotate_dimensions = 7.5\n"
    )
    settings = resolve(environ={})
    assert settings.kiosk_sites.value == ("sk_example", "Blog")  # duplicates dropped
    assert (settings.rotate_sites.value, settings.rotate_dimensions.value) == (45.0, 7.5)
    kiosk = (
        settings.kiosk,
        settings.kiosk_sites,
        settings.rotate_sites,
        settings.rotate_dimensions,
    )
    assert {s.source for s in kiosk} == {"file"}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1", True), ("yes", True), ("True", True), ("0", False), ("no", False), (" FALSE ", False)],
)
def test_kiosk_env_words(raw: str, expected: bool) -> None:
    assert resolve(environ={"KRAFTER_KIOSK": raw}).kiosk.value is expected


def test_empty_env_is_unset(write_config: Any) -> None:
    write_config("kiosk = true\n")
    settings = resolve(environ={"KRAFTER_KIOSK": "", "KRAFTER_KIOSK_SITES": " "})
    assert settings.kiosk.source == "file" and settings.kiosk_sites.source == "default"


# --- config show -------------------------------------------------------------------------------


def test_sources_in_config_show(
    write_config: Any, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_config('kiosk_sites = ["sk_example", "Blog"]\nrotate_dimensions = 20\n')
    monkeypatch.setenv("KRAFTER_KIOSK", "1")
    rows = show(capsys, "--rotate-sites", "30")
    assert rows["kiosk"] == ("on", "env KRAFTER_KIOSK")
    assert rows["kiosk_sites"] == ("sk_example,Blog", "file")
    assert rows["rotate_sites"] == ("30 s", "flag --rotate-sites")
    assert rows["rotate_dimensions"] == ("20 s", "file")


def test_config_show_kiosk_defaults(capsys: pytest.CaptureFixture[str]) -> None:
    rows = show(capsys)
    assert rows["kiosk"] == ("off", "default")
    assert rows["kiosk_sites"] == ("(all sites)", "default")
    assert rows["rotate_sites"] == ("0 (no rotation)", "default")
    assert rows["rotate_dimensions"] == ("0 (no rotation)", "default")
    rows = show(capsys, "--kiosk", "--rotate-dimensions", "0")
    assert rows["kiosk"] == ("on", "flag --kiosk")
    assert rows["rotate_sites"] == ("60 s", "default (kiosk)")
    assert rows["rotate_dimensions"] == ("0 (no rotation)", "flag --rotate-dimensions")


def test_config_show_marks_kiosk_values_unused_while_off(
    write_config: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    write_config('kiosk = false\nkiosk_sites = ["Blog"]\n')
    rows = show(capsys)
    assert rows["kiosk"] == ("off", "file")
    assert rows["kiosk_sites"] == ("Blog", "file; unused while kiosk is off")
    assert rows["rotate_sites"] == ("0 (no rotation)", "default")


# --- the playlist (kiosk_stops) ----------------------------------------------------------------


def test_kiosk_stops_from_file_env_and_flag(write_config: Any) -> None:
    write_config('kiosk = true\nkiosk_stops = ["Pebble CRM:90", "overview:30", "Blog"]\n')
    settings = resolve(environ={})
    assert settings.kiosk_stops.value == ("Pebble CRM:90", "overview:30", "Blog")
    env = {"KRAFTER_KIOSK_STOPS": "Blog:20, overview"}
    assert resolve(environ=env).kiosk_stops.value == ("Blog:20", "overview")
    flag = resolve(Overrides(kiosk_stops=("Docs:10",)), environ=env)
    assert (flag.kiosk_stops.value, flag.kiosk_stops.source) == (("Docs:10",), "flag --kiosk-stops")


def test_a_stop_with_a_bad_duration_is_skipped_with_a_message() -> None:
    from krafter_tui.config.options import DashboardOptions, kiosk_of

    options = DashboardOptions(
        kiosk=True,
        rotate_sites=45.0,
        kiosk_stops=("Pebble CRM:90", "Blog:soon", "overview:2", "Docs:", "overview", "Blog"),
    )
    kiosk = kiosk_of(options)
    assert kiosk is not None
    assert kiosk.stops == (("Pebble CRM", 90.0), ("overview", 45.0), ("Blog", 45.0))
    assert len(kiosk.warnings) == 3
    assert kiosk.warnings[0].startswith("Kiosk: kiosk_stops: 'Blog:soon' has no valid duration")
    assert "from 5 to 86400" in kiosk.warnings[0] and kiosk.warnings[0].endswith("skipped.")
    assert "'overview:2'" in kiosk.warnings[1] and "'Docs:'" in kiosk.warnings[2]

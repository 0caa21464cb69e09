"""The named periods (today, lastmonth, all...) are taken wherever a period is: the --period
flag, KRAFTER_PERIOD, the settings file and its profiles, and the remembered state."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from krafter_tui.__main__ import main
from krafter_tui.api import PERIOD_NAMES, Period, Site
from krafter_tui.local.remembered import StateStore


def shown_period(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[str, str]:
    """``config show``'s period row: (value, source)."""
    assert main(["config", "show", *argv]) == 0
    for line in capsys.readouterr().out.splitlines()[1:]:
        name, value, source = re.split(r"\s{2,}", line, maxsplit=2)
        if name == "period":
            return value, source
    raise AssertionError("no period row")


@pytest.mark.parametrize("name", PERIOD_NAMES)
def test_the_flag_takes_every_name(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert shown_period(capsys, "--period", name) == (name, "flag --period")


def test_the_flag_still_refuses_what_is_no_period(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--period", "last_month"]) == 2
    error = capsys.readouterr().err
    assert "invalid choice: 'last_month'" in error and "lastmonth" in error


def test_the_environment_takes_the_names(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("KRAFTER_PERIOD", "lastmonth")
    assert shown_period(capsys) == ("lastmonth", "env KRAFTER_PERIOD")


def test_the_settings_file_and_its_profiles_take_the_names(
    write_config: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    write_config(
        'period = "year"\n[profiles.work]\napi_url = "https://w.example/api"\nperiod = "all"\n'
    )
    assert shown_period(capsys)[0] == "year"
    assert shown_period(capsys, "--profile", "work")[0] == "all"


def test_the_settings_file_names_every_period_when_refusing(
    write_config: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    write_config('period = "ytd"\n')
    assert main(["config", "show"]) != 0
    assert "allowed: 7d, 30d, 12mo, today, yesterday, month, lastmonth, year, all" in (
        capsys.readouterr().err
    )


def test_help_lists_the_names(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help-all"]) == 0
    assert "period (7d|30d|12mo|today|yesterday|month|lastmonth|year|all)" in (
        capsys.readouterr().out
    )


SITE = Site(
    id="0b0e4c8e-0000-4000-8000-000000000001",
    domain="example.com",
    name="Example",
    site_key="sk_example",
    public_stats=False,
    created_at="2025-03-14T09:00:00Z",
)


@pytest.mark.parametrize(
    "period",
    [
        *(Period(name) for name in PERIOD_NAMES),
        Period.parse("month").step(-1, date(2026, 11, 26)),
        Period.parse("today").step(-1, date(2026, 11, 26)),
    ],
    ids=str,
)
def test_the_state_file_remembers_named_and_stepped_periods(
    period: Period | None, tmp_path: Path
) -> None:
    assert period is not None
    store = StateStore(tmp_path / "state.json")
    store.save("https://x.example/api", SITE, period)
    assert store.load("https://x.example/api").period == period

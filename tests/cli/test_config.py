"""Settings file validation, precedence (flag > env > profile > file > default), config show."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from krafter_tui.__main__ import main
from krafter_tui.config import DEFAULT_API_URL, Overrides, resolve

FILE = """\
api_url = "https://file.example/api/v1/analytics"
site = "file-site"
period = "12mo"
stats_interval = 120
realtime_interval = 30
theme = "nord"

[profiles.work]
api_url = "https://work.example/api/v1/analytics"
site = "work-site"
period = "30d"

[profiles.bare]
api_url = "https://bare.example/api/v1/analytics"
"""


def show(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, tuple[str, str]]:
    """Run ``config show`` and return {name: (value, source)}."""
    assert main(["config", "show", *argv]) == 0
    rows = {}
    for line in capsys.readouterr().out.splitlines()[1:]:
        name, value, source = re.split(r"\s{2,}", line, maxsplit=2)
        rows[name] = (value, source)
    return rows


def test_defaults_without_a_file(config_file: Path) -> None:
    settings = resolve(environ={})
    assert settings.path == config_file
    assert settings.api_url.value == DEFAULT_API_URL and settings.api_url.source == "default"
    assert settings.period.value is None and settings.site.value is None
    assert settings.profile.value == "default"
    assert (settings.realtime_interval.value, settings.stats_interval.value) == (10.0, 60.0)


def test_file_values(write_config: Any) -> None:
    write_config(FILE)
    settings = resolve(environ={})
    assert settings.api_url.value == "https://file.example/api/v1/analytics"
    assert (settings.site.value, settings.period.value) == ("file-site", "12mo")
    assert (settings.stats_interval.value, settings.realtime_interval.value) == (120.0, 30.0)
    assert settings.theme.value == "nord" and settings.api_url.source == "file"


@pytest.mark.parametrize("key", ["api_url", "site", "period"])
def test_precedence_flag_env_profile_file_default(write_config: Any, key: str) -> None:
    write_config(FILE)
    env_var = {"api_url": "KRAFTER_API_URL", "site": "KRAFTER_SITE", "period": "KRAFTER_PERIOD"}
    values = {
        "api_url": ("https://flag.example/api", "https://env.example/api"),
        "site": ("flag-site", "env-site"),
        "period": ("7d", "12mo"),
    }[key]
    env = {"KRAFTER_PROFILE": "work"}
    # profile table beats the top-level value
    expected_profile = {
        "api_url": "https://work.example/api/v1/analytics",
        "site": "work-site",
        "period": "30d",
    }[key]
    got = getattr(resolve(environ=env), key)
    assert (got.value, got.source) == (expected_profile, "file [profiles.work]")
    # env beats the profile table
    got = getattr(resolve(environ={**env, env_var[key]: values[1]}), key)
    assert (got.value, got.source) == (values[1], f"env {env_var[key]}")
    # a flag beats env
    flags = Overrides(**{key: values[0]})  # type: ignore[arg-type]
    got = getattr(resolve(flags, environ={**env, env_var[key]: values[1]}), key)
    assert got.value == values[0] and got.source.startswith("flag")
    # a profile without the key falls back to the top-level file value, then to the default
    got = getattr(resolve(environ={"KRAFTER_PROFILE": "bare"}), key)
    assert got.source == ("file [profiles.bare]" if key == "api_url" else "file")


def test_precedence_through_the_command_line(
    write_config: Any, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_config(FILE)
    monkeypatch.setenv("KRAFTER_SITE", "env-site")
    monkeypatch.setenv("KRAFTER_REFRESH", "90")
    monkeypatch.setenv("KRAFTER_REALTIME_INTERVAL", "5")
    rows = show(capsys, "--profile", "work", "--period", "7d", "--theme", "dracula")
    assert rows["profile"] == ("work", "flag --profile")
    assert rows["api_url"] == ("https://work.example/api/v1/analytics", "file [profiles.work]")
    assert rows["site"] == ("env-site", "env KRAFTER_SITE")
    assert rows["period"] == ("7d", "flag --period")
    assert rows["stats_interval"] == ("90 s", "env KRAFTER_REFRESH")
    assert rows["realtime_interval"] == ("5 s", "env KRAFTER_REALTIME_INTERVAL")
    assert rows["theme"] == ("dracula", "flag --theme")
    assert rows["token"] == ("(none)", "run `krafter-tui auth login`")


def test_refresh_flag_sets_the_stats_interval(capsys: pytest.CaptureFixture[str]) -> None:
    rows = show(capsys, "--refresh", "45", "--from", "2025-01-01", "--to", "2025-01-31")
    assert rows["stats_interval"] == ("45 s", "flag --refresh")
    assert rows["period"] == ("2025-01-01..2025-01-31", "flag --from/--to")
    assert rows["site"] == ("(last used, else the first site)", "default")


def test_config_path_honours_xdg(capsys: pytest.CaptureFixture[str], config_file: Path) -> None:
    assert main(["config", "path"]) == 0
    assert capsys.readouterr().out.strip() == str(config_file)


def test_show_never_prints_the_token(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    token = "kr_live_" + "Z" * 43
    monkeypatch.setenv("KRAFTER_API_TOKEN", token)
    assert main(["config", "show"]) == 0
    out = capsys.readouterr().out
    assert token not in out and token[:12] + "…" in out and "KRAFTER_API_TOKEN" in out


@pytest.mark.parametrize(
    ("text", "key", "allowed"),
    [
        ('api_url = "https://x.example"\nperiod = \n', None, "not valid TOML"),
        ('colour = "red"\n', "'colour'", "allowed keys: api_url, site, period"),
        ('api_token = "kr_live_secretsecret"\n', "'api_token'", "auth login"),
        ("site = 3\n", "site", "must be a non-empty string (got an integer)"),
        ('period = "90d"\n', "period", "allowed: 7d, 30d, 12mo"),
        ("realtime_interval = 2\n", "realtime_interval", "from 5 to 86400"),
        ("stats_interval = 10\n", "stats_interval", "from 15 to 86400"),
        ('stats_interval = "60"\n', "stats_interval", "number of seconds"),
        ("realtime_interval = true\n", "realtime_interval", "number of seconds"),
        ('theme = "no-such-theme"\n', "theme", "textual-dark"),
        ('api_url = "ftp://x"\n', "api_url", "https://HOST/PATH"),
        ('api_url = "http://example.com/api"\n', "api_url", "plain http:// to a host other"),
        (
            '[profiles.work]\napi_url = "http://10.0.0.5/api"\n',
            "profiles.work.api_url",
            "http:// is allowed only for localhost",
        ),
        ('[profiles.work]\ntheme = "nord"\n', "'theme' in [profiles.work]", "api_url, site"),
        ('[profiles.work]\nperiod = "1d"\n', "profiles.work.period", "7d, 30d, 12mo"),
        ('profiles = "work"\n', "profiles", "[profiles.NAME]"),
    ],
)
def test_invalid_file_is_one_line_and_exit_2(
    write_config: Any,
    capsys: pytest.CaptureFixture[str],
    text: str,
    key: str | None,
    allowed: str,
) -> None:
    path = write_config(text)
    assert main(["config", "show"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith(f"krafter-tui: error: {path}: ")
    if key is not None:
        assert key in err
    assert allowed in err
    assert "kr_live_secretsecret" not in err


def test_invalid_file_also_stops_the_dashboard(
    write_config: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    write_config('period = "90d"\n')
    assert main(["--demo"]) == 2
    assert "period" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("var", "value", "needle"),
    [
        ("KRAFTER_PERIOD", "week", "KRAFTER_PERIOD = 'week' is not a period"),
        ("KRAFTER_REFRESH", "soon", "KRAFTER_REFRESH = 'soon' is not allowed"),
        ("KRAFTER_REALTIME_INTERVAL", "1", "from 5 to 86400"),
        ("KRAFTER_THEME", "pink", "not a Textual theme"),
        ("KRAFTER_API_URL", "app.krafter.dev", "not an API URL"),
        ("KRAFTER_API_URL", "http://example.com/api/v1/analytics", "plain http:// to a host"),
        ("KRAFTER_PROFILE", "../x", "profile names use"),
    ],
)
def test_invalid_environment_is_exit_2(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    var: str,
    value: str,
    needle: str,
) -> None:
    monkeypatch.setenv(var, value)
    assert main(["config", "show"]) == 2
    err = capsys.readouterr().err
    assert needle in err and f"environment variable {var}" in err and err.count("\n") == 1


def test_unknown_profile_is_exit_2(write_config: Any, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_config(FILE)
    assert main(["config", "show", "--profile", "wrok"]) == 2
    err = capsys.readouterr().err
    assert f"{path}: no [profiles.wrok] table" in err and "defined profiles: bare, work" in err


def test_defaults_match_the_client_and_the_dashboard() -> None:
    from krafter_tui import api, config
    from krafter_tui.config.options import DashboardOptions

    assert config.DEFAULT_API_URL == api.DEFAULT_API_URL
    assert DashboardOptions().realtime_interval == config.DEFAULT_REALTIME_INTERVAL
    assert DashboardOptions().stats_interval == config.DEFAULT_STATS_INTERVAL


def test_plain_http_to_another_host_is_refused_before_the_dashboard_starts(
    launched: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    for argv in (
        ["--api-url", "http://example.com/api/v1/analytics"],
        ["sites", "--api-url", "http://example.com/x"],
    ):
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert err.startswith("krafter-tui: error: --api-url = 'http://example.com/")
        assert "use https://" in err and err.count("\n") == 1
    assert launched == []


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8787/api/v1/analytics",
        "http://localhost:8787/api/v1/analytics",
        "http://[::1]:8787/api/v1/analytics",
        "http://demo.localhost/api/v1/analytics",
        "HTTPS://example.com/api/v1/analytics",
    ],
)
def test_https_and_loopback_http_are_allowed(capsys: pytest.CaptureFixture[str], url: str) -> None:
    assert main(["config", "show", "--api-url", url]) == 0
    assert url in capsys.readouterr().out


def test_show_gives_the_url_stored_with_the_key_and_flags_a_mismatch(
    capsys: pytest.CaptureFixture[str], isolated: Any
) -> None:
    from tests.support.keyrings import store_key

    from .conftest import GOOD_TOKEN

    store_key(isolated, GOOD_TOKEN, "http://127.0.0.1:9/api/v1/analytics")
    rows = show(capsys)
    assert rows["api_url"] == (
        "http://127.0.0.1:9/api/v1/analytics",
        "stored with the key by `auth login`",
    )
    rows = show(capsys, "--api-url", "https://x.example/api")
    assert rows["api_url"] == ("https://x.example/api", "flag --api-url")
    value, source = rows["token"]
    assert value == GOOD_TOKEN[:12] + "…"
    assert "NOT USED: stored for http://127.0.0.1:9/api/v1/analytics" in source

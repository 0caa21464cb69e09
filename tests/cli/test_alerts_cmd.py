"""``krafter-tui alerts test``: the user's alert command run once with a sample alert, as a
real alert runs it (every ``KRAFTER_ALERT_*`` variable, cleaned; no API key), and what it did
printed: its exit status, its time, the end of its stderr, cleaned."""

from __future__ import annotations

import json
import shlex
import sys
import time
from pathlib import Path

import pytest

from krafter_tui.__main__ import main

from .conftest import GOOD_TOKEN

DUMP_ENV = "import json, os, sys; json.dump(dict(os.environ), open(sys.argv[1], 'w'))"
ALERT_VARS = {
    "KRAFTER_ALERT_KIND",
    "KRAFTER_ALERT_SITE",
    "KRAFTER_ALERT_SITE_ID",
    "KRAFTER_ALERT_VISITORS",
    "KRAFTER_ALERT_BASELINE",
    "KRAFTER_ALERT_AT",
    "KRAFTER_ALERT_MESSAGE",
}


def use_command(monkeypatch: pytest.MonkeyPatch, *words: str) -> None:
    monkeypatch.setenv("KRAFTER_ALERT_COMMAND", shlex.join(words))


def dumped(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, *argv: str
) -> tuple[int, dict[str, str]]:
    out = tmp_path / "env.json"
    use_command(monkeypatch, sys.executable, "-c", DUMP_ENV, str(out))
    status = main(["alerts", "test", *argv])
    return status, json.loads(out.read_text()) if out.exists() else {}


def test_the_demo_sample_sets_every_variable_and_not_the_key(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("KRAFTER_API_TOKEN", GOOD_TOKEN)
    monkeypatch.setenv("MY_COPY_OF_IT", f"Bearer {GOOD_TOKEN}")
    status, env = dumped(monkeypatch, tmp_path, "--demo")
    assert status == 0
    alert = {name: value for name, value in env.items() if name.startswith("KRAFTER_")}
    assert set(alert) == ALERT_VARS
    assert alert["KRAFTER_ALERT_KIND"] == "spike"
    assert alert["KRAFTER_ALERT_SITE"] == "Pebble CRM"
    assert alert["KRAFTER_ALERT_SITE_ID"] == "sk_pbl7c2m9x4qa"
    assert (alert["KRAFTER_ALERT_VISITORS"], alert["KRAFTER_ALERT_BASELINE"]) == ("48", "12")
    assert alert["KRAFTER_ALERT_MESSAGE"] == (
        "Spike on Pebble CRM: 48 visitors now (×4.0); usually about 12."
    )
    assert len(alert["KRAFTER_ALERT_AT"]) == 20 and alert["KRAFTER_ALERT_AT"].endswith("Z")
    assert "MY_COPY_OF_IT" not in env and GOOD_TOKEN not in json.dumps(env)
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("Running python")
    assert out[0].endswith(" with a sample alert: Spike on Pebble CRM (spike)")
    assert out[1].endswith(" s") and ": exit status 0, after " in out[1]
    assert len(out) == 2  # nothing on stderr: nothing more said


@pytest.mark.parametrize(
    ("kind", "expected"),
    [("drop", "drop"), ("quiet", "zero"), ("new_source", "new_source")],
)
def test_each_kind_is_set_as_the_dashboard_sets_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, kind: str, expected: str
) -> None:
    status, env = dumped(monkeypatch, tmp_path, "--demo", "--kind", kind)
    assert status == 0
    assert env["KRAFTER_ALERT_KIND"] == expected
    extra = {"KRAFTER_ALERT_SOURCE", "KRAFTER_ALERT_SOURCE_KIND"}
    names = {name for name in env if name.startswith("KRAFTER_")}
    assert names == (ALERT_VARS | extra if kind == "new_source" else ALERT_VARS)
    if kind == "new_source":
        assert env["KRAFTER_ALERT_SOURCE"] == "news.ycombinator.com"
        assert env["KRAFTER_ALERT_SOURCE_KIND"] == "referrer"


def test_a_site_name_arrives_cleaned(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, env = dumped(monkeypatch, tmp_path, "--site", "Blog\x1b[31m\u202e")
    assert status == 0
    assert env["KRAFTER_ALERT_SITE"] == "Blog\ufffd[31m\ufffd"
    assert env["KRAFTER_ALERT_SITE_ID"] == "sk_example"
    assert "\x1b" not in env["KRAFTER_ALERT_MESSAGE"]
    assert "\x1b" not in capsys.readouterr().out


def test_without_a_site_the_sample_names_an_example(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    status, env = dumped(monkeypatch, tmp_path)
    assert status == 0
    assert env["KRAFTER_ALERT_SITE"] == "Example site"


FAIL = (
    "import sys\n"
    "sys.stderr.write('early line\\n' * 500)\n"
    "sys.stderr.write('Traceback: \\x1b[31mred\\x1b]0;title\\x07\\n')\n"
    "sys.stderr.write('KeyError: nope\\n')\n"
    "sys.exit(3)"
)


def test_a_failing_command_says_its_status_and_last_lines(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    use_command(monkeypatch, sys.executable, "-c", FAIL)
    assert main(["alerts", "test", "--demo"]) == 1
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert ": exit status 3, after " in lines[1]
    assert lines[2] == "Its stderr ended with:"
    assert lines[-2:] == ["  Traceback: \ufffd[31mred\ufffd]0;title\ufffd", "  KeyError: nope"]
    assert len(lines) == 3 + 5  # the last five lines only
    assert "\x1b" not in out and "\x07" not in out


def test_a_command_that_hangs_is_stopped_at_the_timeout(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    use_command(monkeypatch, "/bin/sh", "-c", "sleep 60 & sleep 60")
    started = time.monotonic()
    assert main(["alerts", "test", "--timeout", "0.5"]) == 1
    assert time.monotonic() - started < 10
    out = capsys.readouterr().out.splitlines()
    assert out[1].startswith("sh: took longer than 0.5 s and was stopped, after 0.")


def test_the_timeout_is_capped(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    use_command(monkeypatch, "true")
    assert main(["alerts", "test", "--timeout", "31"]) == 2
    assert "at most 30 seconds" in capsys.readouterr().err


def test_a_missing_program_is_a_failure(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    use_command(monkeypatch, str(tmp_path / "no-such-program"))
    assert main(["alerts", "test"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[1].startswith("no-such-program: could not start: No such file or directory")


def test_no_command_set_is_a_clear_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["alerts", "test", "--demo"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("krafter-tui: error: no alert_command is set: ")
    assert "KRAFTER_ALERT_COMMAND" in captured.err

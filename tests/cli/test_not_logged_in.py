"""A command that needs a key, run without one, first says what to do (log in, or try the
demo); why the keyring could not help comes after. And ``--site`` naming two sites names
both, in the same words as the dashboard."""

from __future__ import annotations

import keyring
import pytest
from keyring.backends import fail

from krafter_tui.__main__ import main

LEAD = "krafter-tui: error: not logged in (profile 'default'): `krafter-tui auth login`"


@pytest.mark.parametrize("argv", [["sites"], ["export", "--site", "Pebble CRM"]])
@pytest.mark.parametrize("backend", ["memory", "none"])
def test_a_command_without_a_key_leads_with_login_or_demo(
    capsys: pytest.CaptureFixture[str], argv: list[str], backend: str
) -> None:
    if backend == "none":
        keyring.set_keyring(fail.Keyring())  # type: ignore[no-untyped-call]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert err.startswith(LEAD), err
    first = err.split(". ")[0]
    assert "or try `--demo`" in first, err
    if backend == "none":
        # The keyring's trouble is said too, after what to do.
        assert err.index("No usable OS keyring") > err.index("--demo")
    else:
        assert "keyring" not in err.lower()
    assert err.count("\n") == 1 and "Traceback" not in err


def test_the_demo_answers_what_the_message_suggests(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sites", "--demo"]) == 0
    assert "Pebble CRM" in capsys.readouterr().out


def test_export_names_both_sites_a_name_matches_and_none_for_a_miss(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["export", "--demo", "--site", "Pebble"]) == 1
    err = capsys.readouterr().err
    assert "'Pebble' matches 2 sites (Pebble CRM, Pebble Docs): give its site key" in err
    assert main(["export", "--demo", "--site", "Nothing"]) == 1
    err = capsys.readouterr().err
    assert "no site matches 'Nothing' (the sites: Pebble CRM, Pebble Docs, Slow Brew" in err

"""The hostile corpus through the commands' output: the bytes ``krafter-tui`` writes to stdout
and stderr, read from a real process talking to a loopback API that serves the corpus."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator

import pytest

from tests.support.demo_server import serving
from tests.support.hostile import CORPUS, assert_no_payload, hostile_api

from .conftest import GOOD_TOKEN


@pytest.fixture(scope="module")
def hostile_url() -> Iterator[str]:
    with serving(hostile_api()) as base:
        yield f"{base}/api/v1/analytics"


def run(*args: str, **env: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "krafter_tui", *args],
        capture_output=True,
        env={**os.environ, "KRAFTER_API_TOKEN": GOOD_TOKEN, "NO_COLOR": "1", **env},
        timeout=60,
        check=False,
    )


def test_the_sites_table_shows_the_corpus_as_text(hostile_url: str) -> None:
    done = run("sites", "--api-url", hostile_url)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert b"\x1b" not in out and b"\x07" not in out  # the CLI itself writes no escape at all
    assert_no_payload(out, "sites table")
    out.decode("utf-8")  # valid UTF-8 throughout
    assert "sk_3M4\ufffd]52;c;UFdORUQ=\ufffd".encode() in out  # the key column, cleaned
    assert "MA東京🚀👍🏽".encode() in out  # wide characters kept
    lines = out.decode().splitlines()
    assert len(lines) == 1 + len(CORPUS)  # U+2028 and friends split no row


def test_sites_json_carries_no_control_character(hostile_url: str) -> None:
    done = run("sites", "--json", "--api-url", hostile_url)
    assert done.returncode == 0, done.stderr
    assert_no_payload(done.stdout, "sites --json")
    sites = json.loads(done.stdout)
    names = [site["name"] for site in sites]
    # `jq -r .[].name` prints these raw: they must be as clean as what the table shows.
    assert names[3] == "M4\ufffd]52;c;UFdORUQ=\ufffd" and names[7] == "M8ZWSP"
    for site in sites:
        for value in site.values():
            assert not isinstance(value, str) or value.isprintable(), value


def test_error_messages_and_echoed_settings_are_clean(hostile_url: str) -> None:
    hostile = "\x1b]0;PWNED\x07\u202eevil\u200b"
    done = run("sites", "--api-url", hostile_url.replace("/api/", f"/{hostile}/"))
    assert done.returncode != 0
    assert_no_payload(done.stderr, "error message")
    assert b"\x1b" not in done.stderr
    shown = run("config", "show", KRAFTER_SITE=hostile)
    assert shown.returncode == 0, shown.stderr
    assert_no_payload(shown.stdout, "config show")
    assert "\ufffd]0;PWNED\ufffd".encode() in shown.stdout  # the user's value, shown as text

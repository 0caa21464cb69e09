"""clean_server_text (server strings made safe for a terminal) and is_loopback_host."""

from __future__ import annotations

import pytest

from krafter_tui.api import clean_server_text, is_loopback_host


def test_plain_text_is_left_alone() -> None:
    assert clean_server_text("Invalid or missing API key") == "Invalid or missing API key"


def test_ansi_escape_sequences_cannot_reach_the_terminal() -> None:
    cleaned = clean_server_text("boom\x1b[2J\x1b]0;pwned\x07 done")
    assert "\x1b" not in cleaned and "\x07" not in cleaned
    assert cleaned.startswith("boom") and cleaned.endswith("done")


def test_c1_control_characters_are_removed() -> None:
    cleaned = clean_server_text("a\x9b31mb\x85c")
    assert "\x9b" not in cleaned and "\x85" not in cleaned


@pytest.mark.parametrize(
    "mark",
    [
        "\u202e",
        "\u202a",
        "\u202b",
        "\u202c",
        "\u202d",
        "\u2066",
        "\u2067",
        "\u2068",
        "\u2069",
        "\u200e",
        "\u200f",
    ],
)
def test_bidi_overrides_cannot_reorder_what_the_user_reads(mark: str) -> None:
    cleaned = clean_server_text(f"invoice{mark}fdp.exe")
    assert mark not in cleaned
    assert cleaned.startswith("invoice")


def test_newlines_and_tabs_become_one_line() -> None:
    cleaned = clean_server_text("line one\nline two\r\tend")
    assert "\n" not in cleaned and "\r" not in cleaned and "\t" not in cleaned


def test_long_server_text_is_cut_to_the_limit_with_an_ellipsis() -> None:
    cleaned = clean_server_text("x" * 5000)
    assert len(cleaned) == 200
    assert cleaned.endswith("…")
    assert len(clean_server_text("y" * 50, limit=10)) == 10


def test_text_exactly_at_the_limit_is_not_cut() -> None:
    assert clean_server_text("z" * 200) == "z" * 200


def test_non_string_values_are_shown_as_text() -> None:
    assert clean_server_text(42) == "42"
    assert clean_server_text(None) == "None"


def test_ordinary_unicode_survives_cleaning() -> None:
    assert clean_server_text("Zürich – 東京 – Beograd") == "Zürich – 東京 – Beograd"


def test_zero_width_and_other_invisible_characters_are_removed() -> None:
    text = "Ac\u200bme\u200c \u200dS\u2060h\ufeffop\u00ad \U000e0041\U000e007f"
    assert clean_server_text(text) == "Acme Shop"


def test_line_and_paragraph_separators_become_spaces() -> None:
    assert clean_server_text("one\u2028two\u2029three\x85four") == "one two three four"


def test_lone_surrogates_cannot_break_the_terminal_encoding() -> None:
    cleaned = clean_server_text("a\ud800b\udfffc")
    assert cleaned == "a\ufffdb\ufffdc"
    cleaned.encode("utf-8")  # a lone surrogate here would raise UnicodeEncodeError


def test_every_control_and_format_character_is_caught() -> None:
    """The sanitiser's character classes against the Unicode database this Python ships."""
    import sys
    import unicodedata

    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if unicodedata.category(char) in ("Cc", "Cf", "Cs", "Zl", "Zp"):
            for lines in (False, True):
                cleaned = clean_server_text(f"a{char}b", lines=lines)
                assert char not in cleaned or (lines and char == "\n"), hex(code)


def test_wide_characters_and_emoji_are_kept() -> None:
    text = "東京の店 · 🚀 Launch · café · Ελλάδα · مرحبا · 👍🏽"
    assert clean_server_text(text) == text


def test_lines_mode_keeps_newlines_and_indentation() -> None:
    text = "Traceback:\r\n  File x\n    boom\x1b]0;PWNED\x07\u2028next\n"
    cleaned = clean_server_text(text, None, lines=True)
    assert cleaned == "Traceback:\n  File x\n    boom\ufffd]0;PWNED\ufffd next\n"


def test_ten_thousand_characters_are_cut_unless_no_limit() -> None:
    assert len(clean_server_text("\x1b" * 10_000)) == 200
    assert len(clean_server_text("é" * 10_000, None)) == 10_000


@pytest.mark.parametrize(
    "host",
    [
        "localhost",
        "LOCALHOST",
        "localhost.",
        "127.0.0.1",
        "127.5.6.7",
        "127.255.255.254",
        "::1",
        "[::1]",
        "app.localhost",
    ],
)
def test_loopback_hosts_are_recognised(host: str) -> None:
    assert is_loopback_host(host)


@pytest.mark.parametrize(
    "host",
    [
        "example.com",
        "app.krafter.dev",
        "0.0.0.0",
        "10.0.0.1",
        "192.168.1.10",
        "128.0.0.1",
        "localhost.example.com",
        "127.0.0.1.nip.io",
        "::",
        "fe80::1",
        "",
        "evil-localhost",
    ],
)
def test_other_hosts_are_not_loopback(host: str) -> None:
    assert not is_loopback_host(host)

"""A server that echoes the key back in any form: without ``kr_live_``, in another case, cut
short, broken up by zero-width characters, spaces or a line break, in full-width letters. None
of its secret part reaches a message; the 12-character prefix a UI may show still can."""

from __future__ import annotations

import pytest

from krafter_tui.api import BadRequestError, KeyRedactor, KrafterClient
from tests.support import hostile_answers

from .conftest import TOKEN
from .payloads import SITE_KEY
from .scripted_server import ScriptedServer, json_reply

SECRET = TOKEN[8:]  # what follows kr_live_
ZWSP, ZWJ, SHY = "\u200b", "\u200d", "\u00ad"


def leaked(text: str) -> str | None:
    return hostile_answers.leaked(text, TOKEN)


def full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


ECHOES = {
    "exact": TOKEN,
    "no prefix": SECRET,
    "lower case": TOKEN.lower(),
    "upper case, no prefix": SECRET.upper(),
    "zero-width inside": TOKEN[:20] + ZWSP + TOKEN[20:35] + ZWJ + TOKEN[35:],
    "zero-width between every character": ZWSP.join(TOKEN),
    "soft hyphens": SHY.join(SECRET),
    "spaces": " ".join(SECRET[i : i + 4] for i in range(0, len(SECRET), 4)),
    "line break": TOKEN[:30] + "\r\n" + TOKEN[30:],
    "cut short": TOKEN[:20],
    "only the middle": SECRET[10:30],
    "full width": full_width(TOKEN),
    "quoted in html": f"<b>{TOKEN[:25]}</b>{TOKEN[25:]}",
}


@pytest.mark.parametrize("echo", list(ECHOES.values()), ids=list(ECHOES))
async def test_an_echoed_key_in_any_form_is_redacted(
    server: ScriptedServer, client: KrafterClient, echo: str
) -> None:
    assert leaked(echo) is not None or echo == TOKEN[:20]  # the echo does carry the secret
    server.script(
        json_reply(
            {"error": f"Invalid key '{echo}'", "details": {echo: [f"key {echo} unknown"]}},
            status=422,
        )
    )
    with pytest.raises(BadRequestError) as caught:
        await client.realtime(SITE_KEY)
    shown = [str(caught.value), repr(caught.value), str(caught.value.details)]
    for text in shown:
        assert leaked(text) is None, text
        assert TOKEN[12:20] not in text  # not even the characters right after the prefix
    assert "Invalid key '" in str(caught.value) and "…" in str(caught.value)


def test_the_prefix_a_ui_may_show_stays_readable() -> None:
    redact = KeyRedactor(TOKEN)
    assert redact(f"bad token {TOKEN}!") == f"bad token {TOKEN[:12]}…!"
    assert redact(SECRET) == SECRET[:4] + "…"
    assert redact(TOKEN[:12]) == TOKEN[:12]  # what auth status shows is not cut again
    # Cut short just past the prefix: even a few characters more than 12 are too many.
    assert redact(f"key {TOKEN[:15]}?") == f"key {TOKEN[:12]}…?"
    assert redact(f"key {TOKEN[:15].upper()}?") == f"key {TOKEN[:12].upper()}…?"
    assert redact(f"{TOKEN[:12]}…") == f"{TOKEN[:12]}…"
    assert TOKEN[12:] not in repr(redact)


@pytest.mark.parametrize(
    "text",
    [
        "Validation failed",
        "from: must be a date like 2025-01-01",
        "period must be one of 7d, 30d, 12mo, custom",
        "kr_live_ keys need the analytics:read scope",
        "x" * 5000,
    ],
)
def test_ordinary_server_text_is_left_alone(text: str) -> None:
    assert KeyRedactor(TOKEN)(text) == text


def test_a_token_of_another_shape_is_cut_after_its_first_12_characters() -> None:
    other = "abc-123-secret-xyz-0987654321"  # no kr_ prefix
    assert KeyRedactor(other)(f"token {other} refused") == f"token {other[:12]}… refused"
    tiny = KeyRedactor("s3cr3t")  # all of it within the 12 a UI may show: as before, kept
    assert tiny("the s3cr3t word") == "the s3cr3t word"

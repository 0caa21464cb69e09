"""A 200 answer that breaks the contract gives BadResponseError naming where, never a crash.

Each body is served over loopback HTTP; the user must see "unexpected response at <field>",
not a traceback, a KeyError, or a silently wrong number on the dashboard.
"""

from __future__ import annotations

import gzip

import pytest

from krafter_tui.api import BadResponseError, KrafterClient, Period

from .payloads import EVENTS_30D, SITE_KEY, STATS_7D
from .scripted_server import Reply, ScriptedServer, json_reply

PROXY_HTML = b"<!DOCTYPE html><html><body><h1>Welcome to nginx!</h1></body></html>"


def stats_with(old: bytes, new: bytes) -> bytes:
    """The published stats body with one piece replaced (the piece must be there)."""
    assert old in STATS_7D, old
    return STATS_7D.replace(old, new, 1)


async def fetch_stats(client: KrafterClient) -> object:
    return await client.stats(SITE_KEY, Period.parse("7d"), ["path", "country"])


# (id, body, path the error must name, words the message must contain)
STATS_CASES = [
    ("not-json", b"this is not json", "$", "not valid JSON"),
    ("html-with-200", PROXY_HTML, "$", "not valid JSON"),
    ("cut-off-json", STATS_7D[: len(STATS_7D) // 2], "$", "not valid JSON"),
    (
        "invalid-utf8-in-a-value",
        stats_with(b'"value": "/pricing"', b'"value": "/pr\xffcing"'),
        "$",
        "not valid UTF-8",
    ),
    ("data-null", b'{"data": null}', "$.data", "got `null`"),
    ("missing-data", b'{"stats": {}}', "$", "`data`"),
    ("array-at-top", b"[]", "$", "got `array`"),
    ("array-for-data", b'{"data": []}', "$.data", "got `array`"),
    (
        "string-count",
        stats_with(b'"visitors": 500', b'"visitors": "500"'),
        "$.data.totals.visitors",
        "got `str`",
    ),
    (
        "null-count",
        stats_with(b'"pageviews": 1000', b'"pageviews": null'),
        "$.data.totals.pageviews",
        "got `null`",
    ),
    (
        "negative-count",
        stats_with(b'"pageviews": 95', b'"pageviews": -95'),
        "$.data.timeseries[2].pageviews",
        ">= 0",
    ),
    (
        "huge-float-count",
        stats_with(b'"visits": 600', b'"visits": 1e30'),
        "$.data.totals.visits",
        "got `float`",
    ),
    (
        "huge-int-count",
        stats_with(b'"visits": 600', b'"visits": ' + str(10**30).encode()),
        "$.data.totals.visits",
        "<=",
    ),
    (
        "bad-date",
        stats_with(b'"date": "2025-02-14"', b'"date": "2025-02-30"'),
        "$.data.timeseries[3].date",
        "date",
    ),
    (
        "words-for-date",
        stats_with(b'"from": "2025-02-11"', b'"from": "last tuesday"'),
        "$.data.period.from",
        "date",
    ),
    (
        "missing-totals",
        stats_with(b'"totals"', b'"totalz"'),
        "$.data",
        "`totals`",
    ),
    (
        "object-for-timeseries",
        stats_with(b'"timeseries": [', b'"timeseries": {"x": [').replace(
            b'],\n    "breakdown"', b']},\n    "breakdown"', 1
        ),
        "$.data.timeseries",
        "got `object`",
    ),
    (
        "missing-asked-breakdown",
        stats_with(b'"country": [', b'"device": ['),
        "$.data.breakdown.country",
        "missing",
    ),
    (
        "percent-over-100",
        stats_with(b'"percent": 50.0', b'"percent": 250.0'),
        "percent",
        "<= 100.5",
    ),
    (
        "string-for-percent",
        stats_with(b'"percent": 50.0', b'"percent": "50%"'),
        "percent",
        "got `str`",
    ),
]


@pytest.mark.parametrize(
    ("body", "path", "words"), [case[1:] for case in STATS_CASES], ids=[c[0] for c in STATS_CASES]
)
async def test_malformed_stats_body_is_a_bad_response_naming_the_field(
    server: ScriptedServer, client: KrafterClient, body: bytes, path: str, words: str
) -> None:
    server.script(json_reply(body))
    with pytest.raises(BadResponseError) as caught:
        await fetch_stats(client)
    error = caught.value
    if path.startswith("$"):
        assert error.path == path
    else:
        assert error.path.startswith("$.data.breakdown") and error.path.endswith(path)
    assert words in str(error)
    assert str(error).startswith(f"Unexpected response from the server at {error.path}:")


async def test_empty_body_with_200_is_a_bad_response_saying_it_is_empty(
    server: ScriptedServer, client: KrafterClient
) -> None:
    server.script(Reply(status=200, body=b""))
    with pytest.raises(BadResponseError) as caught:
        await fetch_stats(client)
    assert caught.value.path == "$"
    assert "the body is empty" in str(caught.value)


async def test_whitespace_only_body_counts_as_empty(
    server: ScriptedServer, client: KrafterClient
) -> None:
    server.script(Reply(status=200, body=b" \r\n\t"))
    with pytest.raises(BadResponseError, match="the body is empty"):
        await client.realtime(SITE_KEY)


async def test_breakdown_missing_altogether_when_dimensions_were_asked_is_a_bad_response(
    server: ScriptedServer, client: KrafterClient
) -> None:
    start = STATS_7D.index(b',\n    "breakdown"')
    body = STATS_7D[:start] + b"\n  }\n}"
    server.script(json_reply(body))
    with pytest.raises(BadResponseError) as caught:
        await fetch_stats(client)
    assert caught.value.path == "$.data.breakdown.path"


@pytest.mark.parametrize(
    ("body", "path"),
    [
        (b'{"data": {"current_visitors": -1}}', "$.data.current_visitors"),
        (b'{"data": {"current_visitors": "5"}}', "$.data.current_visitors"),
        (b'{"data": {"current_visitors": 5.5}}', "$.data.current_visitors"),
        (b'{"data": {"current_visitors": true}}', "$.data.current_visitors"),
        (b'{"data": {}}', "$.data"),
        (b'{"data": 5}', "$.data"),
    ],
)
async def test_malformed_realtime_body_is_a_bad_response(
    server: ScriptedServer, client: KrafterClient, body: bytes, path: str
) -> None:
    server.script(json_reply(body))
    with pytest.raises(BadResponseError) as caught:
        await client.realtime(SITE_KEY)
    assert caught.value.path == path


@pytest.mark.parametrize(
    ("old", "new", "path"),
    [
        (b'"revenue": 4355.00', b'"revenue": 1e30', "$.data[1].revenue"),
        (b'"revenue": 4355.00', b'"revenue": "4355.00"', "$.data[1].revenue"),
        (b'"total": 245', b'"total": -245', "$.data[0].total"),
        (b'"event_name": "download"', b'"event_name": 42', "$.data[2].event_name"),
        (b'"unique_count": 82,', b"", "$.data[1]"),
    ],
)
async def test_malformed_events_body_names_the_event_and_field(
    server: ScriptedServer, client: KrafterClient, old: bytes, new: bytes, path: str
) -> None:
    assert old in EVENTS_30D
    server.script(json_reply(EVENTS_30D.replace(old, new, 1)))
    with pytest.raises(BadResponseError) as caught:
        await client.events(SITE_KEY, Period.parse("30d"))
    assert caught.value.path == path


async def test_events_as_an_object_instead_of_a_list_is_a_bad_response(
    server: ScriptedServer, client: KrafterClient
) -> None:
    server.script(json_reply(b'{"data": {"signup": 245}}'))
    with pytest.raises(BadResponseError) as caught:
        await client.events(SITE_KEY, Period.parse("30d"))
    assert caught.value.path == "$.data"


async def test_site_without_a_site_key_is_a_bad_response(
    server: ScriptedServer, client: KrafterClient
) -> None:
    server.script(json_reply(b'{"data": [{"id": "x", "domain": "a.b", "name": "A"}]}'))
    with pytest.raises(BadResponseError) as caught:
        await client.list_sites()
    assert caught.value.path == "$.data[0]"


async def test_body_claiming_gzip_that_is_not_gzip_is_a_bad_response(
    server: ScriptedServer, client: KrafterClient
) -> None:
    server.script(
        Reply(
            status=200,
            headers=(("content-type", "application/json"), ("content-encoding", "gzip")),
            body=b'{"data": {"current_visitors": 5}}',
        )
    )
    with pytest.raises(BadResponseError) as caught:
        await client.realtime(SITE_KEY)
    assert "Content-Encoding" in str(caught.value)


async def test_a_properly_gzipped_body_is_read(
    server: ScriptedServer, client: KrafterClient
) -> None:
    server.script(
        Reply(
            status=200,
            headers=(("content-type", "application/json"), ("content-encoding", "gzip")),
            body=gzip.compress(b'{"data": {"current_visitors": 5}}'),
        )
    )
    assert (await client.realtime(SITE_KEY)).current_visitors == 5

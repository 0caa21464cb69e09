"""The published example payloads, served over real loopback HTTP, parse into exactly their values.

Also checks what each request carries: the bearer token, the User-Agent, the documented path and
the query parameters, with all nine dimensions in a single request.
"""

from __future__ import annotations

from datetime import date

import pytest

from krafter_tui import __version__
from krafter_tui.api import DIMENSIONS, KrafterClient, NotFoundError, Period

from .conftest import TOKEN
from .payloads import EVENTS_30D, REALTIME, SITE_KEY, SITES, STATS_7D, STATS_7D_DAYS
from .scripted_server import ScriptedServer, json_reply, rate_headers

API_PATH = "/api/v1/analytics"


async def test_published_stats_example_gives_the_documented_totals(
    server: ScriptedServer, client: KrafterClient
) -> None:
    server.script(json_reply(STATS_7D, headers=rate_headers()))
    stats = await client.stats(SITE_KEY, Period.parse("7d"), ["path", "country"])
    assert (stats.totals.pageviews, stats.totals.visitors, stats.totals.visits) == (1000, 500, 600)
    assert (stats.period.start, stats.period.end) == (date(2025, 2, 11), date(2025, 2, 18))


async def test_published_stats_example_gives_the_eight_days_in_order_with_their_values(
    server: ScriptedServer, client: KrafterClient
) -> None:
    server.script(json_reply(STATS_7D))
    stats = await client.stats(SITE_KEY, Period.parse("7d"), ["path", "country"])
    got = [(p.date.isoformat(), p.pageviews, p.visitors, p.visits) for p in stats.timeseries]
    assert got == STATS_7D_DAYS
    # totals.visitors is shown as returned, not the (larger) sum of daily uniques.
    assert sum(p.visitors for p in stats.timeseries) == 500
    assert stats.totals.visitors == 500


async def test_published_stats_example_gives_path_and_country_breakdowns(
    server: ScriptedServer, client: KrafterClient
) -> None:
    server.script(json_reply(STATS_7D))
    stats = await client.stats(SITE_KEY, Period.parse("7d"), ["path", "country"])
    assert stats.breakdown is not None
    assert set(stats.breakdown) == {"path", "country"}
    assert [(r.value, r.count, r.percent) for r in stats.breakdown["path"]] == [
        ("/", 500, 50.0),
        ("/pricing", 200, 20.0),
        ("/blog", 150, 15.0),
        ("/docs", 100, 10.0),
        ("/about", 50, 5.0),
    ]
    assert [(r.value, r.count, r.percent) for r in stats.breakdown["country"]] == [
        ("US", 300, 30.0),
        ("DE", 150, 15.0),
        ("GB", 120, 12.0),
        ("FR", 80, 8.0),
        ("RS", 50, 5.0),
    ]


async def test_stats_request_goes_to_the_documented_path_with_token_and_user_agent(
    server: ScriptedServer, client: KrafterClient
) -> None:
    server.script(json_reply(STATS_7D))
    await client.stats(SITE_KEY, Period.parse("7d"), ["path", "country"])
    [request] = server.requests
    assert request.method == "GET"
    assert request.path == f"/api/v1/analytics/sites/{SITE_KEY}/stats"
    assert "/analytics/analytics" not in request.path
    assert request.headers["authorization"] == f"Bearer {TOKEN}"
    assert request.headers["user-agent"] == f"krafter-tui/{__version__}"
    assert request.query == {"period": "7d", "dimensions": "path,country"}


@pytest.mark.parametrize("suffix", ["", "/", "//"])
async def test_api_url_with_or_without_trailing_slash_gives_the_same_path(
    server: ScriptedServer, suffix: str
) -> None:
    server.script(json_reply(REALTIME))
    async with KrafterClient(TOKEN, server.api_url + suffix) as api:
        await api.realtime(SITE_KEY)
    assert server.requests[0].path == f"{API_PATH}/sites/{SITE_KEY}/realtime"


async def test_custom_period_sends_period_custom_with_from_and_to(
    server: ScriptedServer, client: KrafterClient
) -> None:
    server.script(json_reply(STATS_7D))
    await client.stats(SITE_KEY, Period.parse("2025-02-11..2025-02-18"), ["path", "country"])
    assert server.requests[0].query == {
        "period": "custom",
        "from": "2025-02-11",
        "to": "2025-02-18",
        "dimensions": "path,country",
    }


async def test_all_nine_dimensions_travel_comma_separated_in_one_request(
    server: ScriptedServer, client: KrafterClient
) -> None:
    body = (
        b'{"data": {"period": {"from": "2025-02-11", "to": "2025-02-18"},'
        b' "totals": {"pageviews": 0, "visitors": 0, "visits": 0}, "timeseries": [],'
        b' "breakdown": {' + b", ".join(b'"%s": []' % d.encode() for d in DIMENSIONS) + b"}}}"
    )
    server.script(json_reply(body))
    stats = await client.stats(SITE_KEY, Period.parse("30d"), DIMENSIONS)
    assert len(server.requests) == 1
    sent = server.requests[0].query["dimensions"]
    assert sent == "path,referrer,country,device,browser,os,utm_source,utm_medium,utm_campaign"
    assert stats.breakdown is not None and set(stats.breakdown) == set(DIMENSIONS)


async def test_a_dimension_asked_twice_is_sent_once(
    server: ScriptedServer, client: KrafterClient
) -> None:
    server.script(json_reply(STATS_7D))
    await client.stats(SITE_KEY, Period.parse("7d"), ["path", "country", "path"])
    assert server.requests[0].query["dimensions"] == "path,country"


async def test_an_unknown_dimension_is_refused_before_anything_is_sent(
    server: ScriptedServer, client: KrafterClient
) -> None:
    with pytest.raises(ValueError, match="unknown dimension 'city'"):
        await client.stats(SITE_KEY, Period.parse("7d"), ["path", "city"])  # type: ignore[list-item]
    assert server.requests == []


async def test_stats_without_dimensions_sends_none_and_has_no_breakdown(
    server: ScriptedServer, client: KrafterClient
) -> None:
    body = (
        b'{"data": {"period": {"from": "2025-01-20", "to": "2025-02-18"},'
        b' "totals": {"pageviews": 3, "visitors": 2, "visits": 2},'
        b' "timeseries": [{"date": "2025-02-18", "pageviews": 3, "visitors": 2, "visits": 2}]}}'
    )
    server.script(json_reply(body))
    stats = await client.stats(SITE_KEY, Period.parse("30d"))
    assert server.requests[0].query == {"period": "30d"}
    assert stats.breakdown is None
    assert stats.totals.pageviews == 3


async def test_timeseries_out_of_order_is_shown_ascending(
    server: ScriptedServer, client: KrafterClient
) -> None:
    body = (
        b'{"data": {"period": {"from": "2025-02-11", "to": "2025-02-13"},'
        b' "totals": {"pageviews": 6, "visitors": 3, "visits": 3}, "timeseries": ['
        b'{"date": "2025-02-13", "pageviews": 3, "visitors": 1, "visits": 1},'
        b'{"date": "2025-02-11", "pageviews": 1, "visitors": 1, "visits": 1},'
        b'{"date": "2025-02-12", "pageviews": 2, "visitors": 1, "visits": 1}]}}'
    )
    server.script(json_reply(body))
    stats = await client.stats(SITE_KEY, Period.parse("7d"))
    assert [p.pageviews for p in stats.timeseries] == [1, 2, 3]


async def test_published_realtime_example_gives_five_current_visitors(
    server: ScriptedServer, client: KrafterClient
) -> None:
    server.script(json_reply(REALTIME))
    realtime = await client.realtime(SITE_KEY)
    assert realtime.current_visitors == 5
    [request] = server.requests
    assert request.path == f"{API_PATH}/sites/{SITE_KEY}/realtime"
    assert request.query == {}
    assert request.headers["authorization"] == f"Bearer {TOKEN}"


async def test_published_events_example_gives_three_events_with_revenue_and_nulls(
    server: ScriptedServer, client: KrafterClient
) -> None:
    server.script(json_reply(EVENTS_30D))
    events = await client.events(SITE_KEY, Period.parse("30d"))
    assert [(e.event_name, e.total, e.unique_count, e.revenue) for e in events] == [
        ("signup", 245, 230, None),
        ("purchase", 89, 82, 4355.00),
        ("download", 156, 140, None),
    ]
    # "no revenue tracked" (null) must stay distinct from a revenue of zero.
    assert events[0].revenue is None
    [request] = server.requests
    assert request.path == f"{API_PATH}/sites/{SITE_KEY}/events"
    assert request.query == {"period": "30d"}


async def test_events_for_a_custom_period_send_from_and_to(
    server: ScriptedServer, client: KrafterClient
) -> None:
    server.script(json_reply(b'{"data": []}'))
    events = await client.events(SITE_KEY, Period.parse("2025-01-01..2025-01-31"))
    assert events == []
    assert server.requests[0].query == {
        "period": "custom",
        "from": "2025-01-01",
        "to": "2025-01-31",
    }


async def test_site_list_is_read_from_the_sites_endpoint(
    server: ScriptedServer, client: KrafterClient
) -> None:
    server.script(json_reply(SITES))
    [site] = await client.list_sites()
    assert (site.site_key, site.domain, site.name, site.public_stats) == (
        SITE_KEY,
        "example.com",
        "Example",
        False,
    )
    assert server.requests[0].path == f"{API_PATH}/sites"


async def test_unknown_extra_fields_from_a_newer_server_are_ignored(
    server: ScriptedServer, client: KrafterClient
) -> None:
    server.script(json_reply(b'{"data": {"current_visitors": 7, "pages": []}, "meta": {}}'))
    assert (await client.realtime(SITE_KEY)).current_visitors == 7


@pytest.mark.parametrize("site_key", ["../sites", "sk_a/b", "sk_a?x=1", "", "sk_ab%2F"])
async def test_a_site_key_that_would_change_the_path_is_never_sent(
    server: ScriptedServer, client: KrafterClient, site_key: str
) -> None:
    with pytest.raises(NotFoundError):
        await client.realtime(site_key)
    assert server.requests == []

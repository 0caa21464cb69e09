"""Probe part: many poll cycles quickly, against answers recorded once from the demo server.

Replaying recorded answers in process (``httpx.MockTransport``) keeps the server's time and
memory out of the figure: what grows is the app's client, loader and widgets. Realtime answers
change every poll so the counter, the ▲/▼ mark and the sparkline really update.
"""

from __future__ import annotations

import gc
import os
import time
from datetime import UTC, datetime, timedelta

import httpx
from probe_common import report, rss_kib

from krafter_tui.api import Period
from krafter_tui.app import KrafterApp
from krafter_tui.config.options import DashboardOptions

SLOWER = 10_000
ALL = "path,referrer,country,device,browser,os,utm_source,utm_medium,utm_campaign"


def record(api_url: str, token: str) -> dict[str, bytes]:
    """The demo's answers for the first site over 30d: sites, stats, previous, events."""
    with httpx.Client(base_url=api_url, headers={"Authorization": f"Bearer {token}"}) as http:
        sites = http.get(f"{api_url}/sites")
        site = sites.json()["data"][0]["site_key"]
        params = Period("30d").query_params()
        stats = http.get(f"{api_url}/sites/{site}/stats", params={**params, "dimensions": ALL})
        resolved = stats.json()["data"]["period"]
        from datetime import date

        before = Period.previous_of(
            date.fromisoformat(resolved["from"]), date.fromisoformat(resolved["to"])
        )
        previous = http.get(f"{api_url}/sites/{site}/stats", params=before.query_params())
        events = http.get(f"{api_url}/sites/{site}/events", params=params)
    return {
        "sites": sites.content,
        "stats": stats.content,
        "previous": previous.content,
        "events": events.content,
    }


def run_memory(api_url: str, cycles: int) -> int:
    """Poll fast until ``cycles`` realtime polls; report RSS after 100 and at the end."""
    token = os.environ["KRAFTER_API_TOKEN"]
    answers = record(api_url, token)
    polls = 0
    marks: dict[str, int] = {}
    app: KrafterApp | None = None

    def answer(request: httpx.Request) -> httpx.Response:
        nonlocal polls
        path = request.url.path
        if path.endswith("/realtime"):
            polls += 1
            if polls in (100, cycles):
                gc.collect()
                marks[str(polls)] = rss_kib()
                if polls == cycles and app is not None:
                    app.call_later(app.exit)
            body = b'{"data":{"current_visitors":%d}}' % (40 + polls % 17)
        elif path.endswith("/sites"):
            body = answers["sites"]
        elif path.endswith("/events"):
            body = answers["events"]
        elif "dimensions" in request.url.params:
            body = answers["stats"]
        else:
            body = answers["previous"]
        return httpx.Response(200, content=body, headers={"content-type": "application/json"})

    # The app's clock runs 10,000 times slower than the timers, so a 1 ms poll is 10 s to the
    # app: ages, stale marks and cache lifetimes behave as at the default intervals (with a
    # real clock every pane would flip to "stale" between two polls, 2 ms apart).
    start_wall, start_mono = datetime.now(UTC).astimezone(), time.monotonic()

    def clock() -> datetime:
        return start_wall + timedelta(seconds=(time.monotonic() - start_mono) / SLOWER)

    options = DashboardOptions(
        api_url=api_url, realtime_interval=0.001, stats_interval=0.006, remember=False
    )
    app = KrafterApp(options, token=token, transport=httpx.MockTransport(answer), clock=clock)
    app.run()
    report("RESULT", {"polls": polls, "rss_kib": marks})
    return 0

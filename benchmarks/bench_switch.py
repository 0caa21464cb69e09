"""Switching period or site: not cached (against a raw httpx round) and cached.

The app runs on a pty; the harness types the key (``w``/``t``/``l`` period, ``]``/``[`` site)
and the probe reports the first frame written to the terminal in which the totals, change,
chart, breakdown and events panes all show new data ("panes"), the first in which a new
realtime reading shows as well ("all"), and the last frame the switch caused ("settled"). The first
eight switches go to selections not seen before; the next eight return to selections seen
seconds ago (well within the 60 s stats interval).

The baseline for an uncached switch is one ``httpx.AsyncClient`` round of the same four
requests the loader sends (stats with the nine dimensions, previous-period stats, events,
realtime) under ``asyncio.gather``, on a warm keep-alive client, for the same selection, made
just before the key is typed while the app is idle.
"""

from __future__ import annotations

import asyncio
import json
import time
from datetime import date

import httpx
from demo_process import DemoServer
from figures import Row
from pty_child import HERE, PtyChild, isolated_env

from krafter_tui.api import DIMENSIONS, Period
from krafter_tui.demo import DEMO_TOKEN

UNCACHED = "wl]wt]wl"  # 30d A → 7d A, 12mo A, 12mo B, 7d B, 30d B, 30d C, 7d C, 12mo C
CACHED = "tw[lt[wl"  # → 30d C, 7d C, 7d B, 12mo B, 30d B, 30d A, 7d A, 12mo A
PERIODS = {"w": "7d", "t": "30d", "l": "12mo"}


class RawRounds:
    """The four requests of one selection, sent in parallel by a plain httpx client."""

    def __init__(self, server: DemoServer) -> None:
        self.server = server
        self.http = httpx.AsyncClient(
            base_url=server.api_url + "/", headers={"Authorization": f"Bearer {DEMO_TOKEN}"}
        )
        self.previous: dict[tuple[str, str], dict[str, str]] = {}

    async def prepare(self, sites: list[str]) -> None:
        """Learn each selection's previous period (as the loader does, from the answer)."""
        for site in sites:
            for period in PERIODS.values():
                answer = await self.http.get(f"sites/{site}/stats", params={"period": period})
                resolved = answer.json()["data"]["period"]
                before = Period.previous_of(
                    date.fromisoformat(resolved["from"]), date.fromisoformat(resolved["to"])
                )
                self.previous[site, period] = before.query_params()

    async def round(self, site: str, period: str) -> float:
        """Milliseconds for the four requests in parallel."""
        params = Period.parse(period).query_params()
        started = time.perf_counter()
        answers = await asyncio.gather(
            self.http.get(
                f"sites/{site}/stats", params={**params, "dimensions": ",".join(DIMENSIONS)}
            ),
            self.http.get(f"sites/{site}/stats", params=self.previous[site, period]),
            self.http.get(f"sites/{site}/events", params=params),
            self.http.get(f"sites/{site}/realtime"),
        )
        elapsed = (time.perf_counter() - started) * 1000
        assert all(a.status_code == 200 for a in answers), [a.status_code for a in answers]
        return elapsed


def run(server: DemoServer, rounds: int) -> list[Row]:
    """``rounds`` times: launch, eight uncached switches, eight cached; three rows."""
    server.set_limit(1_000_000)  # sixteen switches a round would spend a 100/min budget
    uncached, cached_panes, cached_all, cached_settled, raw = [], [], [], [], []
    with asyncio.Runner() as loop:
        rounds_ = RawRounds(server)
        sites = [s["site_key"] for s in loop.run(rounds_.http.get("sites")).json()["data"]]
        loop.run(rounds_.prepare(sites))
        for _ in range(rounds):
            env = isolated_env({"KRAFTER_API_TOKEN": DEMO_TOKEN})
            site, period = 0, "30d"
            with PtyChild([str(HERE / "probe_app.py"), "switch", server.api_url], env) as child:
                for index, key in enumerate(UNCACHED + CACHED):
                    if key in PERIODS:
                        period = PERIODS[key]
                    else:
                        site = (site + (1 if key == "]" else -1)) % len(sites)
                    child.expect("READY")
                    if index < len(UNCACHED):
                        raw.append(loop.run(rounds_.round(sites[site], period)))
                    typed = child.send(key)
                    done = json.loads(child.expect("DONE"))
                    if index < len(UNCACHED):
                        uncached.append((done["all"] - typed) * 1000)
                    else:
                        cached_panes.append((done["panes"] - typed) * 1000)
                        cached_all.append((done["all"] - typed) * 1000)
                        cached_settled.append((done["settled"] - typed) * 1000)
        loop.run(rounds_.http.aclose())
    return [
        Row("switch, cached: stats + events panes repainted", "ms", cached_panes, limit=50),
        Row(
            "switch, cached: and a new realtime reading",
            "ms",
            cached_all,
            note="realtime is never cached; shown for completeness",
        ),
        Row(
            "switch, cached: last frame (background refresh answered)",
            "ms",
            cached_settled,
            note="the cached figures are fetched again in the background; shown for completeness",
        ),
        Row(
            "switch, not cached: all panes repainted",
            "ms",
            uncached,
            raw,
            "raw httpx round, 4 requests in parallel",
            ratio_limit=1.3,
        ),
    ]

"""The launch's first requests, sent before Textual is imported: data in the first frame.

A dashboard launch used to import Textual (~0.25 s), compose and paint an empty screen, and
only then ask for the site list, then for the figures of the site to open; against a server
100-300 ms away each of those steps cost that much again. :func:`start_head_start` sends
the very requests the dashboard will send first, on a thread of its own, as soon as the key
and the settings are known: the site list and, at once, the figures of the site shown last
(else of the site the list says to open). Their answers wait in the client's
:class:`~krafter_tui.api.head_start_answers.HeadStartAnswers`; the dashboard's client takes
each when it asks for the same request (waiting for one still on its way), so no request is
sent twice and the panes can show data in their first frame.

The requests are made with the same functions the poller and the screen use (:class:`Opening`
says which site and period; :func:`first_requests` what the poller asks first), so they do
not drift apart; if they ever did, the dashboard would only miss the early answer and send
its own request (a test checks that no request is sent twice).

Nothing here is trusted more than any answer: the thread only records bytes (read within the
usual size limits); the dashboard's client checks and decodes them as it would its own. A
failure on the thread (no network, a refused key, a bug) records no answer, and the dashboard
then asks for itself.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

import httpx

from krafter_tui.api import DIMENSIONS, ApiError, KrafterClient, Period, Site
from krafter_tui.api.head_start_answers import HeadStartAnswers, RawAnswer
from krafter_tui.feeds.model import Kiosk
from krafter_tui.feeds.poller import PREVIOUS_TTL, SITES_REFRESH, compared_period, site_since
from krafter_tui.feeds.site_choice import choose_site, kiosk_sites, site_to_open

if TYPE_CHECKING:
    from krafter_tui.api.shared import SharedCache

__all__ = ["Ages", "Opening", "first_requests", "start_head_start"]

log = logging.getLogger("krafter_tui")

DEFAULT_PERIOD = Period("30d")


@dataclass(frozen=True)
class Opening:
    """What a launch opens: ``wanted`` (``--site``, else the site shown last, by key), the
    period, the site whose figures are asked for before the site list is in
    (``remembered``), and the kiosk, whose list of sites decides."""

    wanted: str | None
    period: Period
    remembered: Site | None
    kiosk: Kiosk | None = None

    @classmethod
    def of(
        cls,
        *,
        site: str | None,
        period: Period | None,
        last_site: Site | None,
        last_site_key: str | None,
        last_period: Period | None,
        kiosk: Kiosk | None,
    ) -> Opening:
        """From the settings (``site``, ``period``) and what the last run left."""
        remembered = site_to_open(last_site, site) if kiosk is None else None
        opened = period or last_period or DEFAULT_PERIOD
        return cls(site or last_site_key, opened, remembered, kiosk)

    def site_from(self, sites: list[Site]) -> Site | None:
        """The site the dashboard opens once ``sites`` arrived (as its screen chooses)."""
        rotation, _ = kiosk_sites(sites, self.kiosk, set())
        choice = choose_site(
            sites,
            None,
            first=True,
            wanted=self.wanted,
            rotation=rotation,
            kiosk=self.kiosk,
            stopped=False,
        )
        return choice.site


@dataclass(frozen=True)
class Ages:
    """How old a shared answer may be for each request, as the poller asks (its intervals)."""

    realtime: float = 10.0  # the defaults of realtime_interval and stats_interval
    stats: float = 60.0


async def first_requests(
    client: KrafterClient, site: Site, period: Period, today: date, ages: Ages = Ages()
) -> None:
    """What the poller asks first for ``site`` on ``period``: the stats with every
    breakdown, the previous period's stats (for the change marks; comparison off), the
    events and the live count, all at once. Failures are the dashboard's to see. With a
    shared cache, answers younger than ``ages`` (the poller's) are taken from it."""
    wanted = period.resolve(today, site_since(site))
    key = site.site_key
    asks = [
        client.stats(key, wanted, DIMENSIONS, max_age=ages.stats),
        client.events(key, wanted, max_age=ages.stats),
        client.realtime(key, max_age=ages.realtime),
    ]
    before = compared_period(*wanted.expected_range(today), "previous")
    if before is not None:
        asks.append(client.stats(key, before, (), max_age=PREVIOUS_TTL))
    await asyncio.gather(*asks, return_exceptions=True)


class _Recorder(KrafterClient):
    """A client that keeps every raw answer in ``answers`` for the dashboard's client."""

    def __init__(
        self,
        token: str,
        api_url: str,
        answers: HeadStartAnswers,
        transport: httpx.AsyncBaseTransport | None,
        shared: SharedCache | None = None,
    ) -> None:
        super().__init__(token, api_url, transport=transport, shared=shared)
        self.answers = answers

    async def _fetch(self, path: str, params: dict[str, str], limit: int) -> RawAnswer:
        self.answers.expect(path, params)
        answer: RawAnswer | None = None
        try:
            answer = await super()._fetch(path, params, limit)
            return answer
        finally:
            self.answers.put(path, params, answer)


async def _ask(client: _Recorder, opening: Opening, today: date, ages: Ages) -> None:
    async with client:
        sites = asyncio.ensure_future(client.list_sites(max_age=SITES_REFRESH))
        if opening.remembered is not None:
            await first_requests(client, opening.remembered, opening.period, today, ages)
            await asyncio.gather(sites, return_exceptions=True)
            return
        try:
            listed = await sites
        except Exception:  # the dashboard asks again and shows what went wrong
            return
        site = opening.site_from(listed)
        if site is not None:
            await first_requests(client, site, opening.period, today, ages)


def start_head_start(
    token: str,
    api_url: str,
    opening: Callable[[], Opening],
    *,
    transport: httpx.AsyncBaseTransport | None = None,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    shared_cache: str | None = None,
    ages: Ages = Ages(),
) -> HeadStartAnswers:
    """Send the launch's first requests on a thread of their own; their answers, to hand to
    the dashboard's client. ``opening`` is called on that thread (it may read the state file).
    With ``shared_cache`` (its URL), answers other dashboards fetched recently are used
    there instead of requests (the dashboard's client then finds them in the cache too).

    The thread never raises: whatever fails there, the dashboard asks for itself.
    """
    answers = HeadStartAnswers()

    def run() -> None:
        try:
            today = clock().astimezone(UTC).date()
            shared = None
            if shared_cache:  # the shared cache's modules are imported only when one is set
                from krafter_tui.api.shared import open_shared_cache

                shared = open_shared_cache(shared_cache)
            client = _Recorder(token, api_url, answers, transport, shared)
            asyncio.run(_ask(client, opening(), today, ages))
        except ApiError:
            pass  # an unusable URL or key: the dashboard says so when it starts
        except Exception:
            # Debug level: the log file is not open yet, and anything louder would reach the
            # terminal (Python's last-resort handler) while Textual draws on it.
            log.debug("the launch's early requests failed", exc_info=True)
        finally:
            answers.close()

    threading.Thread(target=run, name="krafter-head-start", daemon=True).start()
    return answers

"""``krafter-tui status``: one line for a status bar (tmux's ``status-right``, waybar, i3blocks).

It asks what the dashboard asks for the period ``today`` (the site list, the live count,
today's stats and yesterday's), through the shared cache: a dashboard polling on the same
cache has usually just fetched each of them, so a bar refreshing every 10 s costs no request.
With no shared cache set, the default SQLite one is used, so the bar's own calls share their
answers too. The change of today so far follows the one "so far" rule
(:mod:`krafter_tui.feeds.so_far`): against yesterday at the same time when the record has it,
else against the same share of yesterday.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from krafter_tui.cli.common import CliError, settings_from_args
from krafter_tui.cli.flags import Commands, demo_option, setting_flags

if TYPE_CHECKING:
    import httpx

    from krafter_tui.api import KrafterClient, Period, Site, Stats, Totals
    from krafter_tui.config import Settings
    from krafter_tui.config.options import DashboardOptions

__all__ = ["Status", "add_parser", "render", "run_status"]

FORMATS = ("line", "waybar", "json")
#: How much older than the dashboard's own interval an answer the bar shows may be: a bar
#: refreshing between two of the dashboard's polls then still finds the last one.
SLACK = 2.0


@dataclass(frozen=True)
class Status:
    """What the bar shows: the site, visitors now, today's visitors so far and their change
    (``change``: ``▲ 12.5%`` or empty; ``direction``: up/down/flat; ``vs``: against what)."""

    site: str
    domain: str
    visitors_now: int
    visitors_today: int
    change: str
    direction: str
    vs: str


def add_parser(commands: Commands) -> None:
    """``status`` and its flags."""
    status = commands.add_parser(
        "status",
        help="one line for a status bar: site, visitors now, today so far",
        description=(
            "Print one line for a status bar (tmux status-right, waybar, i3blocks): the site, "
            "its visitors now, and today's visitors so far with their change. It reads the "
            "answers a dashboard on the same shared cache has just fetched, so a bar refreshing "
            "every few seconds sends no request of its own most of the time."
        ),
    )
    setting_flags(status, "dashboard", sub=True, only=("site", "shared_cache"))
    status.add_argument(
        "--format",
        dest="status_format",
        choices=FORMATS,
        default="line",
        help="line (default), waybar (JSON with text, tooltip and class) or json",
    )
    setting_flags(status, "connection", sub=True)
    demo_option(status, sub=True)


def now() -> datetime:
    """The moment the status is of (UTC: Krafter's days are UTC days); tests set another."""
    return datetime.now(UTC)


def run_status(args: argparse.Namespace) -> int:
    """Print the status in ``--format``; a failure is one line on stderr, exit 1."""
    from krafter_tui.api import ApiError
    from krafter_tui.cli.extras import require_shared_cache
    from krafter_tui.cli.sites_cmd import api_access
    from krafter_tui.credentials.check import shown_url, sites_error

    settings = settings_from_args(args)
    require_shared_cache(settings.shared_cache.value)
    token, api_url, transport = api_access(args, settings)
    # The cache's log lines are for a dashboard's log file; here a problem is said once (below).
    quiet, logger = logging.NullHandler(), logging.getLogger("krafter_tui")
    logger.addHandler(quiet)
    try:
        status = asyncio.run(_status(settings, token, api_url, transport, now()))
    except ApiError as exc:
        reason = sites_error(exc, api_url)
        raise CliError(f"no status from {shown_url(api_url)}: {reason}") from None
    finally:
        logger.removeHandler(quiet)
    print(render(status, args.status_format))
    return 0


async def _status(
    settings: Settings,
    token: str,
    api_url: str,
    transport: httpx.AsyncBaseTransport | None,
    now: datetime,
) -> Status:
    from krafter_tui.api import DIMENSIONS, KrafterClient, Period
    from krafter_tui.api.shared import default_shared_cache_url, open_shared_cache
    from krafter_tui.cli.launch import build_options
    from krafter_tui.feeds.poller import PREVIOUS_TTL, SITES_REFRESH, compared_period, site_since

    options = build_options(settings, api_url=api_url)
    url = settings.shared_cache.value or default_shared_cache_url()
    realtime_age = float(settings.realtime_interval.value) * SLACK
    stats_age = float(settings.stats_interval.value) * SLACK
    shared = open_shared_cache(url)
    async with KrafterClient(token, api_url, transport=transport, shared=shared) as client:
        site = _site(options, await client.list_sites(max_age=SITES_REFRESH))
        key, today = site.site_key, now.astimezone(UTC).date()
        wanted = Period("today").resolve(today, site_since(site))
        start, end = wanted.expected_range(today)
        before = compared_period(start, end, "previous")
        stats, live = await asyncio.gather(
            client.stats(key, wanted, DIMENSIONS, max_age=stats_age),
            client.realtime(key, max_age=realtime_age),
        )
        previous = await _previous(client, key, before, PREVIOUS_TTL)
    if shared.problem is not None:
        # One line, and the bar's text still comes: the requests went straight to the server.
        sys.stderr.write(f"krafter-tui: warning: shared cache unusable ({shared.problem})\n")
    yesterday = _same_time_yesterday(options, token, key, now)
    return _status_of(site, live.current_visitors, stats, previous, yesterday, now)


async def _previous(
    client: KrafterClient, key: str, before: Period | None, max_age: float
) -> Totals | None:
    """Yesterday's totals, or None when they cannot be had (the line goes without a change)."""
    from krafter_tui.api import ApiError

    if before is None:
        return None
    try:
        return (await client.stats(key, before, (), max_age=max_age)).totals
    except ApiError:
        return None


def _site(options: DashboardOptions, sites: list[Site]) -> Site:
    """``--site`` (key, name or domain), else the site the dashboard showed last, else the
    first: as the dashboard opens."""
    from krafter_tui.config.options import opening_of, state_of
    from krafter_tui.feeds.site_choice import find_site, unmatched

    wanted = options.site
    site = find_site(sites, wanted) if wanted else None
    if wanted and site is None:
        raise CliError(unmatched(sites, wanted))  # as `export --site` says it
    site = site or opening_of(options, state_of(options)).site_from(sites)
    if site is None:
        raise CliError("the team has no sites yet")
    return site


def _same_time_yesterday(
    options: DashboardOptions, token: str, site_key: str, now: datetime
) -> Totals | None:
    """The record's totals of yesterday at this time, when it has them (never creating it)."""
    from krafter_tui.config.options import record_of

    record = record_of(options, token)
    if record is None or not record.path.exists():
        return None
    try:
        found = record.same_time_yesterday(site_key, now)
    finally:
        record.close()
    return None if found is None else found.totals


def _status_of(
    site: Site,
    now_count: int,
    stats: Stats,
    previous: Totals | None,
    yesterday: Totals | None,
    now: datetime,
) -> Status:
    from krafter_tui.feeds.so_far import so_far_change, totals_so_far, vs_words
    from krafter_tui.text.sanitiser import clean_server_text

    period = stats.period
    compared, so_far = totals_so_far(period.start, period.end, now, previous, yesterday=yesterday)
    visitors = stats.totals.visitors
    before = None if compared is None else compared.visitors
    change, direction = so_far_change(visitors, before, so_far)
    return Status(
        site=clean_server_text(site.name, 60),
        domain=clean_server_text(site.domain, 80),
        visitors_now=now_count,
        visitors_today=visitors,
        change=change,
        direction=direction,
        vs=vs_words("yesterday", so_far) if compared is not None else "",
    )


def render(status: Status, form: str) -> str:
    """The status as ``form`` says: ``line``, ``waybar`` or ``json`` (one line each)."""
    from krafter_tui.text.numbers import grouped

    change = f" {status.change}" if status.change else ""
    line = (
        f"{status.site} · {grouped(status.visitors_now)} now · "
        f"{grouped(status.visitors_today)} today{change}"
    )
    if form == "json":
        return json.dumps(asdict(status), ensure_ascii=False)
    if form == "waybar":
        tooltip = (
            f"{status.site} ({status.domain})\n{grouped(status.visitors_now)} visitors now\n"
            f"{grouped(status.visitors_today)} visitors today{change}"
            + (f" ({status.vs})" if status.vs and status.change else "")
        )
        return json.dumps(
            {"text": line, "tooltip": tooltip, "class": status.direction}, ensure_ascii=False
        )
    return line

"""``krafter-tui export``: a site's breakdown, events or timeseries as CSV or JSON on stdout,
or (``--what hourly``) the hours the local record kept of it."""

from __future__ import annotations

import argparse
import asyncio
import sys
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from krafter_tui.cli.common import CliError, settings_from_args
from krafter_tui.cli.flags import Commands, demo_option, setting_flags
from krafter_tui.cli.sites_cmd import api_access

if TYPE_CHECKING:
    import httpx

    from krafter_tui.api import Dimension, Event, Period, Site, Stats
    from krafter_tui.config import Settings
    from krafter_tui.export.formats import What
    from krafter_tui.record import HourCounts

__all__ = ["add_parser", "fetch_export", "recorded_hours", "run_export"]


def fetch_export(
    token: str,
    api_url: str,
    wanted: str,
    period: Period,
    what: What,
    dimension: Dimension,
    transport: httpx.AsyncBaseTransport | None = None,
    today: date | None = None,
) -> tuple[Site, Stats, list[Event]]:
    """The site named ``wanted``, its stats for ``period`` (a named period resolved on
    ``today``, UTC, from the site's creation day; ``all`` refused as too long is asked again
    for the last days the refusal allows, as the dashboard does) and, for ``events``, its
    events.

    Raises the client's :class:`~krafter_tui.api.ApiError`, or CliError for an unknown site.
    """
    from krafter_tui.api import BadRequestError, KrafterClient
    from krafter_tui.api.range_limit import longest_after_refusal
    from krafter_tui.feeds.poller import site_since
    from krafter_tui.feeds.site_choice import NAMED, find_site, site_matches, unmatched

    day = today or datetime.now(UTC).date()

    async def fetch() -> tuple[Site, Stats, list[Event]]:
        async with KrafterClient(token, api_url, transport=transport) as client:
            sites = await client.list_sites()
            site = find_site(sites, wanted)
            if site is None:
                why = unmatched(sites, wanted)
                if not any(site_matches(s, wanted) for s in sites):  # name those there are
                    why += f" (the sites: {', '.join(s.name for s in sites[:NAMED]) or 'none'})"
                raise CliError(why)
            sent = period.resolve(day, since=site_since(site))
            dimensions: tuple[Dimension, ...] = (dimension,) if what == "breakdown" else ()
            try:
                stats = await client.stats(site.site_key, sent, dimensions)
            except BadRequestError as error:
                asked = (sent.end - sent.start).days + 1 if sent.start and sent.end else 0
                longest = longest_after_refusal(error, asked) if period.name == "all" else None
                if longest is None:
                    raise
                # As the dashboard: a whole history too long for the server becomes the
                # last days its refusal allows.
                sent = period.resolve(day, since=site_since(site), longest=longest)
                stats = await client.stats(site.site_key, sent, dimensions)
            events = await client.events(site.site_key, sent) if what == "events" else []
            return site, stats, events

    return asyncio.run(fetch())


def run_export(args: argparse.Namespace) -> int:
    """Print the table asked for (``--demo``: from the demo's data, no key needed)."""
    from krafter_tui.api import DIMENSIONS, ApiError, Period, PeriodError
    from krafter_tui.credentials.check import shown_url, sites_error
    from krafter_tui.export.formats import render

    settings = settings_from_args(args)
    dimension = args.export_dimension
    if dimension not in DIMENSIONS:
        raise CliError(f"unknown dimension {dimension!r}: use {', '.join(DIMENSIONS)}", 2)
    wanted = settings.site.value
    if not wanted:
        raise CliError("export needs --site (a site key, name or domain)", 2)
    try:
        # The record's hours: today unless a period is given; the tables: 30 days.
        default = "today" if args.export_what == "hourly" else "30d"
        period = Period.parse(settings.period.value or default)
    except PeriodError as exc:
        raise CliError(str(exc), 2) from None
    token, api_url, transport = api_access(args, settings)
    if args.export_what == "hourly":
        return _export_hourly(args, settings, token, api_url, transport, period)
    try:
        site, stats, events = fetch_export(
            token, api_url, wanted, period, args.export_what, dimension, transport
        )
    except ApiError as exc:
        raise CliError(
            f"cannot export from {shown_url(api_url)}: {sites_error(exc, api_url)}"
        ) from None
    except PeriodError as exc:
        raise CliError(str(exc), 2) from None
    _say_cap(period, site, stats)
    sys.stdout.write(
        render(
            args.export_what,
            args.export_format,
            stats,
            site=site.name,
            events=events,
            dimension=dimension,
        )
    )
    return 0


def _export_hourly(
    args: argparse.Namespace,
    settings: Settings,
    token: str,
    api_url: str,
    transport: httpx.AsyncBaseTransport | None,
    period: Period,
) -> int:
    """Print the recorded hours of the site over the period's days (the site list is asked
    for, to find the site; the hours come from the local record only)."""
    from krafter_tui.api import ApiError, KrafterClient, PeriodError
    from krafter_tui.credentials.check import shown_url, sites_error
    from krafter_tui.export.formats import render_hourly
    from krafter_tui.feeds.poller import site_since
    from krafter_tui.feeds.site_choice import find_site, unmatched

    async def site_of() -> Site:
        async with KrafterClient(token, api_url, transport=transport) as client:
            sites = await client.list_sites()
        site = find_site(sites, settings.site.value or "")
        if site is None:
            raise CliError(unmatched(sites, settings.site.value or ""))
        return site

    try:
        site = asyncio.run(site_of())
        start, end = period.resolve(
            datetime.now(UTC).date(), since=site_since(site)
        ).expected_range(datetime.now(UTC).date(), site_since(site))
    except ApiError as exc:
        raise CliError(
            f"cannot export from {shown_url(api_url)}: {sites_error(exc, api_url)}"
        ) from None
    except PeriodError as exc:
        raise CliError(str(exc), 2) from None
    hours = recorded_hours(settings, token, api_url, site, start, end)
    sys.stdout.write(render_hourly(args.export_format, hours, site=site.name, start=start, end=end))
    return 0


def recorded_hours(
    settings: Settings, token: str, api_url: str, site: Site, start: date, end: date
) -> list[HourCounts]:
    """The hours the record kept of ``site`` from ``start`` to ``end`` (UTC days); raises
    CliError (exit status 1) when there is no record, it cannot be read, or it has none."""
    from pathlib import Path

    from krafter_tui.api.shared import shared_cache_place
    from krafter_tui.record import Record
    from krafter_tui.record.hours import utc_days
    from krafter_tui.text.sanitiser import clean_server_text

    configured = settings.record_path.value
    # With a shared cache, the wall's record: beside a SQLite cache, or replayed from Redis.
    shared = settings.shared_cache.value
    record = Record(
        token, api_url, Path(configured).expanduser() if configured else None, shared_cache=shared
    )
    path = record.path
    name = clean_server_text(site.name, 80)
    if not path.exists() and not (shared and shared_cache_place(shared)[0] is None):
        record.close()
        raise CliError(
            f"no record to export hours from: {path} does not exist (the dashboard keeps it "
            "while it runs, unless the setting record is off)"
        )
    try:
        hours = record.hourly_rows(site.site_key, *utc_days(start, end))
        status = record.status
    finally:
        record.close()
    if not status.recording:
        raise CliError(f"cannot read the record: {status.text}")
    if not hours:
        raise CliError(
            f"the record ({path}) has no hours of {name} from {start} to {end}: it keeps "
            "what a running dashboard polls, for the period today or one that includes it"
        )
    return hours


def _say_cap(period: Period, site: Site, stats: Stats) -> None:
    """On stderr (the table on stdout stays whole): all time is not the whole history, since
    the server would not take it in one range."""
    from krafter_tui.api.range_limit import all_time_cap, cap_words
    from krafter_tui.feeds.poller import site_since
    from krafter_tui.text.sanitiser import clean_server_text

    since = site_since(site)
    cap = all_time_cap(since, stats.period) if period.name == "all" else None
    if cap is not None:
        sys.stderr.write(
            f"krafter-tui: note: all time is capped to the {cap_words(cap)}, "
            f"{stats.period.start} – {stats.period.end}; "
            f"{clean_server_text(site.name, 80)} was added {since}\n"
        )


def add_parser(commands: Commands) -> None:
    """``export`` and its flags."""
    export = commands.add_parser(
        "export",
        help="print a site's breakdown, events or timeseries as CSV or JSON",
        description=(
            "Print what the dashboard shows for a site and period to stdout, for scripts: "
            "the breakdown of one dimension, the custom events or the timeseries, as CSV "
            "(text a spreadsheet would run as a formula gets a leading ') or one JSON object "
            "with the site, the period the server resolved and the rows. --what hourly prints "
            "the hours the local record kept of the site over the period's days."
        ),
    )
    setting_flags(export, "dashboard", sub=True, only=("site", "period"))
    export.add_argument(
        "--format",
        dest="export_format",
        choices=("csv", "json"),
        default="csv",
        help="output format (default: csv)",
    )
    export.add_argument(
        "--what",
        dest="export_what",
        choices=("breakdown", "events", "timeseries", "hourly"),
        default="breakdown",
        help="which table (default: breakdown); hourly: the hours the local record kept "
        "(UTC hour start, pageviews, visitors, visits, seconds recorded)",
    )
    export.add_argument(
        "--dimension",
        dest="export_dimension",
        metavar="NAME",
        default="path",
        help="the breakdown's dimension: path, referrer, country, device, browser, os, "
        "utm_source, utm_medium or utm_campaign (default: path)",
    )
    setting_flags(export, "connection", sub=True)
    demo_option(export, sub=True)

"""The words the dashboard says about its feeds: ages, pane marks, the banner, refusals.

Pure functions of feed health and the clock, so what a user reads is tested without an app.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from krafter_tui.api import (
    ApiError,
    DateRange,
    ForbiddenError,
    NotFoundError,
    Period,
    Site,
    UnauthorizedError,
)
from krafter_tui.api.period_steps import short_range
from krafter_tui.credentials.check import wrong_api_url
from krafter_tui.feeds.model import DashboardState, Feed, Selection
from krafter_tui.feeds.poller import NoSitesError
from krafter_tui.feeds.report import FeedsReport
from krafter_tui.feeds.schedule import FeedHealth, pane_problem, problem_text
from krafter_tui.text.durations import age_text

__all__ = [
    "SHARED_DOWN",
    "WAITING_NOTES",
    "AuthWords",
    "PaneMark",
    "auth_words",
    "banner_message",
    "budget_line",
    "chart_title",
    "compare_label",
    "failure_note",
    "pane_mark",
    "partial_since",
    "refusal_words",
]

WAITING_NOTES = ("connecting…", "loading…")  # the status line's notes before any answer
SHARED_DOWN = "shared cache down, polling directly"  # the budget's mark while it is down


def next_try_words(health: FeedHealth, now: datetime, hint: str = "") -> list[str]:
    """``Next try in 4s.`` (with ``hint`` before the stop), or nothing when none is armed."""
    if health.next_try is None:
        return []
    wait = max(0.0, (health.next_try - now).total_seconds())
    return [f"Next try in {age_text(wait)}{hint}." if wait >= 1 else "Trying again now."]


@dataclass(frozen=True)
class PaneMark:
    """How a pane's border reads: stale (dimmed), an error, or a note (None: nothing)."""

    stale: bool
    error: str | None = None
    note: str | None = None


def pane_mark(health: FeedHealth, now: datetime) -> PaneMark:
    """The mark of a pane fed by a feed in ``health``: its error with the age of what it
    shows, or ``stale · 3m old`` after two missed intervals."""
    stale = health.is_stale(now)
    age = health.age(now)
    if health.error is not None:
        suffix = f" · {age_text(age)} old" if age is not None else ""
        return PaneMark(stale, error=f"{pane_problem(health.error)}{suffix}")
    if stale and age is not None:
        return PaneMark(stale, note=f"stale · {age_text(age)} old")
    return PaneMark(stale)


def banner_message(
    feeds: Mapping[Feed, FeedHealth],
    sites: FeedHealth,
    now: datetime,
    *,
    api_url: str,
    log_path: Path | None = None,
) -> str | None:
    """The banner's one message, or None when all is well.

    A failing stats or events feed is said before realtime; with the feeds well, a failed or
    empty site list is said (and stays said until it loads).
    """
    worst: FeedHealth | None = None
    for feed, health in feeds.items():
        if health.error is not None and (worst is None or feed != "realtime"):
            worst = health
    if worst is None and sites.error is None:
        return None
    if worst is None:
        assert sites.error is not None
        if isinstance(sites.error, NoSitesError):
            parts = [sites.error.message]
        else:
            why = (
                wrong_api_url(api_url)
                if isinstance(sites.error, NotFoundError)
                else problem_text(sites.error, log_path)
            )
            parts = [f"Could not load the sites: {why}"]
        return " ".join([*parts, *next_try_words(sites, now, " (or press r)")])
    assert worst.error is not None
    parts = [problem_text(worst.error, log_path)]
    if worst.last_ok is not None:
        parts.append(f"Showing data from {age_text(worst.age(now) or 0)} ago.")
    return " ".join([*parts, *next_try_words(worst, now)])


def budget_line(report: FeedsReport) -> str:
    """The status line's budget: ``87/100 req left`` (as the budget says it), and with a
    comparison drawn, what it costs: nothing a minute. Its period is asked for in the request
    that brings the change marks' totals anyway (every ten minutes), with its breakdown.
    While the shared cache cannot be used, it says so: this dashboard polls for itself; and
    while the record cannot be written, ``not recording: <reason>`` (recording costs no
    request, so nothing is said while it works)."""
    text = report.budget
    if report.shared_down:
        text = f"{text} · {SHARED_DOWN}"
    if report.not_recording:
        text = f"{text} · {report.not_recording}"
    if report.compare == "off":
        return text
    return f"{text} · compare +0/min"


def failure_note(error: ApiError | None) -> str | None:
    """What replaces ``connecting…`` in the status line when the first answer failed."""
    if error is None:
        return None
    return "no sites" if isinstance(error, NoSitesError) else pane_problem(error)


@dataclass(frozen=True)
class AuthWords:
    """What the status line and the banner say when the key is refused."""

    note: str
    banner: str


def auth_words(error: UnauthorizedError | ForbiddenError) -> AuthWords:
    """A 403 is a key that works but may not read analytics: said so, not "refused"."""
    scope = isinstance(error, ForbiddenError)
    note = "key lacks the analytics:read scope" if scope else "key refused"
    hint = (
        "Run `krafter-tui auth login` (or set KRAFTER_API_TOKEN) with a key that has the "
        "analytics:read scope, then press r."
    )
    return AuthWords(note, f"{error.message} {hint}")


def refusal_words(refused: Selection, error: ApiError, back_to: Selection | None) -> str:
    """The server refused ``refused``: the toast (going ``back_to`` the last accepted
    selection) or, with none, the banner."""
    what = f"{refused.site.name} · {refused.period.label}"
    refusal = error.message.rstrip(".") + "."
    if back_to is not None:
        return (
            f"The server refused {what}: {refusal} "
            f"Back to {back_to.site.name} · {back_to.period.label}."
        )
    return f"The server refused {what}: {refusal} Choose another period (w, t, l or c) or site (s)."


def compare_label(state: DashboardState, today: date) -> str | None:
    """What the figures are compared with, for the totals' hint and marks: the compared
    period's dates once its answer is in (``Oct 3–Nov 1``; with the year when it is not
    ``today``'s, and always a year before), else the kind of comparison; None when no
    comparison is drawn."""
    if state.compare == "off":
        return None
    compared = state.compared
    if compared is None:
        return "a year before" if state.compare == "year" else "previous period"
    this_year = None if state.compare == "year" else today.year
    return short_range(compared.period.start, compared.period.end, this_year)


def chart_title(metric_label: str, monthly: bool, partial: str | None) -> tuple[str, ...]:
    """``Visitors per day`` (or per month), with ``┈○ today so far`` when the last bucket is
    not over; then shorter forms of it."""
    unit = "month" if monthly else "day"
    if partial is None:
        return (f"{metric_label} per {unit}",)
    return (f"{metric_label} per {unit} · ┈○ {partial}", f"{metric_label} · ┈○ {partial}")


def partial_since(site: Site, period: DateRange) -> date | None:
    """The day ``site`` was added, if that is after the previous period began.

    The previous period then covers days before the site had any traffic, and its change
    marks (a year-old site's ``12mo`` shows ▲ 1254 %) need saying so. None when the date the
    server sent is not a date.
    """
    try:
        created = date.fromisoformat(site.created_at[:10])
    except ValueError:
        return None
    previous = Period.previous_of(period.start, period.end)
    assert previous.start is not None
    return created if created > previous.start else None

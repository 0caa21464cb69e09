"""The line at the top: site, period as the server resolved it, freshness and API budget."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from rich.text import Text
from textual.widget import Widget

from krafter_tui.api import DateRange, Period, Site
from krafter_tui.api.period import utc_date
from krafter_tui.api.period_steps import short_range
from krafter_tui.api.range_limit import all_time_cap, cap_words
from krafter_tui.feeds.poller import site_since
from krafter_tui.text.sanitiser import clean_server_text

__all__ = ["StatusBar"]

# The widest period label with ISO dates: at a width where it does not fit, every period
# gets the short dates (Nov 1–Dec 1), so the format does not change with the period.
WIDEST_PERIOD = "  │ Last 12 months 2025-12-01 – 2026-12-01"


def period_name(period: Period) -> str:
    """What the line calls the period before its dates: its name (``Last 30 days``,
    ``Oct 2026``, ``Mon 23 Nov 2026``), ``30 days`` or ``12 months`` for a range stepped to
    with ← →, or ``Custom`` for one typed in (its dates follow)."""
    if not period.is_custom:
        return period.label
    if period.unit == "12mo":
        return "12 months"
    if period.unit == "day" and period.start is not None and period.end is not None:
        days = (period.end - period.start).days + 1
        if days > 1:
            return f"{days} days"
    label = period.label
    return "Custom" if "–" in label else label


class StatusBar(Widget):
    """One line of context; every value from the server is shown as plain text.

    The left part (site and period) gives way when the line is short; the right part
    (freshness and budget) always shows in full.
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.site: Site | None = None
        self.period: Period | None = None
        self.resolved: DateRange | None = None
        self.updated_at: datetime | None = None
        self.budget = "budget ?"
        self.note = "connecting…"

    def set_context(
        self,
        *,
        site: Site | None = None,
        period: Period | None = None,
        resolved: DateRange | None = None,
        updated_at: datetime | None = None,
        budget: str | None = None,
        note: str | None = None,
        clear_resolved: bool = False,
    ) -> None:
        """Change any part of the line and redraw it."""
        if site is not None:
            self.site = site
        if period is not None:
            self.period = period
        if clear_resolved:
            self.resolved = None
        if resolved is not None:
            self.resolved = resolved
        if updated_at is not None:
            self.updated_at = updated_at
        if budget is not None:
            self.budget = budget
        if note is not None:
            self.note = note
        self.refresh()

    @property
    def utc_offset(self) -> timedelta | None:
        """The local clock's offset from UTC, which the API's days are in."""
        moment = self.updated_at or datetime.now().astimezone()
        return moment.utcoffset()

    def render(self) -> Text:
        """Left part cut to fit, right part whole, right-aligned."""
        right = self.right_part()
        room = max(0, self.size.width - right.cell_len - 1)
        short_dates = self._site_width() + len(WIDEST_PERIOD) + len(self._zone()) > room
        left = self.left_part(with_domain=True, short_dates=short_dates)
        if left.cell_len > room:
            left = self.left_part(with_domain=False, short_dates=short_dates)
        left.truncate(room, overflow="ellipsis", pad=True)
        return Text.assemble(left, " ", right, no_wrap=True)

    def _site_width(self) -> int:
        return len(clean_server_text(self.site.name, 40)) if self.site else len("krafter-tui")

    def _zone(self) -> str:
        """`` UTC`` after the dates where local days are not UTC days."""
        return " UTC" if self.utc_offset else ""

    def left_part(self, *, with_domain: bool = True, short_dates: bool = False) -> Text:
        """Site and period (UTC days marked so when the local zone is not UTC); narrower
        variants drop the domain, or the years of the dates."""
        text = Text(no_wrap=True)
        if self.site is not None:
            text.append(clean_server_text(self.site.name, 40), style="bold")
            if with_domain:
                text.append(f" {clean_server_text(self.site.domain, 40)}", style="dim")
        else:
            text.append("krafter-tui", style="bold")
        if self.period is not None:
            text.append("  │ ")
            text.append(period_name(self.period))
            shown = self.resolved or (
                DateRange(self.period.start, self.period.end)
                if self.period.start and self.period.end
                else None
            )
            cap = self._all_time_cap()
            if cap is not None:
                text.append(f", {cap_words(cap, short=short_dates)}")
            if shown is not None and self.period.is_custom and shown.start == shown.end:
                # A single day typed or stepped to is named by its date already.
                text.append(self._zone(), style="dim")
            elif shown is not None:
                if short_dates:
                    span = short_range(shown.start, shown.end, self._today().year)
                elif shown.start == shown.end:
                    span = str(shown.start)
                else:
                    span = f"{shown.start} – {shown.end}"
                text.append(f" {span}{self._zone()}", style="dim")
        return text

    def _all_time_cap(self) -> int | None:
        """The days all time is capped to (the server would not take the whole history in
        one range), or None: not all time, or all of it."""
        if self.period is None or self.period.name != "all" or self.resolved is None:
            return None
        since = site_since(self.site) if self.site is not None else None
        return all_time_cap(since, self.resolved)

    def _today(self) -> date:
        """The API's day now (as of the last answer), for leaving out this year's number."""
        return utc_date(self.updated_at or datetime.now(UTC))

    def right_part(self) -> Text:
        """Freshness and the API budget."""
        text = Text(no_wrap=True)
        if self.note:
            text.append(self.note)
        elif self.updated_at is not None:
            # Beside UTC days, the clock says its own zone: ⟳ 03:56:00 JST.
            clock = self.updated_at.strftime("%H:%M:%S")
            zone = f" {self.updated_at.tzname() or 'local'}" if self._zone() else ""
            text.append(f"⟳ {clock}{zone}")
        text.append(" │ ")
        text.append(self.budget, style="dim")
        return text

"""The longest range the server takes in one request, as its refusal states it.

Krafter does not document a limit on custom ranges; a server that has one refuses a longer
range with a 400/422 whose text may say it ("range must not exceed 400 days"). All time is the
one period that can run into it without the user typing a range: it is then asked for again,
for the last days the refusal allows (or :data:`FALLBACK_DAYS` when it states no number), and
said on screen as capped (:func:`all_time_cap`).
"""

from __future__ import annotations

import re
from datetime import date

from krafter_tui.api.errors import BadRequestError
from krafter_tui.api.models import DateRange

__all__ = ["FALLBACK_DAYS", "all_time_cap", "cap_words", "longest_after_refusal", "stated_days"]

#: Days asked for when a refusal states no limit: a year and a day, what ``12mo`` spans.
FALLBACK_DAYS = 366
_STATED = re.compile(r"(?<![\d.,])(\d{1,6})\s*days?\b", re.IGNORECASE)


def stated_days(error: BadRequestError) -> int | None:
    """The number of days the refusal says is the most (``range must not exceed 400 days``
    in its details or its message), or None when it states none."""
    texts = [message for messages in error.details.values() for message in messages]
    for text in [*texts, error.message]:
        match = _STATED.search(text)
        if match is not None and int(match.group(1)) >= 1:
            return int(match.group(1))
    return None


def longest_after_refusal(error: BadRequestError, asked: int) -> int | None:
    """The most days to ask for instead of the ``asked`` days ``error`` refused: the limit
    the refusal states, else :data:`FALLBACK_DAYS`; None when that is not fewer than were
    asked (the refusal is about something else, and asking again would not help)."""
    days = stated_days(error) or FALLBACK_DAYS
    return days if days < asked else None


def all_time_cap(since: date | None, shown: DateRange) -> int | None:
    """The days all time is capped to when the range ``shown`` begins after the site was
    added (``since``): the server would not take the whole history. None when it is whole
    (or the day the site was added is not known)."""
    if since is None or shown.start <= since:
        return None
    return (shown.end - shown.start).days + 1


def cap_words(days: int, *, short: bool = False) -> str:
    """How the cap is said: ``last 400 days (the server's limit)``; ``short``: ``last 400
    days``."""
    return f"last {days} days" if short else f"last {days} days (the server's limit)"

"""What goes over the wire for the client: each request's path and query, and each answer's
decoding and checks (the envelope, the breakdowns asked for, the points in date order, an error
body's message), and what an answer's headers tell the rate budget.

Shared by :class:`~krafter_tui.api.client.KrafterClient` (answers it asked for) and
:class:`~krafter_tui.api.head_start_ready.HeadStartReady` (answers asked for at launch),
so both run every answer through the same checks.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

import httpx
import msgspec

from krafter_tui.api.budget import RateBudget
from krafter_tui.api.errors import BadResponseError, NotFoundError
from krafter_tui.api.models import DIMENSIONS, Dimension, Envelope, Stats
from krafter_tui.api.period import Period

__all__ = [
    "checked_stats",
    "count_answer",
    "decode_answer",
    "error_body",
    "site_segment",
    "stats_request",
]

T = TypeVar("T")


def stats_request(
    site_key: str, period: Period, dimensions: Iterable[Dimension]
) -> tuple[str, dict[str, str], list[Dimension]]:
    """Path, query and the breakdowns asked for, of a stats request."""
    wanted = _dimensions(dimensions)
    params = period.query_params()
    if wanted:
        params["dimensions"] = ",".join(wanted)
    return f"sites/{site_segment(site_key)}/stats", params, wanted


def checked_stats(stats: Stats, wanted: list[Dimension]) -> Stats:
    """``stats`` with every asked-for breakdown (else BadResponseError), points by date."""
    if wanted:
        breakdown = stats.breakdown or {}
        for name in wanted:
            if name not in breakdown:
                raise BadResponseError(
                    "the asked-for breakdown is missing", f"$.data.breakdown.{name}"
                )
    series = stats.timeseries
    if any(a.date > b.date for a, b in zip(series, series[1:], strict=False)):
        stats = msgspec.structs.replace(stats, timeseries=sorted(series, key=lambda p: p.date))
    return stats


def decode_answer(content: bytes, kind: type[T]) -> T:
    if not content.strip():
        raise BadResponseError("the body is empty")
    try:
        return msgspec.json.decode(content, type=Envelope[kind]).data  # type: ignore[valid-type]
    except msgspec.ValidationError as exc:
        detail, _, path = str(exc).partition(" - at `")
        raise BadResponseError(detail, path.rstrip("`") or "$") from None
    except RecursionError:
        raise BadResponseError("the body is nested too deeply") from None
    except (msgspec.DecodeError, UnicodeDecodeError) as exc:
        # Which of the two msgspec raises for bad UTF-8 inside a string changed in 0.23: decide
        # from the bytes themselves (on this error path only), not from the exception's type.
        if not _is_utf8(content):
            raise BadResponseError("the body is not valid UTF-8") from None
        raise BadResponseError(f"the body is not valid JSON ({exc})") from None


def _is_utf8(content: bytes) -> bool:
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _dimensions(dimensions: Iterable[str]) -> list[Dimension]:
    wanted: list[Dimension] = []
    for name in dimensions:
        if name not in DIMENSIONS:
            raise ValueError(f"unknown dimension {name!r}; known: {', '.join(DIMENSIONS)}")
        if name not in wanted:
            wanted.append(name)
    return wanted


def site_segment(site_key: str) -> str:
    # A site key goes into the path: refuse anything that could change the path's meaning.
    if not site_key or not all(c.isalnum() or c in "_-" for c in site_key):
        raise NotFoundError()
    return site_key


def error_body(content: bytes) -> dict[str, Any]:
    try:
        body = msgspec.json.decode(content)
    except (msgspec.DecodeError, RecursionError):
        # RecursionError: msgspec refuses JSON nested deeper than the interpreter's recursion
        # limit (a hostile 100,000-deep body) by raising it; the body is then simply unread.
        return {}
    return body if isinstance(body, dict) else {}


def count_answer(budget: RateBudget, status: int, headers: httpx.Headers) -> None:
    """An answer arrived: the team's budget as its headers tell."""
    budget.requests_sent += 1
    budget.update(headers)
    if status != 429:
        budget.answered()

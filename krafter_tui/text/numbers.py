"""Number, change and text formatting shared by the panes. No Textual imports."""

from __future__ import annotations

from krafter_tui.text.sanitiser import clean_server_text

__all__ = ["change_text", "compact", "grouped", "money", "percent", "plural", "shorten"]


def grouped(value: int) -> str:
    """``1234567`` → ``1,234,567``."""
    return f"{value:,}"


def plural(count: int, word: str, words: str | None = None) -> str:
    """``1 row``, ``2 rows``, ``1,204 rows`` (``words`` for an irregular plural)."""
    return f"{count:,} {word if count == 1 else words or word + 's'}"


def compact(value: float) -> str:
    """A short count for tight spaces: ``987``, ``12.3k``, ``4.5M``."""
    for limit, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= limit:
            scaled = value / limit
            return f"{scaled:.1f}{suffix}" if abs(scaled) < 100 else f"{scaled:.0f}{suffix}"
    return f"{value:.0f}"


def percent(value: float) -> str:
    """``12.345`` → ``12.3%``."""
    return f"{value:.1f}%"


def money(value: float | None) -> str:
    """Revenue as ``4,355.00``; empty when the server tracks none (``None``)."""
    if value is None:
        return ""
    return f"{value:,.2f}"


def change_text(current: int, previous: int | None) -> tuple[str, str]:
    """The change against the previous period as (text, direction ``up``/``down``/``flat``)."""
    if previous is None:
        return ("", "flat")
    if previous == 0:
        return ("new", "up") if current > 0 else ("±0%", "flat")
    ratio = (current - previous) / previous * 100
    if abs(ratio) < 0.05:
        return ("±0%", "flat")
    arrow = "▲" if ratio > 0 else "▼"
    shown = f"{abs(ratio):.0f}%" if abs(ratio) >= 100 else f"{abs(ratio):.1f}%"
    return (f"{arrow} {shown}", "up" if ratio > 0 else "down")


def shorten(text: str, width: int) -> str:
    """One safe line of at most ``width`` characters, cut with an ellipsis."""
    return clean_server_text(text, limit=max(width, 2))

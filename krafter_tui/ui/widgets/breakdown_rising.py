"""The breakdown sorted by ``rising``: rows ordered by what each added over the last 30
minutes, as the record (:mod:`krafter_tui.record`) saw it, and the ``+N`` cell of each
(``new +N`` for a row not listed an hour before). The API has no such figure: the record
has it from the answers the dashboard polled."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final

from rich.text import Text

from krafter_tui.api import BreakdownRow
from krafter_tui.record import Rising
from krafter_tui.text.numbers import grouped

__all__ = ["RISING_LABEL", "RISING_WIDTH", "by_growth", "growth_cells", "rising_cell"]

RISING_LABEL: Final = "rising · last 30 min"  # the window of Record.rising's default
RISING_WIDTH: Final = 9  # the +N column: "   +1,234", " new +12"


def rising_cell(added: int, new: bool) -> str:
    """A row's growth: ``+12``, ``new +12`` (not listed an hour before), ``+0``."""
    return f"new +{grouped(added)}" if new else f"+{grouped(added)}"


def by_growth(rows: Sequence[BreakdownRow], rising: Rising | None) -> list[BreakdownRow]:
    """``rows`` by what each added in ``rising``'s window (most first; then by count; a row
    the record has not seen counts as +0)."""
    added = {} if rising is None else {r.value: r.added for r in rising.rows}
    return sorted(rows, key=lambda r: (-added.get(r.value, 0), -r.count))


def growth_cells(
    rows: Sequence[BreakdownRow], rising: Rising | None, theme: Mapping[str, str], sort: str
) -> list[Text]:
    """The ``+N`` cell of each of ``rows`` when ``sort`` is rising (else none at all):
    ``new`` ones in the ``theme``'s success colour, +0 dimmed."""
    if sort != "rising":
        return []
    new_style = theme.get("text-success", "")
    found = {} if rising is None else {r.value: r for r in rising.rows}
    cells = []
    for row in rows:
        growth = found.get(row.value)
        added, new = (0, False) if growth is None else (growth.added, growth.new)
        style = new_style if new else "" if added else "dim"
        cells.append(Text(rising_cell(added, new), style=style, justify="right"))
    return cells

"""Rows of the results table: medians, ratios against a baseline, and targets."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field


def median(values: Sequence[float]) -> float:
    """The median (the figure every row reports: the machine is shared and noisy)."""
    return statistics.median(values)


@dataclass
class Row:
    """One line of the table. ``limit`` is the target on the median, ``ratio_limit`` the
    most median / baseline median may be (the issues say "at most 2x"); either may be None."""

    what: str
    unit: str
    values: list[float]
    baseline: list[float] = field(default_factory=list)
    baseline_name: str = ""
    limit: float | None = None
    ratio_limit: float | None = None
    note: str = ""

    @property
    def value(self) -> float:
        """Median of the measured values."""
        return median(self.values)

    @property
    def ratio(self) -> float | None:
        """Median over the baseline's median, when there is a baseline."""
        if not self.baseline:
            return None
        base = median(self.baseline)
        return self.value / base if base else None

    @property
    def met(self) -> bool:
        """Both targets (those that are set) hold."""
        ok = self.limit is None or self.value < self.limit
        ratio = self.ratio
        if self.ratio_limit is not None and ratio is not None:
            ok = ok and ratio <= self.ratio_limit
        return ok

    def missed_by(self) -> str:
        """How far the median is past the targets it misses: ``1.67x the target``."""
        over = []
        if self.limit is not None and self.value >= self.limit:
            over.append(f"{self.value / self.limit:.2f}x its limit")
        ratio = self.ratio
        if self.ratio_limit is not None and ratio is not None and ratio > self.ratio_limit:
            over.append(f"{ratio / self.ratio_limit:.2f}x its ratio target")
        return "; ".join(over)

    def cells(self) -> list[str]:
        """The row as table cells."""
        base = (
            f"{fmt(median(self.baseline), self.unit)} ({self.baseline_name})"
            if (self.baseline)
            else "—"
        )
        ratio = f"{self.ratio:.2f}x" if self.ratio is not None else "—"
        targets = []
        if self.limit is not None:
            targets.append(f"< {fmt(self.limit, self.unit)}")
        if self.ratio_limit is not None:
            targets.append(f"≤ {self.ratio_limit:g}x")
        return [
            self.what,
            fmt(self.value, self.unit),
            base,
            ratio,
            "; ".join(targets) or "—",
            "yes" if self.met else f"**no**, {self.missed_by()}",
            str(len(self.values)),
        ]


def fmt(value: float, unit: str) -> str:
    """``812 ms``, ``0.42 %``, ``61.3 MB``, ``9 /min``."""
    if unit == "ms":
        return f"{value:.0f} ms" if value >= 10 else f"{value:.1f} ms"
    if unit == "%":
        return f"{value:.2f} %"
    if unit == "MB":
        return f"{value:.1f} MB"
    return f"{value:g} {unit}"


HEADER = ["what", "median", "baseline (median)", "ratio", "target", "met", "runs"]


def table(rows: Sequence[Row]) -> str:
    """A Markdown table of ``rows``."""
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    lines += ["| " + " | ".join(row.cells()) + " |" for row in rows]
    return "\n".join(lines)

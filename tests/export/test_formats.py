"""The export module: CSV that spreadsheets do not run, JSON that parses, server text cleaned."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import msgspec
import pytest

from krafter_tui.api import BreakdownRow, Event, Stats
from krafter_tui.export.formats import breakdown_table, render, safe_cell, to_csv
from tests.support.hostile import CORPUS, assert_no_payload

FORMULAS = (
    '=HYPERLINK("http://evil.example","x")',
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "=cmd|' /C calc'!A0",
)


def _stats(values: list[str]) -> Stats:
    raw = {
        "period": {"from": "2026-11-01", "to": "2026-11-30"},
        "totals": {"pageviews": 10, "visitors": 200, "visits": 7},
        "timeseries": [{"date": "2026-11-01", "pageviews": 10, "visitors": 5, "visits": 7}],
        "breakdown": {
            "path": [{"value": v, "count": i + 1, "percent": 1.5} for i, v in enumerate(values)]
        },
    }
    return msgspec.convert(raw, Stats)


def test_formula_cells_get_a_quote_and_numbers_stay_numbers() -> None:
    for text in (*FORMULAS, "\tx", "\rx"):
        assert safe_cell(text) == "'" + text
    assert safe_cell("/pricing") == "/pricing"
    assert safe_cell(-5) == -5 and safe_cell(-1.5) == -1.5


def test_csv_round_trips_and_no_formula_reaches_a_cell() -> None:
    values = [*FORMULAS, *CORPUS]
    out = render("breakdown", "csv", _stats(values), site="s")
    assert_no_payload(out.encode(), "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["value", "count", "percent"]
    assert len(rows) == len(values) + 1
    for row, value in zip(rows[1:5], FORMULAS, strict=False):
        assert row[0] == "'" + value
    for row in rows[1:]:
        assert not row[0].startswith(("=", "+", "-", "@", "\t", "\r"))
    assert [int(r[1]) for r in rows[1:]] == list(range(1, len(values) + 1))
    assert rows[-1][0] == "MB" + "x" * 10_000  # long text is not cut in an export


def test_events_csv_conversion_and_empty_revenue() -> None:
    events = [
        Event("=signup", 5, 50, None),
        Event("buy\x1b[2J", 9, 20, 12.5),
    ]
    stats = _stats([])
    rows = list(csv.reader(io.StringIO(render("events", "csv", stats, site="s", events=events))))
    assert rows == [
        ["name", "total", "unique", "revenue", "conversion"],
        ["buy\ufffd[2J", "9", "20", "12.5", "10.0"],
        ["'=signup", "5", "50", "", "25.0"],
    ]


def test_json_is_one_object_with_site_period_and_cleaned_rows() -> None:
    out = render("breakdown", "json", _stats(list(CORPUS)), site="Shop\x1b]0;PWNED\x07")
    assert_no_payload(out.encode(), "json")
    doc = json.loads(out)
    assert doc["site"].startswith("Shop") and doc["what"] == "breakdown"
    assert doc["period"] == {"from": "2026-11-01", "to": "2026-11-30"}
    assert len(doc["rows"]) == len(CORPUS)
    assert doc["rows"][0] == {"value": CORPUS[0], "count": 1, "percent": 1.5}
    series = json.loads(render("timeseries", "json", _stats([]), site="s"))["rows"]
    assert series == [{"date": "2026-11-01", "pageviews": 10, "visitors": 5, "visits": 7}]


def test_events_json_conversion_unknown_without_visitors() -> None:
    raw = msgspec.to_builtins(_stats([]))
    raw["totals"]["visitors"] = 0
    stats = msgspec.convert(raw, Stats)
    doc = json.loads(render("events", "json", stats, site="s", events=[Event("a", 1, 1, None)]))
    assert doc["rows"] == [
        {"name": "a", "total": 1, "unique": 1, "revenue": None, "conversion": None}
    ]


def test_text_built_without_the_decoder_is_cleaned_too() -> None:
    row = msgspec.structs.replace(BreakdownRow("x", 1, 1.0), value="=A\x1b]52;c;QQ==\x07")
    out = to_csv(breakdown_table([row]))
    assert_no_payload(out.encode(), "csv")
    assert out.splitlines()[1].startswith("\"'=A")


@pytest.mark.parametrize("when", [date(2026, 11, 1)])
def test_dates_are_iso(when: date) -> None:
    assert f'"{when.isoformat()}",10,5,7' in render("timeseries", "csv", _stats([]), site="s")

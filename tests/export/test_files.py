"""The dashboard's exports without a terminal: file names from hostile site names, what each
choice writes from what is on screen, and when there is nothing to write yet."""

from __future__ import annotations

import json
from datetime import date

import pytest

from krafter_tui.api import BreakdownRow, DateRange, Event, Site, Stats, TimeseriesPoint, Totals
from krafter_tui.export.files import (
    EXPORT_CHOICES,
    ExportChoice,
    OnScreen,
    export_name,
    export_text,
    file_slug,
)

CHOICES = {choice.key: choice for choice in EXPORT_CHOICES}
STATS = Stats(
    period=DateRange(date(2026, 10, 1), date(2026, 10, 31)),
    totals=Totals(pageviews=30, visitors=20, visits=25),
    timeseries=[TimeseriesPoint(date(2026, 10, 1), 30, 20, 25)],
)


def site(name: str, domain: str = "blog.example", key: str = "sk_1") -> Site:
    return Site(
        id="1",
        domain=domain,
        name=name,
        site_key=key,
        public_stats=False,
        created_at="2026-01-01T00:00:00Z",
    )


def shown(name: str = "Pebble CRM", **changes: object) -> OnScreen:
    values: dict[str, object] = {
        "site": site(name),
        "period": "30d",
        "stats": STATS,
        "events": [Event("signup", 5, 4, None)],
        "rows": [BreakdownRow("/b", 2, 40.0), BreakdownRow("=1+1", 3, 60.0)],
        "dimension": "path",
    }
    values.update(changes)
    return OnScreen(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Pebble CRM", "pebble-crm"),
        ("../../etc/passwd", "etc-passwd"),
        ('=HYPERLINK("http://x")', "hyperlink-http-x"),
        ("a\x1b]0;PWNED\x07b", "a-0-pwned-b"),
        ("C:\\Windows\\..\\x", "c-windows-x"),
        ("Ｆｕｌｌ　ｗｉｄｔｈ", "full-width"),
        ("東京 Blog", "東京-blog"),
        ("x" * 300, "x" * 40),
        ("...", ""),
        ("\u202eevil\u202c", "evil"),
    ],
)
def test_a_slug_keeps_letters_and_digits_only(text: str, slug: str) -> None:
    assert file_slug(text) == slug


def test_the_file_name_names_site_dates_and_what() -> None:
    assert export_name(CHOICES["b"], shown()) == (
        "krafter-pebble-crm-2026-10-01_2026-10-31-breakdown-path.csv"
    )
    assert (
        export_name(CHOICES["E"], shown()) == "krafter-pebble-crm-2026-10-01_2026-10-31-events.json"
    )
    one_day = Stats(
        period=DateRange(date(2026, 10, 5), date(2026, 10, 5)), totals=STATS.totals, timeseries=[]
    )
    assert export_name(CHOICES["s"], shown(stats=one_day)) == (
        "krafter-pebble-crm-2026-10-05-screenshot.svg"
    )
    # Before any answer: the period's label; a name with nothing left: the domain.
    assert export_name(CHOICES["s"], shown("../..", stats=None)) == (
        "krafter-blog-example-30d-screenshot.svg"
    )


def test_each_table_choice_writes_the_rows_on_screen() -> None:
    csv_text = export_text(CHOICES["b"], shown())
    assert csv_text == '"value","count","percent"\n"/b",2,40.0\n"\'=1+1",3,60.0\n'
    document = json.loads(export_text(CHOICES["B"], shown(row_filter=" b ")))
    assert document["dimension"] == "path" and document["filter"] == "b"
    assert [r["value"] for r in document["rows"]] == ["/b", "=1+1"]
    assert export_text(CHOICES["e"], shown()).splitlines()[1] == '"signup",5,4,"",20.0'
    assert export_text(CHOICES["t"], shown()).splitlines()[1] == '"2026-10-01",30,20,25'


def test_nothing_is_written_before_the_figures_came() -> None:
    assert shown(stats=None).missing(CHOICES["b"]) == "the figures have not arrived yet"
    assert shown(events=None).missing(CHOICES["e"]) == "the custom events have not arrived yet"
    assert shown(events=None).missing(CHOICES["b"]) is None
    assert shown(stats=None, site=None).missing(CHOICES["s"]) is None
    with pytest.raises(ValueError):
        export_text(CHOICES["e"], shown(events=None))
    with pytest.raises(ValueError):
        export_text(ExportChoice("s", "screenshot", "svg", "x"), shown())


def test_every_choice_has_its_own_letter() -> None:
    keys = [choice.key for choice in EXPORT_CHOICES]
    assert len(set(keys)) == len(keys) == 9
    assert {(c.what, c.fmt) for c in EXPORT_CHOICES} == {
        (what, fmt)
        for what in ("breakdown", "events", "timeseries", "hourly")
        for fmt in ("csv", "json")
    } | {("screenshot", "svg")}

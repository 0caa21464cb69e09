"""How the tables and themes look on screen: the scrollbar apart from the share bars, one
cursor row at a time, and borders and figures that read in the light theme too."""

from __future__ import annotations

from collections.abc import Callable

from rich.color import Color as RichColor
from rich.style import Style
from textual.color import Color
from textual.widget import Widget
from textual.widgets import DataTable

from krafter_tui.app import KrafterApp

from .conftest import settle
from .screen_text import cells, screen_strips

MakeApp = Callable[..., KrafterApp]


def cell(app: KrafterApp, x: int, y: int) -> tuple[str, Style]:
    ch, style = cells(screen_strips(app)[y])[x]
    assert style is not None
    return ch, style


def rgb(color: RichColor | None) -> tuple[int, int, int]:
    assert color is not None and color.triplet is not None, color
    return tuple(color.triplet)  # type: ignore[return-value]


def luminance(rgb_: tuple[int, int, int]) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb_)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


async def test_the_scrollbar_stands_apart_from_the_share_bars(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#breakdown", DataTable)
        assert table.show_vertical_scrollbar  # 81 rows: there is something to scroll
        x, y, width, height = table.region
        bar = Color.parse(app.theme_variables["primary"]).rich_color
        scrollbar_x = x + width - table.scrollbar_size_vertical
        assert table.scrollbar_size_vertical == 1
        for row in range(y + 1, y + height):  # under the header
            gap, _ = cell(app, scrollbar_x - 1, row)
            assert gap == " ", (row, gap)
            ch, style = cell(app, scrollbar_x, row)
            assert bar not in (style.color, style.bgcolor), (row, ch, style)
        top_bar = [cell(app, col, y + 1)[0] for col in range(x, scrollbar_x)]
        assert "█" in top_bar  # the longest bar is drawn, and ends before the gap


def row_background(app: KrafterApp, table: Widget, row: int) -> tuple[int, int, int]:
    x, y, _, _ = table.region
    return rgb(cell(app, x + 1, y + 1 + row)[1].bgcolor)


async def test_only_the_focused_table_shows_a_cursor_row(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        breakdown = app.screen.query_one("#breakdown", DataTable)
        events = app.screen.query_one("#events", DataTable)
        assert breakdown.has_focus
        # Rows 0 and 2 share a zebra stripe: they differ only where the cursor is.
        assert row_background(app, breakdown, 0) != row_background(app, breakdown, 2)
        assert row_background(app, events, 0) == row_background(app, events, 2)
        await pilot.press("tab")
        await pilot.pause()
        assert events.has_focus
        assert row_background(app, events, 0) != row_background(app, events, 2)
        assert row_background(app, breakdown, 0) == row_background(app, breakdown, 2)


async def test_borders_and_figures_read_in_light_and_dark_themes(make_app: MakeApp) -> None:
    for theme in ("textual-light", "textual-dark"):
        app = make_app(theme=theme)
        async with app.run_test(size=(160, 48)) as pilot:
            await settle(pilot)
            screen = app.screen
            pane = screen.query_one("#chart-pane")
            corner, border = cell(app, pane.region.x, pane.region.bottom - 1)
            assert corner == "╰"
            inside = rgb(cell(app, pane.region.x + 1, pane.region.y + 1)[1].bgcolor)
            assert contrast(rgb(border.color), inside) >= 1.5, (theme, border)
            title = cell(app, pane.region.x + 3, pane.region.y)[1]  # "Pageviews…"
            digits = screen.query_one("#realtime-digits")
            figure = [
                style
                for col in range(digits.region.x, digits.region.right)
                for ch, style in [cell(app, col, digits.region.y + 1)]
                if ch.strip()
            ]
            change = screen.query_one("#change-pageviews")  # ▲ in the success colour
            arrow = cell(app, change.region.x, change.region.y)[1]
            for style in (title, figure[0], arrow):
                ratio = contrast(rgb(style.color), rgb(style.bgcolor))
                assert ratio >= 3.0, (theme, style, ratio)

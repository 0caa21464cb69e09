"""The wall view of All sites: one tile per site, filling the screen (kiosk's All sites stop).

Each tile shows the site's name, its visitors now in the tallest digits that fit the tile
(:class:`~krafter_tui.ui.widgets.figure.BigFigure`), today's visitors so far and their change
against yesterday by the one so-far rule (the same words as the All sites table:
:meth:`SiteRow.change`), and the 7-day trend. The grid's columns follow the count of sites and
the shape of the screen (:func:`grid_shape`); past :data:`MAX_TILES` sites the screen shows the
dense table instead. Server strings go in as sanitised ``Text``, never as markup.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime
from typing import Final

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Container, Vertical
from textual.widgets import Static

from krafter_tui.alerts.marks import AlertMarks
from krafter_tui.overview.row import SiteRow, sparkline
from krafter_tui.text.sanitiser import clean_server_text
from krafter_tui.ui.widgets.figure import BigFigure
from krafter_tui.ui.widgets.fitline import FitLine
from krafter_tui.ui.widgets.fonts import fitting_font

__all__ = ["MAX_TILES", "SiteTile", "SiteTiles", "grid_shape", "tile_lines"]

MAX_TILES: Final = 12  # more sites than this: dense rows (the table), not tiles
MIN_WIDTH: Final = 34  # a tile's words whole: ``today 1,234 · ▲ 27.8% vs yday``, border
CELL_ASPECT: Final = 2.0  # a cell is about twice as high as wide: a square tile is 2w x 1h
# The rows of a tile that are not its figure: name, caption, today, trend, and the border.
TILE_LINES: Final = 6


def grid_shape(count: int, width: int, height: int) -> tuple[int, int]:
    """Columns and rows of tiles for ``count`` sites on ``width`` x ``height`` cells: of the
    shapes whose tiles are wide enough for their words whole (:data:`MIN_WIDTH`), the one
    that leaves the most room for a figure (a tile's height, less its lines of words, against
    its width in square units); of equal ones, the fewest empty tiles."""
    if count <= 0:
        return (1, 1)
    best: tuple[float, float, int, int, int] | None = None
    for columns in range(1, count + 1):
        rows = math.ceil(count / columns)
        tile_width = width / columns
        tile_height = height / rows - TILE_LINES
        room = min(tile_width / CELL_ASPECT, tile_height)
        words = min(tile_width, MIN_WIDTH)  # as wide as the words need: no more counts
        score = (words, room, -(columns * rows - count), -columns, columns)
        if best is None or score[:4] > best[:4]:
            best = score
    assert best is not None
    columns = int(best[4])
    return (columns, math.ceil(count / columns))


def _count(value: int | None) -> str:
    return "…" if value is None else f"{value:,}"


def tile_lines(
    row: SiteRow, now: datetime, colors: dict[str, str]
) -> tuple[tuple[Text, ...], tuple[Text, ...]]:
    """A tile's two lines of words, each as choices longest first (a narrow tile shows a
    shorter one, never a cut one): ``today 1,234 · +12% vs yday`` and ``7 days ▁▃▅█ · 12s
    ago`` (the change as the All sites table words it, in ``colors`` by direction;
    ``waiting`` before the first answer)."""
    today = row.today.visitors if row.today is not None else None
    change, direction = row.change(now)
    figure = Text(_count(today), style="bold")
    moved = Text(change, style=colors.get(direction, "")) if change else Text("")
    so_far = Text.assemble(("today ", "dim"), figure)
    short = figure.copy()
    if change:
        so_far = Text.assemble(so_far, " · ", moved)
        short = Text.assemble(short, " · ", moved)
    today_lines = (Text.assemble(so_far, (" vs yday", "dim")), so_far, short)
    line = Text(sparkline(row.trend) if row.trend else "…", style=colors.get("up", ""))
    trend = Text.assemble(("7 days ", "dim"), line)
    mark = "⚠ " if row.problem else ""
    age = Text(f" · {mark}{clean_server_text(row.freshness(now), 80)}", style="dim")
    return today_lines, (Text.assemble(trend, age), trend, line)


class SiteTile(Vertical):
    """One site: its name, visitors now in big digits, today so far with its change, trend."""

    def __init__(self, row: SiteRow) -> None:
        super().__init__(classes="site-tile")
        self.row = row

    def compose(self) -> ComposeResult:
        yield Static(classes="tile-name")
        yield BigFigure(classes="tile-now")
        yield Static(Text("visitors now", style="dim"), classes="tile-caption")
        yield FitLine(classes="tile-today")
        yield FitLine(classes="tile-trend")

    def show(
        self,
        row: SiteRow,
        now: datetime,
        alerts: AlertMarks,
        colors: dict[str, str],
        peers: Sequence[str] = (),
    ) -> None:
        """Draw ``row`` as it is at ``now``: its alert (in ``alerts``) marked by its name, the
        figure in a font that also fits ``peers`` (the other tiles': tiles are drawn alike)."""
        self.row = row
        name = Text(clean_server_text(row.site.name, 60), style="bold")
        name.append(f"  {clean_server_text(row.site.domain, 60)}", style="dim")
        if row.site.id in alerts:
            name = Text("● ", style=colors.get("down", "")) + name
        self.query_one(".tile-name", Static).update(name)
        self.query_one(BigFigure).update(_count(row.now), peers)
        today, trend = tile_lines(row, now, colors)
        self.query_one(".tile-today", FitLine).show(*today)
        self.query_one(".tile-trend", FitLine).show(*trend)


class SiteTiles(Container):
    """The tiles of up to :data:`MAX_TILES` sites in a grid that fills the widget."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.keys: list[str] = []  # site keys in tile order
        self.alerts = AlertMarks()  # the alert marks it asks (the overview's, handed on)
        self.last_drawn: datetime | None = None  # the app's clock at the last drawing

    @property
    def tiles(self) -> list[SiteTile]:
        """The tiles, in site order."""
        return list(self.query(SiteTile))

    def fill(self, rows: Sequence[SiteRow], now: datetime) -> None:
        """One tile per row (the site list changed), in a grid fitted to the widget."""
        self.keys = [row.site.site_key for row in rows]
        self.remove_children()
        tiles = [SiteTile(row) for row in rows]
        self.mount_all(tiles)
        self.call_after_refresh(self._draw_all, now)
        self.fit()

    def change_colors(self) -> dict[str, str]:
        """The theme's readable up and down colours (as the All sites table's)."""
        variables = self.app.theme_variables
        return {"up": variables.get("text-success", ""), "down": variables.get("text-error", "")}

    def _draw_all(self, now: datetime) -> None:
        self.last_drawn = now
        tiles = self.tiles
        peers = [_count(tile.row.now) for tile in tiles]
        # Tiles differ by a cell where the grid shares out a remainder: every figure is drawn
        # in the font that fits the smallest tile, so the wall reads alike.
        width, height = self.size
        font = None
        if width and height:
            columns, rows = grid_shape(len(tiles), width, height)
            font = fitting_font(peers, width // columns - 4, height // rows - TILE_LINES)
        colors = self.change_colors()
        for tile in tiles:
            tile.query_one(BigFigure).max_height = font.height if font is not None else None
            tile.show(tile.row, now, self.alerts, colors, peers)

    def fit(self) -> None:
        """The grid's shape for the count of tiles and the widget's size."""
        width, height = self.size
        columns, rows = grid_shape(len(self.keys), width or 80, height or 24)
        self.styles.grid_size_columns = columns
        self.styles.grid_size_rows = rows

    def on_resize(self) -> None:
        self.fit()
        if self.tiles and self.last_drawn is not None:
            self.call_after_refresh(self._draw_all, self.last_drawn)

    def show_row(self, row: SiteRow, now: datetime) -> None:
        """Redraw the tile of ``row`` (after a refresh, or a second later for its age)."""
        for tile in self.tiles:
            if tile.row.site.site_key == row.site.site_key:
                tile.row = row
        self._draw_all(now)  # every tile: a new figure may change the font they share

    def tick(self, now: datetime) -> None:
        """The clock moved: each tile's age and change (which follows the time of day)."""
        self._draw_all(now)

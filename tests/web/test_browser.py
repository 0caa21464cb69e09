"""``krafter-tui serve --demo`` in a real headless Chromium (Debian's package).

One browser session covers what a user of the page would notice: the page loads from this
server alone, the terminal connects, the demo's figures appear (read from xterm's buffer, and
seen drawn in the screenshot where that buffer puts them), a key typed into the page changes
the period, a font that cannot load breaks nothing, and Ctrl+C stops the server and its tabs.
The key is never on a command line.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from krafter_tui.api import KrafterClient, Period
from krafter_tui.demo import DEMO_TOKEN
from krafter_tui.text.numbers import grouped
from tests.ui.screen_text import find_figure
from tests.web.browser import (
    CHROMIUM_ARGS,
    READ_TERMINAL,
    ROOT,
    TERMINAL_HOOK,
    chromium,
    serving,
    wait_for,
)
from tests.web.png import decode_png

pytestmark = pytest.mark.browser

SITE = "Pebble CRM"


def expected_pageviews(api_url: str, period: Period) -> str:
    """The demo site's pageviews over ``period``, as the Totals pane prints them."""

    async def fetch() -> int:
        async with KrafterClient(DEMO_TOKEN, api_url) as client:
            site = next(s for s in await client.list_sites() if s.name == SITE)
            return (await client.stats(site.site_key, period)).totals.pageviews

    # In a thread of its own: Playwright's sync API keeps an event loop running in this one.
    with ThreadPoolExecutor(1) as pool:
        return grouped(pool.submit(lambda: asyncio.run(fetch())).result())


def screen(page: Any) -> dict[str, Any] | None:
    """The page's terminal: its lines and where its cells are on the page."""
    result: dict[str, Any] | None = page.evaluate(READ_TERMINAL)
    return result


def text(page: Any) -> str:
    """The terminal's lines, for a failure message."""
    seen = screen(page)
    return "(no terminal)" if seen is None else "\n".join(seen["lines"])


def showing(page: Any, *texts: str, figure: str | None = None) -> dict[str, Any] | None:
    """The terminal once every one of ``texts`` is on it, and ``figure`` drawn in any of the
    dashboard's fonts (its place then in ``seen["figure"]``), else None."""
    seen = screen(page)
    if seen is None or not all(any(t in line for line in seen["lines"]) for t in texts):
        return None
    if figure is not None:
        seen["figure"] = find_figure(seen["lines"], figure)
        if seen["figure"] is None:
            return None
    return seen


def cell_box(seen: dict[str, Any], row: int, col: int, width: int, height: int) -> dict[str, float]:
    """The page rectangle of ``width`` × ``height`` cells from (``row``, ``col``)."""
    cell_w, cell_h = seen["width"] / seen["cols"], seen["height"] / seen["rows"]
    return {
        "x": seen["x"] + col * cell_w,
        "y": seen["y"] + row * cell_h,
        "width": width * cell_w,
        "height": height * cell_h,
    }


def inked(png: bytes) -> int:
    """How many pixels of a screenshot differ clearly from its top-left pixel (the cell's
    background): text drawn there shows as such pixels."""
    image = decode_png(png)
    background = image.pixel(0, 0)
    return sum(
        1
        for row in image.rows
        for pixel in row
        if sum(abs(a - b) for a, b in zip(pixel, background, strict=True)) > 120
    )


def cmdlines() -> list[str]:
    """Every process's command line on this machine."""
    lines = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                lines.append((entry / "cmdline").read_bytes().replace(b"\0", b" ").decode())
            except OSError:
                continue
    return lines


def figure_rows(page: Any, figure: str) -> tuple[Any, list[str]] | None:
    """Where ``figure`` is on the page's terminal now, and the rows it is drawn on."""
    seen = showing(page, figure=figure)
    if seen is None:
        return None
    font, row, _ = seen["figure"]
    return seen, seen["lines"][row : row + font.height]


def ink_beside(page: Any, figure: str) -> tuple[int, int] | None:
    """The ink in the cells of ``figure`` and in blank cells beside it, in a screenshot taken
    while the figure's rows stayed the same for half a second before and until after it (the
    dashboard may redraw the figure in another font meanwhile); None if they did not."""
    before = figure_rows(page, figure)
    time.sleep(0.5)
    settled = figure_rows(page, figure)
    if before is None or settled is None or before[1] != settled[1]:
        return None
    seen = settled[0]
    font, row, col = seen["figure"]
    width = font.width(figure)
    drawn = page.screenshot(clip=cell_box(seen, row, col, width, font.height))
    beside = page.screenshot(clip=cell_box(seen, row, col + width + 1, 4, font.height))
    after = figure_rows(page, figure)
    if after is None or after[1] != settled[1]:
        return None
    return inked(drawn), inked(beside)


def check_drawn(page: Any, figure: str, tmp_path: Path) -> None:
    """``figure`` is drawn where xterm's buffer has it, and the blank cells beside it are not;
    the whole page is kept as a screenshot."""
    drawn, beside = wait_for(lambda: ink_beside(page, figure), "the figure to hold still")
    assert drawn > 20 * len(figure)
    assert beside == 0
    shot = tmp_path / "browser.png"
    page.screenshot(path=shot)
    if os.environ.get("KRAFTER_SAVE_SCREENSHOTS"):
        shutil.copy(shot, ROOT / "screenshots" / "browser.png")


def check_font_blocked(context: Any, url: str, figure: str) -> None:
    """A tab whose font cannot load falls back to another and still shows the dashboard."""
    failed: list[str] = []
    page = context.new_page()
    page.route("**/fonts/**", lambda route: route.abort())
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.goto(url)
    wait_for(
        lambda: showing(page, "Pageviews", figure=figure),
        "the figure with the font blocked",
        shown=lambda: text(page),
    )
    assert any("/fonts/" in url for url in failed)


def check_refusals(url: str) -> None:
    """A page elsewhere reaches the dashboard neither through a name of its own rebound to
    127.0.0.1 nor by opening its websocket from another origin."""
    rebound = httpx.get(url, headers={"Host": "attacker.example"})
    foreign = httpx.get(url + "ws", headers={"Origin": "http://attacker.example"})
    assert (rebound.status_code, foreign.status_code) == (403, 403)
    assert httpx.get(url).status_code == 200


def test_the_dashboard_in_chromium(tmp_path: Path) -> None:
    executable = chromium()
    from playwright.sync_api import sync_playwright

    today = datetime.now(UTC).date()
    # A closed range in the past: its figures do not move while the test reads them.
    start, end = today - timedelta(days=10), today - timedelta(days=4)
    flags = ("--demo", "--site", SITE, "--from", str(start), "--to", str(end))
    requests: list[str] = []
    with sync_playwright() as playwright:
        # launch() gives the browser a fresh profile folder of its own every time.
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1200, "height": 720})
            context.on("request", lambda request: requests.append(request.url))
            context.on("websocket", lambda socket: requests.append(socket.url))
            context.add_init_script(TERMINAL_HOOK)
            with serving(*flags) as served:
                api_url = next(
                    m.group(1)
                    for line in served.printed
                    if (m := re.search(r"Demo API.*: (\S+)", line))
                )
                figure = expected_pageviews(api_url, Period.custom(start, end))
                check_refusals(served.url)
                page = context.new_page()
                page.goto(served.url)

                # The terminal connects and the demo's figure for the range appears.
                wait_for(
                    lambda: showing(page, "Pageviews", figure=figure),
                    f"{figure} on the page",
                    shown=lambda: text(page),
                )
                wait_for(
                    lambda: (seen := screen(page)) is not None and SITE in seen["lines"][0],
                    "the site's name in the header",
                    shown=lambda: text(page),
                )
                check_drawn(page, figure, tmp_path)

                # Each tab is its own dashboard process; the key is on no command line.
                lines = cmdlines()
                assert any("krafter_tui" in line and api_url in line for line in lines)
                assert not any(DEMO_TOKEN in line for line in lines)

                # A key typed into the page reaches the dashboard: t is "last 30 days".
                page.focus(".xterm-helper-textarea")
                page.keyboard.press("t")
                wait_for(
                    lambda: showing(page, "Last 30 days"),
                    "the period to change on t",
                    shown=lambda: text(page),
                )
                check_font_blocked(context, served.url, figure)
            # Ctrl+C with both tabs open: the server stops cleanly and the page says so.
            wait_for(
                lambda: "-closed" in page.evaluate("document.body.className"),
                "the page to say the dashboard has ended",
            )
        finally:
            browser.close()

    assert served.process.returncode == 0
    assert "Traceback" not in "".join(served.printed), "".join(served.printed)
    wait_for(
        lambda: not any("krafter_tui" in line and api_url in line for line in cmdlines()),
        "the tabs' processes to end",
        timeout=20,
    )
    # Nothing the pages asked for left this machine.
    assert requests
    assert {urlsplit(url).hostname for url in requests} <= {"127.0.0.1", "localhost"}

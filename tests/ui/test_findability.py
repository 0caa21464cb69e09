"""Finding things (issue 24, item 6): every opening key in the footer, a help screen that
says what the cycling keys cycle through and how to leave it without scrolling, the palette
over the help screen, a footer that says plain "Quit" where Ctrl+Q stands alone, and the
theme picked in the palette kept for the next launch."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from textual.pilot import Pilot
from textual.widgets._toast import Toast

from krafter_tui.api import KrafterClient, Period
from krafter_tui.app import KrafterApp
from krafter_tui.config.options import DashboardOptions
from krafter_tui.demo import DEMO_TOKEN, DemoApp
from krafter_tui.ui.screens import DashboardScreen, HelpScreen, LoginScreen
from krafter_tui.ui.screens.export_dialog import ExportDialog
from krafter_tui.ui.widgets.breakdown import row_change
from krafter_tui.ui.widgets.site_table import FIXED

from .conftest import DEMO_URL, FROZEN, settle
from .helpers import dashboard, wait_until
from .screen_text import line_with, pane_lines, screen_lines
from .test_overview import open_overview

MakeApp = Callable[..., KrafterApp]


def footer(app: KrafterApp) -> str:
    """The footer: the screen's last line."""
    return screen_lines(app)[-1]


async def test_all_sites_key_is_in_the_footer_at_both_sizes(make_app: MakeApp) -> None:
    for size in ((80, 24), (120, 40)):
        app = make_app()
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            assert " s [ ] 0 Site " in footer(app), (size, footer(app))


async def test_help_says_what_x_and_m_cycle_through_and_esc_shows_without_scrolling(
    make_app: MakeApp,
) -> None:
    for size in ((120, 40), (80, 24)):
        app = make_app()
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            await pilot.press("question_mark")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            # The way out is on screen as it opens, before any scrolling.
            assert "Esc closes · Ctrl+P opens the palette" in "\n".join(screen_lines(app)), size
            await pilot.press("end")  # the list scrolls; the way out stays in sight
            await pilot.pause()
            assert "Esc closes · Ctrl+P opens the palette" in "\n".join(screen_lines(app)), size
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert "previous period → year before → off" in line_with(app, " x  ")
        assert "pageviews → visitors → visits" in line_with(app, " m  ")


async def test_ctrl_p_opens_the_palette_over_the_help_screen_twice(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for _ in range(2):
            await pilot.press("question_mark")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            await pilot.press("ctrl+p")
            await pilot.pause()
            assert app.screen.id == "--command-palette"
            await pilot.press("escape")  # the palette closes onto the help screen
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, DashboardScreen)


async def test_ctrl_q_alone_in_the_footer_says_quit(make_app: MakeApp) -> None:
    app = make_app()
    app.token = None  # the login screen
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LoginScreen)
        assert " ^q Quit " in footer(app) and "kiosk" not in footer(app), footer(app)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash")  # filtering: q is a letter of the filter
        await pilot.pause()
        await pilot.press("b")
        await pilot.pause()
        assert "^q Quit" in footer(app) and "kiosk" not in footer(app), footer(app)
        await pilot.press("escape")  # the filter closes
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        await pilot.press("end")
        await pilot.pause()
        # The help screen still says it is the way out of kiosk mode.
        assert "^q" in line_with(app, "Quit (also in kiosk mode)")


def remembering_app(demo: DemoApp) -> KrafterApp:
    """The app as launched: its state where platformdirs puts it (XDG_STATE_HOME)."""
    options = DashboardOptions(
        api_url=DEMO_URL, demo=True, realtime_interval=3600.0, stats_interval=3600.0
    )
    return KrafterApp(
        options,
        token=DEMO_TOKEN,
        transport=httpx.ASGITransport(app=demo),
        clock=lambda: FROZEN,
    )


async def pick_theme(pilot: Pilot[int], name: str) -> None:
    """Ctrl+P, the palette's theme command, then ``name`` in its list."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*"theme")
    await pilot.pause(0.5)
    await pilot.press("enter")
    await pilot.pause(0.5)
    await pilot.press(*name)
    await pilot.pause(0.5)
    await pilot.press("enter")
    await pilot.pause()


async def test_a_theme_picked_in_the_palette_is_the_next_launchs(
    demo: DemoApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    for picked in ("nord", "gruvbox"):  # the second pick replaces the first
        app = remembering_app(demo)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pick_theme(pilot, picked)
            assert app.theme == picked
        again = remembering_app(demo)
        async with again.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            assert again.theme == picked
            # The site and period are remembered beside it, as before.
            assert (tmp_path / "state" / "krafter-tui" / "state.json").exists()
    # A theme given in the settings is the launch's, over the one remembered.
    configured = KrafterApp(
        DashboardOptions(api_url=DEMO_URL, demo=True, theme="dracula"),
        token=DEMO_TOKEN,
        transport=httpx.ASGITransport(app=demo),
        clock=lambda: FROZEN,
    )
    assert configured.theme == "dracula"


def test_a_remembered_theme_that_is_no_theme_is_ignored(
    demo: DemoApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    state = tmp_path / "krafter-tui" / "state.json"
    state.parent.mkdir(parents=True)
    for written in ('{"theme": "no-such-theme"}', '{"theme": ["nord"]}', '["nord"]', "{"):
        state.write_text(written, encoding="utf-8")
        assert remembering_app(demo).theme == "textual-dark", written
    state.write_text('{"theme": "nord"}', encoding="utf-8")
    assert remembering_app(demo).theme == "nord"


def toast_lines(app: KrafterApp) -> list[str]:
    """Each line of every toast, as drawn, without its frame and padding."""
    lines = screen_lines(app)
    drawn = []
    for toast in app.screen.query(Toast):
        region = toast.region
        for line in lines[region.y : region.bottom]:
            text = line[region.x : region.right].strip().strip("▌▐").strip()
            if text:
                drawn.append(text)
    return drawn


async def test_ctrl_s_on_all_sites_saves_the_screen_twice_and_toasts_whole_path_pieces(
    make_app: MakeApp, tmp_path: Path
) -> None:
    folder = tmp_path / "downloads"
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_overview(pilot)
        saved: list[Path] = []
        for _ in range(2):
            await pilot.press("ctrl+s")
            await wait_until(pilot, lambda: isinstance(app.screen, ExportDialog), 10, "dialog")
            await pilot.pause()
            shown = "\n".join(screen_lines(app))
            assert "Will save to" in shown, shown  # nothing is saved yet
            dialog_lines = [line.strip(" █") for line in screen_lines(app)]
            at = dialog_lines.index("Will save to")
            assert "".join(dialog_lines[at + 1 : at + 3]) == str(folder)  # two whole lines
            assert dialog_lines[at + 1][-1] in "/-_.", dialog_lines  # not inside a word
            assert "Saved" not in shown
            assert "Screenshot as SVG" in shown and "Breakdown" not in shown
            await pilot.press("b")  # not offered here: nothing happens
            await pilot.pause()
            assert isinstance(app.screen, ExportDialog)
            before = set(folder.glob("*")) if folder.is_dir() else set()
            await pilot.press("s")
            await wait_until(
                pilot,
                lambda b=before: folder.is_dir() and bool(set(folder.glob("*")) - b),  # type: ignore[misc]
                20,
                "a file",
            )
            (path,) = set(folder.glob("*")) - before
            saved.append(path)
            await wait_until(pilot, lambda: "Saved" in toast_lines(app), 20, "the toast")
            drawn = toast_lines(app)
            at = drawn.index("Saved")
            pieces = drawn[at + 1 : at + 1 + len(drawn)]
            joined = ""
            for piece in pieces:
                joined += piece
                if joined == str(path):
                    break
                # A line of the path ends where a path may break, never inside a word.
                assert piece[-1] in "/-_.", (piece, drawn)
            assert joined == str(path), drawn
            app.clear_notifications()
            await pilot.pause()
        assert [p.name for p in saved] == [
            "krafter-site-all-sites-2026-11-26-screenshot.svg",
            "krafter-site-all-sites-2026-11-26-screenshot-2.svg",
        ]
        svg = saved[0].read_text()
        assert "All&#160;sites" in svg and "Pebble&#160;Docs" in svg
        assert "Screenshot&#160;as" not in svg  # the dialog had gone


async def test_the_palette_on_all_sites_offers_its_keys_and_opens_a_site(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_overview(pilot)
        titles = {c.title: c.help for c in app.get_system_commands(screen)}
        assert titles["All sites: open the highlighted site"].endswith("(⏎)")
        assert titles["Export…"].endswith("(^s)")
        assert titles["Help: keys"].endswith("(?)")
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"slow brew")
        await pilot.pause(0.5)
        assert "Site: Slow Brew Notes (slowbrew.blog)" in "\n".join(screen_lines(app))
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, DashboardScreen), 10, "back")
        await settle(pilot)
        selection = dashboard(app).selection
        assert selection is not None and selection.site.name == "Slow Brew Notes"


async def test_all_sites_headers_say_what_they_count_and_names_take_what_they_need(
    make_app: MakeApp,
) -> None:
    for width in (160, 80):
        app = make_app()
        async with app.run_test(size=(width, 30)) as pilot:
            screen = await open_overview(pilot)
            # The demo's widest name and domain ("Pebble Docs  docs.pebblecrm.com").
            needed = max(len(f"{r.site.name}  {r.site.domain}") for r in screen.feed.rows)
            site_column = needed if width == 160 else 80 - FIXED
            header = line_with(app, "Visitors")
            under = screen_lines(app)[screen_lines(app).index(header) + 1]
            # "Visitors" and "Views" each with "today" under it.
            assert under[: header.index("Visitors") + 8].rstrip().endswith("today"), under
            assert under[: header.index("Views") + 8].rstrip().endswith("today"), under
            assert screen.table.width_of_names == site_column, width
            # The site column ends where its widest label does: "Now" right after it.
            now_ends = header.index("Now") + len("Now")
            assert now_ends == header.index("Site") + site_column + 2 + 8, header
            if width == 160:
                assert "Pebble Docs  docs.pebblecrm.com   " in line_with(app, "Pebble Docs")


async def test_site_naming_two_sites_names_both_on_the_dashboard(make_app: MakeApp) -> None:
    app = make_app(site="Pebble")
    async with app.run_test(size=(120, 40), notifications=True) as pilot:

        def toasts() -> str:
            return " ".join(" ".join(toast_lines(app)).split())

        # Read as soon as it shows (a toast goes after a few seconds).
        await wait_until(pilot, lambda: "showing" in toasts(), 30, "the warning")
        shown = toasts()
        assert "'Pebble' matches 2 sites (Pebble CRM, Pebble Docs)" in shown, shown
        assert "No site matches" not in shown
        assert "showing Pebble CRM" in shown


async def test_comparing_gives_custom_events_a_change_column_like_the_breakdowns(
    make_app: MakeApp, demo_client: KrafterClient
) -> None:
    # A period that is over: its changes are whole against whole (a period not over is set
    # against the same share of the compared one: tests/ui/test_so_far_screens.py).
    app = make_app(site="Pebble CRM", period=Period.parse("lastmonth"))
    async with app.run_test(size=(140, 48)) as pilot:
        await settle(pilot)
        assert "Change" not in "".join(pane_lines(app, "#events-pane"))
        for mode in ("previous", "year"):  # x once, then again: the year before
            await pilot.press("x")
            await wait_until(
                pilot,
                lambda: dashboard(app).state.compared_events is not None,
                20,
                f"the compared events ({mode})",
            )
            await settle(pilot)
            compared = dashboard(app).state.compared
            assert compared is not None
            before = await demo_client.events(
                dashboard(app).selection.site.site_key,  # type: ignore[union-attr]
                Period.custom(compared.period.start, compared.period.end),
            )
            totals = {e.event_name: e.total for e in before}
            lines = pane_lines(app, "#events-pane")
            header = next(line for line in lines if "Event" in line)
            words = header.strip("│ ").split()
            assert words[:4] == ["Event", "Total", "Change", "Unique"], header
            now = dashboard(app).state.events
            assert now
            for event in now:
                line = next(line for line in lines if f"│ {event.event_name[:7]}" in line)
                expected, _ = row_change(event.total, totals.get(event.event_name))
                # Right after the total, as the breakdown puts it after the count.
                assert f"{event.total:,}{expected:>7} " in line, (mode, line, expected)
            # The same words as the breakdown's change column.
            assert "Change" in "".join(pane_lines(app, "#breakdown-pane"))
        await pilot.press("x")  # off: the column goes
        await settle(pilot)
        header = next(line for line in pane_lines(app, "#events-pane") if "Event" in line)
        assert "Change" not in header

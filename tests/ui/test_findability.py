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

from krafter_tui.app import KrafterApp
from krafter_tui.demo import DEMO_TOKEN, DemoApp
from krafter_tui.options import DashboardOptions
from krafter_tui.screens import DashboardScreen, HelpScreen, LoginScreen

from .conftest import DEMO_URL, FROZEN, settle
from .screen_text import line_with, screen_lines

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

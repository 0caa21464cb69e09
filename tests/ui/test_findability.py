"""Finding things (issue 24, item 6): every opening key in the footer, a help screen that
says what the cycling keys cycle through and how to leave it without scrolling, the palette
over the help screen, and a footer that says plain "Quit" where Ctrl+Q stands alone."""

from __future__ import annotations

from collections.abc import Callable

from krafter_tui.app import KrafterApp
from krafter_tui.screens import DashboardScreen, HelpScreen, LoginScreen

from .conftest import settle
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

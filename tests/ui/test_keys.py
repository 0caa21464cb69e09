"""Every key: in kiosk mode none opens a dialog, a prompt or the palette and only Ctrl+Q quits;
in normal mode every key is in the footer (at every width) and on the help screen. The keys
are taken from the bindings Textual dispatches from, so a new binding is covered."""

from __future__ import annotations

from collections.abc import Callable

from textual.binding import Binding
from textual.command import CommandPalette
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widgets import DataTable, Input

from krafter_tui.app import KrafterApp
from krafter_tui.ui.screens import DashboardScreen, HelpScreen
from krafter_tui.ui.screens.dashboard import FOOTER_LEVELS, MIN_SIZE

from .conftest import settle
from .screen_text import screen_rows

MakeApp = Callable[..., KrafterApp]


def bindings_of(*nodes: DOMNode) -> list[tuple[str, Binding]]:
    """(key, binding) of every node, as Textual dispatches keys from them."""
    return [(key, binding) for node in nodes for key, binding in node._bindings]


def documented(app: KrafterApp, screen: Screen[object]) -> list[Binding]:
    """The keys a user is told about: the dashboard's and the app's, without Textual's
    generic focus/copy keys of every screen and its hidden system keys."""
    generic = {b.action for b in Screen.BINDINGS if isinstance(b, Binding)}
    return [
        binding
        for _, binding in bindings_of(screen, app)
        if binding.description and not binding.system and binding.action not in generic
    ]


async def test_in_kiosk_mode_no_key_opens_anything_and_only_ctrl_q_quits(
    make_app: MakeApp,
) -> None:
    app = make_app(kiosk=True, rotate_sites=3600.0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        keys = {key for key, _ in bindings_of(app, screen, *screen.query("*"))}
        # The keys that open something outside kiosk mode are among those tried.
        assert {"enter", "ctrl+p", "q", "s", "c", "question_mark", "slash"} <= keys
        keys.discard("ctrl+q")
        targets: list[DOMNode | None] = [None, *screen.query(DataTable)]
        for target in targets:
            for key in sorted(keys):
                screen.set_focus(target if isinstance(target, DataTable) else None)
                await pilot.press(key)
                await pilot.pause()
                where = f"{key!r} with {target!r} focused"
                assert app.is_running, where
                assert app.screen is screen, f"{where} opened {app.screen!r}"
                assert not isinstance(app.focused, Input), f"{where} opened a prompt"
                assert not any(field.display for field in screen.query(Input)), where
        # A click on a breakdown row (the mouse's Enter), and the palette asked for directly.
        await pilot.click("#breakdown", offset=(3, 2))
        await pilot.pause()
        await pilot.click("#breakdown", offset=(3, 2))
        await pilot.pause()
        assert app.screen is screen, "a click on a row opened a dialog"
        await app.run_action("command_palette")
        await pilot.pause()
        assert app.screen is screen and not CommandPalette.is_open(app)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0


def footer_names() -> set[str]:
    """Every word the footer may show besides keys: descriptions and group names."""
    bindings = [
        *DashboardScreen.BINDINGS,
        *KrafterApp.BINDINGS,
    ]
    names = set()
    for binding in bindings:
        assert isinstance(binding, Binding)
        names.update(binding.description.split())
        if binding.group is not None:
            names.add(binding.group.description)
    for level in FOOTER_LEVELS:
        names.update(group.description for group in level.values() if group is not None)
    return names


async def test_every_key_is_in_the_footer_at_every_width_and_on_the_help_screen(
    make_app: MakeApp,
) -> None:
    app = make_app()
    names = footer_names()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        # Every key the table shows (the named periods beyond w t l c, and Shift+→, are off
        # the footer for room: the help screen below and the palette name them).
        expected = {
            app.get_key_display(b): b
            for b in documented(app, app.screen)
            if b.action != "clear_filter"  # Esc does something only while filtering: below
            and (b.show or b.action == "command_palette")
        }
        assert {"⏎", "^q", "^p", "[", "]", "D", "o", "/"} <= set(expected)
        for width in sorted({MIN_SIZE[0], 79, 80, 90, 101, 102, 103, 120, 160, 200}):
            await pilot.resize_terminal(width, 30)
            await pilot.pause()
            footer = screen_rows(app)[-1]
            words = footer.replace("▏", " ").split()
            missing = [key for key in expected if key not in words]
            assert not missing, f"{width} columns: {missing} not in {footer!r}"
            stray = [w for w in words if w not in expected and w not in names]
            assert not stray, f"{width} columns: cut or unknown {stray} in {footer!r}"
        await pilot.press("slash")
        await pilot.pause()
        footer = screen_rows(app)[-1]
        assert "esc" in footer.split(), footer
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        shown = {key for keys, _ in help_screen.rows for key in keys.split(" / ")}
        every = {app.get_key_display(b) for b in documented(app, app.screen_stack[-2])}
        assert every <= shown, f"not on the help screen: {every - shown}"
        assert {"⏎", "^q", "esc"} <= shown

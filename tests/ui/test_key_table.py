"""Keys as data, in the running app: the keys Textual dispatches on the dashboard are exactly
the table's (krafter_tui/ui/keys.py), and each is on the help screen and in the palette with its
key. The expectations are read from the dispatched bindings, not from the table, so a binding
added anywhere else is caught."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.actions import parse
from textual.binding import Binding, BindingsMap
from textual.dom import DOMNode

from krafter_tui.app import KrafterApp
from krafter_tui.ui.bindings import bindings
from krafter_tui.ui.keys import APP_COMMANDS, DASHBOARD_COMMANDS, Command
from krafter_tui.ui.screens import DashboardScreen, HelpScreen

from .conftest import settle
from .screen_text import screen_lines

MakeApp = Callable[..., KrafterApp]
Entry = tuple[str, str, str]  # key, action, description

# Keys without an entry of their own in the palette, and why.
NOT_IN_PALETTE = {
    "step_dimension(-1)": "the palette names each of the nine dimensions instead",
    "show_value": "needs the cursor on a breakdown row",
    "clear_filter": "does something only while the filter field is open",
    "command_palette": "is the palette",
    "request_quit": "Textual's own Quit entry quits",
    "quit": "Textual's own Quit entry quits",
    "cycle_traffic": "the demo's only: the palette cannot leave it out without --demo",
}


def entries(bindings_map: BindingsMap) -> list[Entry]:
    return [(key, b.action, b.description) for key, b in bindings_map]


def textual_own(node: DOMNode) -> set[Entry]:
    """The bindings Textual's own classes give ``node`` (focus keys, its Ctrl+Q, ...)."""
    return {
        entry
        for base in type(node).__mro__
        if base.__module__.startswith("textual.")
        for entry in entries(BindingsMap(base.__dict__.get("BINDINGS", [])))
    }


def ours(*nodes: DOMNode) -> list[tuple[str, Binding]]:
    """(key, binding) Textual dispatches from ``nodes``, without Textual's own bindings
    (those the table declares again, as Ctrl+Q "Quit", are ours)."""
    found = []
    declared = table_entries((*DASHBOARD_COMMANDS, *APP_COMMANDS))
    for node in nodes:
        own = textual_own(node) - declared
        found += [(k, b) for k, b in node._bindings if (k, b.action, b.description) not in own]
    return found


def by_action(app: KrafterApp, *nodes: DOMNode) -> dict[str, tuple[str, str]]:
    """Action → (its keys as the footer shows them, its description)."""
    keys: dict[str, list[str]] = {}
    words: dict[str, str] = {}
    for _, binding in ours(*nodes):
        keys.setdefault(binding.action, []).append(app.get_key_display(binding))
        words[binding.action] = binding.description
    return {action: (" / ".join(shown), words[action]) for action, shown in keys.items()}


def table_entries(commands: tuple[Command, ...]) -> set[Entry]:
    return set(entries(BindingsMap(bindings(commands))))


def test_the_classes_bind_exactly_the_table() -> None:
    assert bindings(DASHBOARD_COMMANDS) == DashboardScreen.BINDINGS
    assert bindings(APP_COMMANDS) == KrafterApp.BINDINGS
    for owner, commands in ((DashboardScreen, DASHBOARD_COMMANDS), (KrafterApp, APP_COMMANDS)):
        for command in commands:
            _, name, _ = parse(command.action)
            assert callable(getattr(owner, f"action_{name}", None)), command


async def test_every_dispatched_key_of_the_dashboard_and_app_is_in_the_table(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        for node, commands in ((screen, DASHBOARD_COMMANDS), (app, APP_COMMANDS)):
            dispatched = {(key, b.action, b.description) for key, b in ours(node)}
            table = table_entries(commands)
            assert dispatched - table == set(), f"bound outside the table on {node!r}"
            assert table - set(entries(node._bindings)) == set(), f"not bound on {node!r}"


async def test_every_key_is_on_the_help_screen_with_what_it_does(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        expected = by_action(app, app.screen, app)
        assert len(expected) == len(DASHBOARD_COMMANDS) + len(APP_COMMANDS)
        await pilot.press("question_mark")
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        # Each row once (the order is the snapshot's to check: Textual's merge has its own),
        # in the help screen's own words where the table gives some.
        explained = {c.action: c.help_text for c in (*DASHBOARD_COMMANDS, *APP_COMMANDS)}
        expected_rows = [(keys, explained[action]) for action, (keys, _) in expected.items()]
        assert sorted(help_screen.rows) == sorted(expected_rows)


async def test_every_key_is_in_the_palette_with_its_key_or_named_as_not(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        expected = by_action(app, screen, app)
        palette: dict[str, tuple[str, str]] = {}
        for command in app.get_system_commands(screen):
            callback = command.callback
            if isinstance(callback, partial) and getattr(callback.func, "__self__", None) is screen:
                name = callback.func.__name__.removeprefix("action_")
                arguments = ", ".join(repr(a) for a in callback.args)
                action = f"{name}({arguments})" if arguments else name
                palette[action] = (command.title, command.help)
        for action, (keys, _) in expected.items():
            if action in NOT_IN_PALETTE:
                assert action not in palette, f"{action} is in the palette after all"
                continue
            assert action in palette, f"{action} ({keys}) is not in the palette"
            title, help_text = palette[action]
            assert help_text.endswith(f" ({keys})"), f"{title!r}: {help_text!r} names no {keys}"
        assert set(expected) - set(palette) == set(NOT_IN_PALETTE)
        assert "Quit" in {command.title for command in app.get_system_commands(screen)}
        # As the palette shows it.
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"next site")
        await pilot.pause(0.5)
        assert "Show the next site (])" in "\n".join(screen_lines(app))


async def test_kiosk_mode_turns_off_exactly_the_commands_the_table_marks(
    make_app: MakeApp,
) -> None:
    enabled: dict[bool, dict[str, bool]] = {}
    for kiosk in (False, True):
        app = make_app(kiosk=kiosk)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, DashboardScreen)
            screen.set_focus(None)
            await pilot.pause()
            enabled[kiosk] = {}
            for owner, commands in ((screen, DASHBOARD_COMMANDS), (app, APP_COMMANDS)):
                for command in commands:
                    _, name, arguments = parse(command.action)
                    allowed = owner.check_action(name, arguments)
                    enabled[kiosk][command.action] = allowed is not False
    for command in (*DASHBOARD_COMMANDS, *APP_COMMANDS):
        turned_off = enabled[False][command.action] and not enabled[True][command.action]
        assert turned_off == command.kiosk_blocked, command

"""The table of commands (krafter_tui/ui/keys.py) as plain data: no Textual, no key used twice
where both would be active, every palette entry with words of its own."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

from krafter_tui.ui.keys import APP_COMMANDS, DASHBOARD_COMMANDS, Command, kiosk_blocked

ROOT = Path(__file__).resolve().parents[2]  # the repository

# The scopes keys are looked up in: the app's keys are active on every screen, so on the
# dashboard both tables are one scope (a dashboard key would hide the app's).
SCOPES: dict[str, tuple[Command, ...]] = {
    "app": APP_COMMANDS,
    "dashboard": (*DASHBOARD_COMMANDS, *APP_COMMANDS),
}


def test_the_table_imports_no_textual() -> None:
    code = (
        "import sys, krafter_tui.ui.keys\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]", result.stdout


def test_no_two_commands_share_a_key_in_one_scope() -> None:
    for scope, commands in SCOPES.items():
        keys = Counter(key for command in commands for key in command.key_list)
        twice = sorted(key for key, count in keys.items() if count > 1)
        assert not twice, f"{scope}: {twice} bound twice"


def test_no_two_commands_run_one_action_in_one_scope() -> None:
    # The footer and the help screen show one entry per action.
    for scope, commands in SCOPES.items():
        actions = Counter(command.action for command in commands)
        twice = sorted(action for action, count in actions.items() if count > 1)
        assert not twice, f"{scope}: {twice} declared twice"


def test_every_command_says_what_it_does_and_palette_entries_have_help() -> None:
    for command in (*DASHBOARD_COMMANDS, *APP_COMMANDS):
        assert command.description.strip(), command
        assert all(command.key_list), command
        if command.palette_title is not None:
            assert command.palette_title.strip() and command.palette_help.strip(), command
            # The key is added from the table: a hand-typed one would go out of date.
            assert "(" not in command.palette_help, command
        else:
            assert not command.palette_help, f"help without a palette entry: {command}"


def test_kiosk_blocked_names_actions_as_check_action_receives_them() -> None:
    assert all("(" not in name for name in kiosk_blocked(DASHBOARD_COMMANDS))
    step = Command("d", "step_dimension(1)", "Next", kiosk_blocked=True)
    assert kiosk_blocked([step]) == {"step_dimension"}

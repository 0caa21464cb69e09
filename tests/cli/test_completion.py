"""``krafter-tui completion bash|zsh|fish``: generated from the parser by shtab; bash loads it
and completes the commands, their flags and the flags' choices."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from krafter_tui.cli import main

COMMANDS = ("auth", "sites", "export", "config", "serve", "status", "completion", "demo-server")


def _script(shell: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["completion", shell]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_the_script_names_every_command_and_flag(
    shell: str, capsys: pytest.CaptureFixture[str]
) -> None:
    script = _script(shell, capsys)
    for word in (*COMMANDS, "--shared-cache", "--kiosk-sites", "waybar"):
        assert word in script, (shell, word)


def _complete(words: str) -> list[str]:
    """What bash offers for the last of ``words`` (a command line typed so far)."""
    program = (
        'source <("$PY" -m krafter_tui completion bash) || exit 9\n'
        f"COMP_WORDS=({words}); COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1))\n"
        'COMP_LINE="${COMP_WORDS[*]}"; COMP_POINT=${#COMP_LINE}\n'
        "_shtab_krafter_tui\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    bash = shutil.which("bash")
    assert bash is not None
    done = subprocess.run(
        [bash, "--norc", "-c", program],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PY": sys.executable, "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0 and done.stderr == "", done.stderr
    return sorted(done.stdout.split())


def test_bash_loads_it_and_completes_commands_flags_and_choices() -> None:
    assert _complete("krafter-tui st") == ["status"]
    assert _complete("krafter-tui status --fo") == ["--format"]
    assert _complete("krafter-tui status --format ''") == ["json", "line", "waybar"]
    assert _complete("krafter-tui completion ''") == ["bash", "fish", "zsh"]
    assert "--shared-cache" in _complete("krafter-tui --sh")


def test_an_unknown_shell_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["completion", "csh"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and "invalid choice: 'csh'" in err

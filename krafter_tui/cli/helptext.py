"""The words of ``krafter-tui --help``: the description and the epilog (commands, environment,
settings file, keys, examples); the environment and the settings file come from the settings'
declaration (:data:`krafter_tui.config.SETTINGS`)."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from krafter_tui.config.schema import PROFILE_KEYS, SETTINGS

__all__ = ["DESCRIPTION", "EPILOG", "MAIN_OPTIONS", "short_help"]

DESCRIPTION = """\
A terminal dashboard for Krafter Analytics: live visitors, charts, breakdowns and events.

Run without a command to open the dashboard. Log in once with `krafter-tui auth login`
(the key is kept in the OS keyring), or set KRAFTER_API_TOKEN. Try it without an account:
`krafter-tui --demo`.
"""

_COMMANDS = """\
commands:
  auth login [--with-token]  check an API key (kr_live_...), then store it in the OS keyring
                             with the API URL it was checked against (it goes only there)
  auth status                show the profile, the API URL the key goes to and its source
  auth logout                delete the stored key (and its URL)
  sites [--json]             list the team's sites (name, domain, site key)
  export --site SITE         print a breakdown, the events or the timeseries as CSV or JSON
                             (--format csv|json, --what, --dimension; see export --help)
  serve [--port PORT]        serve the dashboard to web browsers (one dashboard per tab,
                             with the dashboard flags given; loopback only unless --public;
                             other names than loopback's with --allow-host NAME)
  status [--format FORMAT]   one line for a status bar (tmux, waybar, i3blocks): site, visitors
                             now, today so far; from a dashboard's shared cache when it can
  completion bash|zsh|fish   print the shell's completion script
  alerts test [--kind KIND]  run alert_command once with a sample alert (--demo: the demo's
                             site names); prints its exit status, time and stderr's end
  config path                print where the settings file is read from
  config show                print the effective settings and where each came from
  demo-server [ARGS...]      run the Krafter-compatible demo server (see demo-server --help)

"""

_KEYS_AND_EXAMPLES = """\
keys in kiosk mode:
  Ctrl+Q                     quit (the only way out: q and the dialogs are off)

examples:
  krafter-tui auth login
  echo "$KEY" | krafter-tui auth login --with-token --profile staging
  krafter-tui --site example.com --period 7d
  krafter-tui --from 2025-01-01 --to 2025-01-31
  krafter-tui sites --json
  krafter-tui export --site example.com --period lastmonth --dimension country > countries.csv
  krafter-tui serve --site example.com --port 8000     # then open http://127.0.0.1:8000/
  tmux set -g status-right '#(krafter-tui status --site example.com)'
  krafter-tui --kiosk --kiosk-sites example.com,blog.example.com --rotate-sites 30
"""


def _row(name: str, text: str) -> str:
    """``  NAME  text`` with the text in the column of the commands' descriptions."""
    if len(name) > 25:
        return f"  {name}\n{'':<29}{text}"
    return f"  {name:<25}  {text}"


def _environment() -> str:
    """The variables: those that work like their flag on one line, then one per line."""
    plain = ", ".join(s.env for s in SETTINGS if s.env is not None and s.env_help is None)
    rows = [_row(s.env, s.env_help) for s in SETTINGS if s.env is not None and s.env_help]
    return "\n".join(
        [
            "environment (beaten by flags, beating the settings file):",
            _row("KRAFTER_API_TOKEN", "API key; takes precedence over the keyring"),
            textwrap.fill(plain, 92, initial_indent="  ", subsequent_indent="  "),
            *rows,
        ]
    )


def _settings_file() -> str:
    """The file's keys, each with its hint, and the keys of a profile table."""
    # No line break inside `key = value`: its spaces are non-breaking until wrapped.
    keys = ", ".join((s.name + s.file_hint).replace(" ", "\xa0") for s in SETTINGS if s.file)
    first, *rest = PROFILE_KEYS
    optional = f" (and optionally {', '.join(rest)})" if rest else ""
    text = (
        "settings file: config.toml in the user config directory (`krafter-tui config path`), "
        f"keys {keys}, and [profiles.NAME] tables with {first}{optional}."
    )
    wrapped = textwrap.fill(text, 92, subsequent_indent="  ", break_on_hyphens=False)
    return wrapped.replace("\xa0", " ")


EPILOG = f"{_COMMANDS}\n{_environment()}\n\n{_settings_file()}\n\n{_KEYS_AND_EXAMPLES}"


def _option(name: str, metavar: str | None = None) -> str:
    """The flag of the setting ``name`` with its metavar, as the declaration has them."""
    [spec] = [s for s in SETTINGS if s.name == name]
    shown = metavar or spec.metavar
    return f"{spec.flag} {shown}" if shown else str(spec.flag)


def _choices(name: str) -> str:
    [spec] = [s for s in SETTINGS if s.name == name]
    return "|".join(spec.kind.choices or ())


#: The options ``krafter-tui --help`` shows first, each with a few words (the full help,
#: ``--help-all``, has every option in the parser's own words).
MAIN_OPTIONS = (
    ("--demo", "try it on the built-in demo data (no account, no key)"),
    (_option("site", "SITE"), "the site to open: its sk_... key, name or domain"),
    (_option("period", "PERIOD"), _choices("period")),
    (_option("kiosk"), "wall-screen mode (quit with Ctrl+Q)"),
)


def short_help(commands: list[tuple[str, str]]) -> str:
    """The first screen of ``krafter-tui --help``: what it is, the ``commands`` (name, help)
    and the main options, and where the rest is (it fits a terminal of 80 by 24)."""

    def column(rows: Sequence[tuple[str, str]]) -> list[str]:
        width = max(len(name) for name, _ in rows) + 2
        return [f"  {name:<{width}}{text}" for name, text in rows]

    return "\n".join(
        [
            "usage: krafter-tui [OPTIONS] [COMMAND [ARGS]]",
            "",
            "A terminal dashboard for Krafter Analytics: live visitors, charts, breakdowns.",
            "Run without a command to open the dashboard; log in first with `auth login`.",
            "",
            "commands (each with its own --help):",
            *column(commands),
            "",
            "main options:",
            *column(MAIN_OPTIONS),
            "",
            "Every option, variable and settings key: krafter-tui --help-all",
        ]
    )

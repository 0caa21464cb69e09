"""Write docs/keys.md and docs/configuration.md from the code they describe.

    python3 docs/generate.py            # write both pages
    python3 docs/generate.py --check    # exit 1, naming the page, if either is out of date

The keys come from the table every binding, the footer, the help screen and the palette are
made from (``krafter_tui/ui/keys.py``); the settings from their declaration
(``krafter_tui/config/schema.py``: each setting's flag, variable, key, default and help). Edit
those, then run this; ``tests/test_docs.py`` fails while a page differs from what this writes.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path

DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS.parent))

from textual.keys import format_key  # noqa: E402

from krafter_tui.config.schema import PROFILE_KEYS, SETTINGS  # noqa: E402
from krafter_tui.config.spec import Spec  # noqa: E402
from krafter_tui.ui.keys import (  # noqa: E402
    APP_COMMANDS,
    DASHBOARD_COMMANDS,
    OVERVIEW_COMMANDS,
    Command,
)

GENERATED = (
    "<!-- Written by `python3 docs/generate.py` from {source}: edit that, then run the script "
    "(tests/test_docs.py fails while this page differs). -->"
)

KEYS_INTRO = """\
Every key of the dashboard. The footer shows the most used ones (grouped: `w t l c Period`),
`?` lists them all on screen, and the command palette (Ctrl+P) offers every action that has a
palette entry below, each naming its key. In kiosk mode (`--kiosk`), keys marked *not in
kiosk* do nothing: a wall screen opens no dialog, and only Ctrl+Q quits.

The period keys are Plausible's where they do not clash with ours (Plausible's `D` for today is
the previous breakdown here, so today is `n`; its `M`, month to date, is the same); what each
period covers, how `←` and `→` step and what comparing shows are in
[dashboard.md](dashboard.md#moving-through-time-and-comparing)."""

CONFIGURATION_INTRO = """\
Settings come from flags, then `KRAFTER_*` environment variables, then the settings file, then
defaults. `krafter-tui config path` prints where the file is (`config.toml` in the XDG config
folder, e.g. `~/.config/krafter-tui/config.toml`); `krafter-tui config show` prints every
effective value and where it came from. An invalid file gives one line naming the file, the key
and what is allowed, and exit status 2; so does an API URL that is not `https://` (plain
`http://` is allowed only for localhost), before the dashboard starts.

```toml
api_url = "https://app.krafter.dev/api/v1/analytics"
site = "example.com"        # a site key (sk_…), name or domain
period = "7d"
theme = "nord"              # any Textual theme
shared_cache = "sqlite:///var/tmp/krafter-wall/cache.sqlite3"

[profiles.staging]          # krafter-tui --profile staging; its own keyring entry
api_url = "https://staging.example.com/api/v1/analytics"
```

The API key is never a setting: `krafter-tui auth login` keeps it in the OS keyring, and
`KRAFTER_API_TOKEN` (which wins over the keyring) gives it for one run. The last site and period
you looked at are remembered per API URL (in the XDG state folder). `NO_COLOR` is honoured;
themes come from Textual (Ctrl+P → theme; a theme picked there is the next launch's too, unless
`theme` is set). `--from DATE --to DATE` give a custom range instead
of `--period`; `krafter-tui --help` lists every command and flag."""


def doc_key(key: str) -> str:
    """One Textual key name as the docs write it: ``?``, ``[``, ``←``, ``Ctrl+S``, ``Esc``."""
    *modifiers, base = key.split("+")
    names = {"escape": "Esc", "enter": "Enter"}
    shown = names.get(base) or format_key(base)
    if modifiers and len(shown) == 1:
        shown = shown.upper()  # Ctrl+S, as keyboards label it
    return "+".join([*(m.capitalize() for m in modifiers), shown])


def cell(text: str) -> str:
    """Text made safe for one cell of a Markdown table."""
    return text.replace("|", "\\|").replace("\n", " ")


def key_rows(commands: Iterable[Command]) -> list[str]:
    """A table of commands: keys, what each does, its palette entry."""
    rows = ["| key | what it does | command palette |", "|---|---|---|"]
    for command in commands:
        keys = " / ".join(f"`{doc_key(key)}`" for key in command.key_list)
        does = command.help_text + (" (*not in kiosk*)" if command.kiosk_blocked else "")
        palette = command.palette_title or ""
        rows.append(f"| {keys} | {cell(does)} | {cell(palette)} |")
    return rows


def keys_page() -> str:
    """docs/keys.md."""
    lines = [
        "# Keys",
        "",
        GENERATED.format(source="`krafter_tui/ui/keys.py`"),
        "",
        KEYS_INTRO,
        "",
        "## The dashboard",
        "",
        *key_rows(DASHBOARD_COMMANDS),
        "",
        "## All sites (`0`)",
        "",
        *key_rows(OVERVIEW_COMMANDS),
        "",
        "## On every screen",
        "",
        *key_rows(APP_COMMANDS),
    ]
    return "\n".join(lines) + "\n"


def flag_of(spec: Spec) -> str:
    """The setting's flag as ``--help`` lists it (a switch with its ``--no-`` form)."""
    if spec.flag is None:
        return ""
    if spec.kind.arg == "switch":
        return f"`{spec.flag}` / `--no-{spec.flag.removeprefix('--')}`"
    metavar = spec.metavar or spec.name.upper()
    return f"`{spec.flag} {metavar}`"


def default_of(spec: Spec) -> str:
    """The default as ``config show`` prints it, and the kiosk default where there is one."""
    if spec.default is None or spec.default == ():
        shown = spec.unset if spec.default is None else "(none)"
    else:
        shown = f"`{spec.kind.show(spec.default)}`"
    if spec.kiosk_default is not None:
        shown += f"; `{spec.kind.show(spec.kiosk_default)}` in kiosk mode"
    return shown


def where_of(spec: Spec) -> str:
    """Where else it may be set: ``config.toml``, a profile table."""
    if not spec.file:
        return "(not in the file)"
    if spec.file_hint.startswith(" ="):
        where = f"`{spec.name}{spec.file_hint}`"
    else:
        where = f"`{spec.name}`{spec.file_hint}"
    if spec.profile_table:
        where += ", also in `[profiles.NAME]`"
    return where


def configuration_page() -> str:
    """docs/configuration.md."""
    lines = [
        "# Configuration",
        "",
        GENERATED.format(source="`krafter_tui/config/schema.py`"),
        "",
        CONFIGURATION_INTRO,
        "",
        "## Every setting",
        "",
        "Each setting with its `config.toml` key, flag, environment variable and default. "
        "Settings marked *kiosk* only apply in kiosk mode. A `[profiles.NAME]` table may set "
        + ", ".join(f"`{key}`" for key in PROFILE_KEYS)
        + ".",
        "",
        "| setting | flag | environment | default | what it does |",
        "|---|---|---|---|---|",
    ]
    for spec in SETTINGS:
        does = spec.help or spec.env_help or ""
        if spec.kiosk_only:
            does = "*kiosk*: " + does
        env = f"`{spec.env}`" if spec.env else ""
        row = [where_of(spec), flag_of(spec), env, default_of(spec), does]
        lines.append("| " + " | ".join(cell(text) for text in row) + " |")
    return "\n".join(lines) + "\n"


PAGES = {"keys.md": keys_page, "configuration.md": configuration_page}


def main(argv: list[str] | None = None) -> int:
    """Write the pages, or with ``--check`` say which differ from what would be written."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 on drift")
    args = parser.parse_args(argv)
    stale = []
    for name, page in PAGES.items():
        path, text = DOCS / name, page()
        if args.check:
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
        else:
            path.write_text(text, encoding="utf-8")
    for name in stale:
        print(f"docs/{name} is out of date: run python3 docs/generate.py", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())

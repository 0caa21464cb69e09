"""Every key of the dashboard and the app, declared once, as plain data.

The bindings, the footer (its groups, and the larger groups where it is narrow), the help
screen and the command palette all follow from these tables; ``widgets/key_table.py`` turns
them into Textual's ``Binding``s. No Textual import here, so the tables can be read and tested
without a terminal.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

__all__ = ["APP_COMMANDS", "DASHBOARD_COMMANDS", "OVERVIEW_COMMANDS", "Command", "kiosk_blocked"]

# The footer's groups: it names a group once ("w t l c Period"), so every key fits in it.
PERIOD, SITE, BREAKDOWN, QUIT = "Period", "Site", "Breakdown", "Quit"
# Where those do not fit, keys join larger groups (the help screen names each key).
PANES, HELP, MORE = "Panes", "Help", "More"
IN_PANES = (PANES, PANES)


@dataclass(frozen=True)
class Command:
    """One thing a key does, and everywhere it is shown.

    ``keys`` are Textual key names, comma-separated; ``action`` is the action string the key
    runs (``"period('7d')"``). ``description`` is the footer's and the help screen's text;
    ``group`` the footer group it is shown in (None: on its own). ``narrow_groups`` are the
    larger groups it joins at the footer's narrower levels 1, 2, … (None: it keeps ``group``
    there). ``explain``: the help screen's longer words, where the footer's few do not say
    enough (what a key cycles through); empty, the help screen uses ``description``. With a
    ``palette_title`` the command is in the command palette, under
    ``palette_help`` followed by its key. ``kiosk_blocked``: off in kiosk mode, where nothing
    may open over a wall screen. ``show``: in the footer; ``priority``: before the focused
    widget's own binding of the key.
    """

    keys: str
    action: str
    description: str
    group: str | None = None
    narrow_groups: tuple[str | None, ...] = ()
    palette_title: str | None = None
    palette_help: str = ""
    explain: str = ""
    kiosk_blocked: bool = False
    show: bool = True
    priority: bool = False

    @property
    def help_text(self) -> str:
        """What the help screen says the command does."""
        return self.explain or self.description

    @property
    def name(self) -> str:
        """The action without its arguments, as ``check_action`` receives it."""
        return self.action.partition("(")[0]

    @property
    def key_list(self) -> list[str]:
        """Each key that runs the command."""
        return [key.strip() for key in self.keys.split(",")]


#: ``?``: the help screen, the same on every screen that has keys.
HELP_COMMAND: Final = Command(
    "question_mark",
    "help",
    "Help",
    narrow_groups=(HELP, MORE),
    palette_title="Help: keys",
    palette_help="List every key",
    kiosk_blocked=True,
)

DASHBOARD_COMMANDS: tuple[Command, ...] = (
    Command(
        "w",
        "period('7d')",
        "Last 7 days",
        PERIOD,
        palette_title="Period: last 7 days",
        palette_help="Show the last 7 days",
    ),
    Command(
        "t",
        "period('30d')",
        "Last 30 days",
        PERIOD,
        palette_title="Period: last 30 days",
        palette_help="Show the last 30 days",
    ),
    Command(
        "l",
        "period('12mo')",
        "Last 12 months",
        PERIOD,
        palette_title="Period: last 12 months",
        palette_help="Show the last 12 months",
    ),
    # Plausible's letters for the other periods, where they do not fight ours (its D, M and
    # R are our dimension, metric and refresh keys: today is n, for now, month to date M).
    # Out of the footer, for room; on the help screen and in the palette like every key.
    Command(
        "n",
        "period('today')",
        "Today",
        PERIOD,
        palette_title="Period: today",
        palette_help="Show today so far",
        show=False,
    ),
    Command(
        "e",
        "period('yesterday')",
        "Yesterday",
        PERIOD,
        palette_title="Period: yesterday",
        palette_help="Show yesterday",
        show=False,
    ),
    Command(
        "M",
        "period('month')",
        "Month to date",
        PERIOD,
        palette_title="Period: month to date",
        palette_help="Show this month so far",
        show=False,
    ),
    Command(
        "p",
        "period('lastmonth')",
        "Last month",
        PERIOD,
        palette_title="Period: last month",
        palette_help="Show the previous calendar month",
        show=False,
    ),
    Command(
        "y",
        "period('year')",
        "Year to date",
        PERIOD,
        palette_title="Period: year to date",
        palette_help="Show this year so far",
        show=False,
    ),
    Command(
        "a",
        "period('all')",
        "All time",
        PERIOD,
        palette_title="Period: all time",
        palette_help="Show everything since the site was added",
        show=False,
    ),
    Command(
        "c",
        "custom_range",
        "Custom range",
        PERIOD,
        palette_title="Period: custom range…",
        palette_help="Pick from and to dates",
        kiosk_blocked=True,
    ),
    # Before the breakdown table's and the filter field's own arrows (priority); off, so
    # handed on to them, while the filter field has the focus.
    Command(
        "left",
        "step_period(-1)",
        "Earlier period",
        PERIOD,
        palette_title="Period: earlier",
        palette_help="The period before this one, of the same length",
        priority=True,
    ),
    Command(
        "right",
        "step_period(1)",
        "Later period",
        PERIOD,
        palette_title="Period: later",
        palette_help="The period after this one, up to today",
        priority=True,
    ),
    Command(
        "shift+right",
        "present",
        "Back to today",
        PERIOD,
        palette_title="Period: back to today",
        palette_help="The same kind of period, up to today",
        priority=True,
        show=False,
    ),
    Command(
        "x",
        "cycle_compare",
        "Compare",
        PERIOD,
        palette_title="Compare: previous period, year before, off",
        palette_help="Compare with the previous period, the same dates a year before, or not",
        explain="Compare: previous period → year before → off (cycles)",
    ),
    Command(
        "s",
        "pick_site",
        "Site picker",
        SITE,
        palette_title="Switch site…",
        palette_help="Open the site picker",
        kiosk_blocked=True,
    ),
    Command(
        "left_square_bracket",
        "step_site(-1)",
        "Previous site",
        SITE,
        palette_title="Previous site",
        palette_help="Show the previous site",
    ),
    Command(
        "right_square_bracket",
        "step_site(1)",
        "Next site",
        SITE,
        palette_title="Next site",
        palette_help="Show the next site",
    ),
    # Plausible's 0: every site of the team at a glance (Esc or 0 again comes back).
    Command(
        "0",
        "overview",
        "All sites",
        SITE,
        palette_title="All sites",
        palette_help="Every site of the team: visitors now, today, the change, 7 days",
        # A wall screen opens nothing on a stray key: there the overview is a stop of the
        # rotation (kiosk_overview).
        kiosk_blocked=True,
    ),
    Command(
        "m",
        "cycle_metric",
        "Metric",
        narrow_groups=IN_PANES,
        palette_title="Chart: next metric",
        palette_help="Pageviews, visitors, visits",
        explain="Chart metric: pageviews → visitors → visits (cycles)",
    ),
    Command(
        "d",
        "step_dimension(1)",
        "Next dimension",
        BREAKDOWN,
        narrow_groups=IN_PANES,
        palette_title="Breakdown: next dimension",
        palette_help="Cycle the nine dimensions",
        # From 180 columns two to four breakdowns stand side by side (ui/dashboard/breakdowns.py).
        explain="Next dimension (on a wide screen: the focused one, Tab)",
    ),
    Command("D", "step_dimension(-1)", "Previous dimension", BREAKDOWN, narrow_groups=IN_PANES),
    Command(
        "o",
        "cycle_sort",
        "Sort rows",
        BREAKDOWN,
        narrow_groups=IN_PANES,
        palette_title="Breakdown: sort",
        palette_help="Pageviews ↓, ↑, A→Z, or rising: +N in the last 30 min, with a record",
        explain="Sort: pageviews ↓ → ↑ → A→Z → rising · last 30 min",
    ),
    Command(
        "slash",
        "filter",
        "Filter rows",
        BREAKDOWN,
        narrow_groups=IN_PANES,
        palette_title="Breakdown: filter rows",
        palette_help="Type to filter the table",
        kiosk_blocked=True,
    ),
    # Before the table's own Enter (priority), so that the footer shows it; it does what the
    # table's would (the row's whole value) and leaves Enter to the filter field.
    Command(
        "enter",
        "show_value",
        "Whole value of the row",
        BREAKDOWN,
        narrow_groups=IN_PANES,
        kiosk_blocked=True,
        priority=True,
    ),
    Command("escape", "clear_filter", "Clear the filter", BREAKDOWN, narrow_groups=IN_PANES),
    Command(
        "r",
        "refresh",
        "Refresh",
        narrow_groups=(None, MORE),
        palette_title="Refresh now",
        palette_help="Fetch everything again",
    ),
    # Opens a dialog and writes files: neither belongs on a wall screen, where a stray key
    # would save files nobody asked for and a dialog would stay open. Out of the footer,
    # whose narrowest level is full; on the help screen and in the palette.
    Command(
        "ctrl+s",
        "export",
        "Export…",
        palette_title="Export…",
        palette_help="Save the breakdown, events or timeseries as CSV or JSON, or a screenshot",
        kiosk_blocked=True,
        show=False,
    ),
    # The demo's traffic, to watch an alert happen (off without --demo, so out of the
    # palette, which cannot tell). Out of the footer, whose narrowest level is full.
    Command(
        "T",
        "cycle_traffic",
        "Demo traffic",
        explain="Demo traffic: normal → spike → drop → quiet (cycles)",
        show=False,
    ),
    HELP_COMMAND,
)
"""The dashboard screen's keys, in the footer's order."""

OVERVIEW_COMMANDS: tuple[Command, ...] = (
    Command(
        "enter",
        "open_site",
        "Open the site",
        priority=True,
        palette_title="All sites: open the highlighted site",
        palette_help="Show it in the dashboard",
    ),
    Command(
        "escape,0",
        "back",
        "Back to the dashboard",
        palette_title="All sites: back to the dashboard",
        palette_help="Close this screen, on the site the dashboard showed",
    ),
    Command(
        "ctrl+s",
        "export",
        "Export…",
        palette_title="Export…",
        palette_help="Save every site's row as a screenshot (SVG)",
        kiosk_blocked=True,
        show=False,
    ),
    HELP_COMMAND,
)
"""The "All sites" overview's keys (the app's keys work there too)."""

APP_COMMANDS: tuple[Command, ...] = (
    # Docked at the footer's right edge (Textual's place for it) until the footer is narrow;
    # in kiosk mode the app turns the palette off (it offers Quit and every dialog). Before
    # the screen's keys (priority): a modal screen, such as the help screen, which names it,
    # hides the app's other keys.
    Command(
        "ctrl+p",
        "command_palette",
        "Commands",
        narrow_groups=(HELP, MORE),
        kiosk_blocked=True,
        show=False,
        priority=True,
    ),
    Command("q", "request_quit", "Quit", QUIT, narrow_groups=(None, MORE)),
    # Textual's own Ctrl+Q, shown: it is the one way out of kiosk mode (the help screen says
    # so; the footer, where it is often alone, on the login screen or while filtering, not).
    Command(
        "ctrl+q",
        "quit",
        "Quit",
        QUIT,
        explain="Quit (also in kiosk mode)",
        narrow_groups=(None, MORE),
        priority=True,
    ),
)
"""The app's keys, active on every screen: after the dashboard's in the footer."""


def kiosk_blocked(commands: Iterable[Command]) -> frozenset[str]:
    """The action names that are off in kiosk mode."""
    return frozenset(command.name for command in commands if command.kiosk_blocked)

"""The dashboard screen's parts, one subject each, that :class:`DashboardScreen`
(:mod:`krafter_tui.ui.screens.dashboard`) is made of:

- :mod:`.layout`: the panes composed, the minimum size, the breakpoints;
- :mod:`.selection`: what every part shares, the site and period on screen and ``select``;
- :mod:`.host`: the poller's host (workers, timers, whether the panes are in view);
- :mod:`.time_keys`: the period keys (named periods, ← →, Shift+→, the custom range);
- :mod:`.site_keys`: the site keys (picker, next/previous site, All sites, refresh);
- :mod:`.kiosk`: the kiosk's rotation through sites and its countdown line;
- :mod:`.pane_keys`: the keys that change what a pane shows (metric, breakdown);
- :mod:`.export_keys`: Ctrl+S and what the panes show now;
- :mod:`.key_rules`: which keys are on, and the help that lists them.

Each part is a :class:`~textual.screen.Screen` subclass of :class:`.selection.SelectionScreen`
(typed: the attributes it uses are declared there), never instantiated alone.
May import the core and the rest of ``ui`` except :mod:`krafter_tui.ui.screens.dashboard`.
"""

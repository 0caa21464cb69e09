"""The dashboard in a browser: ``krafter-tui serve`` through textual-serve.

Each browser tab runs its own ``krafter-tui`` process (:func:`tab_command`, a
:class:`~krafter_tui.web.tab.TabProcess`), driven over a websocket by
:class:`DashboardWebServer`, which serves a page whose every asset comes from textual-serve's
own package, to the names :class:`AllowedHosts` lets through (:mod:`krafter_tui.web.guard`).
:class:`DemoApi` runs the demo API once for all tabs of ``serve --demo``.
"""

from krafter_tui.web.demo_api import DemoApi
from krafter_tui.web.guard import AllowedHosts, refusal
from krafter_tui.web.serve import DashboardWebServer
from krafter_tui.web.tab_command import tab_command

__all__ = ["AllowedHosts", "DashboardWebServer", "DemoApi", "refusal", "tab_command"]

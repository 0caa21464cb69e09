"""The app's screens: dashboard, All sites, login, and the modal dialogs.

Each is imported when first asked for (``from krafter_tui.ui.screens import HelpScreen``
works): a dialog's module is loaded when its key is pressed, not before the first frame
(tests/ui/test_first_paint_imports.py).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from krafter_tui.feeds import Selection
    from krafter_tui.ui.screens.custom_range import CustomRangeDialog
    from krafter_tui.ui.screens.dashboard import DashboardScreen
    from krafter_tui.ui.screens.help import HelpScreen
    from krafter_tui.ui.screens.login import LoginScreen
    from krafter_tui.ui.screens.overview import OverviewScreen
    from krafter_tui.ui.screens.site_picker import SitePicker
    from krafter_tui.ui.screens.value import ValueScreen

__all__ = [
    "CustomRangeDialog",
    "DashboardScreen",
    "HelpScreen",
    "LoginScreen",
    "OverviewScreen",
    "Selection",
    "SitePicker",
    "ValueScreen",
]

#: Where each public name lives.
_HOMES = {
    "CustomRangeDialog": "krafter_tui.ui.screens.custom_range",
    "DashboardScreen": "krafter_tui.ui.screens.dashboard",
    "HelpScreen": "krafter_tui.ui.screens.help",
    "LoginScreen": "krafter_tui.ui.screens.login",
    "OverviewScreen": "krafter_tui.ui.screens.overview",
    "Selection": "krafter_tui.feeds",
    "SitePicker": "krafter_tui.ui.screens.site_picker",
    "ValueScreen": "krafter_tui.ui.screens.value",
}


def __getattr__(name: str) -> Any:
    """A public name, its module imported on first use."""
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(_HOMES[name]), name)

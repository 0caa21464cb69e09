"""The app's screens: dashboard, All sites, login, and the modal dialogs."""

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

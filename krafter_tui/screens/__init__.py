"""The app's screens: dashboard, All sites, login, and the modal dialogs."""

from krafter_tui.feeds import Selection
from krafter_tui.screens.custom_range import CustomRangeDialog
from krafter_tui.screens.dashboard import DashboardScreen
from krafter_tui.screens.help import HelpScreen
from krafter_tui.screens.login import LoginScreen
from krafter_tui.screens.overview import OverviewScreen
from krafter_tui.screens.site_picker import SitePicker
from krafter_tui.screens.value import ValueScreen

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

"""The default API URL and the alert rules' defaults are each written once: the URL in the
package's ``__init__`` (``api`` and ``config`` hand it on), the alert defaults on
:class:`AlertRules` (the settings read them from there, in their own units)."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import krafter_tui
from krafter_tui import api, config
from krafter_tui.alerts.alert import AlertRules
from krafter_tui.config import schema
from krafter_tui.config.options import DashboardOptions

PACKAGE = Path(krafter_tui.__file__).resolve().parent


def test_the_default_api_url_is_written_once() -> None:
    assert api.DEFAULT_API_URL is config.DEFAULT_API_URL is krafter_tui.DEFAULT_API_URL
    literal = re.compile(re.escape(krafter_tui.DEFAULT_API_URL.split("://")[1]))
    found = [
        str(path.relative_to(PACKAGE))
        for path in sorted(PACKAGE.rglob("*.py"))
        if literal.search(path.read_text())
    ]
    assert found == ["__init__.py"]


def test_the_settings_take_the_alert_defaults_from_the_rules() -> None:
    rules = AlertRules()
    options = DashboardOptions()
    assert (options.alert_spike, options.alert_drop) == (rules.spike, rules.drop)
    assert options.alert_min_change == rules.min_change
    assert timedelta(minutes=options.alert_quiet) == rules.quiet
    # Written as numbers again, the settings would drift from the rules unseen.
    assigned = re.compile(r"^(DEFAULT_ALERT_\w+)\s*(:\s*Final)?\s*=(.*)$")
    for path in sorted(Path(schema.__file__).parent.glob("*.py")):
        for line in path.read_text().splitlines():
            match = assigned.match(line)
            assert match is None or "AlertRules." in match.group(3), f"{path.name}: {line}"

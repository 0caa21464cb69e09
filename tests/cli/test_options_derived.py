"""``DashboardOptions`` is made from the settings' declaration, not a second list of them: its
fields are the declared settings, in their order, then ``demo`` and ``remember``; and the
module that makes it names no setting as a field of its own."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

from krafter_tui.config import SETTINGS
from krafter_tui.config import options as options_module
from krafter_tui.config.options import DashboardOptions


def test_the_options_are_the_declared_settings_then_demo_and_remember() -> None:
    declared = [spec.name for spec in SETTINGS]
    assert [f.name for f in fields(DashboardOptions)] == [*declared, "demo", "remember"]
    defaults = {f.name: f.default for f in fields(DashboardOptions)}
    assert all(defaults[spec.name] == spec.default for spec in SETTINGS)


def test_no_setting_is_written_out_as_an_option() -> None:
    source = Path(options_module.__file__).read_text()
    written = [
        spec.name for spec in SETTINGS if re.search(rf"^\s+{spec.name}\s*:", source, re.MULTILINE)
    ]
    assert written == []

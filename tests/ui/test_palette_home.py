"""The command palette is built in one place, :mod:`krafter_tui.ui.palette`: no other module
makes a palette entry or a palette provider, and the app only hands that module's commands
and providers on."""

from __future__ import annotations

import re
from pathlib import Path

from textual.app import App

import krafter_tui
from krafter_tui.app import KrafterApp
from krafter_tui.ui import palette

PACKAGE = Path(krafter_tui.__file__).resolve().parent
BUILDS = re.compile(r"\bSystemCommand\(|\(\s*Provider\s*\)|\bDiscoveryHit\(|\bHit\(")


def test_no_module_but_the_palette_builds_palette_entries() -> None:
    found = [
        f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path != Path(palette.__file__).resolve()
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if BUILDS.search(line)
    ]
    assert found == []


def test_the_app_offers_textuals_providers_and_the_palettes() -> None:
    assert KrafterApp.COMMANDS == App.COMMANDS | palette.PROVIDERS

"""Where the app finds its stylesheets, installed or from a source checkout."""

from __future__ import annotations

from pathlib import Path

__all__ = ["styles_dir"]


def styles_dir() -> Path:
    """The ``styles/`` folder: packaged into the wheel as ``krafter_tui/styles``, or the
    top-level ``styles/`` beside the package in a source checkout or editable install."""
    package = Path(__file__).resolve().parents[1]  # krafter_tui/
    packaged = package / "styles"
    if packaged.is_dir():
        return packaged
    return package.parent / "styles"

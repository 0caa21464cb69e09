"""Exports saved as files, or handed to the browser, and the toasts that say where each went.

In a terminal the file is written here, on a thread, by
:func:`krafter_tui.local.safe_files.save_unique`: always a new file (``name``, ``name-2``, …), never
through a link planted under the name and never over an earlier export (Textual's own
delivery opens the name with ``open(..., "w")``, which does both). The folder is the
``download_dir`` setting, else the user's downloads folder (platformdirs'
``user_downloads_path``, as Textual uses); it is created when missing. When the app runs in a
browser (textual-serve), ``App.deliver_text`` starts a download instead, and the app then
receives ``DeliveryComplete`` or ``DeliveryFailed``.
"""

from __future__ import annotations

import asyncio
import io
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from platformdirs import user_downloads_path
from rich.cells import cell_len
from textual.app import App
from textual.events import DeliveryComplete, DeliveryFailed

from krafter_tui.local.safe_files import save_unique

if TYPE_CHECKING:
    from krafter_tui.export.files import ExportChoice, OnScreen

__all__ = ["Deliveries"]

MIME_TYPES: Final = {"csv": "text/csv", "json": "application/json", "svg": "image/svg+xml"}
#: The id of the container Textual mounts on every screen for the toasts.
TOAST_RACK: Final = "textual-toastrack"
#: Textual's toast: 60 cells wide, at most half the screen; its border and padding take 4.
TOAST_WIDTH, TOAST_SHARE, TOAST_FRAME = 60, 2, 4
#: A path's pieces, each ending with the character a line may break after.
PATH_PIECES: Final = re.compile(r"[^/\\_.-]*[/\\_.-]|[^/\\_.-]+")


class Deliveries:
    """Saves the dashboard's exports through ``app``, into ``directory`` (None: the user's
    downloads folder), and toasts the full path when a file is written, or why it was not."""

    def __init__(self, app: App[Any], directory: str | Path | None = None) -> None:
        self.app = app
        self._directory = None if directory is None else Path(directory).expanduser()
        self.pending: dict[str, str] = {}  # delivery key → file name, until it is written

    @property
    def directory(self) -> Path:
        """Where the files go in a terminal."""
        return self._directory if self._directory is not None else user_downloads_path()

    def save(self, choice: ExportChoice, shown: OnScreen) -> None:
        """Save ``choice`` of what is ``shown``: a table's text, or the screen as SVG."""
        from krafter_tui.export.files import export_name, export_text

        why_not = shown.missing(choice)
        if why_not is not None:
            self.app.notify(
                f"Nothing saved: {why_not}.", title="Export", severity="warning", markup=False
            )
            return
        wanted = export_name(choice, shown)
        if choice.what == "screenshot":
            # Toasts (of earlier exports, say) would cover the panes in the picture.
            self.app.clear_notifications()
            self._screenshot_without_toasts(wanted)
        elif self.app.is_web:  # a download in the browser: no folder here
            self._deliver(io.StringIO(export_text(choice, shown)), wanted, choice.fmt)
        else:
            self._write(wanted, export_text(choice, shown))

    def _screenshot_without_toasts(self, name: str, tries: int = 50) -> None:
        # Textual hides the toasts' rack on its next turn; the picture is taken once it is
        # hidden and the screen has been drawn without it.
        racks = self.app.screen.query(f"#{TOAST_RACK}")
        if tries > 0 and any(rack.display for rack in racks):
            self.app.call_after_refresh(self._screenshot_without_toasts, name, tries - 1)
        else:
            self.app.call_after_refresh(self._take_screenshot, name)

    def _take_screenshot(self, name: str) -> None:
        svg = self.app.export_screenshot()
        if self.app.is_web:
            self._deliver(io.StringIO(svg), name, "svg")
        else:
            self._write(name, svg)

    def _deliver(self, text: io.StringIO, name: str, fmt: str) -> None:
        """Hand ``text`` to the browser as a download named ``name``."""
        key = self.app.deliver_text(
            text,
            save_filename=name,
            open_method="browser" if fmt == "svg" else "download",
            mime_type=MIME_TYPES.get(fmt),
            name="krafter-export",
        )
        if key is not None:
            self.pending[key] = name

    def _write(self, name: str, text: str) -> None:
        """Save ``text`` as a new file in the folder (named ``name`` or the first free
        ``name-N``), then toast its path, or why it could not be saved."""
        folder = self.directory

        def write() -> Path:
            folder.mkdir(parents=True, exist_ok=True)
            return save_unique(folder, name, text.encode("utf-8"))

        async def save() -> None:
            try:
                path = await asyncio.to_thread(write)
            except OSError as error:
                self._failed(name, error)
            else:
                self._saved(str(path))

        self.app.run_worker(save(), group="krafter-export")

    def complete(self, event: DeliveryComplete) -> bool:
        """Toast where the file went, if it is one of ours (True)."""
        name = self.pending.pop(event.key, None)
        if name is None:
            return False
        self._saved(name if event.path is None else str(event.path))
        return True

    def _saved(self, where: str) -> None:
        shown = break_path(where, self.toast_width())
        self.app.notify(f"Saved\n{shown}", title="Export", markup=False, timeout=10)

    def failed(self, event: DeliveryFailed) -> bool:
        """Toast why the file was not written, if it is one of ours (True)."""
        name = self.pending.pop(event.key, None)
        if name is None:
            return False
        self._failed(name, event.exception)
        return True

    def toast_width(self) -> int:
        """The cells a line of a toast has on this screen."""
        return min(TOAST_WIDTH, self.app.size.width // TOAST_SHARE) - TOAST_FRAME

    def _failed(self, name: str, error: BaseException) -> None:
        width = self.toast_width()
        self.app.notify(
            f"Could not save {break_path(name, width)}\nin {break_path(str(self.directory), width)}"
            f": {error}",
            title="Export failed",
            severity="error",
            markup=False,
            timeout=15,
        )


def break_path(path: str, width: int) -> str:
    """``path`` in lines of at most ``width`` cells, each broken after a ``/``, ``-``, ``_``
    or ``.`` (a toast would otherwise fold it in the middle of a word); a piece longer than a
    line is the only one cut."""
    width = max(width, 8)
    lines: list[str] = []
    line = ""
    for piece in PATH_PIECES.findall(path):
        while cell_len(piece) > width:  # no separator for a whole line: cut it
            if line:
                lines.append(line)
                line = ""
            lines.append(piece[:width])
            piece = piece[width:]
        if cell_len(line) + cell_len(piece) > width:
            lines.append(line)
            line = ""
        line += piece
    if line or not lines:
        lines.append(line)
    return "\n".join(lines)

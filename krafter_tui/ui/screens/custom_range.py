"""The custom range dialog: from and to dates, checked as you type, Enter applies."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from datetime import date, datetime

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from krafter_tui.api import Period, PeriodError
from krafter_tui.api.period import parse_date, utc_date
from krafter_tui.text.numbers import plural

__all__ = ["CustomRangeDialog", "DateInput"]

_DATES = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


class DateInput(Input):
    """A date field that keeps keys typed ahead of a focus change.

    Textual hands each key to the widget focused when the key is read, and Tab moves the focus
    only once it has gone through the field: in a burst (``2024-01``, Tab, a date, pasted or
    typed fast) the keys after Tab would land in this field, not in the next one. Here Tab moves
    the focus at once, and keys that arrive after it go on to the field that has it. A paste of
    two dates fills both fields.
    """

    async def _on_key(self, event: events.Key) -> None:
        focused = self.app.focused
        if focused is not None and focused is not self:
            event.stop()
            event.prevent_default()
            focused.post_message(events.Key(event.key, event.character))
        elif event.key in ("tab", "shift+tab"):
            event.stop()
            event.prevent_default()
            if event.key == "tab":
                self.screen.focus_next()
            else:
                self.screen.focus_previous()

    def _on_paste(self, event: events.Paste) -> None:
        dates = _DATES.findall(event.text)
        if len(dates) >= 2 and isinstance(self.screen, CustomRangeDialog):
            event.stop()
            event.prevent_default()
            self.screen.fill(dates[0], dates[1])


class CustomRangeDialog(ModalScreen[Period | None]):
    """Asks for ``from`` and ``to`` (YYYY-MM-DD); refuses bad dates, from > to, and the future.

    "Today" is the UTC date (the API's days are UTC days), whatever the local time zone.
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self,
        clock: Callable[[], datetime],
        initial: Period | None = None,
        check: Callable[[Period], Awaitable[str | None]] | None = None,
    ) -> None:
        super().__init__()
        self.clock = clock
        self.initial = initial
        # Asks the server about the range before the dialog closes: the message it returns
        # (a refusal, e.g. "range must not exceed 400 days") is shown here, where it was typed.
        self.check = check

    def today(self) -> date:
        """The API's today (UTC)."""
        return utc_date(self.clock())

    def compose(self) -> ComposeResult:
        start = self.initial.start.isoformat() if self.initial and self.initial.start else ""
        end = self.initial.end.isoformat() if self.initial and self.initial.end else ""
        with Vertical(id="range-box"):
            yield Static(
                Text.assemble(
                    ("Custom range", "bold"), ("   UTC days: today is ", "dim"), str(self.today())
                ),
                id="range-title",
            )
            with Horizontal(classes="range-row"):
                yield Label("From", classes="range-label")
                yield DateInput(start, placeholder="YYYY-MM-DD", id="range-from", max_length=10)
            with Horizontal(classes="range-row"):
                yield Label("To", classes="range-label")
                yield DateInput(end, placeholder="YYYY-MM-DD", id="range-to", max_length=10)
            yield Static(Text(""), id="range-message")
            yield Static(
                Text("Both dates included. Enter applies · Esc cancels", style="dim"),
                id="range-hint",
            )
            with Horizontal(id="range-buttons"):
                yield Button("Apply", variant="primary", id="range-apply")
                yield Button("Cancel", id="range-cancel")

    def fill(self, start: str, end: str) -> None:
        """Put ``start`` and ``end`` in the fields (a pasted range) and focus the second."""
        self.query_one("#range-from", Input).value = start
        field = self.query_one("#range-to", Input)
        field.value = end
        field.focus()
        field.cursor_position = len(end)

    def validate_range(self) -> Period | str:
        """The period typed in, or the message that says what is wrong."""
        raw_from = self.query_one("#range-from", Input).value
        raw_to = self.query_one("#range-to", Input).value
        try:
            start = parse_date(raw_from, "From")
            end = parse_date(raw_to, "To")
            return Period.custom(start, end, today=self.today())
        except PeriodError as exc:
            return str(exc)[0].upper() + str(exc)[1:]

    def verdict(self, period: Period) -> str:
        """``31 days``, with ``today so far`` when the range ends today (a partial day)."""
        assert period.start is not None and period.end is not None
        days = plural((period.end - period.start).days + 1, "day")
        return f"{days}, today so far" if period.end >= self.today() else days

    @on(Input.Changed)
    def _changed(self) -> None:
        result = self.validate_range()
        filled = all(self.query_one(f"#range-{k}", Input).value for k in ("from", "to"))
        if isinstance(result, str) and filled:
            self._show_message(result, invalid=True)
        else:
            verdict = self.verdict(result) if isinstance(result, Period) else ""
            self._show_message(verdict, invalid=False)

    @on(Input.Submitted, "#range-from")
    def _from_submitted(self) -> None:
        end = self.query_one("#range-to", Input)
        if not end.value:
            end.focus()
        else:
            self._apply()

    @on(Input.Submitted, "#range-to")
    @on(Button.Pressed, "#range-apply")
    def _apply(self) -> None:
        result = self.validate_range()
        if isinstance(result, Period) and self.check is None:
            self.dismiss(result)
        elif isinstance(result, Period):
            self._show_message("Checking with the server…", invalid=False)
            self.run_worker(self._checked(result), group="range-check", exclusive=True)
        else:
            self._show_message(result, invalid=True)

    async def _checked(self, period: Period) -> None:
        assert self.check is not None
        refusal = await self.check(period)
        if refusal is None:
            self.dismiss(period)
        else:
            self._show_message(f"The server refused this range: {refusal}", invalid=True)

    def _show_message(self, text: str, *, invalid: bool) -> None:
        message = self.query_one("#range-message", Static)
        message.update(Text(text))
        message.set_class(invalid, "-invalid")

    @on(Button.Pressed, "#range-cancel")
    def action_cancel(self) -> None:
        """Close without changing the period."""
        self.dismiss(None)

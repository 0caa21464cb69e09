"""The custom range dialog: from and to dates, checked as you type, Enter applies."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from krafter_tui.api import Period, PeriodError
from krafter_tui.api.period import parse_date

__all__ = ["CustomRangeDialog"]


class CustomRangeDialog(ModalScreen[Period | None]):
    """Asks for ``from`` and ``to`` (YYYY-MM-DD); refuses bad dates, from > to, and the future."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self,
        today: Callable[[], date],
        initial: Period | None = None,
        check: Callable[[Period], Awaitable[str | None]] | None = None,
    ) -> None:
        super().__init__()
        self.today = today
        self.initial = initial
        # Asks the server about the range before the dialog closes: the message it returns
        # (a refusal, e.g. "range must not exceed 400 days") is shown here, where it was typed.
        self.check = check

    def compose(self) -> ComposeResult:
        start = self.initial.start.isoformat() if self.initial and self.initial.start else ""
        end = self.initial.end.isoformat() if self.initial and self.initial.end else ""
        with Vertical(id="range-box"):
            yield Static(Text("Custom range", style="bold"), id="range-title")
            with Horizontal(classes="range-row"):
                yield Label("From", classes="range-label")
                yield Input(start, placeholder="YYYY-MM-DD", id="range-from", max_length=10)
            with Horizontal(classes="range-row"):
                yield Label("To", classes="range-label")
                yield Input(end, placeholder="YYYY-MM-DD", id="range-to", max_length=10)
            yield Static(Text(""), id="range-message")
            yield Static(
                Text("Both dates included, UTC days. Enter applies · Esc cancels", style="dim"),
                id="range-hint",
            )
            with Horizontal(id="range-buttons"):
                yield Button("Apply", variant="primary", id="range-apply")
                yield Button("Cancel", id="range-cancel")

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

    @on(Input.Changed)
    def _changed(self) -> None:
        result = self.validate_range()
        message = self.query_one("#range-message", Static)
        filled = all(self.query_one(f"#range-{k}", Input).value for k in ("from", "to"))
        if isinstance(result, str) and filled:
            message.update(Text(result))
            message.add_class("-invalid")
        else:
            days = (
                (result.end - result.start).days + 1
                if isinstance(result, Period) and result.start and result.end
                else 0
            )
            message.update(Text(f"{days} days" if days else ""))
            message.remove_class("-invalid")

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

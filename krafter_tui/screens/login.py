"""The login screen, shown when no API key is configured: checks the key, then stores it."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Static

from krafter_tui.api import ApiError, KrafterClient

__all__ = ["LoginScreen"]

INTRO = (
    "Paste a Krafter API key with the analytics:read scope (kr_live_…). It is checked by "
    "listing your sites, then kept in the system keyring — never in a plain file. "
    "Alternatively quit and set KRAFTER_API_TOKEN, or try the demo: krafter-tui --demo"
)


class LoginScreen(Screen[None]):
    """Asks for the key; on success hands the working client to ``on_success``."""

    BINDINGS = [Binding("escape", "app.quit", "Quit")]

    def __init__(
        self,
        make_client: Callable[[str], KrafterClient],
        on_success: Callable[[KrafterClient, str], None],
    ) -> None:
        super().__init__()
        self.make_client = make_client
        self.on_success = on_success

    def compose(self) -> ComposeResult:
        with Vertical(id="login-box"):
            yield Static(Text("Log in to Krafter", style="bold"), id="login-title")
            yield Static(Text(INTRO), id="login-intro")
            yield Input(placeholder="kr_live_…", password=True, id="login-token")
            yield Static(Text(""), id="login-message")
            yield Button("Log in", variant="primary", id="login-submit")
        yield Footer()

    @on(Input.Submitted, "#login-token")
    @on(Button.Pressed, "#login-submit")
    def _submit(self) -> None:
        token = self.query_one("#login-token", Input).value.strip()
        if not token:
            self._say("Paste your API key first.", error=True)
            return
        self._say("Checking the key…")
        self.check(token)

    @work(exclusive=True, group="login", exit_on_error=False)
    async def check(self, token: str) -> None:
        """List the sites with the key; keep the client if that works."""
        try:
            client = self.make_client(token)
        except ApiError as error:
            self._say(error.message, error=True)
            return
        try:
            sites = await client.list_sites()
        except ApiError as error:
            await client.aclose()
            self._say(error.message, error=True)
            return
        self._say(f"The key works: {len(sites)} sites.")
        self.on_success(client, token)

    def _say(self, message: str, *, error: bool = False) -> None:
        label = self.query_one("#login-message", Static)
        label.update(Text(message))
        label.set_class(error, "-invalid")

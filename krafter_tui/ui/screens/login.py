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
from krafter_tui.credentials.check import shown_url, sites_error

__all__ = ["LoginScreen"]

INTRO = (
    "Paste a Krafter API key with the analytics:read scope (kr_live_…). It is checked by "
    "listing your sites at this API URL, and used with it only. Or quit and set "
    "KRAFTER_API_TOKEN, or try krafter-tui --demo."
)
#: Where the key goes when nothing is wrong with the keyring.
KEPT = "The key is kept in the OS keyring, never in a plain file."


class LoginScreen(Screen[None]):
    """Asks for the key; on success hands the working client to ``on_success``.

    ``api_url`` is where the key is checked (and later sent); ``notice`` is a warning about
    where the key will be kept (no keyring: this session only; a plain-file backend).
    """

    BINDINGS = [Binding("escape", "app.quit", "Quit")]

    def __init__(
        self,
        make_client: Callable[[str], KrafterClient],
        on_success: Callable[[KrafterClient, str], None],
        *,
        api_url: str,
        notice: str | None = None,
    ) -> None:
        super().__init__()
        self.make_client = make_client
        self.on_success = on_success
        self.api_url = api_url
        self.notice = notice

    def compose(self) -> ComposeResult:
        with Vertical(id="login-box"):
            yield Static(Text("Log in to Krafter", style="bold"), id="login-title")
            yield Static(Text(INTRO), id="login-intro")
            api = Text.assemble(("API URL: ", "bold"), shown_url(self.api_url))
            yield Static(api, id="login-api")
            kept = Static(Text(self.notice or KEPT), id="login-kept")
            kept.set_class(bool(self.notice), "-warning")
            yield kept
            yield Input(placeholder="kr_live_…", password=True, id="login-token")
            yield Static(Text(""), id="login-message")
            yield Button("Log in", variant="primary", id="login-submit", compact=True)
        yield Footer()

    @on(Input.Changed, "#login-token")
    def _typed(self) -> None:
        # The old verdict was about another key: keep it only while it is still true.
        if self.query_one("#login-message", Static).has_class("-invalid"):
            self._say("")

    @on(Input.Submitted, "#login-token")
    @on(Button.Pressed, "#login-submit")
    def _submit(self) -> None:
        token = self.query_one("#login-token", Input).value.strip()
        if not token:
            self._say("Paste your API key first.", error=True)
            return
        self._say(f"Checking the key against {shown_url(self.api_url)}…")
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
            self._say(sites_error(error, self.api_url), error=True)
            return
        self._say(f"The key works: {len(sites)} sites.")
        self.on_success(client, token)

    def _say(self, message: str, *, error: bool = False) -> None:
        label = self.query_one("#login-message", Static)
        label.update(Text(message))
        label.set_class(error, "-invalid")

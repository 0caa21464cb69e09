"""The Textual application: builds the client, shows login or the dashboard, and the palette."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
from textual import on
from textual.app import App, SystemCommand
from textual.events import DeliveryComplete, DeliveryFailed
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.theme import Theme

from krafter_tui.api import ApiError, KrafterClient, Period, Site
from krafter_tui.api.head_start_answers import HeadStartAnswers
from krafter_tui.config.options import (
    DashboardOptions,
    kiosk_of,
    opening_of,
    profile_of,
    record_of,
    state_of,
)
from krafter_tui.feeds import Kiosk
from krafter_tui.feeds.head_start import Opening
from krafter_tui.local.logfile import start_log_file
from krafter_tui.local.remembered import StateStore
from krafter_tui.record import Record
from krafter_tui.text.sanitiser import clean_server_text
from krafter_tui.ui.alert_desk import Alerting
from krafter_tui.ui.bindings import bindings
from krafter_tui.ui.collector import release, set_launch_aside
from krafter_tui.ui.delivery import Deliveries
from krafter_tui.ui.keys import APP_COMMANDS
from krafter_tui.ui.palette import PROVIDERS, screen_commands
from krafter_tui.ui.screens.dashboard import DashboardScreen
from krafter_tui.ui.stylesheets import styles_dir
from krafter_tui.ui.terminal import draw_on_terminal

if TYPE_CHECKING:
    from krafter_tui.api.shared import SharedCache

__all__ = ["KrafterApp", "run_dashboard"]


def local_now() -> datetime:
    """The wall clock in the local time zone (what the user reads times in)."""
    return datetime.now(UTC).astimezone()


class KrafterApp(App[int]):
    """krafter-tui: live Krafter Analytics in the terminal."""

    TITLE = "krafter-tui"
    COMMANDS = App.COMMANDS | PROVIDERS
    CSS_PATH = [styles_dir() / "app.tcss", styles_dir() / "looks.tcss"]
    BINDINGS = bindings(APP_COMMANDS)

    def __init__(
        self,
        options: DashboardOptions,
        *,
        token: str | None,
        transport: httpx.AsyncBaseTransport | None = None,
        store_token: Callable[[str], str | None] | None = None,
        clock: Callable[[], datetime] = local_now,
        state: StateStore | None = None,
        login_notice: str | None = None,
        early: HeadStartAnswers | None = None,
        recording: bool = False,
    ) -> None:
        super().__init__()
        # Keep the record of what is polled (if options.record says so too): run_dashboard
        # asks for it; a test asks when it looks at the record.
        self.recording = recording
        self.early = early  # answers to the launch's first requests (feeds/headstart.py)
        self.options = options
        self.token = token
        self.transport = transport
        self.store_token = store_token  # keeps a key typed at login; may return a note
        self.login_notice = login_notice  # a warning for the login screen (keyring trouble)
        self.clock = clock
        self.state = state if state is not None else state_of(options)
        self.client: KrafterClient | None = None
        # The record of what is polled: one per API URL and key (None: off, or not made yet).
        self.record: Record | None = None
        self.log_path: Path | None = None
        self.quitting = False  # set on quit: keys still queued must not open dialogs
        self.startup_error: str | None = None
        self.deliveries = Deliveries(self, options.download_dir)  # Ctrl+S's exports
        # A configured theme (flag, environment, file) first, else the one last picked.
        theme = options.theme or self.state.theme()
        if theme in self.available_themes:
            self.theme = theme
        if options.kiosk:
            # The palette offers Quit and every dialog: nothing a wall screen may open.
            self.use_command_palette = False

    def make_client(self, token: str) -> KrafterClient:
        """A client for the configured API URL (raises ApiError for an unusable URL), sharing
        its polling through the shared cache when one is set."""
        return KrafterClient(
            token, self.options.api_url, transport=self.transport, shared=self._shared_cache()
        )

    def _shared_cache(self) -> SharedCache | None:
        url = self.options.shared_cache
        if not url:
            return None
        from krafter_tui.api.shared import open_shared_cache  # only with a shared cache

        return open_shared_cache(url)

    def on_mount(self) -> None:
        """Log in first when there is no key; otherwise open the dashboard."""
        self.log_path = start_log_file(self.token)
        self.theme_changed_signal.subscribe(self, self._theme_picked)
        if self.token is None:
            from krafter_tui.ui.screens.login import LoginScreen  # only without a key

            self.push_screen(
                LoginScreen(
                    self.make_client,
                    self._logged_in,
                    api_url=self.options.api_url,
                    notice=self.login_notice,
                )
            )
            return
        try:
            client = self.make_client(self.token)
            # The answers to the launch's first requests go to whichever client is made (tests
            # swap make_client for one with short deadlines).
            client.early = self.early
        except ApiError as error:
            self.startup_error = error.message
            self.exit(2, message=error.message)
            return
        self._open_dashboard(client)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every toast, the screens' included, passes here: its text is sanitised, since a
        toast may quote a site name, the user's own ``--site`` or an exception's text, and
        Textual's ``markup=False`` stops markup, not escape codes."""
        super().notify(
            clean_server_text(message, 2000, lines=True),
            title=clean_server_text(title, 200),
            severity=severity,
            timeout=timeout,
            markup=markup,
        )

    def _logged_in(self, client: KrafterClient, token: str) -> None:
        self.log_path = start_log_file(token)
        if self.store_token is not None:
            try:
                note = self.store_token(token)
            except Exception as error:  # keyring trouble must not lose the working session
                note = f"The key works but could not be stored: {error}"
            if note:
                self.notify(note, markup=False, severity="warning", timeout=10)
        self.switch_screen(self._dashboard(client, token))

    def _open_dashboard(self, client: KrafterClient) -> None:
        self.push_screen(self._dashboard(client, self.token))

    def _dashboard(self, client: KrafterClient, token: str | None) -> DashboardScreen:
        self.client = client
        if self.record is not None:  # another key (a login): its own record
            self.record.close()
        keep = self.recording and token is not None
        self.record = record_of(self.options, token) if keep and token else None
        opening = self.opening()
        return DashboardScreen(
            client,
            initial_site=opening.wanted,
            initial_period=opening.period,
            remembered_site=opening.remembered,
            realtime_interval=self.options.realtime_interval,
            stats_interval=self.options.stats_interval,
            clock=self.clock,
            on_selection=self._remember,
            kiosk=self._kiosk(),
            log_path=lambda: self.log_path,
            quitting=lambda: self.quitting,
            deliveries=self.deliveries,
            alerting=Alerting.from_options(self.options, token),
            record=self.record,
        )

    def opening(self) -> Opening:
        """The site and period the dashboard opens on (the launch's early requests ask for
        the same: :func:`krafter_tui.cli.launch.run_dashboard_command`)."""
        return opening_of(self.options, self.state)

    def _kiosk(self) -> Kiosk | None:
        return kiosk_of(self.options)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The command palette is off in kiosk mode (and its key out of the footer)."""
        return not (action == "command_palette" and self.options.kiosk)

    def action_request_quit(self) -> None:
        """``q`` quits, except in kiosk mode, where only Ctrl+Q does (no accidental exits)."""
        if self.options.kiosk:
            self.notify("Kiosk mode: press Ctrl+Q to quit.", timeout=4)
            return
        self.quitting = True
        self.exit(0)

    async def action_quit(self) -> None:
        """Ctrl+Q: quit; keys typed after it (already in the queue) open nothing any more."""
        self.quitting = True
        await super().action_quit()

    @on(DeliveryComplete)
    def _delivered(self, event: DeliveryComplete) -> None:
        # An export's own toast names the file; Textual's toast for screenshots is kept out.
        if self.deliveries.complete(event):
            event.prevent_default()

    @on(DeliveryFailed)
    def _not_delivered(self, event: DeliveryFailed) -> None:
        if self.deliveries.failed(event):
            event.prevent_default()

    def _theme_picked(self, theme: Theme) -> None:
        """A theme picked (in the palette) is the next launch's too."""
        self.state.save_theme(theme.name)

    def _remember(self, site: Site, period: Period) -> None:
        """The server accepted ``site`` over ``period`` (the poller's event, through the
        dashboard's ``selection_accepted``): the next launch opens on it. Never called while
        painting."""
        options = self.options  # a wall and each profile remember apart
        kiosk, profile = bool(options.kiosk), profile_of(options)
        self.state.save(options.api_url, site, period, kiosk=kiosk, profile=profile)

    def on_ready(self) -> None:
        """The first frame is on screen: the launch's objects, alive until the end, are set
        aside from the garbage collector's full passes (:mod:`krafter_tui.ui.collector`)."""
        set_launch_aside()

    async def on_unmount(self) -> None:
        """Close the HTTP connections and the record; the objects set aside go back to the
        garbage collector."""
        release()
        if self.client is not None:
            await self.client.aclose()
        if self.record is not None:
            self.record.close()

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The palette (built in :mod:`krafter_tui.ui.palette`): Textual's commands, then the
        screen's."""
        yield from super().get_system_commands(screen)
        yield from screen_commands(screen, self.get_key_display)


def run_dashboard(
    options: DashboardOptions,
    *,
    token: str | None,
    transport: httpx.AsyncBaseTransport | None = None,
    store_token: Callable[[str], str | None] | None = None,
    login_notice: str | None = None,
    early: HeadStartAnswers | None = None,
) -> int:
    """Run the dashboard until the user quits; returns the exit status. ``early``: the
    answers to the launch's first requests, sent while this module was being imported."""
    app = KrafterApp(
        options,
        token=token,
        transport=transport,
        store_token=store_token,
        login_notice=login_notice,
        early=early,
        recording=True,
    )
    with draw_on_terminal():
        result = app.run()
    if app.startup_error:
        return 2
    if app.return_code:
        # An exception Textual caught (it printed the traceback and set 1): the process must
        # fail too, so a supervisor (systemd, a tmux loop) starts the dashboard again.
        return app.return_code
    return int(result or 0)

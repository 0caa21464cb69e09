"""The login screen as a user meets it (issue 14): which URL it checks, why a key was refused,
where the key will be kept; and the dashboard's banner for an API URL that is wrong."""

from __future__ import annotations

from collections.abc import Callable

import httpx
from textual.widgets import Input, Static

from krafter_tui.app import KrafterApp
from krafter_tui.demo import DEMO_SANDBOX_TOKEN, DEMO_TOKEN, DemoApp
from krafter_tui.ui.screens import DashboardScreen, LoginScreen
from krafter_tui.ui.screens.login import KEPT

from .conftest import DEMO_URL, settle

MakeApp = Callable[..., KrafterApp]


def text(app: KrafterApp, selector: str) -> str:
    """What a widget of the current screen shows."""
    return str(app.screen.query_one(selector, Static).render())


def logging_in(make_app: MakeApp, **kwargs: object) -> KrafterApp:
    """The app started without a key, so it opens the login screen."""
    app = make_app(**kwargs)
    app.token = None
    return app


async def attempt(app: KrafterApp, pilot: object, key: str) -> None:
    """Type ``key`` into the field (replacing what is there) and press Enter."""
    app.screen.query_one("#login-token", Input).value = key
    await pilot.press("enter")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]


async def test_the_screen_names_the_url_and_where_the_key_goes(make_app: MakeApp) -> None:
    app = logging_in(make_app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LoginScreen)
        assert text(app, "#login-api") == f"API URL: {DEMO_URL}"
        assert text(app, "#login-kept") == KEPT
        assert not app.screen.query_one("#login-kept").has_class("-warning")
        # Everything fits at 80x24: the box does not scroll.
        assert app.screen.query_one("#login-box").region.bottom <= 23


async def test_a_plain_file_keyring_is_warned_about(make_app: MakeApp) -> None:
    warning = "Warning: the keyring backend PlaintextKeyring keeps keys unencrypted in a plain file"
    app = logging_in(make_app)
    app.login_notice = warning
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert text(app, "#login-kept") == warning
        assert app.screen.query_one("#login-kept").has_class("-warning")


async def test_the_longest_screen_fits_80x24(make_app: MakeApp) -> None:
    from krafter_tui.cli.launch import session_only
    from krafter_tui.credentials.token import KeyringUnavailable

    app = logging_in(make_app)
    app.login_notice = session_only(KeyringUnavailable("no keyring backend found"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await attempt(app, pilot, "kr_live_wrong")  # the notice and an error, both shown
        assert "HTTP 401" in text(app, "#login-message")
        box = app.screen.query_one("#login-box")
        assert box.region.y >= 0 and box.region.bottom <= 23  # above the footer, no scrolling
        assert app.screen.max_scroll_y == 0


async def test_refusals_say_why_and_clear_when_a_new_key_is_typed(make_app: MakeApp) -> None:
    app = logging_in(make_app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await attempt(app, pilot, "kr_live_wrong")
        message = text(app, "#login-message")
        assert message.startswith("The server refused the key (HTTP 401): it is unknown there")
        assert "log in again" not in message
        await attempt(app, pilot, DEMO_SANDBOX_TOKEN)
        message = text(app, "#login-message")
        assert message.startswith("The server refused the key (HTTP 403): it lacks the")
        assert "analytics:read" in message
        await pilot.press("x")  # the user starts on another key: the old verdict goes
        assert text(app, "#login-message") == ""
        assert not app.screen.query_one("#login-message").has_class("-invalid")
        assert "x" in app.screen.query_one("#login-token", Input).value  # the key press landed


async def test_a_key_kept_for_the_session_only_says_so(make_app: MakeApp) -> None:
    note = "Logged in for this session only (no usable OS keyring): to keep the key, set …"
    kept: list[str] = []

    def store(token: str) -> str:
        kept.append(token)
        return note

    app = logging_in(make_app)
    app.store_token = store
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await attempt(app, pilot, DEMO_TOKEN)
        assert isinstance(app.screen, DashboardScreen)
        assert kept == [DEMO_TOKEN]
        assert [n.message for n in app._notifications] == [note]


class NotFound(httpx.AsyncBaseTransport):
    """Every request answers 404, as a server does for a path under a wrong API root."""

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return httpx.Response(404, json={"error": "Not found"}, request=request)


async def test_a_404_while_logging_in_says_the_url_is_wrong(make_app: MakeApp) -> None:
    app = logging_in(make_app, transport=NotFound())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await attempt(app, pilot, DEMO_TOKEN)
        message = text(app, "#login-message")
        assert message.startswith(f"Wrong API URL: {DEMO_URL}/sites answered 404 Not found")
        assert "no such site" not in message


async def test_the_dashboard_banner_says_the_url_is_wrong_and_keeps_saying_it(
    make_app: MakeApp, demo: DemoApp
) -> None:
    app = make_app(transport=NotFound(), api_url="http://127.0.0.1:8787/api/v1")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        expected = (
            "Could not load the sites: Wrong API URL: http://127.0.0.1:8787/api/v1/sites "
            "answered 404 Not found; did you mean http://127.0.0.1:8787/api/v1/analytics?"
        )
        assert text(app, "#banner").startswith(expected)
        screen.update_health()  # the once-a-second tick must not hide it
        await pilot.pause()
        assert text(app, "#banner").startswith(expected)
        assert screen.query_one("#banner").has_class("-visible")

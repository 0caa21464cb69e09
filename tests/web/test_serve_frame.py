"""Another site framing the served dashboard, in a real headless Chromium: the attacker's
page (on another origin) puts the dashboard in an iframe, hoping the user types into it.
The browser refuses to show the frame, so no dashboard starts and no key reaches one."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from aiohttp import web

from krafter_tui.demo.serving import bind

from .browser import CHROMIUM_ARGS, chromium
from .serve_app import records, serve_app, stub_command

pytestmark = pytest.mark.browser

SAFETY_WAIT = 30.0  # seconds for Chromium to refuse the frame (it does at once)


def refused(console: list[str]) -> bool:
    """Chromium's console said it refused to frame the page for our headers."""
    return any("frame-ancestors" in text or "X-Frame-Options" in text for text in console)


async def test_another_site_cannot_frame_the_dashboard(tmp_path: Path) -> None:
    from playwright.async_api import async_playwright

    executable = chromium()
    tabs = tmp_path / "tabs.jsonl"
    async with serve_app(stub_command(tabs)) as served:
        dashboard = served.url.replace("127.0.0.1", "localhost") + "/"
        attacker = web.Application()

        async def page(request: web.Request) -> web.Response:
            body = f"<h1>Win a prize</h1><iframe id='d' src='{dashboard}'></iframe>"
            return web.Response(text=body, content_type="text/html")

        attacker.router.add_get("/", page)
        sock = bind("127.0.0.1", 0)
        runner = web.AppRunner(attacker)
        await runner.setup()
        await web.SockSite(runner, sock).start()
        try:
            async with async_playwright() as playwright:
                browser = await playwright.chromium.launch(
                    executable_path=executable, args=CHROMIUM_ARGS
                )
                try:
                    tab = await browser.new_page()
                    blocked: list[str] = []
                    tab.on("console", lambda message: blocked.append(message.text))
                    # "load" waits for the frame too, shown or refused.
                    await tab.goto(f"http://127.0.0.1:{sock.getsockname()[1]}/")
                    # Chromium says so on the console when it refuses the frame; the frame's
                    # own URL may not be set yet at "load" (seen empty on a busy machine).
                    async with asyncio.timeout(SAFETY_WAIT):
                        while not refused(blocked):
                            await asyncio.sleep(0.05)
                    (frame,) = [f for f in tab.frames if f != tab.main_frame]
                    # Its error page, or nothing yet, in place of the dashboard.
                    assert not frame.url.startswith(dashboard), frame.url
                    await tab.click("#d")
                    await tab.keyboard.type("q7d")
                finally:
                    await browser.close()
        finally:
            await runner.cleanup()
            sock.close()
        assert refused(blocked)
    assert records(tabs) == []  # no dashboard was started inside the frame

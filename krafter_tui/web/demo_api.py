"""One demo API for every tab of ``krafter-tui serve --demo``, on a free loopback port."""

from __future__ import annotations

import threading
import time
from types import TracebackType

from krafter_tui.demo import API_PREFIX, create_demo_app
from krafter_tui.demo.serving import bind, default_cache_dir

__all__ = ["DemoApi"]

#: How long the demo server may take to start listening.
START_TIMEOUT = 30.0


class DemoApi:
    """The demo server under uvicorn in a background thread, while the ``with`` block runs.

    Every tab points at :attr:`api_url`, so all of them see the same traffic (each tab running
    its own in-process demo would show each its own).
    """

    def __init__(self) -> None:
        import uvicorn

        self._sock = bind("127.0.0.1", 0)
        app = create_demo_app(cache_dir=default_cache_dir())
        config = uvicorn.Config(app, log_level="warning", lifespan="off", access_log=False)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self._sock]}, daemon=True
        )
        port = self._sock.getsockname()[1]
        self.api_url = f"http://127.0.0.1:{port}{API_PREFIX}"

    def __enter__(self) -> DemoApi:
        self._thread.start()
        deadline = time.monotonic() + START_TIMEOUT
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                self.close()
                raise RuntimeError("the demo API did not start")
            time.sleep(0.02)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Stop the server and release its port."""
        self._server.should_exit = True
        if self._thread.is_alive():
            self._thread.join(timeout=10)
        self._sock.close()

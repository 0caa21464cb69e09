"""What the probe (``probe_app.py``) adds to the dashboard once it is imported: a worker
that watches the panes and the frames written, and reports:

- ``launch``: ``DONE {"t"}``, the time of the first frame written to the terminal in which
  every pane shows data (figures, change vs the previous period, chart, breakdown, events, a
  realtime reading); then quits.
- ``idle SECONDS``: the same, then a one-second settle, then CPU time over SECONDS.
- ``switch``: ``READY`` when nothing is loading; the harness types a key; ``DONE`` with the
  times of the first frame written to the terminal that shows the stats and events panes
  refreshed ("panes"), the realtime pane as well ("all"), and of the last frame the switch
  caused ("settled": a DataTable measures its new rows when idle and paints again, and the
  background refresh of cached figures answers).
- ``render REPS``: times ``BreakdownTable.show`` of 10,000 rows and ``TimeseriesChart.show``
  of 365 points, each until painted and settled (the last frame it caused); then two floors
  of Textual itself: the whole screen composed and written again (``screen.refresh()``,
  widgets' lines cached), and every widget rendering its lines again first (``refresh()``).
- ``memory CYCLES``: realtime polls every 1 ms and stats every 6 ms (the default 1:6 ratio)
  against recorded answers; RSS after 100 and after CYCLES realtime polls.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial
from typing import Any

from probe_common import MARKS, PROFILE, TIMELINE_ON, mark, report, rss_kib
from textual import messages
from textual.widgets import DataTable

import krafter_tui.app as app_module
from krafter_tui.api import BreakdownRow, Event, TimeseriesPoint, Totals
from krafter_tui.ui.widgets import (
    BreakdownTable,
    EventsTable,
    RealtimeCounter,
    TimeseriesChart,
    TotalsPanel,
)

App = app_module.KrafterApp


class Timeline:
    """With ``BENCH_TIMELINE`` set (``benchmarks/timeline.py``): what happened when, as marks
    (name, perf_counter) - each request sent and answered, each ``show_*`` of the screen, and
    each paint (Textual's update tick) with how long it took and whether it wrote a frame."""

    def __init__(self) -> None:
        self.on = TIMELINE_ON
        if self.on:
            self._install()

    def mark(self, name: str) -> None:
        mark(name)

    def take(self) -> list[tuple[str, float]]:
        """The marks so far (the early requests' too), forgotten here."""
        marks = list(MARKS)
        del MARKS[: len(marks)]
        return marks

    def _install(self) -> None:
        from krafter_tui.api import client
        from krafter_tui.ui.screens.dashboard import DashboardScreen

        get = client.KrafterClient._get
        mark = self.mark

        async def timed_get(self: Any, path: str, params: Any, kind: Any, **options: Any) -> Any:
            name = path.rsplit("/", 1)[-1]
            if name == "stats" and "dimensions" not in params:
                name = "previous"
            mark(f"sent {name}")
            try:
                return await get(self, path, params, kind, **options)
            finally:
                mark(f"answered {name}")

        client.KrafterClient._get = timed_get  # type: ignore[method-assign]
        names = ("show_stats", "show_compared", "show_events", "show_realtime")
        mounted = DashboardScreen.on_mount

        def on_mount(self: Any) -> Any:
            mark("DashboardScreen.on_mount")
            return mounted(self)  # a coroutine: Textual awaits it

        DashboardScreen.on_mount = on_mount  # type: ignore[method-assign]
        for name in ("sites_loaded", *names):
            original = getattr(DashboardScreen, name)

            def shown(self: Any, *args: Any, _o: Any = original, _n: str = name) -> Any:
                mark(_n)
                return _o(self, *args)

            setattr(DashboardScreen, name, shown)
        tick = DashboardScreen._on_timer_update
        display = App._display
        frames = [0]

        def counted_display(app: Any, screen: Any, renderable: Any) -> None:
            display(app, screen, renderable)
            if renderable is not None and not app._batch_count:
                frames[0] += 1  # else Textual wrote nothing

        def timed(original: Any, what: str) -> Any:
            def run(screen: Any, *args: Any, **kwargs: Any) -> Any:
                started, before = time.perf_counter(), frames[0]
                inside[0] += 1
                try:
                    return original(screen, *args, **kwargs)
                finally:
                    inside[0] -= 1
                    if frames[0] != before and not inside[0]:
                        took = (time.perf_counter() - started) * 1000
                        mark(f"frame written: {what}, {took:.0f} ms")

            return run

        inside = [0]
        App._display = counted_display  # type: ignore[method-assign]
        DashboardScreen._on_timer_update = timed(tick, "paint")  # type: ignore[method-assign]
        layout = DashboardScreen._refresh_layout
        DashboardScreen._refresh_layout = timed(layout, "layout and paint")  # type: ignore[method-assign]


TIMELINE = Timeline()
TIMELINE.mark("krafter_tui.app and Textual imported")


def panes(
    app: App,
) -> tuple[TotalsPanel, TimeseriesChart, BreakdownTable, EventsTable, RealtimeCounter]:
    """The five data widgets of the dashboard on screen."""
    q = app.screen.query_one
    return (
        q(TotalsPanel),
        q(TimeseriesChart),
        q(BreakdownTable),
        q(EventsTable),
        q(RealtimeCounter),
    )


def everything_shown(app: App) -> bool:
    """True when every pane has data (not only a loading mark)."""
    totals, chart, breakdown, events, realtime = panes(app)
    return bool(
        totals.totals
        and totals.previous
        and chart.points
        and breakdown.breakdown
        and events.events
        and realtime.readings
    )


async def until(condition: Callable[[], bool], step: float = 0.002) -> None:
    """Wait until ``condition()`` holds (errors count as not yet: the screen may be composing)."""
    while True:
        try:
            if condition():
                return
        except Exception:
            pass
        await asyncio.sleep(step)


async def painted(app: App) -> float:
    """The perf_counter time once everything changed so far is painted."""
    done: asyncio.Future[float] = asyncio.get_running_loop().create_future()
    app.screen.call_after_refresh(lambda: done.set_result(time.perf_counter()))
    return await done


async def quiet(app: App, calm: float = 0.1) -> None:
    """Wait until no worker has run for ``calm`` seconds (all fetches ended)."""
    since = time.perf_counter()
    while time.perf_counter() - since < calm:
        await asyncio.sleep(0.01)
        if any(not w.is_finished and w.group != "bench" for w in app.workers):
            since = time.perf_counter()


@dataclass
class Snapshot:
    """The data objects on screen before a switch; refreshed means replaced by others."""

    totals: Totals | None
    previous: Totals | None
    first_point: TimeseriesPoint | None
    breakdown: object
    events: list[Event]
    reading_at: object

    @classmethod
    def take(cls, app: App) -> Snapshot:
        """Hold references (so identities stay unique) to what is shown now."""
        totals, chart, breakdown, events, realtime = panes(app)
        return cls(
            totals.totals,
            totals.previous,
            chart.points[0] if chart.points else None,
            breakdown.breakdown,
            list(events.events),
            realtime.last_reading_at,
        )

    def panes_refreshed(self, app: App) -> bool:
        """Totals, change, chart, breakdown and events all show objects other than before."""
        totals, chart, breakdown, events, _ = panes(app)
        old_events = {id(e) for e in self.events}
        return bool(
            totals.totals is not None
            and totals.totals is not self.totals
            and totals.previous is not None
            and totals.previous is not self.previous
            and chart.points
            and chart.points[0] is not self.first_point
            and breakdown.breakdown
            and breakdown.breakdown is not self.breakdown
            and events.events
            and not any(id(e) in old_events for e in events.events)
        )

    def realtime_refreshed(self, app: App) -> bool:
        """A realtime reading arrived after the snapshot."""
        reading_at = panes(app)[4].last_reading_at
        return reading_at is not None and reading_at is not self.reading_at


async def run_launch(app: App) -> None:
    shown = Frames(app).first_showing(lambda: everything_shown(app))
    t = await asyncio.wait_for(shown, 60)
    report("DONE", {"t": t, "timeline": TIMELINE.take()})
    app.exit()


async def run_idle(app: App, seconds: float) -> None:
    await until(lambda: everything_shown(app))
    report("DONE", {"t": await painted(app)})
    await asyncio.sleep(1.0)
    split = CpuSplit()
    PROFILE.start()
    cpu0, wall0, unix0 = time.process_time(), time.perf_counter(), time.time()
    main0 = time.thread_time()
    split.start()
    await asyncio.sleep(seconds)
    split.stop()
    cpu1, wall1, unix1 = time.process_time(), time.perf_counter(), time.time()
    main1 = time.thread_time()
    PROFILE.stop()
    report(
        "RESULT",
        {
            "cpu": cpu1 - cpu0,
            "main_thread_cpu": main1 - main0,
            "split": split.spent,
            "wall": wall1 - wall0,
            "unix0": unix0,
            "unix1": unix1,
            "rss_kib": rss_kib(),
        },
    )
    app.exit()


class CpuSplit:
    """Where the main thread's CPU goes while the dashboard is left running: time in each
    kind of work (``time.thread_time`` around the outermost call), and how many calls."""

    def __init__(self) -> None:
        from textual._compositor import Compositor

        from krafter_tui.api import client
        from krafter_tui.ui.panes import DashboardPanes
        from krafter_tui.ui.screens.dashboard import DashboardScreen

        self.spent: dict[str, list[float]] = {}
        self._undo: list[Callable[[], None]] = []
        self._inside = 0
        self._targets: list[tuple[Any, str, str]] = [
            (Compositor, "render_update", "paint: render the changed lines"),
            (App, "_display", "write frames to the terminal"),
            (DashboardScreen, "_refresh_layout", "layout (and its paint)"),
            (DashboardPanes, "render_health", "the 1 s tick: ages, marks, banner"),
            (DashboardScreen, "show_stats", "show stats (totals, chart, breakdown)"),
            (DashboardScreen, "show_events", "show events"),
            (DashboardScreen, "show_realtime", "show a realtime reading"),
            (DashboardScreen, "budget_changed", "budget line"),
            (DashboardScreen, "health_changed", "feed marks"),
            (client, "decode_answer", "decode answers (msgspec)"),
        ]

    def start(self) -> None:
        for owner, name, label in self._targets:
            original = getattr(owner, name)
            setattr(owner, name, self._timed(original, label))
            self._undo.append(lambda o=owner, n=name, f=original: setattr(o, n, f))

    def stop(self) -> None:
        for undo in self._undo:
            undo()

    def _timed(self, original: Any, label: str) -> Any:
        def run(*args: Any, **kwargs: Any) -> Any:
            if self._inside:
                return original(*args, **kwargs)
            self._inside += 1
            started = time.thread_time()
            try:
                return original(*args, **kwargs)
            finally:
                entry = self.spent.setdefault(label, [0.0, 0])
                entry[0] += time.thread_time() - started
                entry[1] += 1
                self._inside -= 1

        return run


async def run_switch(app: App) -> None:
    await until(lambda: everything_shown(app))
    frames = Frames(app)
    skip = int(os.environ.get("BENCH_PROFILE_SKIP", "0"))  # switches left out of a profile
    for switch in itertools.count():
        await quiet(app)
        before = Snapshot.take(app)
        shown_panes = frames.first_showing(partial(before.panes_refreshed, app))
        shown_all = frames.first_showing(
            lambda before=before: before.panes_refreshed(app) and before.realtime_refreshed(app)
        )
        if switch >= skip:
            PROFILE.start()
        TIMELINE.take()
        report("READY")
        try:
            t_panes = await asyncio.wait_for(shown_panes, 20)
            t_all = await asyncio.wait_for(shown_all, 20)
        except TimeoutError:
            held = before.panes_refreshed(app), before.realtime_refreshed(app)
            message = f"switch {switch}: no frame in 20 s (panes, realtime: {held})"
            raise RuntimeError(message) from None
        await quiet(app)
        t_settled = await frames.settled(app)
        timeline = TIMELINE.take()
        done = {"panes": t_panes, "all": t_all, "settled": max(t_settled, t_all)}
        report("DONE", {**done, "timeline": timeline})


def breakdown_rows(n: int, salt: int) -> list[BreakdownRow]:
    """``n`` distinct page paths with falling counts (``salt`` makes each set different)."""
    total = n * (n + 1) // 2
    return [
        BreakdownRow(f"/blog/{salt}/post-{i:05d}", n - i, (n - i) / total * 100) for i in range(n)
    ]


def chart_points(n: int, salt: int) -> list[TimeseriesPoint]:
    """``n`` daily points ending today."""
    start = date.today() - timedelta(days=n - 1)
    return [
        TimeseriesPoint(
            start + timedelta(days=i), 1000 + (i * 37 + salt) % 500, 400 + i % 90, 600 + i % 120
        )
        for i in range(n)
    ]


class Frames:
    """Notes when the app writes a frame to the terminal, and which frame first shows a state."""

    def __init__(self, app: App) -> None:
        self.last = 0.0
        self._watches: list[tuple[Callable[[], bool], asyncio.Future[float]]] = []
        write = app._display

        def display(screen: Any, renderable: Any) -> None:
            write(screen, renderable)
            if renderable is None or app._batch_count:
                return  # Textual wrote nothing (no update, or inside a batch)
            self.last = now = time.perf_counter()
            # Rendering and writing run in one synchronous step: what holds now, with no
            # widget still waiting for its repaint, is what this frame shows.
            if TIMELINE_ON and self._watches:
                mark(f"  (a frame of {type(screen).__name__}: {frame_state(app, screen)})")
            if not self._watches or paint_pending(screen):
                return
            for watch in list(self._watches):
                condition, found = watch
                if found.done() or _holds(condition):
                    self._watches.remove(watch)
                    if not found.done():
                        found.set_result(now)

        app._display = display  # type: ignore[method-assign]

    def first_showing(self, condition: Callable[[], bool]) -> asyncio.Future[float]:
        """The time of the first frame written from now on while ``condition()`` holds."""
        found: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self._watches.append((condition, found))
        return found

    async def settled(self, app: App, calm: float = 0.05) -> float:
        """The time of the last frame, once painted and no frame came for ``calm`` seconds.

        A change can cause work after its first paint (a DataTable measures every cell of its
        new rows when idle, then lays out and paints again); that belongs to the change, not
        to the next one timed.
        """
        await painted(app)
        deadline = time.perf_counter() + 10.0
        while True:
            seen = self.last
            await asyncio.sleep(calm)
            tables = app.screen.query(DataTable)
            pending = any(getattr(t, "_require_update_dimensions", False) for t in tables)
            if self.last == seen and not pending:
                return seen
            if time.perf_counter() > deadline:
                raise RuntimeError(f"no quiet screen within 10 s (tables pending: {pending})")


def paint_pending(screen: Any) -> bool:
    """Whether a change made before this frame is not in it yet.

    A widget's ``refresh()`` only sets a flag; the widget turns it into an update message to
    the screen when it is next idle, and the screen paints it at its next tick. A frame
    written in between (for another widget) does not show the change.
    """
    if any(w._repaint_required or w._layout_required for w in screen.walk_children()):
        return True
    queued = getattr(screen._message_queue, "_queue", ())
    return any(isinstance(m, (messages.Update, messages.Layout)) for m in queued)


def frame_state(app: App, screen: Any) -> str:
    """For the timeline: the widgets still waiting for a repaint or layout, and the panes
    without data, when a frame is written."""
    pending = [
        type(w).__name__
        for w in screen.walk_children()
        if w._repaint_required or w._layout_required
    ]
    queued = getattr(screen._message_queue, "_queue", ())
    pending += [
        type(m).__name__ for m in queued if isinstance(m, (messages.Update, messages.Layout))
    ]
    try:
        totals, chart, breakdown, events, realtime = panes(app)
        missing = [
            name
            for name, shown in (
                ("totals", totals.totals and totals.previous),
                ("chart", chart.points),
                ("breakdown", breakdown.breakdown),
                ("events", events.events),
                ("realtime", realtime.readings),
            )
            if not shown
        ]
    except Exception:
        missing = ["(no dashboard yet)"]
    return f"pending {sorted(set(pending)) or 'none'}, without data {missing or 'none'}"


def _holds(condition: Callable[[], bool]) -> bool:
    try:
        return condition()
    except Exception:
        return False


async def run_render(app: App, reps: int) -> None:
    await until(lambda: everything_shown(app))
    await quiet(app, 0.3)
    frames = Frames(app)
    _, chart, breakdown, _, _ = panes(app)
    results: dict[str, list[float]] = {"breakdown": [], "chart": []}
    await frames.settled(app)
    PROFILE.start()
    for rep in range(reps):
        rows = {"path": breakdown_rows(10_000, rep)}
        await quiet(app)
        started = time.perf_counter()
        breakdown.show(rows)
        results["breakdown"].append(await frames.settled(app) - started)
        points = chart_points(365, rep)
        await quiet(app)
        started = time.perf_counter()
        chart.show(points, "pageviews")
        results["chart"].append(await frames.settled(app) - started)
    # Floors: what Textual itself costs to put this screen on the terminal again.
    results["composite"], results["rerender"] = [], []
    for _ in range(reps):
        await quiet(app)
        started = time.perf_counter()
        app.screen.refresh()  # every cell composed and written; widgets' lines cached
        results["composite"].append(await frames.settled(app) - started)
        await quiet(app)
        started = time.perf_counter()
        for widget in app.screen.query("*"):
            widget.refresh()  # every widget renders its lines again, then all is composed
        results["rerender"].append(await frames.settled(app) - started)
    PROFILE.stop()
    report("RESULT", results)
    app.exit()


def watch(flow: Callable[[App], Any]) -> None:
    """Run ``flow(app)`` as an extra worker of the dashboard app, once it is mounted."""
    original = App.on_mount

    def on_mount(self: App) -> None:
        original(self)
        self.run_worker(flow(self), group="bench", exit_on_error=True)

    App.on_mount = on_mount  # type: ignore[method-assign]


FLOWS: dict[str, Callable[[App, list[str]], Any]] = {
    "launch": lambda app, rest: run_launch(app),
    "idle": lambda app, rest: run_idle(app, float(rest[0])),
    "switch": lambda app, rest: run_switch(app),
    "render": lambda app, rest: run_render(app, int(rest[0])),
}

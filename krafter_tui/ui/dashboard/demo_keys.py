"""The demo's own key: ``T`` shapes the in-process demo's live traffic (normal → spike →
drop → quiet), so an alert can be watched happening. Only with ``--demo``: elsewhere the key
is off, and out of the footer."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from krafter_tui.ui.dashboard.selection import SelectionScreen

__all__ = ["DemoKeys", "DemoTraffic"]


@runtime_checkable
class DemoTraffic(Protocol):
    """What the demo server offers for its traffic (``krafter_tui.demo.DemoApp``; the UI
    does not import the demo: it finds it behind the app's in-process transport)."""

    def cycle_traffic(self) -> str:
        """Move to the next shape; the new one in words."""
        ...


class DemoKeys(SelectionScreen):
    """The traffic key of the ``--demo`` dashboard."""

    def demo_traffic(self) -> DemoTraffic | None:
        """The in-process demo's traffic knob (None: not the ``--demo`` dashboard)."""
        options = getattr(self.app, "options", None)
        if not getattr(options, "demo", False):
            return None
        demo = getattr(getattr(self.app, "transport", None), "app", None)
        return demo if isinstance(demo, DemoTraffic) else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The traffic key only in the demo; every other key as the other parts say."""
        if action == "cycle_traffic" and self.demo_traffic() is None:
            return False
        return super().check_action(action, parameters)

    def action_cycle_traffic(self) -> None:
        """Give the demo's sites the next shape of traffic, and say which."""
        traffic = self.demo_traffic()
        if traffic is None:
            return
        self.app.notify(
            f"Traffic now {traffic.cycle_traffic()}, from the next minute.",
            title="Demo traffic",
            timeout=8,
            markup=False,
        )

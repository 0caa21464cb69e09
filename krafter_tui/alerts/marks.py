"""The alert marks: the one book of which sites have an alert now, and its mark."""

from __future__ import annotations

__all__ = ["AlertMarks"]


class AlertMarks:
    """Each site with an alert now and its mark (``▲ spike``), by site id (its UUID).

    The dashboard's alerts set and clear marks (:class:`~krafter_tui.ui.alert_desk.AlertDesk`);
    the All sites rows and the highlighted row's details ask for them. The overview's feed
    keeps the book, so marks stay while that screen is shut.
    """

    def __init__(self) -> None:
        self._marks: dict[str, str] = {}

    def set(self, site_id: str, mark: str | None) -> None:
        """Mark ``site_id`` with ``mark`` (None: it has no alert now)."""
        if mark is None:
            self._marks.pop(site_id, None)
        else:
            self._marks[site_id] = mark

    def get(self, site_id: str) -> str | None:
        """``site_id``'s mark, or None."""
        return self._marks.get(site_id)

    def __contains__(self, site_id: object) -> bool:
        return site_id in self._marks

    def as_dict(self) -> dict[str, str]:
        """Every mark now, by site id (a copy)."""
        return dict(self._marks)

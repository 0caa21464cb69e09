"""The alert marks have one owner, an :class:`AlertMarks` book: the dashboard's alerts set
them, the All sites feed keeps the book, and its table and details ask it."""

from __future__ import annotations

from krafter_tui.alerts.marks import AlertMarks


def test_a_mark_is_set_asked_for_and_cleared() -> None:
    marks = AlertMarks()
    marks.set("id-1", "▲ spike")
    marks.set("id-2", "▼ drop")
    marks.set("id-2", None)
    marks.set("id-3", None)  # clearing a site without a mark is no error
    assert "id-1" in marks and "id-2" not in marks
    assert marks.get("id-1") == "▲ spike" and marks.get("id-2") is None
    copy = marks.as_dict()
    copy.clear()  # a copy: the book is changed through its own methods only
    assert marks.as_dict() == {"id-1": "▲ spike"}

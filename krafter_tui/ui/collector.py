"""The launch's objects set aside from Python's full garbage collections while the app runs.

A full collection (the oldest generation) walks every object the collector tracks: after the
launch, about 120,000 of them (modules, classes, the stylesheets, the widgets), nearly all
alive until the app ends. On the development machine one such walk took ~95 ms, about a third
of the dashboard's main-thread CPU in a minute left running (docs/performance.md), for
nothing: the paints' short-lived objects are freed long before it.

:func:`set_launch_aside` moves the objects alive at the first frame into the collector's
permanent generation (:func:`gc.freeze`), which collections skip; whatever is made later is
collected as before. :func:`release` gives them back (:func:`gc.unfreeze`) when the app ends,
so nothing set aside outlives the app (the tests run many apps in one process). Objects set
aside are still freed as soon as nothing refers to them; only a reference cycle among them
(a screen of the launch closed for good) waits for :func:`release`.
"""

from __future__ import annotations

import gc

__all__ = ["release", "set_launch_aside"]


def set_launch_aside() -> int:
    """Set the objects alive now aside from collections; returns how many are set aside."""
    gc.freeze()
    return gc.get_freeze_count()


def release() -> None:
    """Give the objects set aside back to the collector (the app is ending)."""
    gc.unfreeze()

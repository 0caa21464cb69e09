"""The polling core stays in pieces a reader can hold: no module of feeds/ over 400 lines, no
class over 250, no function over 60 (issue 26). The poller is joined from parts by subject."""

from __future__ import annotations

import ast
from pathlib import Path

import krafter_tui.feeds

FEEDS = Path(krafter_tui.feeds.__file__).parent
LIMITS = {"module": 400, "class": 250, "function": 60}


def too_large(source: str, name: str) -> list[str]:
    """What in ``source`` is over its limit, as ``kind name: lines``."""
    found = []
    lines = len(source.splitlines())
    if lines > LIMITS["module"]:
        found.append(f"module {name}: {lines}")
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            kind = "class" if isinstance(node, ast.ClassDef) else "function"
            assert node.end_lineno is not None
            length = node.end_lineno - node.lineno + 1
            if length > LIMITS[kind]:
                found.append(f"{kind} {name}:{node.name}: {length}")
    return found


def test_no_module_class_or_function_of_the_polling_core_is_too_large() -> None:
    found = [
        problem
        for path in sorted(FEEDS.glob("*.py"))
        for problem in too_large(path.read_text(encoding="utf-8"), path.name)
    ]
    assert not found, found


def test_the_poller_keeps_its_public_api_across_its_parts() -> None:
    from krafter_tui.feeds.poller import Poller

    for name in (
        "start",
        "stop",
        "load_sites",
        "sites_armed",
        "set_compare",
        "compared",
        "check_period",
        "cached_feeds",
        "forget",
        "wake",
        "poll_now",
        "api_period",
        "report",
        "is_current",
    ):
        assert callable(getattr(Poller, name)), name

"""Print a pip constraints file that pins every dependency of pyproject.toml to its floor.

``pip install -c <(python3 .ci/floors.py) '.[test]'`` installs the lowest versions the project
claims to support, so CI sees the day a floor stops being true (the floors live only in
pyproject.toml; this reads them from there).
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path
from typing import Any

FLOOR = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?\s*(.*)$")


def _extra(project: dict[str, Any], extra: str, seen: set[str]) -> list[str]:
    """The requirements of ``extra``, with the extras it names of this project itself
    (``krafter-tui[web,redis]``) spelled out."""
    if extra in seen:
        return []
    seen.add(extra)
    requirements = []
    for requirement in project.get("optional-dependencies", {}).get(extra, []):
        match = FLOOR.match(requirement)
        if match is not None and match.group(1) == project["name"]:
            for inner in (match.group(2) or "[]").strip("[]").split(","):
                requirements += _extra(project, inner.strip(), seen)
        else:
            requirements.append(requirement)
    return requirements


def floors(pyproject: Path) -> list[str]:
    """``name==lowest`` for each requirement with a ``>=`` bound (project and test extras,
    and the extras the test extras name)."""
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    requirements = list(project["dependencies"]) + _extra(project, "test", set())
    pins = []
    for requirement in requirements:
        match = FLOOR.match(requirement)
        if match is None:
            raise SystemExit(f"cannot read the requirement {requirement!r}")
        name, _, spec = match.groups()
        lowest = re.search(r">=\s*([0-9][^,;\s]*)", spec)
        if lowest is None:
            raise SystemExit(f"{requirement!r} has no floor (>=): give it one")
        pins.append(f"{name}=={lowest.group(1)}")
    return pins


if __name__ == "__main__":
    root = Path(__file__).resolve().parent.parent
    sys.stdout.write("".join(pin + "\n" for pin in floors(root / "pyproject.toml")))

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

FLOOR = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?\s*(.*)$")


def floors(pyproject: Path) -> list[str]:
    """``name==lowest`` for each requirement with a ``>=`` bound (project and test extras)."""
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    requirements = list(project["dependencies"])
    requirements += project.get("optional-dependencies", {}).get("test", [])
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

"""The package's layering, read from its source with ``ast`` (nothing of it is imported here):

- no import cycle between modules of ``krafter_tui``, counting every import: at module level,
  inside functions, and under ``if TYPE_CHECKING:`` (a type-only import is still a dependency
  of the design, and such a cycle comes back at run time as soon as the type is used);
- the core (``api``, ``feeds``, ``overview``, ``alerts``, ``export``, ``credentials``,
  ``local``, ``record``, ``text``, and any package under them) imports neither the terminal
  libraries (textual, rich, textual-plotext, plotext) nor the UI (``ui``, ``app``), directly or
  through any other module of ours. (``config`` is not core: it checks a theme's name against
  Textual's list of themes.)

A separate check imports the core in a fresh interpreter and reads ``sys.modules``, so that
what the source says and what Python does cannot drift apart.

The tests mirror the package: every folder under ``tests/`` is named for a package of
``krafter_tui`` (``tests/api/shared`` for ``krafter_tui/api/shared``), but ``support`` (the
helpers the tests share) and ``__snapshots__``; at the root of ``tests/`` only ``conftest.py``,
this file and ``test_docs.py`` (the docs are no package's room).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "krafter_tui"
CORE = tuple(
    f"krafter_tui.{room}"
    for room in (
        "api",
        "feeds",
        "overview",
        "alerts",
        "export",
        "credentials",
        "local",
        "record",
        "text",
    )
)
TERMINAL_LIBRARIES = ("textual", "rich", "textual_plotext", "plotext")
TESTS = ROOT / "tests"
#: Folders of tests/ that are no package's room: the helpers the tests share, the SVGs.
NOT_ROOMS = ("support", "__snapshots__")
#: The only files at the root of tests/.
AT_THE_ROOT = ("conftest.py", "test_layering.py", "test_docs.py")
UI = ("krafter_tui.ui", "krafter_tui.app")


@dataclass(frozen=True)
class Import:
    """One import statement's target, as the module ``importer`` wrote it at ``line``."""

    importer: str
    target: str
    line: int
    type_checking: bool

    def where(self) -> str:
        """``module:line``, and whether the import is for type checkers only."""
        return f"{self.importer}:{self.line}" + (" (TYPE_CHECKING)" if self.type_checking else "")


def modules(root: Path = ROOT, package: str = PACKAGE) -> dict[str, Path]:
    """Every module of ``package`` under ``root``: dotted name to file."""
    found = {}
    for path in sorted((root / package).rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


class _Imports(ast.NodeVisitor):
    """Collects every import of one module, wherever it stands."""

    def __init__(self, name: str, is_package: bool, known: Iterable[str]) -> None:
        self.name = name
        self.package = name if is_package else name.rpartition(".")[0]
        self.known = set(known)
        self.type_checking = 0
        self.found: list[Import] = []

    def _add(self, target: str, node: ast.stmt) -> None:
        self.found.append(Import(self.name, target, node.lineno, self.type_checking > 0))

    def visit_If(self, node: ast.If) -> None:
        if _is_type_checking(node.test):
            self.type_checking += 1
            for child in node.body:
                self.visit(child)
            self.type_checking -= 1
            for child in node.orelse:
                self.visit(child)
        else:
            self.generic_visit(node)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._add(alias.name, node)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.level:
            base = self.package.split(".")
            base = base[: len(base) - node.level + 1]
            module = ".".join(base + ([node.module] if node.module else []))
        else:
            module = node.module or ""
        for alias in node.names:
            # ``from package import submodule`` imports the submodule; a name imports ``module``.
            submodule = f"{module}.{alias.name}"
            self._add(submodule if submodule in self.known else module, node)


def imports(root: Path = ROOT, package: str = PACKAGE) -> list[Import]:
    """Every import in every module of ``package``."""
    known = modules(root, package)
    found: list[Import] = []
    for name, path in known.items():
        visitor = _Imports(name, path.name == "__init__.py", known)
        visitor.visit(ast.parse(path.read_text(encoding="utf-8"), str(path)))
        found += visitor.found
    return found


def internal(target: str, known: Iterable[str]) -> str | None:
    """The module of ours that importing ``target`` names (its longest known prefix)."""
    names = set(known)
    parts = target.split(".")
    for end in range(len(parts), 0, -1):
        candidate = ".".join(parts[:end])
        if candidate in names:
            return candidate
    return None


def graph(found: list[Import], known: Iterable[str]) -> dict[str, dict[str, Import]]:
    """Module to the modules of ours it imports, each with the first import that does."""
    names = set(known)
    edges: dict[str, dict[str, Import]] = {name: {} for name in names}
    for item in found:
        target = internal(item.target, names)
        if target is not None and target != item.importer:
            edges[item.importer].setdefault(target, item)
    return edges


def strongly_connected(edges: dict[str, dict[str, Import]]) -> list[list[str]]:
    """The groups of modules that reach each other (Tarjan), only those of two or more."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(edges[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return groups


def shortest_path(
    edges: dict[str, dict[str, Import]], start: str, goal: str, within: set[str] | None = None
) -> list[Import] | None:
    """The imports of a shortest chain from ``start`` to ``goal`` (breadth first)."""
    came: dict[str, Import | None] = {start: None}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for target, item in sorted(edges[node].items()):
            if within is not None and target not in within:
                continue
            if target == goal:
                chain = [item]
                while (back := came[node]) is not None:
                    chain.append(back)
                    node = back.importer
                return chain[::-1]
            if target not in came:
                came[target] = item
                queue.append(target)
    return None


def describe(chain: list[Import]) -> str:
    """``a -> b -> c``, then where each import is."""
    names = " -> ".join([chain[0].importer, *(item.target for item in chain)])
    lines = [
        f"    {item.where()}: import {item.target}"
        if item.line
        else f"    {item.importer} is in {item.target}, whose __init__ runs first"
        for item in chain
    ]
    return names + "\n" + "\n".join(lines)


def cycles(root: Path = ROOT, package: str = PACKAGE) -> list[str]:
    """One shortest cycle through each group of modules that import each other."""
    known = modules(root, package)
    edges = graph(imports(root, package), known)
    found = []
    for group in strongly_connected(edges):
        members = set(group)
        chain = shortest_path(edges, group[0], group[0], within=members)
        assert chain is not None
        within = [
            f"    {item.where()}: import {item.target}"
            for name in group
            for target, item in sorted(edges[name].items())
            if target in members
        ]
        found.append(
            f"{', '.join(group)} import each other, e.g. {describe(chain)}\n"
            "  every import among them:\n" + "\n".join(within)
        )
    return found


def _under(name: str, prefixes: Iterable[str]) -> bool:
    return any(name == prefix or name.startswith(prefix + ".") for prefix in prefixes)


def _ancestors(name: str) -> Iterator[str]:
    parts = name.split(".")
    for end in range(1, len(parts)):
        yield ".".join(parts[:end])


def forbidden_imports(
    root: Path = ROOT,
    package: str = PACKAGE,
    core: Iterable[str] = CORE,
    libraries: Iterable[str] = TERMINAL_LIBRARIES,
    ui: Iterable[str] = UI,
) -> list[str]:
    """Each import by which a core module reaches a terminal library or the UI, with the chain
    of our modules that leads there (importing a module runs its packages' ``__init__`` too)."""
    known = modules(root, package)
    found_imports = imports(root, package)
    edges = graph(found_imports, known)
    # Importing a.b.c runs a/__init__ and a/b/__init__ first: they are on the way too.
    for name in known:
        for parent in _ancestors(name):
            if parent in known:
                edges[name].setdefault(parent, Import(name, parent, 0, False))
    libraries, ui = tuple(libraries), tuple(ui)
    bad_by_module: dict[str, list[Import]] = {}
    for item in found_imports:
        target = internal(item.target, known) or item.target
        if _under(item.target.split(".")[0], libraries) or _under(target, ui):
            bad_by_module.setdefault(item.importer, []).append(item)
    problems = []
    for start in sorted(name for name in known if _under(name, core)):
        for culprit in sorted(bad_by_module):
            if culprit == start:
                chain: list[Import] | None = []
            else:
                chain = shortest_path(edges, start, culprit)
            if chain is None:
                continue
            for bad in bad_by_module[culprit]:
                problems.append(f"{start} reaches {bad.target}: {describe([*chain, bad])}")
    return problems


def test_no_module_of_the_package_is_in_an_import_cycle() -> None:
    found = cycles()
    assert not found, "import cycles in krafter_tui:\n" + "\n".join(found)


def test_the_core_imports_no_terminal_library_and_no_ui() -> None:
    found = forbidden_imports()
    assert not found, "the core must stay free of Textual and the UI:\n" + "\n".join(found[:10])


def test_the_core_loads_no_terminal_library_when_imported() -> None:
    """What Python really loads: the core imported in a fresh interpreter adds no terminal
    library and no UI module to what httpx (whose CLI imports rich) loads by itself."""
    present = [name for name in CORE if name in modules()]
    watched = (*TERMINAL_LIBRARIES, *UI)
    listing = (
        "print(','.join(sorted(m for m in sys.modules if any(m == w or m.startswith(w + '.')"
        f" for w in {watched!r}))))"
    )
    code = f"import sys, httpx\n{listing}\nimport {', '.join(present)}\n{listing}\n"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    before, after = result.stdout.splitlines()
    added = set(after.split(",")) - set(before.split(","))
    assert not added, f"importing {', '.join(present)} loaded {len(added)} modules: " + ", ".join(
        sorted(added)[:12]
    )


def misplaced_tests(tests: Path = TESTS, package: Path = ROOT / PACKAGE) -> list[str]:
    """Folders under ``tests`` named for no package under ``package`` (``support`` and
    ``__snapshots__`` and what they hold left out), and files at the root of ``tests`` other
    than :data:`AT_THE_ROOT`."""
    problems = [
        f"tests/{path.name} sits at the root of tests/ (only {', '.join(AT_THE_ROOT)} may)"
        for path in sorted(tests.iterdir())
        if path.is_file() and path.name not in AT_THE_ROOT and not path.name.startswith(".")
    ]
    for folder in sorted(tests.rglob("*")):
        relative = folder.relative_to(tests)
        skipped = any(part in NOT_ROOMS or part.startswith((".", "__")) for part in relative.parts)
        if not folder.is_dir() or skipped:
            continue
        if not (package / relative / "__init__.py").is_file():
            problems.append(f"tests/{relative.as_posix()} names no package of {package.name}")
    return problems


def test_the_tests_mirror_the_packages() -> None:
    found = misplaced_tests()
    assert not found, "every test lives in the room of what it tests:\n" + "\n".join(found)


# The checks above, on small packages written for the purpose: each rule catches what it is
# there to catch (a rule that cannot fail would pass on anything).


def write_package(root: Path, files: dict[str, str]) -> None:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_a_cycle_through_a_type_checking_import_is_found_and_named(tmp_path: Path) -> None:
    write_package(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/loader.py": (
                "from typing import TYPE_CHECKING\n"
                "if TYPE_CHECKING:\n"
                "    from pkg.screens.dashboard import Screen\n"
            ),
            "pkg/screens/__init__.py": "from .dashboard import Screen\n",
            "pkg/screens/dashboard.py": "from .feed_view import View\n",
            "pkg/screens/feed_view.py": "from pkg import loader\n",
            "pkg/fine.py": "import pkg.loader\nfrom pkg.screens import Screen\n",
        },
    )
    [found] = cycles(tmp_path, "pkg")
    assert found.startswith("pkg.loader, pkg.screens.dashboard, pkg.screens.feed_view import")
    assert "pkg.loader -> pkg.screens.dashboard -> pkg.screens.feed_view -> pkg.loader" in found
    assert "pkg.loader:3 (TYPE_CHECKING): import pkg.screens.dashboard" in found
    assert "pkg.screens.feed_view:1: import pkg.loader" in found


def test_an_import_inside_a_function_closes_a_cycle_too(tmp_path: Path) -> None:
    write_package(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/a.py": "import pkg.b\n",
            "pkg/b.py": "def later():\n    from pkg.a import thing\n",
        },
    )
    [found] = cycles(tmp_path, "pkg")
    assert "pkg.a -> pkg.b -> pkg.a" in found and "pkg.b:2: import pkg.a" in found, found


def test_a_core_module_reaching_textual_through_another_module_is_named(tmp_path: Path) -> None:
    write_package(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/feeds/__init__.py": "from pkg.feeds.poller import Poller\n",
            "pkg/feeds/poller.py": "from pkg import helpers\n",
            "pkg/helpers.py": "from textual.timer import Timer\n",
            "pkg/format.py": "from pkg.widgets import Pane\n",
            "pkg/widgets/__init__.py": "import rich\n",
            "pkg/api.py": "import httpx\n",
        },
    )
    found = forbidden_imports(
        tmp_path, "pkg", core=("pkg.api", "pkg.feeds", "pkg.format"), ui=("pkg.widgets",)
    )
    assert any(
        problem.startswith(
            "pkg.feeds.poller reaches textual.timer: pkg.feeds.poller -> "
            "pkg.helpers -> textual.timer"
        )
        for problem in found
    ), found
    assert any(
        p.startswith("pkg.format reaches pkg.widgets: pkg.format -> pkg.widgets") for p in found
    ), found
    assert not any(p.startswith("pkg.api ") for p in found), found


def test_a_core_package_inherits_what_its_init_imports(tmp_path: Path) -> None:
    write_package(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/feeds/__init__.py": "import plotext\n",
            "pkg/feeds/cache.py": "import json\n",
        },
    )
    found = forbidden_imports(tmp_path, "pkg", core=("pkg.feeds",), ui=())
    assert any(p.startswith("pkg.feeds.cache reaches plotext") for p in found), found


def test_a_test_folder_named_for_no_package_and_a_loose_test_file_are_named(
    tmp_path: Path,
) -> None:
    package, tests = tmp_path / "pkg", tmp_path / "tests"
    write_package(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/api/__init__.py": "",
            "pkg/api/shared/__init__.py": "",
            "tests/conftest.py": "",
            "tests/test_layering.py": "",
            "tests/api/shared/test_wall.py": "",
            "tests/support/helpers.py": "",
            "tests/ui/__snapshots__/test_snapshots/a.svg": "",
        },
    )
    assert misplaced_tests(tests, package) == ["tests/ui names no package of pkg"]
    write_package(tmp_path, {"pkg/ui/__init__.py": "", "tests/polling/test_x.py": ""})
    write_package(tmp_path, {"tests/test_loose.py": "", "tests/api/cache/test_y.py": ""})
    assert misplaced_tests(tests, package) == [
        "tests/test_loose.py sits at the root of tests/ (only conftest.py, test_layering.py, "
        "test_docs.py may)",
        "tests/api/cache names no package of pkg",
        "tests/polling names no package of pkg",
    ]


# The rooms: krafter_tui/ holds its face and packages only, each package says what it holds,
# no two modules share a name, and docs/architecture.md names every room and what it may import.

ARCHITECTURE = ROOT / "docs" / "architecture.md"
FACE = {"__init__.py", "__main__.py", "app.py", "py.typed"}


def rooms(root: Path = ROOT, package: str = PACKAGE) -> list[str]:
    """The top-level packages of ``package``: its rooms."""
    return sorted(
        path.name
        for path in (root / package).iterdir()
        if path.is_dir() and (path / "__init__.py").is_file()
    )


def documented(text: str) -> dict[str, set[str]]:
    """Each room the architecture page gives a heading, with the rooms it says it may import.

    A room is a heading ``### `krafter_tui/NAME/```; the paragraph after it that starts with
    ``May import:`` lists rooms in backticks, up to a ``(`` or a blank line (none: ``nothing of
    ours``)."""
    found: dict[str, set[str]] = {}
    room: str | None = None
    paragraph: list[str] | None = None
    for line in [*text.splitlines(), ""]:
        if paragraph is not None and room is not None and (not line.strip() or line[0] in "#("):
            found[room] = set(" ".join(paragraph).split("(", 1)[0].split("`")[1::2])
            paragraph = None
        if line.startswith("### `krafter_tui/") and line.rstrip().endswith("/`"):
            room = line.split("`krafter_tui/", 1)[1].rstrip().rstrip("`").rstrip("/")
            found[room] = set()
        elif room is not None and line.startswith("May import:"):
            paragraph = [line]
        elif paragraph is not None:
            paragraph.append(line)
    return found


def room_imports(root: Path = ROOT, package: str = PACKAGE) -> dict[str, dict[str, Import]]:
    """Room to the other rooms it imports, each with the first import that does."""
    known = modules(root, package)
    edges: dict[str, dict[str, Import]] = {}
    for item in imports(root, package):
        target = internal(item.target, known)
        source_parts, target_parts = item.importer.split("."), (target or "").split(".")
        if target is None or len(source_parts) < 2 or len(target_parts) < 2:
            continue
        source, goal = source_parts[1], target_parts[1]
        if (
            source != goal
            and (root / package / source).is_dir()
            and (root / package / goal).is_dir()
        ):
            edges.setdefault(source, {}).setdefault(goal, item)
    return edges


def test_the_package_holds_its_face_and_rooms_only() -> None:
    loose = sorted(
        path.name
        for path in (ROOT / PACKAGE).iterdir()
        if path.name not in FACE and path.name != "__pycache__" and not path.is_dir()
    )
    assert not loose, (
        f"modules loose in krafter_tui/ (put each in the room of its subject): {loose}"
    )


def test_every_package_says_what_it_holds() -> None:
    silent = [
        str(path.relative_to(ROOT))
        for path in sorted((ROOT / PACKAGE).rglob("__init__.py"))
        if not ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert not silent, f"packages without a docstring saying what they hold: {silent}"


def test_no_two_modules_share_a_name() -> None:
    seen: dict[str, list[str]] = {}
    for path in sorted((ROOT / PACKAGE).rglob("*.py")):
        if path.name != "__init__.py":
            seen.setdefault(path.stem, []).append(str(path.relative_to(ROOT)))
    shared = {name: paths for name, paths in seen.items() if len(paths) > 1}
    assert not shared, f"one name, several modules (name each for what it holds): {shared}"


def test_the_architecture_page_names_every_room_and_only_rooms() -> None:
    named = documented(ARCHITECTURE.read_text(encoding="utf-8"))
    assert sorted(named) == rooms(), (
        f"docs/architecture.md names {sorted(set(named) - set(rooms()))} that do not exist and "
        f"misses {sorted(set(rooms()) - set(named))}"
    )
    text = ARCHITECTURE.read_text(encoding="utf-8")
    for path in sorted((ROOT / PACKAGE).rglob("__init__.py")):
        parts = path.parent.relative_to(ROOT / PACKAGE).parts
        if len(parts) > 1:
            assert f"`{'/'.join(parts)}/`" in text, f"docs/architecture.md never names {parts}"


def test_no_room_imports_one_the_architecture_page_does_not_allow() -> None:
    allowed = documented(ARCHITECTURE.read_text(encoding="utf-8"))
    wrong = [
        f"{room} imports {goal} ({item.where()}); the page allows {sorted(allowed[room])}"
        for room, goals in sorted(room_imports().items())
        for goal, item in sorted(goals.items())
        if room in allowed and goal not in allowed[room]
    ]
    assert not wrong, "\n".join(wrong)


def test_the_rooms_import_each_other_in_one_direction() -> None:
    edges = {
        room: {goal: item for goal, item in goals.items()} for room, goals in room_imports().items()
    }
    for room in rooms():
        edges.setdefault(room, {})
    assert not strongly_connected(edges), strongly_connected(edges)


def test_a_room_missing_from_the_page_or_an_import_it_does_not_allow_is_named(
    tmp_path: Path,
) -> None:
    (tmp_path / "pkg" / "low").mkdir(parents=True)
    (tmp_path / "pkg" / "high").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text('"""pkg"""\n')
    (tmp_path / "pkg" / "low" / "__init__.py").write_text('"""low"""\nimport pkg.high.top\n')
    (tmp_path / "pkg" / "high" / "__init__.py").write_text('"""high"""\n')
    (tmp_path / "pkg" / "high" / "top.py").write_text("import pkg.low\n")
    page = "### `krafter_tui/low/`\nLow.\nMay import: nothing of ours.\n\n### `krafter_tui/high/`\n"
    page += "High.\nMay import: `low`,\n`other`.\n"
    allowed = documented(page)
    assert allowed == {"low": set(), "high": {"low", "other"}}
    edges = room_imports(tmp_path, "pkg")
    assert set(edges["low"]) == {"high"} and "high" not in allowed["low"]
    assert strongly_connected({k: dict(v) for k, v in edges.items()}) == [["high", "low"]]


# Sizes a reader can hold: no module over 400 lines, no class over 250, no function over 60.

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


def test_no_module_class_or_function_is_too_large_to_hold() -> None:
    found = [
        problem
        for path in sorted((ROOT / PACKAGE).rglob("*.py"))
        for problem in too_large(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    ]
    assert not found, found


def test_a_long_function_and_a_long_module_are_named() -> None:
    body = "\n".join(f"    x = {i}" for i in range(61))
    source = f"def long():\n{body}\n" + "\n" * 400
    assert too_large(source, "m.py") == ["module m.py: 462", "function m.py:long: 62"]

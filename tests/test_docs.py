"""The user docs keep their promises: a short README whose Quick start names only commands that
exist, links that lead somewhere, generated pages in step with the code, and no path of the
machine they were written on.
"""

from __future__ import annotations

import importlib.util
import re
import shlex
import tomllib
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from krafter_tui.cli.parser import build_parser

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
DOCS = ROOT / "docs"
PAGES = [README, ROOT / "CHANGELOG.md", *sorted(DOCS.glob("*.md"))]
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)\)")


def generator() -> ModuleType:
    """docs/generate.py, imported from its file (docs/ is not a package)."""
    spec = importlib.util.spec_from_file_location("docs_generate", DOCS / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def sh_blocks(text: str) -> list[list[str]]:
    """Each ```sh block of a page, as its lines."""
    return [block.splitlines() for block in re.findall(r"```sh\n(.*?)```", text, re.S)]


def slug(heading: str) -> str:
    """A heading's anchor as GitHub makes it."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def anchors(page: Path) -> set[str]:
    """The anchors of a page's headings."""
    text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.S)
    return {slug(h) for h in re.findall(r"^#+ (.+)$", text, re.M)}


def links() -> Iterator[tuple[Path, str]]:
    """(page, target) for every link of every page that is not to a web address."""
    for page in PAGES:
        text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.S)
        for target in LINK.findall(text):
            if not re.match(r"[a-z]+:", target):
                yield page, target


def test_readme_is_at_most_8_kb() -> None:
    size = len(README.read_bytes())
    assert size <= 8192, f"README.md is {size} bytes: move the manual into docs/"


def test_every_link_in_the_docs_leads_somewhere() -> None:
    broken = []
    for page, target in links():
        path, _, anchor = target.partition("#")
        file = (page.parent / path).resolve() if path else page
        if not file.exists():
            broken.append(f"{page.name}: {target} (no such file)")
        elif anchor and file.suffix == ".md" and anchor not in anchors(file):
            broken.append(f"{page.name}: {target} (no such heading)")
    assert not broken, broken
    # The README leads to every page of the manual.
    readme = README.read_text(encoding="utf-8")
    unlinked = [p.name for p in DOCS.glob("*.md") if f"(docs/{p.name}" not in readme]
    assert not unlinked, f"README.md links no docs/ page named {unlinked}"


def quick_start() -> list[list[str]]:
    """The README's first sh block: each command line as its words (comments dropped)."""
    block = sh_blocks(README.read_text(encoding="utf-8"))[0]
    return [shlex.split(line, comments=True) for line in block if line.strip()]


def test_the_quick_start_names_only_commands_that_exist() -> None:
    """git and python3's venv and pip, the venv's activate script, and krafter-tui with flags
    its parser takes: a newcomer who copies the block meets no command that is not there."""
    lines = quick_start()
    assert [words[0] for words in lines] == [
        "python3",
        ".",
        "python3",
        "krafter-tui",
    ], "the Quick start's steps changed: update this test and .ci/quickstart"
    venv, activate, install, run = lines
    assert venv[1:] == ["-m", "venv", ".venv"]
    venv_module = importlib.util.find_spec("venv")
    assert venv_module is not None and venv_module.origin is not None
    venv_scripts = Path(venv_module.origin).parent / "scripts"
    assert activate[1] == ".venv/bin/activate" and (venv_scripts / "common" / "activate").is_file()
    assert install[1:] == ["-m", "pip", "install", "."] and importlib.util.find_spec("pip")
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert run[0] in scripts
    assert build_parser().parse_args(run[1:]).demo is True


def test_every_krafter_tui_command_of_the_readme_parses() -> None:
    """Each `krafter-tui ...` line of the README is a command line the parser takes."""
    for block in sh_blocks(README.read_text(encoding="utf-8")):
        for line in block:
            words = shlex.split(line, comments=True)
            if words[:1] == ["krafter-tui"]:
                build_parser().parse_args(words[1:])  # a usage error raises


def test_the_generated_pages_are_in_step_with_the_code() -> None:
    """docs/keys.md and docs/configuration.md are what docs/generate.py writes now."""
    module = generator()
    for name, page in module.PAGES.items():
        text = (DOCS / name).read_text(encoding="utf-8")
        assert text == page(), f"docs/{name} is out of date: run python3 docs/generate.py"


@pytest.mark.parametrize("name", ["keys.md", "configuration.md"])
def test_a_generated_page_says_how_it_is_made(name: str) -> None:
    head = (DOCS / name).read_text(encoding="utf-8").splitlines()[:3]
    assert any("python3 docs/generate.py" in line for line in head)


def test_no_doc_names_a_path_of_the_machine_it_was_written_on() -> None:
    """User docs, benchmarks' and screenshots' docstrings: no /work, /tmp, /home or /root."""
    machine = re.compile(r"(?<![\w./~-])/(?:work|tmp|home|root)\b")
    files = [*PAGES, *ROOT.glob("benchmarks/*.py"), *ROOT.glob("screenshots/*.py")]
    found = [
        f"{file.relative_to(ROOT)}: {match.group(0)}"
        for file in files
        for match in machine.finditer(file.read_text(encoding="utf-8"))
    ]
    assert not found, found

"""Settings are declared once (``krafter_tui.config.schema.Settings``): every declared setting
is read from each source its declaration names, and from no other; the variables, keys and
flags are not a second list anywhere; a new setting needs one declaration."""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
import typing
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest

from krafter_tui.__main__ import main
from krafter_tui.cli.launch import build_options
from krafter_tui.config import SETTINGS, Settings, Spec, resolve
from krafter_tui.config.options import DashboardOptions

ROOT = Path(__file__).resolve().parents[2]

URL = "https://x.example/api"
CACHE = "redis://127.0.0.1:6390/2"
#: For each kind of value: (TOML value, environment text, flag argument, `config show` text);
#: flag argument None: a switch, given as the bare flag.
SAMPLES: dict[str, tuple[str, str, str | None, str]] = {
    "profile": ('"sample"', "sample", "sample", "sample"),
    "url": (f'"{URL}"', URL, URL, URL),
    "text": ('"sample-site"', "sample-site", "sample-site", "sample-site"),
    "period": ('"7d"', "7d", "7d", "7d"),
    "seconds": ("120", "120", "120", "120 s"),
    "theme": ('"nord"', "nord", "nord", "nord"),
    "switch": ("true", "yes", None, "on"),
    "sites": ('["sk_a", "Blog"]', "sk_a,Blog", "sk_a,Blog", "sk_a,Blog"),
    "stops": (
        '["Blog:20", "overview"]',
        "Blog:20,overview",
        "Blog:20,overview",
        "Blog:20,overview",
    ),
    "rotation": ("30", "30", "30", "30 s"),
    "cache": (f'"{CACHE}"', CACHE, CACHE, CACHE),
    "ratio": ("4", "4", "4", "4×"),
    "share": ("0.5", "0.5", "0.5", "0.5"),
    "visitors": ("20", "20", "20", "20"),
    "minutes": ("15", "15", "15", "15 min"),
    "tabs": ("6", "6", "6", "6"),
    "hours": ("12", "12", "12", "12 h"),
    "days": ("10", "10", "10", "10 days"),
    "command": (
        '"notify-send Krafter"',
        "notify-send Krafter",
        "notify-send Krafter",
        "notify-send Krafter",
    ),
}
#: What every sample needs besides itself: a profile table to name, kiosk mode for kiosk values.
BASE_FILE = "[profiles.sample]\n"


def show(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, tuple[str, str]]:
    """Run ``config show`` and return {name: (value, source)}."""
    assert main(["config", "show", *argv]) == 0
    rows = {}
    for line in capsys.readouterr().out.splitlines()[1:]:
        name, value, source = re.split(r"\s{2,}", line, maxsplit=2)
        rows[name] = (value, source)
    return rows


def ids(spec: Spec) -> str:
    return spec.name


def test_every_kind_has_a_sample() -> None:
    assert {spec.kind.name for spec in SETTINGS} <= set(SAMPLES)


@pytest.mark.parametrize("spec", SETTINGS, ids=ids)
def test_every_setting_is_read_from_its_sources_and_shown_with_them(
    spec: Spec,
    write_config: Any,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    toml, env_text, flag_text, shown = SAMPLES[spec.kind.name]
    kiosk_flag = ["--kiosk"] if spec.kiosk_only else []
    kiosk_line = "kiosk = true\n" if spec.kiosk_only else ""
    sources = 0
    if spec.file:
        write_config(f"{kiosk_line}{spec.name} = {toml}\n{BASE_FILE}")
        assert show(capsys)[spec.name] == (shown, "file")
        sources += 1
    if spec.profile_table:
        write_config(f"{kiosk_line}{BASE_FILE}{spec.name} = {toml}\n")
        rows = show(capsys, "--profile", "sample")
        assert rows[spec.name] == (shown, "file [profiles.sample]")
        sources += 1
    write_config(f"{kiosk_line}{BASE_FILE}")
    if spec.env is not None:
        with monkeypatch.context() as env:
            env.setenv(spec.env, env_text)
            assert show(capsys)[spec.name] == (shown, f"env {spec.env}")
        sources += 1
    if spec.flag is not None:
        argv = [spec.flag] if flag_text is None else [spec.flag, flag_text]
        assert show(capsys, *kiosk_flag, *argv)[spec.name] == (shown, f"flag {spec.flag}")
        sources += 1
    assert sources  # every setting is read from somewhere


@pytest.mark.parametrize("spec", SETTINGS, ids=ids)
def test_no_source_reads_a_setting_its_declaration_leaves_out(
    spec: Spec, write_config: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    toml = SAMPLES[spec.kind.name][0]
    if not spec.file:
        path = write_config(f"{spec.name} = {toml}\n")
        assert main(["config", "show"]) == 2
        assert f"{path}: unknown key {spec.name!r}; allowed keys: " in capsys.readouterr().err
    if not spec.profile_table:
        write_config(f"[profiles.sample]\n{spec.name} = {toml}\n")
        assert main(["config", "show"]) == 2
        assert f"unknown key {spec.name!r} in [profiles.sample]" in capsys.readouterr().err
    if spec.flag is None:
        flag = "--" + spec.name.replace("_", "-")
        assert main(["config", "show", flag, "30"]) == 2
        assert f"unrecognized arguments: {flag}" in capsys.readouterr().err


def test_help_names_every_variable_key_and_flag(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help-all"]) == 0
    out = capsys.readouterr().out
    environment = out[out.index("environment (") : out.index("settings file:")]
    settings_file = " ".join(out[out.index("settings file:") : out.index("keys in kiosk")].split())
    for spec in SETTINGS:
        if spec.env is not None:
            assert spec.env in environment
        if spec.file:
            assert f" {spec.name}{spec.file_hint}," in settings_file
        if spec.flag is not None:
            assert f"  {spec.flag}" in out and (spec.help or "")[:30] in " ".join(out.split())


def _string_constants(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and n.value}


def test_variables_and_flags_are_written_only_in_the_declaration() -> None:
    """No second list: no other module spells a setting's variable or flag on its own."""
    declared = {s.env for s in SETTINGS if s.env} | {s.flag for s in SETTINGS if s.flag}
    config = ROOT / "krafter_tui" / "config"
    declarations = (config / "schema.py", config / "dashboard_settings.py")
    assert declared <= set().union(*map(_string_constants, declarations))
    elsewhere = {
        str(path.relative_to(ROOT)): found
        for path in (ROOT / "krafter_tui").rglob("*.py")
        if path not in declarations and (found := declared & _string_constants(path))
    }
    assert elsewhere == {}


# --- DashboardOptions ---------------------------------------------------------------------------


def test_dashboard_options_has_every_setting_with_its_default_and_type() -> None:
    options = {f.name: f for f in fields(DashboardOptions)}
    hints = typing.get_type_hints(DashboardOptions)
    settings_hints = typing.get_type_hints(Settings)
    for spec in SETTINGS:
        assert spec.name in options, spec.name
        assert options[spec.name].default == spec.default, spec.name
        (value_type,) = typing.get_args(settings_hints[spec.name])
        if spec.name != "period":  # a Period on the dashboard, its text in the settings
            assert hints[spec.name] == value_type, spec.name


def test_build_options_passes_every_setting_on(
    write_config: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = ["kiosk = true"]
    for spec in SETTINGS:
        if spec.file and spec.name != "kiosk":
            lines.append(f"{spec.name} = {SAMPLES[spec.kind.name][0]}")
    write_config("\n".join(lines) + "\n" + BASE_FILE)
    settings = resolve(environ={"KRAFTER_PROFILE": "sample"})
    options = build_options(settings)
    for name, setting in settings.items():
        expected = setting.value
        got = getattr(options, name)
        assert (str(got) if name == "period" else got) == expected, name
        assert setting.source != "default", name


# --- a twelfth setting --------------------------------------------------------------------------

TWELFTH = """\
    greeting: Setting[str | None] = setting(
        kind=TEXT,
        default=None,
        env="KRAFTER_GREETING",
        file=True,
        flag="--greeting",
        metavar="WORDS",
        help="words to greet with",
        unset="(no greeting)",
    )

    def items(self)"""


def test_a_new_setting_is_one_declaration(tmp_path: Path) -> None:
    """Add a field to Settings in a copy of the package: the file, the environment, the flag,
    ``--help`` and ``config show`` all know it, with no other edit."""
    package = tmp_path / "copy" / "krafter_tui"
    shutil.copytree(ROOT / "krafter_tui", package, ignore=shutil.ignore_patterns("__pycache__"))
    schema = package / "config" / "schema.py"
    text = schema.read_text(encoding="utf-8")
    assert text.count("\n    def items(self)") == 1
    schema.write_text(text.replace("\n    def items(self)", "\n" + TWELFTH), encoding="utf-8")
    config = tmp_path / "xdg" / "krafter-tui" / "config.toml"
    config.parent.mkdir(parents=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("KRAFTER_")}
    env.update(
        XDG_CONFIG_HOME=str(tmp_path / "xdg"),
        PYTHONPATH=str(package.parent),
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
    )

    def run(*argv: str, **extra: str) -> subprocess.CompletedProcess[str]:
        command = list(argv) if argv[0] == "-c" else ["-m", "krafter_tui", *argv]
        return subprocess.run(
            [sys.executable, *command],
            cwd=tmp_path,
            env={**env, **extra},
            capture_output=True,
            text=True,
            timeout=60,
        )

    def row(done: subprocess.CompletedProcess[str]) -> str:
        assert done.returncode == 0, done.stderr
        (line,) = [line for line in done.stdout.splitlines() if line.startswith("greeting ")]
        return " ".join(line.split())

    probe = run("-c", "import krafter_tui; print(krafter_tui.__file__)")
    assert probe.stdout.strip() == str(package / "__init__.py")  # the copy is imported
    assert run("config", "path").stdout.strip() == str(config)

    assert row(run("config", "show")) == "greeting (no greeting) default"
    config.write_text('greeting = "hello"\n', encoding="utf-8")
    assert row(run("config", "show")) == "greeting hello file"
    assert row(run("config", "show", KRAFTER_GREETING="hi")) == "greeting hi env KRAFTER_GREETING"
    assert row(run("config", "show", "--greeting", "hey")) == "greeting hey flag --greeting"
    config.write_text("greeting = 3\n", encoding="utf-8")
    bad = run("config", "show")
    assert bad.returncode == 2
    assert f"{config}: greeting must be a non-empty string (got an integer)" in bad.stderr
    config.write_text("greeting = 'x'\nfarewell = 'y'\n", encoding="utf-8")
    assert "rotate_dimensions, greeting, profiles" in run("config", "show").stderr
    helped = run("--help-all")
    assert "--greeting WORDS" in helped.stdout and "words to greet with" in helped.stdout
    words = " ".join(helped.stdout.split())
    assert "KRAFTER_THEME, KRAFTER_GREETING KRAFTER_REALTIME_INTERVAL" in words  # like its flag
    assert " greeting, and [profiles" in words

"""Reading ``config.toml`` and validating it strictly into a :class:`FileConfig`.

An unknown key, a wrong type or a value out of range is a :class:`ConfigError` naming the
file, the key and what is allowed. So is a settings "file" that is a FIFO, a device or over
:data:`CONFIG_LIMIT` (read with :func:`~krafter_tui.local.safe_files.read_small`, which never blocks
on it or reads it for ever). A link is followed, as dotfile managers link the file; what it
points to is checked the same way.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, Final

import platformdirs

from krafter_tui.config.checks import PROFILE_NAME, ConfigError, shown, type_name
from krafter_tui.config.schema import PROFILE_KEYS, SPECS, TOP_KEYS, FileConfig
from krafter_tui.local.safe_files import NotASmallFile, read_small

__all__ = ["CONFIG_LIMIT", "config_path", "load_file", "parse_document"]

#: The largest settings file read.
CONFIG_LIMIT: Final = 1 << 20


def _check_keys(path: str, table: dict[str, Any], allowed: tuple[str, ...], where: str) -> None:
    for key in table:
        if key not in allowed:
            hint = ""
            if "token" in key.lower() or "key" in key.lower():
                hint = " (API keys are never read from this file: use `krafter-tui auth login`)"
            raise ConfigError(
                f"{path}: unknown key {shown(key)}{where}; allowed keys: {', '.join(allowed)}{hint}"
            )


def _check_value(path: str, key: str, value: object) -> Any:
    """``value`` checked as its setting's kind (``key`` may be ``profiles.NAME.KEY``)."""
    return SPECS[key.rsplit(".", 1)[-1]].kind.file(f"{path}: {key}", value)


def parse_document(data: dict[str, Any], path: str) -> FileConfig:
    """Validate a parsed TOML document; the first problem found raises :class:`ConfigError`."""
    _check_keys(path, data, TOP_KEYS, "")
    values = {k: _check_value(path, k, v) for k, v in data.items() if k != "profiles"}
    profiles: dict[str, dict[str, Any]] = {}
    tables = data.get("profiles", {})
    if not isinstance(tables, dict):
        raise ConfigError(f"{path}: profiles must be a table of [profiles.NAME] tables")
    for name, table in tables.items():
        if not PROFILE_NAME.fullmatch(name):
            raise ConfigError(f"{path}: profiles.{shown(name)}: use letters, digits, _ . -")
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: profiles.{name} must be a table (got {type_name(table)})")
        _check_keys(path, table, PROFILE_KEYS, f" in [profiles.{name}]")
        profiles[name] = {
            k: _check_value(path, f"profiles.{name}.{k}", v) for k, v in table.items()
        }
    return FileConfig(values, profiles)


def config_path() -> Path:
    """Where the settings file is read from (it need not exist)."""
    return platformdirs.user_config_path("krafter-tui") / "config.toml"


def load_file(path: Path | None = None) -> FileConfig:
    """Read and validate the settings file; a missing file is an empty configuration."""
    path = config_path() if path is None else path
    try:
        raw = read_small(path, CONFIG_LIMIT, follow_link=True)
    except FileNotFoundError:
        return FileConfig()
    except NotASmallFile as exc:
        raise ConfigError(f"{exc}; not read (settings are a small text file)") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not valid TOML (the file is not UTF-8 text)") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    except RecursionError:  # tomllib parses nested arrays and tables recursively
        raise ConfigError(f"{path}: not valid TOML (arrays or tables nested too deeply)") from None
    try:
        return parse_document(data, str(path))
    except RecursionError:  # a value nested just below tomllib's limit, shown in a message
        raise ConfigError(f"{path}: a value is nested too deeply to be a setting") from None

"""Files on this machine that the app reads or creates, opened so the file system cannot trick it.

Creating: :func:`create_new` makes a new file and nothing else (``O_CREAT | O_EXCL |
O_NOFOLLOW``): a link planted under the name, even a dangling one (``Path.exists()`` is False
for it), is never written through, and no file is ever overwritten; :func:`save_unique` finds
the first free name of ``name``, ``name-2``, ``name-3``, … the same way, race-free.

Reading: :func:`read_small` is the one way the app reads a file of its own (settings, state):
only a regular file below a size cap is read, and never more than the cap. A FIFO (which
would block the start for ever), a device (``/dev/zero`` never ends), a folder or a file too
large raises :class:`NotASmallFile`, which each reader treats as it treats a damaged file.
No Textual here.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Final

__all__ = [
    "MOST_NAMES_TRIED",
    "NotASmallFile",
    "create_new",
    "numbered",
    "read_small",
    "save_unique",
]

#: How many names :func:`save_unique` tries (``name`` … ``name-100000``) before it gives up.
MOST_NAMES_TRIED: Final = 100_000
_NOFOLLOW: Final = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK: Final = getattr(os, "O_NONBLOCK", 0)
_CLOEXEC: Final = getattr(os, "O_CLOEXEC", 0)
_BINARY: Final = getattr(os, "O_BINARY", 0)  # Windows: no newline translation


class NotASmallFile(OSError):
    """``path`` names something other than a regular file below the cap; ``reason`` says
    what (``str``: ``"<path>: <reason>"``)."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def create_new(path: Path, data: bytes, mode: int = 0o644) -> None:
    """Write ``data`` into a new file at ``path`` with ``mode`` (less the umask).

    Raises FileExistsError when anything is at ``path`` (a file, a folder, a link to anything
    or nothing); OSError as the file system says. A file that could not be written in full
    is removed.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC | _BINARY
    fd = os.open(path, flags, mode)
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
    except BaseException:
        path.unlink(missing_ok=True)  # ours: O_EXCL made it
        raise


def numbered(name: str, number: int) -> str:
    """``name`` with ``-number`` before its extension (``a.csv``, 2 → ``a-2.csv``); ``name``
    itself for 1."""
    if number <= 1:
        return name
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem:
        return f"{name}-{number}"
    return f"{stem}-{number}.{ext}"


def save_unique(folder: Path, name: str, data: bytes, mode: int = 0o644) -> Path:
    """Write ``data`` into ``folder`` as a new file: ``name``, else ``name-2``, ``name-3``, …
    the first name nothing holds (see :func:`create_new`); its path.

    Raises FileExistsError when :data:`MOST_NAMES_TRIED` names are all taken; OSError as the
    file system says.
    """
    for number in range(1, MOST_NAMES_TRIED + 1):
        path = folder / numbered(name, number)
        try:
            create_new(path, data, mode)
        except FileExistsError:
            continue
        return path
    raise FileExistsError(f"{numbered(name, MOST_NAMES_TRIED)} and every name before it exist")


def read_small(path: Path, cap: int, *, follow_link: bool = False) -> bytes:
    """The bytes of the regular file at ``path``, if it holds at most ``cap`` of them.

    ``follow_link``: a symbolic link at ``path`` is followed (its target is checked the same
    way); otherwise a link is refused. Raises FileNotFoundError when nothing is there,
    :class:`NotASmallFile` for a FIFO, device, socket, folder, link or a file over ``cap``
    bytes, OSError as the file system says. Opening never blocks, and at most ``cap + 1``
    bytes are read even when the file grows meanwhile.
    """
    # A look before opening: opening some devices does something (a tape rewinds, a modem
    # line rises). The descriptor is checked again below: the path may change in between.
    before = os.stat(path) if follow_link else os.lstat(path)
    _check(path, before.st_mode, before.st_size, cap)
    flags = os.O_RDONLY | _NONBLOCK | _CLOEXEC | _BINARY | (0 if follow_link else _NOFOLLOW)
    try:
        fd = os.open(path, flags)
    except OSError as error:
        if not follow_link and os.path.islink(path):  # ELOOP: a link put there meanwhile
            raise NotASmallFile(path, "a symbolic link") from None
        raise error from None
    with os.fdopen(fd, "rb") as file:
        now = os.fstat(file.fileno())
        _check(path, now.st_mode, now.st_size, cap)
        data = file.read(cap + 1)
    if len(data) > cap:
        raise NotASmallFile(path, f"larger than {_size(cap)}")
    return data


def _check(path: Path, mode: int, size: int, cap: int) -> None:
    if stat.S_ISLNK(mode):
        raise NotASmallFile(path, "a symbolic link")
    if not stat.S_ISREG(mode):
        raise NotASmallFile(path, f"not a regular file but {_kind(mode)}")
    if size > cap:
        raise NotASmallFile(path, f"larger than {_size(cap)}")


def _kind(mode: int) -> str:
    kinds = (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    )
    return next((name for test, name in kinds if test(mode)), "something else")


def _size(cap: int) -> str:
    return f"{cap // 1024} KB" if cap < 1 << 20 else f"{cap / (1 << 20):g} MB"

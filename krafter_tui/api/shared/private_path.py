"""Folders and files only this user can change: the shared cache's SQLite file and its folder.

The file holds the team's figures. An existing folder or file that others may write (or that
belongs to another user, or is a symbolic link) would let them read those figures, plant
answers, or send the file elsewhere through a dangling link; it is refused with one line that
names the path and the fix. What is created here is made safe: folders 0700, files 0600,
opened with ``O_NOFOLLOW``.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

__all__ = ["UnsafePathError", "check_private_file", "private_folder", "touch_private_file"]


class UnsafePathError(Exception):
    """A folder or file others could use against us: its message names the path and the fix."""


def private_folder(folder: Path) -> None:
    """Create ``folder`` (0700, with its parents) or check the existing one: a real folder,
    this user's, not writable by group or others."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    info = os.lstat(folder)
    if stat.S_ISLNK(info.st_mode):
        raise UnsafePathError(
            f"the folder {folder} is a symbolic link: name the real folder instead"
        )
    if not stat.S_ISDIR(info.st_mode):
        raise UnsafePathError(f"{folder} is not a folder: name a folder of your own")
    _check_owner(folder, info, "folder")
    if info.st_mode & 0o022:
        raise UnsafePathError(
            f"the folder {folder} is writable by other users: run chmod 700 {folder}, "
            "or use a folder of your own"
        )


def touch_private_file(path: Path) -> None:
    """Create ``path`` 0600 without following a link, or check the existing one (see
    :func:`check_private_file`)."""
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
    except OSError:
        check_private_file(path)  # says why in words (a link, a folder, ...)
        raise
    try:
        _check_file(path, os.fstat(fd))
    finally:
        os.close(fd)


def check_private_file(path: Path) -> None:
    """If ``path`` exists: a regular file (not a link), this user's, no access for others."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    if stat.S_ISLNK(info.st_mode):
        raise UnsafePathError(f"{path} is a symbolic link: remove it, or name the real file")
    _check_file(path, info)


def _check_file(path: Path, info: os.stat_result) -> None:
    if not stat.S_ISREG(info.st_mode):
        raise UnsafePathError(f"{path} is not a regular file: remove it, or name another file")
    _check_owner(path, info, "file")
    if info.st_mode & 0o077:
        raise UnsafePathError(f"{path} is open to other users: run chmod 600 {path}, or remove it")


def _check_owner(path: Path, info: os.stat_result, what: str) -> None:
    if info.st_uid != os.getuid():
        raise UnsafePathError(
            f"the {what} {path} belongs to another user: use a {what} of your own"
        )

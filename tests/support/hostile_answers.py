"""Hostile answers for tests: a gzip bomb, JSON nested 100,000 deep, bodies of any size.

Each is cheap to make: the 1 GB bomb is built from one compressed megabyte repeated (deflate
after a full flush does not look back), so no test spends seconds compressing zeros.
"""

from __future__ import annotations

import functools
import html
import struct
import unicodedata
import zlib
from collections.abc import Iterator

__all__ = [
    "MB",
    "deep_array",
    "deep_json",
    "gzip_bomb",
    "gzip_layers",
    "leaked",
    "padded_json",
]

MB = 2**20


@functools.cache
def gzip_bomb(megabytes: int = 1024) -> bytes:
    """A valid gzip stream that inflates to ``megabytes`` MB of zeros (1 GB: about 1 MB)."""
    block = bytes(MB)
    deflate = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    first = deflate.compress(block) + deflate.flush(zlib.Z_FULL_FLUSH)
    again = deflate.compress(block) + deflate.flush(zlib.Z_FULL_FLUSH)
    assert deflate.compress(block) + deflate.flush(zlib.Z_FULL_FLUSH) == again
    end = deflate.flush(zlib.Z_FINISH)
    crc = 0
    for _ in range(megabytes):
        crc = zlib.crc32(block, crc)
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
    trailer = struct.pack("<II", crc, (megabytes * MB) & 0xFFFFFFFF)
    return header + first + again * (megabytes - 1) + end + trailer


def gzip_layers(data: bytes, layers: int) -> bytes:
    """``data`` gzipped ``layers`` times over (``Content-Encoding: gzip, gzip``)."""
    for _ in range(layers):
        packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
        data = packer.compress(data) + packer.flush()
    return data


def deep_array(depth: int = 100_000) -> bytes:
    """``[[[...]]]`` nested ``depth`` deep: valid JSON a recursive parser dies on."""
    return b"[" * depth + b"]" * depth


def deep_json(depth: int = 100_000, key: str = "error") -> bytes:
    """``{"<key>": [[[...]]]}``, the array nested ``depth`` deep."""
    return b'{"' + key.encode() + b'": ' + deep_array(depth) + b"}"


def padded_json(payload: bytes, megabytes: float, piece: int = 64 * 1024) -> Iterator[bytes]:
    """``payload`` after ``megabytes`` MB of leading spaces (still valid JSON), in pieces."""
    left = int(megabytes * MB)
    spaces = b" " * piece
    while left > 0:
        yield spaces[: min(piece, left)]
        left -= piece
    yield payload


def _fold(text: str) -> str:
    kept = (c for c in text if unicodedata.category(c) not in ("Cf", "Cc", "Zs", "Mn"))
    return unicodedata.normalize("NFKC", "".join(kept)).casefold()


def leaked(text: str, token: str) -> str | None:
    """The first 8-character piece of ``token``'s secret past the 12 characters a UI may show
    that ``text`` holds in any form (case, invisible characters, HTML entities), else None."""
    folded, secret = _fold(html.unescape(text)), _fold(token.removeprefix("kr_live_"))
    shown = 12 - (len(token) - len(token.removeprefix("kr_live_")))
    for start in range(shown, len(secret) - 7):
        if secret[start : start + 8] in folded:
            return secret[start : start + 8]
    return None

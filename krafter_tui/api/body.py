"""Reading an answer's body within a size limit, on the wire and once decompressed.

httpx would decompress a whole network chunk in one call: 64 KB of gzip (or gzip inside gzip)
can stand for gigabytes of zeros. Here the raw bytes are read as they arrive and inflated a
bounded piece at a time, so the first byte past the limit ends the read, whatever the ratio.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import Final, Protocol

import httpx

from krafter_tui.api.errors import AnswerTooLargeError, BadResponseError
from krafter_tui.text.sanitiser import clean_server_text

__all__ = ["ACCEPT_ENCODING", "BodyDecoder", "read_body"]

ACCEPT_ENCODING: Final = "gzip, deflate"  # what BodyDecoder undoes; nothing else is asked for
PIECE: Final = 64 * 1024  # the most one inflate step may produce
MAX_LAYERS: Final = 2  # "gzip, gzip" is odd but legal; a longer chain is an attack
_GZIP: Final = ("gzip", "x-gzip")


class _Inflater(Protocol):
    @property
    def unconsumed_tail(self) -> bytes: ...
    @property
    def eof(self) -> bool: ...
    def decompress(self, data: bytes, max_length: int = ...) -> bytes: ...


class BodyDecoder:
    """Undoes a ``Content-Encoding`` (gzip or deflate, at most two layers) piece by piece."""

    def __init__(self, content_encoding: str) -> None:
        """Check ``content_encoding`` (BadResponseError for what the client cannot undo)."""
        names = [n.strip().lower() for n in content_encoding.split(",")]
        names = [n for n in names if n not in ("", "identity")]
        if len(names) > MAX_LAYERS:
            raise BadResponseError(f"the body is encoded {len(names)} times over")
        for name in names:
            if name not in (*_GZIP, "deflate"):
                raise BadResponseError(
                    f"the body uses a Content-Encoding the client did not ask for "
                    f"({clean_server_text(name, 40)})"
                )
        # Encodings are listed in the order they were applied: undo them from the last.
        self._names = names[::-1]
        self._layers: list[_Inflater | None] = [None] * len(names)

    @property
    def compressed(self) -> bool:
        """Whether the body is encoded at all."""
        return bool(self._names)

    def decode(self, data: bytes) -> Iterator[bytes]:
        """The decoded pieces of ``data`` (each at most 64 KB), in order."""
        try:
            yield from self._through(0, data)
        except zlib.error:
            raise BadResponseError("the body could not be decoded (bad Content-Encoding)") from None

    def _through(self, depth: int, data: bytes) -> Iterator[bytes]:
        if depth == len(self._names):
            if data:
                yield data
            return
        layer = self._layers[depth]
        if layer is None:
            if not data:
                return
            layer = self._layers[depth] = self._open(self._names[depth], data)
        while data or not layer.eof:
            piece = layer.decompress(data, PIECE)
            data = layer.unconsumed_tail
            yield from self._through(depth + 1, piece)
            # A short piece means the input ran out; a full one may leave output pending.
            if layer.eof or (not data and len(piece) < PIECE):
                break

    @staticmethod
    def _open(name: str, first: bytes) -> _Inflater:
        if name in _GZIP:
            return zlib.decompressobj(16 + zlib.MAX_WBITS)
        # "deflate" is meant to be zlib-wrapped, but some servers send a raw deflate stream.
        wrapped = len(first) >= 2 and first[0] & 0x0F == 8 and int.from_bytes(first[:2]) % 31 == 0
        return zlib.decompressobj(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)


async def read_body(response: httpx.Response, limit: int) -> bytes:
    """The decoded body of a streamed ``response``; :class:`AnswerTooLargeError` as soon as
    more than ``limit`` bytes arrive or decode (the rest is never read)."""
    if response.is_stream_consumed:
        # A transport that handed over a finished response (httpx.MockTransport in tests and
        # tools): the body is in memory already, decoded by httpx; refusing it saves nothing.
        # The limits are for what comes over the network.
        return response.content
    announced = response.headers.get("content-length", "").strip()
    if announced.isdigit() and int(announced) > limit:
        raise AnswerTooLargeError(limit, compressed="content-encoding" in response.headers)
    decoder = BodyDecoder(response.headers.get("content-encoding", ""))
    body = bytearray()
    wire = 0
    async for chunk in response.aiter_raw():
        wire += len(chunk)
        if wire > limit:
            raise AnswerTooLargeError(limit, compressed=decoder.compressed)
        for piece in decoder.decode(chunk):
            body += piece
            if len(body) > limit:
                raise AnswerTooLargeError(limit)
    return bytes(body)

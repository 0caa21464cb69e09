"""A "Redis" on loopback that answers like a real one, except for one reply: a bulk string or
an array announced at a billion, then sent as fast as the socket takes it (up to a bound, so
a client that reads it all shows up in its memory without taking the machine down)."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import BinaryIO

__all__ = ["SENT_AT_MOST", "huge_redis"]

ANNOUNCED = 1_000_000_000
SENT_AT_MOST = 48 * 2**20  # per connection


def _command(stream: BinaryIO) -> list[bytes] | None:
    line = stream.readline()
    if not line.startswith(b"*"):
        return None
    words = []
    for _ in range(int(line[1:])):
        size = int(stream.readline()[1:])
        words.append(stream.read(size + 2)[:-2])
    return words


def _serve(conn: socket.socket, huge: str) -> None:
    stream = conn.makefile("rb")
    try:
        while (words := _command(stream)) is not None:
            name = words[0].upper()
            if name == b"GETRANGE" and huge == "bulk":
                conn.sendall(b"$%d\r\n" % ANNOUNCED)
                chunk = b"x" * 2**20
                for _ in range(SENT_AT_MOST // len(chunk)):
                    conn.sendall(chunk)
                return  # and never the rest: a drip that stopped
            if name == b"SET" and huge == "array":
                conn.sendall(b"*%d\r\n" % ANNOUNCED)
                chunk = b":1\r\n" * 2**18
                for _ in range(SENT_AT_MOST // len(chunk)):
                    conn.sendall(chunk)
                return
            if name == b"HELLO":  # as a Redis before 6 says it: the client speaks RESP2
                conn.sendall(b"-ERR unknown command 'HELLO'\r\n")
            elif name in (b"GETRANGE", b"GET"):
                conn.sendall(b"$-1\r\n")
            elif name == b"ZRANGEBYSCORE":  # the wall's record: no reading yet
                conn.sendall(b"*0\r\n")
            elif name == b"DEL":
                conn.sendall(b":1\r\n")
            else:
                conn.sendall(b"+OK\r\n")
    except OSError:
        pass  # the client hung up: what a refusal looks like from here
    finally:
        stream.close()
        conn.close()


@contextmanager
def huge_redis(huge: str) -> Iterator[str]:
    """A redis:// URL whose server sends a ``huge`` ("bulk" or "array") reply."""
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]

    def accept() -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            threading.Thread(target=_serve, args=(conn, huge), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    try:
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        listener.close()

"""Answers that would exhaust the machine are refused while they arrive, over real loopback HTTP:
a gzip bomb (1 GB of zeros in 1 MB), gzip inside gzip, 50 MB of body, a Content-Length that
announces too much. Memory stays small, and the next good answer is read as usual."""

from __future__ import annotations

import json
import tracemalloc
import zlib
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from krafter_tui.api import (
    ANSWER_LIMIT,
    SITES_LIMIT,
    AnswerTooLargeError,
    BadResponseError,
    KrafterClient,
    Period,
)
from tests.support.hostile_answers import MB, gzip_bomb, gzip_layers, padded_json

from .payloads import REALTIME, SITE_KEY, STATS_7D
from .scripted_server import Reply, ScriptedServer, json_reply

JSON = ("content-type", "application/json")
GZIP = ("content-encoding", "gzip")


async def peak_mb(call: Callable[[], Awaitable[Any]]) -> tuple[float, BaseException | None]:
    """Run ``call``; the peak of memory Python allocated meanwhile (MB), and what it raised."""
    tracemalloc.start()
    try:
        await call()
        error = None
    except Exception as exc:
        error = exc
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return peak / MB, error


async def test_a_gzip_bomb_is_refused_with_memory_to_spare(
    server: ScriptedServer, client: KrafterClient
) -> None:
    bomb = gzip_bomb()  # 1 GB of zeros in about 1 MB
    assert len(bomb) < 2 * MB
    assert zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(bomb, MB) == bytes(MB)
    server.script(Reply(headers=(JSON, GZIP), body=bomb), json_reply(REALTIME))
    peak, error = await peak_mb(lambda: client.realtime(SITE_KEY))
    assert isinstance(error, AnswerTooLargeError), error
    assert "answer too large" in str(error) and "8 MB" in str(error)
    assert peak < 64, f"{peak:.0f} MB allocated reading a gzip bomb"
    print(f"gzip bomb refused, peak {peak:.1f} MB allocated")
    assert (await client.realtime(SITE_KEY)).current_visitors == 5  # the next answer is fine


async def test_gzip_inside_gzip_is_inflated_a_piece_at_a_time(
    server: ScriptedServer, client: KrafterClient
) -> None:
    nested = gzip_layers(gzip_bomb(), 1)  # 1 GB in about 2 KB
    assert len(nested) < 64 * 1024
    server.script(Reply(headers=(JSON, ("content-encoding", "gzip, gzip")), body=nested))
    peak, error = await peak_mb(lambda: client.realtime(SITE_KEY))
    assert isinstance(error, AnswerTooLargeError), error
    assert peak < 64, f"{peak:.0f} MB allocated reading a nested gzip bomb"


async def test_a_50_mb_answer_is_refused_before_it_is_all_read(
    server: ScriptedServer, client: KrafterClient
) -> None:
    sent: list[int] = []

    def body() -> Any:
        for piece in padded_json(REALTIME, 50):
            sent.append(len(piece))
            yield piece

    server.script(Reply(headers=(JSON,), stream=body))
    peak, error = await peak_mb(lambda: client.realtime(SITE_KEY))
    assert isinstance(error, AnswerTooLargeError), error
    assert "compressed" not in str(error)
    assert sum(sent) < 20 * MB, "the server was read to the end"
    assert peak < 64


async def test_bytes_on_the_wire_count_even_when_they_decode_to_nothing(
    server: ScriptedServer, client: KrafterClient
) -> None:
    # A small gzip stream, then 50 MB of junk after its end: nothing more decodes, but it is
    # still 50 MB to read.
    def body() -> Any:
        yield gzip_layers(REALTIME, 1)
        yield from padded_json(b"", 50)

    server.script(Reply(headers=(JSON, GZIP), stream=body))
    with pytest.raises(AnswerTooLargeError) as caught:
        await client.realtime(SITE_KEY)
    assert "compressed" in str(caught.value)


async def test_an_announced_content_length_over_the_limit_is_refused_unread(
    server: ScriptedServer, client: KrafterClient
) -> None:
    server.script(
        Reply(headers=(JSON, ("content-length", str(ANSWER_LIMIT + 1))), action="drip", body=b"{")
    )
    with pytest.raises(AnswerTooLargeError):
        await client.realtime(SITE_KEY)


async def test_a_big_but_real_answer_is_read_in_full(
    server: ScriptedServer, client: KrafterClient
) -> None:
    # 40,000 pages in the path breakdown: about 3 MB, 270 times the demo's largest answer.
    stats = json.loads(STATS_7D)
    stats["data"]["breakdown"]["path"] = [
        {"value": f"/blog/post-{i}-about-something", "count": 40_000 - i, "percent": 0.01}
        for i in range(40_000)
    ]
    body = json.dumps(stats).encode()
    assert 2 * MB < len(body) < ANSWER_LIMIT
    server.script(Reply(headers=(JSON, GZIP), body=gzip_layers(body, 1)))
    answer = await client.stats(SITE_KEY, Period.parse("7d"), ["path", "country"])
    assert len(answer.breakdown["path"]) == 40_000  # type: ignore[index]


async def test_the_site_list_may_be_larger_than_other_answers(
    server: ScriptedServer, client: KrafterClient
) -> None:
    sites = [dict(_SITE, site_key=f"sk_{i:012d}") for i in range(60_000)]  # ~10 MB
    body = json.dumps({"data": sites}).encode()
    assert ANSWER_LIMIT < len(body) < SITES_LIMIT
    server.script(Reply(headers=(JSON,), body=body), Reply(headers=(JSON,), body=body))
    assert len(await client.list_sites()) == 60_000
    with pytest.raises(AnswerTooLargeError):  # the same size anywhere else is refused
        await client.events(SITE_KEY, Period.parse("7d"))


_SITE = {
    "id": "0b6c5c1e-3f7a-4c55-9a55-2b8f1f5d9e01",
    "domain": "example.com",
    "name": "Example",
    "site_key": "sk_abc123def456",
    "public_stats": False,
    "created_at": "2025-01-01T09:30:00Z",
}


@pytest.mark.parametrize(
    ("encoding", "packer"),
    [
        ("deflate", lambda b: zlib.compress(b)),
        ("deflate", lambda b: zlib.compress(b, wbits=-zlib.MAX_WBITS)),  # raw, as some send it
        ("x-gzip", lambda b: gzip_layers(b, 1)),
        ("identity", lambda b: b),
        ("gzip, gzip", lambda b: gzip_layers(b, 2)),
    ],
)
async def test_each_encoding_the_client_asks_for_is_read(
    server: ScriptedServer, client: KrafterClient, encoding: str, packer: Any
) -> None:
    server.script(Reply(headers=(JSON, ("content-encoding", encoding)), body=packer(REALTIME)))
    assert (await client.realtime(SITE_KEY)).current_visitors == 5
    assert server.requests[0].headers["accept-encoding"] == "gzip, deflate"


@pytest.mark.parametrize(
    ("encoding", "said"),
    [("br", "(br)"), ("zstd", "(zstd)"), ("gzip, gzip, gzip", "3 times"), ("\x1b[2J", "\ufffd")],
)
async def test_an_encoding_the_client_cannot_undo_is_a_bad_response(
    server: ScriptedServer, client: KrafterClient, encoding: str, said: str
) -> None:
    server.script(Reply(headers=(JSON, ("content-encoding", encoding)), body=REALTIME))
    with pytest.raises(BadResponseError) as caught:
        await client.realtime(SITE_KEY)
    assert said in str(caught.value) and "\x1b" not in str(caught.value)

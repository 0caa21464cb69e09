"""HeadStartAnswers: answers recorded on one thread, taken once each on another, never stale."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import httpx
import pytest

from krafter_tui.api import KrafterClient, NetworkError, Period
from krafter_tui.api.head_start_answers import HeadStartAnswers, RawAnswer
from tests.support.clock import FakeClock

from .conftest import TOKEN
from .scripted_server import ScriptedServer, json_reply, rate_headers

ANSWER: RawAnswer = (200, httpx.Headers({"x-ratelimit-remaining": "97"}), b'{"data": []}')


async def test_an_answer_is_handed_over_once_in_any_order_of_its_params() -> None:
    early = HeadStartAnswers()
    early.expect("sites/sk_1/stats", {"period": "7d", "dimensions": "page"})
    early.put("sites/sk_1/stats", {"period": "7d", "dimensions": "page"}, ANSWER)
    assert await early.take("sites/sk_1/stats", {"dimensions": "page", "period": "7d"}) == ANSWER
    assert await early.take("sites/sk_1/stats", {"dimensions": "page", "period": "7d"}) is None
    assert early.taken == 1


async def test_a_request_never_asked_early_or_with_another_query_is_not_answered() -> None:
    early = HeadStartAnswers()
    early.expect("sites", {})
    early.put("sites", {}, ANSWER)
    assert await early.take("sites/sk_1/realtime", {}) is None
    assert await early.take("sites", {"page": "2"}) is None


async def test_an_answer_on_its_way_is_waited_for_not_asked_again() -> None:
    early = HeadStartAnswers()
    early.expect("sites", {})
    taker = asyncio.create_task(early.take("sites", {}))
    await asyncio.sleep(0.01)
    assert not taker.done()
    threading.Thread(target=early.put, args=("sites", {}, ANSWER)).start()
    assert await asyncio.wait_for(taker, 5) == ANSWER


async def test_an_answer_older_than_max_age_is_not_used() -> None:
    clock = FakeClock(100.0)
    early = HeadStartAnswers(max_age=10.0, clock=clock.seconds)
    early.expect("sites", {})
    early.put("sites", {}, ANSWER)
    clock.advance(10.5)
    assert await early.take("sites", {}) is None
    assert early.taken == 0


@pytest.mark.parametrize("how", ["no answer", "closed"])
async def test_a_request_that_brought_nothing_is_asked_again_by_the_taker(how: str) -> None:
    early = HeadStartAnswers()
    early.expect("sites", {})
    taker = asyncio.create_task(early.take("sites", {}))
    await asyncio.sleep(0)
    if how == "closed":
        early.close()
        assert early.finished.is_set()
    else:
        early.put("sites", {}, None)
    assert await asyncio.wait_for(taker, 5) is None


async def test_a_taker_cancelled_while_waiting_leaves_the_recorder_unharmed() -> None:
    early = HeadStartAnswers()
    early.expect("sites", {})
    taker = asyncio.create_task(early.take("sites", {}))
    await asyncio.sleep(0)
    taker.cancel()
    with pytest.raises(asyncio.CancelledError):
        await taker
    early.put("sites", {}, ANSWER)  # must not raise on the recording thread
    early.close()


async def test_answers_are_let_go_once_taken_or_too_old() -> None:
    clock = FakeClock(100.0)
    early = HeadStartAnswers(max_age=10.0, clock=clock.seconds)
    for path in ("sites", "sites/sk_1/realtime", "sites/sk_2/realtime"):
        early.expect(path, {})
        early.put(path, {}, ANSWER)
    early.close()
    assert await early.take("sites", {}) == ANSWER
    assert not early.spent()  # two answers may still be taken
    clock.advance(11)
    assert await early.take("sites/sk_1/realtime", {}) is None
    assert early.spent()  # the site not opened: its answer went with the rest


EVENTS_QUERY = {"period": "7d"}


async def two_waiting_requests(client: KrafterClient) -> tuple[asyncio.Task[Any], ...]:
    """The site list and a site's events, both asked while their early answers are awaited."""
    tasks = (
        asyncio.create_task(client.list_sites()),
        asyncio.create_task(client.events("sk_1", Period.parse("7d"))),
    )
    for _ in range(20):  # a few turns of the loop: each reaches its wait on the early answer
        await asyncio.sleep(0)
    assert not any(task.done() for task in tasks)
    return tasks


@pytest.mark.parametrize("how", ["closed", "no answer"])
async def test_two_requests_whose_early_answers_never_come_ask_the_server(
    server: ScriptedServer, how: str
) -> None:
    # The launch's thread gives up on both: the first waiter to wake used to drop the
    # client's early answers, and the second then failed on None (an internal error).
    early = HeadStartAnswers()
    early.expect("sites", {})
    early.expect("sites/sk_1/events", EVENTS_QUERY)
    server.script(*[json_reply({"data": []}, headers=rate_headers())] * 2)
    async with KrafterClient(TOKEN, server.api_url, early=early) as client:
        tasks = await two_waiting_requests(client)
        assert server.requests == []  # nothing is asked twice while the early ones wait
        if how == "no answer":  # each request of the launch's thread failed, then it ended
            early.put("sites", {}, None)
            early.put("sites/sk_1/events", EVENTS_QUERY, None)
        early.close()
        assert await asyncio.wait_for(asyncio.gather(*tasks), 10) == [[], []]
        assert sorted(r.path.rsplit("/", 1)[-1] for r in server.requests) == ["events", "sites"]
        assert client.early is None  # the launch is over for this client


async def test_two_requests_whose_early_answers_are_slow_end_in_the_usual_timeout(
    server: ScriptedServer,
) -> None:
    early = HeadStartAnswers()
    early.expect("sites", {})
    early.expect("sites/sk_1/events", EVENTS_QUERY)
    async with KrafterClient(TOKEN, server.api_url, early=early, deadline=0.5) as client:
        tasks = await two_waiting_requests(client)
        outcomes = await asyncio.wait_for(asyncio.gather(*tasks, return_exceptions=True), 10)
        for outcome in outcomes:
            assert isinstance(outcome, NetworkError) and outcome.timeout, outcome
        early.close()  # the launch's thread ends at last: the next request asks the server
        server.script(json_reply({"data": []}, headers=rate_headers()))
        assert await asyncio.wait_for(client.list_sites(), 10) == []

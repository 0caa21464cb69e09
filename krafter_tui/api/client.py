"""The async Krafter Analytics client: one ``httpx.AsyncClient``, typed answers, typed errors.

Each request's shape and each answer's checks are in :mod:`krafter_tui.api.wire`; the answers
already here at launch are handed over by :mod:`krafter_tui.api.head_start_ready` (the
client's ``*_ready`` methods).
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import ssl
from collections.abc import Callable, Iterable, Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Final, TypeVar

import httpx

from krafter_tui import DEFAULT_API_URL, __version__
from krafter_tui.api.body import ACCEPT_ENCODING, read_body
from krafter_tui.api.budget import RateBudget
from krafter_tui.api.errors import (
    ApiError,
    BadRequestError,
    BadResponseError,
    ForbiddenError,
    InsecureTransportError,
    NetworkError,
    NotFoundError,
    RateLimitedError,
    ServerError,
    UnauthorizedError,
    UntrustedCertificateError,
)
from krafter_tui.api.head_start_answers import HeadStartAnswers, RawAnswer
from krafter_tui.api.head_start_ready import HeadStartReady
from krafter_tui.api.models import Dimension, Event, Realtime, Site, Stats
from krafter_tui.api.period import Period
from krafter_tui.api.shared import EntrySeal, cache_key, token_hash
from krafter_tui.api.wire import (
    checked_stats,
    count_answer,
    decode_answer,
    error_body,
    site_segment,
    stats_request,
)
from krafter_tui.text.redact import KeyRedactor

if TYPE_CHECKING:
    from krafter_tui.api.shared import SharedCache

__all__ = [
    "ANSWER_LIMIT",
    "DEFAULT_API_URL",
    "DEFAULT_DEADLINE",
    "SITES_LIMIT",
    "KrafterClient",
    "is_loopback_host",
]

DEFAULT_TIMEOUT: Final = httpx.Timeout(10.0, connect=5.0)  # per connect and per read
DEFAULT_DEADLINE: Final = 30.0  # for the whole request, body included: a drip cannot hold it
# The demo's largest answer (all nine dimensions over 12 months) is 11 KB; 8 MB leaves room for
# sites with tens of thousands of pages. The site list is allowed more: at ~170 bytes a site,
# 64 MB is some 390,000 sites. Error bodies are only read for their message.
ANSWER_LIMIT: Final = 8 * 2**20
SITES_LIMIT: Final = 64 * 2**20
ERROR_BODY_LIMIT: Final = 2**20
T = TypeVar("T")
log = logging.getLogger("krafter_tui")


def is_loopback_host(host: str) -> bool:
    """True for ``localhost`` and addresses in 127.0.0.0/8 or ``::1``."""
    host = host.strip("[]").rstrip(".").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _check_api_url(api_url: str) -> httpx.URL:
    try:
        url = httpx.URL(api_url.strip())
    except httpx.InvalidURL:
        raise ApiError(f"The API URL {api_url!r} is not a valid URL.") from None
    if url.scheme not in ("http", "https") or not url.host:
        raise ApiError(f"The API URL {api_url!r} must start with https:// and name a host.")
    if url.scheme == "http" and not is_loopback_host(url.host):
        raise InsecureTransportError(url.host)
    # httpx joins relative paths onto base_url; a trailing slash keeps the last segment.
    return url.copy_with(path=url.path.rstrip("/") + "/", query=None, fragment=None)


class KrafterClient(HeadStartReady):
    """Client for the four analytics endpoints of one Krafter team.

    Pass ``transport`` to route requests elsewhere (an ``httpx.ASGITransport`` for the in-process
    demo, a ``MockTransport`` in tests). The client owns its ``httpx.AsyncClient``: close it with
    :meth:`aclose` or use the client as an async context manager. ``early`` holds the answers
    to the launch's first requests: the ``*_ready`` methods (:class:`HeadStartReady`) take
    them without waiting, the async methods take them instead of asking.
    """

    def __init__(
        self,
        token: str,
        api_url: str = DEFAULT_API_URL,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        deadline: float = DEFAULT_DEADLINE,
        budget: RateBudget | None = None,
        early: HeadStartAnswers | None = None,
        shared: SharedCache | None = None,
    ) -> None:
        base_url = _check_api_url(api_url)
        token = token.strip()
        if not token or not token.isascii() or not token.isprintable() or " " in token:
            raise UnauthorizedError()
        self.api_url = str(base_url).rstrip("/")
        self._redact = KeyRedactor(token)  # for server text that echoes the key
        self.deadline = deadline
        self.budget = budget if budget is not None else RateBudget()
        self.early = early  # answers to the launch's first requests, sent on another thread
        # The most days this API takes in one range, once a refusal said (range_limit).
        self.longest_range: int | None = None
        # Requests given a max_age ask the shared cache first (see krafter_tui.api.shared);
        # its keys name the API key only through a keyed hash, and its values are sealed with
        # a key derived from the API key (in memory only).
        self.shared = shared
        self._key_hash = token_hash(token) if shared is not None else ""
        self._seal = EntrySeal(token) if shared is not None else None
        self._http = httpx.AsyncClient(
            base_url=base_url,
            transport=transport,
            timeout=timeout,
            # Plain http (loopback only, see _check_api_url) needs no certificates; loading the
            # CA bundle costs ~80 ms of start-up for nothing.
            verify=base_url.scheme == "https",
            follow_redirects=False,
            headers={
                "Authorization": f"Bearer {token}",
                "User-Agent": f"krafter-tui/{__version__}",
                "Accept": "application/json",
                "Accept-Encoding": ACCEPT_ENCODING,
            },
        )

    async def __aenter__(self) -> KrafterClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the underlying connections (and the shared cache's)."""
        await self._http.aclose()
        if self.shared is not None:
            await self.shared.aclose()

    # ``max_age``: with a shared cache, an answer another dashboard read less than this many
    # seconds ago is used instead of a request (None: always ask the server).

    async def list_sites(self, *, max_age: float | None = None) -> list[Site]:
        """Every site of the team (``GET /sites``)."""
        return await self._get("sites", {}, list[Site], limit=SITES_LIMIT, max_age=max_age)

    async def stats(
        self,
        site_key: str,
        period: Period,
        dimensions: Iterable[Dimension] = (),
        *,
        max_age: float | None = None,
        on_read: Callable[[float | None], None] | None = None,
    ) -> Stats:
        """Totals, timeseries and (when asked) breakdowns for ``dimensions``, in ONE request."""
        path, params, wanted = stats_request(site_key, period, dimensions)
        return await self._get(
            path,
            params,
            Stats,
            max_age=max_age,
            check=lambda s: checked_stats(s, wanted),
            on_read=on_read,
        )

    async def realtime(self, site_key: str, *, max_age: float | None = None) -> Realtime:
        """Visitors active in the last five minutes."""
        return await self._get(
            f"sites/{site_segment(site_key)}/realtime", {}, Realtime, max_age=max_age
        )

    async def events(
        self,
        site_key: str,
        period: Period,
        *,
        max_age: float | None = None,
        on_read: Callable[[float | None], None] | None = None,
    ) -> list[Event]:
        """Custom events with totals, unique counts and revenue over ``period``."""
        return await self._get(
            f"sites/{site_segment(site_key)}/events",
            period.query_params(),
            list[Event],
            max_age=max_age,
            on_read=on_read,
        )

    async def _get(
        self,
        path: str,
        params: dict[str, str],
        kind: type[T],
        *,
        limit: int = ANSWER_LIMIT,
        max_age: float | None = None,
        check: Callable[[T], T] | None = None,
        on_read: Callable[[float | None], None] | None = None,
    ) -> T:
        """The decoded answer (``check`` raises BadResponseError for one that is not this
        request's), or the error its status means. ``on_read`` is told when a 200 was read:
        None for just now (the caller's clock says when), else the Unix seconds at which the
        shared cache's answer was read (by this dashboard or another)."""

        def decode(content: bytes) -> T:
            value = decode_answer(content, kind)
            return value if check is None else check(value)

        wait = self.budget.wait_needed()
        if wait > 0:
            raise RateLimitedError(wait, self.budget.block_capped)
        if self.shared is None or self._seal is None or max_age is None:
            status, headers, content = await self._fetch_in_time(path, params, limit)
            if status == 200:
                value = decode(content)
                if on_read is not None:
                    on_read(None)
                return value
            raise self._status_error(status, headers, content)
        key = cache_key(self.api_url, self._key_hash, path, params)

        async def fetch() -> tuple[int, Mapping[str, str], bytes]:
            return await self._fetch_in_time(path, params, limit)

        answer = await self.shared.answer(key, self._seal, max_age, limit, fetch, decode)
        if answer.shared:  # another dashboard's request: its budget is the team's
            self.budget.update(answer.headers, at=answer.read_at)
            self.budget.answered()
        if answer.status == 200 and answer.value is not None:
            if on_read is not None:
                on_read(answer.read_at if answer.shared else None)
            return answer.value
        raise self._status_error(answer.status, answer.headers, answer.content)

    async def _fetch_in_time(
        self, path: str, params: dict[str, str], limit: int
    ) -> tuple[int, Mapping[str, str], bytes]:
        """:meth:`_fetch` within the deadline."""
        try:
            # httpx's timeouts are per read: only a deadline over the whole exchange stops a
            # server that sends a byte every few seconds.
            async with asyncio.timeout(self.deadline):
                status, headers, content = await self._fetch(path, params, limit)
        except TimeoutError:
            raise NetworkError(
                f"the server did not answer in full within {self.deadline:g} s", timeout=True
            ) from None
        return status, headers, content

    async def _fetch(self, path: str, params: dict[str, str], limit: int) -> RawAnswer:
        """Status, headers and the decoded body (of an error, at most 1 MB, else none)."""
        early = self.early
        if early is not None:
            answer = await early.take(path, params)
            # Another request may have let go of the early answers while this one waited.
            if early.spent() and self.early is early:
                self.early = None  # the launch is over: no more answers to look for
            if answer is not None:  # this very request, sent at launch: its answer counts
                count_answer(self.budget, answer[0], answer[1])
                return answer
        try:
            async with self._http.stream("GET", path, params=params) as response:
                count_answer(self.budget, response.status_code, response.headers)
                if response.status_code == 200:
                    return 200, response.headers, await read_body(response, limit)
                try:
                    content = await read_body(response, ERROR_BODY_LIMIT)
                except BadResponseError:  # too large or badly encoded: the status says enough
                    content = b""
                return response.status_code, response.headers, content
        except httpx.TimeoutException:
            raise NetworkError("the server did not answer in time", timeout=True) from None
        except httpx.TransportError as exc:
            untrusted = _certificate_refusal(exc)
            if untrusted is not None:
                # The pane says which; the log keeps OpenSSL's whole sentence and the host.
                log.warning(
                    "TLS certificate of %s not trusted by this machine: %s (%s)",
                    self._http.base_url.host,
                    untrusted.verify_message,
                    untrusted,
                )
                raise UntrustedCertificateError(
                    untrusted.verify_message or "verification failed"
                ) from None
            raise NetworkError(_transport_detail(exc)) from None

    def _status_error(self, status: int, headers: Mapping[str, str], content: bytes) -> ApiError:
        if status == 401:
            return UnauthorizedError()
        if status == 403:
            return ForbiddenError()
        if status == 404:
            return NotFoundError()
        if status in (400, 422):
            body = error_body(content)
            details = body.get("details")
            clean: dict[str, list[str]] = {}
            if isinstance(details, dict):
                for key, value in details.items():
                    items = value if isinstance(value, list) else [value]
                    clean[self._text(key)] = [self._text(item) for item in items]
            return BadRequestError(status, self._text(body.get("error") or "Bad request"), clean)
        if status == 429:
            return self.budget.refused(headers, error_body(content).get("retry_after"))
        if 500 <= status <= 599:
            return ServerError(status)
        return BadResponseError(f"unexpected HTTP status {status}", status=status)

    def _text(self, value: object) -> str:
        # A server (or proxy) that echoes the key in its error text must not put it on screen;
        # past the first thousand characters nothing is shown anyway.
        return self._redact(str(value)[:1000])


def _certificate_refusal(exc: BaseException) -> ssl.SSLCertVerificationError | None:
    """The certificate check that failed under ``exc`` (httpx wraps httpcore's error, which
    wraps the ssl module's), if that is what it is."""
    seen: BaseException | None = exc
    for _ in range(8):
        if seen is None or isinstance(seen, ssl.SSLCertVerificationError):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


def _transport_detail(exc: httpx.TransportError) -> str:
    if isinstance(exc, httpx.ConnectError):
        return "could not connect to the server"
    if isinstance(exc, httpx.RemoteProtocolError):
        return "the connection was dropped mid-answer"
    return "the connection failed"

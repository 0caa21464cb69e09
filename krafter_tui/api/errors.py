"""Typed errors raised by the Krafter API client.

Every error carries a short, human ``message`` that is safe to show on screen: it never contains
the API token, and any text taken from the server has been cleaned of control characters and
shortened (see :func:`clean_server_text`).
"""

from __future__ import annotations

import math

from krafter_tui.text.sanitiser import clean_server_text

__all__ = [
    "AnswerTooLargeError",
    "ApiError",
    "BadRequestError",
    "BadResponseError",
    "ForbiddenError",
    "InsecureTransportError",
    "NetworkError",
    "NotFoundError",
    "RateLimitedError",
    "ServerError",
    "UnauthorizedError",
    "UntrustedCertificateError",
    "clean_server_text",
]

MESSAGE_LIMIT = 1000  # an error message is a sentence or two; a server can make it a megabyte


class ApiError(Exception):
    """Base class of every error the client raises; ``message`` is safe to display."""

    status: int | None = None

    def __init__(self, message: str) -> None:
        # Messages quote the server (error bodies, decoder errors naming a bad value): cleaned
        # here once, so every pane, banner and log line that shows one is safe.
        message = clean_server_text(message, MESSAGE_LIMIT)
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class UnauthorizedError(ApiError):
    """401: the key is missing, malformed, expired or revoked."""

    status = 401

    def __init__(self) -> None:
        super().__init__("The API key was refused (missing, expired or revoked): log in again.")


class ForbiddenError(ApiError):
    """403: the key lacks the ``analytics:read`` scope, or the site belongs to another team."""

    status = 403

    def __init__(self) -> None:
        super().__init__(
            "The API key lacks the analytics:read scope (sandbox keys have mail scopes only), "
            "or the site belongs to another team."
        )


class NotFoundError(ApiError):
    """404: no such site for this team."""

    status = 404

    def __init__(self, what: str = "site") -> None:
        super().__init__(f"Not found: no such {what} for this API key's team.")


class BadRequestError(ApiError):
    """400 or 422: a parameter was rejected; ``details`` maps field names to messages."""

    def __init__(self, status: int, error: str, details: dict[str, list[str]] | None = None):
        self.status = status
        self.details = details or {}
        parts = [clean_server_text(error) or "Bad request"]
        for field, messages in self.details.items():
            parts.append(
                f"{clean_server_text(field, 40)}: "
                + "; ".join(clean_server_text(m, 120) for m in messages)
            )
        super().__init__(" — ".join(parts))


class RateLimitedError(ApiError):
    """429: the team's shared budget is spent; wait ``retry_after`` seconds.

    ``capped`` says, in words, why the wait is shorter than the server asked for (an absurd
    ``retry-after``, a reset beyond the 60 s window), or is None when it is what was asked.
    """

    status = 429

    def __init__(self, retry_after: float, capped: str | None = None) -> None:
        self.retry_after = max(0.0, retry_after)
        self.capped = capped
        # Round up: "0 s" while requests are still held back would contradict itself.
        seconds = math.ceil(self.retry_after)
        note = f" ({capped})" if capped else ""
        super().__init__(f"Rate limited by the API: next request in {seconds} s{note}.")


class ServerError(ApiError):
    """5xx: the server (or a proxy in front of it) failed."""

    def __init__(self, status: int) -> None:
        self.status = status
        super().__init__(f"The Krafter server failed (HTTP {status}); it will be retried.")


class NetworkError(ApiError):
    """The server could not be reached, the connection dropped, or a timeout expired."""

    def __init__(self, detail: str, *, timeout: bool = False) -> None:
        self.detail = detail
        self.timeout = timeout
        super().__init__(f"Network problem: {detail}.")


class UntrustedCertificateError(NetworkError):
    """The server's TLS certificate is not trusted by this machine (self-signed, expired,
    issued for another name, by an unknown authority); ``reason`` says which, as OpenSSL put
    it. Retried like any network problem: the user may install the certificate meanwhile."""

    def __init__(self, reason: str) -> None:
        self.reason = clean_server_text(reason, 200)
        super().__init__(f"TLS certificate not trusted by this machine: {self.reason}")


class BadResponseError(ApiError):
    """The server answered, but not with what the contract promises (``path`` names where)."""

    def __init__(self, detail: str, path: str = "$", status: int | None = None) -> None:
        self.path = path
        self.status = status
        super().__init__(f"Unexpected response from the server at {path}: {detail}")


class AnswerTooLargeError(BadResponseError):
    """The answer grew past ``limit`` bytes (on the wire or once decompressed): refused unread.

    No real answer comes near the limit; a gzip bomb or a runaway proxy would otherwise take
    the machine's memory.
    """

    def __init__(self, limit: int, *, compressed: bool = False) -> None:
        self.limit = limit
        self.size_text = f"more than {limit / 2**20:g} MB" + (" compressed" if compressed else "")
        super().__init__(f"answer too large: {self.size_text}")


class InsecureTransportError(ApiError):
    """Refused to send the token in clear text to a host that is not this machine."""

    def __init__(self, host: str) -> None:
        super().__init__(
            f"Refusing to send the API key over plain http:// to {clean_server_text(host, 80)}; "
            "use https:// (plain http is allowed only for localhost)."
        )

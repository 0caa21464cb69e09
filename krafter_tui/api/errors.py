"""Typed errors raised by the Krafter API client.

Every error carries a short, human ``message`` that is safe to show on screen: it never contains
the API token, and any text taken from the server has been cleaned of control characters and
shortened (see :func:`clean_server_text`).
"""

from __future__ import annotations

import math
import re

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

# What must not reach a terminal as it is, by what it becomes (see clean_server_text):
# - line and paragraph breaks, tabs and the other C0 "separators": a space (one line) or, in
#   ``lines`` mode, a real newline for "\n";
# - every other C0/C1 control, DEL, lone surrogates (they cannot even be encoded as UTF-8)
#   and the bidi marks, embeddings, overrides and isolates (they reorder what is read): U+FFFD,
#   so the reader sees that something was there;
# - the other invisible format characters (Unicode category Cf: zero-width space and joiners,
#   word joiner, BOM, soft hyphen, tag characters...): removed. A terminal draws them with a
#   width of its own choosing (which breaks the layout), and they hide text in plain sight.
_OTHER_BREAKS = r"\t\x0b\x0c\r\x1c-\x1f\x85\u2028\u2029"
_REPLACED = (
    r"\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\ud800-\udfff"
    r"\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
)
_REMOVED = (
    r"\u00ad\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200d\u2060-\u2064"
    r"\u206a-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
    r"\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
_BREAK = re.compile(f"[\\n{_OTHER_BREAKS}]")
_BREAK_BUT_NEWLINE = re.compile(f"[{_OTHER_BREAKS}]")
_CONTROL = re.compile(f"[{_REPLACED}]")
_INVISIBLE = re.compile(f"[{_REMOVED}]")
MESSAGE_LIMIT = 1000  # an error message is a sentence or two; a server can make it a megabyte


def clean_server_text(text: object, limit: int | None = 200, *, lines: bool = False) -> str:
    """Return ``text`` as printable text that cannot drive the terminal it is shown on.

    By default one line, stripped, of at most ``limit`` characters (cut with ``…``; None: no
    limit). With ``lines`` newlines are kept and nothing is stripped (log records, CLI output).
    Control characters (CSI, OSC, C1), bidi controls and lone surrogates become U+FFFD,
    zero-width and other invisible format characters are removed, and line breaks become spaces;
    every other character, wide CJK and emoji included, is kept. The one sanitiser for text
    from the server (and for anything else that goes to the screen, a log or stdout as it came).
    """
    value = text if isinstance(text, str) else str(text)
    if not value.isprintable():  # the common case is printable: no regex needed
        value = _INVISIBLE.sub("", value)
        if lines:
            value = _BREAK_BUT_NEWLINE.sub(" ", value.replace("\r\n", "\n"))
        else:
            value = _BREAK.sub(" ", value)
        value = _CONTROL.sub("\ufffd", value)
    if not lines:
        value = value.strip()
    if limit is not None and len(value) > limit:
        value = value[: max(limit - 1, 0)] + "…"
    return value


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

"""Error answers of the demo API, shaped exactly like the documented Krafter error bodies."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from starlette.responses import JSONResponse

__all__ = ["ApiError", "error_response"]

UNAUTHORIZED = "Invalid or missing API key"
FORBIDDEN = "Insufficient scope"
NOT_FOUND = "Not found"
VALIDATION_FAILED = "Validation failed"
RATE_LIMITED = "Rate limit exceeded"


class ApiError(Exception):
    """An error answer: raised anywhere in a handler, turned into a JSON response by the app."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        details: Mapping[str, Sequence[str]] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.details = details

    @classmethod
    def unauthorized(cls) -> ApiError:
        """401: the key is missing, malformed, unknown, expired or revoked."""
        return cls(401, UNAUTHORIZED)

    @classmethod
    def forbidden(cls) -> ApiError:
        """403: a valid key without the ``analytics:read`` scope."""
        return cls(403, FORBIDDEN)

    @classmethod
    def not_found(cls) -> ApiError:
        """404: no such site (or route)."""
        return cls(404, NOT_FOUND)

    @classmethod
    def invalid(cls, details: Mapping[str, Sequence[str]]) -> ApiError:
        """422: the documented validation failure, with per-field messages."""
        return cls(422, VALIDATION_FAILED, details=details)

    def body(self) -> dict[str, Any]:
        """The flat JSON body for this error."""
        body: dict[str, Any] = {"error": self.message}
        if self.details is not None:
            body["details"] = {field: list(msgs) for field, msgs in self.details.items()}
        return body


def error_response(error: ApiError) -> JSONResponse:
    """Render an :class:`ApiError` as its JSON response."""
    return JSONResponse(error.body(), status_code=error.status)

"""What a failed check of a key or an API URL means, in the words the user reads.

``auth login``, ``sites``, the login screen and the dashboard's banner all list the sites
first; a refusal or a 404 there says something about the key or the URL, not about a site.
"""

from __future__ import annotations

from krafter_tui.api import (
    DEFAULT_API_URL,
    ApiError,
    ForbiddenError,
    NotFoundError,
    UnauthorizedError,
    clean_server_text,
)

__all__ = ["key_refused", "shown_url", "sites_error", "wrong_api_url"]

API_PATH = "/api/v1/analytics"


def shown_url(api_url: str) -> str:
    """The API URL as printable text (it comes from flags, env or a file, unchecked bytes)."""
    return clean_server_text(api_url.rstrip("/"), 160)


def wrong_api_url(api_url: str) -> str:
    """The words for a 404 on ``/sites``: that endpoint always exists, so the URL is wrong."""
    url = shown_url(api_url)
    if url.endswith("/api/v1"):
        hint = f"did you mean {url}/analytics?"
    else:
        hint = f"the API root ends in {API_PATH}, e.g. {DEFAULT_API_URL}."
    return (
        f"Wrong API URL: {url}/sites answered 404 Not found; {hint} "
        "(--api-url, KRAFTER_API_URL or api_url in the settings file)"
    )


def key_refused(error: UnauthorizedError | ForbiddenError) -> str:
    """Why the server refused a key being checked (401 or 403)."""
    if isinstance(error, UnauthorizedError):
        return (
            "The server refused the key (HTTP 401): it is unknown there, or was revoked or has "
            "expired. Check that you pasted all of it."
        )
    return (
        "The server refused the key (HTTP 403): it lacks the analytics:read scope (sandbox "
        "keys have mail scopes only)."
    )


def sites_error(error: ApiError, api_url: str) -> str:
    """What a failed ``GET /sites`` means: a refused key, a wrong URL, or the error itself."""
    if isinstance(error, UnauthorizedError | ForbiddenError):
        return key_refused(error)
    if isinstance(error, NotFoundError):
        return wrong_api_url(api_url)
    return error.message

"""API keys of the demo team: the public demo key, a mail-only sandbox key, Bearer parsing."""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["DEMO_SANDBOX_TOKEN", "DEMO_TOKEN", "ApiKey", "authenticate"]

# Public on purpose: the demo server is local and its data synthetic. Both are shaped like real
# keys ("kr_live_" + 43 url-safe characters) so clients exercise their real validation paths.
DEMO_TOKEN = "kr_live_DemoKrafterTuiLocalAnalyticsReadKey00000000"
DEMO_SANDBOX_TOKEN = "kr_live_DemoKrafterTuiSandboxMailScopesOnly00000000"

SCOPE_ANALYTICS_READ = "analytics:read"
DEMO_TEAM = "team_demo"

_KEY_SHAPE = re.compile(r"kr_live_[A-Za-z0-9_-]{43}")


@dataclass(frozen=True)
class ApiKey:
    """A known key: the team whose rate bucket it draws from and the scopes it carries."""

    team: str
    scopes: frozenset[str]

    def can_read_analytics(self) -> bool:
        """Whether the key may call the analytics endpoints."""
        return SCOPE_ANALYTICS_READ in self.scopes


_KEYS = {
    DEMO_TOKEN: ApiKey(DEMO_TEAM, frozenset({SCOPE_ANALYTICS_READ})),
    DEMO_SANDBOX_TOKEN: ApiKey(DEMO_TEAM, frozenset({"mail:send", "mail:read"})),
}
assert all(_KEY_SHAPE.fullmatch(token) for token in _KEYS)


def authenticate(authorization: str | None) -> ApiKey | None:
    """The key named by an ``Authorization`` header value, or None (→ 401).

    Missing headers, other schemes, malformed keys and well-formed unknown keys all give None:
    the real service answers them identically, so the demo does not distinguish them either.
    """
    if not authorization:
        return None
    scheme, _, token = authorization.strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not _KEY_SHAPE.fullmatch(token):
        return None
    return _KEYS.get(token)

"""FaultSpec: which failures the demo server injects, parsed from a short text spec.

Syntax: comma-separated ``key=value`` pairs, e.g.
``latency=200ms,error=0.1,status=500|502|503,ratelimit=0.05,malformed=0.05,cut=0.05,drop=0.02``.

========== ===================================================================================
latency    added delay per request: ``200ms``, ``1.5s``, or a uniform range ``100ms..400ms``
error      share of requests answered 5xx (``0.1`` or ``10%``)
status     the 5xx statuses to pick from, ``|``-separated (default ``500|502|503|504``); 500 is
           the app's JSON error, 502/503/504 are HTML pages as a proxy sends them
ratelimit  share of requests that start a 429 burst: every request in the next ``retry``
           seconds is refused with the documented body and ``retry-after``
retry      length of such a burst in whole seconds (default ``2s``)
malformed  share of 200 answers whose body is not valid JSON
badtypes   share of 200 answers that are valid JSON with wrong-typed fields (numbers as strings)
cut        share of 200 answers whose body stops half-way (well-framed, so JSON parsing fails)
drop       share of requests whose connection is closed without any response
revoked    share of requests refused with the documented 401, as if the key had been revoked
           (``revoked=1``: every request, until the fault is switched off)
only       restrict faults to some endpoints: ``stats|events|realtime|sites``
seed       seed of the fault dice (default 0), so a run is repeatable
========== ===================================================================================

``none`` or an empty spec means no faults. The shares of error, ratelimit, malformed, badtypes,
cut, drop and revoked are exclusive outcomes of one draw per request, so they may add up to at
most 1.
"""

from __future__ import annotations

import difflib
import random
import re
from dataclasses import dataclass, fields

__all__ = ["ENDPOINTS", "FAULT_KINDS", "FaultSpec"]

FAULT_KINDS = ("error", "ratelimit", "malformed", "badtypes", "cut", "drop", "revoked")
ENDPOINTS = ("sites", "stats", "realtime", "events")
STATUSES = (500, 502, 503, 504)
_KEYS = (*FAULT_KINDS, "latency", "status", "retry", "only", "seed")
_DURATION = re.compile(r"(\d+(?:\.\d+)?)(ms|s)")


def _duration(key: str, raw: str) -> float:
    match = _DURATION.fullmatch(raw.strip())
    if not match:
        raise ValueError(f"{key}: expected a duration like 200ms or 1.5s, got {raw!r}")
    value = float(match.group(1))
    return value / 1000 if match.group(2) == "ms" else value


def _share(key: str, raw: str) -> float:
    text = raw.strip()
    try:
        value = float(text[:-1]) / 100 if text.endswith("%") else float(text)
    except ValueError:
        raise ValueError(f"{key}: expected a share like 0.1 or 10%, got {raw!r}") from None
    if not 0 <= value <= 1:
        raise ValueError(f"{key}: a share must be between 0 and 1 (0% and 100%), got {raw!r}")
    return value


def _choices(key: str, raw: str, allowed: tuple[str, ...]) -> tuple[str, ...]:
    picked = tuple(part.strip() for part in raw.split("|"))
    for part in picked:
        if part not in allowed:
            raise ValueError(f"{key}: {part!r} is not one of {'|'.join(allowed)}")
    return picked


@dataclass(frozen=True)
class FaultSpec:
    """Failures to inject, each a share of requests; see the module docstring for the syntax."""

    latency: tuple[float, float] = (0.0, 0.0)
    error: float = 0.0
    statuses: tuple[int, ...] = STATUSES
    ratelimit: float = 0.0
    retry_after: int = 2
    malformed: float = 0.0
    badtypes: float = 0.0
    cut: float = 0.0
    drop: float = 0.0
    revoked: float = 0.0
    only: tuple[str, ...] = ()
    seed: int = 0

    @classmethod
    def parse(cls, text: str) -> FaultSpec:
        """Parse a spec such as ``latency=200ms,error=0.1``; ValueError says what is wrong."""
        values: dict[str, object] = {}
        seen: set[str] = set()
        stripped = text.strip()
        if stripped.lower() in ("", "none", "off"):
            return cls()
        for item in stripped.split(","):
            key, sep, raw = (part.strip() for part in item.partition("="))
            if not sep or not raw:
                raise ValueError(f"fault {item.strip()!r}: expected key=value")
            if key not in _KEYS:
                near = difflib.get_close_matches(key, _KEYS, n=1)
                hint = f" (did you mean {near[0]!r}?)" if near else ""
                raise ValueError(f"unknown fault {key!r}{hint}; known: {', '.join(_KEYS)}")
            if key in seen:
                raise ValueError(f"fault {key!r} given twice")
            seen.add(key)
            if key == "latency":
                low, dots, high = raw.partition("..")
                lo = _duration(key, low)
                hi = _duration(key, high) if dots else lo
                if hi < lo or hi > 60:
                    raise ValueError(f"latency: need low <= high <= 60s, got {raw!r}")
                values[key] = (lo, hi)
            elif key == "status":
                values["statuses"] = tuple(
                    int(s) for s in _choices(key, raw, tuple(map(str, STATUSES)))
                )
            elif key == "retry":
                seconds = _duration(key, raw if raw[-1] == "s" else raw + "s")
                if seconds != int(seconds) or not 1 <= seconds <= 3600:
                    raise ValueError(f"retry: expected whole seconds from 1s to 3600s, got {raw!r}")
                values["retry_after"] = int(seconds)
            elif key == "only":
                values[key] = _choices(key, raw, ENDPOINTS)
            elif key == "seed":
                if not re.fullmatch(r"-?\d+", raw):
                    raise ValueError(f"seed: expected an integer, got {raw!r}")
                values[key] = int(raw)
            else:
                values[key] = _share(key, raw)
        spec = cls(**values)  # type: ignore[arg-type]
        total = sum(getattr(spec, kind) for kind in FAULT_KINDS)
        if total > 1 + 1e-9:
            raise ValueError(f"the shares of {', '.join(FAULT_KINDS)} add up to {total:g} (> 1)")
        return spec

    def __str__(self) -> str:
        """The spec in its own syntax, only the settings that differ from the defaults."""
        parts = []
        for f in fields(self):
            value = getattr(self, f.name)
            if value == f.default:
                continue
            if f.name == "latency":
                lo, hi = (f"{round(v * 1000)}ms" for v in value)
                parts.append(f"latency={lo}" if lo == hi else f"latency={lo}..{hi}")
            elif f.name == "statuses":
                parts.append("status=" + "|".join(map(str, value)))
            elif f.name == "retry_after":
                parts.append(f"retry={value}s")
            elif f.name == "only":
                parts.append("only=" + "|".join(value))
            else:
                parts.append(f"{f.name}={value:g}")
        return ",".join(parts) or "none"

    @property
    def active(self) -> bool:
        """Whether this spec injects anything at all."""
        return self != FaultSpec(seed=self.seed)

    def applies_to(self, endpoint: str) -> bool:
        """Whether faults apply to ``endpoint`` (one of :data:`ENDPOINTS`, or '' for others)."""
        return not self.only or endpoint in self.only

    def draw(self, rng: random.Random) -> str | None:
        """Pick this request's fault kind (one of :data:`FAULT_KINDS`) or None."""
        roll = rng.random()
        for kind in FAULT_KINDS:
            share: float = getattr(self, kind)
            if roll < share:
                return kind
            roll -= share
        return None

    def delay(self, rng: random.Random) -> float:
        """This request's added latency in seconds."""
        lo, hi = self.latency
        return lo if lo == hi else rng.uniform(lo, hi)

"""What a demo site's traffic looks like: the profile types and the audience tables they share."""

from __future__ import annotations

from dataclasses import dataclass, field

from krafter_tui.demo.sampling import Table

__all__ = [
    "COUNTRIES_DEV",
    "COUNTRIES_GLOBAL",
    "PLATFORMS_DEV",
    "PLATFORMS_GLOBAL",
    "EventSpec",
    "Platform",
    "SiteProfile",
    "Source",
    "Spike",
]


@dataclass(frozen=True)
class Source:
    """Where a visit came from: the referrer domain (or ``(direct)``) and its UTM tags."""

    referrer: str = "(direct)"
    utm_source: str | None = None
    utm_medium: str | None = None
    utm_campaign: str | None = None


@dataclass(frozen=True)
class Platform:
    """A device/OS/browser combination that exists in the wild (no iOS on desktops)."""

    device: str
    os: str
    browser: str


@dataclass(frozen=True)
class EventSpec:
    """A custom event: share of daily visitors triggering it, repeats, optional revenue."""

    name: str
    rate: float
    repeat: float = 1.0
    prices: tuple[float, ...] = ()


@dataclass(frozen=True)
class Spike:
    """Extra traffic starting ``days_ago`` days before today and decaying exponentially."""

    days_ago: int
    extra: float
    decay: float
    sources: Table[Source]
    paths: Table[str]


@dataclass(frozen=True)
class SiteProfile:
    """Everything that shapes one demo site's traffic, history and live."""

    slug: str
    name: str
    domain: str
    site_key: str
    public_stats: bool
    age_days: int
    visitors: float
    growth: float
    weekly: tuple[float, float, float, float, float, float, float]
    visits_per_visitor: float
    pages_per_visit: float
    countries: Table[str]
    platforms: Table[Platform]
    sources: Table[Source]
    paths: Table[str]
    events: tuple[EventSpec, ...] = ()
    spikes: tuple[Spike, ...] = ()
    ramp_days: int = 0
    holiday_dip: float = 1.0
    hours: tuple[float, ...] = field(default=())


_W, _M, _L, _I, _A = "Windows", "macOS", "Linux", "iOS", "Android"


def _platforms(desktop: float, linux: float) -> Table[Platform]:
    mobile = 1 - desktop
    return Table(
        [
            (Platform("Desktop", _W, "Chrome"), desktop * 0.40),
            (Platform("Desktop", _W, "Edge"), desktop * 0.10),
            (Platform("Desktop", _W, "Firefox"), desktop * 0.05),
            (Platform("Desktop", _M, "Chrome"), desktop * (0.17 - linux / 2)),
            (Platform("Desktop", _M, "Safari"), desktop * 0.12),
            (Platform("Desktop", _M, "Firefox"), desktop * 0.03),
            (Platform("Desktop", _L, "Chrome"), desktop * (0.04 + linux / 2)),
            (Platform("Desktop", _L, "Firefox"), desktop * (0.02 + linux / 2)),
            (Platform("Mobile", _A, "Chrome"), mobile * 0.42),
            (Platform("Mobile", _A, "Samsung Internet"), mobile * 0.06),
            (Platform("Mobile", _A, "Firefox"), mobile * 0.01),
            (Platform("Mobile", _I, "Safari"), mobile * 0.41),
            (Platform("Tablet", _I, "Safari"), mobile * 0.07),
            (Platform("Tablet", _A, "Chrome"), mobile * 0.03),
        ]
    )


PLATFORMS_GLOBAL = _platforms(desktop=0.58, linux=0.0)
PLATFORMS_DEV = _platforms(desktop=0.86, linux=0.12)

_COUNTRY_SHARES = (
    "US 30, DE 8, GB 7, IN 6.5, FR 4, CA 4, NL 3, BR 3, ES 2.2, IT 2.1, PL 2, AU 2, SE 1.5, "
    "JP 1.5, CH 1.2, AT 1, BE 1, DK 0.8, NO 0.7, FI 0.6, IE 0.7, PT 0.7, CZ 0.6, RO 0.6, UA 0.6, "
    "RS 0.4, MX 1.1, AR 0.6, ID 0.9, PH 0.6, SG 0.5, KR 0.6, TR 0.6, IL 0.5, ZA 0.5, NG 0.4, "
    "VN 0.5, NZ 0.4, GR 0.4, HU 0.4, EE 0.2, LT 0.2, TW 0.4, CO 0.4, CL 0.3, EG 0.2, KE 0.15"
)


def _countries(tilt: dict[str, float]) -> Table[str]:
    pairs = [item.split() for item in _COUNTRY_SHARES.split(", ")]
    return Table([(code, float(w) * tilt.get(code, 1.0)) for code, w in pairs])


COUNTRIES_GLOBAL = _countries({})
COUNTRIES_DEV = _countries({"DE": 1.5, "IN": 1.6, "US": 0.9, "BR": 0.7, "PL": 1.4, "RS": 1.5})

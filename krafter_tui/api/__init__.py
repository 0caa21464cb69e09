"""The Krafter Analytics API client: httpx, typed models, typed errors. No Textual here."""

from krafter_tui.api.budget import RateBudget
from krafter_tui.api.client import DEFAULT_API_URL, KrafterClient, is_loopback_host
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
    clean_server_text,
)
from krafter_tui.api.models import (
    DIMENSIONS,
    BreakdownRow,
    DateRange,
    Dimension,
    Event,
    Realtime,
    Site,
    Stats,
    TimeseriesPoint,
    Totals,
)
from krafter_tui.api.period import PRESETS, Period, PeriodError

__all__ = [
    "DEFAULT_API_URL",
    "DIMENSIONS",
    "PRESETS",
    "ApiError",
    "BadRequestError",
    "BadResponseError",
    "BreakdownRow",
    "DateRange",
    "Dimension",
    "Event",
    "ForbiddenError",
    "InsecureTransportError",
    "KrafterClient",
    "NetworkError",
    "NotFoundError",
    "Period",
    "PeriodError",
    "RateBudget",
    "RateLimitedError",
    "Realtime",
    "ServerError",
    "Site",
    "Stats",
    "TimeseriesPoint",
    "Totals",
    "UnauthorizedError",
    "clean_server_text",
    "is_loopback_host",
]

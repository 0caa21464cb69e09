"""krafter-tui: a terminal dashboard for Krafter Analytics.

Also what every room may know about the product without importing another: its version and the
Krafter API it talks to unless told otherwise (``api`` and ``config`` hand :data:`DEFAULT_API_URL`
on; it lives here because ``config`` must stay light for ``--help`` and ``api`` may not import
``config``).
"""

from typing import Final

__version__ = "0.1.0"
#: The API root used when no flag, ``KRAFTER_API_URL`` or ``config.toml`` names another.
DEFAULT_API_URL: Final = "https://app.krafter.dev/api/v1/analytics"

__all__ = ["DEFAULT_API_URL", "__version__"]

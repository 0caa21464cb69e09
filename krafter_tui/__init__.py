"""krafter-tui: a terminal dashboard for Krafter Analytics."""

__version__ = "0.1.0"

__all__ = ["__version__"]

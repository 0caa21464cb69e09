"""Tests of the Krafter API client (krafter_tui.api): unit tests and real loopback HTTP."""

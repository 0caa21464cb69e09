"""All sites at a glance, without Textual: one row per site of the team, refreshed one at a time
within the team's request budget, and the words of each row.

May import: ``api``, ``feeds`` (the polling core's schedule and so-far rule), ``alerts``, ``text``.
Imported by the UI (``ui.screens.overview``) and by the benchmarks.
"""

"""Exports, without Textual: what the dashboard shows as CSV or JSON (:mod:`.formats`, also
``krafter-tui export``), and the dashboard's own export files: what can be exported, each file's
name and text (:mod:`.files`).

May import: ``api``, ``feeds``, ``text``, ``local``. Never the UI.
"""

"""Text for people, without Textual: numbers, changes and durations (:mod:`.numbers`), country
names (:mod:`.countries`), and the API key cut out of any text (:mod:`.redact`).

Imports nothing of the package but itself: every other room may use it.
"""

"""The API key: where it lives (``KRAFTER_API_TOKEN``, else the OS keyring: :mod:`.store`),
which keyring backend can hold it (:mod:`.keyring_backend`), and what a failed check of a key
or an API URL means in the user's words (:mod:`.check`).

May import: ``api`` (its errors), ``text``. Never the UI.
"""

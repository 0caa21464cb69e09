"""Alerts, without Textual: visitors-now readings in, spikes, drops and sites gone quiet out
(:mod:`.watch`); what an alert is (:mod:`.model`); the user's alert command (:mod:`.command`)
and the claim that runs it once per alert however many dashboards see it (:mod:`.claim`).

May import: ``api``, ``text``, ``local``. Never the UI.
"""

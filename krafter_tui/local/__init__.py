"""What the app keeps on this machine: the last site, period and theme (:mod:`.remembered`),
the log file (:mod:`.logfile`), and opening local files so the file system cannot trick the
app (:mod:`.files`).

May import: ``api``, ``text``. Never the UI.
"""

"""The one sanitiser: text that came from outside (the server, a file, the user's shell), made
printable and unable to drive the terminal, the log or stdout it goes to. Imports nothing of
the package."""

from __future__ import annotations

import re

__all__ = ["clean_server_text"]

# What must not reach a terminal as it is, by what it becomes (see clean_server_text):
# - line and paragraph breaks, tabs and the other C0 "separators": a space (one line) or, in
#   ``lines`` mode, a real newline for "\n";
# - every other C0/C1 control, DEL, lone surrogates (they cannot even be encoded as UTF-8)
#   and the bidi marks, embeddings, overrides and isolates (they reorder what is read): U+FFFD,
#   so the reader sees that something was there;
# - the other invisible format characters (Unicode category Cf: zero-width space and joiners,
#   word joiner, BOM, soft hyphen, tag characters...): removed. A terminal draws them with a
#   width of its own choosing (which breaks the layout), and they hide text in plain sight.
_OTHER_BREAKS = r"\t\x0b\x0c\r\x1c-\x1f\x85\u2028\u2029"
_REPLACED = (
    r"\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\ud800-\udfff"
    r"\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
)
_REMOVED = (
    r"\u00ad\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200d\u2060-\u2064"
    r"\u206a-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
    r"\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
_BREAK = re.compile(f"[\\n{_OTHER_BREAKS}]")
_BREAK_BUT_NEWLINE = re.compile(f"[{_OTHER_BREAKS}]")
_CONTROL = re.compile(f"[{_REPLACED}]")
_INVISIBLE = re.compile(f"[{_REMOVED}]")


def clean_server_text(text: object, limit: int | None = 200, *, lines: bool = False) -> str:
    """Return ``text`` as printable text that cannot drive the terminal it is shown on.

    By default one line, stripped, of at most ``limit`` characters (cut with ``…``; None: no
    limit). With ``lines`` newlines are kept and nothing is stripped (log records, CLI output).
    Control characters (CSI, OSC, C1), bidi controls and lone surrogates become U+FFFD,
    zero-width and other invisible format characters are removed, and line breaks become spaces;
    every other character, wide CJK and emoji included, is kept. The one sanitiser for text
    from the server (and for anything else that goes to the screen, a log or stdout as it came).
    """
    value = text if isinstance(text, str) else str(text)
    if not value.isprintable():  # the common case is printable: no regex needed
        value = _INVISIBLE.sub("", value)
        if lines:
            value = _BREAK_BUT_NEWLINE.sub(" ", value.replace("\r\n", "\n"))
        else:
            value = _BREAK.sub(" ", value)
        value = _CONTROL.sub("\ufffd", value)
    if not lines:
        value = value.strip()
    if limit is not None and len(value) > limit:
        value = value[: max(limit - 1, 0)] + "…"
    return value

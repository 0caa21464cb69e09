"""Cutting the API key's secret out of text, in whatever form a server may echo it.

A server or proxy that quotes the key back may drop the ``kr_live_`` prefix, change its case,
cut it short, or break it up with zero-width characters, spaces or a line break. Matching is
done on a folded copy of the text (invisible characters and spaces dropped, NFKC, case folded)
against the folded secret; every run of it long enough not to be chance is cut from the
original text. The first 12 characters of the key (the most a UI may show) stay visible.

Every other way out cuts a key here too, to the same :data:`SHOWN_PREFIX`: the key as shown
(:func:`shown_prefix`), and a known key or anything key-like in a message or a log line
(:func:`cut_keys`).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

__all__ = ["KEY_LIKE", "SHOWN_PREFIX", "KeyRedactor", "cut_keys", "shown_prefix"]

SHOWN_PREFIX: Final = 12  # the Krafter dashboard identifies a key by its first 12 characters
KEY_LIKE: Final = re.compile(r"kr_[a-z]+_[A-Za-z0-9_-]+")  # a Krafter key, or a piece of one
MIN_RUN: Final = 8  # 8 characters of a random key (case folded) are ~36**8 to 1 against chance
_PREFIX = re.compile(r"kr_[a-z]+_")  # kr_live_, kr_test_: not secret
# Invisible or spacing characters a key may be broken up with: controls, format characters
# (zero-width, bidi), spaces and separators, combining marks.
_HIDDEN: Final = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp", "Mn", "Me"})


def shown_prefix(token: str) -> str:
    """``kr_live_abcd…``: the first :data:`SHOWN_PREFIX` characters of ``token`` and an ellipsis."""
    return token[:SHOWN_PREFIX] + "…"


def cut_keys(text: str, token: str | None = None) -> str:
    """``text`` with ``token`` and every key-like word cut to its shown prefix.

    A key-like word no longer than the prefix is left as it is: it shows no more than the prefix
    a UI may show (and ``kr_live_abcd…`` is not cut again).
    """
    if token:
        text = text.replace(token, shown_prefix(token))
    return KEY_LIKE.sub(
        lambda m: m.group() if len(m.group()) <= SHOWN_PREFIX else shown_prefix(m.group()), text
    )


def _fold(char: str) -> str:
    """What ``char`` counts as when matching: "" for the invisible, else its folded form."""
    if char.isascii():
        return char.lower() if char.isprintable() and char != " " else ""
    if unicodedata.category(char) in _HIDDEN:
        return ""
    return unicodedata.normalize("NFKC", char).casefold()


class KeyRedactor:
    """Cuts ``token``'s secret part out of any text; call it on the text."""

    def __init__(self, token: str) -> None:
        prefix = _PREFIX.match(token)
        start = prefix.end() if prefix else 0
        self.prefix = token[:SHOWN_PREFIX]
        self._secret = "".join(_fold(c) for c in token[start:])
        # How many leading characters of the secret are inside the 12 a UI may show.
        self._free = max(0, SHOWN_PREFIX - start)
        self._at: dict[str, list[int]] = {}
        for offset, char in enumerate(self._secret):
            self._at.setdefault(char, []).append(offset)
        # A short secret (not a real key) is only redacted whole: parts of it are not rare.
        self._min_run = min(MIN_RUN, len(self._secret)) if len(self._secret) >= 16 else None

    def __repr__(self) -> str:
        return f"KeyRedactor({shown_prefix(self.prefix)!r})"

    def __call__(self, text: object) -> str:
        """``text`` as a string, with each echo of the secret replaced by ``…``."""
        original = str(text)
        if not self._secret:
            return original
        folded: list[str] = []
        origin: list[int] = []  # index in ``original`` of each folded character
        for index, char in enumerate(original):
            for piece in _fold(char):
                folded.append(piece)
                origin.append(index)
        hidden = self._hidden_spans(folded)
        if not hidden:
            return original
        out: list[str] = []
        last = 0
        for begin, end in hidden:
            first, past = origin[begin], origin[end - 1] + 1
            if first < last:  # overlaps the span before (one character folded to several)
                first = last
            out.append(original[last:first])
            out.append("…")
            last = max(last, past)
        out.append(original[last:])
        return "".join(out)

    def _hidden_spans(self, folded: list[str]) -> list[tuple[int, int]]:
        """Merged ``[begin, end)`` ranges of ``folded`` that repeat the secret."""
        secret, size = self._secret, len(folded)
        cut = [False] * size
        for i, char in enumerate(folded):
            for j in self._at.get(char, ()):
                run = 0
                while (
                    i + run < size and j + run < len(secret) and folded[i + run] == secret[j + run]
                ):
                    run += 1
                long_enough = run == len(secret) if self._min_run is None else run >= self._min_run
                # Starting where the key's secret starts, anything past the shown prefix is out.
                from_start = j == 0 and run > self._free
                if not (long_enough or from_start):
                    continue
                for k in range(max(0, self._free - j), run):
                    cut[i + k] = True
        spans: list[tuple[int, int]] = []
        i = 0
        while i < size:
            if not cut[i]:
                i += 1
                continue
            begin = i
            while i < size and cut[i]:
                i += 1
            spans.append((begin, i))
        return spans

"""Looking for ASCII words in any case without ``re.IGNORECASE``.

A pattern compiled with ``re.IGNORECASE`` that opens on a letter (or on
``\\b``) gives the regex engine no first character to skip ahead to: it tries
the whole pattern at every character, about a millisecond over an article for
each such pattern. The words themselves, looked for in the lower-cased text
(with ``in`` or a case-sensitive pattern), are found at C speed.

The two agree whenever lower-casing keeps every character at its offset and
the text holds none of the characters ``re.IGNORECASE`` matches to an ASCII
letter besides its two cases; ``ascii_lowered`` answers None otherwise, and the
caller searches the text itself as before.
"""

from __future__ import annotations

# Besides "x" and "X", IGNORECASE matches "i" to the dotted capital and the
# dotless small I, "s" to the long s and "k" to the Kelvin sign.
IGNORECASE_EXTRAS = "\u0130\u0131\u017f\u212a"


def ascii_lowered(text: str) -> str | None:
    """``text.lower()`` when it reads as ``text`` for lower-case ASCII words, else None.

    A lower-case ASCII pattern (its letters lower case, anything else free of
    case) matches the result at the same offsets as the pattern compiled with
    ``re.IGNORECASE`` matches ``text``.
    """
    lowered = text.lower()
    if len(lowered) != len(text):
        return None  # a character lower-cased into two ("İ"): offsets would move
    if any(c in text for c in IGNORECASE_EXTRAS):
        return None
    return lowered

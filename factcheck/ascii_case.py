"""Looking for ASCII words in any case without ``re.IGNORECASE``.

A pattern compiled with ``re.IGNORECASE`` that opens on a letter (or on
``\\b``) gives the regex engine no first character to skip ahead to: it tries
the whole pattern at every character, about a millisecond over an article for
each such pattern. The words themselves, looked for in the lower-cased text
(with ``in`` or a case-sensitive pattern), are found at C speed.

``re.IGNORECASE`` matches an ASCII letter to its two cases and to four more
characters: the dotted capital and the dotless small I, the long s and the
Kelvin sign. Those are folded to the letter before lower-casing, so the
lowered text holds an ASCII letter exactly where the text holds a character
``re.IGNORECASE`` matches to it, at the same offset.
"""

from __future__ import annotations

# What re.IGNORECASE matches to "i", "s" and "k" besides their two cases.
IGNORECASE_EXTRAS = {"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"}


def ascii_lowered(text: str) -> str:
    """``text`` lower-cased, with the extras folded: every character stays at its offset.

    A lower-case ASCII pattern (its letters lower case, anything else free of
    case) matches the result at the same offsets as the pattern compiled with
    ``re.IGNORECASE`` matches ``text``. (The dotted capital I is the one
    character whose lower case is two; folded first, it is one.)
    """
    for extra, letter in IGNORECASE_EXTRAS.items():
        if extra in text:
            text = text.replace(extra, letter)  # far quicker than str.translate
    return text.lower()

"""Lower-cased text for fast case-insensitive matching of lower-case ASCII patterns.

A case-sensitive search of a lower-case pattern in lower-cased text is several
times faster than a ``re.IGNORECASE`` search. The two find the same spans when
lowering keeps every offset and maps a character to an ASCII letter exactly
when ``re.IGNORECASE`` matches it to that letter; ``str.lower`` does both
except for three letters, which are mapped first: dotted capital I (its lower
case is two characters), dotless i and long s (``re.IGNORECASE`` matches them
to "i" and "s", ``str.lower`` keeps them).

It is also the key under which a case-insensitively matched word is looked up
("ſome" matched "some" and must read as "some").
"""

from __future__ import annotations

_TRAPS = (("\u0130", "i"), ("\u0131", "i"), ("\u017f", "s"))


def lower_for_matching(text: str) -> str:
    """``text`` lower-cased, offsets kept; see the module notes."""
    if not text.isascii():
        # str.replace and ``in`` run at memory speed, even on megabytes.
        for trap, letter in _TRAPS:
            if trap in text:
                text = text.replace(trap, letter)
    return text.lower()

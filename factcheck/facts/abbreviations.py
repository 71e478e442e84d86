"""Abbreviations whose full stop does not end a sentence.

One list for every path that asks "does this full stop end a sentence?": the
sentence segmenter, the chunker's token scan and the offline engine's fragment
checks. Entries are lower case, without their final full stop.
"""

from __future__ import annotations

import re

from factcheck.facts.vocabulary import word_set

# Titles before a name, months and weekdays, and the Latin and business
# shorthand that news prose uses mid-sentence. Multi-letter initialisms (U.S.,
# M.D., p.m.) need no entry: ``is_abbreviation`` recognises them by shape.
ABBREVIATIONS = word_set(
    """mr mrs ms dr prof sr jr st mt ft gen col lt sgt capt cmdr adm gov sen rep
    pres rev hon messrs mme mlle jan feb mar apr jun jul aug sep sept oct nov dec
    mon tue tues wed thu thur thurs fri sat sun no nos vol vs etc inc ltd corp co
    dept univ est approx fig al ave blvd rd maj u.s u.k u.n e.u a.m p.m e.g
    i.e d.c n.y l.a"""
)

_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
# "U.S", "M.D", "p.m", "B.B": single letters joined by full stops.
_INITIALISM = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")


def is_abbreviation(text: str, dot: int) -> bool:
    """True when the full stop at ``dot`` closes an abbreviation or an initial."""
    if text[dot] != ".":
        return False
    m = _WORD_BEFORE.search(text, max(0, dot - 12), dot)
    if m is None:
        return False
    word = m.group(1)
    if m.start() > 0 and text[m.start() - 1].isalnum():
        return False  # the tail of a longer token, not a word of its own
    bare = word.rstrip(".")
    if bare.lower() in ABBREVIATIONS or _INITIALISM.fullmatch(bare):
        return True
    # Single capital initial ("J. K. Rowling"), but not a one-letter sentence end
    # such as "Plan B." which is rare enough in news to accept the miss.
    return len(bare) == 1 and bare.isupper()


def is_initialism(text: str, dot: int) -> bool:
    """True when the full stop at ``dot`` closes letters joined by full stops ("U.S.", "p.m.")."""
    m = _WORD_BEFORE.search(text, max(0, dot - 12), dot)
    return m is not None and _INITIALISM.fullmatch(m.group(1).rstrip(".")) is not None

"""Sentence and paragraph boundaries as character spans.

A rule-based splitter tuned for news English: it knows common abbreviations
(Mr., U.S., Jan.), initials, decimals and closing quotes after the full stop.
It returns spans, never copies, so every consumer keeps exact offsets.
"""

from __future__ import annotations

import re

Span = tuple[int, int]

ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sr jr st mt ft gen col lt sgt capt cmdr adm gov sen rep
    pres rev hon messrs mme mlle jan feb mar apr jun jul aug sep sept oct nov dec
    mon tue tues wed thu thur thurs fri sat sun no nos vol vs etc inc ltd corp co
    dept univ est approx fig al ave blvd rd gen maj u.s u.k u.n e.u a.m p.m e.g
    i.e d.c n.y l.a""".split()
)

# A candidate end: terminal punctuation, optional closing quotes/brackets, then
# whitespace and something that can open a sentence.
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\f\v\u00a0]*\n\s*")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")


def is_abbreviation(text: str, dot: int) -> bool:
    """True when the full stop at ``dot`` closes an abbreviation or an initial."""
    if text[dot] != ".":
        return False
    m = _WORD_BEFORE.search(text, max(0, dot - 12), dot)
    if m is None:
        return False
    word = m.group(1).lower().rstrip(".")
    if word in ABBREVIATIONS:
        return True
    # Single capital initial ("J. K. Rowling"), but not a one-letter sentence end
    # such as "Plan B." which is rare enough in news to accept the miss.
    return len(word) == 1 and m.group(1).isupper()


def _trim(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def paragraph_spans(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Non-empty paragraphs (blocks separated by blank lines), whitespace-trimmed."""
    stop = len(text) if end is None else end
    spans: list[Span] = []
    pos = start
    for m in _PARAGRAPH_BREAK.finditer(text, start, stop):
        span = _trim(text, pos, m.start())
        if span:
            spans.append(span)
        pos = m.end()
    span = _trim(text, pos, stop)
    if span:
        spans.append(span)
    return spans


# One pass finds both kinds of boundary: a line break, or terminal punctuation
# (with closing quotes/brackets) before same-line whitespace and a sentence opener.
# The opener is an ASCII or Latin-1 capital or a digit, or any other non-ASCII
# letter, which must then be upper case (Ł, Ø, Č): group 1 holds it for that check.
_BOUNDARY = re.compile(
    r"""\n|[.!?…]+["'”’»)\]]*(?=[^\S\n]+["'“‘«(\[]?([A-Z0-9À-ÖØ-Þ]|[^\x00-\xff]))"""
)


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Sentences in ``text[start:end]``, whitespace-trimmed; line breaks always end one."""
    stop = len(text) if end is None else end
    spans: list[Span] = []
    append = spans.append
    pos = start
    for m in _BOUNDARY.finditer(text, start, stop):
        cut = m.end()
        opener = m.group(1)
        if opener is not None and opener > "\xff" and not opener.isupper():
            continue
        if text[m.start()] == ".":
            if cut - m.start() == 1 and is_abbreviation(text, m.start()):
                continue
        elif text[m.start()] == "\n":
            cut = m.start()
        s, e = pos, cut
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            append((s, e))
        pos = m.end()
    span = _trim(text, pos, stop)
    if span:
        append(span)
    return spans


def sentence_containing(spans: list[Span], pos: int) -> int | None:
    """Index of the span containing ``pos`` (spans sorted, non-overlapping)."""
    lo, hi = 0, len(spans)
    while lo < hi:
        mid = (lo + hi) // 2
        s, e = spans[mid]
        if pos < s:
            hi = mid
        elif pos >= e:
            lo = mid + 1
        else:
            return mid
    return None

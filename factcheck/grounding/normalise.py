"""A matching form of text that remembers where every character came from.

Quotes copied by a model differ from the article in ways a reader would not
notice: curly or straight quotation marks, a dash of another kind (or spaces
around it), line breaks and runs of spaces, "…" written as "...", zero-width
characters, letter case. ``normalise`` removes those differences and keeps a
piecewise map so that a match in the normalised text has an exact span in the
original. Only length-changing edits are recorded, so the map stays small
even for a 10 MB article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from factcheck.offsets import OffsetMap

DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
# Edits that change length: whitespace around a dash, an ellipsis, zero-width
# characters, and whitespace other than one plain space.
# Every alternative opens with a space or a listed character, which lets the
# regex engine skip plain text quickly.
_SPECIAL = rf"[^\S ]|[{DASHES}\u2026{_ZERO_WIDTH}]"
_EDITS = re.compile(rf"(?:  +| ?(?:{_SPECIAL}))(?:\s|[{DASHES}\u2026{_ZERO_WIDTH}])*")
# One-for-one substitutions (offsets unchanged); chained str.replace is much
# faster than str.translate on megabytes of text.
QUOTE_MARKS = (
    *((c, "'") for c in "\u2018\u2019\u201a\u201b\u2032\u00b4`"),
    *((c, '"') for c in "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"),
)
_SAME_LENGTH = (
    *QUOTE_MARKS,
    ("\u0130", "i"),  # the one capital whose lower case is two characters long
)
_PIECE = 1 << 20  # characters normalised at a time
_BETWEEN_LETTERS = re.compile("[A-Za-z](?=[A-Za-z])")


def _replacement(run: str) -> str:
    """The normalised form of a run of whitespace, dashes, ellipses and zero-width marks.

    Whitespace collapses to one space, and disappears next to a dash; each dash
    becomes "-"; "…" becomes "..."; zero-width characters vanish.
    """
    out: list[str] = []
    space = False
    for char in run:
        if char in _ZERO_WIDTH:
            continue
        if char in DASHES:
            out.append("-")
            space = False
        elif char.isspace():
            space = (bool(out) and out[-1] != "-") or not out
        else:  # the ellipsis
            if space:
                out.append(" ")
            out.append("...")
            space = False
    if space and (not out or out[-1] != "-"):
        out.append(" ")
    return "".join(out)


@dataclass
class NormalisedText:
    """``text`` is the normalised form; spans map back to the source with ``source_span``."""

    text: str
    source_length: int
    offsets: OffsetMap = field(default_factory=OffsetMap, repr=False)

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Smallest source span that produced normalised ``[start, end)``."""
        return self.offsets.span_to_original(start, end)

    def norm_position(self, pos: int) -> int:
        """Normalised offset of source offset ``pos`` (start of a replaced run)."""
        return self.offsets.to_clean(pos)


def _cuts(text: str) -> list[int]:
    """Where ``normalise`` may finish one piece and start the next: between two ASCII
    letters, about every ``_PIECE`` characters, and at the end.

    No edit touches a letter, and lower-casing a letter between two others
    does not depend on anything beyond them (Greek final sigma needs no
    letter after it), so each piece is normalised on its own.
    """
    cuts: list[int] = []
    pos = _PIECE
    while pos < len(text):
        m = _BETWEEN_LETTERS.search(text, pos)
        if m is None:
            break
        cuts.append(m.end())
        pos = m.end() + _PIECE
    cuts.append(len(text))
    return cuts


def _finish(parts: list[str]) -> str:
    piece = "".join(parts)
    for char, replacement in _SAME_LENGTH:
        if char in piece:
            piece = piece.replace(char, replacement)
    # After the substitutions no character lower-cases to more than one, so
    # offsets hold; the check stays in case Unicode ever adds one.
    lowered = piece.lower()
    return lowered if len(lowered) == len(piece) else piece


def fold_marks(text: str) -> str:
    """``text`` with every quotation mark and dash written as its ASCII form, one for one."""
    for char, replacement in QUOTE_MARKS:
        if char in text:
            text = text.replace(char, replacement)
    for dash in DASHES[1:]:
        if dash in text:
            text = text.replace(dash, "-")
    return text


def normalise(text: str) -> NormalisedText:
    """The matching form of ``text`` and its map back to ``text``.

    Built piece by piece (see ``_cuts``), so a body of megabytes never has
    more than one piece's worth of small strings alive at a time.
    """
    pieces: list[str] = []
    parts: list[str] = []
    offsets = OffsetMap()
    pos = 0
    for cut in _cuts(text):
        for m in _EDITS.finditer(text, pos, cut):
            token = m.group(0)
            replacement = _replacement(token)
            if replacement == token:
                continue  # a plain hyphen or a single space: nothing to record
            offsets.keep(m.start() - pos)
            parts.append(text[pos : m.start()])
            offsets.replace(len(token), len(replacement))
            parts.append(replacement)
            pos = m.end()
        offsets.keep(cut - pos)
        parts.append(text[pos:cut])
        pos = cut
        pieces.append(_finish(parts))
        parts = []
    joined = pieces[0] if len(pieces) == 1 else "".join(pieces)
    return NormalisedText(joined, len(text), offsets)

"""Who is speaking inside a quotation that runs over several sentences.

News writing names a speaker once and lets the quotation go on:

    “The wind did most of the damage,” said Fire Chief Roberta Lindqvist.
    “We had gusts of up to 80 kilometres an hour last night.

The second sentence is hers too: a quotation that opens in the same paragraph
right after an attributed one belongs to the same speaker, and so does every
sentence inside a quotation still open from an earlier sentence. A paragraph
break, or a sentence of narration (no quotation marks), ends both rules, so a
speaker is never carried into text that may be someone else's.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_MARK = re.compile(r"[“”\"]")


class QuoteContext(NamedTuple):
    """How one sentence sits in the quotations of its paragraph."""

    inside: bool  # the sentence starts inside a quotation opened earlier
    opens: bool  # the sentence starts with an opening quotation mark
    speaker: str | None  # the speaker it inherits, when it names none itself
    anchor: int | None  # body offset of the sentence that names that speaker

    @property
    def quoted(self) -> bool:
        return self.inside or self.opens


_OUTSIDE = QuoteContext(False, False, None, None)


class QuoteTracker:
    """Quotation state carried from one sentence to the next within a paragraph."""

    def __init__(self) -> None:
        self._open = False
        self._speaker: str | None = None
        self._anchor: int | None = None

    def enter(self, text: str, start: int, end: int, *, paragraph_start: bool) -> QuoteContext:
        """The context of the sentence ``text[start:end]`` (call once per sentence, in order)."""
        if paragraph_start:
            self._open, self._speaker, self._anchor = False, None, None
        inside = self._open
        opens = not inside and text[start] in '“"'
        if not inside and not opens:
            return _OUTSIDE
        return QuoteContext(inside, opens, self._speaker, self._anchor)

    def leave(
        self,
        text: str,
        start: int,
        end: int,
        *,
        context: QuoteContext,
        own_speaker: str | None,
        anchor: int | None,
    ) -> None:
        """Record how the sentence ends: an open quotation, and who spoke in it.

        ``anchor``: where ``own_speaker`` is named (None when nowhere we know of:
        then the quotation is nobody's).
        """
        state = self._open
        marks = 0
        for m in _MARK.finditer(text, start, end):
            marks += 1
            char = m.group()
            state = True if char == "“" else False if char == "”" else not state
        self._open = state
        if own_speaker is not None and (marks or context.inside):
            named = anchor is not None
            self._speaker, self._anchor = (own_speaker, anchor) if named else (None, None)
        elif not marks and not context.inside:
            self._speaker, self._anchor = None, None  # narration: the quotation is over

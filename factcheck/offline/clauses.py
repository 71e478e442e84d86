"""Split a sentence into atomic clauses, each a verbatim span of the body.

Cuts are tried at "; ", ", but ", ", and ", ", yet ", spaced dashes, at a
bare " but " before a verb ("X has denied A but has urged B") and at " after "
before a clause ("the bridge will close after engineers found cracks"). A cut is kept
only when the part before it stands alone and the part after it either stands
alone (its own subject and verb) or is a verb phrase that can borrow the
subject of the sentence's first clause. Nothing inside quotation marks is cut.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factcheck.offline.coref import main_clause_start
from factcheck.offline.features import Token, is_verb_form, tokenize, verb_index
from factcheck.offline.lexicon import DEPENDENT_OPENERS, DISCOURSE_MARKER, words

_BOUNDARY = re.compile(r";\s+|,\s+(?:but|and|yet)\s+|\s+(?:—|–|--)\s+|\s+(?:but|after)\s+")
_QUOTE = re.compile(r"[“”\"]")
_TRIM_END = " \t,;:—–-"
_WINDOW = 240  # characters looked at to judge how a part begins
_MAX_SENTENCE = 3000  # longer "sentences" are lists or lost punctuation: left whole
_MAX_SUBJECT = 6
_VERB_WITHIN = 12
_RELATIVES = words("which who whom whose that where when while although though because if unless")


@dataclass(frozen=True)
class Piece:
    """A clause: body offsets, and the body span of a subject it borrows."""

    start: int
    end: int
    subject: tuple[int, int] | None = None


def _quoted_ranges(text: str, start: int, end: int) -> list[tuple[int, int]]:
    ranges: list[tuple[int, int]] = []
    open_at: int | None = None
    for m in _QUOTE.finditer(text, start, end):
        char = m.group()
        if open_at is None and char in '“"':
            open_at = m.start()
        elif open_at is not None and char in '”"':
            ranges.append((open_at, m.end()))
            open_at = None
    if open_at is not None:
        ranges.append((open_at, end))  # an unclosed quote runs to the end
    return ranges


def _inside(ranges: list[tuple[int, int]], pos: int) -> bool:
    return any(s <= pos < e for s, e in ranges)


def _head_tokens(text: str, start: int, end: int) -> list[Token]:
    tokens = tokenize(text, start, min(end, start + _WINDOW))
    marker = DISCOURSE_MARKER.match(text, start, end)
    if marker is not None:
        tokens = [t for t in tokens if t[1] >= marker.end()]
    return tokens


def stands_alone(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` opens with its own subject and has a verb."""
    tokens = _head_tokens(text, start, end)
    if len(tokens) < 3:
        return False
    first = tokens[0][0]
    if first.lower() in DEPENDENT_OPENERS or (first.islower() and is_verb_form(first)):
        return False
    verb = verb_index(tokens, _VERB_WITHIN)
    if verb is None or verb == 0:
        return False
    # "The town, which flooded ...": that verb belongs to a relative clause.
    return not any(t[0].lower() in _RELATIVES for t in tokens[:verb])


def is_verb_phrase(text: str, start: int, end: int) -> bool:
    """True for a subjectless continuation: "has urged the US to ..."."""
    tokens = tokenize(text, start, min(end, start + _WINDOW))
    if len(tokens) < 3:
        return False
    i = 1 if tokens[0][0] in ("also", "then", "later") else 0
    return tokens[i][0].islower() and is_verb_form(tokens[i][0])


def subject_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The subject of the clause at ``start`` when it is short enough to borrow."""
    tokens = tokenize(text, start, min(end, start + _WINDOW))
    first = main_clause_start(text, tokens)
    rest = tokens[first:]
    verb = verb_index(rest, _MAX_SUBJECT + 1)
    if verb is None or verb == 0:
        return None
    return rest[0][1], rest[verb - 1][2]


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1] in _TRIM_END:
        end -= 1
    return start, end


def split_clauses(text: str, start: int, end: int) -> list[Piece]:
    """The clauses of the sentence ``text[start:end]``, in order."""
    whole = [Piece(*_trimmed(text, start, end))]
    if end - start > _MAX_SENTENCE:
        return whole
    quoted = _quoted_ranges(text, start, end)
    cuts = [m for m in _BOUNDARY.finditer(text, start, end) if not _inside(quoted, m.start())]
    if not cuts:
        return whole
    pieces: list[Piece] = []
    borrowed: tuple[int, int] | bool | None = False  # False: not computed yet
    cur_start, cur_subject = start, None
    # Whether the current part stands alone; None: judge it again, on a longer part.
    cur_ok: bool | None = None
    for i, cut in enumerate(cuts):
        if cur_ok is None:
            cur_ok = stands_alone(text, cur_start, cut.start())
        next_end = cuts[i + 1].start() if i + 1 < len(cuts) else end
        right_alone = stands_alone(text, cut.end(), next_end)
        subject: tuple[int, int] | None = None
        if (
            not right_alone
            and "after" not in cut.group()
            and is_verb_phrase(text, cut.end(), next_end)
        ):
            if borrowed is False:
                borrowed = subject_span(text, start, end)
            subject = borrowed if isinstance(borrowed, tuple) else None
        if cur_ok and (right_alone or subject is not None):
            pieces.append(Piece(*_trimmed(text, cur_start, cut.start()), subject=cur_subject))
            cur_start, cur_subject, cur_ok = cut.end(), subject, True
        elif not cur_ok:
            cur_ok = None
    pieces.append(Piece(*_trimmed(text, cur_start, end), subject=cur_subject))
    return [p for p in pieces if p.end > p.start]

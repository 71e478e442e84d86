"""Split a sentence into atomic clauses, each a verbatim span of the body.

Cuts are tried at "; ", ", but ", ", and ", ", yet ", ", while ", spaced dashes
and hyphens, at a bare " but " before a verb ("X has denied A but has urged B")
and at " after ", " before " or " when " ahead of a clause ("the bridge will
close after engineers found cracks"). A cut is kept only when the part before
it stands alone and the part after it either stands alone (its own subject and
verb) or is a verb phrase that can borrow the subject of the sentence's first
clause. Nothing inside quotation marks is cut, and no cut may leave a fragment
behind: "after" and "before" that belong to a time expression ("two months
after", "shortly before") are no boundary, and neither is a cut right after
"and", "the" or "of".
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import NamedTuple

from factcheck.offline.coref import main_clause_start
from factcheck.offline.features import Tokens, is_verb_form, tokenize, verb_index
from factcheck.offline.lexicon import (
    DANGLING_ENDS,
    DEPENDENT_OPENERS,
    DISCOURSE_MARKER,
    MARKER_OPENERS,
    REPORTING_WORDS,
    TIME_WORDS,
    scanner,
    words,
)

_BOUNDARY = scanner(
    r";\s+|,\s+(?:but|and|yet|while|whereas)\s+|\s+(?:—|–|--?)\s+"
    r"|\s+(?:but|after|before|when)\s+",
    r";,\s",
)
_QUOTE = re.compile(r"[“”\"]")
_FAR = 1 << 62  # beyond any offset
_CUT_WORDS = words("but after before when")
_LIST_WORDS = words("and yet while whereas")
_SHARING_JOINTS = words("and but yet")
_OBJECT_OPENERS = words("a an the its their his her about more nearly some all")
_WORD_CHARS = "_’'-"
_TRIM_END = " \t,;:—–-"
_WINDOW = 240  # characters looked at to judge how a part begins
_MAX_SENTENCE = 3000  # longer "sentences" are lists or lost punctuation: left whole
_MAX_SUBJECT = 6
_VERB_WITHIN = 12
_MIN_TIMED_LEFT = 5  # words before an "after"/"before" cut: "The association held" is too thin
_RELATIVES = words("which who whom whose that where when while although though because if unless")
# A clause ending on one of these has lost its verb phrase to ellipsis.
_ELLIPSIS_ENDS = words(
    """not did does do is are was were has have had will would can could should
    might may must too to"""
)
# A main verb that lists its complements: "has been late, over budget, and ...".
_LINKING = words("is are was were be been being has have had")
# Verbs that come before their subject after "then", "and", "there": "then came the vote".
_INVERTING = words("came comes come went goes followed follows arose emerged")
# Words a borrowed subject may end with that belong to the verb, not the subject.
_SUBJECT_ADVERBS = words(
    "now also still then already again once later earlier today yesterday recently soon"
)


class Piece(NamedTuple):
    """A clause: body offsets, and the body span of a subject it borrows."""

    start: int
    end: int
    subject: tuple[int, int] | None = None
    timed: bool = False  # follows an "after"/"before" cut: a subordinate clause
    contrast: bool = False  # follows a ", while" cut: not the first clause's speaker's


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
    """True when ``pos`` lies in one of ``ranges`` (sorted, not overlapping)."""
    i = bisect_right(ranges, (pos, _FAR)) - 1
    return i >= 0 and pos < ranges[i][1]


def _head(text: str, start: int, end: int, tokens: Tokens | None) -> Tokens:
    """The tokens of ``text[start:end]`` (at most a window's worth)."""
    stop = min(end, start + _WINDOW)
    return tokenize(text, start, stop) if tokens is None else tokens.between(start, stop)


def stands_alone(text: str, start: int, end: int, tokens: Tokens | None = None) -> bool:
    """True when ``text[start:end]`` opens with its own subject and has a verb.

    ``tokens``: the sentence's tokens, when the caller has them.
    """
    head = _head(text, start, end, tokens)
    if head.words and head.words[0].lower() in MARKER_OPENERS:
        marker = DISCOURSE_MARKER.match(text, start, end)
        if marker is not None:
            head = head.between(marker.end(), end)
    found = head.words
    if len(found) < 3:
        return False
    first = found[0]
    if first.lower() in DEPENDENT_OPENERS or (first.islower() and is_verb_form(first)):
        return False
    verb = verb_index(found, _VERB_WITHIN)
    if verb is None or verb == 0:
        return False
    if found[verb].endswith("ed") and verb + 1 < len(found) and found[verb + 1] == "by":
        return False  # "the level identified by analysts as ...": a participle, no verb
    between = text[head.ends[verb - 1] : head.starts[verb]].strip()
    if (
        between == ","
        and found[verb].endswith("ed")
        # An odd count opens a parenthesis ("The agreement, reached"); an even
        # one closes it ("a retired engineer, Walter Diekmann, noticed").
        and text.count(",", head.starts[0], head.starts[verb]) % 2 == 1
    ):
        # "The festival, revived in 2019, now draws ...": a participle after a
        # comma modifies the subject; the verb, if any, comes after the next comma.
        # ("The agreement, reached shortly" has none: it does not stand alone.)
        comma = text.find(",", head.ends[verb], head.ends[-1])
        if comma == -1:
            return False
        later = bisect_left(head.starts, comma)
        main = verb_index(found[later:], _VERB_WITHIN)
        if main is None:
            return False
        verb = later + main
    relative = next((i for i, w in enumerate(found[:verb]) if w.lower() in _RELATIVES), None)
    if relative is None:
        return True
    # "The town, which flooded ...": that verb belongs to a relative clause. Set
    # off by commas, the clause ends at the next one and the main verb follows
    # it: "Labour, which came second, spent £1m".
    opening = text[head.ends[relative - 1] : head.starts[relative]] if relative else ""
    if opening.strip() != ",":
        return False
    comma = text.find(",", head.ends[verb], head.ends[-1])
    if comma == -1:
        return False
    later = bisect_left(head.starts, comma)
    main = verb_index(found[later:], 2)
    return main == 0


def is_verb_phrase(text: str, start: int, end: int, tokens: Tokens | None = None) -> bool:
    """True for a subjectless continuation: "has urged the US to ..."."""
    found = _head(text, start, end, tokens).words
    if len(found) < 3:
        return False
    i = 1 if found[0] in ("also", "then", "later") else 0
    word = found[i]
    if not word.islower():
        return False
    if word in _INVERTING and found[i + 1] in _OBJECT_OPENERS:
        return False  # "and then came the town's real test": the subject follows the verb
    if is_verb_form(word):
        return True
    # "..., and orders an independent audit": an -s form before a determiner.
    return (
        len(word) > 3
        and word.endswith("s")
        and not word.endswith(("ss", "'s", "’s"))
        and found[i + 1] in _OBJECT_OPENERS
    )


def subject_span(
    text: str, start: int, end: int, tokens: Tokens | None = None
) -> tuple[int, int] | None:
    """The subject of the clause at ``start`` when it is short enough to borrow."""
    head = _head(text, start, end, tokens)
    first = main_clause_start(text, head)
    rest = head.words[first:]
    verb = verb_index(rest, _MAX_SUBJECT + 1)
    if verb is None or verb == 0:
        return None
    last = first + verb - 1
    # "The charity now has ...": the adverb is not part of who acts.
    while last > first and head.words[last] in _SUBJECT_ADVERBS:
        last -= 1
    return head.starts[first], head.ends[last]


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1] in _TRIM_END:
        end -= 1
    return start, end


def _timed_cut_ok(text: str, start: int, cut: re.Match[str], tokens: Tokens | None) -> bool:
    """An "after"/"before" cut needs a substantial clause before it, not a time phrase."""
    last = _last_word(text, start, cut.start())
    if not last or last.lower() in TIME_WORDS:
        return False  # "two months after", "shortly before", "the day after"
    if text[start : cut.start()].rstrip(" ,")[-1:] in "”’\"'":
        return False  # '... "held together with tape" before the work began': one quotation
    count = (
        len(tokenize(text, start, cut.start()))
        if tokens is None
        else len(tokens.between(start, cut.start()))
    )
    return count >= _MIN_TIMED_LEFT


def _last_word(text: str, start: int, end: int) -> str:
    """The last word of ``text[start:end]`` (letters, digits, apostrophes, hyphens)."""
    i = end
    while i > start and not (text[i - 1].isalnum() or text[i - 1] in _WORD_CHARS):
        i -= 1
    j = i
    while j > start and (text[j - 1].isalnum() or text[j - 1] in _WORD_CHARS):
        j -= 1
    return text[j:i]


def _dangles(text: str, start: int, cut_start: int) -> bool:
    """True when the part before a cut ends in a word that needs a continuation,
    or is only somebody saying ("A spokesman said; ‘...")."""
    last = _last_word(text, start, cut_start).lower()
    if last in DANGLING_ENDS:
        return True
    return last in REPORTING_WORDS and not any(
        mark in text[start:cut_start] for mark in (",", "'", '"', "‘", "’", "“", "”")
    )


def _elliptical(text: str, start: int, end: int) -> bool:
    """True for a clause that ends on its auxiliary: "but the authority did not."."""
    return _last_word(text, start, end) in _ELLIPSIS_ENDS  # case kept: "May" is a month


def _ends_a_list(text: str, start: int, cut_start: int, tokens: Tokens | None) -> bool:
    """True for "has been late, over budget, criticised by X, and questioned by Y".

    When the main verb before the cut is a form of "be" or "have" and a comma
    follows it, the words after the cut are the last item of its list of
    complements, not a second clause sharing the subject.
    """
    part = tokenize(text, start, cut_start) if tokens is None else tokens.between(start, cut_start)
    first = main_clause_start(text, part)
    rest = part.words[first:]
    verb = verb_index(rest)
    if verb is None or rest[verb].lower() not in _LINKING:
        return False
    return "," in text[part.ends[first + verb] : cut_start]


def _passive_without_auxiliary(text: str, start: int, end: int, tokens: Tokens | None) -> bool:
    """ "questioned by some of the scientists": a participle, not a finite verb phrase."""
    found = _head(text, start, end, tokens).words
    return len(found) > 1 and found[0].endswith("ed") and found[1] == "by"


def _may_have_cuts(text: str, start: int, end: int, lower: frozenset[str] | None) -> bool:
    """False when no boundary can occur (most sentences): no search is needed."""
    if lower is None or not lower.isdisjoint(_CUT_WORDS):
        return True
    if not lower.isdisjoint(_LIST_WORDS) and text.find(",", start, end) != -1:
        return True  # ", and", ", yet"
    find = text.find
    return (
        find(";", start, end) != -1
        or find("—", start, end) != -1
        or find("–", start, end) != -1
        or find(" -", start, end) != -1  # " - " and " -- "
    )


def split_clauses(
    text: str,
    start: int,
    end: int,
    tokens: Tokens | None = None,
    lower: frozenset[str] | None = None,
) -> list[Piece]:
    """The clauses of the sentence ``text[start:end]``, in order.

    ``tokens`` and ``lower`` (the sentence's tokens and its words in lower case),
    when the caller has them, save passes over the text.
    """
    whole = [Piece(*_trimmed(text, start, end))]
    if end - start > _MAX_SENTENCE or not _may_have_cuts(text, start, end, lower):
        return whole
    cuts = list(_BOUNDARY.finditer(text, start, end))
    if cuts and text.find('"', start, end) + text.find("“", start, end) > -2:
        quoted = _quoted_ranges(text, start, end)
        cuts = [m for m in cuts if not _inside(quoted, m.start())]
    if not cuts:
        return whole
    pieces: list[Piece] = []
    borrowed: tuple[int, int] | bool | None = False  # False: not computed yet
    cur_start, cur_subject, cur_timed, cur_contrast = start, None, False, False
    # Whether the current part stands alone; None: judge it again, on a longer part.
    cur_ok: bool | None = None
    for i, cut in enumerate(cuts):
        joint = cut.group().strip(" ,;\t\n")
        timed = joint in ("after", "before", "when")
        next_end = cuts[i + 1].start() if i + 1 < len(cuts) else end
        if (
            _dangles(text, cur_start, cut.start())
            or (timed and not _timed_cut_ok(text, cur_start, cut, tokens))
            or _elliptical(text, cut.end(), next_end)
            or _elliptical(text, cur_start, cut.start())
        ):
            continue  # a cut here would leave a fragment on one side
        if cur_ok is None:
            cur_ok = stands_alone(text, cur_start, cut.start(), tokens)
        right_alone = stands_alone(text, cut.end(), next_end, tokens)
        subject: tuple[int, int] | None = None
        if (
            not right_alone
            # Only "and", "but", "yet" and a semicolon share a subject: a verb
            # phrase after a dash ends a parenthesis ("the photograph — a sheet
            # of fire — did more").
            and (joint in _SHARING_JOINTS or cut.group().strip() == ";")
            and is_verb_phrase(text, cut.end(), next_end, tokens)
            and not _passive_without_auxiliary(text, cut.end(), next_end, tokens)
            and not _ends_a_list(text, cur_start, cut.start(), tokens)
        ):
            if borrowed is False:
                borrowed = subject_span(text, start, end, tokens)
            subject = borrowed if isinstance(borrowed, tuple) else None
        if cur_ok and (right_alone or subject is not None):
            pieces.append(
                Piece(*_trimmed(text, cur_start, cut.start()), cur_subject, cur_timed, cur_contrast)
            )
            cur_start, cur_subject, cur_ok = cut.end(), subject, True
            cur_timed, cur_contrast = timed, joint in ("while", "whereas")
        elif not cur_ok:
            cur_ok = None
    pieces.append(Piece(*_trimmed(text, cur_start, end), cur_subject, cur_timed, cur_contrast))
    return [p for p in pieces if p.end > p.start]

"""Who said it: the named speaker of "X said ...", "..., X said", "according to X".

The speaker is the name right before a reporting verb (skipping "has",
"also", adverbs and an appositive between commas), the name right after it
when the verb follows a quote or comma ("..., said Vasily Kashin"), or the
name after "according to". A pronoun speaker is resolved by the caller.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import NamedTuple

from factcheck.offline.entities import Mention
from factcheck.offline.lexicon import REPORTING_VERB, STOPWORDS

_BETWEEN = re.compile(
    r"(?:\s+(?:has|have|had|also|then|later|previously|repeatedly|again|once|not|"
    r"never|[a-z]+ly))*\s*$"
)
_PRONOUN_BEFORE = re.compile(r"\b(he|she|they|it|He|She|They|It)\s*$")
_ACCORDING = re.compile(r"\baccording to\s+(?:the\s+)?", re.I)
_APPOSITIVE_LIMIT = 160
_GAP_LIMIT = 60
_ROLE_WORDS = 4  # "said the deputy finance minister ..."
_WORD = re.compile(r"[^\W\d_][\w’'.-]*")
_SPEAKER_KINDS = ("person", "org", "place")


class Attribution(NamedTuple):
    speaker: str  # the canonical name
    kind: str  # person | org | place
    verb_start: int  # body offsets of the reporting verb (or of "according to")
    verb_end: int
    pronoun: str | None = None  # "..., he said": the pronoun the speaker was resolved from


def _mention_ending_at(mentions: Sequence[Mention], pos: int) -> Mention | None:
    for m in mentions:
        if m.end == pos and m.kind in _SPEAKER_KINDS:
            return m
    return None


def _mention_starting_at(mentions: Sequence[Mention], pos: int) -> Mention | None:
    for m in mentions:
        if m.start == pos and m.kind in _SPEAKER_KINDS:
            return m
    return None


def _speaker_before(
    text: str,
    start: int,
    verb_start: int,
    mentions: Sequence[Mention],
    resolve: Callable[[str], str | None],
) -> tuple[str, str, str | None] | None:
    gap = _BETWEEN.search(text, max(start, verb_start - _GAP_LIMIT), verb_start)
    pos = verb_start if gap is None else gap.start()
    pronoun = _PRONOUN_BEFORE.search(text, max(start, pos - 6), pos)
    if pronoun is not None:
        word = pronoun.group(1).lower()
        name = resolve(word)
        if name is None:
            return None
        return name, ("person" if word in ("he", "she") else "org"), word
    if pos > start and text[pos - 1] != ",":
        direct = _mention_ending_at(mentions, pos)
        return None if direct is None else (direct.name, direct.kind, None)
    # "Yuri Ushakov, Putin's adviser, said": the name before the appositive;
    # "EU spokeswoman, Nabila Massrali, responded": the name inside it.
    comma = pos - 1
    previous = text.rfind(",", max(start, comma - _APPOSITIVE_LIMIT), comma)
    if previous != -1:
        outer = _mention_ending_at(mentions, previous)
        if outer is not None and outer.kind == "person":
            return outer.name, outer.kind, None
    inner = _mention_ending_at(mentions, comma)
    if inner is not None and inner.kind in ("person", "org"):
        return inner.name, inner.kind, None
    return None


def _speaker_after(
    text: str, verb_end: int, end: int, mentions: Sequence[Mention]
) -> tuple[str, str, str | None] | None:
    """The name after an inverted verb, past up to a few role or title words.

    As in "..., said analyst Ivo Brandt" or "..., said Finance Minister Leo Varga".
    """
    for skipped, word in enumerate(_WORD.finditer(text, verb_end, min(end, verb_end + 80))):
        after = _mention_starting_at(mentions, word.start())
        if after is not None:
            return after.name, after.kind, None
        if skipped >= _ROLE_WORDS or word.group().lower() in STOPWORDS:
            return None
        if text[word.end() : word.end() + 1] in ",.;:":
            return None
    return None


def find_attribution(
    text: str,
    start: int,
    end: int,
    mentions: Sequence[Mention],
    resolve: Callable[[str], str | None],
) -> Attribution | None:
    """The first reporting construction in ``text[start:end]`` with a named speaker."""
    for m in REPORTING_VERB.finditer(text, start, end):
        speaker = _speaker_before(text, start, m.start(), mentions, resolve)
        if speaker is None:
            before = text[start : m.start()].rstrip()
            if before.endswith((",", "”", '"', "’")):
                speaker = _speaker_after(text, m.end(), end, mentions)
        if speaker is not None:
            return Attribution(speaker[0], speaker[1], m.start(), m.end(), speaker[2])
    if text.find("ccording", start, end) == -1:
        return None
    for m in _ACCORDING.finditer(text, start, end):
        after = _mention_starting_at(mentions, m.end())
        if after is not None:
            return Attribution(after.name, after.kind, m.start(), m.end())
    return None

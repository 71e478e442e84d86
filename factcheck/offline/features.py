"""Cheap lexical signals of a piece of text: tokens, finite verbs, checkable facts."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from itertools import accumulate
from typing import NamedTuple

from factcheck.facts.addresses import URL_OR_EMAIL
from factcheck.offline.lexicon import (
    AUXILIARIES,
    BASE_VERBS,
    BOILERPLATE,
    BOILERPLATE_WORDS,
    COMMON_VERBS,
    DATE,
    DAY_OF_MONTH,
    DIGIT_NUMBER,
    FIRST_PERSON_OPINION,
    FIRST_SINCE,
    FIRST_WORDS,
    MONTH_WORDS,
    NOT_VERBS_ED,
    NUMBER_WORDS,
    OPINION,
    OPINION_WORDS,
    RANKING,
    RANKING_WORDS,
    RELATIVE_DATE_WORDS,
    SUBJECT_PRONOUNS,
    TOKEN,
    WEEKDAY_WORDS,
    WORD_NUMBER,
    YEAR,
    words,
)

_DETERMINERS = words("the a an its their his her our my your this these those such every each no")
# Splitting on the token pattern (a capture group keeps the tokens) and summing
# part lengths gives every token's offsets without one match object per token:
# on long inputs this is the engine's single largest saving.
_SPLIT = re.compile(f"({TOKEN.pattern})")


class Tokens:
    """The words of a span and their offsets, as parallel lists (cheap to build and slice)."""

    __slots__ = ("ends", "starts", "words")

    def __init__(self, words: list[str], starts: list[int], ends: list[int]) -> None:
        self.words = words
        self.starts = starts
        self.ends = ends

    def __len__(self) -> int:
        return len(self.words)

    def between(self, start: int, end: int) -> Tokens:
        """The tokens that start inside ``[start, end)``."""
        i, j = bisect_left(self.starts, start), bisect_left(self.starts, end)
        return Tokens(self.words[i:j], self.starts[i:j], self.ends[i:j])

    def after(self, index: int) -> Tokens:
        return Tokens(self.words[index:], self.starts[index:], self.ends[index:])


def tokenize(text: str, start: int = 0, end: int | None = None) -> Tokens:
    """Tokens of ``text[start:end]`` with offsets into ``text``."""
    stop = len(text) if end is None else end
    parts = _SPLIT.split(text[start:stop])
    count = len(parts) // 2
    pos = list(accumulate(map(len, parts), initial=start))
    return Tokens(parts[1::2], pos[1 : 2 * count : 2], pos[2 : 2 * count + 1 : 2])


def _is_possessive(word: str) -> bool:
    return word.endswith(("’s", "'s", "’", "'"))


def is_verb_form(word: str) -> bool:
    """A lowercase word that is a finite verb whatever precedes it."""
    return (
        word in AUXILIARIES
        or word in COMMON_VERBS
        or (len(word) >= 5 and word.endswith("ed") and word not in NOT_VERBS_ED)
    )


# What verb_index needs to know about a word, as bits (one dict lookup per word).
_CAPITAL, _FINITE, _AFTER_SUBJECT_VERB, _ADVERB, _SUBJECT, _DETERMINER = 1, 2, 4, 8, 16, 32
_WORD_BITS: dict[str, int] = {}


def _bits(word: str) -> int:
    lower = word.lower()
    capital = word[:1].isupper()
    bits = 0
    if capital:
        bits |= _CAPITAL
    else:
        if is_verb_form(lower):
            bits |= _FINITE
        if lower in BASE_VERBS or (
            len(lower) > 3
            and lower.endswith("s")
            and not lower.endswith("ss")
            and not _is_possessive(lower)
        ):
            bits |= _AFTER_SUBJECT_VERB
        if lower.endswith("ly"):
            bits |= _ADVERB
    if (capital and not _is_possessive(word)) or lower in SUBJECT_PRONOUNS:
        bits |= _SUBJECT
    if lower in _DETERMINERS:
        bits |= _DETERMINER
    _WORD_BITS[word] = bits
    return bits


def verb_index(words: Sequence[str], limit: int | None = None) -> int | None:
    """Index of the first finite verb among the first ``limit`` words, if any.

    Needs no tagger: auxiliaries, a list of frequent verbs, the -ed suffix, and
    -s or base forms right after a subject (a name or a pronoun, "China supports",
    "they plan"). Words after a determiner are nouns ("the claims"), and so are
    possessives ("the plant's overrun"). Adverbs keep the subject state: "China
    increasingly finds".
    """
    after_subject = False
    after_determiner = False
    known = _WORD_BITS
    for i, word in enumerate(words if limit is None else words[:limit]):
        bits = known.get(word)
        if bits is None:
            bits = _bits(word)
        if (
            not bits & _CAPITAL
            and not after_determiner
            and (bits & _FINITE or (after_subject and bits & _AFTER_SUBJECT_VERB))
        ):
            return i
        after_determiner = bool(bits & _DETERMINER)
        if not bits & _ADVERB:
            after_subject = bool(bits & _SUBJECT)
    return None


class Facts(NamedTuple):
    """What makes a piece of text checkable, or not."""

    number: bool  # a quantity (years are dates, not quantities)
    date: bool  # a year, month, weekday or relative date
    first_since: bool  # "first ... since", "for the first time"
    ranking: bool  # superlatives and comparisons
    opinion: bool  # "should", "must", "I think"
    question: bool
    boilerplate: bool
    personal_opinion: bool = False  # "I suspect", "we believe": the holder's own view
    digit: bool = False  # the text holds a digit


_FIRST_PERSON = words("I we We")
_CLOSERS = " ”’\"')]"

_NEXT_WORD = re.compile(r"\s+([a-z]+)")
_DIGIT = re.compile(r"\d")


def _has_quantity(text: str, bag: WordBag, digit: bool = True) -> bool:
    """True when ``text`` states a quantity (a figure or a number word that is not a year).

    Two passes, each only when its trigger is present: figures (after taking
    out days of the month), then number words. ``digit``: ``text`` holds a digit.
    """
    if digit:
        figures = text if bag.words.isdisjoint(MONTH_WORDS) else DAY_OF_MONTH.sub(" ", text)
        for m in DIGIT_NUMBER.finditer(figures):
            if not YEAR.fullmatch(m.group()):
                return True
    lower = bag.lower
    if lower.isdisjoint(NUMBER_WORDS) and not any(
        part in NUMBER_WORDS for word in lower if "-" in word for part in word.split("-")
    ):
        return False
    for m in WORD_NUMBER.finditer(text):
        if text[max(0, m.start() - 4) : m.start()].lower() == "the ":
            # "The two will attend": a number standing for the people, not a quantity.
            after = _NEXT_WORD.match(text, m.end())
            if after is None or is_verb_form(after.group(1)):
                continue
        return True
    return False


class _LowerCase(dict[str, str]):
    """Each word's lower case, made once: every bag shares the same strings."""

    def __missing__(self, word: str) -> str:
        lower = self[word] = word.lower()
        return lower


_LOWER = _LowerCase()


class WordBag(NamedTuple):
    """The words of a text as written and in lower case, for cheap presence tests."""

    words: frozenset[str]
    lower: frozenset[str]

    @classmethod
    def of(cls, text: str) -> WordBag:
        return cls.of_words(TOKEN.findall(text))

    @classmethod
    def of_words(cls, words: Iterable[str]) -> WordBag:
        found = frozenset(words)
        return cls(found, frozenset(map(_LOWER.__getitem__, found)))


def _has_date(text: str, bag: WordBag, digit: bool = True) -> bool:
    if digit and YEAR.search(text):
        return True
    if (
        not bag.words.isdisjoint(MONTH_WORDS)
        or not bag.words.isdisjoint(WEEKDAY_WORDS)
        or not bag.lower.isdisjoint(RELATIVE_DATE_WORDS)
    ):
        return DATE.search(text) is not None
    return False


def _is_question(text: str) -> bool:
    i = len(text)
    while i and text[i - 1] in _CLOSERS:
        i -= 1
    return i > 0 and text[i - 1] == "?"


def facts_of(text: str, bag: WordBag | None = None) -> Facts:
    """Each pattern runs only when one of its trigger words is present."""
    bag = WordBag.of(text) if bag is None else bag
    lower = bag.lower
    digit = _DIGIT.search(text) is not None
    web = "@" in text or "http" in text or "www." in text
    return Facts(
        # "a six-hour debate": a number word inside a hyphenated token counts too.
        number=(digit or not lower.isdisjoint(NUMBER_WORDS) or "-" in text)
        and _has_quantity(text, bag, digit),
        date=_has_date(text, bag, digit),
        first_since=not lower.isdisjoint(FIRST_WORDS) and FIRST_SINCE.search(text) is not None,
        ranking=not lower.isdisjoint(RANKING_WORDS) and RANKING.search(text) is not None,
        opinion=not lower.isdisjoint(OPINION_WORDS) and OPINION.search(text) is not None,
        question=_is_question(text),
        boilerplate=(
            (web or "©" in text or not lower.isdisjoint(BOILERPLATE_WORDS))
            and BOILERPLATE.match(text) is not None
        )
        or (web and URL_OR_EMAIL.search(text) is not None),
        personal_opinion=not bag.words.isdisjoint(_FIRST_PERSON)
        and FIRST_PERSON_OPINION.search(text) is not None,
        digit=digit,
    )

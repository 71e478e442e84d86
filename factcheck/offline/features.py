"""Cheap lexical signals of a piece of text: tokens, finite verbs, checkable facts."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from factcheck.offline.lexicon import (
    AUXILIARIES,
    BASE_VERBS,
    BOILERPLATE,
    COMMON_VERBS,
    DATE,
    DAY_OF_MONTH,
    FIRST_SINCE,
    FIRST_WORDS,
    IMPERATIVE_OPENING,
    INSTRUCTION,
    MONTH_WORDS,
    NOT_VERBS_ED,
    NUMBER,
    NUMBER_WORDS,
    OPINION,
    OPINION_WORDS,
    RANKING,
    RANKING_WORDS,
    RELATIVE_DATE_WORDS,
    SUBJECT_PRONOUNS,
    TOKEN,
    URL_OR_EMAIL,
    WEEKDAY_WORDS,
    YEAR,
    words,
)

Token = tuple[str, int, int]  # the word, its start and end offsets

_DETERMINERS = words("the a an its their his her our my your this these those such every each no")


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    stop = len(text) if end is None else end
    return [(m.group(), m.start(), m.end()) for m in TOKEN.finditer(text, start, stop)]


def _is_possessive(word: str) -> bool:
    return word.endswith(("’s", "'s", "’", "'"))


def is_verb_form(word: str) -> bool:
    """A lowercase word that is a finite verb whatever precedes it."""
    return (
        word in AUXILIARIES
        or word in COMMON_VERBS
        or (len(word) >= 5 and word.endswith("ed") and word not in NOT_VERBS_ED)
    )


def verb_index(tokens: Sequence[Token], limit: int | None = None) -> int | None:
    """Index of the first finite verb among the first ``limit`` tokens, if any.

    Needs no tagger: auxiliaries, a list of frequent verbs, the -ed suffix, and
    -s or base forms right after a subject (a name or a pronoun, "China supports",
    "they plan"). Words after a determiner are nouns ("the claims").
    """
    after_subject = False
    previous = ""
    stop = len(tokens) if limit is None else min(limit, len(tokens))
    for i in range(stop):
        word = tokens[i][0]
        lower = word.lower()
        capital = word[:1].isupper()
        if not capital and previous not in _DETERMINERS:
            if is_verb_form(lower):
                return i
            if after_subject and (
                lower in BASE_VERBS
                or (len(lower) > 3 and lower.endswith("s") and not lower.endswith("ss"))
            ):
                return i
        if lower.endswith("ly") and not capital:
            previous = lower
            continue  # adverbs keep the subject state: "China increasingly finds"
        after_subject = (capital and not _is_possessive(word)) or lower in SUBJECT_PRONOUNS
        previous = lower
    return None


@dataclass(frozen=True)
class Facts:
    """What makes a piece of text checkable, or not."""

    number: bool  # a quantity (years are dates, not quantities)
    date: bool  # a year, month, weekday or relative date
    first_since: bool  # "first ... since", "for the first time"
    ranking: bool  # superlatives and comparisons
    opinion: bool  # "should", "must", "I think"
    question: bool
    boilerplate: bool


_NEXT_WORD = re.compile(r"\s+([a-z]+)")
_DIGIT = re.compile(r"\d")


def _has_quantity(text: str) -> bool:
    text = DAY_OF_MONTH.sub(" ", text)
    for m in NUMBER.finditer(text):
        word = m.group()
        if YEAR.fullmatch(word):
            continue
        if word[0].isalpha() and text[max(0, m.start() - 4) : m.start()].lower() == "the ":
            # "The two will attend": a number standing for the people, not a quantity.
            after = _NEXT_WORD.match(text, m.end())
            if after is None or is_verb_form(after.group(1)):
                continue
        return True
    return False


def addresses_a_model(text: str) -> bool:
    """True for an injected instruction: "Ignore previous instructions and ..."."""
    return INSTRUCTION.search(text) is not None or IMPERATIVE_OPENING.match(text) is not None


@dataclass(frozen=True)
class WordBag:
    """The words of a text as written and in lower case, for cheap presence tests."""

    words: frozenset[str]
    lower: frozenset[str]

    @classmethod
    def of(cls, text: str) -> WordBag:
        return cls.of_words(TOKEN.findall(text))

    @classmethod
    def of_words(cls, words: Iterable[str]) -> WordBag:
        found = frozenset(words)
        return cls(found, frozenset(w.lower() for w in found))


def _has_date(text: str, bag: WordBag) -> bool:
    if _DIGIT.search(text) and YEAR.search(text):
        return True
    if bag.words & MONTH_WORDS or bag.words & WEEKDAY_WORDS or bag.lower & RELATIVE_DATE_WORDS:
        return DATE.search(text) is not None
    return False


def facts_of(text: str, bag: WordBag | None = None) -> Facts:
    """Each pattern runs only when one of its trigger words is present."""
    bag = WordBag.of(text) if bag is None else bag
    lower = bag.lower
    stripped = text.rstrip(" ”’\"')]")
    return Facts(
        number=bool(_DIGIT.search(text) or lower & NUMBER_WORDS) and _has_quantity(text),
        date=_has_date(text, bag),
        first_since=bool(lower & FIRST_WORDS) and FIRST_SINCE.search(text) is not None,
        ranking=bool(lower & RANKING_WORDS) and RANKING.search(text) is not None,
        opinion=bool(lower & OPINION_WORDS) and OPINION.search(text) is not None,
        question=stripped.endswith("?"),
        boilerplate=BOILERPLATE.match(text) is not None
        or (
            ("@" in text or "http" in text or "www." in text)
            and URL_OR_EMAIL.search(text) is not None
        ),
    )

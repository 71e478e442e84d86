"""Which people "he" and "she" can stand for: the gender a text gives each person.

A pronoun is only resolved to a person the text has not shown to be of the
other gender. What the text shows: a title written before the name ("Mrs
Okafor", "Sir Ivo Brandt"), and the pronouns of a sentence that names only
that person ("Ilse Brandt said her school ..."). A common noun of one gender
("his daughter", "the woman") names somebody else, so a pronoun of that
gender right after it is no one's for certain.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from factcheck.offline.lexicon import words

Gender = Literal["m", "f"]

MALE_PRONOUNS = words("he him his himself")
FEMALE_PRONOUNS = words("she her hers herself")
# Titles written right before a name.
MALE_TITLES = words("mr sir lord king prince duke earl baron")
FEMALE_TITLES = words("mrs ms miss dame lady queen princess duchess countess baroness")
# Common nouns that name a person of one gender.
MALE_NOUNS = words(
    """man men boy boys father fathers son sons brother brothers husband husbands boyfriend
    uncle nephew grandfather grandson dad daddy gentleman actor chairman spokesman
    businessman sportsman policeman fireman stepfather stepson widower"""
)
FEMALE_NOUNS = words(
    """woman women girl girls mother mothers daughter daughters sister sisters wife wives
    girlfriend aunt niece grandmother granddaughter mum mom mummy lady actress chairwoman
    spokeswoman businesswoman sportswoman policewoman stepmother stepdaughter widow"""
)


def pronoun_gender(word: str) -> Gender | None:
    lower = word.lower()
    if lower in MALE_PRONOUNS:
        return "m"
    if lower in FEMALE_PRONOUNS:
        return "f"
    return None


def title_gender(word: str) -> Gender | None:
    lower = word.lower().rstrip(".")
    if lower in MALE_TITLES:
        return "m"
    if lower in FEMALE_TITLES:
        return "f"
    return None


def genders_in(
    lower_words: Iterable[str], table: frozenset[str], other: frozenset[str]
) -> set[Gender]:
    """Genders of the words in ``table`` (male) or ``other`` (female)."""
    found: set[Gender] = set()
    for word in lower_words:
        if word in table:
            found.add("m")
        elif word in other:
            found.add("f")
    return found


def pronoun_genders(lower_words: Iterable[str]) -> set[Gender]:
    return genders_in(lower_words, MALE_PRONOUNS, FEMALE_PRONOUNS)


def noun_genders(lower_words: Iterable[str]) -> set[Gender]:
    return genders_in(lower_words, MALE_NOUNS, FEMALE_NOUNS)

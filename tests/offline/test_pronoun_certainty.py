"""A pronoun is resolved only when its antecedent is certain (invented text)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from factcheck.offline.drafting import opens_on_loose_pronoun
from factcheck.offline.engine import OfflineOutput
from factcheck.offline.gender import (
    FEMALE_NOUNS,
    FEMALE_PRONOUNS,
    FEMALE_TITLES,
    MALE_NOUNS,
    MALE_PRONOUNS,
    MALE_TITLES,
    noun_genders,
    pronoun_gender,
    title_gender,
)

Extract = Callable[[str], OfflineOutput]


# (body, a wrong reading no claim may hold): each pronoun has one person in reach
# whom a careless reading would pick, and the text shows that person is not meant.
WRONG_READINGS = [
    pytest.param(
        "In 2012, the daughter of union boss Ramón Ferrel Duarte was criticised for posting "
        "photos of her yacht. Her flashy pictures were shared 40,000 times in a week.",
        "Duarte's flashy",
        id="a relation of the named person is not that person",
    ),
    pytest.param(
        "Mayor Ivo Brandt opened the bridge on Monday. Brandt's spokeswoman said 3,000 "
        "people came. She said the bridge cost 12 million euros.",
        "Ivo Brandt said the bridge cost",
        id="a possessive subject moves the focus away",
    ),
    pytest.param(
        "He is a very wealthy user of Lear Jets and private yachts. "
        "His efforts in the field of cod farming have helped 300 families.",
        "Lear Jets'",
        id="a person named beside an unknown he is not him",
    ),
    pytest.param(
        "Mrs Ilse Varga runs the Tessel ferry. He said the ferry carried 9,000 passengers in 2023.",
        "Varga said the ferry",
        id="a title gives the gender",
    ),
    pytest.param(
        "Council leader Arjun Mehta met his sister at the depot on Monday. "
        "She said the depot handled 400 buses in 2023.",
        "Arjun Mehta said the depot",
        id="a noun of the pronoun's gender was just named",
    ),
    pytest.param(
        "Anna Lind said her team had counted 212 boats. "
        "He added that 9 of them had no licence in 2023.",
        "Anna Lind added",
        id="the gender a sentence showed is kept",
    ),
]


@pytest.mark.parametrize(("body", "wrong"), WRONG_READINGS)
def test_no_pronoun_is_resolved_to_the_wrong_person(
    extract: Extract, body: str, wrong: str
) -> None:
    texts = [c.text for c in extract(body).claims]
    assert not any(wrong in t for t in texts), texts
    assert not any(t.startswith(("Her ", "His ", "He ", "She ")) for t in texts), texts


def test_a_certain_antecedent_is_still_resolved(extract: Extract) -> None:
    body = (
        "Timo Kessler admitted taking the money between April 2004 and February 2014. "
        "He was ordered to repay 12,000 euros in 2015."
    )
    texts = [c.text for c in extract(body).claims]
    assert "Timo Kessler was ordered to repay 12,000 euros in 2015." in texts


@pytest.mark.parametrize(
    ("text", "loose"),
    [
        ("He was sentenced in 2015.", True),
        ("“We had no warning,” the report said.", True),
        ("Its chair resigned.", True),
        ("It is unclear whether the plant will reopen.", False),
        ("Hearts won 2-1.", False),
        ("Theirs was the only bid.", False),
        ("The council said it would act.", False),
    ],
)
def test_opens_on_loose_pronoun(text: str, loose: bool) -> None:
    assert opens_on_loose_pronoun(text) is loose


def test_gender_tables_entry_by_entry() -> None:
    for word in MALE_PRONOUNS:
        assert pronoun_gender(word) == "m"
        assert pronoun_gender(word.capitalize()) == "m"
    for word in FEMALE_PRONOUNS:
        assert pronoun_gender(word) == "f"
    for word in MALE_TITLES:
        assert title_gender(word.capitalize() + ".") == "m"
    for word in FEMALE_TITLES:
        assert title_gender(word.capitalize()) == "f"
    for word in MALE_NOUNS:
        assert noun_genders([word]) == {"m"}
    for word in FEMALE_NOUNS:
        assert noun_genders([word]) == {"f"}
    assert not MALE_NOUNS & FEMALE_NOUNS
    assert not MALE_TITLES & FEMALE_TITLES
    assert pronoun_gender("they") is None
    assert title_gender("Dr") is None
    assert noun_genders(["person", "child"]) == set()

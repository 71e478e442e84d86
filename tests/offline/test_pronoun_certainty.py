"""A pronoun is resolved only when its antecedent is certain (invented text)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from factcheck.offline import OfflineOutput
from factcheck.offline.drafting import opens_on_loose_pronoun
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


def _texts(out: OfflineOutput) -> list[str]:
    return [c.text for c in out.claims]


def test_a_relation_of_the_named_person_is_not_that_person(extract: Extract) -> None:
    body = (
        "In 2012, the daughter of union boss Ramón Ferrel Duarte was criticised for posting "
        "photos of her yacht. Her flashy pictures were shared 40,000 times in a week."
    )
    out = extract(body)
    assert not any("Ferrel Duarte's flashy" in t or "Duarte's flashy" in t for t in _texts(out))
    assert not any(t.startswith("Her flashy") for t in _texts(out))


def test_a_possessive_subject_moves_the_focus_away(extract: Extract) -> None:
    body = (
        "Mayor Ivo Brandt opened the bridge on Monday. "
        "Brandt's spokeswoman said 3,000 people came. "
        "She said the bridge cost 12 million euros."
    )
    out = extract(body)
    assert not any("Ivo Brandt said the bridge cost" in t for t in _texts(out))


def test_a_person_named_beside_an_unknown_he_is_not_him(extract: Extract) -> None:
    body = (
        "He is a very wealthy user of Lear Jets and private yachts. "
        "His efforts in the field of cod farming have helped 300 families."
    )
    out = extract(body)
    assert not any("Lear Jets'" in t for t in _texts(out))


def test_a_title_gives_the_gender(extract: Extract) -> None:
    body = (
        "Mrs Ilse Varga runs the Tessel ferry. He said the ferry carried 9,000 passengers in 2023."
    )
    out = extract(body)
    assert not any("Varga said the ferry" in t for t in _texts(out))


def test_a_pronoun_of_the_gender_a_noun_just_named_is_not_guessed(extract: Extract) -> None:
    body = (
        "Council leader Arjun Mehta met his sister at the depot on Monday. "
        "She said the depot handled 400 buses in 2023."
    )
    out = extract(body)
    assert not any("Arjun Mehta said the depot" in t for t in _texts(out))


def test_a_certain_antecedent_is_still_resolved(extract: Extract) -> None:
    body = (
        "Timo Kessler admitted taking the money between April 2004 and February 2014. "
        "He was ordered to repay 12,000 euros in 2015."
    )
    out = extract(body)
    assert "Timo Kessler was ordered to repay 12,000 euros in 2015." in _texts(out)


def test_the_gender_a_sentence_showed_is_kept(extract: Extract) -> None:
    body = (
        "Anna Lind said her team had counted 212 boats. "
        "He added that 9 of them had no licence in 2023."
    )
    out = extract(body)
    assert not any("Anna Lind added" in t for t in _texts(out))


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

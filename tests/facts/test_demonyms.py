"""Words for a nation's people are not names: every entry, alone and in a sentence."""

from __future__ import annotations

import pytest

from factcheck.facts.demonyms import DEMONYMS, is_demonym
from factcheck.facts.names import find_names


@pytest.mark.parametrize("word", sorted(DEMONYMS))
def test_each_entry_is_not_a_name(word: str) -> None:
    assert word == word.lower() and word.isalpha()
    assert is_demonym(word) and is_demonym(word + "s")
    capital = word.capitalize()
    assert find_names(f"The report said {capital} officers were there.") == []


def test_country_names_stay_names() -> None:
    assert find_names("The team flew from Spain to Scotland with British Airways.") == [
        "Spain",
        "Scotland",
        "British Airways",  # a name of several words keeps its demonym
    ]


def test_plural_needs_a_listed_singular() -> None:
    assert is_demonym("scots") and is_demonym("britons")
    assert not is_demonym("spain") and not is_demonym("s") and not is_demonym("jones")

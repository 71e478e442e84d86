"""The table of words for a nation's people, entry by entry."""

from __future__ import annotations

import pytest

from factcheck.facts.demonyms import DEMONYMS, is_demonym


@pytest.mark.parametrize("word", sorted(DEMONYMS))
def test_each_entry_and_its_plural(word: str) -> None:
    assert word == word.lower() and word.isalpha()
    assert is_demonym(word) and is_demonym(word + "s")
    assert not is_demonym(word.capitalize())  # looked up in lower case only


def test_plural_needs_a_listed_singular() -> None:
    assert is_demonym("scots") and is_demonym("britons")
    assert not is_demonym("spain") and not is_demonym("s") and not is_demonym("jones")

"""The words the grounding checks compare (``factcheck.grounding.words``)."""

from __future__ import annotations

import pytest

from factcheck.grounding.words import WORD, WORD_OR_NUMBER


@pytest.mark.parametrize(
    ("text", "words", "with_numbers"),
    [
        ("Putin's troops", ["Putin", "s", "troops"], ["Putin", "s", "troops"]),
        ("pro-EU voters", ["pro", "EU", "voters"], ["pro", "EU", "voters"]),
        ("100,000 fans", ["100", "000", "fans"], ["100,000", "fans"]),
        ("rose 3.2%", ["rose", "3", "2"], ["rose", "3.2"]),
        ("ended.Then", ["ended", "Then"], ["ended", "Then"]),  # a full stop before a letter
        ("snake_case", ["snake", "case"], ["snake", "case"]),
        ("Zoë Kovačević", ["Zoë", "Kovačević"], ["Zoë", "Kovačević"]),
    ],
)
def test_words_and_whole_figures(text: str, words: list[str], with_numbers: list[str]) -> None:
    assert WORD.findall(text) == words
    assert WORD_OR_NUMBER.findall(text) == with_numbers

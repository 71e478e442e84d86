"""Spelled-out numbers read on their own."""

from __future__ import annotations

from decimal import Decimal

import pytest

from factcheck.facts.numbers import normalise_number_words, parse_number_words


@pytest.mark.parametrize(
    ("text", "value", "end"),
    [
        ("seven", Decimal(7), 5),
        ("twenty-one people", Decimal(21), 10),
        ("twenty one", Decimal(21), 10),
        ("one hundred and five", Decimal(105), 20),
        ("one hundred and", Decimal(100), 11),  # a dangling "and" is not part of it
        ("three million two hundred thousand", Decimal(3_200_000), 34),
        ("a million", Decimal(1_000_000), 9),
        ("an hundred", Decimal(100), 10),
        ("one and a half", Decimal("1.5"), 14),
        ("twenty one two", Decimal(21), 10),  # "two" cannot follow a unit
        ("million", None, 0),  # a scale needs a number before it
        ("a few", None, 0),
        ("tension", None, 0),
    ],
)
def test_parse_number_words(text: str, value: Decimal | None, end: int) -> None:
    parsed = parse_number_words(text, 0)
    if value is None:
        assert parsed is None
    else:
        assert parsed is not None
        assert (parsed.value, parsed.end) == (value, end)


def test_scales_must_shrink() -> None:
    # "thousand million" is not one number in this grammar: it stops at "thousand".
    parsed = parse_number_words("two thousand million", 0)
    assert parsed is not None
    assert parsed.value == 2000


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("two years ago", "2 years ago"),
        ("one hundred thousand troops", "100000 troops"),
        ("Twelve of the twenty-one", "12 of the 21"),
        ("half a million", "500000"),
        ("dozens of boats", "dozens of boats"),  # vague: left alone
        ("someone and no one", "someone and no 1"),
        ("", ""),
    ],
)
def test_normalise_number_words(text: str, expected: str) -> None:
    assert normalise_number_words(text) == expected

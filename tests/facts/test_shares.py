"""A share of a whole ("one in five", "four out of 10") is one figure, in per cent."""

from __future__ import annotations

import pytest

from factcheck.facts.quantities import find_quantities
from factcheck.grounding.summary import check_summary


def read(text: str) -> list[tuple[str, float, str | None, str]]:
    return [(q.text, round(q.value, 2), q.unit, q.bound) for q in find_quantities(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("one in five parents", [("one in five", 20.0, "%", "exact")]),
        ("four out of five children", [("four out of five", 80.0, "%", "exact")]),
        ("1 in 4 people", [("1 in 4", 25.0, "%", "exact")]),
        ("one in three adults", [("one in three", 33.33, "%", "exact")]),
        ("about four in 10 pupils", [("about four in 10", 40.0, "%", "about")]),
        ("more than one in five firms", [("more than one in five", 20.0, "%", "more")]),
        # The share and the percentage that restates it are the same figure.
        ("one in five (20%) of employers", [("one in five", 20.0, "%", "exact"),
                                            ("20%", 20.0, "%", "exact")]),
    ],
)  # fmt: skip
def test_a_share_of_a_whole_is_one_figure_in_per_cent(
    text: str, expected: list[tuple[str, float, str | None, str]]
) -> None:
    assert read(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A count over a span of time is a rate, not a share.
        ("three in 10 days", [("three", 3.0, None, "exact"), ("10", 10.0, None, "exact")]),
        ("two in five years", [("two", 2.0, None, "exact"), ("five", 5.0, None, "exact")]),
        # More than the whole is no share.
        ("scored 3 in 2 games", [("3", 3.0, None, "exact"), ("2", 2.0, None, "exact")]),
        # A year is a date, and "of the" is no share link.
        ("won 2 in 2015", [("2", 2.0, None, "exact")]),
        ("two of the five men", [("two", 2.0, None, "exact"), ("five", 5.0, None, "exact")]),
        # A figure with its own unit is not a part of a whole.
        ("£5 in 10 years", [("£5", 5.0, "GBP", "exact"), ("10", 10.0, None, "exact")]),
        ("one in 2015", []),  # a lone "one" is still a pronoun
    ],
)
def test_what_is_not_a_share(text: str, expected: list[tuple[str, float, str | None, str]]) -> None:
    assert read(text) == expected


SURVEY = (
    "Researchers found that four out of five children who ate school lunches had tried new food. "
    "The survey of 1,000 parents was published on Monday. "
    "Just 20% of parents said their children ate spinach."
)


def test_another_share_of_the_same_whole_contradicts() -> None:
    (check,) = check_summary(SURVEY, "One in five children who ate school lunches tried new food.")
    assert check.status == "contradicted"
    (kept,) = check_summary(SURVEY, "Four in five children who ate school lunches tried new food.")
    assert kept.status == "supported", kept.problems


def test_a_share_meets_the_percentage_that_states_it() -> None:
    (check,) = check_summary(SURVEY, "Just one in five parents said their children ate spinach.")
    assert check.status == "supported", check.problems

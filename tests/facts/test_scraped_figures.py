"""Figures as scraped news writes them: glued units and scales, pence, bounds with changes."""

from __future__ import annotations

import pytest

from factcheck.facts.dates import find_dates
from factcheck.facts.matching import quantities_match
from factcheck.facts.quantities import find_quantities


def _read(text: str) -> list[tuple[float, str, str | None, str]]:
    return [(q.value, q.bound, q.unit, q.text) for q in find_quantities(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It cost £446million.", [(446e6, "exact", "GBP", "£446million")]),
        ("a £50billion plan", [(50e9, "exact", "GBP", "£50billion")]),
        ("a 15.5km run", [(15.5, "exact", "km", "15.5km")]),
        ("a magnitude-4.8 quake", [(4.8, "exact", None, "4.8")]),
        ("shares closed at 338.5p", [(3.385, "exact", "GBP", "338.5p")]),
        ("Nearly 3,000 women", [(3000.0, "about", None, "Nearly 3,000")]),
        ("1,234,567 votes", [(1234567.0, "exact", None, "1,234,567")]),
        ("45 per cent", [(45.0, "exact", "%", "45 per cent")]),
        ("12.5 percent", [(12.5, "exact", "%", "12.5 percent")]),
    ],
)
def test_scraped_figures(text: str, expected: list[tuple[float, str, str | None, str]]) -> None:
    got = _read(text)
    assert [(b, u, t) for _, b, u, t in got] == [(b, u, t) for _, b, u, t in expected]
    assert [v for v, _, _, _ in got] == pytest.approx([v for v, _, _, _ in expected])


def test_a_bound_then_to_is_two_values_not_a_range() -> None:
    got = _read("Its losses were cut by more than £4m to £25.98m.")
    assert got == [
        (4e6, "more", "GBP", "more than £4m"),
        (pytest.approx(25.98e6), "exact", "GBP", "£25.98m"),
    ]


def test_a_change_with_by_keeps_both_ends_exact() -> None:
    got = _read("Fares rose by 20 to 30 dollars.")
    assert [(v, b) for v, b, _, _ in got] == [(20.0, "exact"), (30.0, "exact")]


def test_a_plain_range_is_still_a_range() -> None:
    assert [(v, b) for v, b, _, _ in _read("between 20 and 30 boats")] == [
        (20.0, "more"),
        (30.0, "less"),
    ]


def test_glued_and_spaced_units_are_the_same_fact() -> None:
    (glued,) = find_quantities("a 15.5km run")
    (spaced,) = find_quantities("a 15.5 kilometres run")
    (miles,) = find_quantities("a 15.5 miles run")
    assert quantities_match(glued, spaced)
    assert not quantities_match(glued, miles)


def test_pence_and_pounds_are_the_same_fact() -> None:
    (pence,) = find_quantities("shares at 338.5p")
    (pounds,) = find_quantities("shares at £3.385")
    assert quantities_match(pence, pounds)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("he died on july 3 , 2015 .", (2015, 7, 3)),
        ("on 14 february 2012 it", (2012, 2, 14)),
        ("in march 2011 the", (2011, 3, None)),
    ],
)
def test_lower_case_months_in_tokenised_text(
    text: str, expected: tuple[int, int, int | None]
) -> None:
    assert [(d.year, d.month, d.day) for d in find_dates(text)] == [expected]


def test_a_lower_case_month_word_alone_is_no_date() -> None:
    assert find_dates("an august body may march on") == []

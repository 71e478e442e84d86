"""find_quantities and quantities_match on hand-written phrases."""

from __future__ import annotations

import pytest

from factcheck.facts.matching import quantities_match
from factcheck.facts.quantities import Quantity, find_quantities
from factcheck.grounding.compare import compare_claim

Q = tuple[float, str, str | None, str]


def read(text: str) -> list[Q]:
    return [(q.value, q.bound, q.unit, q.text) for q in find_quantities(text)]


def one(text: str) -> Quantity:
    found = find_quantities(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    "text",
    ["100,000", "100000", "100 thousand", "one hundred thousand", "a hundred thousand"],
)
def test_spellings_of_one_hundred_thousand_normalise_to_one_value(text: str) -> None:
    assert read(f"There were {text} people.") == [(100000.0, "exact", None, text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.5", [(1.5, "exact", None, "1.5")]),
        ("12,345.5 tonnes", [(12345.5, "exact", "t", "12,345.5 tonnes")]),
        ("1 million", [(1e6, "exact", None, "1 million")]),
        ("2.5 billion", [(2.5e9, "exact", None, "2.5 billion")]),
        ("3bn", [(3e9, "exact", None, "3bn")]),
        ("40m viewers", [(4e7, "exact", None, "40m")]),
        ("100k", [(1e5, "exact", None, "100k")]),
        ("twelve", [(12.0, "exact", None, "twelve")]),
        ("Twenty-one", [(21.0, "exact", None, "Twenty-one")]),
        ("one hundred and twenty-five", [(125.0, "exact", None, "one hundred and twenty-five")]),
        ("eleven hundred", [(1100.0, "exact", None, "eleven hundred")]),
        ("two and a half million", [(2.5e6, "exact", None, "two and a half million")]),
        ("a dozen", [(12.0, "exact", None, "a dozen")]),
        ("half a dozen", [(6.0, "exact", None, "half a dozen")]),
        ("two dozen", [(24.0, "exact", None, "two dozen")]),
        ("a hundred", [(100.0, "exact", None, "a hundred")]),
        ("half of them", [(0.5, "exact", None, "half")]),
        ("half a million", [(5e5, "exact", None, "half a million")]),
        ("zero", [(0.0, "exact", None, "zero")]),
    ],
)
def test_numbers_digits_scales_and_words(text: str, expected: list[Q]) -> None:
    assert read(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("dozens of boats", [(24.0, "more", None, "dozens")]),
        ("thousands", [(2000.0, "more", None, "thousands")]),
        ("tens of thousands", [(20000.0, "more", None, "tens of thousands")]),
        ("hundreds of thousands of fans", [(200000.0, "more", None, "hundreds of thousands")]),
    ],
)
def test_vague_plurals_are_lower_bounds(text: str, expected: list[Q]) -> None:
    assert read(text) == expected


@pytest.mark.parametrize(
    ("phrase", "bound"),
    [
        ("more than", "more"),
        ("over", "more"),
        ("above", "more"),
        ("at least", "more"),
        ("no fewer than", "more"),
        ("less than", "less"),
        ("fewer than", "less"),
        ("under", "less"),
        ("below", "less"),
        ("at most", "less"),
        ("up to", "less"),
        ("no more than", "less"),
        ("about", "about"),
        ("nearly", "about"),
        ("almost", "about"),
        ("around", "about"),
        ("roughly", "about"),
        ("some", "about"),
        ("approximately", "about"),
        ("an estimated", "about"),
    ],
)
def test_bound_phrases(phrase: str, bound: str) -> None:
    assert read(f"{phrase} 5,000 workers") == [(5000.0, bound, None, f"{phrase} 5,000")]


def test_no_more_than_is_not_read_as_more_than() -> None:
    # A trap: "more than" sits inside "no more than" and means the opposite.
    assert one("no more than 30 seats").bound == "less"


@pytest.mark.parametrize(
    ("text", "bound"),
    [("100,000+", "more"), ("20,000 or more", "more"), ("50-plus", "more"), ("30 or so", "about")],
)
def test_bounds_written_after_the_number(text: str, bound: str) -> None:
    q = one(text)
    assert (q.bound, q.text) == (bound, text)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("40%", 40.0, "%"),
        ("40 %", 40.0, "%"),
        ("40 percent", 40.0, "%"),
        ("40 per cent", 40.0, "%"),
        ("2 percentage points", 2.0, "pp"),
        ("$3.2 billion", 3.2e9, "USD"),
        ("3.2 billion dollars", 3.2e9, "USD"),
        ("US$5", 5.0, "USD"),
        ("USD 5 million", 5e6, "USD"),
        ("€40m", 4e7, "EUR"),
        ("5 euros", 5.0, "EUR"),
        ("£12", 12.0, "GBP"),
        ("£1.2m", 1.2e6, "GBP"),
        ("¥300", 300.0, "JPY"),
        ("1.5bn euros", 1.5e9, "EUR"),
        ("10 million yuan", 1e7, "CNY"),
    ],
)
def test_percentages_and_currencies(text: str, value: float, unit: str) -> None:
    q = one(f"It cost {text} in total.")
    assert (q.value, q.unit, q.text) == (value, unit, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("between 20 and 30", [(20.0, "more"), (30.0, "less")]),
        ("20-30", [(20.0, "more"), (30.0, "less")]),
        ("20–30 people", [(20.0, "more"), (30.0, "less")]),
        ("10 to 20", [(10.0, "more"), (20.0, "less")]),
        ("$20-30 million", [(2e7, "more"), (3e7, "less")]),
        ("between 20 and 30 percent", [(20.0, "more"), (30.0, "less")]),
        # Not ranges: a change ("from ... to", "rose ... to") and a score.
        ("from 20 to 30", [(20.0, "exact"), (30.0, "exact")]),
        ("rose 5% to 10%", [(5.0, "exact"), (10.0, "exact")]),
        ("a 5-4 vote", [(5.0, "exact"), (4.0, "exact")]),
    ],
)
def test_ranges_give_both_ends(text: str, expected: list[tuple[float, str]]) -> None:
    assert [(q.value, q.bound) for q in find_quantities(text)] == expected


def test_a_range_shares_its_unit_and_span() -> None:
    low, high = find_quantities("between 20 and 30 percent")
    assert low.unit == high.unit == "%"
    assert low.text == high.text == "between 20 and 30 percent"
    low, high = find_quantities("$20-30 million")
    assert low.unit == high.unit == "USD"


@pytest.mark.parametrize(
    "text",
    [
        "in 2019",
        "since 1999,",
        "by 2100.",
        "the 2020 Olympics",
        "COVID-19",
        "G7 leaders",
        "an F-16 jet",
        "at 10:30",
        "a 5G network",
        "the 1990s",
        "February 3, 2022",
        "3 March",
        "one of the leaders",
        "no one came",
        "",
    ],
)
def test_not_quantities(text: str) -> None:
    assert find_quantities(text) == []


@pytest.mark.parametrize(
    ("text", "value", "bound"),
    [
        ("2,000 troops", 2000.0, "exact"),
        ("more than 2000 troops", 2000.0, "more"),
        ("nearly 1950 votes", 1950.0, "about"),
        ("2019 percent", 2019.0, "exact"),
        ("$2019", 2019.0, "exact"),
        ("1,999", 1999.0, "exact"),
    ],
)
def test_year_like_numbers_that_are_counts(text: str, value: float, bound: str) -> None:
    q = one(text)
    assert (q.value, q.bound) == (value, bound)


def test_lone_one_is_skipped_but_compounds_are_kept() -> None:
    assert read("one country") == []
    assert read("one million") == [(1e6, "exact", None, "one million")]
    assert read("1 country") == [(1.0, "exact", None, "1")]


def test_digit_ordinals_only() -> None:
    assert read("the 21st century") == [(21.0, "exact", "ordinal", "21st")]
    assert read("the first and second rounds") == []


def test_spans_are_exact() -> None:
    text = "Officials said more than 1 million people and €40m, between 20 and 30 boats."
    found = find_quantities(text)
    assert [q.text for q in found] == [
        "more than 1 million",
        "€40m",
        "between 20 and 30",
        "between 20 and 30",
    ]
    assert all(text[q.start : q.end] == q.text for q in found)


def test_long_digit_runs_are_not_quantities() -> None:
    assert find_quantities("9" * 31) == []
    assert read("9" * 30) == [(float("9" * 30), "exact", None, "9" * 30)]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("a dozen", "12"),
        ("$3.2 billion", "3.2 billion dollars"),
        ("40%", "40 per cent"),
        ("about 100,000", "100,000"),
        ("nearly 13,000", "12,500"),
        ("3.24 billion", "3.2 billion"),
        ("1.5 million", "1,500,000"),
        ("more than 1 million", "over one million"),
        ("100 thousand", "one hundred thousand"),
        ("40%", "40"),  # a missing unit agrees with any
    ],
)
def test_quantities_that_match(a: str, b: str) -> None:
    assert quantities_match(one(a), one(b))
    assert quantities_match(one(b), one(a))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("100,000", "10,000"),
        ("more than 1 million", "1 million"),
        ("less than 1 million", "more than 1 million"),
        ("€40m", "$40m"),
        ("40%", "40 percentage points"),
        ("130,000", "100,000"),
        ("12", "10"),
        ("about 100,000", "130,000"),
        ("3.2 billion", "3.2 million"),
        ("half", "50%"),
    ],
)
def test_quantities_that_do_not_match(a: str, b: str) -> None:
    assert not quantities_match(one(a), one(b))
    assert not quantities_match(one(b), one(a))


@pytest.mark.parametrize(
    ("text", "value", "written"),
    [
        ("at around 9pm Thursday", 21.0, "9pm"),
        ("works a 3 am shift", 3.0, "3 am"),
        ("at 10.30am", 10.5, "10.30am"),
        ("at 6:45 p.m. on Monday", 18.75, "6:45 p.m."),
        ("at 12pm", 12.0, "12pm"),
        ("at 12am", 0.0, "12am"),
        ("at 7 PM", 19.0, "7 PM"),
    ],
)
def test_a_time_of_day_is_a_quantity_in_hours(text: str, value: float, written: str) -> None:
    (q,) = find_quantities(text)
    assert (q.value, q.unit, q.bound, q.text) == (value, "time", "exact", written)
    assert text[q.start : q.end] == written


def test_words_that_merely_start_with_am_are_not_times() -> None:
    assert [q.unit for q in find_quantities("6 amendments passed")] == [None]
    assert find_quantities("the meeting ran 10:30 to noon") == []


def test_a_changed_time_of_day_contradicts() -> None:
    assert compare_claim("The fire started at 9pm.", "The fire started at 9 p.m.") == []
    assert compare_claim("The fire started at 2pm.", "The fire started at 9 p.m.") == [
        "number 2pm not in evidence"
    ]

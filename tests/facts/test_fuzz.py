"""Arbitrary input never crashes the extractors, and every span is exact."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.facts.dates import find_dates
from factcheck.facts.matching import quantities_match
from factcheck.facts.names import find_names
from factcheck.facts.numbers import normalise_number_words
from factcheck.facts.quantities import find_quantities

# Pieces that exercise the parsers: digits, separators, scale and bound words,
# currency signs, month names, control characters, unusual digits and letters.
_PIECES = st.sampled_from(
    [
        "0", "1", "9", "12", "2019", "100,000", "3.2", ",", ".", "-", "–", " ", "\n", "\t",
        "%", "$", "€", "£", "m", "bn", "k", "st", "million", "thousand", "hundred", "dozen",
        "a", "half", "and", "to", "between", "more than", "about", "up to", "one", "twenty",
        "February", "May", "Friday", "last week", "ago", "Mr", "Putin’s", "Zoë", "NATO",
        "U.S.", "COVID-19", "\x00", "\x1b", "\u200b", "٣", "１２", "²", "\ud7ff", "ǅ", "İ",
    ]
)  # fmt: skip
_TEXT = st.one_of(
    st.text(max_size=200),
    st.lists(_PIECES, max_size=40).map("".join),
    st.lists(st.one_of(_PIECES, st.text(max_size=3)), max_size=30).map(" ".join),
)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_extractors_never_crash_and_spans_are_exact(text: str) -> None:
    quantities = find_quantities(text)
    for q in quantities:
        assert text[q.start : q.end] == q.text
        assert q.bound in ("exact", "more", "less", "about")
        assert quantities_match(q, q)
    for d in find_dates(text):
        assert text[d.start : d.end] == d.text
        assert d.month is None or 1 <= d.month <= 12
        assert d.day is None or 1 <= d.day <= 31
    for name in find_names(text):
        assert name
        assert name in text
    assert isinstance(normalise_number_words(text), str)


@settings(max_examples=50, deadline=None)
@given(st.integers(min_value=1, max_value=5000), st.sampled_from(["", ",000", ".5", "m", "%"]))
def test_long_digit_runs(length: int, tail: str) -> None:
    text = "$" + "9" * length + tail + " and " + "1" * length
    found = find_quantities(text)
    assert all(text[q.start : q.end] == q.text for q in found)
    assert all(len(q.text.replace(",", "")) <= 40 for q in found)


def test_huge_values_stay_finite_or_infinite_without_error() -> None:
    found = find_quantities("9" * 30 + " trillion trillion")
    assert found
    assert found[0].value > 1e40

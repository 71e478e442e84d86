"""find_dates and the date-fact comparison on hand-written phrases."""

from __future__ import annotations

import pytest

from factcheck.facts.dates import DateMention, find_dates
from factcheck.facts.matching import date_fact_present, date_facts

D = tuple[int | None, int | None, int | None, str | None, str | None, str]


def read(text: str) -> list[D]:
    return [(d.year, d.month, d.day, d.weekday, d.relative, d.text) for d in find_dates(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on February 3, 2022", [(2022, 2, 3, None, None, "February 3, 2022")]),
        ("on Feb. 3, 2022", [(2022, 2, 3, None, None, "Feb. 3, 2022")]),
        ("on February 3rd", [(None, 2, 3, None, None, "February 3rd")]),
        ("on 3 February 2022", [(2022, 2, 3, None, None, "3 February 2022")]),
        ("the 3rd of February", [(None, 2, 3, None, None, "the 3rd of February")]),
        ("in February 2022", [(2022, 2, None, None, None, "February 2022")]),
        ("In August, troops", [(None, 8, None, None, None, "August")]),
        ("on 2022-02-03", [(2022, 2, 3, None, None, "2022-02-03")]),
        ("on 02/03/2022", [(2022, 2, 3, None, None, "02/03/2022")]),
        ("on 25/12/2021", [(2021, 12, 25, None, None, "25/12/2021")]),
        (
            "on Friday, February 4, 2022",
            [(2022, 2, 4, "friday", None, "Friday, February 4, 2022")],
        ),
        ("since 2019.", [(2019, None, None, None, None, "2019")]),
        ("in the 1990s", [(1990, None, None, None, None, "1990s")]),
    ],
)
def test_absolute_dates(text: str, expected: list[D]) -> None:
    assert read(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("talks on Friday", [(None, None, None, "friday", None, "Friday")]),
        ("Friday’s talks", [(None, None, None, "friday", None, "Friday")]),
        ("yesterday", [(None, None, None, None, "yesterday", "yesterday")]),
        ("Last week, he", [(None, None, None, None, "last week", "Last week")]),
        ("last year’s riots", [(None, None, None, None, "last year", "last year")]),
        ("two years ago", [(None, None, None, None, "two years ago", "two years ago")]),
        ("3 days ago", [(None, None, None, None, "3 days ago", "3 days ago")]),
        (
            "earlier this month",
            [(None, None, None, None, "earlier this month", "earlier this month")],
        ),
        ("last Friday", [(None, None, None, "friday", "last friday", "last Friday")]),
    ],
)
def test_weekdays_and_relative_dates(text: str, expected: list[D]) -> None:
    assert read(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Theresa May said",  # a surname, not the month
        "you may go",
        "an august body",  # an adjective
        "2,019 voters",
        "more than 2000 people",
        "$2019",
        "2019%",
        "COVID-19",
        "Jan said hello",  # an abbreviation alone is not a month
        "February 31",  # no such day: nothing is made up
        "",
    ],
)
def test_not_dates(text: str) -> None:
    assert find_dates(text) == []


def test_may_is_a_month_after_a_date_word() -> None:
    assert read("in May") == [(None, 5, None, None, None, "May")]
    assert read("since May 2019") == [(2019, 5, None, None, None, "May 2019")]


def test_year_ranges_are_two_years() -> None:
    assert [d.year for d in find_dates("from 2019-2020")] == [2019, 2020]
    assert [d.year for d in find_dates("between 1990 and 2000")] == [1990, 2000]


def test_spans_are_exact() -> None:
    text = "On Friday, officials met; since 2019 and on March 3, 2021 nothing changed last week."
    found = find_dates(text)
    assert [d.text for d in found] == ["Friday", "2019", "March 3, 2021", "last week"]
    assert all(text[d.start : d.end] == d.text for d in found)


def first(text: str) -> DateMention:
    return find_dates(text)[0]


@pytest.mark.parametrize(
    ("claim", "evidence"),
    [
        ("in 2019", "since 2019"),
        ("in 2019", "in March 2019"),
        ("March 2019", "on March 3, 2019"),
        ("on Friday", "last Friday"),
        ("2 years ago", "two years ago"),
        ("on March 3, 2019", "in 2019, on March 3"),  # facts may sit in two mentions
    ],
)
def test_date_facts_present(claim: str, evidence: str) -> None:
    mentions = find_dates(evidence)
    assert all(date_fact_present(f, mentions) for f in date_facts(first(claim)))


@pytest.mark.parametrize(
    ("claim", "evidence"),
    [
        ("in 2022", "on March 3"),
        ("on March 3, 2019", "on March 3"),
        ("on March 4", "on March 3, 2019"),
        ("last week", "last year"),
        ("on Friday", "on Thursday"),
        ("in 1990", "in the 1990s"),
    ],
)
def test_date_facts_absent(claim: str, evidence: str) -> None:
    mentions = find_dates(evidence)
    assert not all(date_fact_present(f, mentions) for f in date_facts(first(claim)))

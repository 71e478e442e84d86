"""compare_claim: each number, date and name of a claim must be in its evidence."""

from __future__ import annotations

import pytest

from factcheck.grounding.compare import compare_claim


@pytest.mark.parametrize(
    ("claim", "evidence"),
    [
        ("The port employs some 1,200 people.", "Some 1,200 people work at the port."),
        ("Ten protected species live there, a dozen in all.", "ten species, 12 in total"),
        ("The deal is worth $3.2 billion.", "a deal worth 3.2 billion dollars"),
        ("The state pays 40% of the cost.", "would cover 40 per cent of the cost"),
        ("Twelve ships docked.", "12 ships docked"),
        ("About 300 jobs will be added.", "to hire 300 more"),
        ("More than 100,000 fans came.", "more than one hundred thousand fans came"),
        ("It was the first time since 2009.", "the largest investment since 2009"),
        ("They met on Friday, February 4, 2022.", "On Friday they met; it was February 4, 2022."),
        ("About 2,000 troops arrived.", "2000 troops arrived"),  # a year-like count
        ("Kovacevic approved it.", "Zoë Kovačević approved it."),  # diacritics aside
        ("Vladimir Putin’s visit went ahead.", "Putin’s visit went ahead."),
        ("The US and the EU objected.", "the United States and the European Union objected"),
        ("Nothing in particular happened.", "Something else entirely."),  # no facts to check
        ("", "anything"),
    ],
)
def test_supported(claim: str, evidence: str) -> None:
    assert compare_claim(claim, evidence) == []


@pytest.mark.parametrize(
    ("claim", "evidence", "problems"),
    [
        (
            "More than 100,000 troops are deployed.",
            "more than 10,000 troops are deployed",
            ["number More than 100,000 not in evidence"],
        ),
        (
            "More than 10,000 troops are deployed.",
            "more than 100,000 troops are deployed",
            ["number More than 10,000 not in evidence"],
        ),
        (
            "It holds more than 1 million people.",
            "It holds 1 million people.",
            ["number more than 1 million not in evidence (evidence says 1 million)"],
        ),
        (
            "It holds 1 million people.",
            "It holds more than 1 million people.",
            ["number 1 million not in evidence (evidence says more than 1 million)"],
        ),
        (
            "They will sign 12 agreements.",
            "they will sign more than a dozen agreements",
            ["number 12 not in evidence (evidence says more than a dozen)"],
        ),
        (
            "The plan costs €40m.",
            "The plan costs $40m.",
            ["number €40m not in evidence (evidence says $40m)"],
        ),
        (
            "The state pays 45% of the cost.",
            "would cover 40 per cent",
            ["number 45% not in evidence"],
        ),
        ("The plan was approved in 2024.", "approved on Tuesday", ["date 2024 not in evidence"]),
        (
            "It happened on March 3, 2019.",
            "It happened on March 3.",
            ["date March 3, 2019 not in evidence"],
        ),
        ("It happened last year.", "It happened last week.", ["date last year not in evidence"]),
        (
            "Wang Yi called Antony Blinken.",
            "Wang Yi made a phone call.",
            ["name Antony Blinken not in evidence"],
        ),
        ("Kovalevic approved it.", "Kovačević approved it.", ["name Kovalevic not in evidence"]),
    ],
)
def test_mismatches_are_named(claim: str, evidence: str, problems: list[str]) -> None:
    assert compare_claim(claim, evidence) == problems


def test_several_problems_in_reading_order() -> None:
    problems = compare_claim(
        "Blinken said 500 jobs would go in 2030.", "Petrović said 300 jobs would go by 2026."
    )
    assert problems == [
        "number 500 not in evidence",
        "date 2030 not in evidence",
        "name Blinken not in evidence",
    ]


def test_a_range_is_reported_once() -> None:
    assert compare_claim("between 20 and 30 boats", "40 boats") == [
        "number between 20 and 30 not in evidence"
    ]

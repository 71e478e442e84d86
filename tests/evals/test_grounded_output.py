"""Outside output is grounded by the library's own check before it is scored, never trusted."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from factcheck.evals import GoldCase, assert_grounded, score_case, score_output
from factcheck.evals.grounded_output import (
    NO_QUOTE,
    failing_checks,
    ground_output,
    invented_figures,
)
from factcheck.grounding import verify_text
from factcheck.result import SentenceCheck

GoldFactory = Callable[..., GoldCase]

# Written for these tests.
ARTICLE = """Island council keeps ferry subsidy

KESTRA — The island council voted on Wednesday to keep paying about €1.8 million a year \
to subsidise the ferry to the mainland.

The ferry carried 212,000 passengers last year, down from 251,000 in 2019, the operator said.

Councillor Maren Holt proposed cutting the sailings. The plan would have saved money. \
She said the island could not keep paying for empty seats.

The vote was 7 to 4.
"""
FERRY = "The island council will keep paying about €1.8 million a year for the ferry."
CLAIMS = [
    {"text": FERRY, "key_facts": [{"kind": "number", "value": "€1.8 million"}]},
    {
        "text": "The ferry carried 212,000 passengers last year.",
        "key_facts": [{"kind": "number", "value": "212,000"}],
    },
]
# A summary that swaps the article's figure for another: every other word matches.
WRONG = "The island council voted to keep paying about €2.5 million a year to subsidise the ferry."


@pytest.fixture
def gold(make_gold: GoldFactory) -> GoldCase:
    return make_gold(article=ARTICLE, claims=CLAIMS)


def _self_praise(summary: str, claims: list[dict[str, Any]]) -> dict[str, Any]:
    """An output that reports every sentence and claim as supported."""
    return {
        "summary": summary,
        "claims": [{**c, "status": "supported", "problems": []} for c in claims],
        "summary_checks": [
            {"text": summary, "start": 0, "end": len(summary), "status": "supported"}
        ],
    }


@pytest.mark.parametrize(
    "checks",
    [
        None,  # no summary checks at all
        [],
        [{"text": WRONG, "start": 0, "end": len(WRONG), "status": "supported", "problems": []}],
    ],
)
def test_an_invented_figure_never_passes(gold: GoldCase, checks: Any) -> None:
    result = _self_praise(WRONG, [{"text": FERRY, "quote": "keep paying about €1.8 million"}])
    if checks is None:
        del result["summary_checks"]
    else:
        result["summary_checks"] = checks
    score = score_case(gold, result)
    assert score.status == "failed"
    assert "invented_figures 1 > maximum 0" in score.failures
    assert [f.to_dict() for f in score.invented] == [
        {"kind": "number", "text": "about €2.5 million", "where": "summary"}
    ]
    # The same text through the outside-output API, and through assert_grounded.
    assert score_output(gold, summary=WRONG, claims=[FERRY]).status == "failed"
    with pytest.raises(AssertionError, match=r"€2\.5 million"):
        assert_grounded(ARTICLE, WRONG)


def test_self_reported_statuses_are_recomputed(gold: GoldCase) -> None:
    claims = [
        # Says supported; its quote is not in the article.
        {"text": FERRY, "quote": "keep paying nearly €3 million"},
        # Says nothing; its quote is there and states the figure.
        {"text": "The ferry carried 212,000 passengers.", "quote": "carried 212,000 passengers"},
    ]
    data = ground_output(ARTICLE, _self_praise("The vote was 7 to 4.", claims))
    assert [c["status"] for c in data["claims"]] == ["unsupported", "supported"]
    assert data["claims"][0]["problems"] == ["quote not found in the article"]
    assert data["summary_checks"][0]["status"] == "supported"
    assert data["body"].startswith("KESTRA")
    score = score_case(gold, _self_praise("The vote was 7 to 4.", claims))
    assert score.metrics["grounding_rate"] == 0.5


def test_claims_without_quotes_get_the_evidence_the_check_finds() -> None:
    data = ground_output(
        ARTICLE,
        {
            "claims": [
                "The ferry carried 212,000 passengers last year.",
                {"text": "Lighthouse keepers went on strike in Dunmore."},
            ]
        },
    )
    found, missing = data["claims"]
    assert found["status"] == "supported"
    assert found["quote"].startswith("The ferry carried 212,000 passengers")
    assert found["problems"] == [NO_QUOTE]
    assert found["evidence"] is not None
    start, end = found["original_span"]["start"], found["original_span"]["end"]
    assert ARTICLE[start:end] == found["quote"]
    assert missing["status"] == "unsupported"
    assert missing["quote"] == ""
    assert missing["problems"][0] == NO_QUOTE


def test_output_without_quotes_is_grounded_not_refused(gold: GoldCase) -> None:
    claims = [FERRY, "The ferry carried 212,000 passengers last year."]
    score = score_output(gold, summary="The vote was 7 to 4.", claims=claims)
    assert score.metrics["schema_validity_rate"] == 1.0
    assert score.metrics["grounding_rate"] == 1.0
    assert score.metrics["claim_recall"] == 1.0
    assert score.passed


def test_a_name_may_come_from_the_antecedent_the_output_points_to() -> None:
    """ "She said" resolved to Holt: the name may be found before the quote, a figure may not."""
    body_start = ARTICLE.index("KESTRA")
    quote = "She said the island could not keep paying for empty seats."
    start = ARTICLE.index(quote) - body_start
    antecedent = ARTICLE.index("Councillor Maren Holt") - body_start
    evidence = {"start": start, "end": start + len(quote), "sentence_start": antecedent}
    named = {"text": "Holt said the island could not keep paying for empty seats.", "quote": quote}
    figure = {
        "text": "Holt said the island could not keep paying for 212,000 seats.",
        "quote": quote,
    }
    far = {**named, "evidence": {**evidence, "sentence_start": 0}}
    data = ground_output(
        ARTICLE,
        {"claims": [{**named, "evidence": evidence}, {**figure, "evidence": evidence}, named, far]},
    )
    statuses = [c["status"] for c in data["claims"]]
    # With the antecedent the name is found; a figure must still be in the quote's sentence.
    assert statuses[:2] == ["supported", "partial"]
    assert data["claims"][1]["problems"] == ["number 212,000 not in evidence"]
    # Without it, "Holt" is two sentences away from the quote: not found.
    assert statuses[2] == "partial"
    # Pointing further back changes nothing for figures, and names are still only names.
    assert statuses[3] == "supported"


def test_an_antecedent_span_that_does_not_hold_the_quote_is_ignored() -> None:
    body_start = ARTICLE.index("KESTRA")
    quote = "The vote was 7 to 4."
    start = ARTICLE.index(quote) - body_start
    claim = {
        "text": "Maren Holt lost the vote 7 to 4.",
        "quote": quote,
        # The span is off by one: it does not hold the quote, so its context is not used.
        "evidence": {"start": start + 1, "end": start + 1 + len(quote), "sentence_start": 0},
    }
    data = ground_output(ARTICLE, {"claims": [claim]})
    assert data["claims"][0]["status"] == "partial"
    assert any("Holt" in p for p in data["claims"][0]["problems"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The ferry carried 212,000 passengers.", []),
        ("The ferry carried about 210,000 passengers.", []),  # a rounding of 212,000
        ("The ferry carried more than 212,000 passengers.", []),  # a bound is not a figure
        ("The ferry carried 221,000 passengers.", [("number", "221,000")]),
        ("Passenger numbers fell after 2019.", []),
        ("Passenger numbers fell after 2017.", [("date", "2017")]),
        ("The vote was 7 to 4 on Wednesday.", []),
        ("The subsidy is about €1.9 million.", [("number", "about €1.9 million")]),
    ],
)
def test_invented_figures_by_hand(text: str, expected: list[tuple[str, str]]) -> None:
    body = ARTICLE.split("\n", 2)[2]
    found = invented_figures(body, text, ())
    assert [(f.kind, f.text) for f in found] == expected


def test_invented_figures_in_claims_name_the_claim() -> None:
    body = ARTICLE.split("\n", 2)[2]
    claims: list[Any] = ["The vote was 7 to 4.", {"text": "The vote was 7 to 3."}]
    found = invented_figures(body, "", claims)
    assert [(f.text, f.where) for f in found] == [("7 to 3", "claims[1].text")]


def test_assert_grounded_passes_a_grounded_summary_and_lists_each_bad_sentence() -> None:
    assert_grounded(ARTICLE, "The ferry carried 212,000 passengers last year. The vote was 7 to 4.")
    summary = "The vote was 7 to 4. Lighthouse keepers went on strike in Dunmore."
    with pytest.raises(AssertionError) as info:
        assert_grounded(ARTICLE, summary)
    message = str(info.value)
    assert message.splitlines()[0] == (
        "summary not grounded in the article (2 sentence(s) checked):"
    )
    assert "[unsupported] 'Lighthouse keepers went on strike in Dunmore.'" in message
    assert "The vote was 7 to 4." not in message


def test_assert_grounded_fail_on_partial() -> None:
    # The figure is there; the name is not: partial, not unsupported.
    summary = "The ferry carried 212,000 passengers last year, the operator told Dunmore Radio."
    assert_grounded(ARTICLE, summary)
    with pytest.raises(AssertionError, match=r"\[partial\]"):
        assert_grounded(ARTICLE, summary, fail_on="partial")
    with pytest.raises(ValueError, match="fail_on"):
        assert_grounded(ARTICLE, summary, fail_on="never")


@pytest.mark.parametrize(
    ("fail_on", "failing"),
    [
        ("unsupported", ["unsupported", "contradicted"]),
        ("partial", ["partial", "unsupported", "contradicted"]),
    ],
)
def test_failing_checks_table(fail_on: str, failing: list[str]) -> None:
    checks = [
        SentenceCheck(status, 0, 1, status)
        for status in ("supported", "partial", "unsupported", "contradicted")
    ]
    assert [c.status for c in failing_checks(checks, fail_on)] == failing


def test_summary_checks_read_the_title_as_verify_does() -> None:
    """The title names what an unnamed passage speaks of, here as in ``verify_text``."""
    article = (
        "Vellmar's cycle lanes are worth it\n\n"
        "ARDEN — Teodora Brisk, a shop owner, has complained for a year. "
        "The city spent 7 million euros to build 38 kilometres of cycle lanes. "
        "Cycling trips on the main corridors rose 27 percent in the first year.\n"
    )
    summary = "Vellmar spent 7 million euros to build 38 kilometres of cycle lanes."
    out = ground_output(article, {"summary": summary})
    (check,) = out["summary_checks"]
    (verified,) = verify_text(article, summary).checks
    assert check["status"] == verified.status == "supported", check

from __future__ import annotations

from typing import Any

import pytest

from factcheck.evals.gold import KeyPoint
from factcheck.evals.metrics import (
    claim_schema,
    forbidden_hits,
    grounding_rate,
    key_point_coverage,
    key_point_results,
    schema_errors,
    schema_validity_rate,
    summary_words,
    unsupported_summary_sentences,
    usage_metrics,
)
from factcheck.result import CATEGORIES, Claim


def predicted(text: str, *, status: str = "supported", quote: str = "q") -> dict[str, Any]:
    """A predicted claim in the Result.to_dict() shape."""
    return {**Claim(text=text, quote=quote).to_dict(), "status": status, "problems": []}


def test_grounding_rate() -> None:
    claims = [
        predicted("a", status="supported"),
        predicted("b", status="partial"),
        predicted("c", status="unsupported"),
        predicted("d", status="supported"),
    ]
    assert grounding_rate(claims) == 0.5
    assert grounding_rate([]) == 0.0
    assert grounding_rate([{"text": "no status"}, "junk"]) == 0.0  # type: ignore[list-item]


def test_unsupported_summary_sentences() -> None:
    checks: list[dict[str, Any]] = [
        {"text": "One.", "start": 0, "end": 4, "status": "supported", "problems": []},
        {"text": "Two.", "start": 5, "end": 9, "status": "unsupported", "problems": ["2021?"]},
        {"text": "Three.", "start": 10, "end": 16, "status": "partial", "problems": ["x"]},
    ]
    flagged = unsupported_summary_sentences(checks)
    assert [(s.text, s.problems) for s in flagged] == [("Two.", ("2021?",))]
    assert unsupported_summary_sentences([]) == []


def test_key_point_coverage_needs_every_group() -> None:
    points = [
        KeyPoint("troops", (("100,000",), ("troops", "soldiers"))),
        KeyPoint("meeting", (("2019",), ("meeting", "talks"))),
        KeyPoint("olympics", (("Olympics", "Games"),)),
    ]
    summary = "Russia has one hundred thousand soldiers near Ukraine. Putin meets Xi for talks."
    results = key_point_results(points, summary)
    assert [r.covered for r in results] == [True, False, False]
    assert results[1].missing_groups == (("2019",),)
    assert key_point_coverage(points, summary) == pytest.approx(1 / 3)
    assert key_point_coverage([], "anything") == 1.0


def test_forbidden_hits_in_summary_text_and_quote() -> None:
    claims = [
        predicted("Putin travels to Beijing.", quote="Putin will be present"),
        predicted("The author joined the outlet.", quote="joined DAILYNATIONTODAY in 2023"),
        "Cambridge University graduate",
    ]
    hits = forbidden_hits(
        ["Dailynationtoday", "Cambridge University", "winknews", "Copyright"],
        "A summary. See www.WinkNews.com for more.",
        claims,  # type: ignore[arg-type]
    )
    assert [(h.string, h.where) for h in hits] == [
        ("Dailynationtoday", "claims[1].quote"),
        ("Cambridge University", "claims[2]"),
        ("winknews", "summary"),
    ]
    assert forbidden_hits([], "Copyright", []) == []


def test_claim_schema_follows_the_result_shape() -> None:
    claim = Claim(text="Xi met Putin.", quote="Xi met Putin").to_dict()
    assert schema_errors([claim]) == []
    assert claim_schema()["properties"]["category"]["enum"] == list(CATEGORIES)


def test_schema_validity_rate() -> None:
    good = predicted("Xi met Putin.")
    no_quote = {k: v for k, v in good.items() if k != "quote"}
    bad_status = {**good, "status": "true"}
    bad_span = {**good, "span": {"start": -1, "end": 3}}
    claims = [good, no_quote, bad_status, bad_span, "not an object"]
    errors = schema_errors(claims)
    assert [index for index, _ in errors] == [1, 2, 3, 4]
    assert "'quote' is a required property" in errors[0][1]
    assert errors[1][1].startswith("['status']")
    assert schema_validity_rate(claims) == pytest.approx(0.2)
    assert schema_validity_rate([]) == 0.0
    lenient = {"type": "object", "required": ["text"]}
    assert schema_validity_rate([no_quote], lenient) == 1.0


def test_summary_words() -> None:
    assert summary_words("Putin met Xi on Friday.") == 5


def test_usage_metrics() -> None:
    usage = {
        "prompt_tokens": 1200,
        "completion_tokens": 300,
        "total_tokens": 1500,
        "requests": 2,
        "cached_requests": 0,
        "latency_s": 1.25,
        "cost_usd": None,
        "estimated": False,
    }
    assert usage_metrics(usage) == {
        "prompt_tokens": 1200.0,
        "completion_tokens": 300.0,
        "total_tokens": 1500.0,
        "requests": 2.0,
        "latency_s": 1.25,
    }
    assert usage_metrics({"prompt_tokens": 3, "completion_tokens": 4})["total_tokens"] == 7.0
    assert usage_metrics(None) == {}
    assert usage_metrics({"requests": True}) == {}


@pytest.mark.parametrize(
    ("status", "flagged"),
    [("supported", False), ("partial", False), ("unsupported", True), ("contradicted", True)],
)
def test_contradicted_summary_sentences_count_as_unsupported(status: str, flagged: bool) -> None:
    from factcheck.evals.metrics import unsupported_summary_sentences

    checks = [{"text": "S.", "start": 0, "end": 2, "status": status, "problems": ["p"]}]
    found = unsupported_summary_sentences(checks)
    assert [(s.text, s.status, s.problems) for s in found] == (
        [("S.", status, ("p",))] if flagged else []
    )

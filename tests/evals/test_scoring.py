from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

import pytest

from factcheck.errors import ConfigurationError
from factcheck.evals import GoldCase, score_case
from factcheck.evals.scoring import error_score, skipped_score, summarize_scores
from factcheck.evals.thresholds import DEFAULT_THRESHOLDS
from factcheck.result import Claim

GoldFactory = Callable[..., GoldCase]

CLAIMS = [
    {
        "text": "More than 100,000 Russian troops have been deployed near Ukraine.",
        "key_facts": [{"kind": "number", "value": "more than 100,000"}],
        "stance": "asserted",
    },
    {
        "text": "Russia has denied planning an attack on Ukraine.",
        "key_facts": [{"kind": "term", "value": "denied", "variants": ["denies"]}],
        "stance": "denied",
    },
    {
        "text": "China has detained more than 1 million Uighur Muslims.",
        "key_facts": [{"kind": "number", "value": "more than 1 million"}],
    },
    {
        "text": "Putin and Xi will attend the opening ceremony of the Winter Olympics.",
        "key_facts": [{"kind": "term", "value": "opening ceremony"}],
    },
]
KEY_POINTS = [
    {"label": "troops", "terms": [["100,000"], ["troops"]]},
    {"label": "olympics", "terms": [["Olympics", "Games"]]},
]
FORBIDDEN = ["Dailynationtoday", "Copyright"]
DENIAL = "Moscow denies planning an attack on Ukraine."


# Written for these tests. Every claim below is grounded against it: the statuses
# a result reports about itself are ignored by the scorer.
ARTICLE = """Leaders to meet before the Winter Games

KIRANSK — Russia has massed more than 100,000 troops near Ukraine, officials in three \
capitals said on Thursday. Moscow denies planning an attack on Ukraine.

Putin will attend the Olympics opening ceremony on Friday, his spokesman said. The author \
of the briefing joined Dailynationtoday in 2023 after ten years at a news agency.

Diplomats said the talks would also cover gas prices and a new rail link.
"""


def claim(
    text: str, *, status: str = "supported", stance: str = "asserted", quote: str | None = None
) -> dict[str, Any]:
    return {**Claim(text=text, quote=quote or text).to_dict(), "status": status, "stance": stance}


def result(**overrides: Any) -> dict[str, Any]:
    out: dict[str, Any] = {
        "summary": "Russia has more than 100,000 troops near Ukraine. Lukashenko hosts Tokayev.",
        "claims": [
            claim("Russia has massed more than 100,000 troops near Ukraine."),
            claim(DENIAL, stance="denied"),
            claim(DENIAL, stance="denied", status="partial"),
            # Its quote is nowhere in the article: unsupported, whatever it says.
            claim(
                "Putin will attend the Olympics opening ceremony.",
                quote="Putin has confirmed he will attend",
            ),
            claim("The author joined Dailynationtoday in 2023.", quote="joined Dailynationtoday"),
        ],
        # The result's own verdicts claim everything is fine; the scorer checks again.
        "summary_checks": [
            {"text": "Russia has ...", "start": 0, "end": 48, "status": "supported"},
        ],
        "failed_sections": [],
        "usage": {"prompt_tokens": 900, "completion_tokens": 100, "total_tokens": 1000,
                  "requests": 1, "latency_s": 0.5, "cost_usd": 0.002},
    }  # fmt: skip
    out.update(overrides)
    return out


@pytest.fixture
def gold(make_gold: GoldFactory) -> GoldCase:
    return make_gold(
        article=ARTICLE, claims=CLAIMS, summary_key_points=KEY_POINTS, forbidden=FORBIDDEN
    )


def test_every_metric_by_hand(gold: GoldCase) -> None:
    score = score_case(gold, result())
    m = score.metrics
    # Matches: troops (#0), denial (#1 or its duplicate #2), ceremony (#3): 3 of 5, 3 of 4.
    assert (m["claims_matched"], m["claims_predicted"], m["claims_gold"]) == (3, 5, 4)
    assert m["claim_precision"] == pytest.approx(3 / 5)
    assert m["claim_recall"] == pytest.approx(3 / 4)
    assert m["claim_f1"] == pytest.approx(2 / 3)
    # Re-grounded: the self-declared "partial" denial is supported, the claim whose
    # quote is not in the article is not, whatever its own status said.
    assert m["grounding_rate"] == pytest.approx(4 / 5)
    assert m["invented_figures"] == 0
    assert m["summary_sentences"] == 2
    assert m["unsupported_summary_sentences"] == 1
    assert m["key_point_coverage"] == 0.5  # no Olympics in the summary
    assert m["forbidden_hits"] == 1
    assert m["schema_validity_rate"] == 1.0
    assert m["summary_words"] == 11
    assert m["failed_sections"] == 0
    assert (m["total_tokens"], m["requests"], m["cost_usd"], m["latency_s"]) == (
        1000,
        1,
        0.002,
        0.5,
    )
    # Stance is scored on matched pairs whose gold claim has one: troops and the denial.
    assert m["stance_accuracy"] == 1.0
    assert score.status == "failed"
    assert score.failures == ["forbidden_hits 1 > maximum 0"]
    assert [(h.string, h.where) for h in score.forbidden] == [
        ("Dailynationtoday", "claims[4].text"),
        ("Dailynationtoday", "claims[4].quote"),
    ]
    assert [k.covered for k in score.key_points] == [True, False]
    assert [s.text for s in score.unsupported_summary] == ["Lukashenko hosts Tokayev."]
    assert score.matching is not None
    assert [miss.index for miss in score.matching.missed] == [2]


def test_stance_mismatch_is_reported(gold: GoldCase) -> None:
    claims = [
        claim("Russia has massed more than 100,000 troops near Ukraine."),
        claim("Moscow denies planning an attack on Ukraine.", stance="asserted"),
    ]
    score = score_case(gold, result(claims=claims))
    assert score.metrics["stance_accuracy"] == 0.5
    assert score.stance_mismatches == ["gold claim #1: stance 'asserted', expected 'denied'"]


def test_thresholds_layer_defaults_caller_then_gold(make_gold: GoldFactory) -> None:
    gold = make_gold(
        article=ARTICLE,
        claims=CLAIMS,
        forbidden=FORBIDDEN,
        thresholds={"claim_recall": 0.8, "forbidden_hits": 1},
    )
    score = score_case(gold, result(), thresholds={"claim_recall": 0.1, "grounding_rate": 0.9})
    assert score.thresholds == {
        **DEFAULT_THRESHOLDS,
        "claim_recall": 0.8,  # the gold file wins over the caller
        "grounding_rate": 0.9,  # the caller adds a limit
        "forbidden_hits": 1.0,  # the gold file relaxes a default
    }
    assert score.failures == [
        "claim_recall 0.75 < minimum 0.8",
        "grounding_rate 0.8 < minimum 0.9",
    ]


def test_a_passing_case(gold: GoldCase) -> None:
    clean = result(claims=result()["claims"][:4])
    score = score_case(gold, clean, thresholds={"claim_recall": 0.75})
    assert score.passed
    assert score.failures == []


def test_unknown_or_informational_thresholds_are_refused(gold: GoldCase) -> None:
    with pytest.raises(ConfigurationError, match="no threshold can be set on claims_matched"):
        score_case(gold, result(), thresholds={"claims_matched": 2})


def test_unmeasured_metric_with_a_limit_fails(gold: GoldCase) -> None:
    score = score_case(gold, result(usage=None), thresholds={"cost_usd": 0.01})
    assert "cost_usd: not measured (the result does not report it), limit 0.01" in score.failures


def test_empty_result_scores_without_errors(gold: GoldCase) -> None:
    score = score_case(gold, {})
    m = score.metrics
    assert (m["claim_precision"], m["claim_recall"], m["claim_f1"]) == (0.0, 0.0, 0.0)
    assert (m["grounding_rate"], m["schema_validity_rate"]) == (0.0, 0.0)
    assert m["key_point_coverage"] == 0.0
    assert "stance_accuracy" not in m
    assert score.failures == ["schema_validity_rate 0 < minimum 1"]


def test_invalid_claims_are_listed(gold: GoldCase) -> None:
    claims = [claim("Russia has massed more than 100,000 troops."), {"text": "no quote"}]
    score = score_case(gold, result(claims=claims))
    assert score.metrics["schema_validity_rate"] == 0.5
    assert score.invalid_claims == [(1, "'quote' is a required property")]


def test_objects_with_to_dict_are_accepted(gold: GoldCase) -> None:
    class Wrapped:
        def to_dict(self) -> Mapping[str, Any]:
            return result()

    assert score_case(gold, Wrapped()).metrics == score_case(gold, result()).metrics


def test_to_dict_is_json(gold: GoldCase) -> None:
    out = score_case(gold, result()).to_dict()
    again = json.loads(json.dumps(out))
    assert again == out
    assert out["passed"] is False
    assert out["claims"]["matches"][0]["gold_index"] == 0
    assert out["forbidden_hits"][0] == {"string": "Dailynationtoday", "where": "claims[4].text"}


def test_skipped_and_error_scores(gold: GoldCase) -> None:
    skipped = skipped_score(gold, "external article not present: seed.txt")
    assert (skipped.status, skipped.passed, skipped.metrics) == ("skipped", False, {})
    assert skipped.to_dict()["reason"] == "external article not present: seed.txt"
    errored = error_score(gold, "TransportError: timed out")
    assert errored.to_dict()["status"] == "error"


def test_summarize_scores(gold: GoldCase) -> None:
    scores = [
        score_case(gold, result()),
        score_case(gold, result(claims=result()["claims"][:4])),
        skipped_score(gold, "external article not present"),
    ]
    summary = summarize_scores(scores)
    assert (summary["cases"], summary["passed"], summary["failed"], summary["skipped"]) == (
        3,
        1,
        1,
        1,
    )
    assert summary["mean_metrics"]["claim_recall"] == pytest.approx(0.75)
    assert summary["mean_metrics"]["claim_precision"] == pytest.approx((3 / 5 + 3 / 4) / 2)


def test_a_summary_without_claims_breaks_no_claim_schema(gold: GoldCase) -> None:
    score = score_case(
        gold, {"summary": "Russia has massed more than 100,000 troops near Ukraine."}
    )
    assert score.metrics["schema_validity_rate"] == 1.0
    assert score.metrics["claim_recall"] == 0.0
    assert "schema_validity_rate" not in " ".join(score.failures)


def test_scoring_needs_the_article(gold: GoldCase) -> None:
    from factcheck.errors import ExternalArticleMissingError
    from factcheck.evals import load_gold

    # The article given explicitly is the gold file's own: the same scores.
    assert score_case(gold, result(), article=ARTICLE).metrics == score_case(gold, result()).metrics
    data = json.loads(gold.path.read_text(encoding="utf-8"))
    del data["article"]
    data["external_article"] = "elsewhere.txt"
    gold.path.write_text(json.dumps(data), encoding="utf-8")
    # An external article found nowhere: scoring refuses rather than trusting the result.
    with pytest.raises(ExternalArticleMissingError):
        score_case(load_gold(gold.path), result())

"""The metric table's lookup tables, entry by entry, and the rules every report prints by."""

from __future__ import annotations

import pytest

from factcheck.evals.metric_table import (
    COLUMNS,
    MISSING,
    breaches,
    columns_for,
    format_metric,
    metric_format,
    threshold_text,
)
from factcheck.evals.runner import Engine
from factcheck.evals.scoring import CaseScore
from factcheck.evals.thresholds import METRICS, past_limit

# Written out by hand, not read from the module under test.
FORMAT_EXPECTED = {
    "claim_precision": "rate",
    "claim_recall": "rate",
    "claim_f1": "rate",
    "stance_accuracy": "rate",
    "grounding_rate": "rate",
    "unsupported_summary_sentences": "count",
    "invented_figures": "count",
    "key_point_coverage": "rate",
    "forbidden_hits": "count",
    "schema_validity_rate": "rate",
    "summary_words": "count",
    "failed_sections": "count",
    "prompt_tokens": "count",
    "completion_tokens": "count",
    "total_tokens": "count",
    "requests": "count",
    "cost_usd": "usd",
    "latency_s": "seconds",
    "claims_gold": "count",
    "claims_predicted": "count",
    "claims_matched": "count",
    "summary_sentences": "count",
    "elapsed_s": "seconds",
}
COLUMNS_EXPECTED = [
    ("claim_precision", "P", False),
    ("claim_recall", "R", False),
    ("claim_f1", "F1", False),
    ("grounding_rate", "grnd", False),
    ("key_point_coverage", "cov", False),
    ("forbidden_hits", "forb", False),
    ("total_tokens", "tokens", True),
    ("elapsed_s", "time", True),
]


def test_every_metric_has_a_format() -> None:
    assert set(FORMAT_EXPECTED) == {*METRICS, "elapsed_s"}


@pytest.mark.parametrize(("metric", "kind"), sorted(FORMAT_EXPECTED.items()))
def test_each_metric_format(metric: str, kind: str) -> None:
    assert metric_format(metric) == kind
    printed = {"rate": "0.67", "count": "2", "seconds": "2.00s", "usd": "$2.0000"}
    value = 2.0 if kind != "rate" else 2 / 3
    assert format_metric(metric, value) == printed[kind]


def test_the_overview_columns_in_order() -> None:
    assert [(c.metric, c.label, c.total) for c in COLUMNS] == COLUMNS_EXPECTED
    assert all(c.meaning for c in COLUMNS)


@pytest.mark.parametrize(
    ("metric", "value", "text"),
    [
        ("claim_recall", None, MISSING),
        ("claim_recall", 0.005, "0.01"),
        ("claim_recall", 1.0, "1.00"),
        ("total_tokens", 1234.0, "1234"),
        ("summary_words", 2.5, "2.50"),  # a mean of counts keeps its fraction
        ("elapsed_s", 0.125, "0.12s"),
        ("cost_usd", 0.01234, "$0.0123"),
    ],
)
def test_format_metric(metric: str, value: float | None, text: str) -> None:
    assert format_metric(metric, value) == text


@pytest.mark.parametrize(
    ("metric", "value", "limit", "past"),
    [
        ("claim_recall", 0.5, 0.9, True),  # a minimum
        ("claim_recall", 0.9, 0.9, False),
        ("forbidden_hits", 1, 0, True),  # a maximum
        ("forbidden_hits", 0, 0, False),
        ("claims_gold", 100, 0, False),  # informational: no limit applies
    ],
)
def test_past_limit_follows_the_metric_direction(
    metric: str, value: float, limit: float, past: bool
) -> None:
    assert past_limit(metric, value, limit) is past


def test_breaches_and_threshold_text() -> None:
    score = CaseScore(
        "c",
        "",
        "failed",
        metrics={"claim_recall": 0.5, "forbidden_hits": 0.0, "grounding_rate": 1.0},
        thresholds={"claim_recall": 0.9, "forbidden_hits": 0, "key_point_coverage": 1.0},
    )
    # Coverage was not measured: a failure elsewhere, but no cell to mark.
    assert breaches(score) == {"claim_recall"}
    assert threshold_text("claim_recall", 0.9) == "≥ 0.9"
    assert threshold_text("forbidden_hits", 0) == "≤ 0"


def test_only_a_model_engine_shows_tokens() -> None:
    assert [c.label for c in columns_for(Engine("m1"))] == [c[1] for c in COLUMNS_EXPECTED]
    without = [c[1] for c in COLUMNS_EXPECTED if c[1] != "tokens"]
    assert [c.label for c in columns_for(Engine())] == without
    assert [c.label for c in columns_for(Engine(system="pkg.mod:fn"))] == without

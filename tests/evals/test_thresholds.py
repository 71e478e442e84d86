"""Suite-wide thresholds: parsed from NAME=VALUE, and only ever tightening a case's limits."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from factcheck.errors import ConfigurationError
from factcheck.evals import GoldCase
from factcheck.evals.thresholds import (
    DEFAULT_THRESHOLDS,
    METRICS,
    THRESHOLD_METRICS,
    parse_thresholds,
    tighten,
)

GoldFactory = Callable[..., GoldCase]


@pytest.mark.parametrize(
    ("name", "case", "suite", "expected"),
    [
        ("claim_recall", 0.8, 0.9, 0.9),  # higher is better: the higher minimum holds
        ("claim_recall", 0.8, 0.5, 0.8),  # a looser suite limit does not relax the case
        ("forbidden_hits", 2, 0, 0),  # lower is better: the lower maximum holds
        ("forbidden_hits", 0, 3, 0),
        ("cost_usd", 0.01, 0.02, 0.01),
        ("unsupported_summary_sentences", 1, 0, 0),
    ],
)
def test_tighten_keeps_the_stricter_limit(
    name: str, case: float, suite: float, expected: float
) -> None:
    assert tighten({name: case}, {name: suite}) == {name: expected}


def test_tighten_adds_limits_the_case_does_not_set() -> None:
    assert tighten({"claim_recall": 0.8}, {"claim_f1": 0.7}) == {
        "claim_recall": 0.8,
        "claim_f1": 0.7,
    }
    assert tighten({"claim_recall": 0.8}, None) == {"claim_recall": 0.8}
    with pytest.raises(ConfigurationError, match="claims_matched"):
        tighten({}, {"claims_matched": 1})


def test_every_threshold_metric_has_a_direction() -> None:
    for name in THRESHOLD_METRICS:
        assert METRICS[name].higher_is_better in (True, False), name
    for name, spec in METRICS.items():
        if spec.higher_is_better is None:
            with pytest.raises(ConfigurationError):
                tighten({}, {name: 1.0})


def test_defaults_are_the_documented_invariants() -> None:
    assert dict(DEFAULT_THRESHOLDS) == {
        "forbidden_hits": 0,
        "invented_figures": 0,
        "schema_validity_rate": 1.0,
    }


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        (["claim_recall=0.8"], {"claim_recall": 0.8}),
        ([" claim_f1 = 0.5 "], {"claim_f1": 0.5}),
        (["forbidden_hits=0", "claim_recall=1"], {"forbidden_hits": 0.0, "claim_recall": 1.0}),
        ([], {}),
    ],
)
def test_parse_thresholds(items: list[str], expected: dict[str, float]) -> None:
    assert parse_thresholds(items) == expected


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ("claim_recall", "NAME=NUMBER"),
        ("claim_recall=", "NAME=NUMBER"),
        ("=0.5", "NAME=NUMBER"),
        ("claim_recall=high", "NAME=NUMBER"),
        ("claim_recall=nan", "NAME=NUMBER"),
        ("recall=0.5", "no threshold can be set on recall"),
    ],
)
def test_parse_thresholds_refuses_bad_items(item: str, message: str) -> None:
    with pytest.raises(ConfigurationError, match=message):
        parse_thresholds([item])


def test_suite_limits_tighten_but_never_loosen_a_gold_file(make_gold: GoldFactory) -> None:
    from factcheck.evals import score_output

    gold = make_gold(thresholds={"claim_recall": 1.0, "forbidden_hits": 1})
    summary = "The council approved a subsidy of more than 1 million euros for the ferry."
    loose = score_output(gold, summary=summary, thresholds={"claim_recall": 0.1})
    assert loose.thresholds["claim_recall"] == 1.0
    assert loose.failures == ["claim_recall 0 < minimum 1"]
    strict = score_output(gold, summary=summary, thresholds={"forbidden_hits": 0, "claim_f1": 0.5})
    assert strict.thresholds["forbidden_hits"] == 0
    assert "claim_f1 0 < minimum 0.5" in strict.failures

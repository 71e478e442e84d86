"""Which metrics exist, which way is better, and the default limits (the one place they live).

A threshold on a higher-is-better metric is a minimum; on a lower-is-better
metric it is a maximum. Informational metrics (counts) take no threshold.
Limits layer: the gold file's own ``thresholds`` override ``DEFAULT_THRESHOLDS``
(a case may relax a default it knowingly breaks); suite-wide thresholds (the
caller's, ``--factcheck-threshold``) can only tighten the result: of a
suite-wide limit and a case's, the stricter one holds.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from factcheck.errors import ConfigurationError


@dataclass(frozen=True)
class MetricSpec:
    name: str
    higher_is_better: bool | None  # None: informational, no threshold
    description: str


_SPECS = (
    MetricSpec("claim_precision", True, "matched predictions / predictions"),
    MetricSpec("claim_recall", True, "matched gold claims / gold claims"),
    MetricSpec("claim_f1", True, "harmonic mean of claim precision and recall"),
    MetricSpec("stance_accuracy", True, "matched pairs whose stance agrees with the gold stance"),
    MetricSpec("grounding_rate", True, "predicted claims with status 'supported'"),
    MetricSpec(
        "unsupported_summary_sentences", False, "summary sentences the check finds unsupported"
    ),
    MetricSpec(
        "invented_figures", False, "numbers and dates in summary or claims the article never states"
    ),
    MetricSpec("key_point_coverage", True, "summary key points covered"),
    MetricSpec("forbidden_hits", False, "distinct forbidden strings found in summary or claims"),
    MetricSpec("schema_validity_rate", True, "predicted claims valid against the claim schema"),
    MetricSpec("summary_words", False, "words in the summary"),
    MetricSpec("failed_sections", False, "sections the model could not process"),
    MetricSpec("prompt_tokens", False, "prompt tokens used"),
    MetricSpec("completion_tokens", False, "completion tokens used"),
    MetricSpec("total_tokens", False, "prompt + completion tokens"),
    MetricSpec("requests", False, "HTTP requests made"),
    MetricSpec("cost_usd", False, "estimated cost in US dollars"),
    MetricSpec("latency_s", False, "summed model-call latency in seconds"),
    MetricSpec("claims_gold", None, "gold claims"),
    MetricSpec("claims_predicted", None, "predicted claims"),
    MetricSpec("claims_matched", None, "one-to-one matches"),
    MetricSpec("summary_sentences", None, "summary sentences checked"),
)
METRICS: Mapping[str, MetricSpec] = {spec.name: spec for spec in _SPECS}
THRESHOLD_METRICS = tuple(s.name for s in _SPECS if s.higher_is_better is not None)

# Invariants that hold for any engine worth running. Quality floors (recall,
# coverage, grounding) are set per case or by the caller from measured scores.
DEFAULT_THRESHOLDS: Mapping[str, float] = {
    "forbidden_hits": 0,
    "invented_figures": 0,
    "schema_validity_rate": 1.0,
}


def check_threshold_names(thresholds: Mapping[str, float]) -> None:
    unknown = sorted(set(thresholds) - set(THRESHOLD_METRICS))
    if unknown:
        raise ConfigurationError(
            f"no threshold can be set on {', '.join(unknown)}; "
            f"known metrics: {', '.join(THRESHOLD_METRICS)}"
        )


def effective_thresholds(*layers: Mapping[str, float] | None) -> dict[str, float]:
    """Later layers override earlier ones; every name must be a threshold metric."""
    out: dict[str, float] = {}
    for layer in layers:
        if layer:
            check_threshold_names(layer)
            out.update({name: float(value) for name, value in layer.items()})
    return out


def tighten(limits: Mapping[str, float], suite: Mapping[str, float] | None) -> dict[str, float]:
    """``limits`` with each suite-wide limit applied where it is stricter (or absent)."""
    out = dict(limits)
    if not suite:
        return out
    check_threshold_names(suite)
    for name, value in suite.items():
        limit = float(value)
        if name in out:
            stricter = max if METRICS[name].higher_is_better else min
            limit = stricter(out[name], limit)
        out[name] = limit
    return out


def parse_thresholds(items: Iterable[str]) -> dict[str, float]:
    """``NAME=VALUE`` strings (command line, ini lines) as limits; ConfigurationError when bad."""
    out: dict[str, float] = {}
    for item in items:
        name, equals, value = item.partition("=")
        name = name.strip()
        try:
            number = float(value)
        except ValueError:
            number = math.nan
        if not equals or not name or not math.isfinite(number):
            raise ConfigurationError(f"a threshold is NAME=NUMBER, got {item!r}")
        out[name] = number
    check_threshold_names(out)
    return out


def past_limit(metric: str, value: float, limit: float) -> bool:
    """Whether ``value`` breaks ``limit`` (a minimum or a maximum, by the metric's direction)."""
    better = METRICS[metric].higher_is_better
    return (better is True and value < limit) or (better is False and value > limit)


def format_limit(value: float) -> str:
    """A limit or a measured value in a threshold message: whole numbers bare, else 3 digits."""
    return str(int(value)) if float(value).is_integer() else f"{value:.3g}"


def threshold_failures(metrics: Mapping[str, float], thresholds: Mapping[str, float]) -> list[str]:
    """One readable line per threshold the metrics do not meet."""
    out = []
    for name, limit in sorted(thresholds.items()):
        spec = METRICS[name]
        if name not in metrics:
            out.append(
                f"{name}: not measured (the result does not report it), limit {format_limit(limit)}"
            )
            continue
        value = metrics[name]
        if past_limit(name, value, limit):
            relation = "< minimum" if spec.higher_is_better else "> maximum"
            out.append(f"{name} {format_limit(value)} {relation} {format_limit(limit)}")
    return out

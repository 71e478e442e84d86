"""Score one result against one gold case: every metric, its limits, and readable reasons."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, Protocol

from factcheck.evals.claim_matching import (
    DEFAULT_MATCH_CONFIG,
    ClaimMatching,
    MatchConfig,
    match_claims,
)
from factcheck.evals.gold import GoldCase
from factcheck.evals.grounded_output import (
    InventedFigure,
    ground_output,
    invented_figures,
    system_result,
)
from factcheck.evals.metrics import (
    FlaggedSentence,
    ForbiddenHit,
    KeyPointResult,
    grounding_rate,
    key_point_results,
    schema_errors,
    summary_words,
    unsupported_summary_sentences,
    usage_metrics,
)
from factcheck.evals.metrics import forbidden_hits as find_forbidden
from factcheck.evals.thresholds import (
    DEFAULT_THRESHOLDS,
    METRICS,
    effective_thresholds,
    threshold_failures,
    tighten,
)

if TYPE_CHECKING:
    from factcheck.article import Article

CaseStatus = Literal["passed", "failed", "skipped", "error"]


class SupportsToDict(Protocol):
    def to_dict(self) -> Mapping[str, Any]: ...


@dataclass
class CaseScore:
    """Everything measured for one case; ``to_dict()`` is plain JSON."""

    case_id: str
    description: str
    status: CaseStatus
    metrics: dict[str, float] = field(default_factory=dict)
    thresholds: dict[str, float] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    reason: str | None = None  # why it was skipped or errored
    matching: ClaimMatching | None = None
    stance_mismatches: list[str] = field(default_factory=list)
    key_points: list[KeyPointResult] = field(default_factory=list)
    forbidden: list[ForbiddenHit] = field(default_factory=list)
    invalid_claims: list[tuple[int, str]] = field(default_factory=list)
    unsupported_summary: list[FlaggedSentence] = field(default_factory=list)
    invented: list[InventedFigure] = field(default_factory=list)
    tags: tuple[str, ...] = ()

    @property
    def passed(self) -> bool:
        return self.status == "passed"

    def to_dict(self) -> dict[str, Any]:
        return {
            "case_id": self.case_id,
            "description": self.description,
            "tags": list(self.tags),
            "status": self.status,
            "passed": self.passed,
            "reason": self.reason,
            "metrics": dict(self.metrics),
            "thresholds": dict(self.thresholds),
            "failures": list(self.failures),
            "claims": None if self.matching is None else self.matching.to_dict(),
            "stance_mismatches": list(self.stance_mismatches),
            "key_points": [k.to_dict() for k in self.key_points],
            "forbidden_hits": [h.to_dict() for h in self.forbidden],
            "invalid_claims": [{"index": i, "error": e} for i, e in self.invalid_claims],
            "unsupported_summary_sentences": [s.to_dict() for s in self.unsupported_summary],
            "invented_figures": [f.to_dict() for f in self.invented],
        }


def _validity(invalid: int, claims: int, summary: str) -> float:
    """Share of valid claims. With no claims: 1.0 for a summary-only answer (a summariser
    that gives no claims breaks no claim schema), 0.0 for an empty answer."""
    if claims:
        return 1 - invalid / claims
    return 1.0 if summary.strip() else 0.0


def skipped_score(gold: GoldCase, reason: str) -> CaseScore:
    """A case that could not run (e.g. its external article is not present)."""
    return CaseScore(gold.id, gold.description, "skipped", reason=reason, tags=gold.tags)


def error_score(gold: GoldCase, reason: str) -> CaseScore:
    """A case whose run raised; the reason is the error, shown in reports."""
    return CaseScore(gold.id, gold.description, "error", reason=reason, tags=gold.tags)


def _as_mapping(result: Mapping[str, Any] | SupportsToDict) -> Mapping[str, Any]:
    if isinstance(result, Mapping):
        return result
    return result.to_dict()


def _stances(gold: GoldCase, matching: ClaimMatching, claims: Sequence[Any]) -> list[str]:
    """One line per matched pair whose predicted stance differs from the gold stance."""
    out = []
    for match in matching.matches:
        wanted = gold.claims[match.gold_index].stance
        if wanted is None:
            continue
        predicted = claims[match.predicted_index]
        got = predicted.get("stance") if isinstance(predicted, Mapping) else None
        if got != wanted:
            out.append(f"gold claim #{match.gold_index}: stance {got!r}, expected {wanted!r}")
    return out


def score_case(
    gold: GoldCase,
    result: Mapping[str, Any] | SupportsToDict,
    *,
    article: Article | str | os.PathLike[str] | None = None,
    external_dirs: Iterable[str | os.PathLike[str]] = (),
    thresholds: Mapping[str, float] | None = None,
    config: MatchConfig = DEFAULT_MATCH_CONFIG,
    claim_schema: Mapping[str, Any] | None = None,
) -> CaseScore:
    """Score ``result`` (the ``Result.to_dict()`` shape, or anything with ``to_dict()``).

    The result is grounded against the article first (``grounded_output``):
    the statuses and summary checks it reports about itself are ignored.
    ``article`` is the article (text, path or Article); by default the gold
    file's own, an external one looked up in ``external_dirs``
    (ExternalArticleMissingError when it is in none of them).

    The gold file's thresholds override the defaults; ``thresholds`` (suite-wide
    limits) only tighten those. Missing keys in ``result`` count as empty.
    """
    source = article if article is not None else gold.article_path(external_dirs)
    given = _as_mapping(result)
    given_claims = given.get("claims")
    data = ground_output(source, given)
    summary = data.get("summary")
    summary = summary if isinstance(summary, str) else ""
    raw_claims = data.get("claims")
    claims: list[Any] = list(raw_claims) if isinstance(raw_claims, (list, tuple)) else []
    summary_checks = data.get("summary_checks")
    checks: list[Any] = list(summary_checks) if isinstance(summary_checks, (list, tuple)) else []

    matching = match_claims(gold.claims, claims, config)
    stance_mismatches = _stances(gold, matching, claims)
    key_points = key_point_results(gold.summary_key_points, summary)
    hits = find_forbidden(gold.forbidden, summary, claims)
    # The shape is the output's own: checked as given, before grounding fills it in.
    invalid = schema_errors(
        list(given_claims) if isinstance(given_claims, (list, tuple)) else [], claim_schema
    )
    unsupported = unsupported_summary_sentences(checks)
    failed_sections = data.get("failed_sections")
    invented = invented_figures(str(data["body"]), summary, claims)

    metrics: dict[str, float] = {
        "claim_precision": matching.precision,
        "claim_recall": matching.recall,
        "claim_f1": matching.f1,
        "claims_gold": float(matching.n_gold),
        "claims_predicted": float(matching.n_predicted),
        "claims_matched": float(len(matching.matches)),
        "grounding_rate": grounding_rate(claims),
        "summary_sentences": float(len(checks)),
        "unsupported_summary_sentences": float(len(unsupported)),
        "key_point_coverage": (
            sum(k.covered for k in key_points) / len(key_points) if key_points else 1.0
        ),
        "forbidden_hits": float(len({hit.string for hit in hits})),
        "invented_figures": float(len(invented)),
        "schema_validity_rate": _validity(len(invalid), len(claims), summary),
        "summary_words": float(summary_words(summary)),
        "failed_sections": float(len(failed_sections) if isinstance(failed_sections, list) else 0),
    }
    with_stance = [m for m in matching.matches if gold.claims[m.gold_index].stance is not None]
    if with_stance:
        metrics["stance_accuracy"] = 1 - len(stance_mismatches) / len(with_stance)
    metrics.update(usage_metrics(data.get("usage")))

    limits = tighten(effective_thresholds(DEFAULT_THRESHOLDS, gold.thresholds), thresholds)
    failures = threshold_failures(metrics, limits)
    return CaseScore(
        case_id=gold.id,
        description=gold.description,
        status="failed" if failures else "passed",
        metrics=metrics,
        thresholds=limits,
        failures=failures,
        matching=matching,
        stance_mismatches=stance_mismatches,
        key_points=key_points,
        forbidden=hits,
        invalid_claims=invalid,
        unsupported_summary=unsupported,
        invented=invented,
        tags=gold.tags,
    )


def score_output(
    gold: GoldCase,
    article: Article | str | os.PathLike[str] | None = None,
    *,
    summary: str = "",
    claims: Sequence[Any] = (),
    external_dirs: Iterable[str | os.PathLike[str]] = (),
    thresholds: Mapping[str, float] | None = None,
    config: MatchConfig = DEFAULT_MATCH_CONFIG,
) -> CaseScore:
    """Score another system's summary and claims against ``gold``, grounding them first.

    ``claims`` are strings or dicts (``text``, optional ``quote``, ``stance``);
    a claim without a quote has its evidence searched for. ``article`` defaults
    to the gold file's own.
    """
    source = article if article is not None else gold.article_path(external_dirs)
    data = system_result(source, summary=summary, claims=claims)
    return score_case(gold, data, article=source, thresholds=thresholds, config=config)


def summarize_scores(scores: Sequence[CaseScore]) -> dict[str, Any]:
    """Counts by status and the mean of every metric over the cases that ran."""
    ran = [s for s in scores if s.status in ("passed", "failed")]
    names = [name for name in METRICS if any(name in s.metrics for s in ran)]
    means = {}
    for name in names:
        values = [s.metrics[name] for s in ran if name in s.metrics]
        means[name] = sum(values) / len(values)
    counts = dict.fromkeys(("passed", "failed", "skipped", "error"), 0)
    for score in scores:
        counts[score.status] += 1
    return {"cases": len(scores), **counts, "mean_metrics": means}

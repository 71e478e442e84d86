"""The eval harness: gold cases and the scorers that compare a result with them.

Everything here works on plain data (the ``Result.to_dict()`` shape), so the
same scorers serve the pytest plugin, users' own tests and other systems'
output. Every output is grounded against the article before it is scored:
what it says about its own statuses is never trusted::

    from factcheck.evals import assert_grounded, load_gold, score_case, score_output

    gold = load_gold("evals/cases/number-words/number-words.gold.json")
    score = score_case(gold, factcheck.check(gold.read_article()).to_dict())
    assert score.passed, score.failures

    score = score_output(gold, summary=my_summary, claims=my_claims)  # another system
    assert_grounded(gold.read_article(), my_summary)  # fails listing each bad sentence
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from factcheck.evals.assignment import max_weight_assignment
    from factcheck.evals.claim_matching import (
        DEFAULT_MATCH_CONFIG,
        ClaimMatch,
        ClaimMatching,
        MatchConfig,
        Miss,
        match_claims,
        precision_recall_f1,
        similarity,
    )
    from factcheck.evals.gold import (
        EXTERNAL_MISSING,
        GOLD_SUFFIX,
        ExternalArticleMissingError,
        GoldCase,
        GoldClaim,
        GoldFileError,
        KeyFact,
        KeyPoint,
        find_gold_files,
        gold_schema,
        load_gold,
        parse_gold,
        validate_gold_data,
    )
    from factcheck.evals.gold_lint import LintReport, lint_case, lint_file
    from factcheck.evals.grounded_output import (
        InventedFigure,
        assert_grounded,
        ground_output,
        invented_figures,
    )
    from factcheck.evals.key_facts import claim_bound, fact_present, missing_facts, term_present
    from factcheck.evals.metrics import (
        ForbiddenHit,
        KeyPointResult,
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
    from factcheck.evals.scoring import (
        CaseScore,
        error_score,
        score_case,
        score_output,
        skipped_score,
        summarize_scores,
    )
    from factcheck.evals.systems import SystemOutput, call_system, load_system
    from factcheck.evals.text_match import contains_term, normalize_text
    from factcheck.evals.thresholds import (
        DEFAULT_THRESHOLDS,
        METRICS,
        THRESHOLD_METRICS,
        MetricSpec,
    )

# Names resolve on first use: the pytest plugin imports this package in every
# pytest run of every project that installs llm-factcheck, which must stay cheap.
_SOURCES: dict[str, str] = {
    "InventedFigure": "factcheck.evals.grounded_output",
    "LintReport": "factcheck.evals.gold_lint",
    "SystemOutput": "factcheck.evals.systems",
    "assert_grounded": "factcheck.evals.grounded_output",
    "call_system": "factcheck.evals.systems",
    "claim_bound": "factcheck.evals.key_facts",
    "ground_output": "factcheck.evals.grounded_output",
    "invented_figures": "factcheck.evals.grounded_output",
    "lint_case": "factcheck.evals.gold_lint",
    "lint_file": "factcheck.evals.gold_lint",
    "load_system": "factcheck.evals.systems",
    "score_output": "factcheck.evals.scoring",
    "CaseScore": "factcheck.evals.scoring",
    "ClaimMatch": "factcheck.evals.claim_matching",
    "ClaimMatching": "factcheck.evals.claim_matching",
    "DEFAULT_MATCH_CONFIG": "factcheck.evals.claim_matching",
    "DEFAULT_THRESHOLDS": "factcheck.evals.thresholds",
    "EXTERNAL_MISSING": "factcheck.evals.gold",
    "ExternalArticleMissingError": "factcheck.evals.gold",
    "ForbiddenHit": "factcheck.evals.metrics",
    "GOLD_SUFFIX": "factcheck.evals.gold",
    "GoldCase": "factcheck.evals.gold",
    "GoldClaim": "factcheck.evals.gold",
    "GoldFileError": "factcheck.evals.gold",
    "KeyFact": "factcheck.evals.gold",
    "KeyPoint": "factcheck.evals.gold",
    "KeyPointResult": "factcheck.evals.metrics",
    "METRICS": "factcheck.evals.thresholds",
    "MatchConfig": "factcheck.evals.claim_matching",
    "MetricSpec": "factcheck.evals.thresholds",
    "Miss": "factcheck.evals.claim_matching",
    "THRESHOLD_METRICS": "factcheck.evals.thresholds",
    "claim_schema": "factcheck.evals.metrics",
    "contains_term": "factcheck.evals.text_match",
    "error_score": "factcheck.evals.scoring",
    "fact_present": "factcheck.evals.key_facts",
    "find_gold_files": "factcheck.evals.gold",
    "forbidden_hits": "factcheck.evals.metrics",
    "gold_schema": "factcheck.evals.gold",
    "grounding_rate": "factcheck.evals.metrics",
    "key_point_coverage": "factcheck.evals.metrics",
    "key_point_results": "factcheck.evals.metrics",
    "load_gold": "factcheck.evals.gold",
    "match_claims": "factcheck.evals.claim_matching",
    "max_weight_assignment": "factcheck.evals.assignment",
    "missing_facts": "factcheck.evals.key_facts",
    "normalize_text": "factcheck.evals.text_match",
    "parse_gold": "factcheck.evals.gold",
    "precision_recall_f1": "factcheck.evals.claim_matching",
    "schema_errors": "factcheck.evals.metrics",
    "schema_validity_rate": "factcheck.evals.metrics",
    "score_case": "factcheck.evals.scoring",
    "similarity": "factcheck.evals.claim_matching",
    "skipped_score": "factcheck.evals.scoring",
    "summarize_scores": "factcheck.evals.scoring",
    "summary_words": "factcheck.evals.metrics",
    "term_present": "factcheck.evals.key_facts",
    "unsupported_summary_sentences": "factcheck.evals.metrics",
    "usage_metrics": "factcheck.evals.metrics",
    "validate_gold_data": "factcheck.evals.gold",
}


def __getattr__(name: str) -> Any:
    module = _SOURCES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "DEFAULT_MATCH_CONFIG",
    "DEFAULT_THRESHOLDS",
    "EXTERNAL_MISSING",
    "GOLD_SUFFIX",
    "METRICS",
    "THRESHOLD_METRICS",
    "CaseScore",
    "ClaimMatch",
    "ClaimMatching",
    "ExternalArticleMissingError",
    "ForbiddenHit",
    "GoldCase",
    "GoldClaim",
    "GoldFileError",
    "InventedFigure",
    "KeyFact",
    "KeyPoint",
    "KeyPointResult",
    "LintReport",
    "MatchConfig",
    "MetricSpec",
    "Miss",
    "SystemOutput",
    "assert_grounded",
    "call_system",
    "claim_bound",
    "claim_schema",
    "contains_term",
    "error_score",
    "fact_present",
    "find_gold_files",
    "forbidden_hits",
    "gold_schema",
    "ground_output",
    "grounding_rate",
    "invented_figures",
    "key_point_coverage",
    "key_point_results",
    "lint_case",
    "lint_file",
    "load_gold",
    "load_system",
    "match_claims",
    "max_weight_assignment",
    "missing_facts",
    "normalize_text",
    "parse_gold",
    "precision_recall_f1",
    "schema_errors",
    "schema_validity_rate",
    "score_case",
    "score_output",
    "similarity",
    "skipped_score",
    "summarize_scores",
    "summary_words",
    "term_present",
    "unsupported_summary_sentences",
    "usage_metrics",
    "validate_gold_data",
]

"""The eval harness: gold cases and the scorers that compare a result with them.

Everything here works on plain data (the ``Result.to_dict()`` shape), so the
same scorers serve the pytest plugin, users' own tests and other systems'
output::

    from factcheck.evals import load_gold, score_case

    gold = load_gold("evals/cases/number-words/number-words.gold.json")
    score = score_case(gold, factcheck.check(gold.read_article()).to_dict())
    assert score.passed, score.failures
"""

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
from factcheck.evals.key_facts import fact_present, missing_facts, term_present
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
    skipped_score,
    summarize_scores,
)
from factcheck.evals.text_match import contains_term, normalize_text
from factcheck.evals.thresholds import DEFAULT_THRESHOLDS, METRICS, THRESHOLD_METRICS, MetricSpec

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
    "KeyFact",
    "KeyPoint",
    "KeyPointResult",
    "MatchConfig",
    "MetricSpec",
    "Miss",
    "claim_schema",
    "contains_term",
    "error_score",
    "fact_present",
    "find_gold_files",
    "forbidden_hits",
    "gold_schema",
    "grounding_rate",
    "key_point_coverage",
    "key_point_results",
    "load_gold",
    "match_claims",
    "max_weight_assignment",
    "missing_facts",
    "normalize_text",
    "parse_gold",
    "precision_recall_f1",
    "schema_errors",
    "schema_validity_rate",
    "score_case",
    "similarity",
    "skipped_score",
    "summarize_scores",
    "summary_words",
    "term_present",
    "unsupported_summary_sentences",
    "usage_metrics",
    "validate_gold_data",
]

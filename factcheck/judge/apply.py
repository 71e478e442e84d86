"""Judging a whole result: every claim and every summary sentence, rules first."""

from __future__ import annotations

from collections.abc import Sequence

from factcheck.judge.calls import Judge, JudgeOutcome
from factcheck.judge.combine import Judged, apply_verdict
from factcheck.judge.statements import check_statements, claim_statements
from factcheck.llm import JsonModel
from factcheck.model_options import DEFAULT_CONCURRENCY
from factcheck.result import Result
from factcheck.settings import CheckSettings


def with_verdicts(items: Sequence[Judged], prefix: str, outcome: JudgeOutcome) -> list[Judged]:
    """``items`` with their verdicts applied; an item the judge gave none keeps its status."""
    judged = []
    for i, item in enumerate(items):
        verdict = outcome.verdicts.get(f"{prefix}/{i}")
        judged.append(item if verdict is None else apply_verdict(item, verdict))
    return judged


def downgrade_notice(before: Sequence[Judged], after: Sequence[Judged], what: str) -> str | None:
    """A warning naming how many of ``what`` the judge downgraded, or None."""
    lowered = sum(1 for old, new in zip(before, after, strict=True) if new.status != old.status)
    if not lowered:
        return None
    return (
        f"the judge downgraded {lowered} {what}: the model read them as contradicted by "
        "the article or not in it"
    )


async def judge_result(
    result: Result,
    model: JsonModel,
    settings: CheckSettings | None = None,
    concurrency: int = DEFAULT_CONCURRENCY,
) -> Result:
    """``result`` with its claims and summary sentences judged by ``model`` (in place).

    Statements go to the model 20 to a call; their statuses combine with the
    offline ones (see :mod:`factcheck.judge.combine`); the calls join
    ``result.calls`` (usage and cost include them); a call that failed is in
    ``result.judge_failures`` and its statements keep their offline status.
    """
    statements = [
        *claim_statements(result.claims),
        *check_statements(result.summary_checks, "summary_checks"),
    ]
    judge = Judge(
        model, result.body, title=result.title, settings=settings, concurrency=concurrency
    )
    outcome = await judge.run(statements)
    claims = with_verdicts(result.claims, "claims", outcome)
    checks = with_verdicts(result.summary_checks, "summary_checks", outcome)
    notices = [
        downgrade_notice(result.claims, claims, "claim(s)"),
        downgrade_notice(result.summary_checks, checks, "summary sentence(s)"),
    ]
    result.claims, result.summary_checks = claims, checks
    result.calls.extend(outcome.calls)
    result.judge_failures.extend(outcome.failures)
    result.warnings.extend([*outcome.warnings, *(n for n in notices if n)])
    result.prompt_version = f"{result.prompt_version}+{outcome.prompt_version}"
    return result

"""How often a judge and the rules agree, read off a result's JSON.

They agree on a statement when both call it supported, or both do not: the
judge's ``supported`` against the rules' ``supported``, and the judge's
``contradicted`` or ``not_in_source`` against any other rules status.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

JUDGED = "judged_statements"
AGREEMENT = "judge_agreement"


def _judged(result: Mapping[str, Any]) -> Iterable[tuple[str, str]]:
    """(judge verdict, rules status) of every judged claim and summary sentence."""
    for key in ("claims", "summary_checks", "checks"):
        for item in result.get(key) or ():
            judge = item.get("judge") if isinstance(item, Mapping) else None
            if isinstance(judge, Mapping):
                rules = item.get("rules_status") or item.get("status")
                yield str(judge.get("verdict")), str(rules)


def judge_agreement(result: Mapping[str, Any]) -> dict[str, float]:
    """``{judged_statements, judge_agreement}`` for a judged result; empty when none was."""
    pairs = list(_judged(result))
    if not pairs:
        return {}
    agree = sum(1 for verdict, rules in pairs if (verdict == "supported") == (rules == "supported"))
    return {JUDGED: float(len(pairs)), AGREEMENT: agree / len(pairs)}


def agreement_line(case_id: str, metrics: Mapping[str, float]) -> str | None:
    """One line for a case's judge/rules agreement, or None when it was not judged."""
    if JUDGED not in metrics:
        return None
    judged = int(metrics[JUDGED])
    share = metrics[AGREEMENT]
    return (
        f"{case_id}: judge and rules agree on {round(share * judged)} of {judged} "
        f"statement(s) ({share:.0%})"
    )

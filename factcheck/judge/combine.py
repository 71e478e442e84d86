"""Rules first, the model second: one status from the offline check and a judge verdict.

The judge only ever downgrades. A problem the offline check found (a number,
date or name not in the evidence, a quote not in the article) stands whatever
the model says; ``contradicted`` and ``not_in_source`` lower a status that the
rules left higher. The combined status is the worse of the two, in the order
supported < partial < unsupported < contradicted. Both verdicts are kept: the
offline one as ``rules_status`` (and its problems), the model's as ``judge``.
"""

from __future__ import annotations

import dataclasses
from typing import TypeVar

from factcheck.judge.verdicts import JudgeVerdict, Verdict
from factcheck.result import STATUS_RANK, Claim, SentenceCheck, Status

# Worse is higher. A status the rules may report and the judge cannot
# (none today) would rank as worst, so it is never silently raised.
SEVERITY = STATUS_RANK  # supported < partial < unsupported < contradicted

# The status each verdict stands for; "supported" lowers nothing.
VERDICT_STATUS: dict[Verdict, Status] = {
    "supported": "supported",
    "not_in_source": "unsupported",
    "contradicted": "contradicted",
}

# The problem a downgrade adds, before the judge's reason.
VERDICT_PROBLEM: dict[Verdict, str] = {
    "supported": "",
    "not_in_source": "the judge found it is not in the article",
    "contradicted": "the judge found it contradicted by the article",
}

Judged = TypeVar("Judged", Claim, SentenceCheck)


def combined_status(rules: Status, verdict: Verdict) -> Status:
    """The worse of the offline status and the status the verdict stands for."""
    judged = VERDICT_STATUS[verdict]
    worst = len(SEVERITY)
    if SEVERITY.get(judged, worst) > SEVERITY.get(rules, worst):
        return judged
    return rules


def apply_verdict(item: Judged, verdict: JudgeVerdict) -> Judged:
    """``item`` with the combined status, its offline status kept and the verdict attached."""
    # Judged again (a second model, say): combine with the rules, not the last verdict.
    rules = item.rules_status if item.rules_status is not None else item.status
    status = combined_status(rules, verdict.verdict)
    problems: tuple[str, ...] = item.problems
    if verdict.verdict != "supported":
        reason = f": {verdict.reason}" if verdict.reason else ""
        problems = (*problems, VERDICT_PROBLEM[verdict.verdict] + reason)
    return dataclasses.replace(
        item, status=status, problems=problems, rules_status=rules, judge=verdict
    )

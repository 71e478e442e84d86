"""What a judge says about one statement, and what a judge call that failed leaves behind."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Literal

Verdict = Literal["supported", "contradicted", "not_in_source"]
VERDICTS: tuple[Verdict, ...] = ("supported", "contradicted", "not_in_source")

# How a judge call that produced no verdicts ended; a refusal and a reply cut
# off at the output limit are outcomes of their own, not generic errors.
FailureOutcome = Literal["refused", "truncated", "too_long", "invalid", "cache_miss", "error"]


@dataclass(frozen=True)
class Passage:
    """An article sentence the judge was shown, as body offsets and text."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class JudgeVerdict:
    """One model verdict: supported, contradicted or not_in_source, why, and from what."""

    verdict: Verdict
    reason: str
    evidence: tuple[Passage, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict,
            "reason": self.reason,
            "evidence": [passage.to_dict() for passage in self.evidence],
        }


@dataclass(frozen=True)
class JudgeFailure:
    """A judge call that gave no verdicts: its statements keep their offline status.

    ``statements`` names them as JSON pointers into the result
    (``claims/3``, ``summary_checks/0``, or ``checks/2`` in a verify report).
    """

    statements: tuple[str, ...]
    outcome: FailureOutcome
    error_type: str
    message: str
    attempts: int
    raw_reply: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["statements"] = list(self.statements)
        return data

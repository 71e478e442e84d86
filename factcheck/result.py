"""The data a check returns: claims with evidence, summary checks, the result."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, fields
from typing import TYPE_CHECKING, Any, Literal, get_args

from factcheck._attributes import attributes
from factcheck.usage import Usage, total_usage

if TYPE_CHECKING:
    from factcheck.judge.verdicts import JudgeFailure, JudgeVerdict

Status = Literal["supported", "partial", "unsupported", "contradicted"]
# Every status, from best to worst; the rank orders them wherever two are compared
# (merging duplicate claims, a judge lowering a status, report highlights).
STATUSES: tuple[Status, ...] = get_args(Status)
STATUS_RANK: dict[str, int] = {status: rank for rank, status in enumerate(STATUSES)}
Stance = Literal["asserted", "hedged", "denied"]
MatchMethod = Literal["exact", "normalized", "fuzzy"]

CATEGORIES = (
    "quantity",
    "date/time",
    "event",
    "attribution/quote",
    "comparison/ranking",
    "status",
    "other",
)
STANCES: tuple[Stance, ...] = ("asserted", "hedged", "denied")


@dataclass(frozen=True)
class Evidence:
    """Where a quote was found: body offsets, original-text offsets, and how."""

    start: int
    end: int
    text: str
    method: MatchMethod
    score: float  # 100.0 for exact and normalised matches; rapidfuzz score otherwise
    original_start: int | None = None
    original_end: int | None = None
    sentence_start: int | None = None  # the sentence(s) around the evidence, body offsets
    sentence_end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        # Named, not ``asdict``: every field is a plain value, and a result holds
        # one evidence per claim and summary sentence.
        return {**attributes(self, *_EVIDENCE_FIELDS), "score": round(self.score, 2)}


_EVIDENCE_FIELDS = tuple(f.name for f in fields(Evidence))


@dataclass(frozen=True)
class Finding:
    """One part of a claim that its evidence does not carry, or says otherwise.

    ``kind``: "words", "number", "date", "name", "polarity", "role", "quote" or
    "evidence"; ``part``: that part of the claim; ``spans``: the body spans it
    was checked against; ``where``: "in evidence", "near the matching text"
    (found elsewhere in the body) or "in the article" (found nowhere).
    """

    kind: str
    part: str
    spans: tuple[tuple[int, int], ...] = ()
    contradicts: bool = False
    detail: str = ""
    where: str = "in evidence"

    def message(self) -> str:
        suffix = f" ({self.detail})" if self.detail else ""
        if self.kind in ("polarity", "role", "quote", "evidence"):
            return f"{self.part}{suffix}"
        return f"{self.kind} {self.part} not {self.where}{suffix}"


def _spans(spans: tuple[tuple[int, int], ...]) -> list[dict[str, int]]:
    return [{"start": s, "end": e} for s, e in spans]


@dataclass(frozen=True)
class Claim:
    """A self-contained, checkable statement tied to a verbatim quote.

    ``status`` and ``problems`` are filled by grounding; a claim that has not
    been grounded yet is ``unsupported`` with the problem "not grounded".
    """

    text: str
    quote: str
    category: str = "other"
    speaker: str | None = None
    stance: Stance = "asserted"
    section: int | None = None
    status: Status = "unsupported"
    problems: tuple[str, ...] = ("not grounded",)
    evidence: Evidence | None = None
    # Set when a model judged the claim: its verdict, and the status the rules gave.
    judge: JudgeVerdict | None = None
    rules_status: Status | None = None
    findings: tuple[Finding, ...] = ()  # the problems as data
    evidence_spans: tuple[tuple[int, int], ...] = ()  # every body span the claim was checked on

    def to_dict(self) -> dict[str, Any]:
        return {
            **attributes(self, "text", "quote", "category", "speaker", "stance", "section"),
            "status": self.status,
            "problems": list(self.problems),
            "span": None
            if self.evidence is None
            else {"start": self.evidence.start, "end": self.evidence.end},
            "original_span": None
            if self.evidence is None or self.evidence.original_start is None
            else {"start": self.evidence.original_start, "end": self.evidence.original_end},
            **_found_and_decided(self),
        }


@dataclass(frozen=True)
class SentenceCheck:
    """The grounding verdict for one sentence of a summary (or one claim given as text)."""

    text: str
    start: int  # offsets into the checked summary text
    end: int
    status: Status
    problems: tuple[str, ...] = ()
    evidence: Evidence | None = None
    judge: JudgeVerdict | None = None  # as on Claim
    rules_status: Status | None = None
    findings: tuple[Finding, ...] = ()  # the problems as data
    evidence_spans: tuple[tuple[int, int], ...] = ()  # every body span it was checked on

    def to_dict(self) -> dict[str, Any]:
        return {
            **attributes(self, "text", "start", "end", "status"),
            "problems": list(self.problems),
            **_found_and_decided(self),
        }


def _found_and_decided(check: Claim | SentenceCheck) -> dict[str, Any]:
    """What a claim's and a summary sentence's dicts share: the evidence and who decided."""
    return {
        "evidence": None if check.evidence is None else check.evidence.to_dict(),
        "judge": None if check.judge is None else check.judge.to_dict(),
        "rules_status": check.status if check.rules_status is None else check.rules_status,
        "evidence_spans": _spans(check.evidence_spans),
    }


@dataclass(frozen=True)
class SectionInfo:
    index: int
    start: int
    end: int
    tokens: int

    def to_dict(self) -> dict[str, Any]:
        return {"index": self.index, "start": self.start, "end": self.end, "tokens": self.tokens}


@dataclass(frozen=True)
class FailedSection:
    """A section the model could not process; its error is kept, never dropped."""

    index: int
    start: int
    end: int
    error_type: str
    message: str
    attempts: int
    raw_reply: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class CallRecord:
    """One model call's accounting, in call order: what it cost, and whether the cache answered."""

    label: str  # e.g. "extract[2]", "reduce", "single"
    usage: Usage = field(default_factory=Usage)

    @property
    def cached(self) -> bool:
        return self.usage.cached_requests > 0

    def to_dict(self) -> dict[str, Any]:
        usage = self.usage
        return {
            "label": self.label,
            "prompt_tokens": usage.prompt_tokens,
            "completion_tokens": usage.completion_tokens,
            "requests": usage.requests,
            "latency_s": round(usage.latency_s, 6),
            "cost_usd": usage.cost_usd,
            "estimated": usage.estimated,
            "cached": self.cached,
        }


def calls_usage(calls: Iterable[CallRecord]) -> Usage:
    """What ``calls`` cost together."""
    return total_usage(call.usage for call in calls)


@dataclass
class Result:
    """Everything a check produced. ``partial`` is true when any section failed.

    A claim's ``evidence.start``/``end`` are offsets into ``body``;
    ``evidence.original_start``/``original_end`` point into the text exactly
    as it was given (``span`` and ``original_span`` in ``to_dict()``).
    ``trailer`` holds plain dicts, one :meth:`TrailerBlock.to_dict` per block,
    exactly as the JSON output holds them; ``usage`` is the :class:`Usage`
    totalled over ``calls`` (its ``to_dict()`` is the JSON output's ``usage``).
    """

    summary: str
    claims: list[Claim]
    engine: str  # "offline", "openai", or "system" (another system's output, grounded)
    model: str | None
    prompt_version: str | None
    body: str = ""
    title: str | None = None
    source: str | None = None
    summary_checks: list[SentenceCheck] = field(default_factory=list)
    sections: list[SectionInfo] = field(default_factory=list)
    failed_sections: list[FailedSection] = field(default_factory=list)
    trailer: list[dict[str, Any]] = field(default_factory=list)
    # Page furniture found inside the body (captions, share bars, video
    # prompts, credits, tables): blanked in ``body``, listed here.
    furniture: list[dict[str, Any]] = field(default_factory=list)
    calls: list[CallRecord] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    judge_failures: list[JudgeFailure] = field(default_factory=list)

    @property
    def partial(self) -> bool:
        return bool(self.failed_sections)

    def __repr__(self) -> str:
        # The body may be megabytes long: a repr that printed it all would be
        # useless to read and costly to build (asyncio builds one on teardown).
        return (
            f"Result(engine={self.engine!r}, model={self.model!r}, claims={len(self.claims)}, "
            f"partial={self.partial}, summary={self.summary[:60]!r})"
        )

    @property
    def usage(self) -> Usage:
        """Totals over every model call (all zero for the offline engine)."""
        return calls_usage(self.calls)

    def to_dict(self) -> dict[str, Any]:
        """The published JSON shape (``factcheck/schemas/result.schema.json``)."""
        return _result_to_dict(self)

    def to_json(self, *, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def to_markdown(self) -> str:
        from factcheck.markdown import result_to_markdown

        return result_to_markdown(self)


def _result_to_dict(result: Result) -> dict[str, Any]:
    return {
        "summary": result.summary,
        "claims": [claim.to_dict() for claim in result.claims],
        "summary_checks": [check.to_dict() for check in result.summary_checks],
        "title": result.title,
        "source": result.source,
        "body": result.body,
        "engine": result.engine,
        "model": result.model,
        "prompt_version": result.prompt_version,
        "partial": result.partial,
        "failed_sections": [failed.to_dict() for failed in result.failed_sections],
        "sections": [section.to_dict() for section in result.sections],
        "trailer": list(result.trailer),
        "furniture": list(result.furniture),
        "usage": result.usage.to_dict(),
        "calls": [call.to_dict() for call in result.calls],
        "warnings": list(result.warnings),
        "judge_failures": [failure.to_dict() for failure in result.judge_failures],
    }

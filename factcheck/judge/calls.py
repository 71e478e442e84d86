"""The judge calls: up to 20 statements per schema-constrained call, one verdict each.

The reply schema pins the number of verdicts to the number of statements
(``minItems`` = ``maxItems``) and the evidence numbers to the sentences shown,
so any server's structured output gives exactly one verdict per statement,
in order; a server without structured output has its reply validated against
the same schema and re-asked with the validator's message (the model
client's own re-ask). A reply cut off at the output limit, or a request
longer than the model's context, is split in two and asked again; a call that
still fails (a refusal, a truncated single statement, an invalid reply after
every re-ask, a transport failure) leaves its statements with their offline
status, and says so.
"""

from __future__ import annotations

import asyncio
import copy
import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from factcheck.errors import (
    CacheMissError,
    ContextLengthError,
    InvalidReplyError,
    ModelError,
    RefusalError,
    TruncatedReplyError,
)
from factcheck.extraction import recorded_call
from factcheck.judge.statements import EvidenceSentences, Statement, one_line
from factcheck.judge.verdicts import FailureOutcome, JudgeFailure, JudgeVerdict, Verdict
from factcheck.llm import JsonModel, JsonRequest
from factcheck.model_options import DEFAULT_CONCURRENCY
from factcheck.prompt_files import load_prompt
from factcheck.result import CallRecord
from factcheck.settings import CheckSettings

JUDGE_PROMPT = "judge"
BATCH_SIZE = 20

# How a failed call is reported, by the error it ended with (first match wins:
# ContextLengthError is a BadRequestError, which would otherwise be "error").
OUTCOMES: tuple[tuple[type[ModelError], FailureOutcome], ...] = (
    (RefusalError, "refused"),
    (TruncatedReplyError, "truncated"),
    (ContextLengthError, "too_long"),
    (InvalidReplyError, "invalid"),
    (CacheMissError, "cache_miss"),
)


def failure_outcome(error: ModelError) -> FailureOutcome:
    for kind, outcome in OUTCOMES:
        if isinstance(error, kind):
            return outcome
    return "error"


def pinned_schema(schema: dict[str, Any], statements: int, sentences: int) -> dict[str, Any]:
    """The reply schema with exactly ``statements`` verdicts citing sentences 1..``sentences``."""
    pinned = copy.deepcopy(schema)
    verdicts = pinned["properties"]["verdicts"]
    verdicts["minItems"] = verdicts["maxItems"] = statements
    verdicts["items"]["properties"]["evidence"]["items"]["maximum"] = sentences
    return pinned


@dataclass
class JudgeOutcome:
    """Verdicts by statement ref; the calls made; what failed; what a reader must know."""

    verdicts: dict[str, JudgeVerdict] = field(default_factory=dict)
    failures: list[JudgeFailure] = field(default_factory=list)
    calls: list[CallRecord] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    prompt_version: str = ""


class Judge:
    """Judges statements about one article body with one :class:`JsonModel`."""

    def __init__(
        self,
        model: JsonModel,
        body: str,
        *,
        title: str | None = None,
        settings: CheckSettings | None = None,
        concurrency: int = DEFAULT_CONCURRENCY,
        batch_size: int = BATCH_SIZE,
    ) -> None:
        self.model = model
        self.settings = settings or CheckSettings()
        self.title = title
        self.batch_size = batch_size
        self.sentences = EvidenceSentences(body)
        self.prompt = load_prompt(JUDGE_PROMPT)
        self._gate = asyncio.Semaphore(concurrency)

    def request(self, batch: Sequence[Statement], label: str) -> tuple[JsonRequest, list[int]]:
        """The request for ``batch`` and the body sentence numbers it shows, in order."""
        shown = sorted(set().union(*(self.sentences.for_statement(s) for s in batch)))
        request = self.prompt.to_request(
            label=label,
            max_output_tokens=self.settings.max_output_tokens,
            temperature=self.settings.temperature,
            title=self.title,
            statements=[one_line(s.text) for s in batch],
            sentences=[one_line(p.text) for p in self.sentences.passages(shown)],
        )
        schema = pinned_schema(self.prompt.schema, len(batch), len(shown))
        return dataclasses.replace(request, schema=schema), shown

    async def run(self, statements: Sequence[Statement]) -> JudgeOutcome:
        outcome = JudgeOutcome(prompt_version=self.prompt.version)
        batches = [
            list(enumerate(statements))[k : k + self.batch_size]
            for k in range(0, len(statements), self.batch_size)
        ]
        await asyncio.gather(*(self._judge(batch, outcome) for batch in batches))
        outcome.calls.sort(key=lambda call: _label_order(call.label))
        return outcome

    async def _judge(self, batch: list[tuple[int, Statement]], outcome: JudgeOutcome) -> None:
        label = f"judge[{batch[0][0] + 1}-{batch[-1][0] + 1}]"
        request, shown = self.request([s for _, s in batch], label)
        async with self._gate:
            try:
                reply = await recorded_call(self.model, request, outcome.calls)
            except ModelError as exc:
                error: ModelError | None = exc
            else:
                error = None
        if error is None:
            passages = self.sentences.passages(shown)
            for (_, statement), raw in zip(batch, reply.data["verdicts"], strict=True):
                outcome.verdicts[statement.ref] = _verdict(raw, passages)
            return
        splittable = isinstance(error, (TruncatedReplyError, ContextLengthError))
        if splittable and len(batch) > 1:
            half = (len(batch) + 1) // 2
            what = (
                "hit the output limit"
                if isinstance(error, TruncatedReplyError)
                else ("was longer than the model's context")
            )
            outcome.warnings.append(
                f"the judge call for statements {batch[0][0] + 1}-{batch[-1][0] + 1} {what}; "
                "it was split in 2 and asked again"
            )
            await asyncio.gather(
                self._judge(batch[:half], outcome), self._judge(batch[half:], outcome)
            )
            return
        failure = JudgeFailure(
            statements=tuple(s.ref for _, s in batch),
            outcome=failure_outcome(error),
            **error.record(),
        )
        outcome.failures.append(failure)
        outcome.warnings.append(
            f"the judge call for {', '.join(failure.statements)} failed ({failure.outcome}: "
            f"{failure.error_type}: {failure.message}); their offline status stands"
        )


def _verdict(raw: dict[str, Any], passages: Sequence[Any]) -> JudgeVerdict:
    verdict: Verdict = raw["verdict"]
    # The schema bounds the numbers to the sentences shown; repeats are kept once.
    cited = dict.fromkeys(int(n) for n in raw["evidence"])
    return JudgeVerdict(
        verdict=verdict,
        reason=str(raw["reason"]).strip(),
        evidence=tuple(passages[n - 1] for n in cited),
    )


def _label_order(label: str) -> tuple[int, int]:
    """``judge[3-7]`` -> (3, -7): calls in statement order, a split call before its halves."""
    first, _, last = label.removeprefix("judge[").removesuffix("]").partition("-")
    return int(first), -int(last)

"""The model half of a check: one call per section, then one reduce call.

A body that fits one section gets a single call returning summary and claims.
Otherwise every section is extracted concurrently (bounded), and a reduce call
writes the summary from the section summaries. A section whose reply was cut
off at the output limit is split in two and retried; a section that still
fails is recorded with its error, never dropped.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import tiktoken

from factcheck.chunker import Section, chunk_text
from factcheck.errors import (
    ContextLengthError,
    ModelError,
    ServerConfigurationError,
    TruncatedReplyError,
)
from factcheck.llm import JsonModel, JsonReply, JsonRequest
from factcheck.prompt_files import load_prompt
from factcheck.result import STANCES, CallRecord, Claim, FailedSection, Stance
from factcheck.settings import CheckSettings
from factcheck.usage import Usage

log = logging.getLogger(__name__)


@dataclass
class _Piece:
    """A section as processed: maybe a half of a section that was split."""

    start: int
    end: int
    text: str
    tokens: int
    summary: str | None = None
    claims: list[dict[str, Any]] = field(default_factory=list)
    error: ModelError | None = None


@dataclass
class ExtractionOutcome:
    summary: str
    sections: list[Section]
    claims: list[Claim]
    failed: list[FailedSection]
    calls: list[CallRecord]
    warnings: list[str]
    prompt_version: str


async def recorded_call(
    model: JsonModel, request: JsonRequest, calls: list[CallRecord]
) -> JsonReply:
    """``model``'s reply to ``request``, its cost appended to ``calls`` (a failed call's too)."""
    try:
        reply = await model.complete_json(request)
    except ModelError as exc:
        calls.append(CallRecord(request.label, exc.usage or Usage()))
        raise
    calls.append(CallRecord(request.label, reply.usage))
    return reply


def _stance(value: object) -> Stance:
    for stance in STANCES:
        if value == stance:
            return stance
    return "asserted"


def _claim(raw: dict[str, Any], section: int) -> Claim:
    speaker = raw.get("speaker")
    return Claim(
        text=str(raw.get("text", "")),
        quote=str(raw.get("quote", "")),
        category=str(raw.get("category") or "other"),
        speaker=str(speaker) if speaker else None,
        stance=_stance(raw.get("stance")),
        section=section,
    )


class ModelExtraction:
    """Runs the calls for one article against one :class:`JsonModel`."""

    def __init__(
        self,
        model: JsonModel,
        settings: CheckSettings,
        encoding: tiktoken.Encoding,
        title: str | None,
        concurrency: int,
    ) -> None:
        self.model = model
        self.settings = settings
        self.encoding = encoding
        self.title = title
        self.calls: list[CallRecord] = []
        self.warnings: list[str] = []
        self._gate = asyncio.Semaphore(concurrency)

    async def _call(self, prompt_name: str, label: str, **variables: object) -> JsonReply:
        prompt = load_prompt(prompt_name)
        request = prompt.to_request(
            label=label,
            max_output_tokens=self.settings.max_output_tokens,
            temperature=self.settings.temperature,
            **variables,
        )
        async with self._gate:
            return await recorded_call(self.model, request, self.calls)

    def _split(self, piece: _Piece) -> list[_Piece]:
        """Halve a section whose reply was truncated or whose request was too long."""
        halves = chunk_text(piece.text, max(16, (piece.tokens + 1) // 2), encoding=self.encoding)
        if len(halves) < 2:
            return []
        return [
            _Piece(piece.start + h.start, piece.start + h.end, h.text, h.tokens) for h in halves
        ]

    async def _extract(
        self, piece: _Piece, index: int, count: int, depth: int, single: bool
    ) -> list[_Piece]:
        name = "single" if single else "extract_section"
        label = "single" if single else f"extract[{index}]"
        try:
            reply = await self._call(
                name,
                label,
                title=self.title,
                section_text=piece.text,
                section_index=index + 1,
                section_count=count,
            )
        except (TruncatedReplyError, ContextLengthError) as exc:
            if depth < self.settings.max_splits:
                halves = self._split(piece)
                if halves:
                    what = (
                        "the reply for section {} hit the output limit"
                        if isinstance(exc, TruncatedReplyError)
                        else "the request for section {} was longer than the model's context"
                    )
                    self.warnings.append(
                        f"{what.format(index + 1)}; it was split in {len(halves)} and retried"
                    )
                    results = await asyncio.gather(
                        *(
                            self._extract(half, index, count, depth + 1, single=False)
                            for half in halves
                        )
                    )
                    return [p for part in results for p in part]
            piece.error = exc
            return [piece]
        except ModelError as exc:
            if isinstance(exc, ServerConfigurationError):
                raise  # every section would fail alike: the check stops here
            piece.error = exc
            return [piece]
        data = reply.data
        piece.summary = str(data.get("summary") or data.get("section_summary") or "")
        piece.claims = [c for c in data.get("claims", []) if isinstance(c, dict)]
        return [piece]

    async def _reduce(self, summaries: Sequence[str]) -> str:
        reply = await self._call(
            "reduce", "reduce", title=self.title, section_summaries=list(summaries)
        )
        return str(reply.data.get("summary", ""))

    async def run(
        self,
        sections: Sequence[Section],
        while_reducing: Callable[[ExtractionOutcome], Awaitable[None]] | None = None,
    ) -> ExtractionOutcome:
        """Every section's call, then the reduce call where there are several.

        ``while_reducing`` is given the outcome (its summary still empty) once
        the reduce request has left, and awaited: the claims are final then,
        and work on them (grounding) runs while the reply is on its way
        instead of after.
        """
        pieces = [_Piece(s.start, s.end, s.text, s.tokens) for s in sections]
        single = len(pieces) == 1
        if single:
            # Awaited in place, not as a task: the request leaves in the same
            # step that prepared it, ahead of other articles sharing the loop.
            results = [await self._extract(pieces[0], 0, 1, 0, single=True)]
        else:
            outcomes = await asyncio.gather(
                *(
                    self._extract(piece, k, len(pieces), 0, single=False)
                    for k, piece in enumerate(pieces)
                ),
                return_exceptions=True,
            )
            # Every section ends before the first error is raised: none is left running.
            for ended in outcomes:
                if isinstance(ended, BaseException):
                    raise ended
            results = [o for o in outcomes if not isinstance(o, BaseException)]
        done = [p for part in results for p in part]
        summaries = [p.summary for p in done if p.summary]
        whole = single and len(done) == 1 and done[0].error is None
        prompt_version = load_prompt("single" if single else "extract_section").version
        if not whole and summaries:
            prompt_version += "+" + load_prompt("reduce").version
        outcome = self._outcome(done, "", prompt_version)
        if whole:
            outcome.summary = done[0].summary or ""
        elif summaries:
            outcome.summary = await self._reduced(summaries, outcome, while_reducing)
        return outcome

    async def _reduced(
        self,
        summaries: list[str],
        outcome: ExtractionOutcome,
        while_reducing: Callable[[ExtractionOutcome], Awaitable[None]] | None,
    ) -> str:
        """The reduce call's summary, or the section summaries joined if it fails."""
        reduce = asyncio.ensure_future(self._reduce(summaries))
        try:
            if while_reducing is not None:
                await asyncio.sleep(0)  # the reduce call's first step: its request leaves
                await while_reducing(outcome)
            return await reduce
        except ModelError as exc:
            if isinstance(exc, ServerConfigurationError):
                raise
            self.warnings.append(
                f"the reduce call failed ({type(exc).__name__}: {exc}); the summary "
                "joins the section summaries instead"
            )
            return " ".join(summaries)
        finally:
            reduce.cancel()  # a no-op once it is done; stops it when the work above failed

    def _outcome(self, done: list[_Piece], summary: str, prompt_version: str) -> ExtractionOutcome:
        sections: list[Section] = []
        claims: list[Claim] = []
        failed: list[FailedSection] = []
        for k, piece in enumerate(done):
            previous_end = done[k - 1].end if k else piece.start
            sections.append(
                Section(
                    k,
                    piece.start,
                    piece.end,
                    piece.text,
                    piece.tokens,
                    max(piece.start, min(previous_end, piece.end)),
                )
            )
            if piece.error is not None:
                failed.append(
                    FailedSection(
                        index=k,
                        start=piece.start,
                        end=piece.end,
                        **piece.error.record(),
                    )
                )
                continue
            claims.extend(_claim(raw, k) for raw in piece.claims)
        if failed:
            self.warnings.append(
                f"partial result: {len(failed)} of {len(done)} sections failed "
                "(see failed_sections)"
            )
        return ExtractionOutcome(
            summary=summary,
            sections=sections,
            claims=claims,
            failed=failed,
            calls=self.calls,
            warnings=self.warnings,
            prompt_version=prompt_version,
        )

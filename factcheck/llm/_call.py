"""One schema-constrained call as plain state: what to send next, what a reply means.

No I/O here. The sync and async drivers in ``_openai_model`` send what
:meth:`CallState.request_kwargs` says and hand every completion to
:meth:`CallState.receive`, so both share one decision procedure.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import Any

from openai.types.chat import ChatCompletion

from factcheck.errors import InvalidReplyError, RefusalError, TruncatedReplyError
from factcheck.llm._estimate import estimate_prompt_tokens, estimate_text_tokens
from factcheck.llm._ladder import Mode, response_format, with_schema_instructions
from factcheck.llm._protocol import JsonReply, JsonRequest
from factcheck.llm._replies import parse_reply, reask_messages
from factcheck.usage import Pricing, Usage

log = logging.getLogger("factcheck.llm")


@dataclass
class CallState:
    """Progress of one call: ladder step, conversation so far, attempts and tokens."""

    request: JsonRequest
    model: str
    mode: Mode
    max_reasks: int
    pricing: Pricing | None = None
    max_tokens_field: str = "max_completion_tokens"
    send_temperature: bool = True
    adapted: set[str] = field(default_factory=set)
    conversation: list[dict[str, str]] = field(default_factory=list)
    attempts: int = 0
    reasks: int = 0
    replies: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    estimated: bool = False
    last_raw: str | None = None
    started: float = field(default_factory=time.perf_counter)

    def __post_init__(self) -> None:
        if not self.conversation:
            self.conversation = [dict(m) for m in self.request.messages]

    @property
    def label(self) -> str:
        return self.request.label or self.request.schema_name

    # --- what to send ----------------------------------------------------

    def messages(self) -> list[dict[str, str]]:
        return with_schema_instructions(self.conversation, self.mode, self.request.schema)

    def request_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for ``chat.completions.create`` (timeout excluded)."""
        kwargs: dict[str, Any] = {"model": self.model, "messages": self.messages()}
        if self.send_temperature:
            kwargs["temperature"] = self.request.temperature
        fmt = response_format(self.mode, self.request.schema, self.request.schema_name)
        if fmt is not None:
            kwargs["response_format"] = fmt
        if self.request.max_output_tokens is not None:
            kwargs[self.max_tokens_field] = self.request.max_output_tokens
        return kwargs

    # --- accounting ------------------------------------------------------

    def usage(self) -> Usage:
        cost = (
            None
            if self.pricing is None
            else self.pricing.cost(self.prompt_tokens, self.completion_tokens)
        )
        return Usage(
            prompt_tokens=self.prompt_tokens,
            completion_tokens=self.completion_tokens,
            requests=self.replies,
            latency_s=time.perf_counter() - self.started,
            cost_usd=cost,
            estimated=self.estimated,
        )

    def _count(self, completion: ChatCompletion, sent: list[dict[str, str]], content: str) -> None:
        self.replies += 1
        if completion.usage is not None:
            self.prompt_tokens += completion.usage.prompt_tokens
            self.completion_tokens += completion.usage.completion_tokens
            return
        self.estimated = True
        self.prompt_tokens += estimate_prompt_tokens(sent, self.model)
        self.completion_tokens += estimate_text_tokens(content, self.model)

    # --- what a reply means ----------------------------------------------

    def receive(self, completion: ChatCompletion, sent: list[dict[str, str]]) -> JsonReply | None:
        """A valid reply, or None after queueing a re-ask; raises on final outcomes."""
        choice = completion.choices[0] if completion.choices else None
        content = "" if choice is None else (choice.message.content or "")
        self._count(completion, sent, content)
        self.last_raw = content
        if choice is None:
            raise self._error(InvalidReplyError, "the server returned no choices")
        refusal = getattr(choice.message, "refusal", None)
        if refusal:
            self.last_raw = str(refusal)
            raise self._error(RefusalError, f"the model refused: {refusal}")
        if choice.finish_reason == "content_filter":
            raise self._error(RefusalError, "the reply was stopped by the server's content filter")
        if choice.finish_reason == "length":
            raise self._error(
                TruncatedReplyError,
                f"the reply reached the output limit after {len(content)} characters",
            )
        parsed = parse_reply(content, self.request.schema)
        if parsed.data is not None:
            return JsonReply(
                data=parsed.data,
                raw=content,
                usage=self.usage(),
                mode=self.mode,
                attempts=self.attempts,
                cached=False,
            )
        problem = parsed.problem or "the reply is unusable"
        if self.reasks >= self.max_reasks:
            raise self._error(
                InvalidReplyError,
                f"no valid reply after {self.reasks} re-ask(s); last problem: {problem}",
            )
        self.reasks += 1
        log.info("%s: re-asking (%d/%d): %s", self.label, self.reasks, self.max_reasks, problem)
        self.conversation.extend(reask_messages(content, problem))
        return None

    def _error(
        self, kind: type[InvalidReplyError | RefusalError | TruncatedReplyError], message: str
    ) -> InvalidReplyError | RefusalError | TruncatedReplyError:
        return kind(
            f"{self.label}: {message}",
            raw_reply=self.last_raw,
            attempts=self.attempts,
            usage=self.usage(),
        )

"""Running the live pipeline over replies that came back from the Batch API.

The Batch API answers requests hours later, so the pipeline cannot wait on a
call. Instead :class:`AnsweringModel` answers each request from the replies
collected so far and notes the requests it has no reply for. A round of the
Batch API route runs every pending article through :func:`factcheck.acheck`
with this model: an article whose run asked for nothing new is finished (its
result is exactly what the live pipeline would have built from the same
replies: same sections, prompts, grounding, merging and warnings); the
requests the others asked for go into the next batch. Single-section
articles finish after one batch; multi-section ones need a second for the
reduce call; a truncated reply is split and re-asked in a later round, as
the live pipeline does.

Each reply is judged by the live client's own rules (refusal, truncation,
JSON parsing and jsonschema validation) through ``CallState.receive``. A reply
that is not valid JSON for the schema is re-asked as the live client would
(the same conversation, the bad reply and the validator's message), in the
next batch, up to ``max_reasks`` times.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from openai.types.chat import ChatCompletion
from pydantic import ValidationError

from factcheck.errors import (
    AuthenticationError,
    BadRequestError,
    InvalidReplyError,
    ModelError,
    ModelNotFoundError,
    RateLimitError,
    TransportError,
)
from factcheck.llm import JsonReply, JsonRequest
from factcheck.llm._cached_calls import request_key as cached_request_key
from factcheck.llm._call import CallState
from factcheck.llm._ladder import Mode
from factcheck.llm._sdk_errors import safe_message
from factcheck.usage import Usage

# The ladder step every Batch API request is written at.
BATCH_MODE: Mode = "json_schema_strict"


class AwaitingBatch(Exception):
    """The request has no reply yet: it goes into the next batch, and the article waits.

    Control flow of the Batch API route, so deliberately not a ``ModelError``
    (nor any ``FactcheckError``): the pipeline handles a failed call by marking
    its section failed or keeping the offline status, which is right for a
    call that failed and wrong for one that has not been answered yet. This
    passes through the pipeline instead, and the round that ran ``acheck``
    notes the article as waiting for the requests collected in ``pending``.
    """


def request_key(model: str, request: JsonRequest) -> str:
    """Identifies a request across rounds (same model, messages, schema and limits)."""
    return cached_request_key(model, request, BATCH_MODE, server="")


def request_body(model: str, request: JsonRequest) -> dict[str, Any]:
    """The chat-completions body the live client sends for ``request`` at the strict step."""
    return CallState(request=request, model=model, mode=BATCH_MODE, max_reasks=0).request_kwargs()


def _status_error(status: int | None, message: str) -> ModelError:
    kind: type[ModelError]
    if status == 429:
        kind = RateLimitError
    elif status in (401, 403):
        kind = AuthenticationError
    elif status == 404:
        kind = ModelNotFoundError
    elif status is None or status >= 500 or status == 408:
        kind = TransportError
    else:
        kind = BadRequestError
    where = "" if status is None else f"HTTP {status}: "
    return kind(f"batch request failed: {where}{message}", raw_reply=message, attempts=1)


def _error_message(line: dict[str, Any]) -> str:
    error = line.get("error")
    if isinstance(error, dict) and error.get("message"):
        code = error.get("code")
        return f"{error['message']}" + (f" ({code})" if code else "")
    response = line.get("response")
    body = response.get("body") if isinstance(response, dict) else None
    if isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, dict) and isinstance(inner.get("message"), str):
            return str(inner["message"])
    return str(body) if body is not None else "no response"


@dataclass(frozen=True)
class Reask:
    """An invalid reply: the request that asks again, and the tokens the invalid one cost."""

    request: JsonRequest
    prompt_tokens: int
    completion_tokens: int


def interpret(
    line: dict[str, Any],
    model: str,
    request: JsonRequest,
    secrets: Iterable[str],
    *,
    reasks_done: int = 0,
    max_reasks: int = 0,
) -> JsonReply | ModelError | Reask:
    """What one Batch API output (or error) line means for ``request``.

    ``reasks_done`` says how many re-asks led to ``request``; an invalid reply
    becomes a :class:`Reask` while fewer than ``max_reasks`` were made.
    """
    response = line.get("response")
    status = response.get("status_code") if isinstance(response, dict) else None
    if status != 200 or not isinstance(response, dict):
        return _status_error(status, safe_message(_error_message(line), secrets))
    try:
        completion = ChatCompletion.model_validate(response.get("body"))
    except ValidationError as exc:
        return InvalidReplyError(
            f"{request.label}: malformed completion in the batch output: {exc.error_count()} "
            "problem(s)",
            attempts=1,
        )
    state = CallState(request=request, model=model, mode=BATCH_MODE, max_reasks=max_reasks)
    state.attempts = 1
    state.reasks = reasks_done
    try:
        reply = state.receive(completion, state.messages())
    except ModelError as exc:
        return exc
    if reply is None:  # a re-ask was queued: the conversation now ends with it
        messages = [dict(m) for m in state.conversation]
        return Reask(
            dataclasses.replace(request, messages=messages),
            state.prompt_tokens,
            state.completion_tokens,
        )
    # Latency of a batched request means nothing; keep the accounting to tokens.
    usage = Usage(
        prompt_tokens=reply.usage.prompt_tokens,
        completion_tokens=reply.usage.completion_tokens,
        requests=1,
        cost_usd=reply.usage.cost_usd,
        estimated=reply.usage.estimated,
    )
    return JsonReply(
        data=reply.data, raw=reply.raw, usage=usage, mode=reply.mode, attempts=1, cached=False
    )


class AnsweringModel:
    """A JsonModel that answers from Batch API lines and collects what it cannot answer.

    ``lines`` maps :func:`request_key` to the output or error line that
    answered that request; each is judged when first asked for, by the rules
    of :func:`interpret`. An invalid reply is followed by its re-ask, whose
    line is looked up (or asked for) in turn.
    """

    def __init__(
        self,
        name: str,
        context_window: int,
        lines: dict[str, dict[str, Any]],
        secrets: Iterable[str] = (),
        max_reasks: int = 0,
    ) -> None:
        self.name = name
        self.context_window = context_window
        self.lines = lines
        self.secrets = list(secrets)
        self.max_reasks = max_reasks
        self.pending: dict[str, JsonRequest] = {}

    async def complete_json(self, request: JsonRequest) -> JsonReply:
        current = request
        spent = (0, 0)  # prompt and completion tokens of the invalid replies so far
        for reasks_done in range(self.max_reasks + 1):
            key = request_key(self.name, current)
            line = self.lines.get(key)
            if line is None:
                self.pending[key] = current
                raise AwaitingBatch(f"{request.label}: waiting for the batch")
            answer = interpret(
                line,
                self.name,
                current,
                self.secrets,
                reasks_done=reasks_done,
                max_reasks=self.max_reasks,
            )
            if isinstance(answer, Reask):
                spent = (spent[0] + answer.prompt_tokens, spent[1] + answer.completion_tokens)
                current = answer.request
                continue
            return _with_earlier_attempts(answer, reasks_done, spent)
        raise AssertionError("the last re-ask's reply is final")  # pragma: no cover

    async def aclose(self) -> None:
        return None  # it holds nothing open: the lines are the route's


def _with_earlier_attempts(
    answer: JsonReply | ModelError, reasks_done: int, spent: tuple[int, int]
) -> JsonReply:
    """``answer`` counting the invalid replies before it (attempts and tokens); raises errors."""
    if reasks_done == 0:
        if isinstance(answer, ModelError):
            raise answer
        return answer
    attempts = reasks_done + 1
    before = answer.usage
    usage = Usage(
        prompt_tokens=(before.prompt_tokens if before else 0) + spent[0],
        completion_tokens=(before.completion_tokens if before else 0) + spent[1],
        requests=attempts,
        cost_usd=None,
        estimated=bool(before and before.estimated),
    )
    if isinstance(answer, ModelError):
        answer.attempts = attempts
        answer.usage = usage
        raise answer
    return dataclasses.replace(answer, usage=usage, attempts=attempts)

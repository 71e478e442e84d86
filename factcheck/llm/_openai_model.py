"""Schema-constrained calls to any server that speaks the OpenAI chat API."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any, Literal

import openai
from openai.types.chat import ChatCompletion
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    Retrying,
    retry_if_exception_type,
    stop_after_attempt,
    stop_before_delay,
)

from factcheck.errors import (
    BadRequestError,
    ConfigurationError,
    ModelError,
    RateLimitError,
    TransportError,
)
from factcheck.llm._cache import ResponseCache
from factcheck.llm._cached_calls import lookup, store
from factcheck.llm._call import CallState
from factcheck.llm._clients import Clients
from factcheck.llm._context import context_window_for
from factcheck.llm._ladder import LADDER, LADDER_MEMORY, LadderMemory, Mode, next_mode
from factcheck.llm._protocol import JsonReply, JsonRequest
from factcheck.llm._retrying import RetryAfterWait, RetryPolicy, TransientError, call_subject
from factcheck.llm._sdk_errors import (
    FormatUnsupported,
    ParameterRejected,
    classify,
    safe_url,
    with_progress,
)
from factcheck.model_options import DEFAULT_TIMEOUT_S
from factcheck.redaction import redact
from factcheck.settings import DEFAULT_REASKS
from factcheck.usage import Pricing

log = logging.getLogger("factcheck.llm")

# Requests go through the client's generic ``post`` rather than
# ``chat.completions.create``: our bodies are plain JSON already, and the
# SDK's per-call walk of them against its parameter types (an identity here)
# costs about as much CPU as the rest of the request put together. The
# response is parsed into the same ``ChatCompletion``; errors, retries off,
# headers and Azure deployment routing stay the client's own.
_CHAT_PATH = "/chat/completions"

# A completion and the messages that asked for it.
_Sent = tuple[ChatCompletion, list[dict[str, str]]]


class OpenAICompatibleModel:
    """A :class:`~factcheck.llm.JsonModel` over the ``openai`` SDK, sync and async.

    Works with OpenAI and any compatible server (Azure, vLLM, llama.cpp,
    Ollama, LM Studio). Keys and URLs, in order of precedence: the ``client``
    / ``async_client`` you pass; ``api_key`` and ``base_url``; the SDK's
    ``OPENAI_API_KEY`` and ``OPENAI_BASE_URL``. With no key anywhere, a
    ``base_url`` (argument or env) that is not OpenAI's gets a placeholder key,
    because local servers need none; otherwise construction raises
    :class:`~factcheck.errors.AuthenticationError`. Keys never appear in logs,
    error messages or the cache.

    Output is constrained by the strongest response format the server accepts
    (strict ``json_schema``, plain ``json_schema``, ``json_object`` with the
    schema in the prompt, then plain text), remembered per base URL and model
    for the process; ``start_mode`` skips the top steps for servers you know.
    Every reply is validated with jsonschema and re-asked up to ``reasks``
    times. Transport faults (429, 5xx, timeouts, dropped connections) are
    retried per ``retry`` (``max_attempts`` and ``max_retry_seconds``
    override its bounds); ``on_rate_limit`` hears every 429 with its
    Retry-After seconds. ``timeout`` bounds each HTTP request.

    Two request parameters adapt the same way, on a 400 that rejects them:
    ``temperature`` is left out (reasoning models accept only their default)
    and the output limit switches between ``max_completion_tokens`` and
    ``max_tokens``; both are remembered like the ladder step.

    ``context_window`` defaults to a table of known OpenAI models and to a
    conservative 8192 tokens for anything else. ``max_tokens_field`` names the
    output limit field: ``max_completion_tokens`` (OpenAI's current name) or
    ``max_tokens`` for older servers.

    An async client this object builds belongs to the event loop of its first
    use; a call from another loop (a second ``asyncio.run``) gets a new one.
    A user-passed client is used as given except that the SDK's own retries
    are switched off (via ``with_options``), so nothing retries twice. When
    only one of ``client`` / ``async_client`` is given, the other is built
    from its key, base URL, organization and project. Clients this object
    builds are closed by :meth:`close` / :meth:`aclose`; yours are not.
    """

    def __init__(
        self,
        model: str,
        *,
        base_url: str | None = None,
        api_key: str | None = None,
        client: openai.OpenAI | None = None,
        async_client: openai.AsyncOpenAI | None = None,
        timeout: float = DEFAULT_TIMEOUT_S,
        max_attempts: int | None = None,
        max_retry_seconds: float | None = None,
        retry: RetryPolicy | None = None,
        reasks: int = DEFAULT_REASKS,
        cache: ResponseCache | None = None,
        pricing: Pricing | None = None,
        context_window: int | None = None,
        on_rate_limit: Callable[[float | None], None] | None = None,
        start_mode: Mode | None = None,
        max_tokens_field: Literal["max_completion_tokens", "max_tokens"] = "max_completion_tokens",
        ladder_memory: LadderMemory | None = None,
    ) -> None:
        if start_mode is not None and start_mode not in LADDER:
            raise ConfigurationError(f"start_mode must be one of {', '.join(LADDER)}")
        if timeout <= 0 or reasks < 0 or (max_attempts is not None and max_attempts < 1):
            raise ConfigurationError("timeout must be > 0, reasks >= 0 and max_attempts >= 1")
        self._model = model
        self._context_window = context_window or context_window_for(model)
        self.timeout = timeout
        policy = retry or RetryPolicy()
        if max_attempts is not None:
            policy = replace(policy, max_attempts=max_attempts)
        if max_retry_seconds is not None:
            policy = replace(policy, max_seconds=max_retry_seconds)
        self.retry = policy
        self.reasks = reasks
        self.cache = cache
        self.pricing = pricing
        self.on_rate_limit = on_rate_limit
        self.start_mode: Mode = start_mode or "json_schema_strict"
        self.max_tokens_field = max_tokens_field
        self._memory = ladder_memory or LADDER_MEMORY

        self._clients = Clients(
            api_key=api_key,
            base_url=base_url,
            client=client,
            async_client=async_client,
            timeout=timeout,
        )
        self.base_url = self._clients.base_url
        # The server as the cache keys it: replies of one server never answer another's.
        self._server = safe_url(self.base_url)
        self._secrets = self._clients.secrets

    # --- protocol --------------------------------------------------------

    @property
    def name(self) -> str:
        return self._model

    @property
    def context_window(self) -> int:
        return self._context_window

    def __repr__(self) -> str:
        return f"OpenAICompatibleModel({self._model!r}, base_url={safe_url(self.base_url)!r})"

    def complete_json_sync(self, request: JsonRequest) -> JsonReply:
        state = self._new_state(request)
        reply = self._cached(request)
        if reply is None:
            client = self._clients.sync()
            while reply is None:
                reply = self._receive(state, self._send_sync(client, state))
        return reply

    async def complete_json(self, request: JsonRequest) -> JsonReply:
        state = self._new_state(request)
        reply = self._cached(request)
        if reply is None:
            client = self._clients.async_()
            while reply is None:
                reply = self._receive(state, await self._send_async(client, state))
        return reply

    def _cached(self, request: JsonRequest) -> JsonReply | None:
        return lookup(self.cache, self._model, request, self._current_mode(), server=self._server)

    def _receive(self, state: CallState, sent: _Sent | None) -> JsonReply | None:
        """The reply (kept in the cache), or None: send again (a re-ask, an adapted request)."""
        if sent is None:
            return None
        completion, messages = sent
        reply = state.receive(completion, messages)
        if reply is not None:
            store(self.cache, self._model, state.request, reply, server=self._server)
        return reply

    # --- clients ---------------------------------------------------------

    def close(self) -> None:
        """Close the sync client this object built; a later call opens a new one."""
        self._clients.close()

    async def aclose(self) -> None:
        """Close every client this object built; later calls open new ones."""
        await self._clients.aclose()

    def __enter__(self) -> OpenAICompatibleModel:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    async def __aenter__(self) -> OpenAICompatibleModel:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    # --- one HTTP request, retried ----------------------------------------

    def _new_state(self, request: JsonRequest) -> CallState:
        adaptations = self._memory.adaptations(self.base_url, self._model)
        return CallState(
            request=request,
            model=self._model,
            mode=self._current_mode(),
            max_reasks=self.reasks,
            pricing=self.pricing,
            max_tokens_field=adaptations.get("max_tokens_field") or self.max_tokens_field,
            send_temperature="temperature" not in adaptations,
        )

    def _current_mode(self) -> Mode:
        remembered = self._memory.get(self.base_url, self._model, self.start_mode)
        return max(remembered, self.start_mode, key=LADDER.index)

    def _retrying_kwargs(self, state: CallState) -> dict[str, Any]:
        def before_sleep(retry_state: RetryCallState) -> None:
            outcome = retry_state.outcome
            exc = outcome.exception() if outcome is not None else None
            wait = retry_state.upcoming_sleep
            log.warning(
                "%s: %s from %s; retrying in %.3f s (try %d of %d)",
                call_subject(state.label),
                exc.message if isinstance(exc, TransientError) else exc,
                self._server,
                wait,
                retry_state.attempt_number + 1,
                self.retry.max_attempts,
            )

        return {
            "stop": stop_after_attempt(self.retry.max_attempts)
            | stop_before_delay(self.retry.max_seconds),
            "wait": RetryAfterWait(self.retry),
            "retry": retry_if_exception_type(TransientError),
            "before_sleep": before_sleep,
            "reraise": True,
        }

    def _fail(self, exc: openai.OpenAIError, state: CallState) -> Exception:
        error = classify(
            exc,
            mode=state.mode,
            model=self._model,
            base_url=self.base_url,
            secrets=self._secrets,
            timeout=self.timeout,
            on_rate_limit=self.on_rate_limit,
        )
        if isinstance(error, ModelError):
            return with_progress(error, attempts=state.attempts, usage=state.usage())
        return error

    def _exhausted(self, exc: TransientError, state: CallState) -> ModelError:
        kind = RateLimitError if exc.status == 429 else TransportError
        return kind(
            # The attempt count is the error's own (str() shows it): not in the message too.
            f"{state.label}: gave up: {exc.message}",
            raw_reply=state.last_raw,
            attempts=state.attempts,
            usage=state.usage(),
        )

    def _send_sync(self, client: openai.OpenAI, state: CallState) -> _Sent | None:
        body = state.request_kwargs()
        with self._sending(state):
            for attempt in Retrying(**self._retrying_kwargs(state)):
                with attempt, self._one_try(state):
                    return client.post(_CHAT_PATH, **self._post(body)), body["messages"]
        return None

    async def _send_async(self, client: openai.AsyncOpenAI, state: CallState) -> _Sent | None:
        body = state.request_kwargs()
        with self._sending(state):
            async for attempt in AsyncRetrying(**self._retrying_kwargs(state)):
                with attempt, self._one_try(state):
                    return await client.post(_CHAT_PATH, **self._post(body)), body["messages"]
        return None

    def _post(self, body: dict[str, Any]) -> dict[str, Any]:
        return {"cast_to": ChatCompletion, "body": body, "options": {"timeout": self.timeout}}

    @contextlib.contextmanager
    def _one_try(self, state: CallState) -> Iterator[None]:
        """One HTTP request: counted, and an SDK error turned into ours."""
        state.attempts += 1
        try:
            yield
        except openai.OpenAIError as exc:
            raise self._fail(exc, state) from None

    @contextlib.contextmanager
    def _sending(self, state: CallState) -> Iterator[None]:
        """The tries of one request, and what ends them other than a completion.

        A rejected format or parameter is adapted to (the block ends without a
        completion: the request is sent again); the last transient fault
        becomes a TransportError or RateLimitError.
        """
        try:
            yield
        except FormatUnsupported as exc:
            self._step_down(state, exc)
        except ParameterRejected as exc:
            self._adapt(state, exc)
        except TransientError as exc:
            raise self._exhausted(exc, state) from None

    def _step_down(self, state: CallState, exc: FormatUnsupported) -> None:
        lower = next_mode(state.mode)
        if lower is None:  # pragma: no cover - "text" sends no response_format
            raise BadRequestError(
                redact(exc.message, self._secrets), attempts=state.attempts, usage=state.usage()
            )
        log.info(
            "%s: %s rejected %s (%s); stepping down to %s",
            state.label,
            safe_url(self.base_url),
            state.mode,
            exc.message,
            lower,
        )
        self._memory.lower_to(self.base_url, self._model, lower)
        state.mode = lower

    def _adapt(self, state: CallState, exc: ParameterRejected) -> None:
        """Drop ``temperature`` or rename the output-limit field, once per call."""
        if exc.name in state.adapted or exc.name not in state.request_kwargs():
            raise BadRequestError(
                f"{state.label}: HTTP 400 from {safe_url(self.base_url)}: {exc.message}",
                raw_reply=exc.message,
                attempts=state.attempts,
                usage=state.usage(),
            )
        state.adapted.add(exc.name)
        if exc.name == "temperature":
            state.send_temperature = False
            self._memory.adapt(self.base_url, self._model, "temperature", None)
            change = "leaving temperature out"
        else:
            other = "max_tokens" if exc.name == "max_completion_tokens" else "max_completion_tokens"
            state.max_tokens_field = other
            self._memory.adapt(self.base_url, self._model, "max_tokens_field", other)
            change = f"sending {other} instead"
        log.info("%s: server rejected %s (%s); %s", state.label, exc.name, exc.message, change)

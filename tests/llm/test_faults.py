"""Every fault is survived, or turned into the right typed error, over real HTTP."""

from __future__ import annotations

import logging
from collections.abc import Callable

import pytest

from factcheck.errors import (
    AuthenticationError,
    BadRequestError,
    ContextLengthError,
    InvalidReplyError,
    ModelError,
    ModelNotFoundError,
    RateLimitError,
    RefusalError,
    TransportError,
    TruncatedReplyError,
)
from factcheck.llm import JsonReply, JsonRequest, OpenAICompatibleModel, RetryPolicy
from factcheck.testing import FakeOpenAIServer, Fault, Reply

ModelFactory = Callable[..., OpenAICompatibleModel]
Runner = Callable[[OpenAICompatibleModel, JsonRequest], JsonReply]


@pytest.mark.parametrize(
    "fault",
    [
        Fault.rate_limited(retry_after=0),
        Fault.server_error(500),
        Fault.server_error(502),
        Fault.unavailable(),
        Fault.drop(),
    ],
    ids=["429", "500", "502", "503", "dropped-connection"],
)
def test_transient_faults_are_retried(
    fake_openai: FakeOpenAIServer,
    make_model: ModelFactory,
    run: Runner,
    reduce_request: JsonRequest,
    fault: Fault,
) -> None:
    fake_openai.script(fault, fault)
    reply = run(make_model(), reduce_request)
    assert reply.data["summary"]
    assert reply.attempts == 3
    assert len(fake_openai.chat_requests) == 3
    # Only the answered request counts as a reply; the faults count as attempts.
    assert reply.usage.requests == 1
    # Transient faults never move the ladder.
    assert {r.ladder_mode for r in fake_openai.chat_requests} == {"json_schema_strict"}


def test_a_timeout_is_retried(
    fake_openai: FakeOpenAIServer,
    make_model: ModelFactory,
    run: Runner,
    reduce_request: JsonRequest,
) -> None:
    fake_openai.script(Fault.delay(3.0))
    # The timeout is long enough that the second, prompt reply arrives within it
    # on a loaded machine too; the first still waits three times as long.
    reply = run(make_model(timeout=1.0), reduce_request)
    assert reply.attempts == 2
    assert len(fake_openai.chat_requests) == 2


def test_timeouts_until_the_bound_become_a_transport_error(
    fake_openai: FakeOpenAIServer, make_model: ModelFactory, reduce_request: JsonRequest
) -> None:
    fake_openai.script(Fault.delay(3.0), Fault.delay(3.0))
    model = make_model(timeout=0.2, max_attempts=2)
    with pytest.raises(TransportError, match=r"timed out after 0\.2 s") as caught:
        model.complete_json_sync(reduce_request)
    assert type(caught.value) is TransportError
    assert caught.value.attempts == 2
    assert len(fake_openai.chat_requests) == 2


def test_retries_stop_at_the_attempt_bound(
    fake_openai: FakeOpenAIServer,
    make_model: ModelFactory,
    run: Runner,
    reduce_request: JsonRequest,
) -> None:
    fake_openai.script(*[Fault.unavailable()] * 5)
    with pytest.raises(TransportError, match=r"gave up: .*\(attempts: 3\)") as caught:
        run(make_model(max_attempts=3), reduce_request)
    assert caught.value.attempts == 3
    assert caught.value.usage is not None
    assert caught.value.usage.requests == 0
    assert len(fake_openai.chat_requests) == 3
    assert fake_openai.pending == 2


def test_rate_limits_until_the_bound_become_a_rate_limit_error(
    fake_openai: FakeOpenAIServer, make_model: ModelFactory, reduce_request: JsonRequest
) -> None:
    fake_openai.script(*[Fault.rate_limited(retry_after=0)] * 2)
    with pytest.raises(RateLimitError, match="HTTP 429") as caught:
        make_model(max_attempts=2).complete_json_sync(reduce_request)
    assert caught.value.attempts == 2


def test_retry_after_is_honoured_and_reported(
    fake_openai: FakeOpenAIServer,
    make_model: ModelFactory,
    reduce_request: JsonRequest,
    caplog: pytest.LogCaptureFixture,
) -> None:
    heard: list[float | None] = []
    fake_openai.script(
        Fault.rate_limited(retry_after=None, retry_after_ms=40),
        Fault.rate_limited(retry_after=None),
    )
    caplog.set_level(logging.WARNING, logger="factcheck.llm")
    model = make_model(on_rate_limit=heard.append)
    model.complete_json_sync(reduce_request)
    assert heard == [0.04, None]
    waits = [r.getMessage() for r in caplog.records if "retrying in" in r.getMessage()]
    assert len(waits) == 2
    # The first wait is the server's; the second falls back to the tiny test backoff.
    assert "retrying in 0.040 s (try 2 of 4)" in waits[0]
    assert "retrying in 0.00" in waits[1]


def test_retry_after_is_capped(
    fake_openai: FakeOpenAIServer,
    make_model: ModelFactory,
    reduce_request: JsonRequest,
    caplog: pytest.LogCaptureFixture,
) -> None:
    fake_openai.script(Fault.rate_limited(retry_after=3600))
    caplog.set_level(logging.WARNING, logger="factcheck.llm")
    policy = RetryPolicy(max_attempts=3, retry_after_cap=0.02, initial_wait=0.001, jitter=0.0)
    make_model(retry=policy).complete_json_sync(reduce_request)
    assert any("retrying in 0.020 s" in r.getMessage() for r in caplog.records)


def test_no_retry_starts_past_the_time_bound(
    fake_openai: FakeOpenAIServer, make_model: ModelFactory, reduce_request: JsonRequest
) -> None:
    # Waiting the 30 s the server asks for would end past the 5 s bound: stop now.
    fake_openai.script(Fault.rate_limited(retry_after=30))
    with pytest.raises(RateLimitError) as caught:
        make_model(max_retry_seconds=5.0).complete_json_sync(reduce_request)
    assert caught.value.attempts == 1
    assert len(fake_openai.chat_requests) == 1


@pytest.mark.parametrize(
    "case",
    [
        (Fault.unauthorized(), AuthenticationError),
        (Fault.http(403, "You are not allowed to use this model."), AuthenticationError),
        (Fault.model_not_found("fake-model"), ModelNotFoundError),
        (Fault.bad_request("messages: too many messages", param="messages"), BadRequestError),
        # A request longer than the context is its own error, however a server words it.
        (Fault.context_length_exceeded(8192, 9000, 500), ContextLengthError),
        (
            Fault.bad_request(
                "This model's maximum context length is 4096 tokens. However, you requested "
                "5120 tokens (1024 in the messages, 4096 in the completion)."
            ),
            ContextLengthError,
        ),
        (Fault.bad_request("the request exceeds the available context size"), ContextLengthError),
    ],
    ids=["401", "403", "404", "400", "context-openai", "context-vllm", "context-llama.cpp"],
)
def test_non_retryable_faults_fail_fast(
    fake_openai: FakeOpenAIServer,
    make_model: ModelFactory,
    run: Runner,
    reduce_request: JsonRequest,
    case: tuple[Fault, type[ModelError]],
) -> None:
    fault, error = case
    fake_openai.script(fault, Reply.with_json({"summary": "never sent"}))
    with pytest.raises(error) as caught:
        run(make_model(), reduce_request)
    assert type(caught.value) is error
    assert len(fake_openai.chat_requests) == 1
    assert fault.message in str(caught.value)
    assert caught.value.attempts == 1


def test_the_fake_server_enforces_its_context_window(
    fake_openai: FakeOpenAIServer, make_model: ModelFactory, reduce_request: JsonRequest
) -> None:
    fake_openai.context_window = 50
    with pytest.raises(ContextLengthError, match="maximum context length is 50 tokens"):
        make_model().complete_json_sync(reduce_request)
    fake_openai.context_window = 100_000
    assert make_model().complete_json_sync(reduce_request).data["summary"]


def test_unknown_model_names_the_model(
    make_model: ModelFactory, fake_openai: FakeOpenAIServer, reduce_request: JsonRequest
) -> None:
    fake_openai.known_models = {"fake-model"}
    with pytest.raises(ModelNotFoundError, match="is model 'no-such-model' served there"):
        make_model(model="no-such-model").complete_json_sync(reduce_request)


def test_refusal_is_its_own_outcome(
    fake_openai: FakeOpenAIServer,
    make_model: ModelFactory,
    run: Runner,
    reduce_request: JsonRequest,
) -> None:
    fake_openai.script(Reply.refused("I can't summarise this article."))
    with pytest.raises(RefusalError, match="refused") as caught:
        run(make_model(), reduce_request)
    assert caught.value.raw_reply == "I can't summarise this article."
    assert caught.value.attempts == 1
    assert len(fake_openai.chat_requests) == 1  # no re-ask after a refusal


def test_content_filter_is_a_refusal(
    fake_openai: FakeOpenAIServer, make_model: ModelFactory, reduce_request: JsonRequest
) -> None:
    fake_openai.script(Reply(content="", finish_reason="content_filter"))
    with pytest.raises(RefusalError, match="content filter"):
        make_model().complete_json_sync(reduce_request)


def test_truncation_is_its_own_outcome(
    fake_openai: FakeOpenAIServer,
    make_model: ModelFactory,
    run: Runner,
    reduce_request: JsonRequest,
) -> None:
    fake_openai.script(Reply.truncated('{"summary": "The line car', usage=(900, 4096)))
    with pytest.raises(TruncatedReplyError, match="output limit after 25 characters") as caught:
        run(make_model(), reduce_request)
    assert caught.value.raw_reply == '{"summary": "The line car'
    assert caught.value.usage is not None
    assert caught.value.usage.completion_tokens == 4096
    assert len(fake_openai.chat_requests) == 1


def test_an_invalid_reply_is_reasked_with_the_validators_message(
    fake_openai: FakeOpenAIServer,
    make_model: ModelFactory,
    run: Runner,
    reduce_request: JsonRequest,
) -> None:
    fake_openai.script(Reply.with_json({"summary": 42}))
    reply = run(make_model(), reduce_request)
    assert reply.attempts == 2
    first, second = fake_openai.chat_requests
    sent = second.body["messages"]
    assert sent[: len(first.body["messages"])] == first.body["messages"]
    assert sent[-2] == {"role": "assistant", "content": '{"summary": 42}'}
    assert sent[-1]["role"] == "user"
    assert "at summary: 42 is not of type 'string'" in sent[-1]["content"]


def test_non_json_is_reasked(
    fake_openai: FakeOpenAIServer, make_model: ModelFactory, reduce_request: JsonRequest
) -> None:
    fake_openai.script(Reply.not_json("Sure, here is a summary: ferries are busy."))
    reply = make_model().complete_json_sync(reduce_request)
    last = fake_openai.chat_requests[1].body["messages"][-1]["content"]
    assert "the reply is not a JSON object" in last
    assert reply.data["summary"]


def test_reasks_are_bounded(
    fake_openai: FakeOpenAIServer,
    make_model: ModelFactory,
    run: Runner,
    reduce_request: JsonRequest,
) -> None:
    fake_openai.script(
        Reply.not_json("one"), Reply.with_json({"summary": 1}), Reply.with_json({"sum": "x"})
    )
    with pytest.raises(InvalidReplyError, match="after 2 re-ask") as caught:
        run(make_model(reasks=2), reduce_request)
    assert caught.value.raw_reply == '{"sum": "x"}'
    assert caught.value.attempts == 3
    assert caught.value.usage is not None
    assert caught.value.usage.requests == 3
    assert len(fake_openai.chat_requests) == 3


def test_zero_reasks_fails_on_the_first_invalid_reply(
    fake_openai: FakeOpenAIServer, make_model: ModelFactory, reduce_request: JsonRequest
) -> None:
    fake_openai.script(Reply.not_json())
    with pytest.raises(InvalidReplyError):
        make_model(reasks=0).complete_json_sync(reduce_request)
    assert len(fake_openai.chat_requests) == 1


def test_a_handler_can_fail_then_recover(
    fake_openai: FakeOpenAIServer, make_model: ModelFactory, reduce_request: JsonRequest
) -> None:
    seen: list[int] = []

    def flaky(request: object) -> Fault | None:
        seen.append(1)
        return Fault.server_error(500) if len(seen) == 1 else None

    fake_openai.handler = flaky
    reply = make_model().complete_json_sync(reduce_request)
    assert reply.attempts == 2
    assert len(seen) == 2

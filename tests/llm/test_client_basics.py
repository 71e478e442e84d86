"""The client over real HTTP: replies, usage, clients, keys, sync and async."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import openai
import pytest

from factcheck.errors import AuthenticationError, ConfigurationError
from factcheck.llm import JsonModel, JsonReply, JsonRequest, OpenAICompatibleModel
from factcheck.llm._clients import NO_KEY_PLACEHOLDER
from factcheck.llm._context import DEFAULT_CONTEXT_WINDOW, context_window_for
from factcheck.testing import FakeOpenAIServer, Fault, Reply
from factcheck.tokens import count_tokens, resolve_encoding
from factcheck.usage import Pricing

ModelFactory = Callable[..., OpenAICompatibleModel]
Runner = Callable[[OpenAICompatibleModel, JsonRequest], JsonReply]


def test_default_model_reply_through_http(
    fake_openai: FakeOpenAIServer,
    make_model: ModelFactory,
    run: Runner,
    section_request: JsonRequest,
    section_text: str,
) -> None:
    reply = run(make_model(), section_request)
    assert reply.mode == "json_schema_strict"
    assert reply.attempts == 1
    assert reply.cached is False
    # The fake model quotes the sentences with digits, verbatim.
    quotes = [claim["quote"] for claim in reply.data["claims"]]
    assert quotes == [
        "The Lindqvist ferry line carried 1.2 million passengers in 2023, its busiest year.",
        "Managing director Aino Lindqvist said three new vessels would enter service by 2026.",
    ]
    assert all(quote in section_text for quote in quotes)
    (sent,) = fake_openai.chat_requests
    assert sent.body["model"] == "fake-model"
    assert sent.body["temperature"] == 0.0
    assert sent.body["messages"] == section_request.messages
    spec = sent.body["response_format"]["json_schema"]
    assert spec == {"name": "extract_section", "schema": section_request.schema, "strict": True}


def test_server_usage_and_pricing_are_reported(
    fake_openai: FakeOpenAIServer, make_model: ModelFactory, reduce_request: JsonRequest
) -> None:
    fake_openai.script(Reply.with_json({"summary": "Record year."}, usage=(1200, 30)))
    model = make_model(pricing=Pricing(prompt_per_million=2.0, completion_per_million=8.0))
    reply = model.complete_json_sync(reduce_request)
    assert reply.data == {"summary": "Record year."}
    assert reply.raw == '{"summary": "Record year."}'
    assert (reply.usage.prompt_tokens, reply.usage.completion_tokens) == (1200, 30)
    assert reply.usage.requests == 1
    assert reply.usage.estimated is False
    # 1200 * 2 / 1e6 + 30 * 8 / 1e6
    assert reply.usage.cost_usd == pytest.approx(0.00264)
    assert reply.usage.latency_s > 0


def test_usage_is_estimated_when_the_server_omits_it(
    fake_openai: FakeOpenAIServer, make_model: ModelFactory, reduce_request: JsonRequest
) -> None:
    fake_openai.include_usage = False
    reply = make_model().complete_json_sync(reduce_request)
    encoding = resolve_encoding("fake-model")
    sent = fake_openai.chat_requests[0].body["messages"]
    # 4 tokens of framing per message, 3 to prime the reply, plus the content.
    expected_prompt = 3 + sum(4 + count_tokens(m["content"], encoding) for m in sent)
    assert reply.usage.estimated is True
    assert reply.usage.prompt_tokens == expected_prompt
    assert reply.usage.completion_tokens == count_tokens(reply.raw, encoding)


def test_usage_sums_over_reasks(
    fake_openai: FakeOpenAIServer, make_model: ModelFactory, reduce_request: JsonRequest
) -> None:
    fake_openai.script(
        Reply.not_json(usage=(100, 10)), Reply.with_json({"summary": "ok"}, usage=(150, 5))
    )
    reply = make_model().complete_json_sync(reduce_request)
    assert (reply.usage.prompt_tokens, reply.usage.completion_tokens) == (250, 15)
    assert reply.usage.requests == 2
    assert reply.attempts == 2


def test_async_calls_run_concurrently(
    fake_openai: FakeOpenAIServer, make_model: ModelFactory, reduce_request: JsonRequest
) -> None:
    model = make_model()

    async def many() -> list[JsonReply]:
        async with model:
            return await asyncio.gather(*(model.complete_json(reduce_request) for _ in range(6)))

    replies = asyncio.run(many())
    assert len(replies) == 6
    assert {r.data["summary"] for r in replies} == {
        "The line carried 1.2 million passengers. New ships by 2026."
    }
    assert len(fake_openai.chat_requests) == 6


def test_max_output_tokens_is_sent(
    fake_openai: FakeOpenAIServer, make_model: ModelFactory, section_request: JsonRequest
) -> None:
    limited = JsonRequest(**{**section_request.__dict__, "max_output_tokens": 700})
    make_model().complete_json_sync(limited)
    make_model(max_tokens_field="max_tokens").complete_json_sync(limited)
    first, second = fake_openai.chat_requests
    assert first.body["max_completion_tokens"] == 700
    assert "max_tokens" not in first.body
    assert second.body["max_tokens"] == 700
    assert "max_completion_tokens" not in second.body


def test_a_user_client_is_used_with_sdk_retries_off(
    fake_openai: FakeOpenAIServer, section_request: JsonRequest
) -> None:
    with openai.OpenAI(
        api_key="user-key", base_url=fake_openai.base_url, default_headers={"X-Caller": "mine"}
    ) as client:
        model = OpenAICompatibleModel("fake-model", client=client, max_attempts=1)
        fake_openai.script(Fault.server_error(500))
        with pytest.raises(Exception, match="HTTP 500"):
            model.complete_json_sync(section_request)
        # One request: the SDK's own retries (2 by default) are switched off.
        (sent,) = fake_openai.chat_requests
        assert sent.headers["x-caller"] == "mine"
        assert sent.headers["authorization"] == "Bearer user-key"
        model.complete_json_sync(section_request)
        assert len(fake_openai.chat_requests) == 2


def test_an_async_client_is_derived_from_a_user_sync_client(
    fake_openai: FakeOpenAIServer, reduce_request: JsonRequest
) -> None:
    with openai.OpenAI(api_key="user-key", base_url=fake_openai.base_url) as client:
        model = OpenAICompatibleModel("fake-model", client=client)

        async def go() -> None:
            async with model:
                await model.complete_json(reduce_request)

        asyncio.run(go())
    assert fake_openai.chat_requests[0].headers["authorization"] == "Bearer user-key"


def test_a_user_async_client_is_used(
    fake_openai: FakeOpenAIServer, reduce_request: JsonRequest
) -> None:
    async def go() -> JsonReply:
        async with openai.AsyncOpenAI(
            api_key="async-key", base_url=fake_openai.base_url, default_headers={"X-Caller": "a"}
        ) as client:
            model = OpenAICompatibleModel("fake-model", async_client=client)
            return await model.complete_json(reduce_request)

    asyncio.run(go())
    (sent,) = fake_openai.chat_requests
    assert sent.headers["x-caller"] == "a"
    assert sent.headers["authorization"] == "Bearer async-key"


def test_local_server_without_key_gets_a_placeholder(
    fake_openai: FakeOpenAIServer, reduce_request: JsonRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    with OpenAICompatibleModel("fake-model", base_url=fake_openai.base_url) as model:
        model.complete_json_sync(reduce_request)
    assert fake_openai.chat_requests[0].headers["authorization"] == f"Bearer {NO_KEY_PLACEHOLDER}"


def test_env_vars_configure_the_client(
    fake_openai: FakeOpenAIServer, reduce_request: JsonRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "env-key")
    monkeypatch.setenv("OPENAI_BASE_URL", fake_openai.base_url)
    with OpenAICompatibleModel("fake-model") as model:
        model.complete_json_sync(reduce_request)
    assert fake_openai.chat_requests[0].headers["authorization"] == "Bearer env-key"


def test_openai_without_any_key_fails_at_construction(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    with pytest.raises(AuthenticationError, match="no API key"):
        OpenAICompatibleModel("gpt-4o-mini")
    with pytest.raises(AuthenticationError, match="no API key"):
        OpenAICompatibleModel("gpt-4o-mini", base_url="https://api.openai.com/v1")


def test_model_satisfies_the_protocol(make_model: ModelFactory) -> None:
    model: JsonModel = make_model()
    assert isinstance(model, JsonModel)
    assert model.name == "fake-model"
    assert model.context_window == DEFAULT_CONTEXT_WINDOW
    assert make_model(context_window=32_000).context_window == 32_000


@pytest.mark.parametrize(
    ("model", "window"),
    [
        ("gpt-4o-mini", 128_000),
        ("gpt-4o-2024-08-06", 128_000),
        ("gpt-4.1-mini", 1_047_576),
        ("gpt-4", 8_192),
        ("openai/gpt-4o", 128_000),
        ("llama3.1:8b", DEFAULT_CONTEXT_WINDOW),
    ],
)
def test_context_window_table(model: str, window: int) -> None:
    assert context_window_for(model) == window


@pytest.mark.parametrize(
    "options",
    [{"timeout": 0}, {"reasks": -1}, {"max_attempts": 0}, {"start_mode": "xml"}],
)
def test_impossible_options_are_configuration_errors(
    make_model: ModelFactory, options: dict[str, object]
) -> None:
    with pytest.raises(ConfigurationError):
        make_model(**options)

"""The response-format ladder steps down exactly when a server says so, and remembers."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from factcheck.errors import BadRequestError
from factcheck.llm import JsonReply, JsonRequest, OpenAICompatibleModel
from factcheck.llm._ladder import (
    LADDER,
    LADDER_MEMORY,
    LadderMemory,
    is_unsupported_format_error,
    rejected_parameter,
    response_format,
)
from factcheck.testing import FakeOpenAIServer, Fault, Reply

ModelFactory = Callable[..., OpenAICompatibleModel]
Runner = Callable[[OpenAICompatibleModel, JsonRequest], JsonReply]


def modes(server: FakeOpenAIServer) -> list[str]:
    return [r.ladder_mode for r in server.chat_requests]


def test_strict_rejected_steps_to_plain_json_schema_and_remembers(
    fake_openai: FakeOpenAIServer,
    make_model: ModelFactory,
    run: Runner,
    section_request: JsonRequest,
) -> None:
    fake_openai.accept_strict = False
    model = make_model()
    first = run(model, section_request)
    assert first.mode == "json_schema"
    assert first.attempts == 2
    assert modes(fake_openai) == ["json_schema_strict", "json_schema"]
    second = run(model, section_request)
    assert second.mode == "json_schema"
    assert second.attempts == 1
    assert modes(fake_openai) == ["json_schema_strict", "json_schema", "json_schema"]


def test_the_whole_ladder_down_to_plain_text(
    fake_openai: FakeOpenAIServer,
    make_model: ModelFactory,
    run: Runner,
    section_request: JsonRequest,
) -> None:
    fake_openai.accept_strict = False
    fake_openai.accept_json_schema = False
    fake_openai.accept_json_object = False
    reply = run(make_model(), section_request)
    assert modes(fake_openai) == ["json_schema_strict", "json_schema", "json_object", "text"]
    assert reply.mode == "text"
    # The fake answers plain-text requests the way chat models do: prose and a fence.
    assert reply.raw.startswith("Here is the JSON you asked for:\n\n```json\n")
    assert reply.data["claims"][0]["category"] == "quantity"
    text_request = fake_openai.chat_requests[-1].body
    assert "response_format" not in text_request
    system = text_request["messages"][0]["content"]
    assert system.startswith(section_request.messages[0]["content"])
    schema_text = system.split("<json_schema>\n")[1].split("\n</json_schema>")[0]
    assert json.loads(schema_text) == section_request.schema
    assert "Write only the JSON object" in system


def test_json_object_mode_puts_the_schema_in_the_prompt(
    fake_openai: FakeOpenAIServer, make_model: ModelFactory, section_request: JsonRequest
) -> None:
    reply = make_model(start_mode="json_object").complete_json_sync(section_request)
    (sent,) = fake_openai.chat_requests
    assert sent.body["response_format"] == {"type": "json_object"}
    assert "<json_schema>" in sent.body["messages"][0]["content"]
    # The user message (with the article) is untouched.
    assert sent.body["messages"][1] == section_request.messages[1]
    assert reply.mode == "json_object"


def test_a_second_model_object_starts_at_the_remembered_step(
    fake_openai: FakeOpenAIServer, section_request: JsonRequest
) -> None:
    memory = LadderMemory()
    fake_openai.accept_strict = False
    fake_openai.accept_json_schema = False
    options: dict[str, Any] = {
        "base_url": fake_openai.base_url,
        "api_key": "k",
        "ladder_memory": memory,
    }
    with OpenAICompatibleModel("fake-model", **options) as first:
        first.complete_json_sync(section_request)
    with OpenAICompatibleModel("fake-model", **options) as second:
        second.complete_json_sync(section_request)
    with OpenAICompatibleModel("other-model", **options) as other:
        other.complete_json_sync(section_request)
    assert modes(fake_openai) == [
        "json_schema_strict",
        "json_schema",
        "json_object",  # first: steps down
        "json_object",  # second: same server and model, starts where the first ended
        "json_schema_strict",
        "json_schema",
        "json_object",  # another model starts at the top
    ]
    assert memory.get(fake_openai.base_url + "/", "fake-model") == "json_object"


def test_scripted_format_rejection_steps_down_once(
    fake_openai: FakeOpenAIServer, make_model: ModelFactory, reduce_request: JsonRequest
) -> None:
    fake_openai.script(Fault.strict_unsupported())
    make_model().complete_json_sync(reduce_request)
    assert modes(fake_openai) == ["json_schema_strict", "json_schema"]


def test_transient_faults_never_step_down(
    fake_openai: FakeOpenAIServer, make_model: ModelFactory, reduce_request: JsonRequest
) -> None:
    model = make_model()
    fake_openai.script(Fault.unavailable(), Fault.rate_limited(retry_after=0), Fault.drop())
    model.complete_json_sync(reduce_request)
    model.complete_json_sync(reduce_request)
    assert set(modes(fake_openai)) == {"json_schema_strict"}


def test_other_bad_requests_do_not_step_down(
    fake_openai: FakeOpenAIServer, make_model: ModelFactory, reduce_request: JsonRequest
) -> None:
    model = make_model()
    fake_openai.script(Fault.bad_request("This model's maximum context length is 8192 tokens."))
    with pytest.raises(BadRequestError, match="maximum context length"):
        model.complete_json_sync(reduce_request)
    model.complete_json_sync(reduce_request)
    assert modes(fake_openai) == ["json_schema_strict", "json_schema_strict"]


def test_invalid_replies_do_not_step_down(
    fake_openai: FakeOpenAIServer, make_model: ModelFactory, reduce_request: JsonRequest
) -> None:
    fake_openai.script(Reply.not_json(), Reply.with_json({"wrong": True}))
    make_model().complete_json_sync(reduce_request)
    assert modes(fake_openai) == ["json_schema_strict"] * 3


def test_start_mode_is_never_raised_by_memory(
    fake_openai: FakeOpenAIServer, make_model: ModelFactory, reduce_request: JsonRequest
) -> None:
    make_model(start_mode="text").complete_json_sync(reduce_request)
    assert modes(fake_openai) == ["text"]


@pytest.mark.parametrize(
    ("status", "message", "expected"),
    [
        (400, "Invalid parameter: 'response_format.json_schema.strict' is not supported.", True),
        (400, "response_format of type 'json_object' is not supported by this model", True),
        (400, "Unrecognized request argument supplied: response_format", True),
        (422, "guided_json is not available for this backend", True),
        (400, "Structured Outputs are not supported with this model", True),
        (400, "maximum context length is 8192 tokens", False),
        (500, "response_format crashed the server", False),
        (404, "json_schema route not found", False),
    ],
)
def test_which_errors_mean_unsupported(status: int, message: str, expected: bool) -> None:
    assert is_unsupported_format_error(status, message) is expected


def test_response_format_per_step() -> None:
    schema = {"type": "object"}
    assert response_format("json_schema_strict", schema, "my schema!") == {
        "type": "json_schema",
        "json_schema": {"name": "my_schema_", "schema": schema, "strict": True},
    }
    assert response_format("json_schema", schema, "s") == {
        "type": "json_schema",
        "json_schema": {"name": "s", "schema": schema},
    }
    assert response_format("json_object", schema, "s") == {"type": "json_object"}
    assert response_format("text", schema, "s") is None
    assert LADDER == ("json_schema_strict", "json_schema", "json_object", "text")


def test_memory_only_moves_down() -> None:
    memory = LadderMemory()
    memory.lower_to("u", "m", "json_object")
    memory.lower_to("u", "m", "json_schema")
    assert memory.get("u", "m") == "json_object"
    assert memory.get("u", "other") == "json_schema_strict"
    memory.forget()
    assert memory.get("u", "m") == "json_schema_strict"


def test_the_process_wide_memory_is_the_default(
    fake_openai: FakeOpenAIServer, section_request: JsonRequest
) -> None:
    fake_openai.accept_strict = False
    for _ in range(2):
        with OpenAICompatibleModel("fake-model", base_url=fake_openai.base_url, api_key="k") as m:
            m.complete_json_sync(section_request)
    assert modes(fake_openai) == ["json_schema_strict", "json_schema", "json_schema"]
    assert LADDER_MEMORY.get(fake_openai.base_url + "/", "fake-model") == "json_schema"


TEMPERATURE_REJECTED = Fault.http(
    400,
    "Unsupported value: 'temperature' does not support 0.0 with this model. "
    "Only the default (1) value is supported.",
    param="temperature",
    code="unsupported_value",
)


def test_a_rejected_temperature_is_left_out_and_remembered(
    fake_openai: FakeOpenAIServer, make_model: ModelFactory, reduce_request: JsonRequest
) -> None:
    model = make_model()
    fake_openai.script(TEMPERATURE_REJECTED)
    model.complete_json_sync(reduce_request)
    model.complete_json_sync(reduce_request)
    first, second, third = fake_openai.chat_requests
    assert first.body["temperature"] == 0.0
    assert "temperature" not in second.body
    assert "temperature" not in third.body
    # The response format is untouched: this was not a ladder step.
    assert modes(fake_openai) == ["json_schema_strict"] * 3


def test_a_rejected_output_limit_field_is_renamed(
    fake_openai: FakeOpenAIServer, make_model: ModelFactory, reduce_request: JsonRequest
) -> None:
    limited = JsonRequest(**{**reduce_request.__dict__, "max_output_tokens": 300})
    fake_openai.script(
        Fault.bad_request("Unrecognized request argument supplied: max_completion_tokens")
    )
    make_model().complete_json_sync(limited)
    first, second = fake_openai.chat_requests
    assert first.body["max_completion_tokens"] == 300
    assert second.body["max_tokens"] == 300
    assert "max_completion_tokens" not in second.body


def test_a_parameter_is_adapted_once_per_call(
    fake_openai: FakeOpenAIServer, make_model: ModelFactory, reduce_request: JsonRequest
) -> None:
    fake_openai.script(TEMPERATURE_REJECTED, TEMPERATURE_REJECTED)
    with pytest.raises(BadRequestError, match="temperature"):
        make_model().complete_json_sync(reduce_request)
    assert len(fake_openai.chat_requests) == 2


@pytest.mark.parametrize(
    ("message", "param", "expected"),
    [
        ("Unsupported value: 'temperature' does not support 0.0", None, "temperature"),
        (
            "Unsupported parameter: 'max_tokens' is not supported with this model. "
            "Use 'max_completion_tokens' instead.",
            None,
            "max_tokens",
        ),
        ("Unsupported parameter", "max_completion_tokens", "max_completion_tokens"),
        ("temperature must be between 0 and 2", None, None),
        ("Unsupported parameter: 'seed'", None, None),
    ],
)
def test_which_parameter_a_400_rejects(
    message: str, param: str | None, expected: str | None
) -> None:
    assert rejected_parameter(400, message, param) == expected

"""The loopback server itself: endpoints, recording, routes, concurrency, default model."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Callable
from typing import Any, cast

import httpx2
import openai
import pytest
from openai.types.chat import ChatCompletion, ChatCompletionUserMessageParam

from factcheck.prompt_files import load_prompt
from factcheck.testing import FakeOpenAIServer, Fault, RecordedRequest, Reply
from factcheck.testing._default_model import find_schema, instance, read_source
from factcheck.testing._script import Response


def client_for(server: FakeOpenAIServer, **kwargs: Any) -> openai.OpenAI:
    return openai.OpenAI(api_key="k", base_url=server.base_url, max_retries=0, **kwargs)


def chat(client: openai.OpenAI, **kwargs: Any) -> ChatCompletion:
    """One chat request, with plain dicts for messages and response formats."""
    return cast(ChatCompletion, client.chat.completions.create(**kwargs))


HI = [{"role": "user", "content": "x"}]
HI_MESSAGE: ChatCompletionUserMessageParam = {"role": "user", "content": "x"}


def test_base_url_is_loopback(fake_openai: FakeOpenAIServer) -> None:
    assert fake_openai.base_url == f"http://127.0.0.1:{fake_openai.port}/v1"


def test_models_endpoints() -> None:
    with FakeOpenAIServer(models=["a-model", "b-model"]) as server, client_for(server) as client:
        assert [m.id for m in client.models.list()] == ["a-model", "b-model"]
        assert client.models.retrieve("b-model").id == "b-model"
        with pytest.raises(openai.NotFoundError):
            client.models.retrieve("c-model")
        assert [r.path for r in server.requests] == [
            "/v1/models",
            "/v1/models/b-model",
            "/v1/models/c-model",
        ]
        assert server.requests[1].path_params == {"model": "b-model"}


def test_requests_are_recorded_with_headers_and_body(fake_openai: FakeOpenAIServer) -> None:
    with client_for(fake_openai, default_headers={"X-Trace": "t1"}) as client:
        chat(client, model="fake-model", messages=[{"role": "user", "content": "Hello"}], seed=7)
    (recorded,) = fake_openai.chat_requests
    assert recorded.method == "POST"
    assert recorded.headers["x-trace"] == "t1"
    assert recorded.headers["authorization"] == "Bearer k"
    assert recorded.body["seed"] == 7
    assert json.loads(recorded.raw) == recorded.body
    assert recorded.ladder_mode == "text"


def test_scripted_replies_come_in_order_then_the_default(fake_openai: FakeOpenAIServer) -> None:
    fake_openai.script(Reply(content="one"), Reply(content="two", usage=(3, 4)))
    with client_for(fake_openai) as client:
        replies = [
            chat(client, model="fake-model", messages=[{"role": "user", "content": "Hi"}])
            for _ in range(3)
        ]
    assert [r.choices[0].message.content for r in replies[:2]] == ["one", "two"]
    assert replies[1].usage is not None
    assert (replies[1].usage.prompt_tokens, replies[1].usage.completion_tokens) == (3, 4)
    assert replies[2].choices[0].message.content is not None
    assert "```json" in replies[2].choices[0].message.content
    assert fake_openai.pending == 0


def test_usage_can_be_omitted() -> None:
    with FakeOpenAIServer(include_usage=False) as server, client_for(server) as client:
        reply = chat(client, model="fake-model", messages=[{"role": "user", "content": "Hi"}])
    assert reply.usage is None


def test_refusal_and_truncation_reach_the_sdk(fake_openai: FakeOpenAIServer) -> None:
    fake_openai.script(Reply.refused("No."), Reply.truncated('{"a": '))
    with client_for(fake_openai) as client:
        refused = chat(client, model="m", messages=HI)
        cut = chat(client, model="m", messages=HI)
    assert refused.choices[0].message.refusal == "No."
    assert refused.choices[0].message.content is None
    assert cut.choices[0].finish_reason == "length"
    assert cut.choices[0].message.content == '{"a": '


def test_faults_reach_the_sdk_as_http(fake_openai: FakeOpenAIServer) -> None:
    fake_openai.script(Fault.rate_limited(retry_after=2), Fault.drop(), Fault.delay(3.0))
    # A timeout the prompt faults meet on a loaded machine too; the delay is three times it.
    with client_for(fake_openai, timeout=1.0) as client:
        with pytest.raises(openai.RateLimitError) as limited:
            chat(client, model="m", messages=HI)
        assert limited.value.response.headers["retry-after"] == "2"
        with pytest.raises(openai.APIConnectionError):
            chat(client, model="m", messages=HI)
        with pytest.raises(openai.APITimeoutError):
            chat(client, model="m", messages=HI)


def test_extra_routes_can_be_added(fake_openai: FakeOpenAIServer) -> None:
    uploaded: list[RecordedRequest] = []

    def create_batch(request: RecordedRequest) -> Response:
        uploaded.append(request)
        return Response(body={"id": "batch_1", "object": "batch", "status": "validating"})

    def get_batch(request: RecordedRequest) -> Response:
        return Response(body={"id": request.path_params["batch_id"], "status": "completed"})

    fake_openai.add_route("POST", "/v1/batches", create_batch)
    fake_openai.add_route("GET", "/v1/batches/{batch_id}", get_batch)
    with client_for(fake_openai) as client:
        made = client.post("/batches", body={"input_file_id": "file-1"}, cast_to=object)
        got = client.get("/batches/batch_9", cast_to=object)
        with pytest.raises(openai.NotFoundError):
            client.get("/files", cast_to=object)
    assert made == {"id": "batch_1", "object": "batch", "status": "validating"}
    assert got == {"id": "batch_9", "status": "completed"}
    assert uploaded[0].body == {"input_file_id": "file-1"}
    assert [r.path for r in fake_openai.requests][-1] == "/v1/files"


def test_requests_are_served_concurrently() -> None:
    # Sixteen requests must all be inside the server at once to pass the barrier;
    # a server that handled one at a time would break it.
    barrier = threading.Barrier(16, timeout=10)

    def wait_for_all(request: RecordedRequest) -> None:
        barrier.wait()

    async def sixteen(server: FakeOpenAIServer) -> list[str | None]:
        async with openai.AsyncOpenAI(api_key="k", base_url=server.base_url, max_retries=0) as c:
            replies = await asyncio.gather(
                *(
                    c.chat.completions.create(
                        model="m",
                        messages=[{"role": "user", "content": f"<article>\n{i} x.\n</article>"}],
                    )
                    for i in range(16)
                )
            )
        return [r.choices[0].message.content for r in replies]

    with FakeOpenAIServer(handler=wait_for_all, latency=0.2) as server:
        contents = asyncio.run(sixteen(server))
    assert len(contents) == 16
    assert not barrier.broken


def _wait_until(condition: Callable[[], bool], seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("the server never reached the expected state")
        time.sleep(0.01)


class HeldOpen:
    """A server whose chat requests stay open until :meth:`release`."""

    def __init__(self) -> None:
        self._release = threading.Event()
        self.server = FakeOpenAIServer(handler=self._hold)
        self._threads: list[threading.Thread] = []

    def _hold(self, request: RecordedRequest) -> None:
        self._release.wait(10)

    def send(self, client: openai.OpenAI, count: int) -> None:
        """``count`` requests at once, returning when the server holds them all."""
        self._release.clear()
        self._threads = [
            threading.Thread(target=chat, kwargs={"client": client, "model": "m", "messages": HI})
            for _ in range(count)
        ]
        for thread in self._threads:
            thread.start()
        _wait_until(lambda: self.server.in_flight == count)

    def release(self) -> None:
        self._release.set()
        for thread in self._threads:
            thread.join(10)
        _wait_until(lambda: self.server.in_flight == 0)


def test_requests_held_open_are_counted_in_flight() -> None:
    held = HeldOpen()
    with held.server as server, client_for(server) as client:
        assert (server.in_flight, server.max_in_flight) == (0, 0)
        held.send(client, 5)
        assert server.max_in_flight == 5
        held.release()
        # The peak outlives the requests until it is reset.
        assert server.max_in_flight == 5
        assert server.reset_max_in_flight() == 5
        assert server.max_in_flight == 0
        chat(client, model="m", messages=HI)
        chat(client, model="m", messages=HI)
        assert server.max_in_flight == 1


def test_a_reset_starts_from_the_requests_still_in_flight() -> None:
    held = HeldOpen()
    with held.server as server, client_for(server) as client:
        held.send(client, 3)
        assert server.reset_max_in_flight() == 3
        assert server.max_in_flight == 3  # still three being answered
        held.release()


def test_faults_drops_and_other_routes_leave_the_count_balanced(
    fake_openai: FakeOpenAIServer,
) -> None:
    fake_openai.script(Fault.server_error(), Fault.drop(), Fault.rate_limited(retry_after=0))
    with client_for(fake_openai) as client:
        for _ in range(3):
            with pytest.raises(openai.APIError):
                chat(client, model="m", messages=HI)
        client.models.list()
    _wait_until(lambda: fake_openai.in_flight == 0)
    assert fake_openai.max_in_flight == 1


def test_the_in_flight_figures_are_served_over_http() -> None:
    held = HeldOpen()
    with held.server as server, client_for(server) as client:
        held.send(client, 4)
        base = server.base_url.removesuffix("/v1")
        with openai.OpenAI(api_key="k", base_url=base, max_retries=0) as root:
            figures = root.get("/_fake/in_flight", cast_to=object)
            assert figures == {"in_flight": 4, "max_in_flight": 4}
            held.release()
            assert root.post("/_fake/in_flight/reset", cast_to=object) == {"max_in_flight": 4}
            figures = root.get("/_fake/in_flight", cast_to=object)
            assert figures == {"in_flight": 0, "max_in_flight": 0}


def test_a_connection_limit_bounds_what_the_server_sees() -> None:
    # Each request waits in the server until two more have arrived, so every
    # group of three is in flight together; the client's pool allows no more.
    barrier = threading.Barrier(3, timeout=10)

    def in_threes(request: RecordedRequest) -> None:
        barrier.wait()

    async def twelve(server: FakeOpenAIServer) -> None:
        http = openai.DefaultAsyncHttpxClient(limits=httpx2.Limits(max_connections=3))
        async with openai.AsyncOpenAI(
            api_key="k", base_url=server.base_url, max_retries=0, http_client=http
        ) as c:
            await asyncio.gather(
                *(c.chat.completions.create(model="m", messages=[HI_MESSAGE]) for _ in range(12))
            )

    with FakeOpenAIServer(handler=in_threes) as server:
        asyncio.run(twelve(server))
        assert len(server.chat_requests) == 12
        assert server.max_in_flight == 3


def test_default_model_honours_each_ladder_mode(
    fake_openai: FakeOpenAIServer, section_text: str
) -> None:
    prompt = load_prompt("extract_section")
    messages = prompt.render(title="T", section_text=section_text, section_index=1, section_count=1)
    strict = {
        "type": "json_schema",
        "json_schema": {"name": "x", "schema": prompt.schema, "strict": True},
    }
    with_schema = [
        {
            "role": "system",
            "content": f"Rules.\n<json_schema>\n{json.dumps(prompt.schema)}\n</json_schema>",
        },
        messages[1],
    ]
    with client_for(fake_openai) as client:
        as_schema = chat(
            client,
            model="m",
            messages=messages,
            response_format=strict,
        )
        as_object = chat(
            client,
            model="m",
            messages=with_schema,
            response_format={"type": "json_object"},
        )
        as_text = chat(client, model="m", messages=with_schema)
    schema_data = json.loads(as_schema.choices[0].message.content or "")
    object_data = json.loads(as_object.choices[0].message.content or "")
    text = as_text.choices[0].message.content or ""
    assert schema_data == object_data
    assert text.startswith("Here is the JSON you asked for:")
    assert json.loads(text.split("```json\n")[1].split("\n```")[0]) == schema_data
    assert schema_data["section_summary"] == (
        "The Lindqvist ferry line carried 1.2 million passengers in 2023, its busiest year. "
        "Managing director Aino Lindqvist said three new vessels would enter service by 2026."
    )
    assert [c["stance"] for c in schema_data["claims"]] == ["asserted", "asserted"]
    assert [c["speaker"] for c in schema_data["claims"]] == [None, None]


def test_format_support_can_be_switched_off() -> None:
    schema = {"type": "object", "properties": {}, "required": [], "additionalProperties": False}
    strict = {"type": "json_schema", "json_schema": {"name": "x", "schema": schema, "strict": True}}
    with FakeOpenAIServer(accept_strict=False, accept_json_object=False) as server:
        with client_for(server) as client:
            with pytest.raises(openai.BadRequestError, match="strict"):
                chat(
                    client,
                    model="m",
                    messages=[{"role": "user", "content": "x"}],
                    response_format=strict,
                )
            with pytest.raises(openai.BadRequestError, match="json_object"):
                chat(
                    client,
                    model="m",
                    messages=[{"role": "user", "content": "x"}],
                    response_format={"type": "json_object"},
                )
        # A rejected request does not consume a scripted reply.
        server.script(Reply(content="kept"))
        with client_for(server) as client, pytest.raises(openai.BadRequestError):
            chat(
                client,
                model="m",
                messages=[{"role": "user", "content": "x"}],
                response_format=strict,
            )
        assert server.pending == 1


def test_the_default_model_reads_the_newest_block() -> None:
    messages = [
        {"role": "system", "content": "<article>\nOld 1 text.\n</article>"},
        {"role": "user", "content": "<article>\nFirst 2 claim. Second line.\n</article>"},
        {"role": "assistant", "content": "bad"},
        {"role": "user", "content": "That reply cannot be used."},
    ]
    source = read_source(messages)
    assert source.claim_sentences == ["First 2 claim."]
    summaries = read_source(
        [
            {
                "role": "user",
                "content": "<section_summaries>\n[1] Ferries ran late. Crews struck.\n"
                "[2] Talks resume.\n</section_summaries>",
            }
        ]
    )
    assert summaries.summary == "Ferries ran late. Talks resume."


def test_the_default_model_fills_any_schema() -> None:
    schema = {
        "type": "object",
        "properties": {
            "n": {"type": "integer"},
            "flag": {"type": "boolean"},
            "maybe": {"type": ["string", "null"]},
            "kind": {"enum": ["x", "y"], "type": "string"},
            "fixed": {"const": 3},
            "choice": {"anyOf": [{"type": "null"}, {"$ref": "#/$defs/leaf"}]},
            "items": {"type": "array", "items": {"type": "string"}},
        },
        "$defs": {"leaf": {"type": "object", "properties": {"s": {"type": "string"}}}},
    }
    empty = read_source([])
    assert instance(schema, empty) == {
        "n": 0,
        "flag": False,
        "maybe": "",
        "kind": "x",
        "fixed": 3,
        "choice": {"s": ""},
        "items": [],
    }
    assert find_schema({"messages": [{"role": "system", "content": "no schema"}]}) is None

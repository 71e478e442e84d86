"""The API key never shows up in logs, errors, tracebacks or the cache file."""

from __future__ import annotations

import asyncio
import logging
import traceback
from pathlib import Path

import pytest

from factcheck.errors import AuthenticationError, ModelError
from factcheck.llm import JsonRequest, OpenAICompatibleModel, ResponseCache, RetryPolicy
from factcheck.llm._sdk_errors import safe_url
from factcheck.redaction import redact
from factcheck.testing import FakeOpenAIServer, Fault, Reply

SENTINEL = "sk-SENTINEL-7f3a9c2e51d84b06a1e2"


def log_everything(caplog: pytest.LogCaptureFixture) -> None:
    for name in (None, "openai", "httpx2", "httpcore2", "factcheck"):
        caplog.set_level(logging.DEBUG, logger=name)


def everything_said(error: BaseException) -> str:
    """All the text an error could put in front of someone."""
    parts = [str(error), repr(error), *map(str, error.args)]
    parts.extend(traceback.format_exception(type(error), error, error.__traceback__))
    if isinstance(error, ModelError):
        parts.append(str(error.raw_reply))
    return "\n".join(parts)


def test_a_401_that_echoes_the_key_is_redacted(
    reduce_request: JsonRequest, caplog: pytest.LogCaptureFixture
) -> None:
    log_everything(caplog)
    with FakeOpenAIServer(api_key="the-right-key") as server:
        model = OpenAICompatibleModel("fake-model", base_url=server.base_url, api_key=SENTINEL)
        with model, pytest.raises(AuthenticationError) as caught:
            model.complete_json_sync(reduce_request)
        # The server did echo it: the test would prove nothing otherwise.
        (sent,) = server.chat_requests
        assert sent.headers["authorization"] == f"Bearer {SENTINEL}"
    said = everything_said(caught.value)
    assert "Incorrect API key provided: [redacted]" in said
    assert SENTINEL not in said
    assert all(SENTINEL not in record.getMessage() for record in caplog.records)


def test_no_log_record_or_error_carries_the_key_through_retries(
    reduce_request: JsonRequest, caplog: pytest.LogCaptureFixture
) -> None:
    log_everything(caplog)
    with FakeOpenAIServer() as server:
        server.script(
            Fault.rate_limited(retry_after=0),
            Fault.drop(),
            Fault.strict_unsupported(),
            Reply.not_json(),
            Fault.unauthorized(f"Bad key {SENTINEL}"),
        )
        model = OpenAICompatibleModel(
            "fake-model",
            base_url=server.base_url,
            api_key=SENTINEL,
            retry=RetryPolicy(max_attempts=4, initial_wait=0.001, max_wait=0.01, jitter=0.001),
        )

        async def go() -> None:
            async with model:
                await model.complete_json(reduce_request)

        with pytest.raises(AuthenticationError) as caught:
            asyncio.run(go())
    assert SENTINEL not in everything_said(caught.value)
    assert caplog.records, "the run should have logged its retries"
    for record in caplog.records:
        assert SENTINEL not in record.getMessage()
        assert SENTINEL not in str(record.args)


def test_the_cache_file_holds_no_key(reduce_request: JsonRequest, tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    with FakeOpenAIServer(api_key=SENTINEL) as server, ResponseCache(path) as cache:
        with OpenAICompatibleModel(
            "fake-model", base_url=server.base_url, api_key=SENTINEL, cache=cache
        ) as model:
            model.complete_json_sync(reduce_request)
        assert len(cache) == 1
    for file in tmp_path.iterdir():
        data = file.read_bytes()
        assert SENTINEL.encode() not in data
        assert b"authorization" not in data.lower()


def test_the_model_repr_holds_no_key() -> None:
    model = OpenAICompatibleModel(
        "m", base_url="http://user:pw@127.0.0.1:9/v1?token=abc", api_key=SENTINEL
    )
    with model:
        assert SENTINEL not in repr(model)
        assert "pw" not in repr(model)
        assert "abc" not in repr(model)


def test_redact_and_safe_url() -> None:
    assert redact(f"key={SENTINEL}; again {SENTINEL}", [SENTINEL, ""]) == (
        "key=[redacted]; again [redacted]"
    )
    assert safe_url("https://u:p@host.example:8443/v1/?k=1#f") == "https://host.example:8443/v1/"


def test_the_record_of_a_failed_call_names_its_type_and_holds_no_key() -> None:
    error = AuthenticationError(f"bad key {SENTINEL}", raw_reply=f"echo {SENTINEL}", attempts=2)
    assert error.record() == {
        "error_type": "AuthenticationError",
        "message": error.message,
        "attempts": 2,
        "raw_reply": error.raw_reply,
    }
    assert SENTINEL not in str(error.record())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A key this process never registered, in each of the OpenAI forms.
        ("echo sk-abcdefghijklmnopqrstuvwx end", "echo [redacted] end"),
        ("k=sk-proj-AbC_123-xyzXYZ0987654321qq;", "k=[redacted];"),
        ("sk-svcacct-0123456789abcdefghijKLMN", "[redacted]"),
        ("sk-admin-0123456789abcdefghijKLMN", "[redacted]"),
        ("sk-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "[redacted]"),
        # A repeated request header.
        ("Authorization: Bearer eyJhbGciOi.JIUzI1NiJ9-abc", "Authorization: Bearer [redacted]"),
        ("authorization: bearer 0123456789abcdef", "authorization: bearer [redacted]"),
        # Text that only looks a little like a key stays as it is.
        ("the sk-short one", "the sk-short one"),
        ("a task-abcdefghijklmnopqrstuvwxyz", "a task-abcdefghijklmnopqrstuvwxyz"),
        ("she was the bearer of bad news", "she was the bearer of bad news"),
        ("Bearer tokens expire", "Bearer tokens expire"),
    ],
)
def test_redact_removes_key_shapes_it_was_never_told_of(text: str, expected: str) -> None:
    assert redact(text) == expected

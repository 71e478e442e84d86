"""Scripted verdicts for the loopback server: a judge that answers by statement text."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

import pytest

from factcheck.testing import FakeOpenAIServer, RecordedRequest, Reply
from factcheck.testing._request_contents import prompt_name
from factcheck.testing._script import Outcome
from factcheck.testing.fixtures import fake_openai

__all__ = ["fake_openai", "judge_requests", "scripted_judge", "statements_of"]

_STATEMENTS = re.compile(r"<statements>\n(.*?)\n</statements>", re.DOTALL)
_NUMBERED = re.compile(r"^\[(\d+)\] (.*)$", re.MULTILINE)


@pytest.fixture(autouse=True)
def _no_env_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)


def statements_of(request: RecordedRequest) -> list[str]:
    """The statements a judge request carried, in order."""
    user = request.body["messages"][-1]["content"]
    for message in request.body["messages"]:
        if message["role"] == "user" and "<statements>" in message["content"]:
            user = message["content"]
            break
    block = _STATEMENTS.search(user)
    assert block is not None
    return [m.group(2) for m in _NUMBERED.finditer(block.group(1))]


def judge_requests(server: FakeOpenAIServer) -> list[RecordedRequest]:
    return [r for r in server.chat_requests if prompt_name(r) == "judge"]


def scripted_judge(
    verdicts: Mapping[str, str] | Callable[[str], str], default: str = "supported"
) -> Callable[[RecordedRequest], Outcome | None]:
    """A server handler: each judge request gets one verdict per statement, by its text.

    ``verdicts`` maps a statement (or a word it contains) to its verdict; other
    requests fall through to the server's default model.
    """

    def verdict_for(text: str) -> str:
        if callable(verdicts):
            return verdicts(text)
        for key, verdict in verdicts.items():
            if key in text:
                return verdict
        return default

    def handler(request: RecordedRequest) -> Outcome | None:
        if prompt_name(request) != "judge":
            return None
        return Reply.with_json(
            {
                "verdicts": [
                    {
                        "evidence": [1],
                        "reason": f"scripted {verdict_for(s)}",
                        "verdict": verdict_for(s),
                    }
                    for s in statements_of(request)
                ]
            }
        )

    return handler

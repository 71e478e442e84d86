"""The Batch API route against the loopback server's /v1/files and /v1/batches."""

from __future__ import annotations

import io
import json
import os
import signal
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from factcheck.batch import read_results, run_batch, run_openai_batch
from factcheck.batch.openai_batch import state_path_for
from factcheck.cli import main
from factcheck.testing import FakeOpenAIServer, Fault, RecordedRequest, Reply
from factcheck.testing._batch_api import FakeBatchAPI
from factcheck.testing._request_contents import prompt_name
from factcheck.testing._script import Outcome

Articles = Callable[[int], list[tuple[str, str]]]
Valid = Callable[[dict[str, Any]], None]


@pytest.fixture(autouse=True)
def _no_key_in_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)


def long_article(paragraphs: int = 30) -> str:
    """Long enough for two sections at the default budget."""
    parts = ["Harbour authority publishes district counts", ""]
    for i in range(paragraphs):
        parts.append(
            f"In district {i + 1}, inspectors counted {1000 + 37 * i} containers on pier "
            f"{i + 3} during the spring survey, the authority said in its annual report. "
            f"Crews worked {8 + i % 5} extra shifts that week to clear the backlog at the "
            f"northern gate. The harbour master, Elena Vos, said the figures for district "
            f"{i + 1} were final and would be published in full."
        )
        parts.append("")
    return "\n".join(parts)


def _comparable(result: dict[str, Any]) -> dict[str, Any]:
    """A result without what differs between a live call and a batched one (timing)."""
    return {k: v for k, v in result.items() if k not in ("calls", "usage")}


def test_single_and_multi_section_articles_match_the_live_pipeline(
    fake_openai: FakeOpenAIServer, articles: Articles, valid_result: Valid, tmp_path: Path
) -> None:
    api = FakeBatchAPI(fake_openai)
    items = [*articles(4), ("long", long_article())]
    live_out, batch_out = tmp_path / "live.jsonl", tmp_path / "batch.jsonl"
    run_batch(items, live_out, model="fake-model", base_url=fake_openai.base_url, api_key="k")
    live_bodies = {json.dumps(r.body, sort_keys=True) for r in fake_openai.chat_requests}
    fake_openai.clear()

    summary = run_openai_batch(
        items,
        batch_out,
        model="fake-model",
        base_url=fake_openai.base_url,
        api_key="k",
        poll_interval=0.01,
    )
    assert (summary.ok, summary.failed) == (5, 0)
    live, batched = read_results(live_out), read_results(batch_out)
    assert set(batched) == set(live)
    for key, record in batched.items():
        valid_result(record["result"])
        assert _comparable(record["result"]) == _comparable(live[key]["result"])
    assert len(batched["long"]["result"]["sections"]) >= 2

    # Two batches: every section first, then the long article's reduce call.
    assert len(api.created) == 2
    first, second = (api.batches[b] for b in api.created)
    inputs = [api.files[b["input_file_id"]].data.decode().splitlines() for b in (first, second)]
    lines = [json.loads(line) for line in inputs[0] + inputs[1]]
    assert all(line["method"] == "POST" and line["url"] == "/v1/chat/completions" for line in lines)
    assert len({line["custom_id"] for line in lines}) == len(lines)
    names = [
        [line["body"]["response_format"]["json_schema"]["name"] for line in map(json.loads, batch)]
        for batch in inputs
    ]
    assert sorted(names[0]) == ["extract_section"] * (len(names[0]) - 4) + ["single"] * 4
    assert names[1] == ["reduce"]
    # Each body is exactly what the live client sent for the same request.
    assert {json.dumps(line["body"], sort_keys=True) for line in lines} == live_bodies
    assert all(line["body"]["response_format"]["json_schema"]["strict"] for line in lines)
    assert not state_path_for(batch_out).exists()
    assert [prompt_name(r) for r in fake_openai.chat_requests].count("reduce") == 1


def test_failed_requests_become_failed_lines(
    fake_openai: FakeOpenAIServer, articles: Articles, tmp_path: Path
) -> None:
    items = articles(4)
    titles = {text.split("\n")[0]: key for key, text in items}

    def handler(request: RecordedRequest) -> Outcome | None:
        user = request.body["messages"][1]["content"]
        key = titles[user.split("\n")[0].removeprefix("Title: ")]
        if key == "art-001":
            return Fault.server_error(500)
        if key == "art-002":
            return Reply.refused("I won't.")
        if key == "art-003":
            return Reply.not_json()
        return None

    fake_openai.handler = handler
    FakeBatchAPI(fake_openai)
    out = tmp_path / "out.jsonl"
    argv = ["batch", *_jsonl(tmp_path, items), "--out", str(out), "--openai-batch"]
    argv += ["--model", "fake-model", "--base-url", fake_openai.base_url, "--poll-interval", "0.01"]
    assert main(argv, stdout=io.StringIO()) == 1
    records = read_results(out)
    assert records["art-000"]["ok"] is True
    errors = {
        k: (r["error"]["type"], r["error"]["message"]) for k, r in records.items() if not r["ok"]
    }
    assert errors["art-001"][0] == "TransportError"
    assert "HTTP 500" in errors["art-001"][1]
    assert errors["art-002"][0] == "RefusalError"
    assert "I won't." in errors["art-002"][1]
    assert errors["art-003"][0] == "InvalidReplyError"
    assert records["art-002"]["result"]["partial"] is True


def test_an_expired_batch_fails_only_what_it_did_not_run(
    fake_openai: FakeOpenAIServer, articles: Articles, tmp_path: Path
) -> None:
    FakeBatchAPI(fake_openai, expire_after=3)
    out = tmp_path / "out.jsonl"
    summary = run_openai_batch(
        articles(5),
        out,
        model="fake-model",
        base_url=fake_openai.base_url,
        api_key="k",
        poll_interval=0.01,
    )
    assert (summary.ok, summary.failed) == (3, 2)
    failed = [r for r in read_results(out).values() if not r["ok"]]
    assert all("batch_expired" in r["error"]["message"] for r in failed)


def _jsonl(tmp_path: Path, pairs: list[tuple[str, str]]) -> list[str]:
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in pairs), "utf-8")
    return [str(path)]


def test_a_run_killed_while_waiting_collects_its_batch_instead_of_paying_again(
    articles: Articles, tmp_path: Path
) -> None:
    release = threading.Event()

    def stall(request: RecordedRequest) -> Outcome | None:
        release.wait(30)
        return None

    items = articles(3)
    out = tmp_path / "out.jsonl"
    with FakeOpenAIServer(handler=stall) as server:
        api = FakeBatchAPI(server)
        argv = ["batch", *_jsonl(tmp_path, items), "--out", str(out), "--openai-batch"]
        argv += ["--model", "fake-model", "--base-url", server.base_url]
        argv += ["--poll-interval", "0.02"]
        env = {k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")}
        process = subprocess.Popen(
            [sys.executable, "-m", "factcheck.cli", *argv],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 60
            while not state_path_for(out).exists() and time.monotonic() < deadline:
                assert process.poll() is None, "the batch run exited early"
                time.sleep(0.02)
            assert len(api.created) == 1
            assert stat.S_IMODE(os.stat(state_path_for(out)).st_mode) == 0o600
        finally:
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=30)
            release.set()  # the batch now completes, with nobody polling it
        api.wait()
        assert main(argv, stdout=io.StringIO()) == 0
        assert len(api.created) == 1  # the pending batch was collected, not re-submitted
    assert {k: r["ok"] for k, r in read_results(out).items()} == {k: True for k, _ in items}
    assert not state_path_for(out).exists()


def test_an_invalid_reply_is_re_asked_in_the_next_batch(
    fake_openai: FakeOpenAIServer, articles: Articles, valid_result: Valid, tmp_path: Path
) -> None:
    items = articles(3)
    titles = {text.split("\n")[0]: key for key, text in items}
    bad: dict[str, int] = {"art-001": 1, "art-002": 5}  # invalid replies to send each

    def handler(request: RecordedRequest) -> Outcome | None:
        user = request.body["messages"][1]["content"]
        key = titles[user.split("\n")[0].removeprefix("Title: ")]
        if bad.get(key, 0) > 0:
            bad[key] -= 1
            return Reply.with_json({"summary": 7, "claims": []})  # summary must be a string
        return None

    fake_openai.handler = handler
    api = FakeBatchAPI(fake_openai)
    out = tmp_path / "out.jsonl"
    summary = run_openai_batch(
        items, out, model="fake-model", base_url=fake_openai.base_url, api_key="k",
        poll_interval=0.01, max_reasks=2,
    )  # fmt: skip
    records = read_results(out)
    assert (summary.ok, summary.failed) == (2, 1)

    # art-001: one invalid reply, re-asked once in the second batch, then valid.
    fixed = records["art-001"]
    assert fixed["ok"] is True
    valid_result(fixed["result"])
    (call,) = fixed["result"]["calls"]
    assert call["requests"] == 2
    # art-002: invalid every time; after two re-asks it fails with the validator's words.
    failed = records["art-002"]
    assert failed["error"]["type"] == "InvalidReplyError"
    assert "after 2 re-ask(s)" in failed["error"]["message"]
    assert "is not of type 'string'" in failed["error"]["message"]

    # Three batches: everything, then a re-ask each, then art-002's second re-ask.
    sizes = [len(api.files[api.batches[b]["input_file_id"]].data.splitlines()) for b in api.created]
    assert sizes == [3, 2, 1]
    second = [
        json.loads(line)
        for line in api.files[api.batches[api.created[1]]["input_file_id"]].data.splitlines()
    ]
    for line in second:
        messages = line["body"]["messages"]
        assert messages[-2]["role"] == "assistant"
        assert messages[-2]["content"] == '{"summary": 7, "claims": []}'
        assert messages[-1]["role"] == "user"
        assert "That reply cannot be used" in messages[-1]["content"]

"""The batch command and library: outcomes per id, resume, exit codes, quiet output."""

from __future__ import annotations

import asyncio
import gc
import io
import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from factcheck.batch import arun_batch, read_results, run_batch
from factcheck.cli import main
from factcheck.errors import AuthenticationError
from factcheck.llm import OpenAICompatibleModel
from factcheck.pipeline import NO_LLM_NOTICE
from factcheck.testing import FakeOpenAIServer, Fault, RecordedRequest, Reply
from factcheck.testing._request_contents import article_text

Articles = Callable[[int], list[tuple[str, str]]]
Make = Callable[[int], str]
Valid = Callable[[dict[str, Any]], None]


@pytest.fixture(autouse=True)
def _no_key_in_env(monkeypatch: pytest.MonkeyPatch) -> None:
    # A loopback base URL needs no key; an inherited one must not leak in.
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)


def _write_dir(root: Path, pairs: list[tuple[str, str]]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for article_id, text in pairs:
        (root / f"{article_id}.txt").write_text(text, encoding="utf-8")
    return root


def _cli(server: FakeOpenAIServer, source: Path, out: Path, *extra: str) -> int:
    argv = ["batch", str(source), "--out", str(out), "--model", "fake-model"]
    return main([*argv, "--base-url", server.base_url, *extra], stdout=io.StringIO())


def test_every_article_gets_one_valid_line_and_exit_0(
    fake_openai: FakeOpenAIServer,
    articles: Articles,
    valid_result: Valid,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    pairs = dict(articles(5))
    source = _write_dir(tmp_path / "in", list(pairs.items()))
    out = tmp_path / "out.jsonl"
    assert _cli(fake_openai, source, out, "--concurrency", "3") == 0
    records = read_results(out)
    assert sorted(records) == [f"art-{i:03d}" for i in range(5)]
    for article_id, record in records.items():
        assert record["ok"] is True
        valid_result(record["result"])
        # The body each result carries is its own article's body.
        assert record["result"]["body"] in pairs[article_id]
    assert len(fake_openai.chat_requests) == 5  # one single-section call each
    err = capsys.readouterr().err
    assert "5 article(s): 5 ok, 0 failed; 0 already done; 5 request(s)" in err
    assert "\r" not in err  # no live status line when stderr is not a terminal


def test_a_failure_is_a_line_and_a_rerun_retries_only_it(
    fake_openai: FakeOpenAIServer, articles: Articles, article: Make, tmp_path: Path
) -> None:
    source = _write_dir(tmp_path / "in", articles(3))
    (source / "blank.txt").write_text("  \n\n ", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert _cli(fake_openai, source, out) == 1
    first = read_results(out)
    assert first["blank"] == {
        "id": "blank",
        "ok": False,
        "error": {
            "type": "EmptyArticleError",
            "message": "the article is empty or holds only whitespace",
        },
    }
    assert len(fake_openai.chat_requests) == 3

    (source / "blank.txt").write_text(article(99), encoding="utf-8")
    fake_openai.clear()
    assert _cli(fake_openai, source, out) == 0
    [request] = fake_openai.chat_requests  # the three done articles are skipped
    assert article_text(request) is not None
    assert "1,000" not in str(article_text(request))  # not article 0's text
    lines = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert [(r["id"], r["ok"]) for r in lines].count(("blank", False)) == 1
    assert lines[-1]["id"] == "blank" and lines[-1]["ok"] is True
    assert read_results(out)["blank"]["ok"] is True


def test_a_partial_result_is_a_failure_that_keeps_the_result(
    fake_openai: FakeOpenAIServer, article: Make, valid_result: Valid, tmp_path: Path
) -> None:
    fake_openai.script(Reply.refused("I can't help with that."))
    out = tmp_path / "out.jsonl"
    summary = run_batch(
        [("only", article(1))],
        out,
        model="fake-model",
        base_url=fake_openai.base_url,
        api_key="k",
    )
    assert (summary.ok, summary.failed, summary.failed_ids) == (0, 1, ["only"])
    record = read_results(out)["only"]
    assert record["ok"] is False
    assert record["error"]["type"] == "RefusalError"
    assert record["error"]["message"].startswith("1 of 1 section(s) failed; first: single:")
    valid_result(record["result"])
    assert record["result"]["partial"] is True


def test_bad_input_exits_2_naming_the_line_and_writes_nothing(
    fake_openai: FakeOpenAIServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "a", "text": "Fine."}\n{"id": "b", "text": \n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert _cli(fake_openai, source, out) == 2
    assert "in.jsonl:2: not valid JSON" in capsys.readouterr().err
    assert not out.exists()
    assert fake_openai.requests == []


def test_the_offline_engine_runs_a_batch_and_says_so_once(
    articles: Articles, valid_result: Valid, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    out = tmp_path / "out.jsonl"
    with caplog.at_level(logging.WARNING):
        summary = run_batch(articles(4), out)
    assert (summary.ok, summary.failed) == (4, 0)
    assert caplog.text.count(NO_LLM_NOTICE) == 1
    for record in read_results(out).values():
        assert record["result"]["engine"] == "offline"
        valid_result(record["result"])


def test_a_terminal_gets_a_live_status_line(
    fake_openai: FakeOpenAIServer, articles: Articles, tmp_path: Path
) -> None:
    stream = io.StringIO()
    run_batch(
        articles(3),
        tmp_path / "out.jsonl",
        model="fake-model",
        base_url=fake_openai.base_url,
        api_key="k",
        progress=stream,
    )
    final = stream.getvalue().rstrip("\n").split("\r")[-1]
    assert final.startswith("3/3 articles (3 ok, 0 failed) | ")
    assert "tokens" in final and "ETA 0:00" in final


def test_a_cancelled_batch_stops_its_articles_and_resumes(
    fake_openai: FakeOpenAIServer,
    articles: Articles,
    tmp_path: Path,
) -> None:
    fake_openai.latency = 0.2
    pairs = articles(12)
    out = tmp_path / "out.jsonl"
    model = OpenAICompatibleModel("fake-model", base_url=fake_openai.base_url, api_key="k")

    async def cancelled_midway() -> None:
        before = asyncio.all_tasks()
        run = asyncio.ensure_future(arun_batch(pairs, out, model=model, concurrency=2))
        while not (out.exists() and read_results(out)):  # wait for a first whole line
            await asyncio.sleep(0.01)
        run.cancel()
        with pytest.raises(asyncio.CancelledError):
            await run
        # No article of the batch is left running on the loop.
        assert asyncio.all_tasks() == before
        await model.aclose()

    asyncio.run(asyncio.wait_for(cancelled_midway(), timeout=30))
    done_first = read_results(out)
    assert 0 < len(done_first) < 12  # some lines, each whole

    fake_openai.latency = 0.0
    summary = run_batch(pairs, out, model=model, concurrency=4)
    assert summary.skipped == len(done_first)
    assert summary.ok == 12 - len(done_first)
    assert sorted(read_results(out)) == sorted(i for i, _ in pairs)


def test_one_model_object_serves_several_sync_batches(
    fake_openai: FakeOpenAIServer,
    articles: Articles,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    model = OpenAICompatibleModel("fake-model", base_url=fake_openai.base_url, api_key="k")
    caplog.set_level(logging.ERROR, logger="asyncio")
    for round_ in range(2):
        summary = run_batch(articles(3), tmp_path / f"out{round_}.jsonl", model=model)
        assert summary.ok == 3
        gc.collect()  # an abandoned async client would try to close itself on the next loop
    asyncio.run(asyncio.sleep(0))
    gc.collect()
    assert [r.getMessage() for r in caplog.records] == []


def test_a_rejected_key_stops_the_batch_and_keeps_the_article_whose_call_was_in(
    articles: Articles, tmp_path: Path
) -> None:
    # One slot: the first article's call is answered; the second's is rejected
    # while the first is still being grounded on the loop. The batch stops, and
    # the first article's line is written all the same.
    answered = {"n": 0}

    def first_only(request: RecordedRequest) -> Fault | None:
        answered["n"] += 1
        return None if answered["n"] == 1 else Fault.unauthorized()

    out = tmp_path / "out.jsonl"
    with FakeOpenAIServer(handler=first_only) as server:
        model = OpenAICompatibleModel("fake-model", base_url=server.base_url, api_key="k")
        with pytest.raises(AuthenticationError):
            run_batch(articles(4), out, model=model, concurrency=1)
        started = len(server.chat_requests)
    records = read_results(out)
    assert list(records) == ["art-000"] and records["art-000"]["ok"] is True
    # The first article's call and the second's: no article began after the rejection.
    assert started == 2

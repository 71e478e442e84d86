"""A sentinel API key never shows up anywhere a person or a file could see it.

Checked: every log record at DEBUG from every logger, result JSON, cache
file bytes, batch output files, the Batch API state and input files, CLI
output, and the text and traceback of every error, through successful and
failing calls (401 that echoes the key, 5xx, 429, dropped connections).
"""

from __future__ import annotations

import io
import logging
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from factcheck import check
from factcheck.batch import read_results, run_batch, run_openai_batch
from factcheck.cli import main
from factcheck.errors import AuthenticationError, BatchAPIError
from factcheck.llm import OpenAICompatibleModel, RetryPolicy
from factcheck.llm._ladder import LadderMemory
from factcheck.testing import FakeOpenAIServer, Fault, RecordedRequest
from factcheck.testing._batch_api import FakeBatchAPI

SENTINEL = "sk-SENTINEL-hostile-4c1d9e7b2a55"
LOGGERS = (None, "factcheck", "openai", "httpx", "httpcore", "httpx2", "httpcore2", "asyncio")
FAST = RetryPolicy(max_attempts=3, max_seconds=5.0, initial_wait=0.001, max_wait=0.01, jitter=0.0)

ARTICLE = (
    "Hessby council approves cycle lanes\n\n"
    "Hessby councillors voted 21 to 4 on Monday to build 14 kilometres of cycle lanes, "
    "at a cost of 3.1 million euros. Mayor Kofi Mensah said work would start in June.\n"
)


@pytest.fixture(autouse=True)
def _log_everything(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    for name in LOGGERS:
        caplog.set_level(logging.DEBUG, logger=name)
    yield
    records = caplog.get_records("call")
    assert records, "logging was captured"
    formatter = logging.Formatter()
    for record in records:
        assert SENTINEL not in record.getMessage()
        assert SENTINEL not in repr(record.args)
        assert SENTINEL not in formatter.format(record)  # exc_info tracebacks too


def everything_said(error: BaseException) -> str:
    parts = [str(error), repr(error), *map(str, error.args)]
    parts.extend(traceback.format_exception(type(error), error, error.__traceback__))
    return "\n".join(parts)


def _files_under(root: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file())


def sentinel_model(server: FakeOpenAIServer) -> OpenAICompatibleModel:
    """A model on ``server`` that sends the sentinel key, with fast retries."""
    return OpenAICompatibleModel(
        "fake-model",
        base_url=server.base_url,
        api_key=SENTINEL,
        retry=FAST,
        ladder_memory=LadderMemory(),
    )


def echo_key_handler(request: RecordedRequest) -> Fault:
    """A careless proxy: rejects the call and quotes the key back."""
    given = request.headers.get("authorization", "").removeprefix("Bearer ")
    return Fault.unauthorized(f"Incorrect API key provided: {given}.")


def test_a_check_with_the_cache_keeps_the_key_out_of_results_and_files(tmp_path: Path) -> None:
    cache = tmp_path / "cache" / "responses.sqlite3"
    with FakeOpenAIServer(api_key=SENTINEL) as server:
        server.script(Fault.server_error(503), Fault.rate_limited(retry_after=0), Fault.drop())
        for _ in range(2):  # the second run replays from the cache
            result = check(
                ARTICLE,
                model="fake-model",
                base_url=server.base_url,
                api_key=SENTINEL,
                cache="read-write",
                cache_path=str(cache),
            )
            assert not result.partial
            assert SENTINEL not in result.to_json()
            assert SENTINEL not in result.to_markdown()
        # The key did travel where it belongs: in the Authorization header.
        assert server.chat_requests[-1].headers["authorization"] == f"Bearer {SENTINEL}"
    assert SENTINEL.encode() not in _files_under(tmp_path)


def test_a_401_that_echoes_the_key_stops_the_check_and_carries_no_key() -> None:
    with FakeOpenAIServer(handler=echo_key_handler) as server:
        with pytest.raises(AuthenticationError) as caught:
            check(ARTICLE, model="fake-model", base_url=server.base_url, api_key=SENTINEL)
        assert len(server.chat_requests) == 1  # a rejected key is not tried again
    said = everything_said(caught.value)
    assert "[redacted]" in said
    assert SENTINEL not in said


def test_errors_raised_to_the_caller_carry_no_key() -> None:
    with FakeOpenAIServer(handler=echo_key_handler) as server:
        model = sentinel_model(server)
        from factcheck.prompt_files import load_prompt

        request = load_prompt("single").to_request(title="T", section_text=ARTICLE)
        with model, pytest.raises(AuthenticationError, match=r"HTTP 401") as caught:
            model.complete_json_sync(request)
    assert SENTINEL not in everything_said(caught.value)


def test_a_batch_run_with_failures_writes_no_key(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    calls = {"n": 0}

    def sometimes_echo(request: RecordedRequest) -> Fault | None:
        calls["n"] += 1
        return echo_key_handler(request) if calls["n"] % 2 == 0 else None

    with FakeOpenAIServer(handler=sometimes_echo) as server:
        model = sentinel_model(server)
        items = [(f"a{i}", ARTICLE.replace("21 to 4", f"{21 + i} to 4")) for i in range(6)]
        # A rejected key stops the batch (every later article would fail alike).
        with pytest.raises(AuthenticationError) as caught:
            run_batch(items, out, model=model, concurrency=1)
    assert SENTINEL not in everything_said(caught.value)
    records = read_results(out)
    assert records and all(r["ok"] for r in records.values())
    assert SENTINEL.encode() not in out.read_bytes()


def _cli_batch(
    tmp_path: Path,
    handler: Callable[[RecordedRequest], Fault | None],
    count: int,
    *flags: str,
    verbose: bool = False,
) -> tuple[int, Path]:
    """``factcheck [-v] batch ... FLAGS`` over ``count`` articles against a server
    answering with ``handler``: the exit status, and the output file."""
    source = tmp_path / "in"
    source.mkdir()
    for i in range(count):
        (source / f"a{i}.txt").write_text(ARTICLE.replace("21 to 4", f"{21 + i} to 4"), "utf-8")
    out = tmp_path / "out.jsonl"
    with FakeOpenAIServer(handler=handler) as server:
        argv = ["-v"] if verbose else []
        argv += ["batch", str(source), "--out", str(out), "--model", "fake-model"]
        code = main([*argv, "--base-url", server.base_url, *flags], stdout=io.StringIO())
    return code, out


def test_the_cli_batch_with_the_key_in_the_environment_prints_no_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", SENTINEL)
    code, out = _cli_batch(tmp_path, echo_key_handler, 1)
    assert code == 2
    captured = capsys.readouterr()
    assert SENTINEL not in captured.out + captured.err
    assert SENTINEL.encode() not in out.read_bytes()


def test_the_batch_api_route_writes_no_key(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    with FakeOpenAIServer(handler=echo_key_handler) as server:
        api = FakeBatchAPI(server)
        summary = run_openai_batch(
            [("one", ARTICLE)],
            out,
            model="fake-model",
            base_url=server.base_url,
            api_key=SENTINEL,
            poll_interval=0.01,
        )
        assert summary.failed == 1
        stored = b"".join(f.data for f in api.files.values())
    # The error file from the server quotes the key; nothing we wrote does.
    assert SENTINEL.encode() in stored
    assert SENTINEL.encode() not in _files_under(tmp_path)
    assert "[redacted]" in read_results(out)["one"]["error"]["message"]


def test_a_batch_api_failure_raised_to_the_caller_carries_no_key(tmp_path: Path) -> None:
    with FakeOpenAIServer() as server:
        FakeBatchAPI(server)
        server.add_route("POST", "/v1/files", echo_key_handler)
        with pytest.raises(BatchAPIError) as caught:
            run_openai_batch(
                [("one", ARTICLE)],
                tmp_path / "out.jsonl",
                model="fake-model",
                base_url=server.base_url,
                api_key=SENTINEL,
                poll_interval=0.01,
            )
    said = everything_said(caught.value)
    assert "401" in said or "Incorrect API key" in said
    assert SENTINEL not in said
    assert SENTINEL.encode() not in _files_under(tmp_path)


def test_a_batch_in_worker_processes_prints_and_writes_no_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The key reaches the workers through their environment; the server echoes it
    # in a retried error and in the rejection; the workers' log lines are printed
    # here (-v), and so is the error that stops the batch.
    monkeypatch.setenv("OPENAI_API_KEY", SENTINEL)
    calls = {"n": 0}

    def echo_later(request: RecordedRequest) -> Fault | None:
        calls["n"] += 1
        if calls["n"] == 1:
            return Fault.http(503, f"overloaded for {SENTINEL}")  # retried, logged
        return echo_key_handler(request) if calls["n"] > 3 else None

    processes = ("--processes", "2", "--concurrency", "2")
    code, out = _cli_batch(tmp_path, echo_later, 4, *processes, verbose=True)
    assert code == 2
    captured = capsys.readouterr()
    assert "retrying" in captured.err  # a worker's warning was printed here
    assert SENTINEL not in captured.out + captured.err
    assert SENTINEL.encode() not in out.read_bytes()

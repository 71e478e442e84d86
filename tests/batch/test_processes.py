"""A batch checked in worker processes: the same lines, the same bound, explicit failures."""

from __future__ import annotations

import asyncio
import io
import json
import logging
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from factcheck.batch import ArticleProcesses, arun_batch, read_results, run_batch
from factcheck.batch.processes import batch_figures, shares
from factcheck.batch.worker_process import WorkerFigures, _Sender
from factcheck.cli import main
from factcheck.errors import AuthenticationError, ConfigurationError, WorkerProcessError
from factcheck.llm import OpenAICompatibleModel
from factcheck.model_options import ModelOptions
from factcheck.pipeline import NO_LLM_NOTICE
from factcheck.testing import FakeOpenAIServer, Fault, RecordedRequest

Articles = Callable[[int], list[tuple[str, str]]]


@pytest.fixture(autouse=True)
def _no_key_in_env(monkeypatch: pytest.MonkeyPatch) -> None:
    # Workers are spawned with this environment: nothing inherited may leak in.
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)


def _options(server: FakeOpenAIServer, concurrency: int) -> ModelOptions:
    return ModelOptions(
        model="fake-model", base_url=server.base_url, api_key="k", concurrency=concurrency
    )


def _comparable(value: Any) -> Any:
    """A record less what differs between two runs of one check: timings, call order."""
    if isinstance(value, dict):
        out = {k: _comparable(v) for k, v in value.items() if k != "latency_s"}
        if isinstance(out.get("calls"), list):
            out["calls"] = sorted(out["calls"], key=lambda call: call["label"])
        return out
    if isinstance(value, list):
        return [_comparable(v) for v in value]
    return value


@pytest.mark.parametrize(
    ("concurrency", "processes", "expected"),
    [
        (16, 2, [8, 8]),
        (5, 2, [3, 2]),
        (7, 3, [3, 2, 2]),
        (4, 4, [1, 1, 1, 1]),
        (3, 1, [3]),
    ],
)
def test_concurrency_is_shared_out_with_every_slot_used(
    concurrency: int, processes: int, expected: list[int]
) -> None:
    assert shares(concurrency, processes) == expected


@pytest.mark.parametrize(("concurrency", "processes"), [(1, 2), (3, 4), (4, 0), (4, -1)])
def test_a_share_below_one_slot_is_refused(concurrency: int, processes: int) -> None:
    with pytest.raises(ConfigurationError):
        shares(concurrency, processes)


def test_batch_figures_add_peaks_and_slot_time_and_bound_the_all_busy_share() -> None:
    before = [WorkerFigures(4, 3, 1, 10.0, 2.0), WorkerFigures(2, 2, 0, 5.0, 1.0)]
    after = [WorkerFigures(4, 4, 2, 18.0, 5.0), WorkerFigures(2, 1, 1, 9.0, 2.5)]
    figures = batch_figures(before, after, wall_s=4.0)
    assert figures.peak_in_flight == 4 + 1  # peaks since ``before``: summed
    assert figures.halvings == (2 - 1) + (1 - 0)
    # (8 + 4) slot-seconds over 4 s x 6 slots.
    assert figures.slots_in_use == pytest.approx(12 / 24)
    # Worker 0 was full 3 s, worker 1 1.5 s: every slot was taken for at most 1.5 s.
    assert figures.all_slots_busy == pytest.approx(1.5 / 4.0)
    assert batch_figures(before, after, wall_s=0.0).slots_in_use == 0.0


def test_two_processes_write_the_lines_one_process_writes_within_the_bound(
    fake_openai: FakeOpenAIServer, articles: Articles, tmp_path: Path
) -> None:
    pairs = articles(8)
    one = run_batch(pairs, tmp_path / "one.jsonl", options=_options(fake_openai, 4))
    fake_openai.clear()
    fake_openai.reset_max_in_flight()
    fake_openai.latency = 0.05  # calls overlap, so the bound is put to the test
    two = run_batch(pairs, tmp_path / "two.jsonl", options=_options(fake_openai, 4), processes=2)
    assert (one.ok, two.ok, two.failed) == (8, 8, 0)
    assert two.requests == one.requests == len(fake_openai.chat_requests)
    assert 2 <= fake_openai.max_in_flight <= 4
    assert 2 <= two.peak_in_flight <= 4
    assert 0.0 < two.slots_in_use <= 1.0
    assert _comparable(read_results(tmp_path / "two.jsonl")) == _comparable(
        read_results(tmp_path / "one.jsonl")
    )
    assert multiprocessing.active_children() == []  # the workers are gone


def test_the_offline_engine_runs_in_workers_and_its_notice_reaches_this_process_once(
    articles: Articles, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    out = tmp_path / "out.jsonl"
    with caplog.at_level(logging.WARNING):
        summary = run_batch(articles(4), out, processes=2)
    assert (summary.ok, summary.failed) == (4, 0)
    assert caplog.text.count(NO_LLM_NOTICE) == 1
    assert {r["result"]["engine"] for r in read_results(out).values()} == {"offline"}


def test_a_workers_retry_warning_is_logged_here_naming_its_article(
    fake_openai: FakeOpenAIServer,
    articles: Articles,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    seen = {"n": 0}

    def first_unavailable(request: RecordedRequest) -> Fault | None:
        seen["n"] += 1
        return Fault.unavailable() if seen["n"] == 1 else None

    fake_openai.handler = first_unavailable
    with caplog.at_level(logging.WARNING):
        summary = run_batch(
            articles(1), tmp_path / "out.jsonl", options=_options(fake_openai, 2), processes=2
        )
    assert summary.ok == 1
    retries = [r for r in caplog.records if "retrying" in r.getMessage()]
    assert len(retries) == 1
    assert retries[0].levelno == logging.WARNING
    assert "art-000" in retries[0].getMessage()
    assert retries[0].process != os.getpid()  # logged in a worker, handled here


def test_a_rejected_key_stops_a_batch_in_workers_and_exits_2(
    articles: Articles, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(
        "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in articles(3)), encoding="utf-8"
    )
    with FakeOpenAIServer(handler=lambda request: Fault.unauthorized()) as server:
        with pytest.raises(AuthenticationError):
            run_batch(source, tmp_path / "lib.jsonl", options=_options(server, 2), processes=2)
        argv = ["batch", str(source), "--out", str(tmp_path / "cli.jsonl")]
        argv += ["--model", "fake-model", "--base-url", server.base_url, "--processes", "2"]
        assert main(argv, stdout=io.StringIO()) == 2
    assert "Incorrect API key" in capsys.readouterr().err
    assert read_results(tmp_path / "lib.jsonl") == {}
    assert multiprocessing.active_children() == []


def test_a_worker_that_dies_ends_the_batch_and_the_next_run_completes_it(
    fake_openai: FakeOpenAIServer, articles: Articles, tmp_path: Path
) -> None:
    pairs = articles(10)
    out = tmp_path / "out.jsonl"
    fake_openai.latency = 0.2

    async def killed_midway() -> None:
        async with ArticleProcesses(2, options=_options(fake_openai, 2)) as pool:
            run = asyncio.ensure_future(arun_batch(pairs, out, processes=pool))
            while not (out.exists() and read_results(out)):  # a first whole line
                await asyncio.sleep(0.01)
            os.kill(pool.pids[0], signal.SIGKILL)
            with pytest.raises(WorkerProcessError) as raised:
                await run
            assert raised.value.exit_code == -signal.SIGKILL

    asyncio.run(asyncio.wait_for(killed_midway(), timeout=60))
    done = read_results(out)
    assert 0 < len(done) < 10 and all(r["ok"] for r in done.values())
    fake_openai.latency = 0.0
    summary = run_batch(pairs, out, options=_options(fake_openai, 4), processes=2)
    assert (summary.skipped, summary.ok) == (len(done), 10 - len(done))
    assert sorted(read_results(out)) == sorted(i for i, _ in pairs)


def test_a_cancelled_batch_stops_its_workers(
    fake_openai: FakeOpenAIServer, articles: Articles, tmp_path: Path
) -> None:
    fake_openai.latency = 0.2
    out = tmp_path / "out.jsonl"

    async def cancelled_midway() -> None:
        run = asyncio.ensure_future(
            arun_batch(articles(12), out, options=_options(fake_openai, 2), processes=2)
        )
        while not (out.exists() and read_results(out)):
            await asyncio.sleep(0.01)
        run.cancel()
        with pytest.raises(asyncio.CancelledError):
            await run

    asyncio.run(asyncio.wait_for(cancelled_midway(), timeout=60))
    assert multiprocessing.active_children() == []
    assert 0 < len(read_results(out)) < 12


def test_a_started_pool_serves_two_batches_and_takes_no_model_beside_it(
    fake_openai: FakeOpenAIServer, articles: Articles, tmp_path: Path
) -> None:
    async def two_batches() -> list[int]:
        async with ArticleProcesses(2, options=_options(fake_openai, 2)) as pool:
            assert pool.processes == 2 and len(pool.pids) == 2
            with pytest.raises(ConfigurationError, match="concurrency"):
                await arun_batch(articles(2), tmp_path / "x.jsonl", processes=pool, concurrency=4)
            oks = []
            for round_ in range(2):
                summary = await arun_batch(
                    articles(3), tmp_path / f"out{round_}.jsonl", processes=pool
                )
                oks.append(summary.ok)
            return oks

    assert asyncio.run(two_batches()) == [3, 3]
    assert not (tmp_path / "x.jsonl").exists()


def test_a_pool_that_is_not_running_is_refused_before_the_output_is_opened(
    fake_openai: FakeOpenAIServer, articles: Articles, tmp_path: Path
) -> None:
    pool = ArticleProcesses(2, options=_options(fake_openai, 2))  # never started
    with pytest.raises(ConfigurationError, match="not running"):
        run_batch(articles(2), tmp_path / "out.jsonl", processes=pool)

    async def closed_pool() -> None:
        async with pool:
            pass
        await arun_batch(articles(2), tmp_path / "out.jsonl", processes=pool)

    with pytest.raises(ConfigurationError, match="not running"):
        asyncio.run(closed_pool())
    assert not (tmp_path / "out.jsonl").exists()
    assert len(fake_openai.chat_requests) == 0


def test_what_cannot_cross_into_a_worker_is_refused_before_any_starts(
    fake_openai: FakeOpenAIServer, articles: Articles, tmp_path: Path
) -> None:
    model = OpenAICompatibleModel("fake-model", base_url=fake_openai.base_url, api_key="k")
    with pytest.raises(ConfigurationError, match="by name"):
        run_batch(articles(2), tmp_path / "out.jsonl", model=model, processes=2)
    for bad in (0, -1, True, 1.5):
        with pytest.raises(ConfigurationError, match="processes"):
            run_batch(articles(2), tmp_path / "out.jsonl", processes=bad)  # type: ignore[arg-type]
    with pytest.raises(ConfigurationError, match="request slot"):
        run_batch(articles(2), tmp_path / "out.jsonl", concurrency=1, processes=2)
    assert multiprocessing.active_children() == []
    assert len(fake_openai.chat_requests) == 0


def _running_in_group(group: int) -> list[int]:
    """The processes of process group ``group`` that still run (zombies aside: an orphan
    is reaped by init, which in some containers never does it)."""
    running = []
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue  # gone meanwhile
        state, pgrp = fields[0], int(fields[2])
        if pgrp == group and state != b"Z":
            running.append(int(entry.name))
    return running


_CLI = "import sys; from factcheck.cli import main; sys.exit(main(sys.argv[1:]))"


def test_ctrl_c_stops_a_batch_in_workers_with_no_traceback_and_no_process_left(
    fake_openai: FakeOpenAIServer, articles: Articles, tmp_path: Path
) -> None:
    fake_openai.latency = 0.3
    source = tmp_path / "in.jsonl"
    source.write_text(
        "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in articles(12)), encoding="utf-8"
    )
    out = tmp_path / "out.jsonl"
    argv = ["batch", str(source), "--out", str(out), "--model", "fake-model"]
    argv += ["--base-url", fake_openai.base_url, "--processes", "2", "--concurrency", "2"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")}
    cli = subprocess.Popen(
        [sys.executable, "-c", _CLI, *argv],
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,  # its own process group, as a terminal gives a command
    )
    try:
        deadline = time.monotonic() + 60
        while not (out.exists() and read_results(out)) and time.monotonic() < deadline:
            time.sleep(0.02)
        os.killpg(cli.pid, signal.SIGINT)  # Ctrl-C: to the command and its workers
        _, err = cli.communicate(timeout=60)
    finally:
        if cli.poll() is None:
            os.killpg(cli.pid, signal.SIGKILL)
    assert cli.returncode == 130
    assert "interrupted" in err and "Traceback" not in err
    # No worker of the command is left. multiprocessing's own resource tracker
    # ends when it sees the command's end, a moment later.
    deadline = time.monotonic() + 10
    while _running_in_group(cli.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _running_in_group(cli.pid) == []
    assert 0 < len(read_results(out)) < 12


def test_a_worker_needs_nothing_of_the_ray_extra() -> None:
    # A plain install has no pyarrow: what a worker imports must not reach for it.
    code = (
        "import sys, factcheck.batch.processes, factcheck.batch.checker; "
        "print(sorted(m for m in ('pyarrow', 'ray', 'factcheck.ray') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize(
    "extra",
    [["--processes", "0"], ["--processes", "2", "--ray"], ["--processes", "2", "--openai-batch"]],
)
def test_the_command_refuses_processes_it_cannot_use(
    articles: Articles, tmp_path: Path, extra: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "a", "text": articles(1)[0][1]}) + "\n", encoding="utf-8")
    argv = ["batch", str(source), "--out", str(tmp_path / "out.jsonl"), "--model", "m", *extra]
    assert main(argv, stdout=io.StringIO()) == 2
    assert "processes" in capsys.readouterr().err
    assert not (tmp_path / "out.jsonl").exists()


def test_workers_share_one_response_cache_file(
    fake_openai: FakeOpenAIServer, articles: Articles, tmp_path: Path
) -> None:
    options = ModelOptions(
        model="fake-model",
        base_url=fake_openai.base_url,
        api_key="k",
        concurrency=4,
        cache="read-write",
        cache_path=str(tmp_path / "cache.sqlite"),
    )
    pairs = articles(6)
    first = run_batch(pairs, tmp_path / "first.jsonl", options=options, processes=2)
    sent = len(fake_openai.chat_requests)
    second = run_batch(pairs, tmp_path / "second.jsonl", options=options, processes=2)
    assert (first.ok, second.ok) == (6, 6)
    assert sent == first.requests > 0
    assert len(fake_openai.chat_requests) == sent  # every reply came from the shared file


class _Unpicklable(Exception):
    def __reduce__(self) -> Any:
        raise TypeError("cannot pickle this")


def test_an_answer_that_cannot_be_pickled_arrives_as_an_error_and_a_log_record_is_dropped() -> None:
    ours, theirs = multiprocessing.Pipe()
    sender = _Sender(theirs)
    record = logging.LogRecord("factcheck.x", logging.WARNING, __file__, 1, "m", None, None)
    record.unpicklable = _Unpicklable()
    sender.put_nowait(record)  # as QueueHandler hands it over
    sender.send(("error", 7, _Unpicklable("boom")))
    sender.send(("done", 8, ({"id": "a", "ok": True}, None)))
    kind, key, error = ours.recv()
    assert (kind, key, type(error)) == ("error", 7, WorkerProcessError)
    assert "could not send its answer" in str(error)
    assert ours.recv() == ("done", 8, ({"id": "a", "ok": True}, None))  # order kept
    sender.close()
    assert not ours.poll(0.1)  # the log record was dropped, nothing else came


def test_a_model_a_worker_cannot_build_is_reported_as_the_worker_found_it(
    articles: Articles, tmp_path: Path
) -> None:
    # Replaying a cache needs a model: each worker finds that out as it starts.
    with pytest.raises(ConfigurationError, match="needs a model"):
        run_batch(articles(2), tmp_path / "out.jsonl", cache="replay", processes=2)
    assert not (tmp_path / "out.jsonl").exists()
    assert multiprocessing.active_children() == []

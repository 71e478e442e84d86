"""Killing a batch mid-way and running it again loses nothing and repeats nothing."""

from __future__ import annotations

import collections
import io
import json
import logging
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from factcheck.batch import read_results
from factcheck.cli import main
from factcheck.testing import FakeOpenAIServer
from factcheck.testing._request_contents import article_text

COUNT = 30


def _write_jsonl(path: Path, pairs: list[tuple[str, str]]) -> None:
    path.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in pairs), "utf-8")


def _lines(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_bytes().split(b"\n") if line]


def _wait_for_lines(path: Path, count: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if path.exists() and path.read_bytes().count(b"\n") >= count:
            return
        if process.poll() is not None:
            pytest.fail(
                f"the batch exited early: {process.stderr.read() if process.stderr else ''!r}"
            )
        time.sleep(0.02)
    pytest.fail("the batch wrote too few lines in time")


def test_kill_cut_and_resume(
    articles: Callable[[int], list[tuple[str, str]]],
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    pairs = articles(COUNT)
    source = tmp_path / "in.jsonl"
    _write_jsonl(source, pairs)
    out = tmp_path / "out.jsonl"
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")}
    with FakeOpenAIServer(latency=0.05) as server:
        argv = ["batch", str(source), "--out", str(out), "--model", "fake-model"]
        argv += ["--base-url", server.base_url, "--concurrency", "2"]
        process = subprocess.Popen(
            [sys.executable, "-m", "factcheck.cli", *argv],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        try:
            _wait_for_lines(out, 6, process)
        finally:
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=30)
        if process.stderr is not None:
            process.stderr.close()

        # Simulate a crash in the middle of a write as well: cut the last line in half.
        data = out.read_bytes()
        last_start = data.rstrip(b"\n").rfind(b"\n") + 1
        cut = last_start + (len(data) - last_start) // 2
        out.write_bytes(data[:cut])
        kept = [json.loads(line)["id"] for line in data[:last_start].split(b"\n") if line]
        assert 5 <= len(kept) < COUNT
        server.clear()

        with caplog.at_level(logging.WARNING):
            code = main(argv, stdout=io.StringIO())
        assert code == 0
        assert "the last line was cut off" in caplog.text

        # The second run asked only for the articles the first did not finish.
        asked = collections.Counter(article_text(r) for r in server.chat_requests)
        assert sum(asked.values()) == COUNT - len(kept)

    lines = _lines(out)
    ids = [str(r["id"]) for r in lines]
    assert sorted(ids) == sorted(i for i, _ in pairs)  # every article once, none twice
    assert ids[: len(kept)] == kept  # the first run's whole lines are untouched
    assert all(r["ok"] is True for r in lines)
    assert set(read_results(out)) == {i for i, _ in pairs}

"""The output file: whole lines only, last line per id, a cut-off tail dropped, mode 0600."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import stat
from pathlib import Path

import pytest

from factcheck.batch import read_results
from factcheck.batch.results_file import ResultsFile
from factcheck.errors import BatchInputError


def _line(article_id: str, ok: bool) -> bytes:
    return (json.dumps({"id": article_id, "ok": ok}) + "\n").encode()


def test_lines_are_appended_whole_and_the_file_is_private(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "out.jsonl"
    with ResultsFile.open(path) as out:
        out.append({"id": "a", "ok": True, "result": {"summary": "ünïcode"}})
        out.append({"id": "b", "ok": False, "error": {"type": "X", "message": "m"}})
        asyncio.run(out.commit())
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    lines = path.read_bytes().split(b"\n")
    assert lines[-1] == b""
    assert [json.loads(line)["id"] for line in lines[:-1]] == ["a", "b"]
    assert json.loads(lines[0])["result"]["summary"] == "ünïcode"


def test_the_last_line_per_id_wins(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    path.write_bytes(_line("a", False) + _line("b", True) + _line("a", True))
    records = read_results(path)
    assert records["a"]["ok"] is True
    assert list(records) == ["b", "a"]
    with ResultsFile.open(path) as out:
        assert out.completed == {"a", "b"}


def test_a_truncated_last_line_is_dropped_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "out.jsonl"
    whole = _line("a", True) + _line("b", True)
    path.write_bytes(whole + b'{"id": "c", "ok": tr')
    assert set(read_results(path)) == {"a", "b"}  # the reader ignores the tail too
    with caplog.at_level(logging.WARNING), ResultsFile.open(path) as out:
        assert out.completed == {"a", "b"}
        out.append({"id": "c", "ok": True})
    assert "cut off (20 bytes" in caplog.text  # len('{"id": "c", "ok": tr')
    assert path.read_bytes() == whole + b'{"id":"c","ok":true}\n'


def test_malformed_middle_lines_are_skipped(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "out.jsonl"
    path.write_bytes(_line("a", True) + b"garbage\n" + b'{"no": "id"}\n' + _line("b", False))
    with caplog.at_level(logging.WARNING):
        records = read_results(path)
    assert {k: v["ok"] for k, v in records.items()} == {"a": True, "b": False}
    assert "out.jsonl:2: not a JSON line" in caplog.text
    assert "out.jsonl:3: not a batch result line" in caplog.text


def test_two_writers_cannot_share_a_file(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    with ResultsFile.open(path), pytest.raises(BatchInputError, match="another batch run"):
        ResultsFile.open(path)
    with ResultsFile.open(path):  # released on close
        pass


def test_settle_waits_for_the_fsync_a_cancelled_commit_left_running(tmp_path: Path) -> None:
    async def cancel_then_settle(out: ResultsFile) -> set[asyncio.Task[object]]:
        out.append({"id": "a", "ok": True})
        commit = asyncio.ensure_future(out.commit())
        await asyncio.sleep(0)  # the fsync round has begun
        commit.cancel()
        with pytest.raises(asyncio.CancelledError):
            await commit
        await out.settle()
        return asyncio.all_tasks() - {asyncio.current_task()}

    with ResultsFile.open(tmp_path / "out.jsonl") as out:
        assert asyncio.run(cancel_then_settle(out)) == set()
        assert out._synced == 1  # the shielded round finished its fsync
    assert list(read_results(tmp_path / "out.jsonl")) == ["a"]


def test_commit_is_shared_between_concurrent_writers(tmp_path: Path) -> None:
    async def write_many(out: ResultsFile) -> None:
        async def one(k: int) -> None:
            out.append({"id": f"x{k}", "ok": True})
            await out.commit()

        await asyncio.gather(*(one(k) for k in range(50)))

    with ResultsFile.open(tmp_path / "out.jsonl") as out:
        asyncio.run(write_many(out))
        assert out._synced == 50
    assert len(read_results(tmp_path / "out.jsonl")) == 50

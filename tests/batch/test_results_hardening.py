"""The results file: text it cannot encode, files others can read, keys in results."""

from __future__ import annotations

import json
import logging
import os
import stat
from pathlib import Path

import pytest

from factcheck.batch import read_results, run_batch
from factcheck.batch.results_file import ResultsFile

ARTICLE = (
    "Valdane opens a public library\n\n"
    "Valdane opened its new public library on Saturday after 26 months of building work. "
    "The library cost 7.8 million euros and holds 140,000 books, the town council said.\n"
)


def test_a_record_that_cannot_be_encoded_becomes_a_failed_line(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    with ResultsFile.open(out) as results:
        results.append({"id": "bad\ud800id", "ok": True, "result": {"summary": "x\udc80y"}})
        results.append({"id": "good", "ok": True, "result": {"summary": "fine"}})
    lines = out.read_bytes().splitlines()
    assert len(lines) == 2
    first = json.loads(lines[0])
    assert first["id"] == "bad\ud800id" and first["ok"] is False
    assert first["error"]["type"] == "UnicodeEncodeError"
    assert "not valid Unicode" in first["error"]["message"]
    assert json.loads(lines[1]) == {"id": "good", "ok": True, "result": {"summary": "fine"}}


def test_a_batch_with_a_lone_surrogate_in_one_article_goes_on(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    items = [("a", ARTICLE), ("b", ARTICLE.replace("Saturday", "Satur\ud800day")), ("c", ARTICLE)]
    summary = run_batch(items, out)
    assert summary.ok + summary.failed == 3
    records = read_results(out)
    assert set(records) == {"a", "b", "c"}
    assert records["a"]["ok"] and records["c"]["ok"]


def test_an_existing_results_file_readable_by_others_is_made_private(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text(json.dumps({"id": "a", "ok": True, "result": {}}) + "\n", encoding="utf-8")
    os.chmod(out, 0o644)
    caplog.set_level(logging.WARNING)
    with ResultsFile.open(out) as results:
        assert results.completed == {"a"}
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert "readable by other users" in caplog.text

"""Files we write are private, and a damaged cache is rebuilt, not a crash."""

from __future__ import annotations

import io
import logging
import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from factcheck import check
from factcheck.batch import run_batch
from factcheck.cli import main
from factcheck.private_files import write_private
from factcheck.testing import FakeOpenAIServer

ARTICLE = (
    "Valdane opens a public library\n\n"
    "Valdane opened its new public library on Saturday after 26 months of building work. "
    "The library cost 7.8 million euros and holds 140,000 books, the town council said.\n"
)


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def open_umask() -> Iterator[None]:
    """A umask that would leave new files world-readable (0644 / 0755)."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def _check(server: FakeOpenAIServer, cache: Path) -> None:
    result = check(
        ARTICLE,
        model="fake-model",
        base_url=server.base_url,
        api_key="k",
        cache="read-write",
        cache_path=str(cache),
    )
    assert not result.partial and result.claims


def test_cache_and_batch_output_are_owner_only(
    fake_openai: FakeOpenAIServer, tmp_path: Path, open_umask: None
) -> None:
    cache = tmp_path / "new-dir" / "responses.sqlite3"
    _check(fake_openai, cache)
    assert mode(cache) == 0o600
    assert mode(cache.parent) == 0o700
    out = tmp_path / "results.jsonl"
    run_batch([("a", ARTICLE)], out, model="fake-model", base_url=fake_openai.base_url, api_key="k")
    assert mode(out) == 0o600


def test_eval_report_files_are_owner_only(tmp_path: Path, open_umask: None) -> None:
    assert mode(write_private(tmp_path / "report.json", "{}")) == 0o600


def test_the_run_report_file_is_owner_only(tmp_path: Path, open_umask: None) -> None:
    source = tmp_path / "article.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "result.json"
    assert main(["run", str(source), "--format", "json", "-o", str(out)], io.StringIO()) == 0
    assert mode(out) == 0o600


@pytest.mark.parametrize("damage", ["pages", "truncated"])
def test_a_damaged_cache_is_moved_aside_and_rebuilt_through_the_pipeline(
    fake_openai: FakeOpenAIServer,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    damage: str,
) -> None:
    cache = tmp_path / "responses.sqlite3"
    _check(fake_openai, cache)  # a healthy cache with one reply
    data = cache.read_bytes()
    # SQLite's header stays: the file is still recognisably a (damaged) database.
    if damage == "pages":
        cache.write_bytes(data[:100] + b"\xff" * (len(data) - 100))
    else:
        cache.write_bytes(data[: len(data) // 2 + 7])
    fake_openai.clear()

    with caplog.at_level(logging.WARNING):
        _check(fake_openai, cache)  # no crash: the reply is fetched again
    assert "response cache" in caplog.text and "moved it to" in caplog.text
    assert len(fake_openai.chat_requests) == 1
    aside = [p for p in tmp_path.iterdir() if ".corrupt-" in p.name]
    assert aside, "the damaged file is kept for inspection"
    assert mode(cache) == 0o600
    with sqlite3.connect(cache) as db:
        assert db.execute("PRAGMA quick_check").fetchone() == ("ok",)
        assert db.execute("SELECT count(*) FROM replies").fetchone() == (1,)

    fake_openai.clear()
    _check(fake_openai, cache)  # the rebuilt cache answers
    assert fake_openai.chat_requests == []


@pytest.mark.parametrize("content", [b"this is not a database\x00" * 200, b"\x00" * 4096])
def test_a_cache_path_that_is_not_a_database_is_refused_with_exit_2(
    fake_openai: FakeOpenAIServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: bytes,
) -> None:
    source = tmp_path / "article.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    precious = tmp_path / "notes.db"
    precious.write_bytes(content)
    argv = ["run", str(source), "--model", "fake-model", "--base-url", fake_openai.base_url]
    argv += ["--cache", "read-write", "--cache-path", str(precious)]
    assert main(argv, io.StringIO()) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "other than a SQLite database" in err
    assert precious.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["article.txt", "notes.db"]
    assert fake_openai.chat_requests == []

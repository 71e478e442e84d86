"""The response cache keys by server, distrusts what it reads, respects others' locks."""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import stat
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest

from factcheck.errors import CacheMissError, InvalidCacheEntryError
from factcheck.llm import JsonReply, JsonRequest, OpenAICompatibleModel, ResponseCache
from factcheck.testing import FakeOpenAIServer, Reply

ModelFactory = Callable[..., OpenAICompatibleModel]
SENTINEL = "sk-SENTINEL-7f3a9c2e51d84b06a1e2"


@pytest.fixture
def cache_path(tmp_path: Path) -> Path:
    return tmp_path / "cache" / "replies.sqlite3"


def _record(make_model: ModelFactory, request: JsonRequest, cache_path: Path) -> JsonReply:
    """Ask once through a read-write cache at ``cache_path``, which keeps the reply."""
    with ResponseCache(cache_path) as cache:
        return make_model(cache=cache).complete_json_sync(request)


def _reduce_reply(summary: str) -> Reply:
    return Reply.with_json({"summary": summary})


def test_a_reply_from_one_server_is_not_replayed_for_another(
    make_model: ModelFactory, reduce_request: JsonRequest, cache_path: Path
) -> None:
    with FakeOpenAIServer() as first, FakeOpenAIServer() as second:
        first.script(_reduce_reply("from the first server"))
        second.script(_reduce_reply("from the second server"))
        with ResponseCache(cache_path) as cache:
            one = make_model(base_url=first.base_url, cache=cache)
            two = make_model(base_url=second.base_url, cache=cache)
            assert one.complete_json_sync(reduce_request).data["summary"] == (
                "from the first server"
            )
            reply = two.complete_json_sync(reduce_request)
        assert reply.cached is False
        assert reply.data["summary"] == "from the second server"
        assert len(second.chat_requests) == 1


def test_the_key_in_the_url_is_not_part_of_the_cache_key(
    make_model: ModelFactory,
    fake_openai: FakeOpenAIServer,
    reduce_request: JsonRequest,
    cache_path: Path,
) -> None:
    plain = fake_openai.base_url
    with_user = plain.replace("http://", "http://user:secret-one@")
    with ResponseCache(cache_path) as cache:
        make_model(base_url=plain, cache=cache).complete_json_sync(reduce_request)
        again = make_model(base_url=with_user, cache=cache).complete_json_sync(reduce_request)
    assert again.cached is True
    with closing(sqlite3.connect(cache_path)) as db:
        dump = "\n".join(db.iterdump())
    assert "secret-one" not in dump


def _tamper(path: Path, data: object) -> None:
    with closing(sqlite3.connect(path)) as db:
        db.execute("UPDATE replies SET data = ?", (json.dumps(data),))
        db.commit()


def test_a_tampered_entry_is_a_miss_in_read_write_mode(
    make_model: ModelFactory,
    fake_openai: FakeOpenAIServer,
    reduce_request: JsonRequest,
    cache_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    _record(make_model, reduce_request, cache_path)
    _tamper(cache_path, {"summary": 42, "injected": "<script>"})
    fake_openai.clear()
    caplog.set_level(logging.WARNING, logger="factcheck.llm")
    with ResponseCache(cache_path) as cache:
        reply = make_model(cache=cache).complete_json_sync(reduce_request)
    assert reply.cached is False
    assert isinstance(reply.data["summary"], str)
    assert len(fake_openai.chat_requests) == 1
    assert "does not satisfy the schema" in caplog.text


def test_a_tampered_entry_is_an_error_in_replay_mode(
    make_model: ModelFactory,
    fake_openai: FakeOpenAIServer,
    reduce_request: JsonRequest,
    cache_path: Path,
) -> None:
    _record(make_model, reduce_request, cache_path)
    _tamper(cache_path, {"summary": ["not", "a", "string"]})
    fake_openai.clear()
    with (
        ResponseCache(cache_path, mode="replay") as cache,
        pytest.raises(InvalidCacheEntryError, match="does not satisfy the schema"),
    ):
        make_model(cache=cache).complete_json_sync(reduce_request)
    assert fake_openai.chat_requests == []


def test_an_entry_with_bad_token_counts_is_not_served(
    make_model: ModelFactory, reduce_request: JsonRequest, cache_path: Path
) -> None:
    _record(make_model, reduce_request, cache_path)
    with closing(sqlite3.connect(cache_path)) as db:
        db.execute("UPDATE replies SET prompt_tokens = 'lots'")
        db.commit()
    with ResponseCache(cache_path) as cache:
        assert make_model(cache=cache).complete_json_sync(reduce_request).cached is False


def test_a_locked_cache_is_waited_for_then_skipped_never_moved(
    make_model: ModelFactory,
    fake_openai: FakeOpenAIServer,
    reduce_request: JsonRequest,
    cache_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    _record(make_model, reduce_request, cache_path)
    fake_openai.clear()
    other = sqlite3.connect(cache_path, isolation_level=None)  # another process's writer
    other.execute("BEGIN EXCLUSIVE")
    caplog.set_level(logging.WARNING, logger="factcheck.llm")
    try:
        with ResponseCache(cache_path, lock_timeout=0.2) as cache:
            reply = make_model(cache=cache).complete_json_sync(reduce_request)
        assert reply.cached is False  # went on without the cache
        other.execute("INSERT INTO replies SELECT * FROM replies WHERE 0")
        other.execute("COMMIT")  # the other process's commit still succeeds
    finally:
        other.close()
    assert "locked by another process" in caplog.text
    assert [p.name for p in cache_path.parent.iterdir()] == [cache_path.name]
    with closing(sqlite3.connect(cache_path)) as db:
        assert db.execute("SELECT count(*) FROM replies").fetchone() == (1,)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads and writes any file")
def test_replay_works_on_a_read_only_cache(
    make_model: ModelFactory,
    fake_openai: FakeOpenAIServer,
    reduce_request: JsonRequest,
    cache_path: Path,
) -> None:
    recorded = _record(make_model, reduce_request, cache_path)
    fake_openai.clear()
    cache_path.chmod(0o400)
    cache_path.parent.chmod(0o500)
    try:
        with ResponseCache(cache_path, mode="replay") as cache:
            replayed = make_model(cache=cache).complete_json_sync(reduce_request)
    finally:
        cache_path.parent.chmod(0o700)
    assert replayed.cached is True and replayed.data == recorded.data
    assert fake_openai.chat_requests == []


def test_replay_opens_the_file_read_only(
    make_model: ModelFactory,
    fake_openai: FakeOpenAIServer,
    reduce_request: JsonRequest,
    cache_path: Path,
) -> None:
    _record(make_model, reduce_request, cache_path)
    before = cache_path.read_bytes()
    with ResponseCache(cache_path, mode="replay") as cache:
        model = make_model(cache=cache)
        model.complete_json_sync(reduce_request)
        connection = cache._connection()
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            connection.execute("DELETE FROM replies")
    assert cache_path.read_bytes() == before


def test_replay_of_a_missing_file_is_a_miss_and_creates_nothing(
    make_model: ModelFactory, reduce_request: JsonRequest, cache_path: Path
) -> None:
    with (
        ResponseCache(cache_path, mode="replay") as cache,
        pytest.raises(CacheMissError, match="no cached reply"),
    ):
        make_model(cache=cache).complete_json_sync(reduce_request)
    assert not cache_path.exists()


def test_an_existing_cache_readable_by_others_is_made_private(
    make_model: ModelFactory,
    reduce_request: JsonRequest,
    cache_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    _record(make_model, reduce_request, cache_path)
    cache_path.chmod(0o644)
    caplog.set_level(logging.WARNING)
    with ResponseCache(cache_path) as cache:
        assert make_model(cache=cache).complete_json_sync(reduce_request).cached is True
    assert stat.S_IMODE(cache_path.stat().st_mode) == 0o600
    assert "readable by other users" in caplog.text


def test_a_reply_that_contains_the_key_is_stored_redacted(
    make_model: ModelFactory,
    fake_openai: FakeOpenAIServer,
    reduce_request: JsonRequest,
    cache_path: Path,
) -> None:
    fake_openai.script(_reduce_reply(f"The key is {SENTINEL}."))
    with ResponseCache(cache_path) as cache:
        make_model(api_key=SENTINEL, cache=cache).complete_json_sync(reduce_request)
    with closing(sqlite3.connect(cache_path)) as db:
        dump = "\n".join(db.iterdump())
    assert "The key is [redacted]." in dump
    assert SENTINEL not in dump
    assert SENTINEL not in cache_path.read_bytes().decode("utf-8", "replace")

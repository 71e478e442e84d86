"""The response cache: record, replay, what it refuses to keep, and damaged files."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import stat
from collections.abc import Callable
from contextlib import closing
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from factcheck.errors import CacheMissError, ConfigurationError, RefusalError, TruncatedReplyError
from factcheck.llm import JsonReply, JsonRequest, OpenAICompatibleModel, ResponseCache
from factcheck.llm._cache import CachedReply, CacheMode, cache_key
from factcheck.llm._ladder import LadderMemory
from factcheck.prompt_files import load_prompt
from factcheck.testing import FakeOpenAIServer, Reply

ModelFactory = Callable[..., OpenAICompatibleModel]
Runner = Callable[[OpenAICompatibleModel, JsonRequest], JsonReply]


@pytest.fixture
def cache_path(tmp_path: Path) -> Path:
    return tmp_path / "cache" / "replies.sqlite3"


def test_read_write_serves_the_second_call_from_the_cache(
    fake_openai: FakeOpenAIServer,
    make_model: ModelFactory,
    run: Runner,
    section_request: JsonRequest,
    cache_path: Path,
) -> None:
    with ResponseCache(cache_path) as cache:
        model = make_model(cache=cache)
        fake_openai.script(Reply.with_json({"section_summary": "s", "claims": []}, usage=(500, 20)))
        first = run(model, section_request)
        second = run(model, section_request)
        assert len(fake_openai.chat_requests) == 1
        assert first.cached is False
        assert second.cached is True
        assert second.data == first.data == {"section_summary": "s", "claims": []}
        assert second.raw == first.raw
        assert second.attempts == 0
        assert second.usage.requests == 0
        assert second.usage.cached_requests == 1
        assert (second.usage.prompt_tokens, second.usage.completion_tokens) == (500, 20)
        assert second.usage.cost_usd is None


def test_replay_makes_no_http_requests(
    fake_openai: FakeOpenAIServer,
    make_model: ModelFactory,
    run: Runner,
    section_request: JsonRequest,
    cache_path: Path,
) -> None:
    with ResponseCache(cache_path) as recorder:
        recorded = make_model(cache=recorder).complete_json_sync(section_request)
    fake_openai.clear()
    other_version = replace(section_request, prompt_version="extract_section/0")
    with ResponseCache(cache_path, mode="replay") as replayer:
        model = make_model(cache=replayer)
        replayed = run(model, section_request)
        assert replayed.data == recorded.data
        assert replayed.cached is True
        with pytest.raises(CacheMissError, match="no cached reply") as caught:
            run(model, other_version)
        assert caught.value.attempts == 0
    assert fake_openai.requests == []


def test_replay_finds_replies_recorded_at_a_lower_ladder_step(
    fake_openai: FakeOpenAIServer,
    make_model: ModelFactory,
    section_request: JsonRequest,
    cache_path: Path,
) -> None:
    fake_openai.accept_strict = False
    with ResponseCache(cache_path) as recorder:
        assert make_model(cache=recorder).complete_json_sync(section_request).mode == "json_schema"
    fake_openai.clear()
    # A fresh ladder memory, as in a new process, starts at the top step.
    with ResponseCache(cache_path, mode=CacheMode.REPLAY) as replayer:
        reply = make_model(cache=replayer, ladder_memory=LadderMemory()).complete_json_sync(
            section_request
        )
    assert reply.mode == "json_schema"
    assert fake_openai.requests == []


def test_off_mode_neither_reads_nor_writes(
    fake_openai: FakeOpenAIServer,
    make_model: ModelFactory,
    reduce_request: JsonRequest,
    cache_path: Path,
) -> None:
    with ResponseCache(cache_path, mode="off") as cache:
        model = make_model(cache=cache)
        model.complete_json_sync(reduce_request)
        model.complete_json_sync(reduce_request)
        assert len(fake_openai.chat_requests) == 2
        assert len(cache) == 0


@pytest.mark.parametrize(
    "case",
    [(Reply.refused("No."), RefusalError), (Reply.truncated(), TruncatedReplyError)],
    ids=["refusal", "truncation"],
)
def test_refusals_and_truncations_are_never_stored(
    fake_openai: FakeOpenAIServer,
    make_model: ModelFactory,
    reduce_request: JsonRequest,
    cache_path: Path,
    case: tuple[Reply, type[Exception]],
) -> None:
    reply, error = case
    with ResponseCache(cache_path) as cache:
        model = make_model(cache=cache)
        fake_openai.script(reply)
        with pytest.raises(error):
            model.complete_json_sync(reduce_request)
        assert len(cache) == 0
        assert model.complete_json_sync(reduce_request).cached is False
        assert len(fake_openai.chat_requests) == 2
        assert len(cache) == 1


def test_cache_file_is_private(
    make_model: ModelFactory, reduce_request: JsonRequest, cache_path: Path
) -> None:
    with ResponseCache(cache_path) as cache:
        make_model(cache=cache).complete_json_sync(reduce_request)
    assert stat.S_IMODE(cache_path.stat().st_mode) == 0o600


def _damaged_database(path: Path) -> bytes:
    """A cache database whose pages after SQLite's 100-byte header are overwritten."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with closing(sqlite3.connect(path)) as db:
        db.execute("CREATE TABLE filler (x TEXT)")
        db.executemany("INSERT INTO filler VALUES (?)", [("x" * 500,)] * 40)
        db.commit()
    data = path.read_bytes()
    damaged = data[:100] + b"\xff" * (len(data) - 100)
    path.write_bytes(damaged)
    return damaged


def test_a_corrupt_cache_is_moved_aside_and_rebuilt(
    make_model: ModelFactory,
    reduce_request: JsonRequest,
    cache_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    damaged = _damaged_database(cache_path)
    caplog.set_level(logging.WARNING, logger="factcheck.llm")
    with ResponseCache(cache_path) as cache:
        model = make_model(cache=cache)
        assert model.complete_json_sync(reduce_request).cached is False
        assert model.complete_json_sync(reduce_request).cached is True
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any("unreadable" in w and "started a new one" in w for w in warnings)
    aside = list(cache_path.parent.glob("replies.sqlite3.corrupt-*"))
    assert len(aside) == 1
    assert aside[0].read_bytes() == damaged
    assert stat.S_IMODE(cache_path.stat().st_mode) == 0o600


@pytest.mark.parametrize("content", [b"my thesis, chapter 3\n" * 200, b"\x00" * 4096])
def test_a_file_that_is_not_a_database_is_refused_and_left_alone(
    cache_path: Path, content: bytes
) -> None:
    cache_path.parent.mkdir(parents=True)
    cache_path.write_bytes(content)
    with pytest.raises(ConfigurationError, match="other than a SQLite database"):
        ResponseCache(cache_path)
    assert cache_path.read_bytes() == content
    assert list(cache_path.parent.iterdir()) == [cache_path]


def test_a_directory_is_refused_as_a_cache_path(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="not a regular file"):
        ResponseCache(tmp_path)


def test_a_file_replaced_after_opening_is_left_alone_and_the_run_goes_on(
    make_model: ModelFactory,
    reduce_request: JsonRequest,
    cache_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING, logger="factcheck.llm")
    with ResponseCache(cache_path) as cache:
        model = make_model(cache=cache)
        model.complete_json_sync(reduce_request)
        cache.close()
        cache_path.write_bytes(b"\x00garbage" * 1000)
        # Not a database any more, and not ours to replace: the call goes to the server.
        assert model.complete_json_sync(reduce_request).cached is False
        assert model.complete_json_sync(reduce_request).cached is False
    assert cache_path.read_bytes() == b"\x00garbage" * 1000
    assert "going on without the cache" in caplog.text


def test_concurrent_async_calls_share_one_cache(
    fake_openai: FakeOpenAIServer, make_model: ModelFactory, cache_path: Path
) -> None:
    prompt = load_prompt("single")
    requests = [
        prompt.to_request(title=f"T{i}", section_text=f"In {2000 + i} it rained.") for i in range(8)
    ]
    with ResponseCache(cache_path) as cache:
        model = make_model(cache=cache)

        async def all_twice() -> list[JsonReply]:
            async with model:
                first = await asyncio.gather(*(model.complete_json(r) for r in requests))
                again = await asyncio.gather(*(model.complete_json(r) for r in requests))
                return [*first, *again]

        replies = asyncio.run(all_twice())
        assert len(cache) == 8
    assert [r.cached for r in replies] == [False] * 8 + [True] * 8
    assert len(fake_openai.chat_requests) == 8
    assert [r.data["claims"][0]["quote"] for r in replies[8:]] == [
        f"In {2000 + i} it rained." for i in range(8)
    ]


def test_the_key_covers_everything_that_shapes_a_reply() -> None:
    request = JsonRequest(
        messages=[{"role": "user", "content": "hi"}],
        schema={"type": "object"},
        schema_name="s",
        prompt_version="s/1",
        temperature=0.0,
        max_output_tokens=None,
        label="extract[0]",
    )
    where: dict[str, str] = {
        "server": "http://127.0.0.1:8000/v1",
        "model": "m",
        "mode": "json_schema_strict",
    }
    key = cache_key(request, **where)
    assert len(key) == 64
    assert key == cache_key(request, **where)
    # The label only names the call in logs: it does not change the reply.
    assert key == cache_key(replace(request, label="judge[1]"), **where)
    request_changes: list[dict[str, Any]] = [
        {"messages": [{"role": "user", "content": "hi!"}]},
        {"schema": {"type": "object", "properties": {}}},
        {"schema_name": "t"},
        {"prompt_version": "s/2"},
        {"temperature": 0.7},
        {"max_output_tokens": 100},
    ]
    where_changes = [
        {"server": "http://127.0.0.1:8001/v1"},
        {"model": "m2"},
        {"mode": "text"},
    ]
    keys = {cache_key(replace(request, **c), **where) for c in request_changes}
    keys |= {cache_key(request, **{**where, **c}) for c in where_changes}
    assert len(keys) == len(request_changes) + len(where_changes)
    assert key not in keys


def test_stored_entries_round_trip(cache_path: Path) -> None:
    with ResponseCache(cache_path) as cache:
        entry = CachedReply("json_object", '{"a": "é"}', {"a": "é"}, 10, 2, True)
        cache.put("k", model="m", prompt_version="p/1", reply=entry)
        assert cache.get("k") == entry
        assert cache.get("other") is None
    with closing(sqlite3.connect(cache_path)) as conn:
        rows = conn.execute("SELECT model, prompt_version FROM replies").fetchall()
    assert rows == [("m", "p/1")]


def test_unknown_cache_mode_is_a_configuration_error(cache_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="read-write"):
        ResponseCache(cache_path, mode="sometimes")

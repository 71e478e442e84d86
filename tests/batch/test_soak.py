"""Soak: 200 articles through the loopback server with about 30% of calls faulted.

Every fault the client must survive, at random (a fixed seed, decided per
request content so the run does not depend on timing): 429 with Retry-After
0, 500 and 503, stalls past the client's timeout, dropped connections,
invalid JSON, JSON that breaks the schema, truncated replies and refusals.
Every article must come out exactly once, complete and valid or failed with
its error, and no request may be retried past the configured bounds.
"""

from __future__ import annotations

import asyncio
import collections
import hashlib
import json
import random
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from factcheck.batch import arun_batch, read_results
from factcheck.settings import CheckSettings
from factcheck.testing import FakeOpenAIServer, Fault, RecordedRequest, Reply
from factcheck.testing._script import Outcome

ARTICLES = 200
FAULT_RATE = 0.30
SEED = 20240611
CLIENT_TIMEOUT = 0.25
MAX_ATTEMPTS = 4  # FAST_RETRY in conftest.py
REASKS = 2
CONCURRENCY = 8

FAULTS: dict[str, Callable[[], Outcome]] = {
    "429": lambda: Fault.rate_limited(retry_after=0),
    "500": lambda: Fault.server_error(500),
    "503": Fault.unavailable,
    "timeout": lambda: Fault.delay(CLIENT_TIMEOUT * 3),
    "drop": Fault.drop,
    "not-json": Reply.not_json,
    "bad-schema": lambda: Reply.with_json({"summary": 42, "claims": "none"}),
    "truncated": Reply.truncated,
    "refusal": Reply.refused,
}
FAILURE_TYPES = {
    "RefusalError",
    "InvalidReplyError",
    "TruncatedReplyError",
    "TransportError",
    "RateLimitError",
}


def _content(request: RecordedRequest) -> str:
    body = request.body if isinstance(request.body, dict) else {}
    return json.dumps(body.get("messages"), sort_keys=True)


class FaultyHandler:
    """Faults ~30% of chat requests, chosen from the request's content and repeat count."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.seen: collections.Counter[str] = collections.Counter()
        self.faults: collections.Counter[str] = collections.Counter()

    def __call__(self, request: RecordedRequest) -> Outcome | None:
        content = _content(request)
        with self.lock:
            self.seen[content] += 1
            repeat = self.seen[content]
        digest = hashlib.sha256(f"{SEED}:{repeat}:{content}".encode()).hexdigest()
        rng = random.Random(digest)
        if rng.random() >= FAULT_RATE:
            return None  # the default model answers
        kind = rng.choice(sorted(FAULTS))
        with self.lock:
            self.faults[kind] += 1
        return FAULTS[kind]()


def _owner(request: RecordedRequest, titles: dict[str, str]) -> str:
    """The id of the article a request was about, from the title every prompt carries."""
    body = request.body if isinstance(request.body, dict) else {}
    # The first user message holds the prompt; later ones are re-asks.
    user = next(str(m["content"]) for m in body["messages"] if m["role"] == "user")
    title = next(line for line in user.splitlines() if line.startswith("Title: "))
    return titles[title.removeprefix("Title: ")]


def test_two_hundred_articles_under_thirty_percent_faults(
    fake_openai: FakeOpenAIServer,
    articles: Callable[[int], list[tuple[str, str]]],
    make_model: Callable[..., Any],
    valid_result: Callable[[dict[str, Any]], None],
    tmp_path: Path,
) -> None:
    handler = FaultyHandler()
    fake_openai.handler = handler
    items = articles(ARTICLES)
    texts = dict(items)
    model = make_model(timeout=CLIENT_TIMEOUT, reasks=REASKS)
    settings = CheckSettings()
    out = tmp_path / "out.jsonl"

    summary = asyncio.run(
        arun_batch(
            items, out, model=model, settings=settings, concurrency=CONCURRENCY, recover_after=4
        )
    )

    # Every article exactly once (last line per id), complete and valid or failed with its error.
    records = read_results(out)
    assert sorted(records) == sorted(texts)
    raw_ids = [json.loads(line)["id"] for line in out.read_text("utf-8").splitlines()]
    assert sorted(raw_ids) == sorted(texts)  # one run: one line per article, none lost
    failures: collections.Counter[str] = collections.Counter()
    for record in records.values():
        if record["ok"]:
            valid_result(record["result"])
            assert record["result"]["partial"] is False
        else:
            assert record["error"]["type"] in FAILURE_TYPES
            assert record["error"]["message"]
            failures[record["error"]["type"]] += 1
    assert summary.ok + summary.failed == ARTICLES
    assert summary.ok == sum(r["ok"] for r in records.values())
    assert summary.ok > ARTICLES // 2  # retries and re-asks rescue most faulted calls

    # Retries stay within their bounds: no request is sent more than max_attempts
    # times, and no article costs more than its worst case.
    requests = fake_openai.chat_requests
    per_content = collections.Counter(_content(r) for r in requests)
    assert max(per_content.values()) <= MAX_ATTEMPTS
    titles = {text.split("\n")[0]: key for key, text in items}
    assert len(titles) == ARTICLES
    per_article = collections.Counter(_owner(r, titles) for r in requests)
    calls_bound = sum(2**depth for depth in range(settings.max_splits + 1)) + 1  # + reduce
    article_bound = calls_bound * (REASKS + 1) * MAX_ATTEMPTS
    assert max(per_article.values()) <= article_bound
    assert set(per_article) == set(texts)
    assert sum(handler.faults.values()) >= 0.2 * len(requests)  # the faults really happened
    assert summary.peak_in_flight <= CONCURRENCY

    print(
        "\nsoak tally:",
        json.dumps(
            {
                "articles": ARTICLES,
                "ok": summary.ok,
                "failed": summary.failed,
                "failures_by_type": dict(failures),
                "requests": len(requests),
                "faults_injected": dict(sorted(handler.faults.items())),
                "max_requests_per_article": max(per_article.values()),
                "article_bound": article_bound,
                "max_sends_of_one_request": max(per_content.values()),
                "peak_in_flight": summary.peak_in_flight,
                "rate_limit_halvings": summary.rate_limit_halvings,
            },
            sort_keys=True,
        ),
    )

"""Who gets a request slot, and that a batch of multi-section articles never exceeds its bound.

While articles remain to begin, an article's reduce goes before the sections
of later articles; once all have begun, calls go in order of arrival.

The limiter's order is checked on the limiter itself, where it is
deterministic; the bound is checked where it matters, at the loopback server,
which counts the requests it is answering at once.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from factcheck.batch import arun_batch, read_results
from factcheck.batch.limited_model import ModelWrapper
from factcheck.batch.limiter import AdaptiveLimiter, BatchOrder
from factcheck.llm import JsonModel, JsonReply, JsonRequest, OpenAICompatibleModel
from factcheck.settings import CheckSettings
from factcheck.testing import FakeOpenAIServer, RecordedRequest

Articles = Callable[[int], list[tuple[str, str]]]


async def _queue_up(
    limiter: AdaptiveLimiter, calls: list[tuple[str, int]], granted: list[str]
) -> list[asyncio.Task[None]]:
    """Start one waiting call per (name, priority), in that order of arrival."""

    async def call(name: str, priority: int) -> None:
        await limiter.acquire(priority)
        granted.append(name)

    tasks = []
    for name, priority in calls:
        tasks.append(asyncio.create_task(call(name, priority)))
        await asyncio.sleep(0)  # arrives now, before the next one
    return tasks


def test_waiting_calls_get_slots_by_priority_then_arrival() -> None:
    limiter = AdaptiveLimiter(1)
    granted: list[str] = []

    async def main() -> None:
        await limiter.acquire()
        calls = [("late-article", 5), ("first-a", 1), ("reduce", 0), ("first-b", 1), ("other", 5)]
        tasks = await _queue_up(limiter, calls, granted)
        assert granted == []  # the one slot is taken
        for _ in calls:
            limiter.release(ok=True)
            await asyncio.sleep(0)
        await asyncio.gather(*tasks)

    asyncio.run(main())
    assert granted == ["reduce", "first-a", "first-b", "late-article", "other"]
    assert limiter.peak_in_flight == 1


def test_a_freed_slot_goes_to_the_waiting_call_not_a_newcomer() -> None:
    limiter = AdaptiveLimiter(1)
    granted: list[str] = []

    async def main() -> None:
        await limiter.acquire()
        (waiting,) = await _queue_up(limiter, [("waiting", 9)], granted)
        limiter.release(ok=True)
        # Arrives in the same step as the release, with a better priority.
        newcomer = asyncio.create_task(_take(limiter, "newcomer", granted))
        await waiting
        assert granted == ["waiting"]
        assert limiter.in_flight == 1
        limiter.release(ok=True)
        await newcomer

    asyncio.run(main())
    assert granted == ["waiting", "newcomer"]


async def _take(limiter: AdaptiveLimiter, name: str, granted: list[str]) -> None:
    await limiter.acquire(0)
    granted.append(name)


def test_a_slot_handed_to_a_cancelled_call_passes_on() -> None:
    limiter = AdaptiveLimiter(1)
    granted: list[str] = []

    async def main() -> None:
        await limiter.acquire()
        first, second = await _queue_up(limiter, [("first", 0), ("second", 0)], granted)
        limiter.release(ok=True)  # handed to "first"...
        first.cancel()  # ...which is cancelled before it runs
        await asyncio.gather(first, return_exceptions=True)
        await second
        assert limiter.in_flight == 1  # "second" holds the one slot; none leaked
        limiter.release(ok=True)
        assert limiter.in_flight == 0

    asyncio.run(main())
    assert granted == ["second"]


def test_by_arrival_puts_every_waiting_call_in_arrival_order() -> None:
    limiter = AdaptiveLimiter(1)
    granted: list[str] = []

    async def main() -> None:
        await limiter.acquire()
        tasks = await _queue_up(limiter, [("section-late", 5), ("section-early", 1)], granted)
        limiter.by_arrival()
        # A reduce of the first article, ready after both sections were waiting.
        tasks += await _queue_up(limiter, [("reduce", 0)], granted)
        for _ in range(3):
            limiter.release(ok=True)
            await asyncio.sleep(0)
        await asyncio.gather(*tasks)

    asyncio.run(main())
    assert granted == ["section-late", "section-early", "reduce"]


def test_waiting_calls_start_when_a_retry_after_pause_ends() -> None:
    limiter = AdaptiveLimiter(2)
    granted: list[str] = []

    async def main() -> None:
        limiter.on_rate_limit(0.05, None)  # limit 2 -> 1, and a pause
        tasks = await _queue_up(limiter, [("a", 0), ("b", 0)], granted)
        await asyncio.sleep(0)
        assert granted == []  # nothing starts during the pause
        await tasks[0]
        assert granted == ["a"]
        assert limiter.pause_remaining() == 0.0
        assert not tasks[1].done()  # the halved limit holds "b" back
        limiter.release(ok=True)
        await tasks[1]

    asyncio.run(asyncio.wait_for(main(), 10))
    assert granted == ["a", "b"]


@pytest.mark.parametrize("concurrency", [1, 3])
def test_multi_section_articles_never_exceed_the_bound_at_the_server(
    articles: Articles, tmp_path: Path, concurrency: int
) -> None:
    # Each article splits into several sections plus a reduce, all wanting to
    # go at once; the first ``concurrency`` requests wait in the server until
    # all of them are in, so the bound is not only kept but reached.
    barrier = threading.Barrier(concurrency, timeout=20)
    seen = 0
    lock = threading.Lock()

    def first_wave_together(request: RecordedRequest) -> None:
        nonlocal seen
        with lock:
            seen += 1
            in_first_wave = seen <= concurrency
        if in_first_wave:
            barrier.wait()

    pairs = articles(8)
    settings = CheckSettings(max_section_tokens=40)
    with FakeOpenAIServer(latency=0.02, handler=first_wave_together) as server:
        model = OpenAICompatibleModel("fake-model", base_url=server.base_url, api_key="k")

        async def run() -> int:
            summary = await arun_batch(
                pairs, tmp_path / "out.jsonl", model=model, settings=settings,
                concurrency=concurrency,
            )  # fmt: skip
            await model.aclose()
            assert summary.failed == 0
            return summary.peak_in_flight

        peak = asyncio.run(run())
        requests = len(server.chat_requests)
        assert server.max_in_flight == concurrency
    assert peak == concurrency
    assert not barrier.broken
    records = read_results(tmp_path / "out.jsonl")
    sections = [len(r["result"]["sections"]) for r in records.values()]
    assert min(sections) >= 2  # these really are multi-section articles
    assert requests == sum(n + 1 for n in sections)  # every section, then one reduce


def _article_and_kind(request: JsonRequest) -> tuple[int, str]:
    """Which generated article a request is for (by its unique cost), and its schema's name."""
    text = "".join(m["content"] for m in request.messages)
    index = next(i for i in range(10) if f"worth {1.0 + i / 10:.1f} million" in text)
    return index, request.schema_name


class _GrantOrder(ModelWrapper):
    """``inner``, noting each call as it begins: behind the limiter, in the order slots went.

    Two calls granted slots at the same moment reach the server in either
    order, so the order is read here, where it is the limiter's.
    """

    def __init__(self, inner: JsonModel) -> None:
        super().__init__(inner)
        self.order: list[tuple[int, str]] = []

    async def complete_json(self, request: JsonRequest) -> JsonReply:
        self.order.append(_article_and_kind(request))
        return await self.inner.complete_json(request)


def _order_of_calls(
    pairs: list[tuple[str, str]], tmp_path: Path, concurrency: int
) -> tuple[list[tuple[int, str]], str, int]:
    """(article, kind) of each call in the order it got a slot, the reduce's kind, peak."""
    settings = CheckSettings(max_section_tokens=40)
    with FakeOpenAIServer(latency=0.2) as server:
        model = OpenAICompatibleModel("fake-model", base_url=server.base_url, api_key="k")
        granted = _GrantOrder(model)

        async def run() -> None:
            summary = await arun_batch(
                pairs, tmp_path / "out.jsonl", model=granted, settings=settings,
                concurrency=concurrency,
            )  # fmt: skip
            await model.aclose()
            assert summary.failed == 0

        asyncio.run(run())
        order = granted.order
        assert len(order) == len(server.chat_requests)
        peak = server.max_in_flight
    kinds = {kind for _, kind in order}
    (reduce_kind,) = {kind for kind in kinds if "reduce" in kind}
    assert len(kinds) == 2  # sections and reduces, nothing else
    for i in range(len(pairs)):  # two sections or more, then one reduce, for every article
        mine = [kind for index, kind in order if index == i]
        assert len(mine) >= 3 and mine[-1] == reduce_kind and mine.count(reduce_kind) == 1
    # Articles begin in order.
    firsts = [min(k for k, (index, _) in enumerate(order) if index == i) for i in range(len(pairs))]
    assert firsts == sorted(firsts)
    return order, reduce_kind, peak


def test_an_articles_reduce_goes_before_the_sections_of_later_articles(
    articles: Articles, tmp_path: Path
) -> None:
    # Two slots, eight multi-section articles, four in progress at a time: the
    # later ones are still to begin when the first article's reduce is ready,
    # and that reduce, which can only leave once its sections are in, gets a
    # slot before any section of the third article. (The server's
    # latency is far longer than an article takes to turn its sections'
    # replies into a reduce request, so the reduce is waiting when the next
    # slot frees.)
    order, reduce_kind, peak = _order_of_calls(articles(8), tmp_path, concurrency=2)
    assert peak <= 2
    first_reduce = order.index((0, reduce_kind))
    third_article = min(k for k, (index, _) in enumerate(order) if index == 2)
    assert first_reduce < third_article, order


def test_once_every_article_has_begun_waiting_sections_go_before_later_reduces(
    articles: Articles, tmp_path: Path
) -> None:
    # Two slots, three multi-section articles, all begun at once (a batch's
    # end): the sections of the last article were waiting long before the
    # first article's sections came back, so they go first, and the reduces,
    # which have no call behind them, end the batch together.
    order, reduce_kind, peak = _order_of_calls(articles(3), tmp_path, concurrency=2)
    assert peak <= 2
    first_reduce = min(k for k, (_, kind) in enumerate(order) if kind == reduce_kind)
    last_section = max(k for k, (_, kind) in enumerate(order) if kind != reduce_kind)
    assert last_section < first_reduce, order
    assert [index for index, kind in order if kind == reduce_kind] == [0, 1, 2]


class _OrderLog(AdaptiveLimiter):
    """A limiter that notes each change of the order its waiting calls go in."""

    def __init__(self) -> None:
        super().__init__(2)
        self.changes: list[str] = []

    def by_arrival(self) -> None:
        self.changes.append("arrival")
        super().by_arrival()

    def by_priority(self) -> None:
        self.changes.append("priority")
        super().by_priority()


def test_a_batch_goes_by_arrival_only_once_its_last_article_is_given_and_all_have_begun() -> None:
    limiter = _OrderLog()
    order = BatchOrder(limiter)
    order.give()
    order.give()
    order.begun()
    order.begun()
    assert limiter.changes == []  # all begun, but more may come
    order.give()
    order.all_given()
    assert limiter.changes == []  # the last is here, but not begun
    order.begun()
    assert limiter.changes == ["arrival"]
    order.new_batch()  # the next batch starts by priority, and counts afresh
    order.give()
    order.all_given()
    assert limiter.changes == ["arrival", "priority"]
    order.begun()
    assert limiter.changes == ["arrival", "priority", "arrival"]


def test_a_batch_counted_at_once_switches_with_its_last_article() -> None:
    limiter = _OrderLog()
    order = BatchOrder(limiter)
    order.give(3)  # as the runner does: the whole batch, then no more
    order.all_given()
    for _ in range(2):
        order.begun()
    assert limiter.changes == []
    order.begun()
    assert limiter.changes == ["arrival"]

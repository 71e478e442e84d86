"""One article of a batch, as a task on the event loop that also sends its model calls.

Every article in progress runs as a task on the batch's own event loop, beside
the requests and replies of all of them. Its work that takes milliseconds
(ingest, chunking, grounding, the summary check) goes in steps with the loop
given a turn between them (:mod:`factcheck.loop_turns`), so a reply waits at
most one step to be read and the next request leaves as soon as a slot is free.

One loop, not an article thread beside it: under one interpreter lock the two
threads took turns, every turn a forced switch after the switch interval (5 ms
by default) with its own cost, and a reply that came in while an article was
being grounded waited for a turn at each step of its reading. On one loop the
same work took about a fifth less CPU, and the replies that come in during a
step are all read in the next pass of the loop.

Articles are prepared one after another (``preparing``): the first request of
a batch leaves after one article's ingest and chunking, not after all of them.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import threading
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from factcheck.batch.items import BatchItem
from factcheck.batch.limited_model import LimitedModel, ModelWrapper
from factcheck.batch.records import Record, failure_record, outcome_record
from factcheck.errors import ServerConfigurationError
from factcheck.ingest import load_article
from factcheck.llm import JsonModel, JsonReply, JsonRequest
from factcheck.llm._retrying import CURRENT_ARTICLE
from factcheck.loop_turns import give_turn
from factcheck.pipeline import acheck
from factcheck.settings import CheckSettings
from factcheck.usage import Usage

log = logging.getLogger(__name__)

T = TypeVar("T")


class OnCall(ModelWrapper):
    """``inner``, with ``on_call`` called as each call is made, before it is sent."""

    def __init__(self, inner: JsonModel, on_call: Callable[[], None]) -> None:
        super().__init__(inner)
        self.on_call = on_call

    async def complete_json(self, request: JsonRequest) -> JsonReply:
        self.on_call()
        return await self.inner.complete_json(request)


class ArticleLoop:
    """An event loop on a daemon thread until :meth:`close`, for checking articles
    from synchronous code (a Ray actor, a batch's worker process): articles and
    their calls all run on it."""

    def __init__(self, name: str = "factcheck-articles") -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.run_forever()

    def submit(self, coro: Coroutine[Any, Any, T]) -> concurrent.futures.Future[T]:
        return asyncio.run_coroutine_threadsafe(coro, self.loop)

    def close(
        self,
        timeout: float = 5.0,
        then: Callable[[], Coroutine[Any, Any, None]] | None = None,
    ) -> None:
        """Cancel what is still running, await ``then()`` (closing what was opened on
        this loop), stop the loop and close it once its thread ends."""
        if self.loop.is_closed():
            return

        async def cancel_all() -> None:
            tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            if then is not None:
                await then()

        if self._thread.is_alive():
            stopped = self.submit(cancel_all())
            try:
                stopped.result(timeout)
            except (concurrent.futures.TimeoutError, concurrent.futures.CancelledError):
                log.debug("batch: article tasks did not finish cancelling in %s s", timeout)
            self.loop.call_soon_threadsafe(self.loop.stop)
            self._thread.join(timeout)
        if not self._thread.is_alive():
            self.loop.close()


async def until_begun(checked: asyncio.Future[Any], model: LimitedModel) -> None:
    """Return once the article ``checked`` has begun: its first request, through
    ``model`` (the article's own view of the limited model), has reached the
    limiter, or it ended without one."""
    called = asyncio.ensure_future(model.called.wait())
    try:
        await asyncio.wait((checked, called), return_when=asyncio.FIRST_COMPLETED)
    finally:
        called.cancel()


async def check_item(
    item: BatchItem,
    model: JsonModel | None,
    settings: CheckSettings | None,
    preparing: asyncio.Lock | None = None,
) -> tuple[Record, Usage]:
    """The output line for ``item`` and what its calls cost.

    ``preparing`` (one lock shared by the articles in progress on this loop)
    makes the article wait to be ingested and chunked until the article
    before it has made its first model call. Without it, the next article's
    ingest would run first: the earlier article's section calls wait behind it
    on the loop, and their slots would stand empty for that whole preparation.

    A server that cannot be used at all (refused, unknown host, rejected key)
    stops the batch: every article would fail alike, and none gets a line. The
    runner begins no article after it, and writes the lines of the articles in
    progress that end without meeting it (see :mod:`factcheck.batch.runner`).
    """
    # Set in this article's own task: its model calls, and their retry log lines, carry it.
    CURRENT_ARTICLE.set(item.id)
    held = False

    def next_may_start() -> None:
        nonlocal held
        if held and preparing is not None:
            held = False
            preparing.release()

    if preparing is not None and model is not None:
        await preparing.acquire()
        held = True
        # The next article is woken through the loop's queue, behind the
        # other sections' calls, queued already with the first: all of them
        # are made before it is prepared.
        model = OnCall(model, next_may_start)
    try:
        article = load_article(item.text)
        await give_turn()  # chunking is the next step
        result = await acheck(article, model=model, settings=settings)
    except ServerConfigurationError:
        raise
    except Exception as exc:  # one article's failure never stops the batch
        log.debug("batch: article %r failed", item.id, exc_info=True)
        return failure_record(item.id, exc), Usage()
    finally:
        next_may_start()  # an article that ends without a call lets the next one start
    return outcome_record(item.id, result), result.usage

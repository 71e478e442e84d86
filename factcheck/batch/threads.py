"""Article work on one thread of its own, model calls on the batch's event loop.

Grounding an article costs milliseconds of CPU. On the event loop, every one
of those milliseconds holds up every reply waiting to be read and every
request waiting to be sent, so calls finish late and workers fall into step
(all replies of a wave arrive together, then queue behind each other's
grounding). So a batch runs two loops: its own, which only sends requests and
reads replies, and an *article loop* on a thread of its own, where every
article in progress runs as a task (ingest, chunking, prompts, grounding).

One article thread, not one per article: under one interpreter lock, thirty
threads chunking at once all finish together and late, and each of them makes
the batch loop wait its turn for the lock. On one loop, articles are prepared
one after another, so the first request can go out after one article's work,
and the batch loop only ever shares the lock with one other thread. Model
calls hop back to the batch loop, where the shared client and the adaptive
limiter live.

The two threads take turns holding the lock, and the interpreter makes a busy
thread hand it over every *switch interval* (5 ms by default), so a reply that
comes in while an article is being grounded waits a few milliseconds for each
turn of the loop that reads it. A shorter interval (0.5 ms) read replies sooner
but cost more than it saved: every forced switch waits for the other thread
to be scheduled, and on a loaded machine that slowed the article thread enough
to leave slots empty for want of prepared articles. The interval is left as it is.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import threading
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from factcheck.batch.items import BatchItem
from factcheck.batch.limited_model import ModelWrapper
from factcheck.batch.records import Record, failure_record, outcome_record
from factcheck.errors import ServerConfigurationError
from factcheck.ingest import load_article
from factcheck.llm import JsonModel, JsonReply, JsonRequest
from factcheck.llm._retrying import CURRENT_ARTICLE
from factcheck.pipeline import acheck
from factcheck.settings import CheckSettings
from factcheck.usage import Usage

log = logging.getLogger(__name__)

T = TypeVar("T")


class LoopBridge(ModelWrapper):
    """A JsonModel for the article loop: each call runs ``inner`` on ``loop``.

    ``on_call`` (if given) is called on the article loop as each call is
    handed over, before the hop.
    """

    def __init__(
        self,
        inner: JsonModel,
        loop: asyncio.AbstractEventLoop,
        on_call: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(inner)
        self.loop = loop
        self.on_call = on_call

    async def complete_json(self, request: JsonRequest) -> JsonReply:
        if self.on_call is not None:
            self.on_call()
        future = asyncio.run_coroutine_threadsafe(self.inner.complete_json(request), self.loop)
        return await asyncio.wrap_future(future)


class ArticleLoop:
    """An event loop running on a daemon thread until :meth:`close`."""

    def __init__(self, name: str = "factcheck-articles") -> None:
        self.loop = asyncio.new_event_loop()
        # One article is prepared at a time (see :func:`check_item`).
        self.preparing = asyncio.Lock()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.run_forever()

    def submit(self, coro: Coroutine[Any, Any, T]) -> concurrent.futures.Future[T]:
        return asyncio.run_coroutine_threadsafe(coro, self.loop)

    def close(self, timeout: float = 5.0) -> None:
        """Cancel what is still running, stop the loop and close it once its thread ends."""
        if self.loop.is_closed():
            return

        async def cancel_all() -> None:
            tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

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


async def check_item(
    item: BatchItem,
    model: JsonModel | None,
    settings: CheckSettings | None,
    preparing: asyncio.Lock | None = None,
) -> tuple[Record, Usage]:
    """The output line for ``item`` and what its calls cost; runs on the article loop.

    ``preparing`` (the article loop's :attr:`ArticleLoop.preparing`) matters
    when ``model`` is a :class:`LoopBridge` and several articles are in
    progress on the loop. The article is then ingested and chunked only once
    the article before it has handed over its first model call. Without it,
    the next article's ingest would run first: the earlier article's section
    calls are queued behind it on this loop, and their slots would stand
    empty for that whole preparation.

    A server that cannot be used at all (refused, unknown host, rejected key)
    stops the batch: every article would fail alike, and none gets a line.
    """
    # Set in this article's own task: its model calls, and their retry log lines, carry it.
    CURRENT_ARTICLE.set(item.id)
    held = False

    def next_may_start() -> None:
        nonlocal held
        if held and preparing is not None:
            held = False
            preparing.release()

    if preparing is not None and isinstance(model, LoopBridge):
        await preparing.acquire()
        held = True
        # This article's own bridge: a bridge may be shared by the articles in
        # progress. The next article is woken through this loop's queue,
        # behind the other sections' calls, queued already with the first:
        # all of them are handed over before it is prepared.
        model = LoopBridge(model.inner, model.loop, on_call=next_may_start)
    try:
        article = load_article(item.text)
        result = await acheck(article, model=model, settings=settings)
    except ServerConfigurationError:
        raise
    except Exception as exc:  # one article's failure never stops the batch
        log.debug("batch: article %r failed", item.id, exc_info=True)
        return failure_record(item.id, exc), Usage()
    finally:
        next_may_start()  # an article that ends without a call lets the next one start
    return outcome_record(item.id, result), result.usage

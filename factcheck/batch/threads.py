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

The two threads take turns holding the lock, and the interpreter only makes a
busy thread hand it over every *switch interval* (5 ms by default). The batch
loop lets go of the lock every time it waits for its sockets, and a reply takes
several turns of the loop to read, so at 5 ms a turn a reply that came in while
an article was being grounded was read tens of milliseconds late, its slot held
all that time. While a batch runs the interval is 0.5 ms
(:func:`quick_thread_switches`): the loop waits at most that long for each
turn, and a switch costs the article thread microseconds.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import logging
import sys
import threading
from collections.abc import Coroutine, Iterator
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

SWITCH_INTERVAL_S = 0.0005


class _SwitchInterval:
    """The process's switch interval, shortened while any batch runs."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.users = 0
        self.before = 0.0

    def enter(self) -> None:
        with self.lock:
            if self.users == 0:
                self.before = sys.getswitchinterval()
                sys.setswitchinterval(min(self.before, SWITCH_INTERVAL_S))
            self.users += 1

    def leave(self) -> None:
        with self.lock:
            self.users -= 1
            if self.users == 0:
                sys.setswitchinterval(self.before)


_SWITCHES = _SwitchInterval()


@contextlib.contextmanager
def quick_thread_switches() -> Iterator[None]:
    """Within: the interpreter's switch interval at most :data:`SWITCH_INTERVAL_S`.

    The interval is the process's: batches running at once share one
    setting, and the last of them to end puts the old value back.
    """
    _SWITCHES.enter()
    try:
        yield
    finally:
        _SWITCHES.leave()


class LoopBridge(ModelWrapper):
    """A JsonModel for the article loop: each call runs ``inner`` on ``loop``."""

    def __init__(self, inner: JsonModel, loop: asyncio.AbstractEventLoop) -> None:
        super().__init__(inner)
        self.loop = loop

    async def complete_json(self, request: JsonRequest) -> JsonReply:
        future = asyncio.run_coroutine_threadsafe(self.inner.complete_json(request), self.loop)
        return await asyncio.wrap_future(future)


class ArticleLoop:
    """An event loop running on a daemon thread until :meth:`close`."""

    def __init__(self, name: str = "factcheck-articles") -> None:
        self.loop = asyncio.new_event_loop()
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
) -> tuple[Record, Usage]:
    """The output line for ``item`` and what its calls cost; runs on the article loop.

    A server that cannot be used at all (refused, unknown host, rejected key)
    stops the batch: every article would fail alike, and none gets a line.
    """
    # Set in this article's own task: its model calls, and their retry log lines, carry it.
    CURRENT_ARTICLE.set(item.id)
    try:
        article = load_article(item.text)
        result = await acheck(article, model=model, settings=settings)
    except ServerConfigurationError:
        raise
    except Exception as exc:  # one article's failure never stops the batch
        log.debug("batch: article %r failed", item.id, exc_info=True)
        return failure_record(item.id, exc), Usage()
    return outcome_record(item.id, result), result.usage

"""Article work on threads, model calls on the batch's event loop.

Grounding an article costs milliseconds of CPU. On the event loop, every one
of those milliseconds holds up every reply waiting to be read and every
request waiting to be sent, so calls finish late and workers fall into step
(all replies of a wave arrive together, then queue behind each other's
grounding). Run on a thread instead, the CPU work yields the interpreter lock
every few milliseconds, and the loop, which only does the I/O, answers
promptly in between.

Each worker thread keeps one event loop for all its articles (a new loop per
article costs a millisecond or more of setup and teardown); model calls hop
back to the batch loop, where the shared client and the adaptive limiter live.
"""

from __future__ import annotations

import asyncio
import logging
import threading

from factcheck.batch.items import BatchItem
from factcheck.batch.records import Record, failure_record, outcome_record
from factcheck.ingest import load_article
from factcheck.llm import JsonModel, JsonReply, JsonRequest
from factcheck.pipeline import acheck
from factcheck.settings import CheckSettings

log = logging.getLogger(__name__)


class LoopBridge:
    """A JsonModel for worker threads: each call runs ``model`` on ``loop``."""

    def __init__(self, model: JsonModel, loop: asyncio.AbstractEventLoop) -> None:
        self.model = model
        self.loop = loop

    @property
    def name(self) -> str:
        return self.model.name

    @property
    def context_window(self) -> int:
        return self.model.context_window

    async def complete_json(self, request: JsonRequest) -> JsonReply:
        future = asyncio.run_coroutine_threadsafe(self.model.complete_json(request), self.loop)
        return await asyncio.wrap_future(future)

    def complete_json_sync(self, request: JsonRequest) -> JsonReply:
        future = asyncio.run_coroutine_threadsafe(self.model.complete_json(request), self.loop)
        return future.result()


class ThreadLoops:
    """One event loop per worker thread, closed together when the batch ends."""

    def __init__(self) -> None:
        self._local = threading.local()
        self._loops: list[asyncio.AbstractEventLoop] = []
        self._lock = threading.Lock()

    def get(self) -> asyncio.AbstractEventLoop:
        loop: asyncio.AbstractEventLoop | None = getattr(self._local, "loop", None)
        if loop is None:
            loop = self._local.loop = asyncio.new_event_loop()
            with self._lock:
                self._loops.append(loop)
        return loop

    def close(self) -> None:
        """Close every idle loop; one still running an article is left to its thread."""
        with self._lock:
            loops, self._loops = self._loops, []
        for loop in loops:
            if not loop.is_running():
                loop.close()


def check_item(
    item: BatchItem,
    model: JsonModel | None,
    settings: CheckSettings | None,
    loops: ThreadLoops,
) -> tuple[Record, dict[str, int]]:
    """The output line for ``item`` and its token/request counts; runs on a worker thread."""
    try:
        article = load_article(item.text)
        result = loops.get().run_until_complete(acheck(article, model=model, settings=settings))
    except Exception as exc:  # one article's failure never stops the batch
        log.debug("batch: article %r failed", item.id, exc_info=True)
        return failure_record(item.id, exc), {}
    usage = result.usage
    counts = {
        "prompt_tokens": int(usage["prompt_tokens"]),
        "completion_tokens": int(usage["completion_tokens"]),
        "requests": int(usage["requests"]),
    }
    return outcome_record(item.id, result), counts

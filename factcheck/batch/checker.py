"""Checking lists of articles in one process, call after call, with one client and one limiter.

A Ray actor and a batch's worker process (:mod:`factcheck.batch.processes`)
live for many articles, so everything a batch run sets up once is set up here
once, as :mod:`factcheck.batch.runner` does per run: the model
client behind an :class:`~factcheck.batch.limiter.AdaptiveLimiter` (so at most
``concurrency`` requests are in flight, and 429s lower that for a while), on
an event loop of its own (:class:`~factcheck.batch.articles.ArticleLoop`),
where the articles run as tasks beside their calls. Each article is checked by
the batch runner's own :func:`~factcheck.batch.articles.check_item`, so a
record is the one ``factcheck batch`` would write for it.

:meth:`ArticleChecker.check` may be called from several threads at once (Ray
runs two batches of an actor side by side, so the tail of one does not leave
request slots idle); all of them share the limiter.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine, Sequence
from contextlib import ExitStack
from typing import Any

from factcheck.batch.articles import ArticleLoop, check_item, until_begun
from factcheck.batch.frozen_heap import older_objects_frozen
from factcheck.batch.items import BatchItem
from factcheck.batch.limited_model import LimitedModel
from factcheck.batch.limiter import DEFAULT_RECOVER_AFTER, AdaptiveLimiter
from factcheck.batch.records import Record
from factcheck.llm import JsonModel
from factcheck.model_options import DEFAULT_CONCURRENCY
from factcheck.settings import CheckSettings
from factcheck.usage import Usage

# Twice as many articles in progress as request slots (here and in the batch
# runner), so that while some are being chunked or grounded the others keep every
# slot busy.
ARTICLES_PER_SLOT = 2

Outcome = tuple[Record, Usage]


class ArticleChecker:
    """Checks articles with ``model`` (None: the offline engine) until :meth:`close`."""

    def __init__(
        self,
        model: JsonModel | None,
        *,
        settings: CheckSettings | None = None,
        concurrency: int = DEFAULT_CONCURRENCY,
        recover_after: int = DEFAULT_RECOVER_AFTER,
    ) -> None:
        self.model = model
        self.settings = settings
        self.limiter = AdaptiveLimiter(concurrency, recover_after=recover_after)
        self.articles = ArticleLoop()
        self.limited = None if model is None else LimitedModel(model, self.limiter)
        self.preparing = asyncio.Lock()  # one article prepared at a time (see check_item)
        # As in a batch run: what the actor holds before its first article is
        # left out of garbage collection until it closes (see frozen_heap).
        self._frozen = ExitStack()
        self._frozen.enter_context(older_objects_frozen())
        self._in_progress: asyncio.Semaphore | None = None
        self._slots = ARTICLES_PER_SLOT * concurrency

    async def check_one(
        self, item: BatchItem, order: int = 0, begun: Callable[[], None] | None = None
    ) -> Outcome:
        """``item``'s record and usage; a coroutine for this checker's loop (``articles``).

        ``order`` is the article's place among those checked: its calls wait for
        a slot behind those of lower ``order``, as in a batch run. ``begun`` is
        called once the article has begun (see ``until_begun``).
        """
        if self._in_progress is None:  # made on the actor's loop, which is its only user
            self._in_progress = asyncio.Semaphore(self._slots)
        async with self._in_progress:
            if self.limited is None:
                return await check_item(item, None, self.settings)
            view = self.limited.at(order)
            checked = asyncio.ensure_future(check_item(item, view, self.settings, self.preparing))
            try:
                if begun is not None:
                    await until_begun(checked, view)
                    begun()
                return await checked
            finally:
                checked.cancel()  # when this is cancelled first (a no-op once it is done)

    def check(self, items: Sequence[BatchItem]) -> list[Outcome]:
        """Each item's record and what its calls cost, in the order given."""
        futures = [self.articles.submit(self.check_one(item)) for item in items]
        return [future.result() for future in futures]

    def close(self, release: Callable[[], Coroutine[Any, Any, None]] | None = None) -> None:
        """Stop the loop, the model closed on it (the loop that opened its HTTP clients):
        by ``release()`` when given, else by its ``aclose``."""
        if release is None and self.model is not None:
            release = self.model.aclose
        self.articles.close(then=release)
        self._frozen.close()

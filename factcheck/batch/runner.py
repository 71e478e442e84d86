"""Checking many articles at once: a fixed pool of workers, an adaptive limit, a resumable file.

Twice ``concurrency`` workers take articles from a queue; every model call of every
article goes through one :class:`AdaptiveLimiter`, so at most ``concurrency``
requests are in flight and 429s lower that number for a while. Articles begin
in order and are prepared one at a time, each once the one before it has made
its first call (see :func:`~factcheck.batch.articles.check_item`), and
calls waiting for a slot go in the order their articles began: a reduce whose
sections are in goes before the sections of later articles, so articles finish
in turn and their grounding overlaps the requests of the next ones instead of
piling up after the last reply. Once the last article has begun, calls wait in
order of arrival instead, so the sections still waiting go before reduces that
became ready after them and the batch ends with full waves of reduces (see
:meth:`AdaptiveLimiter.by_arrival`). Each outcome is appended to the output
file as soon as its article finishes, so a run can be stopped at any moment and
started again: completed ids are skipped, failed ones are tried again. Each
article runs as a task on the batch's event loop, its long work in short steps
so that it never holds up the loop's I/O for long (see
:mod:`factcheck.batch.articles`). With worker processes (``processes``; see
:mod:`factcheck.batch.processes`) the articles are handed to them instead,
and each applies the same rules to its share of the request slots; this
process keeps the queue, the output file and the summary.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import time
from typing import TYPE_CHECKING, Any, TextIO

from factcheck.batch.articles import check_item, until_begun
from factcheck.batch.checker import ARTICLES_PER_SLOT
from factcheck.batch.frozen_heap import older_objects_frozen
from factcheck.batch.items import BatchItem, BatchSource, as_items
from factcheck.batch.limited_model import LimitedModel
from factcheck.batch.limiter import DEFAULT_RECOVER_AFTER, AdaptiveLimiter, BatchOrder
from factcheck.batch.processes import ArticleProcesses, batch_figures, checked_processes
from factcheck.batch.progress import BatchSummary, Progress
from factcheck.batch.records import Record
from factcheck.batch.results_file import ResultsFile
from factcheck.errors import ConfigurationError, ServerConfigurationError, WorkerProcessError
from factcheck.log_output import OnceFilter
from factcheck.model_options import (
    ModelKeywords,
    ModelOptions,
    build_model,
    release_model,
)
from factcheck.pipeline import NO_LLM_NOTICE
from factcheck.settings import CheckSettings
from factcheck.sync_bridge import run_sync
from factcheck.usage import Usage

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from factcheck.llm import JsonModel

log = logging.getLogger(__name__)


class _Batch:
    def __init__(
        self,
        items: list[BatchItem],
        *,
        out: ResultsFile,
        model: JsonModel | None,
        settings: CheckSettings | None,
        concurrency: int,
        recover_after: int,
        progress: TextIO | None,
        processes: ArticleProcesses | None = None,
    ) -> None:
        done = out.completed
        self.todo = [item for item in items if item.id not in done]
        self.out = out
        self.limiter = AdaptiveLimiter(concurrency, recover_after=recover_after)
        self.model = None if model is None else LimitedModel(model, self.limiter)
        self.settings = settings
        self.concurrency = concurrency
        self.summary = BatchSummary(total=len(items), skipped=len(items) - len(self.todo))
        self.progress = Progress(self.summary, progress)
        # Twice as many articles in progress as requests allowed in flight:
        # while some articles are being chunked or grounded, the others keep
        # every request slot busy. The limiter still bounds the requests.
        self.workers = min(ARTICLES_PER_SLOT * concurrency, len(self.todo))
        # One article is prepared at a time (see check_item).
        self.preparing = asyncio.Lock()
        self.checking: set[asyncio.Future[tuple[Record, Usage]]] = set()  # article tasks
        self.queue: asyncio.Queue[tuple[int, BatchItem]] = asyncio.Queue()
        self.order = BatchOrder(self.limiter)  # by arrival once the last article has begun
        self.order.give(len(self.todo))
        self.order.all_given()
        self.stopped: ServerConfigurationError | None = None  # what stops the batch
        self.processes = processes

    async def _check(self, item: BatchItem, order: int) -> tuple[Record, Usage]:
        if self.processes is not None:
            answer = self.processes.check(item, order)
            if order == len(self.todo) - 1:  # the last article is handed over
                self.processes.all_given()
            return await answer
        if self.model is None:
            return await check_item(item, None, self.settings)
        view = self.model.at(order)
        # Articles are prepared one at a time, each once the one before it has
        # made its first call (``preparing``): an article's sections leave
        # before the next article's ingest, not after.
        checked = asyncio.ensure_future(check_item(item, view, self.settings, self.preparing))
        self.checking.add(checked)
        checked.add_done_callback(self.checking.discard)
        await until_begun(checked, view)
        self.order.begun()
        return await checked

    async def _worker(self) -> None:
        while self.stopped is None:
            try:
                order, item = self.queue.get_nowait()
            except asyncio.QueueEmpty:
                return
            try:
                record, usage = await self._check(item, order)
            except ServerConfigurationError as exc:
                # The server cannot be used: no article begins after this, and the
                # articles already in progress end as they will (one whose calls are
                # in is written; the others meet the same error at their next call).
                self.stopped = self.stopped or exc
                return
            self.out.append(record)
            await self.out.commit()
            self.summary.add(item.id, bool(record["ok"]), usage)
            self.progress.update()

    async def run(self) -> BatchSummary:
        started = time.perf_counter()
        if self.processes is not None:
            self.processes.begin_batch()
            before = await self.processes.figures()  # each peak counts from here
        for order, item in enumerate(self.todo):
            self.queue.put_nowait((order, item))
        workers = [asyncio.ensure_future(self._worker()) for _ in range(self.workers)]
        try:
            await asyncio.gather(*workers)
            if self.stopped is not None:
                raise self.stopped
        finally:
            # After any other error, or a cancellation, the other workers stop at
            # once, and with them the articles they were checking.
            running: list[asyncio.Future[Any]] = [*workers, *self.checking]
            for task in running:
                task.cancel()
            await asyncio.gather(*running, return_exceptions=True)
            await self.out.settle()
            self.progress.finish()
            self.summary.wall_s = time.perf_counter() - started
            if self.processes is None:
                self.summary.peak_in_flight = self.limiter.peak_in_flight
                occupancy = self.limiter.occupancy(self.summary.wall_s)
                self.summary.all_slots_busy, self.summary.slots_in_use = occupancy
                self.summary.rate_limit_halvings = self.limiter.halvings
            else:
                with contextlib.suppress(WorkerProcessError):  # a worker's end is raised already
                    after = await self.processes.figures()
                    figures = batch_figures(before, after, self.summary.wall_s)
                    self.summary.peak_in_flight = figures.peak_in_flight
                    self.summary.all_slots_busy = figures.all_slots_busy
                    self.summary.slots_in_use = figures.slots_in_use
                    self.summary.rate_limit_halvings = figures.halvings
        return self.summary


class BatchKeywords(ModelKeywords, total=False):
    """The keyword arguments of :func:`run_batch` and :func:`arun_batch`.

    The model's own (see :class:`ModelOptions`) build on ``options`` when
    given; ``concurrency`` bounds the requests in flight across the batch.
    """

    options: ModelOptions | None
    settings: CheckSettings | None
    recover_after: int
    progress: TextIO | None
    processes: int | ArticleProcesses


async def arun_batch(
    source: BatchSource, out_path: str | os.PathLike[str], **keywords: Unpack[BatchKeywords]
) -> BatchSummary:
    """Check every article of ``source`` into the JSONL file ``out_path``; resumable.

    ``source`` is a directory of ``*.txt`` files, a JSONL file of ``{"id",
    "text"}`` lines, or an iterable of :class:`BatchItem`, ``(id, text)``
    pairs or mappings. ``model`` and the connection options are those of
    :func:`factcheck.check` (:class:`ModelOptions`); ``model`` may also be a
    ready JsonModel (for example an ``OpenAICompatibleModel`` with its own
    retry policy). ``concurrency`` bounds the model calls in flight; 429s
    lower it for a while. ``progress`` is a stream for a live status line (a
    terminal). Articles already completed in ``out_path`` are skipped; the
    returned summary counts what this run did.

    ``processes`` > 1 checks the articles in that many worker processes, which
    share ``concurrency`` between them (see :mod:`factcheck.batch.processes`;
    the model is then given by name). It may also be a started
    :class:`ArticleProcesses`, kept for several batches: its model, settings
    and concurrency are then the batch's, and none may be given beside it.
    """
    processes = keywords.get("processes", 1)
    progress = keywords.get("progress")
    if isinstance(processes, ArticleProcesses):
        beside = sorted(set(keywords) - {"processes", "progress"})
        if beside:
            raise ConfigurationError(
                "a ready ArticleProcesses brings the model, settings and concurrency of "
                f"its workers; {', '.join(beside)} cannot be given beside it"
            )
        processes.require_started()
        items = as_items(source)
        return await _run(
            items, out_path, None, processes.concurrency, processes, progress=progress
        )
    processes = checked_processes(processes)
    options = ModelOptions.given(
        keywords.get("options"), keywords, besides=BatchKeywords.__annotations__
    )
    items = as_items(source)
    settings = keywords.get("settings")
    recover_after = keywords.get("recover_after", DEFAULT_RECOVER_AFTER)
    if processes > 1:
        pool = ArticleProcesses(
            processes, options=options, settings=settings, recover_after=recover_after
        )
        async with pool:
            return await _run(items, out_path, None, options.concurrency, pool, progress=progress)
    json_model = build_model(options)
    try:
        return await _run(
            items,
            out_path,
            json_model,
            options.concurrency,
            None,
            settings=settings,
            recover_after=recover_after,
            progress=progress,
        )
    finally:
        if json_model is not None:
            await release_model(json_model, options)


async def _run(
    items: list[BatchItem],
    out_path: str | os.PathLike[str],
    model: JsonModel | None,
    concurrency: int,
    processes: ArticleProcesses | None,
    *,
    settings: CheckSettings | None = None,
    recover_after: int = DEFAULT_RECOVER_AFTER,
    progress: TextIO | None = None,
) -> BatchSummary:
    once = OnceFilter(NO_LLM_NOTICE)
    pipeline_log = logging.getLogger("factcheck")
    pipeline_log.addFilter(once)
    try:
        with older_objects_frozen(), ResultsFile.open(out_path) as out:
            batch = _Batch(
                items,
                out=out,
                model=model,
                settings=settings,
                concurrency=concurrency,
                recover_after=recover_after,
                progress=progress,
                processes=processes,
            )
            return await batch.run()
    finally:
        pipeline_log.removeFilter(once)


def run_batch(
    source: BatchSource, out_path: str | os.PathLike[str], **keywords: Unpack[BatchKeywords]
) -> BatchSummary:
    """The synchronous twin of :func:`arun_batch`."""
    return run_sync(arun_batch(source, out_path, **keywords))

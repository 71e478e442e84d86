"""A batch's articles checked in worker processes, for when one core cannot keep up.

Every article costs this side milliseconds of CPU: ingest, chunking, the HTTP
client building each request and reading each reply, grounding and the summary
check. In one process all of it shares one interpreter lock, so with a fast
server and many requests in flight the replies come back faster than one core
can work through them, and request slots stand empty while they wait to be read.

:class:`ArticleProcesses` starts ``processes`` worker processes. Each runs what
a Ray actor runs (:class:`~factcheck.batch.checker.ArticleChecker`): its own event
loop, model client and :class:`~factcheck.batch.limiter.AdaptiveLimiter`, the
limiter sized to the worker's share of ``concurrency``. The shares add up to
``concurrency``, so the bound on requests in flight holds across the batch;
429s lower a worker's own share for a while. The batch process hands each
article to the worker with the fewest in progress for its share, and keeps the
results file, the progress line and the summary.

Workers are started with ``spawn`` (a fresh interpreter: safe whatever threads
this process runs), which costs each about a second of imports; a pool can be
kept for several batches (``async with ArticleProcesses(...)``, passed to
:func:`~factcheck.batch.arun_batch` as ``processes``). A worker's log records
are handled by this process's loggers, so they go wherever its logging sends
them. The worker's side, and the messages between the two, are in
:mod:`factcheck.batch.worker_process`. A worker that ends unexpectedly ends the batch with a
:class:`~factcheck.errors.WorkerProcessError`: the lines of the articles it
had finished are written, and those it was checking are checked again on the
next run.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import itertools
import logging
import multiprocessing
import signal
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from types import TracebackType
from typing import Any

from factcheck.batch.checker import Outcome
from factcheck.batch.items import BatchItem
from factcheck.batch.limiter import DEFAULT_RECOVER_AFTER
from factcheck.batch.worker_process import WorkerFigures, WorkerSettings, serve
from factcheck.errors import ConfigurationError, WorkerProcessError
from factcheck.model_options import ModelOptions
from factcheck.settings import CheckSettings

log = logging.getLogger(__name__)


# How long a worker has to start (imports, the model client) and to stop.
_START_TIMEOUT_S = 120.0
_STOP_TIMEOUT_S = 10.0


@dataclass(frozen=True)
class BatchFigures:
    """A batch's request figures over all its workers (the fields of ``BatchSummary``)."""

    peak_in_flight: int
    all_slots_busy: float
    slots_in_use: float
    halvings: int


def batch_figures(
    before: Sequence[WorkerFigures], after: Sequence[WorkerFigures], wall_s: float
) -> BatchFigures:
    """The figures of a batch from its workers' figures when it began and ended.

    Each worker counts its own requests. The peak is the sum of the workers'
    peaks: at least the batch's own, and never more than ``concurrency``. Every
    slot of the batch was taken only while every worker's were, so the share
    of time with all slots busy is at most the least of the workers' shares;
    that bound is what is given.
    """
    if not after or wall_s <= 0:
        return BatchFigures(sum(w.peak_in_flight for w in after), 0.0, 0.0, 0)
    spans = list(zip(after, before, strict=True))
    slot_s = sum(a.slot_s - b.slot_s for a, b in spans)
    full_s = min(a.full_s - b.full_s for a, b in spans)
    bound = sum(a.bound for a in after)
    return BatchFigures(
        peak_in_flight=sum(a.peak_in_flight for a in after),
        all_slots_busy=min(1.0, max(0.0, full_s / wall_s)),
        slots_in_use=min(1.0, max(0.0, slot_s / (wall_s * bound))),
        halvings=sum(a.halvings - b.halvings for a, b in spans),
    )


def checked_processes(processes: object) -> int:
    """``processes`` when it is a number of processes (a whole number >= 1)."""
    if isinstance(processes, bool) or not isinstance(processes, int) or processes < 1:
        raise ConfigurationError(f"processes must be a whole number >= 1, got {processes!r}")
    return processes


def shares(concurrency: int, processes: int) -> list[int]:
    """``concurrency`` split as evenly as it goes into ``processes`` shares of at least one."""
    checked_processes(processes)
    if concurrency < processes:
        raise ConfigurationError(
            f"each worker process needs a request slot: concurrency ({concurrency}) "
            f"must be at least processes ({processes})"
        )
    base, extra = divmod(concurrency, processes)
    return [base + (1 if i < extra else 0) for i in range(processes)]


class ArticleProcesses:
    """Worker processes that check a batch's articles; see the module notes.

    ``options`` and ``settings`` are those of the batch. The model must be
    given by name (``options.model`` a string, or None for the offline
    engine): each worker builds its own client from ``options``, so a ready
    model object or SDK client, which cannot cross into another process, is
    refused. A key in ``options`` is handed to the workers through the pipe
    that starts them, never through logs or the environment.
    """

    def __init__(
        self,
        processes: int,
        *,
        options: ModelOptions | None = None,
        settings: CheckSettings | None = None,
        recover_after: int = DEFAULT_RECOVER_AFTER,
    ) -> None:
        self.options = options if options is not None else ModelOptions()
        if self.options.model is not None and not isinstance(self.options.model, str):
            raise ConfigurationError(
                "worker processes build their own model: give it by name (model='...'), "
                "not as a ready model object"
            )
        if self.options.client is not None or self.options.async_client is not None:
            raise ConfigurationError("worker processes build their own clients; pass none")
        if not isinstance(self.options.cache, str):
            raise ConfigurationError(
                "worker processes open their own response cache: give it by mode, "
                "not as a ready cache"
            )
        self.settings = settings
        self.concurrency = self.options.concurrency
        self._shares = shares(self.concurrency, processes)
        self._recover_after = recover_after
        self._workers: list[_Worker] = []

    @property
    def processes(self) -> int:
        return len(self._shares)

    @property
    def pids(self) -> list[int]:
        """The process ids of the running workers (for monitoring)."""
        return [w.process.pid for w in self._workers if w.process.pid is not None]

    async def __aenter__(self) -> ArticleProcesses:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    def require_started(self) -> None:
        """Raise a ConfigurationError unless the workers have been started (and not closed)."""
        if not self._workers:
            raise ConfigurationError(
                "these worker processes are not running: start them first "
                "(async with ArticleProcesses(...) as pool, or await pool.start())"
            )

    async def start(self) -> None:
        """Start the workers and wait until each has built its model."""
        if self._workers:
            return
        context = multiprocessing.get_context("spawn")
        level = logging.getLogger("factcheck").getEffectiveLevel()
        try:
            for number, share in enumerate(self._shares):
                given = WorkerSettings(
                    self.options, self.settings, share, self._recover_after, level
                )
                self._workers.append(_Worker.spawn(context, number, given))
            await asyncio.gather(*(worker.ready for worker in self._workers))
        except BaseException:
            await self.close()
            raise
        log.info("batch: %d worker processes, %s requests each", self.processes, self._shares)

    def check(self, item: BatchItem, order: int) -> asyncio.Future[Outcome]:
        """``item``'s record and usage, to come: handed to the least busy worker now.

        ``order`` is the article's place in the batch: its calls wait for a
        slot behind those of articles begun before it, as in one process.
        Cancelling the future cancels the article in its worker.
        """
        self.require_started()
        worker = min(self._workers, key=lambda w: len(w.pending) / w.share)
        return worker.check(item, order)

    def clear_sentence_cache(self) -> None:
        """Make every worker forget the sentence splits it keeps (for a benchmark's
        timed pass, as :func:`factcheck.sentences.clear_sentence_cache` does here)."""
        for worker in self._workers:
            worker.send(("forget",))

    def begin_batch(self) -> None:
        """A batch begins: its articles' calls wait by the order they are given."""
        for worker in self._workers:
            worker.send(("batch",))

    def all_given(self) -> None:
        """Every article of the batch has been handed over: once each has begun,
        calls wait in order of arrival (see ``AdaptiveLimiter.by_arrival``)."""
        for worker in self._workers:
            worker.send(("all_given",))

    async def figures(self) -> list[WorkerFigures]:
        """Each worker's request limiter as it stands; each peak counts from the last ask."""
        return list(await asyncio.gather(*(worker.figures() for worker in self._workers)))

    async def close(self) -> None:
        """Stop the workers: the articles they are checking are cancelled."""
        workers, self._workers = self._workers, []
        await asyncio.gather(*(worker.stop() for worker in workers), return_exceptions=True)


@contextlib.contextmanager
def _sigint_ignored() -> Iterator[None]:
    """SIGINT ignored while a worker is started, so that the worker begins with it ignored.

    Ctrl-C reaches the whole process group, and the batch process stops its
    workers itself (cancelling their articles); a worker interrupted on its own,
    in the second it spends importing, would print a traceback. An ignored
    signal stays ignored in the new interpreter, and ``serve`` ignores it again.
    Only the main thread may change a handler; elsewhere nothing is changed.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


class _Worker:
    """The batch process's end of one worker: its pipe, and the articles it is checking."""

    def __init__(self, number: int, share: int, process: Any, conn: Connection) -> None:
        self.number = number
        self.share = share
        self.process = process
        self.conn = conn
        self.loop = asyncio.get_running_loop()
        self.ready: asyncio.Future[None] = self.loop.create_future()
        self.pending: dict[int, asyncio.Future[Any]] = {}
        self._keys = itertools.count()
        self._ended: WorkerProcessError | None = None
        self.loop.add_reader(conn.fileno(), self._readable)

    @classmethod
    def spawn(cls, context: Any, number: int, given: WorkerSettings) -> _Worker:
        ours, theirs = context.Pipe()
        process = context.Process(
            target=serve, args=(theirs, given), name=f"factcheck-worker-{number}", daemon=True
        )
        with _sigint_ignored():
            process.start()
        theirs.close()  # the worker's end lives in the worker: EOF here when it ends
        worker = cls(number, given.concurrency, process, ours)
        timer = worker.loop.call_later(_START_TIMEOUT_S, worker._start_timed_out)
        worker.ready.add_done_callback(lambda _: timer.cancel())
        return worker

    def send(self, message: tuple[Any, ...]) -> None:
        if self._ended is not None:
            raise self._ended
        try:
            self.conn.send(message)
        except OSError:
            self._end()
            raise self._ended from None  # type: ignore[misc]

    def check(self, item: BatchItem, order: int) -> asyncio.Future[Outcome]:
        key = next(self._keys)
        answer: asyncio.Future[Outcome] = self.loop.create_future()
        self.send(("check", key, item, order))
        self.pending[key] = answer
        answer.add_done_callback(functools.partial(self._settled, key))
        return answer

    def _settled(self, key: int, answer: asyncio.Future[Any]) -> None:
        self.pending.pop(key, None)
        if answer.cancelled() and self._ended is None:
            with contextlib.suppress(WorkerProcessError):
                self.send(("cancel", key))

    async def figures(self) -> WorkerFigures:
        figures: WorkerFigures = await self._ask("figures")
        return figures

    async def _ask(self, kind: str) -> Any:
        key = next(self._keys)
        answer: asyncio.Future[Any] = self.loop.create_future()
        self.pending[key] = answer
        try:
            self.send((kind, key))
            return await answer
        finally:
            self.pending.pop(key, None)

    def _readable(self) -> None:
        try:
            while self.conn.poll():
                self._receive(self.conn.recv())
        except (EOFError, OSError):
            self._end()
        except Exception as exc:  # a message that cannot be read back: nothing to wait for
            self.process.kill()
            self._end(f"sent a message this process could not read ({type(exc).__name__})")

    def _receive(self, message: tuple[Any, ...]) -> None:
        kind = message[0]
        if kind == "log":
            record: logging.LogRecord = message[1]
            logging.getLogger(record.name).handle(record)
        elif kind == "ready":
            if not self.ready.done():
                self.ready.set_result(None)
        elif kind == "unusable":  # the worker could not build its model
            if not self.ready.done():
                self.ready.set_exception(message[1])
        else:  # "done", "error", "figures" or "stopped": the answer for that key
            answer = self.pending.get(message[1])
            if answer is None or answer.done():
                return  # cancelled meanwhile
            if kind == "error":
                answer.set_exception(message[2])
            else:
                answer.set_result(message[2])

    def _start_timed_out(self) -> None:
        if not self.ready.done():
            self.ready.set_exception(
                WorkerProcessError(
                    f"worker process {self.number} did not start in {_START_TIMEOUT_S:.0f} s"
                )
            )

    def _end(self, why: str = "ended unexpectedly") -> None:
        """The pipe is closed: fail what waits on this worker."""
        if self._ended is not None:
            return
        self.loop.remove_reader(self.conn.fileno())
        self.process.join(1.0)
        code = self.process.exitcode
        self._ended = WorkerProcessError(
            f"worker process {self.number} {why} (exit code {code}); "
            "the articles it was checking are checked again when the batch is run again",
            exit_code=code,
        )
        for answer in [self.ready, *self.pending.values()]:
            if not answer.done():
                answer.set_exception(self._ended)

    async def stop(self) -> None:
        """Ask the worker to end (it cancels what it is checking), and wait until it has."""
        if self._ended is None:
            with contextlib.suppress(asyncio.TimeoutError, WorkerProcessError):
                await asyncio.wait_for(self._ask("stop"), _STOP_TIMEOUT_S)
        if self._ended is None:
            self._ended = WorkerProcessError(f"worker process {self.number} was stopped")
            self.loop.remove_reader(self.conn.fileno())
        await self.loop.run_in_executor(None, self._reap)
        self.conn.close()

    def _reap(self) -> None:
        self.process.join(_STOP_TIMEOUT_S)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()

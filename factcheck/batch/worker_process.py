"""A worker process of a batch: the articles its batch process hands it, checked.

The other end of :mod:`factcheck.batch.processes`. A worker is a fresh
interpreter that runs :func:`serve`: it builds its own model from the batch's
options and checks each article it is given on an
:class:`~factcheck.batch.checker.ArticleChecker` (its own loop, client and
limiter, sized to its share of the batch's concurrency). Everything it says
goes back through its pipe, in order, from one sending thread: its answers
(each article's record and usage, or the error that stops the batch), its
limiter's figures, and its log records, which the batch process's loggers
handle. Ctrl-C is the batch process's to act on: a worker ignores it.

Messages are tuples whose first item names them. To the worker: ``check``
(key, item, order), ``cancel`` (key), ``batch`` (a batch begins), ``all_given``
(its last article has been handed over), ``forget`` (the kept sentence
splits), ``figures`` (key) and ``stop`` (key). From it: ``ready`` or
``unusable`` (the error that kept it from building its model), ``log``
(a record), and the answers ``done``, ``error``, ``figures`` and ``stopped``,
each with the key it answers.
"""

from __future__ import annotations

import functools
import logging
import logging.handlers
import queue
import signal
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from factcheck.batch.checker import ArticleChecker, Outcome
from factcheck.batch.limiter import BatchOrder
from factcheck.errors import WorkerProcessError
from factcheck.model_options import ModelOptions, build_model, release_model
from factcheck.settings import CheckSettings

# How long a worker's sending thread is given to send what is left when it stops.
_SEND_TIMEOUT_S = 10.0


@dataclass(frozen=True)
class WorkerSettings:
    """What one worker process needs to check articles as the batch process would."""

    options: ModelOptions
    settings: CheckSettings | None
    concurrency: int
    recover_after: int
    log_level: int


@dataclass(frozen=True)
class WorkerFigures:
    """One worker's request limiter (see :class:`AdaptiveLimiter`): its bound, the
    peak in flight since the figures were last asked for, and running totals."""

    bound: int
    peak_in_flight: int
    halvings: int
    slot_s: float
    full_s: float


class _Sender:
    """Sends the worker's messages from one thread, in order, so that no other
    thread (the worker's event loop above all) waits on a full pipe."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self._queue: queue.SimpleQueue[tuple[Any, ...] | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="factcheck-sender", daemon=True)
        self._thread.start()

    def put_nowait(self, message: Any) -> None:
        """``logging.handlers.QueueHandler`` puts prepared records here."""
        self.send(("log", message) if isinstance(message, logging.LogRecord) else message)

    def send(self, message: tuple[Any, ...]) -> None:
        self._queue.put(message)

    def _run(self) -> None:
        while (message := self._queue.get()) is not None:
            try:
                self.conn.send(message)
            except OSError:
                return  # the batch process is gone
            except Exception as exc:  # whatever pickling raises
                stand_in = _stand_in(message, exc)
                if stand_in is None:
                    continue
                try:
                    self.conn.send(stand_in)  # in the place of the message, order kept
                except OSError:
                    return

    def close(self) -> None:
        self._queue.put(None)
        self._thread.join(_SEND_TIMEOUT_S)


def _stand_in(message: tuple[Any, ...], problem: Exception) -> tuple[Any, ...] | None:
    """What to send instead of ``message``, which could not be pickled: for an answer
    someone waits for, an error; a log record is dropped."""
    if message[0] in ("done", "error", "figures", "stopped"):
        error = WorkerProcessError(
            f"a worker process could not send its answer ({type(problem).__name__}: {problem})"
        )
        return ("error", message[1], error)
    return None


def serve(conn: Connection, given: WorkerSettings) -> None:
    """A worker process's main: check the articles that come through ``conn``."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # as it was started (processes._sigint_ignored)
    sender = _Sender(conn)
    # The batch process's loggers decide what is shown; only records at the level
    # it lets through are sent at all.
    root = logging.getLogger()
    root.handlers = [logging.handlers.QueueHandler(sender)]  # type: ignore[arg-type]
    root.setLevel(given.log_level)
    try:
        serving = _Serving(sender, given)
    except Exception as exc:  # a model that cannot be built: the batch says why
        sender.send(("unusable", exc))
        sender.close()
        return
    sender.send(("ready",))
    stop_key: int | None = None
    try:
        while stop_key is None:
            stop_key = serving.handle(conn.recv())
    except (EOFError, OSError):
        pass  # the batch process is gone: stop
    finally:
        serving.close()
        if stop_key is not None:
            sender.send(("stopped", stop_key, None))
        sender.close()


class _Serving:
    """A worker's articles: each checked as a task on the worker's own loop."""

    def __init__(self, sender: _Sender, given: WorkerSettings) -> None:
        self.sender = sender
        self.options = given.options
        self.model = build_model(given.options)
        self.checker = ArticleChecker(
            self.model,
            settings=given.settings,
            concurrency=given.concurrency,
            recover_after=given.recover_after,
        )
        self.checking: dict[int, Future[Outcome]] = {}
        # As the batch runner does in one process: once every article of the batch
        # has begun, calls wait in order of arrival. Counted on the checker's loop.
        self.order = BatchOrder(self.checker.limiter)

    def handle(self, message: tuple[Any, ...]) -> int | None:
        """Act on one message from the batch process; the key of a stop, else None."""
        kind = message[0]
        if kind == "check":
            _, key, item, order = message
            self._on_loop(self.order.give)  # counted before any later message is acted on
            future = self.checker.articles.submit(
                self.checker.check_one(item, order, begun=self.order.begun)
            )
            self.checking[key] = future
            future.add_done_callback(functools.partial(self._answer, key))
        elif kind == "cancel":
            checking = self.checking.get(message[1])
            if checking is not None:
                checking.cancel()
        elif kind == "batch":
            self._on_loop(self.order.new_batch)
        elif kind == "all_given":
            self._on_loop(self.order.all_given)
        elif kind == "forget":
            from factcheck.sentences import clear_sentence_cache

            clear_sentence_cache()
        elif kind == "figures":
            self.sender.send(("figures", message[1], self._figures()))
        elif kind == "stop":
            return int(message[1])
        return None

    def _on_loop(self, change: Callable[[], None]) -> None:
        self.checker.articles.loop.call_soon_threadsafe(change)

    def _answer(self, key: int, done: Future[Outcome]) -> None:
        self.checking.pop(key, None)
        if done.cancelled():
            return
        error = done.exception()
        if error is not None:
            self.sender.send(("error", key, error))
        else:
            self.sender.send(("done", key, done.result()))

    def _figures(self) -> WorkerFigures:
        limiter = self.checker.limiter

        async def read() -> WorkerFigures:  # on the loop that changes the limiter
            slot_s, full_s = limiter.slot_seconds()
            return WorkerFigures(
                limiter.bound, limiter.take_peak(), limiter.halvings, slot_s, full_s
            )

        return self.checker.articles.submit(read()).result()

    def close(self) -> None:
        """Cancel what is being checked and close the model on its loop."""
        model, options = self.model, self.options
        if model is None:
            self.checker.close()
        else:
            self.checker.close(release=lambda: release_model(model, options))

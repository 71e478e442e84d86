"""How many model calls a batch keeps in flight, adapted to the server's 429s.

The limit starts at the configured bound. A 429 halves it (never below 1) and
holds back new calls for the server's Retry-After; every ``recover_after``
successful calls in a row win one slot back, up to the bound again (additive
increase, multiplicative decrease, as TCP does it).

Calls that were already in flight when a 429 arrived tell nothing new about
the lowered limit, so a 429 only halves the limit when its call started after
the last halving: a burst of 429s from one wave of calls halves the limit
once, not once per call.

Calls wait in order of a priority the caller gives (lower first), then of
arrival: a batch gives every call of an article that article's place in the
batch, so the calls of articles begun earlier, such as a reduce call whose
sections are in, go before the sections of articles begun later. Once the
batch has begun its last article it calls :meth:`AdaptiveLimiter.by_arrival`
and the calls wait in order of arrival alone (see there).

It also keeps how long its slots were in use: ``slot_s`` (seconds of calls
in flight, summed over slots) and ``full_s`` (seconds during which every slot
of the limit was taken), from which a batch reports how busy it kept them.

Single event loop; the 429 callback must run in that loop's thread (the async
model client calls it from the request coroutine).
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import logging
import time
from collections.abc import Callable
from contextvars import ContextVar

log = logging.getLogger(__name__)

DEFAULT_RECOVER_AFTER = 8

# The limiter epoch a model call started in; set around each call so the 429
# callback (which only hears Retry-After) knows how old the call is.
CALL_EPOCH: ContextVar[int | None] = ContextVar("factcheck_batch_call_epoch", default=None)


class AdaptiveLimiter:
    """A semaphore whose size follows the server's rate limits."""

    def __init__(
        self,
        bound: int,
        *,
        recover_after: int = DEFAULT_RECOVER_AFTER,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if bound < 1 or recover_after < 1:
            raise ValueError("bound and recover_after must be >= 1")
        self.bound = bound
        self.limit = bound
        self.recover_after = recover_after
        self.in_flight = 0
        self.peak_in_flight = 0
        self.halvings = 0
        self.slot_s = 0.0  # seconds in flight, summed over calls
        self.full_s = 0.0  # seconds with every slot of the limit taken
        self._epoch = 0
        self._successes = 0
        self._paused_until = 0.0
        self._clock = clock
        self._counted_to = clock()  # slot_s and full_s are counted up to here
        # (priority, arrival, future) of each call waiting for a slot.
        self._waiters: list[tuple[int, int, asyncio.Future[int]]] = []
        self._arrivals = itertools.count()
        self._by_arrival = False
        self._timer: asyncio.TimerHandle | None = None  # ends a Retry-After pause

    @property
    def epoch(self) -> int:
        """How many times the limit has been halved."""
        return self._epoch

    def occupancy(self, seconds: float) -> tuple[float, float]:
        """(share of ``seconds`` with every slot taken, mean share of slots in use)."""
        self._count_slots()
        if seconds <= 0:
            return 0.0, 0.0
        return min(1.0, self.full_s / seconds), min(1.0, self.slot_s / (seconds * self.bound))

    def take_peak(self) -> int:
        """The most calls in flight at once since the last take (or the start); the
        count starts again from the calls in flight now."""
        peak, self.peak_in_flight = self.peak_in_flight, self.in_flight
        return peak

    def slot_seconds(self) -> tuple[float, float]:
        """(seconds in flight summed over calls, seconds with every slot taken), so far."""
        self._count_slots()
        return self.slot_s, self.full_s

    def _count_slots(self) -> None:
        """Count the time since the last change of ``in_flight`` or ``limit``."""
        now = self._clock()
        elapsed = max(0.0, now - self._counted_to)
        self._counted_to = now
        self.slot_s += elapsed * self.in_flight
        if self.in_flight >= self.limit:
            self.full_s += elapsed

    def by_arrival(self) -> None:
        """From now on, waiting calls get slots in order of arrival, whatever their priority.

        For the end of a batch: with no article left to begin, a section that
        has waited since its article was prepared still has the article's
        reduce behind it, while a reduce that has just become ready has
        nothing behind it. Sending the waiting sections first (the longest
        remaining chain of calls first) lets the last reduces go out together
        instead of each one waiting a round trip after the sections of the
        articles after it, with slots standing empty meanwhile.
        """
        self._by_arrival = True
        self._waiters = [(0, arrival, waiter) for _, arrival, waiter in self._waiters]
        heapq.heapify(self._waiters)

    def by_priority(self) -> None:
        """Waiting calls get slots by priority again (the order of a new batch's start)."""
        self._by_arrival = False

    def pause_remaining(self) -> float:
        return max(0.0, self._paused_until - self._clock())

    async def acquire(self, priority: int = 0) -> int:
        """Wait for a slot; returns the epoch the call starts in.

        Waiting calls get slots lowest ``priority`` first, and in order of
        arrival among equals (in order of arrival alone after
        :meth:`by_arrival`). A freed slot is handed straight to the next
        waiting call, so a call arriving later never takes it first.
        """
        if not self._waiters and self._can_start():
            return self._start()
        waiter: asyncio.Future[int] = asyncio.get_running_loop().create_future()
        if self._by_arrival:
            priority = 0
        heapq.heappush(self._waiters, (priority, next(self._arrivals), waiter))
        self._grant()
        try:
            return await waiter
        except asyncio.CancelledError:
            if waiter.done() and not waiter.cancelled():
                # The slot was handed over as the call was cancelled: pass it on.
                self._count_slots()
                self.in_flight -= 1
                self._grant()
            raise

    def release(self, *, ok: bool) -> None:
        """Give a slot back; ``ok`` counts towards winning back a lowered limit."""
        self._count_slots()
        self.in_flight = max(0, self.in_flight - 1)
        if ok:
            self._successes += 1
            if self.limit < self.bound and self._successes >= self.recover_after:
                self._count_slots()
                self.limit += 1
                self._successes = 0
                log.info(
                    "batch: %d successful calls; concurrency back up to %d",
                    self.recover_after,
                    self.limit,
                )
        self._grant()

    def on_rate_limit(self, retry_after: float | None, epoch: int | None = None) -> None:
        """A 429 arrived for a call that started in ``epoch`` (None: unknown, count it)."""
        if retry_after is not None and retry_after > 0:
            self._paused_until = max(self._paused_until, self._clock() + retry_after)
        if epoch is not None and epoch < self._epoch:
            return  # this call's wave was already answered with a halving
        self._successes = 0
        self._epoch += 1
        self._count_slots()
        before, self.limit = self.limit, max(1, self.limit // 2)
        self.halvings += 1
        log.warning(
            "batch: the server is rate limiting (429, Retry-After %s); concurrency %d -> %d",
            "none" if retry_after is None else f"{retry_after:g} s",
            before,
            self.limit,
        )

    def callback(self) -> Callable[[float | None], None]:
        """An ``on_rate_limit`` for the model client that knows each call's epoch."""

        def on_rate_limit(retry_after: float | None) -> None:
            self.on_rate_limit(retry_after, CALL_EPOCH.get())

        return on_rate_limit

    def _can_start(self) -> bool:
        return self.in_flight < self.limit and self.pause_remaining() <= 0

    def _start(self) -> int:
        self._count_slots()
        self.in_flight += 1
        self.peak_in_flight = max(self.peak_in_flight, self.in_flight)
        return self._epoch

    def _grant(self) -> None:
        """Hand free slots to the waiting calls that come first."""
        while self._waiters:
            pause = self.pause_remaining()
            if pause > 0:
                if self._timer is None:
                    loop = asyncio.get_running_loop()
                    self._timer = loop.call_later(pause, self._pause_over)
                return
            if self.in_flight >= self.limit:
                return
            *_, waiter = heapq.heappop(self._waiters)
            if not waiter.done():  # a cancelled call is skipped
                waiter.set_result(self._start())

    def _pause_over(self) -> None:
        self._timer = None
        self._grant()


class BatchOrder:
    """When a batch's waiting calls go from priority order to arrival order.

    The switch (:meth:`AdaptiveLimiter.by_arrival`) comes once the last article
    of the batch has been handed over (:meth:`all_given`) and every article
    handed over (:meth:`give`) has begun (:meth:`begun`: its first request
    reached the limiter, or it ended without one). The batch runner counts its
    whole batch at once; a worker process counts the articles it is handed.
    """

    def __init__(self, limiter: AdaptiveLimiter) -> None:
        self.limiter = limiter
        self.given = 0
        self.started = 0
        self.last_given = False

    def new_batch(self) -> None:
        """A batch begins: its calls go by priority until its articles have all begun."""
        self.given = self.started = 0
        self.last_given = False
        self.limiter.by_priority()

    def give(self, articles: int = 1) -> None:
        self.given += articles

    def all_given(self) -> None:
        self.last_given = True
        self._by_arrival_when_all_begun()

    def begun(self) -> None:
        self.started += 1
        self._by_arrival_when_all_begun()

    def _by_arrival_when_all_begun(self) -> None:
        if self.last_given and self.started >= self.given:
            self.limiter.by_arrival()

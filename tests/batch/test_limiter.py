"""The adaptive limit: halve on a 429 (once per wave), pause for Retry-After, win back slowly."""

from __future__ import annotations

import asyncio

import pytest

from factcheck.batch.limiter import AdaptiveLimiter


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_halving_counts_each_wave_once_and_stops_at_one() -> None:
    limiter = AdaptiveLimiter(8, clock=Clock())
    first_wave = 0
    limiter.on_rate_limit(None, first_wave)
    assert limiter.limit == 4
    for _ in range(5):  # the rest of the first wave's 429s
        limiter.on_rate_limit(None, first_wave)
    assert limiter.limit == 4
    limiter.on_rate_limit(None, 1)  # a call started after the halving
    assert limiter.limit == 2
    limiter.on_rate_limit(None, None)  # unknown age: counted
    limiter.on_rate_limit(None, None)
    assert limiter.limit == 1
    assert limiter.halvings == 4


def test_successes_win_the_limit_back_one_slot_at_a_time() -> None:
    limiter = AdaptiveLimiter(6, recover_after=3, clock=Clock())
    limiter.on_rate_limit(None, 0)
    assert limiter.limit == 3

    async def calls(n: int, ok: bool = True) -> None:
        for _ in range(n):
            await limiter.acquire()
            limiter.release(ok=ok)

    asyncio.run(calls(2))
    assert limiter.limit == 3
    asyncio.run(calls(1, ok=False))  # failures do not count towards recovery
    asyncio.run(calls(1))
    assert limiter.limit == 4
    asyncio.run(calls(3 * 5))
    assert limiter.limit == 6  # never above the bound


def test_retry_after_pauses_new_starts() -> None:
    clock = Clock()
    limiter = AdaptiveLimiter(4, clock=clock)
    limiter.on_rate_limit(2.5, 0)
    assert limiter.pause_remaining() == pytest.approx(2.5)
    clock.now += 2.0
    assert limiter.pause_remaining() == pytest.approx(0.5)
    limiter.on_rate_limit(0.1, 0)  # a shorter pause never cuts a longer one short
    assert limiter.pause_remaining() == pytest.approx(0.5)
    clock.now += 1.0
    assert limiter.pause_remaining() == 0.0


def test_acquire_waits_for_a_free_slot() -> None:
    limiter = AdaptiveLimiter(2)
    order: list[str] = []

    async def main() -> None:
        await limiter.acquire()
        await limiter.acquire()

        async def third() -> None:
            await limiter.acquire()
            order.append("third got a slot")

        task = asyncio.create_task(third())
        await asyncio.sleep(0.01)
        order.append("released")
        limiter.release(ok=True)
        await task

    asyncio.run(main())
    assert order == ["released", "third got a slot"]
    assert limiter.peak_in_flight == 2


def test_occupancy_counts_slot_time_and_time_with_every_slot_taken() -> None:
    now = [0.0]
    limiter = AdaptiveLimiter(2, clock=lambda: now[0])

    async def main() -> None:
        await limiter.acquire()  # t=0: one of two slots
        now[0] = 1.0
        await limiter.acquire()  # t=1: both
        now[0] = 3.0
        limiter.release(ok=True)  # t=3: one again
        now[0] = 4.0
        limiter.release(ok=True)  # t=4: none
        now[0] = 5.0

    asyncio.run(main())
    # Slot-seconds: 1 x 1 s + 2 x 2 s + 1 x 1 s = 6 of 2 x 5; all taken 2 s of 5.
    full, used = limiter.occupancy(5.0)
    assert full == pytest.approx(0.4)
    assert used == pytest.approx(0.6)
    assert limiter.occupancy(0.0) == (0.0, 0.0)

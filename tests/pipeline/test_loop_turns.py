"""Long work in steps: every step waits for the loop to run what is ready first."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Iterator

import pytest

from factcheck.loop_turns import give_turn, in_turns


def _steps(log: list[str], count: int) -> Iterator[int]:
    for k in range(count):
        log.append(f"step {k}")
        yield k * k


async def _beside(log: list[str], stop: asyncio.Event) -> None:
    """Another task on the loop: notes each turn it gets."""
    while not stop.is_set():
        log.append("other")
        await give_turn()


def test_every_step_is_taken_in_order_with_the_loop_run_between_them() -> None:
    log: list[str] = []

    async def run() -> list[int]:
        stop = asyncio.Event()
        other = asyncio.ensure_future(_beside(log, stop))
        try:
            return await in_turns(_steps(log, 4))
        finally:
            stop.set()
            await other

    assert asyncio.run(run()) == [0, 1, 4, 9]
    steps = [i for i, entry in enumerate(log) if entry.startswith("step")]
    assert [log[i] for i in steps] == ["step 0", "step 1", "step 2", "step 3"]
    # The other task ran before the first step and between every two steps.
    assert log[0] == "other"
    assert all("other" in log[a:b] for a, b in itertools.pairwise(steps))


def test_without_turns_the_steps_run_back_to_back() -> None:
    # What in_turns is for: a plain loop over the same steps lets nothing in.
    log: list[str] = []

    async def run() -> list[int]:
        stop = asyncio.Event()
        other = asyncio.ensure_future(_beside(log, stop))
        await give_turn()
        try:
            return list(_steps(log, 4))
        finally:
            stop.set()
            await other

    assert asyncio.run(run()) == [0, 1, 4, 9]
    first = log.index("step 0")
    assert log[first : first + 4] == ["step 0", "step 1", "step 2", "step 3"]


def test_a_step_that_raises_ends_the_work_with_its_error() -> None:
    def failing() -> Iterator[int]:
        yield 1
        raise ValueError("bad step")

    with pytest.raises(ValueError, match="bad step"):
        asyncio.run(in_turns(failing()))


def test_no_steps_is_an_empty_list() -> None:
    assert asyncio.run(in_turns(iter(()))) == []

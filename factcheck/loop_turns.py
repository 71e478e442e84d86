"""Long article work in steps, with the event loop given a turn between them.

A batch runs every article as a task on the same event loop as its model
calls. A step of article work (ingest, grounding, a summary sentence's check)
holds the loop for its whole length, and a reply that arrives meanwhile is
read only after it, while its request slot stands idle. So the work that
takes milliseconds is cut into steps of about a millisecond or two, and the
loop reads replies and sends requests between them.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from typing import TypeVar

T = TypeVar("T")


async def give_turn() -> None:
    """Let the loop run what is ready (replies read, requests sent) before going on."""
    # sleep(0) is asyncio's documented way to yield for one pass of the loop.
    await asyncio.sleep(0)


async def in_turns(steps: Iterable[T]) -> list[T]:
    """What each of ``steps`` gives, the loop given a turn before each step is taken.

    ``steps`` is worked out lazily (a generator): its work happens as each
    item is asked for, so the turns fall between the pieces of work.
    """
    done: list[T] = []
    pending = iter(steps)
    while True:
        await give_turn()
        try:
            done.append(next(pending))
        except StopIteration:
            return done

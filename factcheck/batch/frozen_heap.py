"""The objects a batch finds in memory when it starts are left out of garbage collection.

CPython's collector walks every tracked object of the oldest generation in a
full collection. In a process that holds much (the SDK's models, a notebook's
data, a benchmark's articles) one such pass takes tens of milliseconds, and it
stops everything on the batch's loop: no reply is read and no request leaves.
A batch adds objects quickly, so full collections come during it. While a
batch runs, the objects that were there before it are frozen (``gc.freeze``):
a full collection then walks only what the batch made. They are unfrozen when
it ends, and collected as before from then on. A caller that has frozen
objects itself keeps its own arrangement: nothing is frozen or unfrozen then.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def older_objects_frozen() -> Iterator[None]:
    """Leave the objects tracked now out of every collection until the block ends."""
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()

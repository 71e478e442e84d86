"""A small bounded memo: the most recently made values, oldest dropped first.

Claims arrive in body order, so the sentences they share are close together;
a few hundred entries catch nearly every repeat while memory stays flat on a
body of megabytes. ``verify_text`` keeps one module-wide, which callers may
share between threads, so the bookkeeping holds a lock; ``make`` runs outside
it, so a slow value never blocks readers of others.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Recent(Generic[K, V]):
    """At most ``size`` values by key; the oldest made is dropped first."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._values: dict[K, V] = {}
        self._lock = threading.Lock()

    def get(self, key: K, make: Callable[[], V]) -> V:
        """The value kept for ``key``, or ``make()`` (kept from now on)."""
        with self._lock:
            if key in self._values:
                return self._values[key]
        value = make()
        with self._lock:
            # Another thread may have made the same key meanwhile: keep the
            # first, so every caller of a key sees one value from now on.
            if key in self._values:
                return self._values[key]
            while self._values and len(self._values) >= self.size:
                del self._values[next(iter(self._values))]
            self._values[key] = value
        return value

    def __len__(self) -> int:
        return len(self._values)

"""One index per article body, whichever check asks for it.

A result is checked up to three times against its body: the offline engine's
own check of its claims, ``ground_claims`` and the summary check. Each needs
the same normalised text, sentence spans, word index and casing, and building
them costs more than the checks that use them. So every path takes the body's
:class:`BodyIndex` from :func:`body_index`, which keeps the last bodies'
indexes: the checks of one article run one after another on one thread.

Kept per thread: an index fills its caches as it is used, and two threads
checking the same text must not fill one index at once. Two are kept, as two
articles of a batch may be in preparation at once; more would only hold on to
the memory of long bodies checked long ago.
"""

from __future__ import annotations

import threading

from factcheck.grounding.locate import BodyIndex
from factcheck.grounding.recent import Recent

KEPT = 2


class _Kept(threading.local):
    def __init__(self) -> None:
        self.indexes: Recent[str, BodyIndex] = Recent(KEPT)


_kept = _Kept()


def body_index(body: str) -> BodyIndex:
    """The index of ``body``: the same object for the same text, on this thread, while kept."""
    return _kept.indexes.get(body, lambda: BodyIndex(body))

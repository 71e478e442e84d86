"""Drop near-identical claims (an article repeating itself, a quote restated).

Claims are bucketed by the numbers they carry, since two claims with different
figures are never duplicates; inside a bucket the content-word overlap decides.
Each claim is compared with at most a fixed number of earlier claims in its
bucket, and only with claims among the last ``window`` kept, so the pass stays
linear and its memory bounded on very long bodies. Which of those earlier
claims can reach the overlap threshold at all is found through a prefix index
(two sets with Jaccard overlap t share a word among the first |s| - ⌈t·|s|⌉ + 1
words of each, in any fixed order), so most pairs are never compared.

Claims are checked as they are found (``Deduplicator.keep``): nothing about a
claim is held once it has left the window.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import deque
from collections.abc import Iterable
from typing import NamedTuple

from factcheck.offline.lexicon import STOPWORDS, TOKEN
from factcheck.result import Claim

_NUMBER = re.compile(r"\d[\d,.]*")
_SIMILAR = 0.7  # Jaccard overlap of content words above which two claims are one
_LOOKBACK = 50  # earlier claims of the same bucket a claim is compared with
WINDOW = 100_000  # kept claims a duplicate may lie behind (bounds memory on huge bodies)

Key = tuple[tuple[str, ...], frozenset[str]]  # the claim's figures, its content words


class Candidate(NamedTuple):
    claim: Claim
    score: float


def content_words(text: str) -> frozenset[str]:
    words = TOKEN.findall(text.lower().replace(",", ""))
    return frozenset(words).difference(STOPWORDS)


def _numbers(text: str) -> tuple[str, ...]:
    return tuple(sorted({m.group().rstrip(".,").replace(",", "") for m in _NUMBER.finditer(text)}))


def key_of_text(text: str) -> Key:
    return _numbers(text), content_words(text)


def key_of(words: frozenset[str], lower: frozenset[str], digit: bool = True) -> Key:
    """The duplicate key of a claim from its distinct words, as written and in lower
    case (cheaper than from its text). ``digit``: False when the claim has no digit."""
    figures = {w.replace(",", "") for w in words if w[0].isdigit()} if digit else ()
    return tuple(sorted(figures)), lower.difference(STOPWORDS)


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def _prefix(words: frozenset[str]) -> list[str]:
    # Any fixed order is correct (longest first, then alphabetical: sorts are
    # stable); longer words are rarer, so the index lists stay short.
    size = len(words)
    return sorted(sorted(words), key=len, reverse=True)[: size - math.ceil(_SIMILAR * size) + 1]


class _Bucket:
    """The last claims kept with one set of numbers, and an index of their prefixes.

    ``recent`` holds (local serial, global serial, words); local serials count
    the bucket's claims, so a local serial minus the oldest one is a position.
    """

    __slots__ = ("kept", "postings", "recent")

    def __init__(self) -> None:
        self.recent: deque[tuple[int, int, frozenset[str]]] = deque(maxlen=_LOOKBACK)
        self.postings: dict[str, list[int]] = {}  # word -> ascending local serials
        self.kept = 0

    def near(self, words: frozenset[str], prefix: list[str]) -> bool:
        recent = self.recent
        if not recent:
            return False
        if not words:
            return any(not other for _, _, other in recent)
        oldest = recent[0][0]
        seen: set[int] = set()
        for word in prefix:
            posting = self.postings.get(word)
            if posting is None:
                continue
            first = bisect_left(posting, oldest)
            if first:
                del posting[:first]  # serials that left the look-back window
            seen.update(posting)
        return any(_jaccard(words, recent[serial - oldest][2]) >= _SIMILAR for serial in seen)

    def add(self, words: frozenset[str], prefix: list[str], serial: int) -> None:
        local = self.kept
        self.kept += 1
        self.recent.append((local, serial, words))
        for word in prefix:
            posting = self.postings.get(word)
            if posting is None:
                self.postings[word] = [local]
            else:
                posting.append(local)

    def forget(self, serial: int) -> None:
        """Drop the claim kept as global ``serial`` if the bucket still holds it."""
        if self.recent and self.recent[0][1] == serial:
            self.recent.popleft()  # its index entries go the next time they are read


class Deduplicator:
    """Decides, claim by claim, whether each is new; holds only the last ``window``."""

    def __init__(self, window: int = WINDOW) -> None:
        self.window = window
        self._buckets: dict[tuple[str, ...], _Bucket] = {}
        self._order: deque[tuple[int, tuple[str, ...]]] = deque()
        self._serial = 0

    def keep(self, key: Key) -> bool:
        """True (and the claim is remembered) when it repeats none of the recent ones."""
        numbers, words = key
        bucket = self._buckets.get(numbers)
        if bucket is None:
            bucket = self._buckets[numbers] = _Bucket()
        prefix = _prefix(words)
        if bucket.near(words, prefix):
            return False
        serial = self._serial
        self._serial += 1
        bucket.add(words, prefix, serial)
        self._order.append((serial, numbers))
        while self._order[0][0] <= serial - self.window:
            old, old_numbers = self._order.popleft()
            old_bucket = self._buckets[old_numbers]
            old_bucket.forget(old)
            if not old_bucket.recent:
                del self._buckets[old_numbers]
        return True


def deduplicate(candidates: Iterable[Candidate]) -> list[Candidate]:
    """The candidates without near-duplicates; the first occurrence is kept."""
    dedupe = Deduplicator()
    return [c for c in candidates if dedupe.keep(key_of_text(c.claim.text))]

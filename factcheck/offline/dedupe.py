"""Drop near-identical claims (an article repeating itself, a quote restated).

Claims are bucketed by the numbers they carry, since two claims with different
figures are never duplicates; inside a bucket the content-word overlap decides.
Each claim is compared with at most a fixed number of earlier claims in its
bucket, so the pass stays linear on very long articles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factcheck.offline.lexicon import STOPWORDS, TOKEN
from factcheck.result import Claim

_NUMBER = re.compile(r"\d[\d,.]*")
_SIMILAR = 0.7  # Jaccard overlap of content words above which two claims are one
_LOOKBACK = 50


@dataclass(frozen=True)
class Candidate:
    claim: Claim
    score: float


def content_words(text: str) -> frozenset[str]:
    words = TOKEN.findall(text.lower().replace(",", ""))
    return frozenset(words).difference(STOPWORDS)


def _numbers(text: str) -> tuple[str, ...]:
    return tuple(sorted({m.group().rstrip(".,").replace(",", "") for m in _NUMBER.finditer(text)}))


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def deduplicate(candidates: list[Candidate]) -> list[Candidate]:
    """The candidates without near-duplicates; the first occurrence is kept."""
    buckets: dict[tuple[str, ...], list[frozenset[str]]] = {}
    kept: list[Candidate] = []
    for candidate in candidates:
        words = content_words(candidate.claim.text)
        bucket = buckets.setdefault(_numbers(candidate.claim.text), [])
        if any(_jaccard(words, other) >= _SIMILAR for other in bucket[-_LOOKBACK:]):
            continue
        bucket.append(words)
        kept.append(candidate)
    return kept

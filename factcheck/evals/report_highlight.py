"""Cut a text into segments by the spans that cover it, for highlighting in the HTML report.

Claims may overlap (two claims quoting the same sentence), which nested
``<mark>`` elements cannot show faithfully, so the text is cut at every span
boundary and each segment lists the spans covering it. The segments of one
span are contiguous and together spell exactly ``text[start:end]``. Offsets
are Python string indices (code points); cutting here rather than in the
browser avoids JavaScript's UTF-16 indices, which differ for characters
outside the Basic Multilingual Plane.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from factcheck.result import STATUS_RANK


@dataclass(frozen=True)
class Span:
    key: int  # the claim's index in the result
    start: int
    end: int
    status: str


@dataclass(frozen=True)
class Segment:
    start: int
    end: int
    keys: tuple[int, ...]  # spans covering this segment; empty for plain text
    status: str | None  # the worst status among them


def valid_spans(spans: Sequence[Span], length: int) -> list[Span]:
    """Spans that lie inside a text of ``length`` characters and are not empty."""
    return [s for s in spans if 0 <= s.start < s.end <= length]


def segments(length: int, spans: Sequence[Span]) -> list[Segment]:
    """``[0, length)`` cut at every boundary of ``spans`` (invalid spans are ignored)."""
    usable = valid_spans(spans, length)
    cuts = sorted({0, length} | {s.start for s in usable} | {s.end for s in usable})
    out = []
    for start, end in itertools.pairwise(cuts):
        covering = [s for s in usable if s.start <= start and end <= s.end]
        status = None
        if covering:
            status = max((s.status for s in covering), key=lambda x: STATUS_RANK.get(x, 2))
        out.append(Segment(start, end, tuple(s.key for s in covering), status))
    return out

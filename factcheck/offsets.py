"""Map offsets in edited text back to the text it was made from, and forth.

Ingest removes or replaces a few things (a BOM, carriage returns, HTML tags and
entities); the matching form of a text (``grounding.normalize``) rewrites
dashes, spaces and ellipses. Every claim span must still point into the
caller's original text, so each edit is recorded here and this map answers
"where was this character?" in either direction.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from dataclasses import dataclass, field


@dataclass
class OffsetMap:
    """Piecewise map from cleaned-text offsets to original-text offsets.

    ``_clean_starts[i]``/``_orig_starts[i]`` open segment ``i``; ``_kept[i]`` says
    whether the segment was copied verbatim (offsets advance together) or is
    a replacement (every cleaned offset inside maps to the segment's start).
    The segments are compact arrays: a 10 MB body has hundreds of thousands.
    """

    _clean_starts: array[int] = field(default_factory=lambda: array("q"), repr=False)
    _orig_starts: array[int] = field(default_factory=lambda: array("q"), repr=False)
    _kept: bytearray = field(default_factory=bytearray, repr=False)  # 1: copied as is
    clean_length: int = 0
    original_length: int = 0

    def keep(self, length: int) -> None:
        """Record ``length`` characters copied unchanged."""
        if length <= 0:
            return
        if not (self._kept and self._kept[-1]):
            self._clean_starts.append(self.clean_length)
            self._orig_starts.append(self.original_length)
            self._kept.append(1)
        self.clean_length += length
        self.original_length += length

    def replace(self, original_length: int, clean_length: int) -> None:
        """Record ``original_length`` characters replaced by ``clean_length`` ones."""
        self._clean_starts.append(self.clean_length)
        self._orig_starts.append(self.original_length)
        self._kept.append(0)
        self.clean_length += clean_length
        self.original_length += original_length

    def to_original(self, pos: int) -> int:
        """Original offset of cleaned offset ``pos`` (``clean_length`` maps to the end)."""
        if pos < 0 or pos > self.clean_length:
            raise IndexError(f"offset {pos} outside 0..{self.clean_length}")
        if pos == self.clean_length:
            return self.original_length
        # A removal (zero-length replacement) shares its start with the next
        # segment; bisect_right lands on the later one, which holds ``pos``.
        j = bisect_right(self._clean_starts, pos) - 1
        if self._kept[j]:
            return self._orig_starts[j] + (pos - self._clean_starts[j])
        return self._orig_starts[j]

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Smallest original span that covers cleaned span ``[start, end)``."""
        if end <= start:
            o = self.to_original(start)
            return o, o
        last = end - 1
        j = bisect_right(self._clean_starts, last) - 1
        if self._kept[j]:
            orig_end = self._orig_starts[j] + (last - self._clean_starts[j]) + 1
        elif j + 1 < len(self._orig_starts):
            orig_end = self._orig_starts[j + 1]
        else:
            orig_end = self.original_length
        return self.to_original(start), orig_end

    def to_clean(self, pos: int) -> int:
        """Cleaned offset of original offset ``pos``; inside a replaced run, where its
        replacement starts."""
        if not self._orig_starts:
            return min(pos, self.clean_length)
        j = max(0, bisect_right(self._orig_starts, pos) - 1)
        if self._kept[j]:
            return min(self._clean_starts[j] + (pos - self._orig_starts[j]), self.clean_length)
        return self._clean_starts[j]

"""Token-exact sections of an article body.

The body is tokenized once (see :mod:`factcheck.pieces`) into sentence-aligned
pieces whose token counts add up exactly, so a section's count is the sum of its
pieces' counts. Only a section's first and last piece are re-encoded, because
trimming the whitespace around them can change how they split.

Sections are packed from pieces, preferring to end on a paragraph; a sentence
longer than the budget becomes sections of its own, cut at token boundaries.
"""

from __future__ import annotations

import logging
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate

import tiktoken

from factcheck.errors import ConfigurationError
from factcheck.pieces import Pieces, find_pieces
from factcheck.settings import DEFAULT_SECTION_TOKENS
from factcheck.spans import strip_span
from factcheck.tokens import resolve_encoding

log = logging.getLogger(__name__)

MIN_SECTION_TOKENS = 16


@dataclass(frozen=True)
class Section:
    """``text == body[start:end]``; ``tokens`` is ``len(encode_ordinary(text))``.

    ``new_start`` is where content not shared with the previous section begins
    (equal to ``start`` unless sections overlap).
    """

    index: int
    start: int
    end: int
    text: str
    tokens: int
    new_start: int


class _Packer:
    def __init__(self, text: str, pieces: Pieces, encoding: tiktoken.Encoding, budget: int) -> None:
        self.text = text
        self.pieces = pieces
        self.prefix = [0, *accumulate(pieces.counts)]
        self.encoding = encoding
        self.budget = budget

    def estimate(self, i: int, j: int) -> int:
        """Token count of pieces ``i..j-1`` before trimming the edges."""
        return self.prefix[j] - self.prefix[i]

    def exact(self, i: int, j: int) -> tuple[int, int, int]:
        """(start, end, tokens) of the whitespace-trimmed text of pieces ``i..j-1``."""
        text, starts, ends = self.text, self.pieces.starts, self.pieces.ends
        start, end = strip_span(text, starts[i], ends[j - 1])
        if start >= end:
            return start, start, 0
        # Whitespace-only pieces at either edge fall away with the trimming.
        while ends[i] <= start:
            i += 1
        while starts[j - 1] >= end:
            j -= 1
        encode = self.encoding.encode_ordinary
        if j - i == 1:
            return start, end, len(encode(text[start:end]))
        counts = self.pieces.counts
        tokens = self.estimate(i + 1, j - 1)
        tokens += len(encode(text[start : ends[i]])) if start != starts[i] else counts[i]
        tokens += len(encode(text[starts[j - 1] : end])) if end != ends[j - 1] else counts[j - 1]
        return start, end, tokens

    def split_long(self, i: int) -> list[tuple[int, int, int]]:
        """Cut one over-long piece at token boundaries into parts within budget."""
        start, end = strip_span(self.text, self.pieces.starts[i], self.pieces.ends[i])
        parts: list[tuple[int, int, int]] = []
        while start < end:
            s, e, n = self._longest_prefix(start, end)
            parts.append((s, e, n))
            start, _ = strip_span(self.text, e, end)
        return parts

    def _longest_prefix(self, start: int, end: int) -> tuple[int, int, int]:
        encode = self.encoding.encode_ordinary
        tokens = encode(self.text[start:end])
        if len(tokens) <= self.budget:
            return start, end, len(tokens)
        take = self.budget
        while True:
            raw = self.encoding.decode_bytes(tokens[:take])
            # A token may end inside a multi-byte character; drop that partial character.
            chars = len(raw.decode("utf-8", errors="ignore"))
            s, e = strip_span(self.text, start, start + max(chars, 1))
            if e <= s:
                s, e = start, start + 1
            n = len(encode(self.text[s:e]))
            if n <= self.budget or e - s <= 1:
                return s, e, n
            take = max(1, take - (n - self.budget))


def chunk_text(
    text: str,
    max_tokens: int = DEFAULT_SECTION_TOKENS,
    *,
    overlap_sentences: int = 0,
    encoding: tiktoken.Encoding | None = None,
    model: str | None = None,
    threads: int | None = None,
) -> list[Section]:
    """Split ``text`` into sections of at most ``max_tokens`` tokens each.

    ``overlap_sentences`` repeats up to that many whole sentences of a section
    at the start of the next one (never so many that the budget is exceeded).
    ``encoding`` defaults to :func:`factcheck.tokens.resolve_encoding` for ``model``.
    """
    if max_tokens < MIN_SECTION_TOKENS:
        raise ConfigurationError(
            f"max_tokens must be at least {MIN_SECTION_TOKENS}, got {max_tokens}"
        )
    if overlap_sentences < 0:
        raise ConfigurationError(f"overlap_sentences must be >= 0, got {overlap_sentences}")
    enc = encoding if encoding is not None else resolve_encoding(model)
    pieces = find_pieces(enc, text, threads)
    if not len(pieces):
        return []
    packer = _Packer(text, pieces, enc, max_tokens)
    spans = _pack(packer, overlap_sentences)
    return [
        Section(index=k, start=s, end=e, text=text[s:e], tokens=n, new_start=new)
        for k, (s, e, n, new) in enumerate(spans)
    ]


def _pack(packer: _Packer, overlap: int) -> list[tuple[int, int, int, int]]:
    """(start, end, tokens, new_start) for every section, in order."""
    pieces, budget = packer.pieces, packer.budget
    out: list[tuple[int, int, int, int]] = []
    i = 0  # first piece not yet in any section
    carry = 0  # pieces of the previous section repeated as overlap
    while i < len(pieces):
        if pieces.counts[i] > budget and not carry:
            for s, e, n in packer.split_long(i):
                out.append((s, e, n, s))
            i += 1
            continue
        first = i - carry
        j = _grow(packer, first, i)
        if j == i:
            # Even one new piece does not fit beside the overlap: drop the overlap.
            if carry:
                carry = 0
                continue
            j = i + 1  # unreachable for a piece within budget; kept for safety
        j = _prefer_paragraph_end(packer, first, i, j)
        s, e, n = packer.exact(first, j)
        while n > budget and j - 1 > i:
            j -= 1
            s, e, n = packer.exact(first, j)
        if n > budget:
            if carry:
                carry = 0
                continue
            for s2, e2, n2 in packer.split_long(i):
                out.append((s2, e2, n2, s2))
            i += 1
            continue
        if e > s:
            new_start, _ = strip_span(packer.text, pieces.starts[i], pieces.ends[j - 1])
            out.append((s, e, n, max(s, new_start)))
        # Never repeat a whole section: the next one must start further on.
        carry = min(overlap, j - first - 1) if overlap and j < len(pieces) else 0
        i = j
    return out


def _grow(packer: _Packer, first: int, i: int) -> int:
    """Largest ``j`` so that pieces ``first..j-1`` fit the budget by estimate."""
    target = packer.prefix[first] + packer.budget
    j = bisect_right(packer.prefix, target) - 1
    return max(i, min(j, len(packer.pieces)))


def _prefer_paragraph_end(packer: _Packer, first: int, i: int, j: int) -> int:
    """Move the end back to a paragraph end when one lies in the second half."""
    paragraph_end = packer.pieces.paragraph_end
    if j >= len(packer.pieces) or paragraph_end[j - 1]:
        return j
    half = packer.prefix[first] + packer.budget // 2
    for k in range(j - 1, i, -1):
        if packer.prefix[k] < half:
            break
        if paragraph_end[k - 1]:
            return k
    return j

"""Spans of text, ``(start, end)`` offsets, and the span of their text without the white space
at its ends: what every reader that cuts text into pieces (sentences, sections, page
furniture) hands on."""

from __future__ import annotations

Span = tuple[int, int]


def strip_span(text: str, start: int, end: int) -> Span:
    """``text[start:end]`` without the white space at its ends, as offsets (empty: start == end)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end

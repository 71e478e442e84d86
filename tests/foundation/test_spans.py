"""``strip_span``: the span of a piece of text without the white space at its ends."""

from __future__ import annotations

import pytest

from factcheck.spans import strip_span


@pytest.mark.parametrize(
    ("text", "start", "end", "expected"),
    [
        ("  a b  ", 0, 7, (2, 5)),
        ("x\n\tword\u00a0 y", 1, 9, (3, 7)),  # tabs, new lines, no-break spaces
        ("abc", 0, 3, (0, 3)),
        ("   ", 0, 3, (3, 3)),  # nothing left: an empty span at the end
        ("a  b", 1, 3, (3, 3)),
    ],
)
def test_strip_span(text: str, start: int, end: int, expected: tuple[int, int]) -> None:
    assert strip_span(text, start, end) == expected
    s, e = expected
    assert text[s:e] == text[start:end].strip()

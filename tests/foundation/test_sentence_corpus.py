"""The sentence layer on a table of hard cases, and the chunker's agreement with it.

Each case in ``data/sentence_cases.json`` is a piece of real-looking news text
and the sentences a reader sees in it. The same table feeds
``bench/segmenters.py``, which compares segmenter libraries on it.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest

from factcheck.pieces import find_pieces
from factcheck.sentences import sentence_spans
from factcheck.tokens import resolve_encoding

CASES: list[dict[str, Any]] = json.loads(
    (Path(__file__).parent / "data" / "sentence_cases.json").read_text(encoding="utf-8")
)
FRANK = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "frank-valid" / "articles"
_CLOSING = frozenset("\"'”’»)] \t\n")


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_hard_case(case: dict[str, Any]) -> None:
    text = case["text"]
    spans = sentence_spans(text)
    assert [text[s:e] for s, e in spans] == case["sentences"]
    # Spans are exact, in order and do not overlap.
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_spans_inside_a_larger_text_are_the_same(case: dict[str, Any]) -> None:
    prefix = "Earlier text. "
    text = prefix + case["text"] + " Later text."
    spans = sentence_spans(text, len(prefix), len(prefix) + len(case["text"]))
    assert [text[s:e] for s, e in spans] == case["sentences"]


def _disagreements(text: str) -> list[str]:
    """Chunker piece ends that are no sentence boundary (quotes on either side allowed)."""
    spans = sentence_spans(text)
    bounds = {s for s, _ in spans} | {e for _, e in spans}
    pieces = find_pieces(resolve_encoding("gpt-4o"), text)
    out = []
    for end in pieces.ends[:-1]:
        k = len(text[:end].rstrip())
        near = (j for j in range(k - 3, k + 4) if j in bounds)
        if not any(all(c in _CLOSING for c in text[min(j, k) : max(j, k)]) for j in near):
            out.append(f"{text[max(0, k - 30) : k]}|{text[k : k + 20]}")
    return out


def test_the_chunker_cuts_only_where_a_sentence_ends_in_the_hard_cases() -> None:
    for case in CASES:
        assert _disagreements(case["text"]) == [], case["name"]


@pytest.mark.skipif(not FRANK.is_dir(), reason="frank-valid is not beside the repository")
def test_the_chunker_agrees_with_the_segmenter_on_real_articles() -> None:
    found: list[str] = []
    cuts = 0
    for path in sorted(FRANK.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        cuts += len(find_pieces(resolve_encoding("gpt-4o"), text).ends) - 1
        found.extend(_disagreements(text))
    # A handful of odd quotes (" ' The") may differ; a cut inside a name may not.
    assert cuts > 1000
    assert len(found) <= cuts // 200, found

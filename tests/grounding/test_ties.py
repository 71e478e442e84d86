"""Ties between sentences are broken by position, whatever the hash seed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

from factcheck.grounding.overlap import SentenceIndex

# Sentences 0 and 1 hold words of the same rarities (each pair shares its filler
# sentences), so their weighted scores are equal; summed in set order, the last bit
# of each sum depended on the hash seed and so did the winner.
PAIRS = [
    ("harbour", "quarry"),
    ("ferry", "granite"),
    ("tunnel", "basalt"),
    ("crane", "marble"),
    ("dock", "slate"),
]


def _texts() -> list[str]:
    texts = [" ".join(a for a, _ in PAIRS), " ".join(b for _, b in PAIRS)]
    for k, (a, b) in enumerate(PAIRS):
        texts += [f"{a} {b} filler{k}"] * k
    return texts


def test_an_exact_tie_goes_to_the_earlier_sentence() -> None:
    index = SentenceIndex(_texts())
    words = {w for pair in PAIRS for w in pair}
    assert index.best_join(words, limit=1, min_gain=0.0) == [0]
    first, second = index.ranked(words, limit=2)
    assert (first[0], second[0]) == (0, 1)
    assert first[1] == pytest.approx(second[1])


SCRIPT = textwrap.dedent(
    """
    import json
    from factcheck.grounding.overlap import SentenceIndex
    pairs = {pairs!r}
    texts = [" ".join(a for a, _ in pairs), " ".join(b for _, b in pairs)]
    for k, (a, b) in enumerate(pairs):
        texts += [f"{{a}} {{b}} filler{{k}}"] * k
    index = SentenceIndex(texts)
    words = {{w for pair in pairs for w in pair}}
    print(json.dumps([index.best_join(words, limit=1, min_gain=0.0),
                      [i for i, _ in index.ranked(words, limit=2)]]))
    """
)


def test_the_choice_is_the_same_under_every_hash_seed() -> None:
    script = SCRIPT.format(pairs=PAIRS)
    seen = set()
    for seed in range(12):
        env = {**os.environ, "PYTHONHASHSEED": str(seed)}
        out = subprocess.run(
            [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
        )
        seen.add(out.stdout.strip())
    assert seen == {json.dumps([[0], [0, 1]])}

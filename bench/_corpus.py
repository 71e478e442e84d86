"""Benchmark text built only from the articles this repository ships.

Paragraphs are drawn with a fixed seed and given other numbers and names each
time, so a large input never repeats itself: repeated text would flatter any
tool that caches by string.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from factcheck import load_article

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "article.txt"

_SYLLABLES = ["ka", "lo", "mar", "ve", "tin", "sa", "ru", "del", "no", "bri", "ost", "ha", "zel"]
_NUMBER = re.compile(r"\d+")
_CAPITALISED = re.compile(r"(?<=[a-z,;] )[A-Z][a-z]{2,}")


def shipped_paragraphs(min_chars: int = 40) -> list[str]:
    """Body paragraphs (longer than ``min_chars``) of every article the repository ships."""
    paths = [EXAMPLE, *sorted((REPO / "evals").rglob("*.txt"))]
    paragraphs: list[str] = []
    for path in paths:
        body = load_article(path).body
        paragraphs.extend(p.strip() for p in body.split("\n\n") if len(p.strip()) > min_chars)
    if not paragraphs:
        raise SystemExit("no shipped articles found under examples/ or evals/")
    return paragraphs


def vary(paragraph: str, rng: random.Random) -> str:
    """The paragraph with other numbers and names."""
    paragraph = _NUMBER.sub(lambda m: str(rng.randrange(10 ** len(m.group(0)))), paragraph)

    def name(_: re.Match[str]) -> str:
        return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()

    return _CAPITALISED.sub(name, paragraph)

"""Every article the project ships (eval cases, the README example) and the seed article:
claim texts agree with their quotes, and nothing broken reaches the output."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from factcheck import load_article
from factcheck.offline.engine import OfflineEngine, OfflineOutput

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = [*sorted(ROOT.glob("evals/cases/*/article.txt")), ROOT / "examples" / "article.txt"]
# A full stop, then a lower-case word: a stray stop (or a sentence that ran on).
_RUN_ON = re.compile(r"\w\.[”’\"]* [a-z]")
_PRONOUN_OPENING = re.compile(r"(?:He|She|It|They|Its|His|Her|Their|This|These|Those)\b")
Invariants = Callable[[str, OfflineOutput], None]


def _check(path: Path, invariants: Invariants) -> OfflineOutput:
    article = load_article(path)
    out = OfflineEngine().extract(article)
    invariants(article.body, out)  # claim texts against quotes, among others
    for claim in out.claims:
        assert _RUN_ON.search(claim.text) is None, claim.text
    for start, end in out.summary_spans:
        sentence = article.body[start:end]
        assert _PRONOUN_OPENING.match(sentence) is None, sentence
        assert not sentence[0].islower(), sentence
    return out


def test_there_are_articles_to_check() -> None:
    assert len(ARTICLES) >= 10


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.parent.name)
def test_article(path: Path, invariants: Invariants) -> None:
    out = _check(path, invariants)
    assert out.claims
    assert out.summary


def test_seed_article(seed_article_path: Path, invariants: Invariants) -> None:
    _check(seed_article_path, invariants)


def test_readme_example_reads_well() -> None:
    article = load_article(ROOT / "examples" / "article.txt")
    out = OfflineEngine().extract(article)
    texts = [c.text for c in out.claims]
    # The time expression stays with its event; nothing ends "..., two months."
    assert not any(t.endswith("two months.") for t in texts)
    # The run-on sentence after "1,200 homes." is a claim of its own.
    assert any(t.startswith("The vote came after") for t in texts)
    assert "He argued" not in out.summary
    assert not any(t.startswith("Its chair") for t in texts)

"""The gold cases on real news: grounded in their articles, which stay in ../shared.

The articles are read in place and never copied; these tests skip where
``../shared/data/frank-valid/articles`` is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.evals import GoldCase, load_gold
from factcheck.evals.gold import find_gold_files
from factcheck.evals.key_facts import fact_present, term_present

REPO = Path(__file__).resolve().parents[2]
ARTICLES = REPO.parent / "shared" / "data" / "frank-valid" / "articles"
CASES = [
    case for case in map(load_gold, find_gold_files(REPO / "evals")) if "frank-valid" in case.tags
]


def test_six_bbc_and_six_cnndm_cases() -> None:
    datasets = [("bbc" in c.tags, "cnndm" in c.tags) for c in CASES]
    assert datasets.count((True, False)) >= 6
    assert datasets.count((False, True)) >= 6
    assert all(c.external_article and c.article is None for c in CASES)


@pytest.mark.skipif(not ARTICLES.is_dir(), reason="../shared/data/frank-valid is not present")
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_the_gold_is_in_the_article(case: GoldCase) -> None:
    text = case.read_article([ARTICLES])
    for claim in case.claims:
        for fact in claim.key_facts:
            assert fact_present(fact, text), (claim.text, fact)
    for point in case.summary_key_points:
        for group in point.terms:
            assert any(term_present(term, text) for term in group), (point.label, group)
    for forbidden in case.forbidden:
        assert forbidden in text, forbidden  # furniture that is there to leak

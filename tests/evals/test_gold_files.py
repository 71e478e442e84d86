"""The committed gold set: valid, self-consistent, grounded in its articles."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from factcheck.chunker import chunk_text
from factcheck.evals import GoldCase, load_gold
from factcheck.evals.claim_matching import match_claims
from factcheck.evals.gold import find_gold_files
from factcheck.evals.key_facts import fact_present, term_present
from factcheck.evals.text_match import contains_substring

REPO = Path(__file__).resolve().parents[2]
EVALS = REPO / "evals"
GOLD_FILES = find_gold_files(EVALS)


def _has_local_article(path: Path) -> bool:
    # Read without validating: a broken file should fail its own test, not collection.
    try:
        return "article" in json.loads(path.read_text(encoding="utf-8"))
    except ValueError:
        return True


LOCAL = [p for p in GOLD_FILES if _has_local_article(p)]


def case_id(path: Path) -> str:
    return path.name.removesuffix(".gold.json")


@pytest.fixture(params=GOLD_FILES, ids=case_id)
def any_case(request: pytest.FixtureRequest) -> GoldCase:
    path: Path = request.param
    return load_gold(path)


@pytest.fixture(params=LOCAL, ids=case_id)
def local_case(request: pytest.FixtureRequest) -> GoldCase:
    path: Path = request.param
    return load_gold(path)


def test_every_gold_file_validates() -> None:
    assert GOLD_FILES
    for path in GOLD_FILES:
        load_gold(path)


def test_the_set_is_large_and_varied() -> None:
    cases = [load_gold(p) for p in GOLD_FILES]
    assert len(LOCAL) >= 15
    assert len({c.id for c in cases}) == len(cases)
    tags = {tag for c in cases for tag in c.tags}
    wanted = {
        "number-words", "approximations", "currency", "percent", "relative-dates",
        "quotes", "hedged", "denied", "opinion", "bio", "injection", "long",
        "diacritics", "lists", "html", "trailer", "external",
    }  # fmt: skip
    assert wanted <= tags


def test_claim_counts(any_case: GoldCase) -> None:
    assert 4 <= len(any_case.claims) <= 12


def test_every_gold_claim_matches_itself(any_case: GoldCase) -> None:
    for index, claim in enumerate(any_case.claims):
        for fact in claim.key_facts:
            assert fact_present(fact, claim.text), (index, fact)
    result = match_claims(any_case.claims, [c.text for c in any_case.claims])
    assert (result.precision, result.recall) == (1.0, 1.0), [m.reason for m in result.missed]


def test_facts_key_points_and_forbidden_come_from_the_article(local_case: GoldCase) -> None:
    check_against_article(local_case, local_case.read_article())


def check_against_article(case: GoldCase, article: str) -> None:
    for index, claim in enumerate(case.claims):
        for fact in claim.key_facts:
            assert fact_present(fact, article), (index, fact)
    for point in case.summary_key_points:
        for group in point.terms:
            assert any(term_present(term, article) for term in group), (point.label, group)
    in_article = [f for f in case.forbidden if contains_substring(article, f)]
    if "injection" in case.tags:
        # Paraphrases of the injected content are forbidden too; most strings are quoted.
        assert len(in_article) >= len(case.forbidden) - 1
    else:
        assert in_article == list(case.forbidden)


def test_articles_look_like_news(local_case: GoldCase) -> None:
    text = local_case.read_article()
    headline, blank, first = text.split("\n", 3)[:3]
    assert headline.strip()
    assert not blank.strip()
    assert first.strip()
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    assert len(paragraphs) >= 6
    assert len(paragraphs) == len(set(paragraphs)), "a paragraph is repeated"


def test_long_case_needs_four_sections() -> None:
    case = load_gold(EVALS / "cases" / "long-investigation" / "long-investigation.gold.json")
    text = case.read_article()
    assert len(text) >= 30_000
    assert len(chunk_text(text, 1500)) >= 4


def test_seed_case_against_the_seed_article(seed_article_path: Path) -> None:
    case = load_gold(EVALS / "cases" / "seed-putin-xi" / "seed-putin-xi.gold.json")
    assert case.article is None
    path = case.article_path([seed_article_path.parent])
    assert path == seed_article_path.resolve()
    check_against_article(case, case.read_article([seed_article_path.parent]))


def test_seed_article_is_not_copied_into_the_repository(seed_article_path: Path) -> None:
    seed = seed_article_path.read_text(encoding="utf-8")
    fragments = {s.strip() for s in re.split(r"(?<=[.!?”\"])\s+", seed) if len(s.strip()) >= 60}
    assert len(fragments) > 10
    for path in [*EVALS.rglob("*"), *Path(__file__).parent.rglob("*")]:
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        copied = [f for f in fragments if f in text]
        assert not copied, (path, copied[:1])

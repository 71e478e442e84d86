"""The offline engine on the seed article (read in place, never copied)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from factcheck import load_article
from factcheck.article import Article
from factcheck.offline.engine import OfflineEngine, OfflineOutput
from factcheck.result import Claim

TRAILER_WORDS = ("Dailynationtoday", "Cambridge", "Copyright", "winknews", "Slisco", "Back to top")


@pytest.fixture
def seed(seed_article_path: Path) -> tuple[Article, OfflineOutput]:
    article = load_article(seed_article_path)
    return article, OfflineEngine().extract(article)


def _covering(out: OfflineOutput, *words: str) -> list[Claim]:
    return [c for c in out.claims if all(w in c.text for w in words)]


def test_quotes_are_verbatim_body_spans(seed: tuple[Article, OfflineOutput]) -> None:
    article, out = seed
    body = article.body
    assert out.claims
    for claim in out.claims:
        ev = claim.evidence
        assert ev is not None
        assert body[ev.start : ev.end] == claim.quote
        # The original-text span holds the same characters (the seed needs no cleaning).
        assert ev.original_start is not None
        assert ev.original_end is not None
        assert article.original[ev.original_start : ev.original_end] == claim.quote


def test_trailer_stays_out(seed: tuple[Article, OfflineOutput]) -> None:
    article, out = seed
    for word in TRAILER_WORDS:
        assert word not in out.summary
        for claim in out.claims:
            assert word not in claim.text
            assert word not in claim.quote
    assert article.title is not None
    assert article.title not in out.summary


def test_required_claims_are_covered(seed: tuple[Article, OfflineOutput]) -> None:
    _, out = seed
    assert _covering(out, "100,000", "troops")
    assert _covering(out, "Xi", "first", "since 2019")
    assert _covering(out, "1 million", "Uighur")
    assert _covering(out, "dozen", "agreements")
    deployed = _covering(out, "August", "first time")
    assert deployed
    assert "Chinese territory" in deployed[0].text


def test_denial_is_its_own_claim(seed: tuple[Article, OfflineOutput]) -> None:
    _, out = seed
    denials = [c for c in out.claims if "denied planning" in c.text]
    assert len(denials) == 1
    denial = denials[0]
    assert denial.stance == "denied"
    assert denial.text.startswith("Russia")
    assert denial.speaker == "Russia"
    # The clause after "but" is a separate claim that borrows the subject.
    urged = _covering(out, "Russia has urged")
    assert urged
    assert urged[0].stance == "asserted"
    assert urged[0].quote.startswith("has urged")


def test_pronouns_and_speakers(seed: tuple[Article, OfflineOutput]) -> None:
    _, out = seed
    joint = _covering(out, "joint statement")
    assert joint
    assert joint[0].text.startswith("Yuri Ushakov said")
    assert joint[0].quote.startswith("He said")
    assert joint[0].speaker == "Yuri Ushakov"
    quoted = [c for c in out.claims if c.speaker == "Vasily Kashin"]
    assert quoted
    assert all(c.category == "attribution/quote" for c in quoted)
    assert any(c.speaker == "Vladimir Putin" for c in out.claims)
    # "Although Moscow and Beijing have ruled out ..., Mr Putin said": Putin speaks.
    scenario = _covering(out, "scenario")
    assert [c.speaker for c in scenario] == ["Vladimir Putin"]
    for claim in out.claims:
        assert not claim.text.startswith(("He ", "She ", "But ", "However"))


def test_no_fragments_or_unattributed_opinion(seed: tuple[Article, OfflineOutput]) -> None:
    _, out = seed
    for claim in out.claims:
        assert len(claim.quote.split()) >= 3
        if "should not be used" in claim.quote:
            # The opinion runs on inside a quotation whose speaker is named two
            # sentences before: it is hers, not the article's.
            assert claim.speaker == "Nabila Massrali"
            assert claim.text.startswith("Nabila Massrali said: “")
        assert claim.quote != "West."
        # A stray full stop of machine rewriting ("... the border. of his country
        # with Ukraine.") stays in the verbatim quote but not in the claim text.
        assert re.search(r"\w\.[”’\"]* [a-z]", claim.text) is None, claim.text


def test_summary(seed: tuple[Article, OfflineOutput]) -> None:
    article, out = seed
    assert 2 <= len(out.summary_spans) <= 4
    assert "Putin" in out.summary
    assert "Xi" in out.summary or "China" in out.summary
    for start, end in out.summary_spans:
        assert article.body[start:end] in article.body


def test_deterministic(seed_article_path: Path, find: Callable[..., Claim]) -> None:
    article = load_article(seed_article_path)
    first = OfflineEngine().extract(article)
    second = OfflineEngine().extract(load_article(seed_article_path))
    assert first == second
    assert find(first, "100,000").category == "quantity"

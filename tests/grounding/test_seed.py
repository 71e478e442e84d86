"""Grounding hand-written claims against the seed article, read in place.

The article's text is never copied here: every quote is taken from the body at
run time (the sentence holding a short anchor), and the claims are ours.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck import Article, Claim, load_article
from factcheck.grounding.claims import ground_claims
from factcheck.grounding.summary import check_summary
from factcheck.sentences import sentence_spans


@pytest.fixture
def seed(seed_article_path: Path) -> Article:
    return load_article(seed_article_path)


def sentence_with(article: Article, anchor: str) -> str:
    body = article.body
    for start, end in sentence_spans(body):
        if anchor in body[start:end]:
            return body[start:end]
    raise AssertionError(f"no sentence holds {anchor!r}")


def test_troop_figure(seed: Article) -> None:
    quote = sentence_with(seed, "100,000")
    claims = [
        Claim(text="More than 100,000 Russian troops have gathered near Ukraine.", quote=quote),
        Claim(text="More than 10,000 Russian troops have gathered near Ukraine.", quote=quote),
        Claim(text="About 100,000 Russian troops have gathered near Ukraine.", quote=quote),
    ]
    exact, tenfold, loose = ground_claims(seed.body, claims)
    assert exact.status == "supported"
    assert exact.evidence is not None
    assert exact.evidence.method == "exact"
    assert tenfold.status == "contradicted"
    assert tenfold.problems == ("number More than 10,000 not in evidence",)
    # "about" is not "more than": the article gives a lower bound.
    assert loose.status == "partial"
    assert loose.problems == (
        "number About 100,000 not in evidence (evidence says more than 100,000)",
    )


def test_the_summit_claim_and_its_straight_apostrophe(seed: Article) -> None:
    sentence = sentence_with(seed, "Xi Jinping")
    assert "’" in sentence
    claim = Claim(
        text="Putin and Xi Jinping hold talks on Friday, their first in-person meeting since 2019.",
        quote=sentence.replace("’", "'"),
    )
    (grounded,) = ground_claims(seed.body, [claim], to_original=seed.body_span_to_original)
    assert grounded.status == "supported"
    ev = grounded.evidence
    assert ev is not None
    assert ev.method == "normalized"
    assert seed.body[ev.start : ev.end] == sentence
    assert ev.original_start is not None
    assert seed.original[ev.original_start : ev.original_end] == sentence


def test_a_year_found_only_in_the_trailer(seed: Article) -> None:
    # The copyright line and the URL carry the year; the body never states it.
    assert "2022" in seed.text
    assert "2022" not in seed.body
    claim = Claim(
        text="Putin travels to China for talks with Xi Jinping in 2022.",
        quote=sentence_with(seed, "Xi Jinping"),
    )
    (grounded,) = ground_claims(seed.body, [claim])
    assert grounded.status == "partial"
    assert grounded.problems == ("date 2022 not in evidence",)


def test_a_quote_from_the_author_bio_is_unsupported(seed: Article) -> None:
    bio = next(block for block in seed.trailer if block.kind == "bio")
    first_sentence = bio.text[: bio.text.index(".") + 1]
    (grounded,) = ground_claims(seed.body, [Claim(text="An author bio.", quote=first_sentence)])
    assert grounded.status == "unsupported"


def test_a_dozen_agreements(seed: Article) -> None:
    quote = sentence_with(seed, "dozen")
    claims = [
        Claim(text="Moscow and Beijing expect to sign more than 12 agreements.", quote=quote),
        Claim(text="Moscow and Beijing expect to sign 12 agreements.", quote=quote),
    ]
    claims.append(
        # The sentence names the capitals, not the countries: a trap for a loose check.
        Claim(text="Russia and China expect to sign more than 12 agreements.", quote=quote)
    )
    bounded, exact, countries = ground_claims(seed.body, claims)
    assert bounded.status == "supported"
    assert exact.status == "partial"
    assert exact.problems == ("number 12 not in evidence (evidence says more than a dozen)",)
    assert countries.problems == ("name Russia not in evidence", "name China not in evidence")


def test_the_wrong_minister(seed: Article) -> None:
    quote = sentence_with(seed, "Blinken")
    claims = [
        Claim(
            text="Wang Yi told Antony Blinken last week that Moscow's concerns matter.", quote=quote
        ),
        Claim(
            text="Wang Yi told Sergei Lavrov last week that Moscow's concerns matter.", quote=quote
        ),
        Claim(
            text="Wang Yi told Antony Blinken last year that Moscow's concerns matter.", quote=quote
        ),
    ]
    right, wrong_name, wrong_date = ground_claims(seed.body, claims)
    assert right.status == "supported"
    assert wrong_name.problems == ("name Sergei Lavrov not in evidence",)
    assert wrong_date.problems == ("date last year not in evidence",)


def test_a_short_summary_of_the_seed(seed: Article) -> None:
    summary = (
        "Putin meets Xi Jinping in Beijing on Friday, their first in-person talks since 2019. "
        "The buildup of more than 100,000 Russian troops near Ukraine worries the West. "
        "Western officials stay away over China's detention of more than 2 million Uighurs. "
        "Aila Slisco is a reporter based in London."
    )
    checks = check_summary(seed.body, summary)
    # The article gives another figure for the detained Uighurs.
    assert [c.status for c in checks] == ["supported", "supported", "contradicted", "unsupported"]
    assert checks[2].problems == ("number more than 2 million not in evidence",)

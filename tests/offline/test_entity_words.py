"""The offline engine's name reader on real-text traps: whole words, addresses, sentence openers."""

from __future__ import annotations

import pytest

from factcheck.facts.names import ArticleCasing
from factcheck.offline.entities import PersonRegistry, find_mentions


def _names(text: str, casing: ArticleCasing | None = None) -> list[str]:
    return [m.name for m in find_mentions(text, 0, len(text), PersonRegistry(), casing)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The firm makes parts by 3D printing.", []),  # no "D"
        ("She spoke to @Work magazine.", []),
        ("The BBC wrote on @BBCNews today.", ["BBC"]),
        ("The #MeToo movement grew.", []),
        ("The iPhone sold well on eBay.", []),  # no "Phone", no "Bay"
        ("You may write to john.Smith@Example.com today.", []),
        ("The page https://www.Example.com/News/Politics is gone.", []),
        ("The G7 summit met in Cornwall.", ["G7", "Cornwall"]),
    ],
)
def test_words_are_read_whole_and_addresses_skipped(text: str, expected: list[str]) -> None:
    assert _names(text) == expected


def test_a_lone_opener_is_a_name_when_the_article_capitalises_it() -> None:
    article = "Shares in Brightwater fell. Brightwater said it would cut jobs."
    second = article.index("Brightwater said")
    casing = ArticleCasing.of(article)
    found = find_mentions(article, second, len(article), PersonRegistry(), casing)
    assert [m.name for m in found] == ["Brightwater"]
    # Without the article's casing a lone opener is only a capital letter.
    assert find_mentions(article, second, len(article), PersonRegistry()) == []


def test_a_lone_opener_the_article_never_capitalises_inside_is_no_name() -> None:
    article = "Evacuees were told to leave. Evacuees said the water rose fast."
    casing = ArticleCasing.of(article)
    assert _names("Evacuees said the water rose fast.", casing) == []
    # Nor is a contraction of a common word, capitalised everywhere.
    quote = "Then I'm going home, she said. I'm tired."
    assert _names("I'm tired.", ArticleCasing.of(quote)) == []

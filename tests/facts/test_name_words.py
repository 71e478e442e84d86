"""How names are read from real text: whole words, addresses, figures, list items and openers."""

from __future__ import annotations

import re

import pytest

from factcheck.facts.addresses import ADDRESS, EMAIL_ADDRESS, URL_OR_EMAIL
from factcheck.facts.names import (
    ArticleCasing,
    capitalised_by_position,
    find_names,
    is_common_word,
    name_tokens,
)
from factcheck.facts.vocabulary import NAME_PARTICLES
from factcheck.offline.entities import PersonRegistry, find_mentions


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A word is read whole: a capital after a digit or a lower-case letter opens no name.
        ("The firm makes parts by 3D printing for carmakers.", []),
        ("He bought a 4K TV and a 5G phone.", ["TV"]),
        ("The sales of the iPhone and listings on eBay rose.", ["iPhone", "eBay"]),
        ("The fans of the 1990s and the 49ers came.", []),
        # Letters first, then digits: a name's own capital, wherever it stands.
        ("Leaders met at the G7 summit in Cornwall.", ["G7", "Cornwall"]),
        ("The F1 season opens in Bahrain.", ["F1", "Bahrain"]),
        ("U2 played in Dublin.", ["U2", "Dublin"]),
        ("The COVID-19 pandemic hit the NHS hard.", ["COVID-19", "NHS"]),
        # Handles, hashtags, e-mail addresses and links name no one.
        ("She spoke to @Work magazine on Monday.", []),
        ("Follow @BBCNews for more.", []),
        ("The #MeToo movement grew.", []),
        ("You may write to john.Smith@Example.com for details.", []),
        ("See https://www.Example.com/News/Politics for more.", []),
        ("The details are at www.Example.org/Events today.", []),
        # A handle or address ends the name before it.
        ("Ana Ruiz @AnaRuiz said no.", ["Ana Ruiz"]),
        # The sign with a space is no tag: a tokenised summary's pound sign.
        ("He paid # 2 million to Ana Ruiz.", ["Ana Ruiz"]),
    ],
)
def test_words_are_read_whole_and_addresses_skipped(text: str, expected: list[str]) -> None:
    assert find_names(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A word that opens with a digit is a name only where it is written as one.
        ("The shares in 3M fell on Monday.", []),  # also "3 million": no evidence of a name
        ("The shares in 3M's rival fell.", ["3M"]),  # possessive
        ("The shares in 3M Company fell.", ["3M Company"]),  # a capitalised word after it
        ("She ran a 7-Eleven store.", ["7-Eleven"]),  # a capitalised word joined by a hyphen
        ("Apple's 3D Touch screen failed.", ["Apple", "3D Touch"]),
        ("A 3D Monday launch was planned.", []),  # a date word after it is no name's
        ("A 4K TV costs less.", ["TV"]),  # an acronym after it is no name's
        ("The 10-year-old boy left.", []),
    ],
)
def test_a_word_opening_with_a_digit_is_a_name_where_written_as_one(
    text: str, expected: list[str]
) -> None:
    assert find_names(text) == expected


def test_the_article_can_show_a_figure_is_a_name() -> None:
    casing = ArticleCasing.of("3M's chief executive resigned. Shares in 3M fell.")
    assert casing.writes_figure_as_name("3M")
    assert find_names("The shares in 3M rose.", casing) == ["3M"]
    # An article that writes "3D" only as a modifier does not make it a name.
    printing = ArticleCasing.of("It makes 3D printers. The 3D market grew.")
    assert not printing.writes_figure_as_name("3D")
    assert find_names("The 3D market shrank.", printing) == []


@pytest.mark.parametrize(
    ("word", "common"),
    [
        ("the", True),
        ("i", True),
        ("i'm", True),
        ("i’ve", True),
        ("we're", True),
        ("they’ll", True),
        ("you'd", True),
        ("shouldn't", True),
        ("o'brien", False),  # a name's apostrophe is no contraction
        ("d’angelo", False),
        ("riders", False),
    ],
)
def test_common_words_and_their_contractions(word: str, common: bool) -> None:
    assert is_common_word(word) is common


def test_a_contraction_of_a_common_word_is_no_name() -> None:
    text = '"I\'m sorry," she said. "We\'ve tried." Okafor said I\'ll go.'
    assert find_names(text, ArticleCasing.of(text)) == ["Okafor"]


@pytest.mark.parametrize(
    ("word", "positional"),
    [
        ("Riders", True),
        ("Okafor", True),
        ("Okafor's", True),
        ("NATO", False),
        ("U2", False),
        ("iPhone", False),
        ("McLaren", False),
        ("riders", False),
    ],
)
def test_capitals_a_sentence_start_explains(word: str, positional: bool) -> None:
    assert capitalised_by_position(word) is positional


def test_a_name_whose_capitals_no_opener_explains_is_a_name_at_sentence_start() -> None:
    casing = ArticleCasing.of("McLaren will be at the back. U2 played. Riders and riders.")
    assert casing.capitalises("McLaren") and casing.capitalises("U2")
    assert find_names("McLaren finished last.", casing) == ["McLaren"]
    assert not casing.opener_is_name("Riders")


# Each list mark the sentence-opening rule knows (``_LIST_MARK``).
@pytest.mark.parametrize("mark", ["-", "–", "—", "·", "▪", "2)", "b)", "(iv)", "(3)"])
def test_a_list_item_opens_a_sentence(mark: str) -> None:
    article = f"The fares change today.\n{mark} Riders under 18 travel free.\nMost riders pay less."
    casing = ArticleCasing.of(article)
    assert not casing.capitalises("Riders")
    assert find_names(article, casing) == []


def test_a_dash_inside_a_sentence_opens_nothing() -> None:
    casing = ArticleCasing.of("The plan - Brightwater says - is final.")
    assert casing.capitalises("Brightwater")


@pytest.mark.parametrize(
    "dateline", ["EASTFIELD — ", "OSLO, March 3 (Reuters) — ", "ST. PAUL – ", "LYON -- "]
)
def test_the_word_after_a_dateline_opens_the_body(dateline: str) -> None:
    article = f"{dateline}Nurses at the hospital will strike. Most nurses voted for it."
    casing = ArticleCasing.of(article)
    assert not casing.capitalises("Nurses")
    assert "Nurses" not in find_names(article, casing)


def test_a_name_alone_in_brackets_is_inside_a_sentence() -> None:
    casing = ArticleCasing.of("Carlos Sainz (Spain) was fifth. I wish Sam [Allardyce] well.")
    assert casing.capitalises("Spain") and casing.capitalises("Allardyce")
    # A bracketed sentence still opens with its first word.
    assert not ArticleCasing.of("Prices rose (Analysts expected it) today.").capitalises("Analysts")


def test_riders_in_a_bulleted_article_is_not_its_top_name() -> None:
    article = (
        "Metro fares change on July 1. Here is what riders need to know.\n\n"
        "- Riders under 18 will travel free.\n"
        "- Riders aged 65 will pay half fare.\n"
        "- Riders with a monthly pass save more.\n\n"
        "Transit chief Marcus Ahlberg said most riders would pay less."
    )
    names = find_names(article, ArticleCasing.of(article))
    assert "Riders" not in names and "Marcus Ahlberg" in names


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("3D printing", ["3d", "printing"]),
        ("the 10-year-old", ["the", "10-year-old"]),  # kept whole: "10" alone is a figure
        ("7-Eleven's store", ["7-eleven", "store"]),
        ("Putin at john.Smith@Example.com", ["putin", "at"]),
        ("@BBCNews #MeToo Okafor", ["okafor"]),
        ("Anglo-French", ["anglo", "french"]),
    ],
)
def test_name_tokens_read_words_whole(text: str, tokens: list[str]) -> None:
    assert name_tokens(text) == tokens


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("see https://example.com/a.b now", "https://example.com/a.b"),
        ("see www.example.com now", "www.example.com"),
        ("mail ana.ruiz+news@example.co.uk now", "ana.ruiz+news@example.co.uk"),
    ],
)
def test_links_and_email_addresses(text: str, found: str) -> None:
    match = URL_OR_EMAIL.search(text)
    assert match is not None and match.group(0) == found
    assert re.search(ADDRESS, text) is not None


@pytest.mark.parametrize(
    ("text", "found"),
    [("by @BBCNews today", "@BBCNews"), ("the #MeToo era", "#MeToo"), ("me @ home", None)],
)
def test_handles_and_tags(text: str, found: str | None) -> None:
    match = re.search(ADDRESS, text)
    assert (match.group(0) if match else None) == found
    assert EMAIL_ADDRESS.search(text) is None


@pytest.mark.parametrize("particle", sorted(NAME_PARTICLES))
def test_each_particle_joins_a_name_in_both_readers(particle: str) -> None:
    text = f"The prize went to Ana {particle} Costa on Friday."
    assert find_names(text) == [f"Ana {particle} Costa"]
    mentions = find_mentions(text, 0, len(text), PersonRegistry())
    assert [m.name for m in mentions] == [f"Ana {particle} Costa"]
    # At the end of a run a particle is no part of the name.
    assert find_names(f"The prize went to Ana Costa {particle} noon.") == ["Ana Costa"]

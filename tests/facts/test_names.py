"""find_names and name_present on hand-written sentences."""

from __future__ import annotations

import pytest

from factcheck.facts.names import (
    ArticleCasing,
    find_names,
    fold,
    name_present,
    name_tokens,
    name_written,
)


def present(name: str, evidence: str) -> bool:
    tokens = name_tokens(evidence)
    return name_present(name, set(tokens), " ".join(tokens))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chairwoman Zoë Kovačević said the plan was ready.", ["Zoë Kovačević"]),
        ("The harbour authority of Port Kelby met on Tuesday.", ["Port Kelby"]),
        ("Officials from NATO and the EU met in Brussels.", ["NATO", "EU", "Brussels"]),
        ("Chinese Foreign Minister Wang Yi spoke.", ["Wang Yi"]),
        (
            "U.S. Secretary of State Antony Blinken called.",
            ["Antony Blinken"],  # a title drops what comes before it too
        ),
        ("Putin’s talks with Xi Jinping ended.", ["Putin", "Xi Jinping"]),
        ("They sailed through the Sea of Japan.", ["Sea of Japan"]),
        ("New cases of COVID-19 rose.", ["COVID-19"]),
        ("However, Mr Petrović disagreed.", ["Petrović"]),
        ("Major ports grew. It was a major shift.", []),  # sentence-initial common word
        ("The report came out on Friday in August.", []),  # dates are not names
        ("Kelby is small. Kelby grew.", ["Kelby"]),  # no duplicates
        ("", []),
    ],
)
def test_find_names(text: str, expected: list[str]) -> None:
    assert find_names(text) == expected


def test_quotes_open_sentences() -> None:
    text = "“Dredging harms seagrass,” said Blue Estuary, which opposes dredging."
    assert find_names(text) == ["Blue Estuary"]
    assert find_names("“Ferries matter,” she said; ferries run daily.") == []


def test_fold_removes_case_and_diacritics() -> None:
    assert fold("Zoë Kovačević") == "zoe kovacevic"
    assert fold("Łódź") == "lodz"
    assert fold("U.S.") == "us"


@pytest.mark.parametrize(
    ("name", "evidence"),
    [
        ("Vladan Kovačević", "said Kovačević on Tuesday"),  # one word of the name suffices
        ("Kovacevic", "said Kovačević"),  # same letters, diacritics aside
        ("Kovačević", "said Kovacevic"),
        ("Putin", "Putin’s talks"),  # possessive
        ("Blinken’s", "Blinken said"),
        ("United States", "the US said"),  # alias
        ("EU", "the European Union said"),
        ("Uighurs", "Uighur Muslims"),  # plural
        ("President Petrović", "Petrović said"),  # titles are not needed
    ],
)
def test_name_present(name: str, evidence: str) -> None:
    assert present(name, evidence)


@pytest.mark.parametrize(
    ("name", "evidence"),
    [
        ("Blinken", "Wang Yi said"),
        ("Kovalević", "said Kovačević"),  # different letters are a different name
        ("Petrovic", "Petrovich said"),
        ("United Kingdom", "the US said"),
    ],
)
def test_name_absent(name: str, evidence: str) -> None:
    assert not present(name, evidence)


def test_a_name_of_particles_only_is_present_where_it_is_written() -> None:
    # "DÀ" folds to the particle "da": particles alone used to be ignored, so
    # the name was missing even from the text it came from.
    assert present("DÀ", "DÀ")
    assert present("Da", "the da vinci room")
    assert not present("DÀ", "the de vinci room")


def test_particles_do_not_carry_a_name_that_has_other_words() -> None:
    assert not present("Charles de Gaulle", "a de facto ban")
    assert present("Charles de Gaulle", "de Gaulle said")


@pytest.mark.parametrize(
    ("name", "evidence", "written"),
    [
        ("Dunmore Card", "The Dunmore Transit board met.", False),  # "card" is not there
        ("Dunmore Card", "Buy a Dunmore Card at a station.", True),
        ("Vladimir Putin", "Putin said little.", False),  # present, not written
        ("Vladimir Putin", "President Vladimir Putin said little.", True),
        ("President Putin", "Putin said little.", True),  # titles aside
        ("Ludwig van Beethoven", "Ludwig Beethoven wrote it.", True),  # particles aside
        ("United States", "The US said no.", True),  # an alias is written
        ("Kovacevic", "Zoë Kovačević spoke.", True),  # folded letters
        ("Halvorsen", "Brightwater shares rose.", False),
    ],
)
def test_name_written_needs_every_word_of_the_name(name: str, evidence: str, written: bool) -> None:
    tokens = name_tokens(evidence)
    assert name_written(name, set(tokens), " ".join(tokens)) is written


ARTICLE = (
    "Dunmore Transit will raise fares. Riders aged 65 will pay half. Older riders said "
    "little. Okafor runs the network. Officials backed Okafor on Monday."
)


def test_opener_the_article_writes_in_lower_case_is_not_a_name() -> None:
    casing = ArticleCasing.of(ARTICLE)
    assert find_names("Riders under 18 travel free.", casing) == []
    assert find_names("Riders under 18 travel free.") == ["Riders"]  # without the article


def test_opener_the_article_capitalises_mid_sentence_is_a_name() -> None:
    casing = ArticleCasing.of(ARTICLE)
    assert find_names("Okafor resigned.", casing) == ["Okafor"]


def test_opener_the_article_never_uses_is_a_name() -> None:
    # A name the article lacks must still be found, so that it can be reported.
    casing = ArticleCasing.of(ARTICLE)
    assert find_names("Brown resigned.", casing) == ["Brown"]


def test_opener_written_only_at_sentence_starts_is_a_name() -> None:
    casing = ArticleCasing.of("Mbeki spoke first. Mbeki left at noon.")
    assert find_names("Mbeki returned.", casing) == ["Mbeki"]


def test_plural_or_singular_in_lower_case_counts() -> None:
    casing = ArticleCasing.of("One rider was hurt. Otters swam past.")
    assert find_names("Riders were angry.", casing) == []
    # "Otters" only opens a sentence and is never in lower case: kept (no evidence).
    assert find_names("Otters returned.", casing) == ["Otters"]


def test_opener_rule_leaves_names_of_several_words_and_acronyms() -> None:
    casing = ArticleCasing.of("the riders and the nato forces met.")
    assert find_names("Riders Union and NATO met.", casing) == ["Riders Union", "NATO"]

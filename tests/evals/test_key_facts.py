from __future__ import annotations

import pytest

from factcheck.evals.gold import KeyFact
from factcheck.evals.key_facts import fact_present, missing_facts, term_present


def number(value: str | float, *variants: str) -> KeyFact:
    return KeyFact("number", value, tuple(variants))


@pytest.mark.parametrize(
    "text",
    [
        "Russia has 100,000 troops there.",
        "Russia has 100000 troops there.",
        "Russia has 100 thousand troops there.",
        "Russia has one hundred thousand troops there.",
        "Russia has about 100,000 troops there.",  # "about" and exact are one fact
    ],
)
def test_number_spellings_are_one_value(text: str) -> None:
    assert fact_present(number("100,000"), text)


@pytest.mark.parametrize(
    "text",
    [
        "Russia has 10,000 troops there.",
        "Russia has 1,100,000 troops there.",
        "Russia has more than 100,000 troops there.",  # a bound the gold does not state
        "Russia has fewer than 100,000 troops there.",
    ],
)
def test_other_values_and_bounds_do_not_count(text: str) -> None:
    assert not fact_present(number("100,000"), text)


def test_a_bound_is_part_of_the_fact() -> None:
    gold = number("more than 1 million")
    assert fact_present(gold, "China detained more than one million Uighurs.")
    assert fact_present(gold, "China detained over 1 million Uighurs.")
    assert not fact_present(gold, "China detained 1 million Uighurs.")
    assert not fact_present(gold, "China detained nearly 1 million Uighurs.")
    # ...unless the gold file lists the looser wording as a variant.
    assert fact_present(number("more than 1 million", "1 million"), "It detained 1 million.")


def test_number_words_and_dozens() -> None:
    assert fact_present(number("42", "forty-two"), "They hired forty-two teachers.")
    assert fact_present(number("42"), "They hired forty-two teachers.")
    assert fact_present(number("more than a dozen"), "They signed more than 12 agreements.")
    assert not fact_present(number("more than a dozen"), "They signed a dozen agreements.")


def test_units_must_agree_when_the_gold_names_one() -> None:
    assert fact_present(number("$1.8 billion"), "a deal worth 1.8 billion dollars")
    assert not fact_present(number("$1.8 billion"), "a deal worth €1.8 billion")
    assert fact_present(number("23%"), "a 23 per cent premium")
    assert not fact_present(number("23%"), "23 analysts agreed")
    # No unit in the gold value: any unit is accepted.
    assert fact_present(number("23"), "a 23% premium")


def test_json_numbers_are_exact_quantities() -> None:
    assert fact_present(number(212.0), "There are 212 vacant posts.")
    assert fact_present(number(212.0), "There are about 212 vacant posts.")
    assert not fact_present(number(212.0), "There are more than 212 vacant posts.")
    assert not fact_present(number(212.0), "There are 2,120 vacant posts.")


def test_unparsed_number_alternatives_match_as_words() -> None:
    gold = number("180 millimetres", "180mm")
    assert fact_present(gold, "It brought 180mm of rain.")
    assert not fact_present(gold, "It brought 1180mm of rain.")


def test_html_entities_do_not_hide_numbers() -> None:
    assert fact_present(number("£12.5 million"), "a renovation costing &pound;12.5 million")


def test_dates_compare_by_their_parts() -> None:
    year = KeyFact("date", "2019")
    assert fact_present(year, "their first meeting since 2019")
    assert fact_present(year, "in March 2019")
    assert not fact_present(year, "their first meeting since 2018")
    friday = KeyFact("date", "Friday")
    assert fact_present(friday, "talks on Friday")
    assert fact_present(friday, "talks last Friday")
    assert not fact_present(friday, "talks on Thursday")
    relative = KeyFact("date", "last week")
    assert fact_present(relative, "in a phone call last week")
    assert not fact_present(relative, "in a phone call last month")
    day = KeyFact("date", "14 November", ("November 14",))
    assert fact_present(day, "on November 14")
    assert not fact_present(day, "on November 15")


def test_names_and_terms_fold_accents_and_case() -> None:
    assert fact_present(KeyFact("name", "Łukasiewicz"), "Zoe Lukasiewicz won")
    assert fact_present(KeyFact("name", "Núñez-Ortega"), "JOSÉ NÚÑEZ-ORTEGA chaired it")
    assert not fact_present(KeyFact("name", "Xi"), "Xinhua reported")
    assert fact_present(KeyFact("term", "denied", ("denies",)), "Moscow denies it")
    assert not fact_present(KeyFact("term", "denied"), "Moscow undenied it")


def test_missing_facts_lists_indexes() -> None:
    facts = [number("100,000"), KeyFact("date", "2019"), KeyFact("term", "troops")]
    assert missing_facts(facts, "100,000 troops since 2019") == []
    assert missing_facts(facts, "10,000 troops since 2019") == [0]
    assert missing_facts(facts, "") == [0, 1, 2]


def test_key_point_terms() -> None:
    assert term_present("100,000", "one hundred thousand troops")
    assert term_present("Olympics", "the Winter Olympics")
    assert not term_present("100,000", "10,000 troops")
    assert not term_present("ties", "parties")


def test_an_unbounded_number_fact_takes_its_gold_claims_bound() -> None:
    from factcheck.evals.key_facts import claim_bound

    gold = "The pier has stood for over 25 years."
    for fact in (number(25.0), number("25")):
        assert claim_bound(fact, gold) == "more"
        # The gold claim states its own key fact...
        assert fact_present(fact, gold, claim=gold)
        # ...and a prediction must keep the bound, as with a bound written in the fact.
        assert fact_present(fact, "It has stood for more than 25 years.", claim=gold)
        assert not fact_present(fact, "It has stood for 25 years.", claim=gold)
        assert not fact_present(fact, "It has stood for under 25 years.", claim=gold)
    assert claim_bound(number(25.0), "Fewer than 25 boats went out.") == "less"


@pytest.mark.parametrize(
    ("fact", "gold"),
    [
        (number(25.0), "The pier has stood for 25 years."),  # no bound in the claim
        (number("more than 25"), "The pier has stood for over 25 years."),  # the fact's own
        (number(25.0), "Over 25 piers, and 25 of them new."),  # the claim states both readings
        (number(30.0), "The pier has stood for over 25 years."),  # another value
        (KeyFact("term", "pier"), "The pier has stood for over 25 years."),
    ],
)
def test_claim_bound_leaves_other_facts_alone(fact: KeyFact, gold: str) -> None:
    from factcheck.evals.key_facts import claim_bound

    assert claim_bound(fact, gold) is None


def test_a_gold_claim_with_a_bounded_figure_matches_itself() -> None:
    from factcheck.evals.claim_matching import match_claims
    from factcheck.evals.gold import GoldClaim

    text = "The harbour wall has protected the town for over 25 years."
    claim = GoldClaim(text, (number(25.0),))
    assert match_claims([claim], [text]).recall == 1.0
    assert (
        match_claims([claim], ["The harbour wall has protected the town for 25 years."]).recall == 0
    )

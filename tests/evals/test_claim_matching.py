from __future__ import annotations

import pytest

from factcheck.evals.claim_matching import (
    MatchConfig,
    content_words,
    match_claims,
    precision_recall_f1,
    similarity,
)
from factcheck.evals.gold import GoldClaim, KeyFact

TROOPS = GoldClaim(
    "More than 100,000 Russian troops have been deployed near Ukraine.",
    (KeyFact("number", "more than 100,000"), KeyFact("term", "troops", ("soldiers",))),
)
MEETING = GoldClaim(
    "Friday's talks between Putin and Xi are their first face-to-face meeting since 2019.",
    (KeyFact("date", "2019"), KeyFact("term", "face-to-face", ("in person",))),
)
UIGHURS = GoldClaim(
    "China has detained more than 1 million Uighur Muslims.",
    (KeyFact("number", "more than 1 million"), KeyFact("name", "Uighur", ("Uyghur",))),
)
GOLD = [TROOPS, MEETING, UIGHURS]


@pytest.mark.parametrize(
    ("matched", "n_pred", "n_gold", "expected"),
    [
        (2, 4, 3, (0.5, 2 / 3, 4 / 7)),
        (0, 0, 3, (0.0, 0.0, 0.0)),  # empty prediction list: defined, no ZeroDivisionError
        (0, 0, 0, (1.0, 1.0, 1.0)),
        (0, 2, 0, (0.0, 1.0, 0.0)),
        (3, 3, 3, (1.0, 1.0, 1.0)),
    ],
)
def test_precision_recall_f1(
    matched: int, n_pred: int, n_gold: int, expected: tuple[float, float, float]
) -> None:
    assert precision_recall_f1(matched, n_pred, n_gold) == pytest.approx(expected)


def test_paraphrases_match_one_to_one() -> None:
    result = match_claims(
        GOLD,
        [
            {"text": "Putin and Xi will meet in person on Friday for the first time since 2019."},
            {"text": "Russia has massed more than 100,000 troops near the Ukrainian border."},
        ],
    )
    assert [(m.gold_index, m.predicted_index) for m in result.matches] == [(0, 1), (1, 0)]
    assert result.precision == 1.0
    assert result.recall == pytest.approx(2 / 3)
    assert [m.index for m in result.missed] == [2]
    assert result.missed[0].reason == (
        "best candidate #1 'Russia has massed more than 100,000 troops near the Ukrainian "
        "border.' (similarity 41): missing key fact 'more than 1 million'; "
        "missing key fact 'Uighur'; similarity 41 < 60"
    )


def test_empty_predictions() -> None:
    result = match_claims(GOLD, [])
    assert (result.precision, result.recall, result.f1) == (0.0, 0.0, 0.0)
    assert [m.reason for m in result.missed] == ["no predicted claims"] * 3
    assert result.unmatched == ()


def test_duplicates_earn_nothing_extra() -> None:
    text = "More than 100,000 Russian troops have been deployed near Ukraine."
    result = match_claims(GOLD, [text, text, text.upper()])
    assert len(result.matches) == 1
    assert result.precision == pytest.approx(1 / 3)
    assert result.recall == pytest.approx(1 / 3)
    for miss in result.unmatched:
        assert "already matched to prediction #" in miss.reason
        assert "(duplicate)" in miss.reason


def test_giant_paste_matches_nothing() -> None:
    # One prediction that states every gold claim at once: it has every key fact
    # and a token_set_ratio of 100 against each gold claim, but it is no claim.
    paste = " ".join(g.text for g in GOLD) + " " + "Officials said more talks would follow. " * 12
    result = match_claims(GOLD, [paste])
    assert result.matches == ()
    # 10 + 13 + 9 + 72 = 104 words; 4x the gold claims' 10, 13 and 9 words.
    assert [m.reason.split("): ", 1)[1] for m in result.missed] == [
        "too long: 104 words > 40 allowed",
        "too long: 104 words > 52 allowed",
        "too long: 104 words > 36 allowed",
    ]


def test_short_gold_claims_allow_the_word_floor() -> None:
    short = GoldClaim("Russia denied planning an attack.", (KeyFact("term", "denied"),))
    # 5 gold words: 4x would allow 20, the floor allows 30 (one long sentence).
    thirty = (
        "Russia denied planning an attack on Ukraine, officials in Moscow said on Friday "
        "after three long days of tense talks. The talks will resume in Geneva next week, "
        "diplomats said."
    )
    assert len(thirty.split()) == 30
    assert len(match_claims([short], [thirty]).matches) == 1
    result = match_claims([short], [thirty + " Again."])
    assert result.matches == ()
    assert result.missed[0].reason.endswith("too long: 31 words > 30 allowed")


def test_giant_paste_against_long_gold_uses_the_ratio() -> None:
    config = MatchConfig(max_length_ratio=3.0, min_length_cap=5)
    long_gold = GoldClaim(
        "Officials from the two countries are expected to sign more than a dozen agreements "
        "on trade, energy and other issues.",
        (KeyFact("number", "more than a dozen"),),
    )  # 20 words: 60 allowed
    prediction = long_gold.text + " " + "It was a long day of talks in the capital. " * 5
    result = match_claims([long_gold], [prediction], config)
    assert result.matches == ()
    assert "words > 60 allowed" in result.missed[0].reason


def test_ten_thousand_is_not_a_hundred_thousand() -> None:
    result = match_claims(
        [TROOPS], ["More than 10,000 Russian troops have been deployed near Ukraine."]
    )
    assert result.matches == ()
    reason = result.missed[0].reason
    assert "best candidate #0" in reason
    assert "missing key fact 'more than 100,000'" in reason
    assert "similarity" in reason


def test_dropping_the_bound_loses_the_fact() -> None:
    result = match_claims([UIGHURS], ["China has detained 1 million Uighur Muslims."])
    assert result.matches == ()
    assert "missing key fact 'more than 1 million'" in result.missed[0].reason
    with_variant = GoldClaim(
        UIGHURS.text,
        (KeyFact("number", "more than 1 million", ("1 million",)), UIGHURS.key_facts[1]),
    )
    result = match_claims([with_variant], ["China has detained 1 million Uighur Muslims."])
    assert len(result.matches) == 1


def test_similar_text_without_the_key_fact() -> None:
    # Word for word the gold claim, except the year: similarity is high, the fact is gone.
    prediction = "Friday's talks between Putin and Xi are their first face-to-face meeting."
    assert similarity(MEETING.text, prediction) >= 90
    result = match_claims([MEETING], [prediction])
    assert result.matches == ()
    assert "missing key fact '2019'" in result.missed[0].reason


def test_key_facts_without_similarity() -> None:
    prediction = "More than 100,000 soldiers attended the parade in the capital."
    result = match_claims([TROOPS], [prediction])
    assert result.matches == ()
    reason = result.missed[0].reason
    assert "missing key fact" not in reason
    assert "< 60" in reason


def test_number_words_versus_digits() -> None:
    result = match_claims(
        [TROOPS], ["More than one hundred thousand Russian troops are deployed near Ukraine."]
    )
    assert len(result.matches) == 1
    assert content_words("one hundred thousand") == content_words("100,000") == "100000"


def test_assignment_prefers_more_matches_over_one_better_pair() -> None:
    # Prediction A suits both gold claims; B suits only the first. Greedy by score
    # would give A to gold 0 and leave B unmatched; the optimum matches both.
    two_million = (KeyFact("number", "2 million"),)
    gold = [
        GoldClaim("The ferry subsidy is 2 million euros a year.", two_million),
        GoldClaim("The ferry runs 2 million euros over budget.", two_million),
    ]
    a = "The ferry subsidy is 2 million euros a year, over budget."
    b = "The ferry runs 2 million euros over budget."
    result = match_claims(gold, [a, b])
    assert len(result.matches) == 2
    assert {(m.gold_index, m.predicted_index) for m in result.matches} == {(0, 0), (1, 1)}


def test_unmatched_prediction_reasons() -> None:
    result = match_claims([TROOPS], ["The Winter Olympics opened in Beijing."])
    assert result.unmatched[0].reason.startswith("closest gold claim #0")
    assert "missing key fact" in result.unmatched[0].reason
    assert match_claims([], ["anything"]).unmatched[0].reason == "the gold set has no claims"


def test_predictions_may_be_strings_dicts_or_junk() -> None:
    result = match_claims([TROOPS], [None, {"text": 5}, {"quote": "x"}, TROOPS.text])
    assert [m.predicted_index for m in result.matches] == [3]
    assert result.n_predicted == 4


def test_to_dict_is_plain_data() -> None:
    out = match_claims(GOLD, [TROOPS.text]).to_dict()
    assert out["n_gold"] == 3
    assert out["matches"][0]["similarity"] == 100.0
    assert {m["index"] for m in out["missed"]} == {1, 2}

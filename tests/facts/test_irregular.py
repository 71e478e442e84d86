"""Irregular verb forms, entry by entry, and how the check reads them.

The expected base forms are written out by hand, not read from the table under test.
"""

from __future__ import annotations

import pytest

from factcheck.facts.irregular import IRREGULAR_FORMS, base_form
from factcheck.grounding.summary import check_summary
from factcheck.grounding.support import has_inflection, inflection_keys

EXPECTED = {
    "arose": "arise", "arisen": "arise", "awoke": "awake", "awoken": "awake", "bore": "bear",
    "borne": "bear", "beaten": "beat", "became": "become", "began": "begin", "begun": "begin",
    "bent": "bend", "bound": "bind", "bit": "bite", "bitten": "bite", "bled": "bleed",
    "blew": "blow", "blown": "blow", "broke": "break", "broken": "break", "bred": "breed",
    "brought": "bring", "built": "build", "burnt": "burn", "bought": "buy", "caught": "catch",
    "chose": "choose", "chosen": "choose", "clung": "cling", "came": "come", "crept": "creep",
    "dealt": "deal", "dug": "dig", "drew": "draw", "drawn": "draw", "drank": "drink",
    "drunk": "drink", "drove": "drive", "driven": "drive", "ate": "eat", "eaten": "eat",
    "fed": "feed", "fought": "fight", "fled": "flee", "flew": "fly", "flown": "fly",
    "forbade": "forbid", "forbidden": "forbid", "forgot": "forget", "forgotten": "forget",
    "forgave": "forgive", "forgiven": "forgive", "froze": "freeze", "frozen": "freeze",
    "gave": "give", "given": "give", "went": "go", "gone": "go", "ground": "grind",
    "grew": "grow", "grown": "grow", "hung": "hang", "heard": "hear", "hid": "hide",
    "hidden": "hide", "held": "hold", "kept": "keep", "knelt": "kneel", "knew": "know",
    "known": "know", "led": "lead", "lent": "lend", "lost": "lose", "meant": "mean",
    "met": "meet", "overcame": "overcome", "overtook": "overtake", "overtaken": "overtake",
    "paid": "pay", "rode": "ride", "ridden": "ride", "rang": "ring", "rung": "ring",
    "rose": "rise", "risen": "rise", "ran": "run", "sought": "seek", "sold": "sell",
    "sent": "send", "shook": "shake", "shaken": "shake", "shone": "shine", "shot": "shoot",
    "shrank": "shrink", "shrunk": "shrink", "sang": "sing", "sung": "sing", "sank": "sink",
    "sunk": "sink", "sat": "sit", "slept": "sleep", "slid": "slide", "spoke": "speak",
    "spoken": "speak", "spent": "spend", "spun": "spin", "stood": "stand", "stole": "steal",
    "stolen": "steal", "stuck": "stick", "stung": "sting", "stank": "stink", "stunk": "stink",
    "struck": "strike", "stricken": "strike", "swore": "swear", "sworn": "swear",
    "swept": "sweep", "swam": "swim", "swum": "swim", "swung": "swing", "took": "take",
    "taken": "take", "taught": "teach", "tore": "tear", "torn": "tear", "thought": "think",
    "threw": "throw", "thrown": "throw", "understood": "understand", "undertook": "undertake",
    "undertaken": "undertake", "woke": "wake", "woken": "wake", "wore": "wear", "worn": "wear",
    "wept": "weep", "won": "win", "withdrew": "withdraw", "withdrawn": "withdraw",
    "wrote": "write", "written": "write",
}  # fmt: skip


def test_the_table_is_the_expected_one() -> None:
    assert IRREGULAR_FORMS == EXPECTED


@pytest.mark.parametrize(("form", "base"), sorted(EXPECTED.items()))
def test_each_form_meets_its_base_and_no_other_verb(form: str, base: str) -> None:
    assert base_form(form) == base
    assert has_inflection(form, {base}, inflection_keys({base}))
    assert has_inflection(base, {form}, inflection_keys({form}))
    other = "walk" if base != "walk" else "talk"
    assert not has_inflection(form, {other}, inflection_keys({other}))


def test_words_of_another_sense_are_left_out() -> None:
    for word in ("left", "found", "saw", "lay", "felt", "fell"):
        assert base_form(word) is None


SALE = (
    "The owners agreed to sell the Kelby ferry firm to a rival operator last year. "
    "The weather in the harbour was calm. "
    "Passengers were told the timetable would not change."
)


def test_an_irregular_form_is_the_articles_word() -> None:
    (check,) = check_summary(SALE, "The Kelby ferry firm was sold to a rival operator.")
    assert check.status == "supported", check.problems
    (changed,) = check_summary(SALE, "The Kelby ferry firm was bought by a rival operator.")
    assert changed.status != "supported"

"""Every lookup table, entry by entry: change one entry and a test here fails.

Each expected value is written out by hand, not read from the table under test.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from factcheck.facts.abbreviations import ABBREVIATIONS, is_abbreviation
from factcheck.facts.dates import find_dates
from factcheck.facts.months import MONTH_ABBREVIATIONS, MONTH_NUMBERS, MONTHS, WEEKDAYS
from factcheck.facts.names import find_names
from factcheck.facts.numbers import (
    NUMBER_WORDS,
    SCALE_ABBREVIATIONS,
    SCALE_WORDS,
    VAGUE_PLURALS,
    parse_number_words,
)
from factcheck.facts.quantities import find_quantities
from factcheck.facts.titles import OFFICE_WORDS, TITLES
from factcheck.facts.units import MEASURE_UNITS, SCALED_QUANTITY_WORDS
from factcheck.offline import lexicon

MONTH_EXPECTED = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}  # fmt: skip
ABBREVIATED_MONTH_EXPECTED = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
NUMBER_EXPECTED = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALE_EXPECTED = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
SCALE_ABBREVIATION_EXPECTED = {
    "k": 10**3, "m": 10**6, "mn": 10**6, "mln": 10**6, "b": 10**9, "bn": 10**9,
    "tn": 10**12, "trn": 10**12,
}  # fmt: skip
VAGUE_EXPECTED = {
    "tens": 10, "dozens": 12, "hundreds": 100, "thousands": 10**3, "millions": 10**6,
    "billions": 10**9, "trillions": 10**12,
}  # fmt: skip
MEASURE_EXPECTED = {
    "km": "km", "kms": "km", "kilometre": "km", "kilometres": "km", "kilometer": "km",
    "kilometers": "km", "cm": "cm", "centimetre": "cm", "centimetres": "cm",
    "centimeter": "cm", "centimeters": "cm", "mm": "mm", "millimetre": "mm",
    "millimetres": "mm", "millimeter": "mm", "millimeters": "mm", "metre": "m",
    "metres": "m", "meter": "m", "meters": "m", "mile": "mi", "miles": "mi", "mph": "mph",
    "km/h": "km/h", "kmh": "km/h", "kph": "km/h", "kg": "kg", "kgs": "kg", "kilogram": "kg",
    "kilograms": "kg", "kilo": "kg", "kilos": "kg", "tonne": "t", "tonnes": "t", "lb": "lb",
    "lbs": "lb", "ft": "ft", "feet": "ft", "foot": "ft", "sq": "sq", "acre": "acre",
    "acres": "acre", "hectare": "ha", "hectares": "ha", "ha": "ha", "mw": "MW", "gw": "GW",
    "kw": "kW", "kwh": "kWh", "mb": "MB", "gb": "GB", "tb": "TB", "c": "°C", "°c": "°C",
    "f": "°F", "°f": "°F",
}  # fmt: skip
ABBREVIATION_EXPECTED = """mr mrs ms dr prof sr jr st mt ft gen col lt sgt capt cmdr adm gov
    sen rep pres rev hon messrs mme mlle jan feb mar apr jun jul aug sep sept oct nov dec mon
    tue tues wed thu thur thurs fri sat sun no nos vol vs etc inc ltd corp co dept univ est
    approx fig al ave blvd rd maj u.s u.k u.n e.u a.m p.m e.g i.e d.c n.y l.a""".split()
TITLE_EXPECTED = """mr mrs ms miss mx dr prof professor sir dame lord lady madam president
    vice prime minister premier chancellor secretary general gen lt col maj capt sgt cmdr adm
    admiral colonel captain lieutenant major sergeant commander marshal king queen prince
    princess emperor empress pope cardinal bishop archbishop rabbi imam sheikh emir sultan
    crown reverend senator sen representative rep congressman congresswoman congressmember
    governor gov mayor councillor councilor councilman councilwoman alderman alderwoman
    ambassador envoy consul commissioner speaker chair chairman chairwoman chairperson
    director spokesman spokeswoman spokesperson adviser advisor chief deputy acting former
    judge justice attorney counsel prosecutor inspector officer detective sheriff constable
    superintendent ceo cfo coo cto founder executive head leader lawmaker mp mep coach doctor
    headteacher headmaster headmistress""".split()
OFFICE_EXPECTED = """foreign state defence defense interior finance health economy trade
    education energy labor labour home national security minister's president's""".split()


def test_the_tables_hold_exactly_the_entries_tested_here() -> None:
    # A new or removed entry needs its line in this file.
    assert MONTH_NUMBERS == MONTH_EXPECTED
    assert MONTH_ABBREVIATIONS == ABBREVIATED_MONTH_EXPECTED
    assert {**MONTH_EXPECTED, **ABBREVIATED_MONTH_EXPECTED} == MONTHS
    assert {w: int(v) for w, v in SCALE_WORDS.items()} == SCALE_EXPECTED
    assert {w: int(v) for w, v in SCALE_ABBREVIATIONS.items()} == SCALE_ABBREVIATION_EXPECTED
    assert {w: int(v) for w, v in VAGUE_PLURALS.items()} == VAGUE_EXPECTED
    assert MEASURE_UNITS == MEASURE_EXPECTED
    assert sorted(ABBREVIATIONS) == sorted(ABBREVIATION_EXPECTED)
    assert sorted(TITLES) == sorted(TITLE_EXPECTED)
    assert sorted(OFFICE_WORDS) == sorted(OFFICE_EXPECTED)
    assert set(NUMBER_EXPECTED) | {"hundred", "dozen", "half"} | set(SCALE_EXPECTED) | set(
        VAGUE_EXPECTED
    ) == set(NUMBER_WORDS)
    assert WEEKDAYS == (
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    )


@pytest.mark.parametrize(("name", "number"), sorted(MONTH_EXPECTED.items()))
def test_each_month_name_gives_its_month(name: str, number: int) -> None:
    for written in (name.capitalize(), name.upper(), name):
        dates = find_dates(f"It happened on {written} 3, 2022, officials said.")
        assert [(d.year, d.month, d.day) for d in dates] == [(2022, number, 3)], written


@pytest.mark.parametrize(("name", "number"), sorted(ABBREVIATED_MONTH_EXPECTED.items()))
def test_each_month_abbreviation_gives_its_month(name: str, number: int) -> None:
    dates = find_dates(f"It happened on {name.capitalize()}. 3, 2022.")
    assert [(d.year, d.month, d.day) for d in dates] == [(2022, number, 3)]


@pytest.mark.parametrize("day", WEEKDAYS)
def test_each_weekday(day: str) -> None:
    dates = find_dates(f"It happened on {day.capitalize()} in the port.")
    assert [d.weekday for d in dates] == [day]


@pytest.mark.parametrize(("word", "value"), sorted(NUMBER_EXPECTED.items()))
def test_each_number_word_has_its_value(word: str, value: int) -> None:
    parsed = parse_number_words(word, 0)
    assert parsed is not None
    assert parsed.value == Decimal(value)
    # And in a quantity, where a lone "one" is a pronoun, not a count.
    found = [q.value for q in find_quantities(f"They counted {word} boats.")]
    assert found == ([] if word == "one" else [float(value)])


@pytest.mark.parametrize(("word", "multiplier"), sorted(SCALE_EXPECTED.items()))
def test_each_scale_word_multiplies(word: str, multiplier: int) -> None:
    for text in (f"It cost 2.5 {word} euros.", f"It cost £2.5{word}."):
        assert [q.value for q in find_quantities(text)] == [2.5 * multiplier], text
    parsed = parse_number_words(f"three {word}", 0)
    assert parsed is not None and parsed.value == 3 * multiplier


@pytest.mark.parametrize(
    ("abbreviation", "multiplier"), sorted(SCALE_ABBREVIATION_EXPECTED.items())
)
def test_each_scale_abbreviation_multiplies(abbreviation: str, multiplier: int) -> None:
    assert [q.value for q in find_quantities(f"It cost $4{abbreviation}.")] == [4.0 * multiplier]


@pytest.mark.parametrize(("word", "lower"), sorted(VAGUE_EXPECTED.items()))
def test_each_vague_plural_is_a_lower_bound(word: str, lower: int) -> None:
    found = find_quantities(f"There were {word} of people.")
    assert [(q.value, q.bound) for q in found] == [(2.0 * lower, "more")]


@pytest.mark.parametrize(("written", "unit"), sorted(MEASURE_EXPECTED.items()))
def test_each_unit_of_measure(written: str, unit: str) -> None:
    found = find_quantities(f"It was 15.5{written} that day.")
    assert [(q.value, q.unit, q.text) for q in found] == [(15.5, unit, f"15.5{written}")]
    if len(written.strip("°")) > 1:
        found = find_quantities(f"It was 15.5 {written} that day.")
        assert [(q.value, q.unit) for q in found] == [(15.5, unit)]


@pytest.mark.parametrize("word", sorted(SCALED_QUANTITY_WORDS))
def test_each_scaled_quantity_word_frees_its_number(word: str) -> None:
    found = find_quantities(f"A {word}-4.8 event was recorded.")
    assert [q.value for q in found] == [4.8]


def test_a_code_with_a_hyphen_is_still_no_quantity() -> None:
    assert find_quantities("A COVID-19 case and an F-16 jet and a covid-19 test.") == []


@pytest.mark.parametrize("entry", ABBREVIATION_EXPECTED)
def test_each_abbreviation_does_not_end_a_sentence(entry: str) -> None:
    for written in (entry, entry.capitalize(), entry.upper()):
        text = f"See {written}."
        assert is_abbreviation(text, len(text) - 1), written
    text = "See the harbour."
    assert not is_abbreviation(text, len(text) - 1)


@pytest.mark.parametrize("title", TITLE_EXPECTED)
def test_each_title_is_not_part_of_the_name(title: str) -> None:
    written = title.capitalize() if "'" not in title else title
    assert find_names(f"{written} Anna Berg spoke on Monday.") == ["Anna Berg"], title


@pytest.mark.parametrize("word", OFFICE_EXPECTED)
def test_each_office_word_is_a_title_word_of_the_offline_engine(word: str) -> None:
    assert word in lexicon.TITLES
    assert word not in TITLES  # name matching keeps it ("Home Office")


def test_the_offline_engine_reads_the_shared_tables() -> None:
    assert frozenset(MONTHS) == lexicon.MONTHS
    assert frozenset(WEEKDAYS) == lexicon.WEEKDAYS
    assert frozenset(TITLES) <= lexicon.TITLES
    assert {"January", "Sept", "Dec"} <= lexicon.MONTH_WORDS
    assert "seventy" in lexicon.NUMBER_WORDS and "one" not in lexicon.NUMBER_WORDS

"""Words around a number that change its meaning: bounds, currencies, percentages."""

from __future__ import annotations

import re
from collections.abc import Callable

from factcheck.facts.casing import lower_for_matching
from factcheck.facts.numbers import GAP, SPACE
from factcheck.facts.vocabulary import word_set

# Bound phrases before a number. "at least"/"at most" share "more"/"less" with
# "more than"/"less than": a fact-check asks which side of the number the truth
# lies on, and news copy uses the inclusive and strict forms interchangeably.
# "nearly"/"almost" are "about": reporters use them for a rounded figure.
BOUND_PHRASES: dict[str, str] = {
    "more than": "more",
    "over": "more",
    "above": "more",
    "at least": "more",
    "no fewer than": "more",
    "no less than": "more",
    "not less than": "more",
    "upwards of": "more",
    "in excess of": "more",
    "greater than": "more",
    "a minimum of": "more",
    "just over": "more",
    "well over": "more",
    "less than": "less",
    "fewer than": "less",
    "under": "less",
    "below": "less",
    "at most": "less",
    "up to": "less",
    "no more than": "less",
    "not more than": "less",
    "a maximum of": "less",
    "as many as": "less",
    "as much as": "less",
    "just under": "less",
    "about": "about",
    "nearly": "about",
    "almost": "about",
    "around": "about",
    "roughly": "about",
    "some": "about",
    "approximately": "about",
    "approx.": "about",
    "an estimated": "about",
    "close to": "about",
    "circa": "about",
    # Range openers: "between 20 and 30" is a range; "from 20 to 30" a change.
    "between": "between",
    "from": "from",
}

# Phrases after a number.
SUFFIX_BOUNDS: dict[str, str] = {
    "or more": "more",
    "or over": "more",
    "plus": "more",
    "or so": "about",
    "or less": "less",
    "or fewer": "less",
}

CURRENCY_SYMBOLS: dict[str, str] = {
    "US$": "USD",
    "U.S.$": "USD",
    "A$": "AUD",
    "AU$": "AUD",
    "C$": "CAD",
    "CA$": "CAD",
    "HK$": "HKD",
    "NZ$": "NZD",
    "S$": "SGD",
    "$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₹": "INR",
    "₽": "RUB",
    "₩": "KRW",
    "₺": "TRY",
    "₴": "UAH",
}
CURRENCY_CODES = word_set("USD EUR GBP JPY CNY RMB RUB INR CHF AUD CAD HKD NZD SGD KRW TRY UAH")

# Currency words after a number; a bare "dollars" is taken as US dollars.
_CURRENCY_WORDS: dict[str, str] = {
    "us dollar": "USD",
    "u.s. dollar": "USD",
    "american dollar": "USD",
    "dollar": "USD",
    "euro": "EUR",
    "pounds sterling": "GBP",
    "pound sterling": "GBP",
    "pound": "GBP",
    "sterling": "GBP",
    "yen": "JPY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "ruble": "RUB",
    "rouble": "RUB",
    "rupee": "INR",
    "swiss franc": "CHF",
    "franc": "CHF",
    "hryvnia": "UAH",
}

# Units of measure after a number, glued ("15.5km") or spaced ("15.5 km"),
# each with the one name a quantity carries, so "15.5km" and "15.5
# kilometres" are the same fact and "15.5 miles" another.
MEASURE_UNITS: dict[str, str] = {
    "km": "km",
    "kms": "km",
    "kilometre": "km",
    "kilometres": "km",
    "kilometer": "km",
    "kilometers": "km",
    "cm": "cm",
    "centimetre": "cm",
    "centimetres": "cm",
    "centimeter": "cm",
    "centimeters": "cm",
    "mm": "mm",
    "millimetre": "mm",
    "millimetres": "mm",
    "millimeter": "mm",
    "millimeters": "mm",
    "metre": "m",
    "metres": "m",
    "meter": "m",
    "meters": "m",
    "mile": "mi",
    "miles": "mi",
    "mph": "mph",
    "km/h": "km/h",
    "kmh": "km/h",
    "kph": "km/h",
    "kg": "kg",
    "kgs": "kg",
    "kilogram": "kg",
    "kilograms": "kg",
    "kilo": "kg",
    "kilos": "kg",
    "tonne": "t",
    "tonnes": "t",
    "lb": "lb",
    "lbs": "lb",
    "ft": "ft",
    "feet": "ft",
    "foot": "ft",
    "sq": "sq",
    "acre": "acre",
    "acres": "acre",
    "hectare": "ha",
    "hectares": "ha",
    "ha": "ha",
    "mw": "MW",
    "gw": "GW",
    "kw": "kW",
    "kwh": "kWh",
    "mb": "MB",
    "gb": "GB",
    "tb": "TB",
    "c": "°C",
    "°c": "°C",
    "f": "°F",
    "°f": "°F",
}
# Words before a hyphen and a number that measure something: "magnitude-4.8",
# "category-5". The number is a value, not part of a code like "COVID-19".
SCALED_QUANTITY_WORDS = frozenset({"magnitude", "category", "level", "force", "grade"})
# A glued "p" is pence: "338.5p" is 3.385 pounds.
PENCE_SUFFIX = "p"


def _phrase_pattern(phrase: str) -> str:
    return r"\s+".join(re.escape(word) for word in phrase.split())


def _alternation(phrases: list[str]) -> str:
    # Longest first, so "no more than" wins over "more than" at the same place.
    return "|".join(_phrase_pattern(p) for p in sorted(phrases, key=len, reverse=True))


def _currency_prefix(case: Callable[[str], str]) -> str:
    symbols = sorted(CURRENCY_SYMBOLS, key=len, reverse=True)
    codes = sorted(CURRENCY_CODES)
    return (
        f"(?:{'|'.join(re.escape(case(s)) for s in symbols)}){SPACE}?(?=[0-9])"
        f"|(?:{'|'.join(case(c) for c in codes)}){SPACE}?(?=[0-9])"
    )


BOUND_PATTERN = _alternation(list(BOUND_PHRASES))  # lower case
CURRENCY_PREFIX = re.compile(_currency_prefix(str))
# The same in lower case, for matching lower-cased text without re.IGNORECASE.
CURRENCY_PREFIX_LOWER = _currency_prefix(str.lower)
CURRENCY_SUFFIX = re.compile(
    rf"{SPACE}+(?P<word>{_alternation(list(_CURRENCY_WORDS))})(?:e?s)?\b"
    rf"|{SPACE}+(?P<code>{'|'.join(sorted(CURRENCY_CODES))})\b",
    re.I,
)
PERCENT_SUFFIX = re.compile(rf"{SPACE}*%|{GAP}(?:per{SPACE}?cent|percent|pct)\b", re.I)
POINTS_SUFFIX = re.compile(rf"{SPACE}+percentage{SPACE}+points?\b", re.I)
# Longest first so "kmh" wins over "km"; "c", "f" and the bare units only
# glued or after a degree sign (a spaced "c" is rarely Celsius).
_GLUED_UNITS = sorted(MEASURE_UNITS, key=len, reverse=True)
_SPACED_UNITS = [u for u in _GLUED_UNITS if len(u.strip("°")) > 1]
MEASURE_SUFFIX = re.compile(
    rf"(?P<glued>{'|'.join(re.escape(u) for u in _GLUED_UNITS)})(?![\w/])"
    rf"|{SPACE}+(?P<spaced>{'|'.join(re.escape(u) for u in _SPACED_UNITS)})(?![\w/])",
    re.I,
)
BOUND_SUFFIX = re.compile(
    rf"{SPACE}*\+|{SPACE}*-{SPACE}*plus\b|{SPACE}+(?P<phrase>{_alternation(list(SUFFIX_BOUNDS))})\b",
    re.I,
)


def currency_of_prefix(token: str) -> str:
    token = token.strip(" \t\u00a0")
    return CURRENCY_SYMBOLS.get(token) or CURRENCY_SYMBOLS.get(token.upper()) or token.upper()


def currency_of_word(word: str) -> str:
    key = " ".join(lower_for_matching(word).split())
    if key.endswith("es") and key[:-2] in _CURRENCY_WORDS:
        key = key[:-2]
    elif key.endswith("s") and key[:-1] in _CURRENCY_WORDS:
        key = key[:-1]
    return _CURRENCY_WORDS.get(key, key.upper())


def bound_of_suffix(match: re.Match[str]) -> str:
    phrase = match.group("phrase")
    if phrase is None:
        return "more"  # "+" and "-plus"
    return SUFFIX_BOUNDS[" ".join(lower_for_matching(phrase).split())]


def bound_of_phrase(phrase: str) -> str:
    return BOUND_PHRASES[" ".join(lower_for_matching(phrase).split())]


def unit_of_measure(match: re.Match[str]) -> str:
    """The unit's one name for a ``MEASURE_SUFFIX`` match."""
    word = match.group("glued") or match.group("spaced")
    return MEASURE_UNITS[lower_for_matching(word)]

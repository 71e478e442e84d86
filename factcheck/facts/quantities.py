"""Numbers with their bound and unit: "more than 100,000", "$3.2 billion", "40 per cent".

Choices a reader of the results should know:

- ``value`` is normalised: "100,000" = "100000" = "100 thousand" = "one hundred
  thousand" = 100000.0; "€40m" is 40000000.0 EUR; "a dozen" is 12.0; "half" 0.5.
- ``bound`` is "exact", "more", "less" or "about". "at least"/"no fewer than"
  are "more" and "at most"/"up to"/"as many as" are "less" (see units.py).
- Vague plurals are lower bounds: "dozens" is more than 24, "thousands" more
  than 2000, "tens of thousands" more than 20000.
- A range ("between 20 and 30", "20-30", "20 to 30") gives two quantities with
  the range's span: the lower end "more", the upper end "less"; a scale or unit
  written once applies to both ("$20-30 million"). "from 20 to 30" is a change,
  so both ends stay "exact".
- Years are dates, not quantities (see dates.py); so are the day numbers of a
  date ("February 3"). Numbers inside identifiers ("COVID-19", "G7", "F-16"),
  bare clock times ("10:30") and digit runs over 30 digits are not quantities.
- A time of day with "am" or "pm" ("9pm", "3 am", "6:45 p.m.") is a quantity
  with unit "time": its value is the hour on a 24-hour clock (21.0, 3.0,
  18.75), so "9pm" and "9 p.m." agree and "2pm" differs.
- A lone "one" is skipped ("one of the", "no one"): it is a pronoun far more
  often than a count. "1" in digits is kept.
- A share of a whole ("one in five", "four out of 10") is one quantity in per
  cent (20.0 and 40.0 "%"), so that it meets "20%" and differs from "four out
  of five"; "two in 10 days" is not a share.
- Digit ordinals ("21st") are quantities with unit "ordinal"; word ordinals
  ("first", "second") are not: "second" is also a unit of time and "a third"
  a fraction.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from factcheck.facts.casing import lower_for_matching
from factcheck.facts.dates import DateMention, find_dates
from factcheck.facts.numbers import (
    GAP,
    NUMBER_WORDS,
    SCALE_ABBREVIATIONS,
    SCALE_WORD_PATTERN,
    SCALE_WORDS,
    SPACE,
    SPACED_ABBREVIATION_PATTERN,
    parse_number_words,
)
from factcheck.facts.units import (
    BOUND_PATTERN,
    BOUND_SUFFIX,
    CURRENCY_PREFIX,
    CURRENCY_PREFIX_LOWER,
    CURRENCY_SUFFIX,
    MEASURE_SUFFIX,
    PENCE_SUFFIX,
    PERCENT_SUFFIX,
    POINTS_SUFFIX,
    SCALED_QUANTITY_WORDS,
    bound_of_phrase,
    bound_of_suffix,
    currency_of_prefix,
    currency_of_word,
    unit_of_measure,
)

MAX_DIGITS = 30
TIME_OF_DAY = "time"
_TIME_OF_DAY = re.compile(
    r"(?<![\w.:,])(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<m>[0-5][0-9]))?\s?"
    r"(?P<half>[ap])(?:\.m\.|\.m\b|m\b)",
    re.I,
)

_WORD_START = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))


def _candidate(currency_prefix: str) -> str:
    return (
        rf"(?:(?<![\w.])(?P<bound>{BOUND_PATTERN}){SPACE}+)?"
        rf"(?P<num>{currency_prefix}|[0-9]"
        rf"|(?<![\w-])(?:{_WORD_START}|an?(?={SPACE}+(?:dozen|hundred|thousand|million|billion"
        rf"|trillion|half)\b))\b)"
    )


# Where a quantity may start: a bound phrase, a currency, a digit or a number
# word, in any case. ``_CANDIDATE`` states it; ``_CANDIDATE_LOWER`` is what
# runs: the same pattern in lower case, searched case-sensitively in
# ``lower_for_matching(text)``, finds the same spans several times faster.
_CANDIDATE = re.compile(_candidate(CURRENCY_PREFIX.pattern), re.I)
_CANDIDATE_LOWER = re.compile(_candidate(CURRENCY_PREFIX_LOWER))
_DIGITS = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?")
_ORDINAL = re.compile(r"(?:st|nd|rd|th)\b", re.I)
_ABBREVIATION = re.compile(
    "(?:" + "|".join(sorted(SCALE_ABBREVIATIONS, key=len, reverse=True)) + r")\b", re.I
)
_SCALE_WORD = re.compile(rf"{GAP}(?P<w>hundred|{SCALE_WORD_PATTERN}|dozen)\b", re.I)
_RANGE_DASH = re.compile(rf"{SPACE}*[-–—]{SPACE}*(?=[0-9$€£¥₹₽₩])")
_RANGE_WORD = re.compile(rf"{SPACE}+(?P<w>to|and){SPACE}+", re.I)
# "rose 5% to 10%", "fell from 30 to 20": two values of a change, not a range.
_CHANGE_BEFORE = re.compile(
    r"\b(?:rose|rise[sn]?|rising|fell|falls?|falling|increased?|increas(?:es|ing)|decreased?"
    r"|decreas(?:es|ing)|grew|grow(?:s|n|ing)?|dropped|drops?|dropping|declined?|declin(?:es|ing)"
    r"|climbed|climbs?|jumped|jumps?|slipped|slips?|plunged|soared|raised|lowered|cut|up|down)"
    rf"(?:{SPACE}+by)?{SPACE}+$",
    re.I,
)
_SPACED_ABBREVIATION = re.compile(rf"{SPACE}(?:{SPACED_ABBREVIATION_PATTERN})\b", re.I)
_GLUED_SCALE = re.compile(rf"(?:{SCALE_WORD_PATTERN})\b", re.I)
_PENCE = re.compile(rf"{PENCE_SUFFIX}\b", re.I)
# "magnitude-4.8", "category-5": a number after a word that scales it, not a code.
# "one in five", "four out of 10": a share of a whole.
_SHARE_LINK = re.compile(rf"{SPACE}+(?:in|out{SPACE}+of){SPACE}+", re.I)
_MAX_SHARE_BASE = 1000
_SPAN_OF_TIME = re.compile(
    rf"{SPACE}+(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centuries|century)\b",
    re.I,
)
_SCALED_BEFORE = re.compile(rf"\b(?:{'|'.join(sorted(SCALED_QUANTITY_WORDS))})-$", re.I)


@dataclass(frozen=True)
class Quantity:
    """A number found in text, normalised (see the module notes)."""

    value: float
    bound: str  # "exact" | "more" | "less" | "about"
    unit: str | None  # "%", "pp" (percentage points), "ordinal", or an ISO currency code
    start: int
    end: int
    text: str


@dataclass
class _Number:
    """One number while it is being read: value, where it ends, what follows it."""

    value: Decimal
    end: int
    unit: str | None = None
    bound: str | None = None
    scale: Decimal = Decimal(1)  # the multiplier a scale word or abbreviation applied
    vague: bool = False
    lone_one: bool = False

    def apply_scale(self, multiplier: Decimal, end: int) -> None:
        self.value *= multiplier
        self.scale *= multiplier
        self.end = end


def _is_digit(char: str) -> bool:
    return "0" <= char <= "9"


def _skip_identifier(text: str, pos: int) -> bool:
    """True when the digit at ``pos`` continues a word, a code or another number."""
    if pos == 0:
        return False
    before = text[pos - 1]
    if before.isalnum() or before == "_":
        return True
    # "COVID-19", "1.2.3", "10:30", "3/4", "1,2": the digit continues something else.
    return before in "-./:," and pos >= 2 and (text[pos - 2].isalnum() or text[pos - 2] == "_")


def _read_digits(text: str, pos: int) -> _Number | None:
    m = _DIGITS.match(text, pos)
    if m is None:
        return None
    raw = m.group(0)
    digits = raw.replace(",", "")
    if len(digits.replace(".", "")) > MAX_DIGITS:
        return None
    end = m.end()
    number = _Number(Decimal(digits), end)
    if end + 1 < len(text) and text[end] == ":" and _is_digit(text[end + 1]):
        return None  # a time of day
    if end < len(text) and (text[end].isalpha() or text[end] == "°"):
        ordinal = _ORDINAL.match(text, end)
        glued_scale = _GLUED_SCALE.match(text, end)
        abbreviation = _ABBREVIATION.match(text, end)
        measure = MEASURE_SUFFIX.match(text, end)
        if ordinal is not None and "." not in raw:
            number.end, number.unit = ordinal.end(), "ordinal"
        elif glued_scale is not None:  # "£446million"
            word = lower_for_matching(glued_scale.group(0))
            number.apply_scale(SCALE_WORDS[word], glued_scale.end())
        elif abbreviation is not None:
            multiplier = SCALE_ABBREVIATIONS[abbreviation.group(0).lower()]
            number.apply_scale(multiplier, abbreviation.end())
        elif measure is not None and measure.group("glued") is not None:  # "15.5km"
            number.unit, number.end = unit_of_measure(measure), measure.end()
        elif _PENCE.match(text, end) is not None:  # "338.5p" is 3.385 pounds
            number.value /= 100
            number.unit, number.end = "GBP", end + len(PENCE_SUFFIX)
        else:
            return None  # "5G", "4x4", "3D", "1990s"
    else:
        spaced = _SPACED_ABBREVIATION.match(text, end)
        if spaced is not None:
            number.apply_scale(SCALE_ABBREVIATIONS[spaced.group(0).strip().lower()], spaced.end())
    return number


def _read_number(
    text: str, pos: int, *, allow_words: bool = True, second: bool = False
) -> _Number | None:
    """A number at ``pos`` with its currency prefix, scale words and unit suffix."""
    unit: str | None = None
    prefix = CURRENCY_PREFIX.match(text, pos)
    if prefix is not None:
        unit = currency_of_prefix(prefix.group(0))
        pos = prefix.end()
    number: _Number | None
    if pos < len(text) and _is_digit(text[pos]):
        identifier = prefix is None and not second and _skip_identifier(text, pos)
        if identifier and _SCALED_BEFORE.search(text, max(0, pos - 12), pos) is None:
            return None
        number = _read_digits(text, pos)
    elif allow_words and prefix is None:
        parsed = parse_number_words(text, pos)
        if parsed is None:
            return None
        number = _Number(parsed.value, parsed.end, vague=parsed.vague)
        number.bound = "more" if parsed.vague else None
        number.lone_one = parsed.words == 1 and text[pos : parsed.end].lower() == "one"
    else:
        return None
    if number is None:
        return None
    number.unit = number.unit or unit
    if number.unit != "ordinal" and not number.vague:
        while (scale := _SCALE_WORD.match(text, number.end)) is not None:
            word = lower_for_matching(scale.group("w"))
            multiplier = SCALE_WORDS.get(word) or Decimal(100 if word == "hundred" else 12)
            number.apply_scale(multiplier, scale.end())
    _read_unit(text, number)
    return number


def _read_unit(text: str, number: _Number) -> None:
    if number.unit == "ordinal":
        return
    points = POINTS_SUFFIX.match(text, number.end)
    percent = PERCENT_SUFFIX.match(text, number.end)
    currency = CURRENCY_SUFFIX.match(text, number.end)
    if points is not None:
        number.unit, number.end = "pp", points.end()
    elif percent is not None:
        number.unit, number.end = "%", percent.end()
    elif currency is not None and (number.unit is None or currency.group("code") is None):
        word = currency.group("word") or currency.group("code")
        number.unit, number.end = number.unit or currency_of_word(word), currency.end()
    elif number.unit is None:
        measure = MEASURE_SUFFIX.match(text, number.end)
        if measure is not None and measure.group("spaced") is not None:
            number.unit, number.end = unit_of_measure(measure), measure.end()


def _read_suffix_bound(text: str, number: _Number) -> None:
    suffix = BOUND_SUFFIX.match(text, number.end)
    if suffix is not None:
        number.bound, number.end = bound_of_suffix(suffix), suffix.end()


def _read_range(text: str, first: _Number, bound: str | None) -> _Number | None:
    """The second number of "20-30", "20 to 30", "between 20 and 30"; None when absent."""
    link = _RANGE_DASH.match(text, first.end)
    if link is None:
        link = _RANGE_WORD.match(text, first.end)
        if link is None or (link.group("w").lower() == "and") != (bound == "between"):
            return None
        if bound not in (None, "between", "from"):
            return None  # "more than £4m to £25.98m": a bound and a new value, not a range
    words = not _is_digit(text[first.end - 1])
    second = _read_number(text, link.end(), allow_words=words, second=True)
    if second is None or second.lone_one:
        return None
    if second.scale != 1 and first.scale == 1 and first.value <= second.value:
        # "$20-30 million": the scale written once belongs to both ends.
        first.value *= second.scale
    first.unit = first.unit or second.unit
    second.unit = second.unit or first.unit
    return second


def _read_share(text: str, first: _Number) -> tuple[Decimal, int] | None:
    """The share "one in five" or "four out of 10" gives (in per cent), and where it ends.

    None when the second number counts something else: "two in 10 days" is a
    rate, "3 in 2 games" no share at all.
    """
    if first.unit is not None or first.vague or first.scale != 1:
        return None
    link = _SHARE_LINK.match(text, first.end)
    if link is None:
        return None
    second = _read_number(text, link.end(), second=True)
    if second is None or second.unit is not None or second.vague or second.scale != 1:
        return None
    if not 0 < first.value < second.value <= _MAX_SHARE_BASE:
        return None
    if _SPAN_OF_TIME.match(text, second.end) is not None:
        return None
    return first.value * 100 / second.value, second.end


def _to_float(value: Decimal) -> float:
    try:
        return float(value)
    except (OverflowError, InvalidOperation):  # pragma: no cover - Decimal gives inf instead
        return math.inf


def _parse(text: str, m: re.Match[str]) -> list[Quantity]:
    start = m.start()
    bound = bound_of_phrase(m.group("bound")) if m.group("bound") else None
    first = _read_number(text, m.start("num"))
    if first is None:
        return []
    share = _read_share(text, first)
    if share is not None:
        value, end = share
        written = bound_of_phrase(m.group("bound")) if m.group("bound") else None
        return [Quantity(_to_float(value), written or "exact", "%", start, end, text[start:end])]
    if first.lone_one:
        return []
    if first.bound is None:
        _read_suffix_bound(text, first)
    second = _read_range(text, first, bound)
    if second is not None:
        end, span = second.end, text[start : second.end]
        # "from 20 to 30", "rose 5% to 10%" and "a 5-4 vote" name two values, not a range.
        change = (
            bound == "from"
            or first.value > second.value
            or _CHANGE_BEFORE.search(text, max(0, start - 20), start) is not None
        )
        low, high = ("exact", "exact") if change else ("more", "less")
        return [
            Quantity(_to_float(first.value), low, first.unit, start, end, span),
            Quantity(_to_float(second.value), high, second.unit, start, end, span),
        ]
    if bound in ("between", "from", None):
        bound = first.bound or "exact"
    return [
        Quantity(
            _to_float(first.value), bound, first.unit, start, first.end, text[start : first.end]
        )
    ]


def find_quantities(text: str, *, dates: Sequence[DateMention] | None = None) -> list[Quantity]:
    """Every quantity in ``text``, in order of position (see the module notes).

    ``dates`` may pass ``find_dates(text)`` when the caller has it already:
    numbers inside a date are not quantities.
    """
    if dates is None:
        dates = find_dates(text)
    times = _times_of_day(text)
    date_spans = sorted([(d.start, d.end) for d in dates] + [(t.start, t.end) for t in times])
    date_starts = [s for s, _ in date_spans]
    found: list[Quantity] = []
    lowered = lower_for_matching(text)
    pos = 0
    while True:
        m = _CANDIDATE_LOWER.search(lowered, pos)
        if m is None:
            break
        num_start = m.start("num")
        i = bisect_right(date_starts, num_start) - 1
        if i >= 0 and date_spans[i][0] <= num_start < date_spans[i][1]:
            pos = date_spans[i][1]
            continue
        quantities = _parse(text, m)
        if quantities:
            found.extend(quantities)
            pos = max(quantities[-1].end, m.end())
        else:
            pos = _skip_past(text, m)
    return sorted(found + times, key=lambda q: q.start) if times else found


def _times_of_day(text: str) -> list[Quantity]:
    """Times of day written with "am" or "pm" (module notes)."""
    found = []
    for m in _TIME_OF_DAY.finditer(text):
        hour = int(m.group("h")) % 12 + (12 if m.group("half").lower() == "p" else 0)
        minutes = int(m.group("m")) if m.group("m") else 0
        value = hour + minutes / 60
        found.append(Quantity(value, "exact", TIME_OF_DAY, m.start(), m.end(), m.group(0)))
    return found


def _skip_past(text: str, m: re.Match[str]) -> int:
    """Where to look next after a candidate that is not a quantity."""
    end = m.end()
    # Skip the whole run of digits so a long run is read once, not once per digit.
    while end < len(text) and (text[end].isdigit() or text[end] in ",."):
        end += 1
    return end

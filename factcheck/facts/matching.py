"""When two quantities, or two dates, state the same fact."""

from __future__ import annotations

import math
from decimal import Decimal, InvalidOperation

from factcheck.facts.dates import DateMention
from factcheck.facts.numbers import normalise_number_words
from factcheck.facts.quantities import Quantity

# How far a rounded figure may sit from the precise one it rounds.
_ROUNDING_LIMIT = 0.05
_APPROXIMATE_LIMIT = 0.10


def _precision(value: float) -> tuple[float, int]:
    """(step of the last significant digit, number of significant digits) of ``value``."""
    try:
        _sign, digits, exponent = Decimal(repr(value)).normalize().as_tuple()
    except InvalidOperation:  # pragma: no cover - repr of a finite float always parses
        return 1.0, 1
    if not isinstance(exponent, int):  # pragma: no cover - finite values only
        return 1.0, 1
    return 10.0**exponent, len(digits)


def _rounding(fine: float, coarse: float, *, approximate: bool) -> bool:
    """True when ``coarse`` is ``fine`` rounded to ``coarse``'s last significant digit."""
    step, significant = _precision(coarse)
    if step <= _precision(fine)[0]:
        return False
    if significant < 2 and not approximate:
        return False
    # Half-up rounding: 12,500 rounds to 13,000, never to 12,000.
    half = step / 2
    offset = (fine - coarse) if coarse > 0 else (coarse - fine)
    if not -half * (1 + 1e-9) <= offset < half * (1 - 1e-9):
        return False
    limit = _APPROXIMATE_LIMIT if approximate else _ROUNDING_LIMIT
    return abs(fine - coarse) <= limit * max(abs(fine), abs(coarse))


def _comparable(a: float, b: float) -> bool:
    return math.isfinite(a) and math.isfinite(b) and a != 0 and b != 0 and (a < 0) == (b < 0)


def values_match(a: float, b: float, *, approximate: bool = False) -> bool:
    """True when ``a`` and ``b`` are the same number, one perhaps a rounding of the other.

    "3.24 billion" rounds to "3.2 billion" (two significant digits kept) and
    matches; "100,000" and "10,000" never match; "130,000" does not match
    "100,000" because a one-digit figure says too little to be a rounding.
    With ``approximate`` ("about 100,000") one-digit figures may round too, but
    the two may differ by at most 10%.
    """
    if a == b or math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12):
        return True
    if not _comparable(a, b):
        return False
    return _rounding(a, b, approximate=approximate) or _rounding(b, a, approximate=approximate)


def value_supported(claimed: float, stated: float, *, approximate: bool = False) -> bool:
    """Like ``values_match`` but one way: a claim may round the evidence, not refine it.

    "3.2 billion" is supported by "3.24 billion"; "3.24 billion" is not supported
    by "3.2 billion": the claim would state a precision the evidence lacks.
    """
    if claimed == stated or math.isclose(claimed, stated, rel_tol=1e-9, abs_tol=1e-12):
        return True
    return _comparable(claimed, stated) and _rounding(stated, claimed, approximate=approximate)


def bounds_compatible(a: str, b: str) -> bool:
    """Bounds must agree, except that "about" and "exact" are interchangeable.

    News figures are rounded, so "about 100,000" and "100,000" are one fact;
    "more than 1 million" and "1 million" are two different facts.
    """
    return a == b or {a, b} == {"about", "exact"}


def units_compatible(a: str | None, b: str | None) -> bool:
    """Units must agree when both are written; a missing unit agrees with any."""
    return a is None or b is None or a == b


def quantities_match(a: Quantity, b: Quantity) -> bool:
    """Same value (tolerant of rounding) and compatible bound and unit."""
    if not units_compatible(a.unit, b.unit) or not bounds_compatible(a.bound, b.bound):
        return False
    return values_match(a.value, b.value, approximate="about" in (a.bound, b.bound))


def quantity_supported(claimed: Quantity, stated: Quantity) -> bool:
    """``quantities_match`` one way: the claimed figure may round the stated one only."""
    if not units_compatible(claimed.unit, stated.unit):
        return False
    if not bounds_compatible(claimed.bound, stated.bound):
        return False
    # Only a claim that says "about" may round freely: "an estimated €48 million"
    # does not make "€50 million" true.
    approximate = claimed.bound == "about"
    return value_supported(claimed.value, stated.value, approximate=approximate)


def date_facts(mention: DateMention) -> list[tuple[str, object]]:
    """The separate facts a date states: its year, its month (and day), weekday, relative phrase.

    A claim's date is supported when each of its facts appears in the evidence,
    perhaps in different mentions ("in 2022 ... on February 3").
    """
    facts: list[tuple[str, object]] = []
    if mention.year is not None:
        facts.append(("decade" if mention.is_decade else "year", mention.year))
    if mention.month is not None:
        facts.append(("month-day", (mention.month, mention.day)))
    if mention.weekday is not None and mention.relative is None:
        facts.append(("weekday", mention.weekday))
    if mention.relative is not None:
        facts.append(("relative", normalise_relative(mention.relative)))
    return facts


def normalise_relative(phrase: str) -> str:
    return " ".join(normalise_number_words(phrase.lower()).split())


def date_fact_present(fact: tuple[str, object], mentions: list[DateMention]) -> bool:
    kind, value = fact
    for mention in mentions:
        if kind == "month-day" and isinstance(value, tuple):
            month, day = value
            if mention.month == month and (day is None or mention.day == day):
                return True
        elif any(f == fact for f in date_facts(mention)):
            return True
        elif kind == "weekday" and mention.weekday == value:
            return True  # "last Friday" in the evidence supports "Friday"
    return False

"""Month and weekday names: the one table every path reads dates with."""

from __future__ import annotations

MONTH_NUMBERS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}  # fmt: skip
# The abbreviations news copy uses ("Jan.", "Sept."); May has none.
MONTH_ABBREVIATIONS: dict[str, int] = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
MONTHS: dict[str, int] = {**MONTH_NUMBERS, **MONTH_ABBREVIATIONS}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# Every month and weekday word: a capitalised run of nothing else is a date, not a name.
CALENDAR_WORDS = frozenset([*MONTHS, *WEEKDAYS])

# Capitalised, for patterns that match names case-sensitively ("May", not "may").
MONTH_NAMES = tuple(name.capitalize() for name in MONTH_NUMBERS)
WEEKDAY_NAMES = tuple(day.capitalize() for day in WEEKDAYS)

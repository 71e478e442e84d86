"""Dates in running text: "February 3, 2022", "3 Feb", "on Friday", "last week", "2019".

A bare four-digit number from 1900 to 2100 is a year (a DateMention), not a
quantity, unless money, a scale, a percent sign or a count-like bound ("more
than", "nearly", "some") marks it as a count: "in 2019" is a year, "more than
2000 troops" and "2,000 troops" are quantities. "2000 troops" with no marker
stays a year; the grounding check accepts a year and a count of equal value
as the same fact, so nothing is lost either way.

Month and weekday names alone count only when capitalised ("august" is an
adjective); next to a day or a year a lower-case month counts too ("july 3"),
"May" alone only after a word like "in" or "since" (Theresa May is a person),
and month abbreviations only next to a day or a year. Numeric dates "03/02/2022"
are read month-first unless the first part is above 12. Decades ("1990s") are
year mentions whose text ends in "s".
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from factcheck.facts.casing import lower_for_matching
from factcheck.facts.months import MONTH_ABBREVIATIONS, MONTH_NAMES, MONTHS, WEEKDAY_NAMES, WEEKDAYS
from factcheck.facts.numbers import SPACE

_FULL_MONTH = "|".join(MONTH_NAMES)
# Longest first: "Sept" before "Sep".
_ABBR_MONTH = "|".join(sorted((a.capitalize() for a in MONTH_ABBREVIATIONS), key=len, reverse=True))
# Next to a day or a year, a month may also be lower case: tokenised, lower-cased
# news text writes "july 3 , 2015" (alone, "august" stays an adjective).
_MONTH = rf"(?:{_FULL_MONTH}|{_FULL_MONTH.upper()}|{_FULL_MONTH.lower()}|(?:{_ABBR_MONTH})\.?)"
_WEEKDAY = "|".join(WEEKDAY_NAMES)
_ORD = r"(?:st|nd|rd|th)?"
_NUMBER_WORD = (
    r"\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"a\s+few|a\s+couple\s+of|several|few"
)
_PERIOD = r"days?|weeks?|months?|years?|decades?|centur(?:y|ies)"
_RELATIVE = (
    r"(?i:yesterday|today|tonight|tomorrow"
    rf"|(?:last|next|this|past|coming){SPACE}+(?:weekend|week|month|year|decade|century"
    rf"|spring|summer|autumn|fall|winter|night|morning|evening|{_WEEKDAY})"
    rf"|(?:earlier|later){SPACE}+(?:this|that|in{SPACE}+the){SPACE}+(?:day|week|month|year)"
    rf"|(?:{_NUMBER_WORD}){SPACE}+(?:{_PERIOD}){SPACE}+(?:ago|earlier|later|before|after)"
    rf"|the{SPACE}+(?:previous|following|next|day){SPACE}+(?:day|week|month|year|before|after)"
    rf"|(?:in{SPACE}+)?recent{SPACE}+(?:days|weeks|months|years))\b"
)

_DATE = re.compile(
    # 2022-02-03
    r"(?<![\w/-])(?P<iso_y>\d{4})-(?P<iso_m>\d{1,2})-(?P<iso_d>\d{1,2})(?![\w/-])"
    # 02/03/2022, 3/2/22
    r"|(?<![\w/.])(?P<sl_a>\d{1,2})/(?P<sl_b>\d{1,2})/(?P<sl_y>\d{4}|\d{2})(?![\w/])"
    # (Friday,) February 3(rd)(, 2022)
    rf"|(?:(?P<md_wd>{_WEEKDAY}),?{SPACE}+)?(?P<md_m>{_MONTH}){SPACE}+(?P<md_d>\d{{1,2}}){_ORD}"
    rf"(?![\w])(?:{SPACE}?,?{SPACE}+(?P<md_y>\d{{4}})(?![\w]))?"
    # (Friday,) (the) 3(rd) (of) February(, 2022)
    rf"|(?:(?P<dm_wd>{_WEEKDAY}),?{SPACE}+)?(?:the{SPACE}+)?(?<![\w.,])(?P<dm_d>\d{{1,2}}){_ORD}"
    rf"{SPACE}+(?:of{SPACE}+)?(?P<dm_m>{_MONTH})(?![\w])(?:,?{SPACE}+(?P<dm_y>\d{{4}})(?![\w]))?"
    # February 2022, February of 2022
    rf"|(?P<my_m>{_MONTH}),?{SPACE}+(?:of{SPACE}+)?(?P<my_y>\d{{4}})(?![\w])"
    # February
    rf"|\b(?P<m>{_FULL_MONTH})\b"
    rf"|(?P<rel>\b{_RELATIVE})"
    rf"|\b(?P<wd>{_WEEKDAY})\b"
    # 2019, 1990s (not $2019, 2,019, 2019.5 or 2019%)
    r"|(?<![\w$€£¥.,])(?P<yr>19\d\d|20\d\d|2100)(?P<yr_s>s)?(?![\w%]|[.,]\d)"
)

# Words that make a following four-digit number a count, not a year.
_COUNT_BEFORE = re.compile(
    r"(?:(?:more|fewer|less|greater)\s+than|at\s+least|at\s+most|nearly|almost|roughly"
    r"|approximately|some|an\s+estimated|up\s+to|as\s+many\s+as|as\s+much\s+as|upwards\s+of"
    r"|in\s+excess\s+of|a\s+total\s+of)\s+$",
    re.I,
)
_COUNT_AFTER = re.compile(
    r"[ \t\u00a0]*(?:\+|-?plus\b)|[ \t\u00a0-]*(?:%|per\s?cent\b|percent\b|hundred\b"
    r"|thousand\b|million\b|billion\b|trillion\b|bn\b|mn\b|m\b|k\b|dollars?\b|euros?\b"
    r"|pounds?\b)",
    re.I,
)
_MAY_BEFORE = re.compile(
    r"\b(?:in|since|until|till|by|from|through|during|early|late|mid|last|next|this|of)"
    r"[ \t\u00a0-]+$",
    re.I,
)
_LOOKBEHIND = 24


@dataclass(frozen=True)
class DateMention:
    """A date or a part of one, as written; missing parts are None."""

    year: int | None
    month: int | None
    day: int | None
    weekday: str | None  # lower-case English name: "friday"
    relative: str | None  # lower-cased phrase: "last week", "two years ago"
    start: int
    end: int
    text: str

    @property
    def is_decade(self) -> bool:
        return self.text.endswith("s") and self.text[:-1].isdigit()


def _int(value: str | None) -> int | None:
    return None if value is None else int(value)


def _month(value: str | None) -> int | None:
    return None if value is None else MONTHS[value.rstrip(".").lower()]


def _weekday(value: str | None) -> str | None:
    return None if value is None else value.lower()


_MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _valid(month: int | None, day: int | None, year: int | None = None) -> bool:
    """A real calendar day ("February 29" only in a leap year, when the year is known)."""
    if month is None:
        return day is None
    if not 1 <= month <= 12:
        return False
    if day is None:
        return True
    if year is not None and month == 2 and day == 29:
        return calendar.isleap(year)
    return 1 <= day <= _MONTH_DAYS[month - 1]


def _is_count(text: str, start: int, end: int) -> bool:
    if _COUNT_BEFORE.search(text[max(0, start - _LOOKBEHIND) : start]):
        return True
    if start >= 2 and text[start - 1] == "-" and text[start - 2].isalpha():
        return True  # "F-2100": part of an identifier
    return _COUNT_AFTER.match(text, end) is not None


def _mention(m: re.Match[str], text: str) -> DateMention | None:
    g = m.groupdict()
    start, end, matched = m.start(), m.end(), m.group(0)
    if g["iso_y"] is not None:
        year, month, day = int(g["iso_y"]), int(g["iso_m"]), int(g["iso_d"])
        return (
            DateMention(year, month, day, None, None, start, end, matched)
            if _valid(month, day, year)
            else None
        )
    if g["sl_a"] is not None:
        a, b, y = int(g["sl_a"]), int(g["sl_b"]), int(g["sl_y"])
        month, day = (b, a) if a > 12 else (a, b)
        if y < 100:
            y += 2000 if y <= 50 else 1900
        return (
            DateMention(y, month, day, None, None, start, end, matched)
            if _valid(month, day, y)
            else None
        )
    for prefix in ("md", "dm"):
        if g[f"{prefix}_m"] is not None:
            named_month, named_day = _month(g[f"{prefix}_m"]), _int(g[f"{prefix}_d"])
            if not _valid(named_month, named_day, _int(g[f"{prefix}_y"])):
                return None
            named_year, weekday = _int(g[f"{prefix}_y"]), _weekday(g[f"{prefix}_wd"])
            return DateMention(
                named_year, named_month, named_day, weekday, None, start, end, matched
            )
    if g["my_m"] is not None:
        return DateMention(int(g["my_y"]), _month(g["my_m"]), None, None, None, start, end, matched)
    if g["m"] is not None:
        if g["m"] == "May" and not _MAY_BEFORE.search(text[max(0, start - _LOOKBEHIND) : start]):
            return None
        return DateMention(None, _month(g["m"]), None, None, None, start, end, matched)
    if g["rel"] is not None:
        relative = " ".join(lower_for_matching(matched).split())
        weekday = next((w for w in WEEKDAYS if relative.endswith(w)), None)
        return DateMention(None, None, None, weekday, relative, start, end, matched)
    if g["wd"] is not None:
        return DateMention(None, None, None, g["wd"].lower(), None, start, end, matched)
    if g["yr"] is not None:
        if _is_count(text, start, m.end("yr")):
            return None
        return DateMention(int(g["yr"]), None, None, None, None, start, end, matched)
    return None


# Where a mention can begin. ``_DATE`` is tried only at these places, which
# gives exactly the matches of a scan of every position at a fraction of the
# cost: a digit not inside a word, the capital of a month or weekday name
# (case-sensitive in ``_DATE``), "the" before a day number, or the first word
# of a relative phrase. Relative phrases need one of ``_RELATIVE_WORDS`` and
# are looked for only when the text has one.
_STARTS = re.compile(r"[\dJFMASONDTW](?<!\w\d)")
_THE_DAY = re.compile(rf"the{SPACE}+\d")
_LOWER_MONTH = re.compile(rf"\b(?:{_FULL_MONTH.lower()}){SPACE}+\d")
_RELATIVE_FIRST = (
    "yesterday|today|tonight|tomorrow|last|next|this|past|coming|earlier|later|the|in|recent"
    "|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few"
)
_RELATIVE_WORDS = re.compile(
    "day|night|tomorrow|week|month|year|decade|centur|spring|summer|autumn|fall|winter"
    "|morning|evening|before|after"
)
_RELATIVE_START = re.compile(rf"\b(?:{_RELATIVE_FIRST})")  # on lower_for_matching(text)


def _starts(text: str) -> list[int]:
    """Every position where a date mention may start, in order (see ``_STARTS``)."""
    found = [m.start() for m in _STARTS.finditer(text)]
    found.extend(m.start() for m in _LOWER_MONTH.finditer(text))
    if "the" in text:
        found.extend(m.start() for m in _THE_DAY.finditer(text))
    lowered = lower_for_matching(text)
    if _RELATIVE_WORDS.search(lowered):
        found.extend(m.start() for m in _RELATIVE_START.finditer(lowered))
    return sorted(set(found))


def find_dates(text: str) -> list[DateMention]:
    """Every date mention in ``text``, in order, spans exact."""
    found: list[DateMention] = []
    match = _DATE.match
    pos = 0
    for start in _starts(text):
        if start < pos:
            continue
        m = match(text, start)
        if m is None:
            continue
        mention = _mention(m, text)
        if mention is not None:
            found.append(mention)
        pos = m.end()
    return found

"""Spelled-out numbers: "twenty-one", "one hundred thousand", "a dozen", "half a million".

Values are ``Decimal`` so "2.5 million" is exactly 2500000 and never
2499999.9999; callers convert to float at the edge.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9,
}  # fmt: skip
_TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
# Multipliers that close a group ("two million three hundred thousand").
SCALE_WORDS = {
    "thousand": Decimal(10**3),
    "million": Decimal(10**6),
    "billion": Decimal(10**9),
    "trillion": Decimal(10**12),
}
# Abbreviated scales, accepted right after digits ("€40m", "$3.2bn", "100k").
SCALE_ABBREVIATIONS = {
    "k": Decimal(10**3),
    "m": Decimal(10**6),
    "mn": Decimal(10**6),
    "mln": Decimal(10**6),
    "b": Decimal(10**9),
    "bn": Decimal(10**9),
    "tn": Decimal(10**12),
    "trn": Decimal(10**12),
}
# Vague plurals ("dozens of", "tens of thousands") mean "at least two of them".
VAGUE_PLURALS = {
    "tens": Decimal(10),
    "dozens": Decimal(12),
    "hundreds": Decimal(100),
    "thousands": Decimal(10**3),
    "millions": Decimal(10**6),
    "billions": Decimal(10**9),
    "trillions": Decimal(10**12),
}

_UNDER_HUNDRED = frozenset([*_SMALL, *_TEENS, *_TENS])
NUMBER_WORDS = frozenset(
    [*_SMALL, *_TEENS, *_TENS, "hundred", "dozen", "half", *SCALE_WORDS, *VAGUE_PLURALS]
)

# A space inside a line, between the words of a number ("two  million", "2.5\u00a0bn").
SPACE = r"[ \t\u00a0]"
# The scale words and the abbreviations that may stand apart from their digits
# ("3.2 bn"; a lone "m" or "b" there is a word, not a scale), longest first.
SCALE_WORD_PATTERN = "|".join(sorted(SCALE_WORDS, key=len, reverse=True))
SPACED_ABBREVIATION_PATTERN = "|".join(
    sorted((a for a in SCALE_ABBREVIATIONS if len(a) > 1), key=len, reverse=True)
)

# The gap between two words of a number: spaces or a hyphen ("twenty-one", "2.5 - million").
GAP = rf"(?:{SPACE}+|{SPACE}*-{SPACE}*)"

_WORD = re.compile(r"[A-Za-z]+")
_GAP = re.compile(GAP)
_AND_A_HALF = re.compile(rf"{SPACE}+and{SPACE}+a{SPACE}+half\b", re.I)


def _between_spaces(word: str) -> re.Pattern[str]:
    """``word`` with spaces on both sides, in any case: " and ", " of "."""
    return re.compile(rf"{SPACE}+{word}{SPACE}+", re.I)


_AND = _between_spaces("and")
_OF = _between_spaces("of")


@dataclass(frozen=True)
class ParsedNumber:
    """A number read from text: its value, where it ended, and how vague it is."""

    value: Decimal
    end: int
    vague: bool = False  # "dozens", "thousands of": a lower bound, not a count
    words: int = 1  # how many words it used; a lone "one" is usually a pronoun


def _word_at(text: str, pos: int) -> tuple[str, int] | None:
    m = _WORD.match(text, pos)
    if m is None or (m.end() < len(text) and text[m.end()].isalnum()):
        return None
    return m.group(0).lower(), m.end()


def _next_word(text: str, pos: int) -> tuple[str, int, int] | None:
    """The word after a gap (space or hyphen) at ``pos``: (word, start, end)."""
    gap = _GAP.match(text, pos)
    if gap is None:
        return None
    found = _word_at(text, gap.end())
    if found is None:
        return None
    return found[0], gap.end(), found[1]


def _parse_vague(text: str, word: str, end: int) -> ParsedNumber:
    """ "thousands" -> 2000, "tens of thousands" -> 20000 (a lower bound)."""
    value = 2 * VAGUE_PLURALS[word]
    of = _OF.match(text, end)
    if of is not None:
        inner = _word_at(text, of.end())
        if inner is not None and inner[0] in VAGUE_PLURALS and inner[0] not in ("tens", "dozens"):
            return ParsedNumber(value * VAGUE_PLURALS[inner[0]], inner[1], vague=True, words=3)
    return ParsedNumber(value, end, vague=True)


def parse_number_words(text: str, pos: int) -> ParsedNumber | None:
    """Read a spelled-out number starting exactly at ``pos``; None when there is none.

    Accepts compounds ("one hundred and twenty-five thousand"), "a"/"an" before
    a scale ("a million", "a dozen"), halves ("half a million", "two and a half")
    and vague plurals ("dozens", "hundreds of thousands").
    """
    first = _word_at(text, pos)
    if first is None:
        return None
    word, end = first
    if word in VAGUE_PLURALS:
        return _parse_vague(text, word, end)
    if word in ("a", "an", "half"):
        nxt = _next_word(text, end)
        if nxt is None:
            return ParsedNumber(Decimal("0.5"), end) if word == "half" else None
        follower, _, follower_end = nxt
        if word == "half":
            # "half a million", "half a dozen"
            if follower == "a":
                after = _next_word(text, follower_end)
                if after is not None and (after[0] in SCALE_WORDS or after[0] == "dozen"):
                    mult = SCALE_WORDS.get(after[0], Decimal(12))
                    return ParsedNumber(Decimal("0.5") * mult, after[2], words=3)
            return ParsedNumber(Decimal("0.5"), end)
        if follower == "half":
            return ParsedNumber(Decimal("0.5"), follower_end, words=2)
        if follower not in SCALE_WORDS and follower not in ("hundred", "dozen"):
            return None
    return _parse_compound(text, pos)


def _parse_compound(text: str, pos: int) -> ParsedNumber | None:
    total = Decimal(0)
    current = Decimal(0)
    last: str | None = None  # kind of the previous word
    last_scale: Decimal | None = None
    end = pos
    words = 0
    cursor: tuple[str, int, int] | None
    found = _word_at(text, pos)
    cursor = None if found is None else (found[0], pos, found[1])
    while cursor is not None:
        word, _, w_end = cursor
        if word in ("a", "an") and last is None:
            current, last = Decimal(1), "a"
        elif word in _SMALL and last in (None, "tens", "hundred", "scale", "and"):
            if last == "tens" and current % 10 != 0:
                break
            current += _SMALL[word]
            last = "small"
        elif (word in _TEENS or word in _TENS) and last in (None, "hundred", "scale", "and"):
            current += _TEENS.get(word, 0) + _TENS.get(word, 0)
            last = "tens" if word in _TENS else "teen"
        elif word == "hundred" and last in ("small", "teen", "tens", "a"):
            current = (current or Decimal(1)) * 100
            last = "hundred"
        elif word == "dozen" and last in ("small", "teen", "tens", "a"):
            current = (current or Decimal(1)) * 12
            last = "scale"
        elif word in SCALE_WORDS and last in ("small", "teen", "tens", "hundred", "a", "half"):
            scale = SCALE_WORDS[word]
            if last_scale is not None and scale >= last_scale:
                break
            total += (current or 1) * scale
            current, last, last_scale = Decimal(0), "scale", scale
        else:
            break
        end = w_end
        words += 1
        half = _AND_A_HALF.match(text, end)
        if half is not None and last in ("small", "teen", "tens"):
            current += Decimal("0.5")
            end, last = half.end(), "half"
            words += 3
        joined = _AND.match(text, end) if last in ("hundred", "scale") else None
        if joined is not None:
            # "one hundred and twenty": "and" only joins when a number follows.
            after = _word_at(text, joined.end())
            if after is not None and after[0] in _UNDER_HUNDRED:
                cursor, last = (after[0], joined.end(), after[1]), "and"
                continue
        cursor = _next_word(text, end)
    if words == 0 or last in ("a", "and"):
        return None
    return ParsedNumber(total + current, end, words=words)


def normalise_number_words(text: str) -> str:
    """Replace spelled-out numbers with digits: "two years ago" -> "2 years ago".

    Vague plurals ("dozens") are left alone: they have no single value.
    """
    out: list[str] = []
    pos = 0
    for m in _WORD.finditer(text):
        if m.start() < pos or (m.start() > 0 and text[m.start() - 1].isalnum()):
            continue
        word = m.group(0).lower()
        if word not in NUMBER_WORDS and word not in ("a", "an"):
            continue
        parsed = parse_number_words(text, m.start())
        if parsed is None or parsed.vague:
            continue
        out.append(text[pos : m.start()])
        out.append(format_decimal(parsed.value))
        pos = parsed.end
    out.append(text[pos:])
    return "".join(out)


def format_decimal(value: Decimal) -> str:
    """Plain digits without exponent or trailing zeros: 2500000, 0.5."""
    if not value.is_finite():
        return str(value)
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text

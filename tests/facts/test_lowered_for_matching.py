"""Lower-case ASCII words looked for in ``lower_for_matching``'s text find what IGNORECASE finds.

Checked over every code point; the characters ``re.IGNORECASE`` matches to an
ASCII letter besides its two cases are written out by hand.
"""

from __future__ import annotations

import re
import string
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.facts.casing import lower_for_matching

# Dotted capital I, dotless small i, long s, Kelvin sign.
IGNORECASE_EXTRAS = {"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"}

_EVERY_CHARACTER = "".join(map(chr, range(sys.maxunicode + 1)))
_LOWERED = lower_for_matching(_EVERY_CHARACTER)


def test_every_character_keeps_its_offset() -> None:
    assert len(_LOWERED) == len(_EVERY_CHARACTER)


def test_ignorecase_matches_an_ascii_letter_to_its_cases_and_the_extras_alone() -> None:
    matched = set(re.findall("[a-z]", _EVERY_CHARACTER, re.I))
    assert matched == set(string.ascii_letters) | set(IGNORECASE_EXTRAS)


@pytest.mark.parametrize("extra", list(IGNORECASE_EXTRAS))
def test_each_extra_is_folded_to_the_letter_ignorecase_matches_it_to(extra: str) -> None:
    letter = IGNORECASE_EXTRAS[extra]
    assert re.fullmatch(letter, extra, re.I)
    assert [c for c in string.ascii_lowercase if re.fullmatch(c, extra, re.I)] == [letter]
    assert lower_for_matching(f"A {extra}b") == f"a {letter}b"


def test_a_character_lowers_to_an_ascii_letter_where_ignorecase_matches_it_to_that_letter() -> None:
    lowered_to: dict[str, set[str]] = {letter: set() for letter in string.ascii_lowercase}
    for c, low in zip(_EVERY_CHARACTER, _LOWERED, strict=True):
        if low in lowered_to:
            lowered_to[low].add(c)
    for letter, characters in lowered_to.items():
        assert characters == set(re.findall(letter, _EVERY_CHARACTER, re.I)), letter


def test_lowering_keeps_word_digit_and_space_classes() -> None:
    # So \b, \w, \d and \s read the lowered text as they read the text.
    for pattern in (r"\w", r"\d", r"\s"):
        compiled = re.compile(pattern)
        changed = [
            c
            for c, low in zip(_EVERY_CHARACTER, _LOWERED, strict=True)
            if c != low and bool(compiled.match(c)) != bool(compiled.match(low))
        ]
        assert changed == [], pattern


_PIECES = st.sampled_from(
    ["share", "SHARE", "Share ", "scroll", "Scroll down for", "PLAYBACK", "by", "By",
     "credit", "CreDit", "x", " ", "\n", "É", "é", "İ", "ı", "ſ", "K", "ß", "Σ", "1", "_"]
)  # fmt: skip


@given(st.lists(_PIECES, max_size=10).map("".join))
def test_ascii_words_are_found_where_ignorecase_finds_them(text: str) -> None:
    lowered = lower_for_matching(text)
    for words in ("share", r"\bscroll down for\b", "contributed|by|copyright|courtesy|credit"):
        with_case = [m.span() for m in re.finditer(words, text, re.I)]
        assert [m.span() for m in re.finditer(words, lowered)] == with_case

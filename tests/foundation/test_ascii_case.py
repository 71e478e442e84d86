"""Lower-case ASCII words looked for in the lower-cased text find what IGNORECASE finds."""

from __future__ import annotations

import re
import string
import sys

from hypothesis import given
from hypothesis import strategies as st

from factcheck.ascii_case import IGNORECASE_EXTRAS, ascii_lowered

_EVERY_CHARACTER = "".join(map(chr, range(sys.maxunicode + 1)))


def test_ignorecase_matches_an_ascii_letter_to_its_cases_and_the_extras_alone() -> None:
    matched = set(re.findall("[a-z]", _EVERY_CHARACTER, re.I))
    assert matched == set(string.ascii_letters) | set(IGNORECASE_EXTRAS)


def test_each_extra_is_matched_to_a_letter_by_ignorecase() -> None:
    for extra in IGNORECASE_EXTRAS:
        assert re.fullmatch("[a-z]", extra, re.I)
        assert extra not in string.ascii_letters
        assert ascii_lowered(f"a {extra} b") is None


def test_lower_casing_one_character_gives_an_ascii_letter_only_from_one() -> None:
    # Every character but the ASCII capitals (and the extras, which the text
    # may not hold) lower-cases to something no lower-case ASCII literal matches.
    made = {
        c for c in _EVERY_CHARACTER if len(c.lower()) == 1 and c.lower() in string.ascii_letters
    }
    assert made - set(IGNORECASE_EXTRAS) == set(string.ascii_letters)


def test_lower_casing_keeps_word_digit_and_space_classes() -> None:
    # So \b, \w, \d and \s read the lowered text as they read the text.
    for pattern in (r"\w", r"\d", r"\s"):
        compiled = re.compile(pattern)
        changed = [
            c
            for c in _EVERY_CHARACTER
            if len(c.lower()) == 1 and bool(compiled.match(c)) != bool(compiled.match(c.lower()))
        ]
        assert changed == [], pattern


def test_a_text_whose_lowering_moves_offsets_is_refused() -> None:
    assert ascii_lowered("İstanbul share") is None
    assert ascii_lowered("ſhare this") is None
    assert ascii_lowered("SHARE This") == "share this"


_PIECES = st.sampled_from(
    ["share", "SHARE", "Share ", "scroll", "Scroll down for", "PLAYBACK", "by", "By",
     "credit", "CreDit", "x", " ", "\n", "É", "é", "İ", "ı", "ſ", "K", "ß", "Σ", "1", "_"]
)  # fmt: skip


@given(st.lists(_PIECES, max_size=10).map("".join))
def test_ascii_words_are_found_where_ignorecase_finds_them(text: str) -> None:
    lowered = ascii_lowered(text)
    if lowered is None:
        return
    for words in ("share", r"\bscroll down for\b", "contributed|by|copyright|courtesy|credit"):
        with_case = [m.span() for m in re.finditer(words, text, re.I)]
        assert [m.span() for m in re.finditer(words, lowered)] == with_case

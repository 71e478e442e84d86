"""``fold_letters`` folds a text run by run; the result is that of folding it whole."""

import random
import re
import unicodedata

from factcheck.facts.names import fold_letters

_FOLD = str.maketrans(
    {
        "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae",
        "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i", "ð": "d", "þ": "th", "ħ": "h", "Ħ": "H",
    }
)  # fmt: skip
_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")
# ASCII, the letters folded by table, precomposed and decomposed letters, marks out of order,
# marks outside the stripped blocks, letters whose case folding changes their length or
# script (ß, İ, Kelvin sign, Cherokee), compatibility forms, Hangul, Cyrillic and Greek.
_POOL = (
    "aZ 9.,'\"-\nøØłŁđĐßæÆœŒıðþÞħĦéÉçÇñÑüÖ"
    "\u0301\u0323\u0308\u0327\u05b0\u0e31\u093c"
    "ẞİKꭰᏸﬁ²½Ａ가각ЖжйЙΣσςΆ’“”—…"
)


def _fold_whole(text: str) -> str:
    """Folding read as one pass over the whole text."""
    if text.isascii():
        return text.casefold()
    text = text.translate(_FOLD)
    stripped = _MARKS.sub("", unicodedata.normalize("NFKD", text.casefold()))
    if any(unicodedata.combining(c) for c in stripped if not c.isascii()):
        stripped = "".join(c for c in stripped if not unicodedata.combining(c))
    return stripped


def test_folding_run_by_run_equals_folding_the_whole_text() -> None:
    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(rng.choice(_POOL) for _ in range(rng.randint(1, 24)))
        assert fold_letters(text) == _fold_whole(text), repr(text)


def test_folded_names_and_punctuation() -> None:
    assert fold_letters("Kovačević said “Ødegaard’s” goal") == "kovacevic said “odegaard’s” goal"
    assert fold_letters("STRAẞE Þór") == "strasse þor"

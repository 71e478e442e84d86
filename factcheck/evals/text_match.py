"""Surface matching for scoring: fold text so equivalent spellings compare equal.

Scoring compares text from different sources (the article, a model's claim,
a gold file typed by hand), so typography must not decide a match: curly and
straight quotes, dashes, HTML entities, non-breaking spaces, case and
diacritics ("Núñez" = "Nunez", "Łódź" = "Lodz") are all folded away.
"""

from __future__ import annotations

import html
import re

from factcheck.facts.names import fold_letters
from factcheck.grounding.normalise import fold_marks

_SPACE = re.compile(r"\s+")


def normalize_text(text: str, *, unescape_html: bool = True) -> str:
    """Case-, accent-, quote- and whitespace-folded ``text`` (HTML entities decoded).

    ``unescape_html=False`` keeps entities as written, for looking for leaked
    markup: "&amp;" must then not match a plain "&".
    """
    if unescape_html:
        text = html.unescape(text)
    # The letters are folded as names are, the marks as quotes are located.
    text = fold_letters(fold_marks(text))
    return _SPACE.sub(" ", text).strip()


def _digit_continues(text: str, pos: int, step: int) -> bool:
    """Whether the number touching ``pos`` goes on (``1,100,000`` holds no ``100,000``)."""
    nxt = pos + step
    return (
        0 <= pos < len(text) and text[pos] in ",." and 0 <= nxt < len(text) and text[nxt].isdigit()
    )


def contains_term(haystack: str, needle: str, *, normalized: bool = False) -> bool:
    """Whether ``needle`` occurs in ``haystack`` as whole words (both folded first).

    An edge of the needle that is a letter or digit must not touch another
    letter or digit ("war" is not in "award"), and a number must not be part
    of a longer one ("10,000" is not in "110,000" nor in "10,000.5").
    Edges that are punctuation ("$4 billion", "(AP)") need no boundary.
    Pass ``normalized=True`` when ``haystack`` is already folded.
    """
    text = haystack if normalized else normalize_text(haystack)
    term = normalize_text(needle)
    if not term:
        return False
    start = text.find(term)
    while start != -1:
        end = start + len(term)
        left_ok = not term[0].isalnum() or start == 0 or not text[start - 1].isalnum()
        right_ok = not term[-1].isalnum() or end == len(text) or not text[end].isalnum()
        if term[0].isdigit() and _digit_continues(text, start - 1, -1):
            left_ok = False
        if term[-1].isdigit() and _digit_continues(text, end, 1):
            right_ok = False
        if left_ok and right_ok:
            return True
        start = text.find(term, start + 1)
    return False


def contains_substring(haystack: str, needle: str) -> bool:
    """Folded substring test, no word boundaries (for forbidden text: "winknews" in a URL).

    HTML entities are compared as written, so a forbidden "&amp;" catches a
    leaked entity without flagging every "&".
    """
    term = normalize_text(needle, unescape_html=False)
    return bool(term) and term in normalize_text(haystack, unescape_html=False)


def word_count(text: str) -> int:
    return len(text.split())

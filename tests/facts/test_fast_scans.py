"""The fast scans find exactly what a plain scan of every position finds.

find_dates tries its pattern only where a date can start, find_quantities
searches lower-cased text case-sensitively, name_tokens folds ASCII words
without Unicode machinery. Each is compared here with the slow, obvious way.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.facts.addresses import ADDRESS
from factcheck.facts.casing import lower_for_matching
from factcheck.facts.dates import _DATE, _mention, find_dates
from factcheck.facts.names import fold, name_tokens
from factcheck.facts.quantities import _CANDIDATE, _CANDIDATE_LOWER, find_quantities

# Pieces that start dates, numbers and names, and the letters that trip case
# folding: dotted and dotless i, long s, Kelvin sign, final sigma.
_PIECES = st.sampled_from(
    [
        "0", "3", "12", "2019", "1990s", "100,000", "3.2", "03/02/2022", "2022-02-03", "٣",
        ",", ".", "-", " ", "  ", "\n", "\t", "\u00a0", "%", "$", "US$", "€", "EUR", "usd",
        "m", "bn", "st", "rd", "million", "thousand", "dozen", "a", "an", "half", "the", "of",
        "and", "to", "in", "between", "more than", "MORE THAN", "about", "up to", "some",
        "one", "Two", "twelve", "several", "few", "a few", "a couple of", "February", "FEBRUARY",
        "Feb.", "May", "Sept", "Friday", "friday", "last", "next", "this", "past", "coming",
        "earlier", "later", "week", "weeks", "weekend", "year", "days", "ago", "before",
        "after", "yesterday", "Tonight", "recent", "previous", "following", "morning",
        "bathe", "İ", "ı", "ſ", "ſeven", "ſome", "K", "Σ", "ΑΣ", "Putin’s", "O’Brien",
        "Jones'", "COVID-19", "U.S.", "Zoë", "ǅ", "ﬁ", "x", "Mr",
    ]
)  # fmt: skip
_TEXT = st.one_of(
    st.text(max_size=80),
    st.lists(_PIECES, max_size=30).map(" ".join),
    st.lists(_PIECES, max_size=30).map("".join),
    st.lists(st.one_of(_PIECES, st.text(max_size=2)), max_size=20).map(" ".join),
)


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_dates_are_those_of_a_scan_of_every_position(text: str) -> None:
    expected = [d for m in _DATE.finditer(text) if (d := _mention(m, text)) is not None]
    assert find_dates(text) == expected


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_lower_case_candidates_are_the_case_insensitive_ones(text: str) -> None:
    lowered = lower_for_matching(text)
    assert len(lowered) == len(text)
    fast = [(m.span(), m.start("num"), m["bound"]) for m in _CANDIDATE_LOWER.finditer(lowered)]
    slow = [(m.span(), m.start("num"), m["bound"]) for m in _CANDIDATE.finditer(text)]
    assert [(span, num) for span, num, _ in fast] == [(span, num) for span, num, _ in slow]
    # The bound is read in lower case either way.
    assert [b for _, _, b in fast] == [b and lower_for_matching(b) for _, _, b in slow]


@settings(max_examples=300, deadline=None)
@given(_TEXT, st.sampled_from(["s", "i", "k", "seven", "this", "previous", "system", "k\\b"]))
def test_lower_for_matching_finds_what_ignorecase_finds(text: str, pattern: str) -> None:
    fast = [m.span() for m in re.finditer(pattern, lower_for_matching(text))]
    assert fast == [m.span() for m in re.finditer(pattern, text, re.IGNORECASE)]


def test_lower_for_matching_keeps_offsets_of_the_awkward_letters() -> None:
    assert lower_for_matching("İSTANBUL ıſK") == "istanbul isk"
    assert lower_for_matching("ΟΔΟΣ") == "ΟΔΟΣ".lower()


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_known_dates_give_the_same_quantities(text: str) -> None:
    assert find_quantities(text, dates=find_dates(text)) == find_quantities(text)


# The words of names: a word that opens with a digit ("3D", "10-year-old") is read
# whole and kept whole, and the words of links, addresses, handles and tags are skipped.
_TOKEN = re.compile(
    r"(?<![\w@#])(?:(?:[^\W\d_]\.){2,}|[^\W\d_][\w]*(?:[-’'][\w]+)*"
    r"|\d+[-’']?[^\W\d_][\w]*(?:[-’'][\w]+)*)"
)
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$", re.I)


def _name_tokens_by_hand(text: str) -> list[str]:
    skipped = [m.span() for m in re.finditer(ADDRESS, text)]
    out: list[str] = []
    for m in _TOKEN.finditer(text):
        if any(a <= m.start() < b for a, b in skipped):
            continue
        token = _POSSESSIVE.sub("", m[0]) or m[0]
        parts = [token] if token[0].isdigit() else re.split(r"[-’']", token)
        out.extend(f for part in parts if (f := fold(part)))
    return out


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_name_tokens_fold_every_word(text: str) -> None:
    assert name_tokens(text) == _name_tokens_by_hand(text)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_every_quantity_reads_without_error(text: str) -> None:
    for q in find_quantities(text):
        assert text[q.start : q.end] == q.text


def test_words_matched_case_insensitively_read_as_their_ascii_form() -> None:
    # Long s and dotless i match "s" and "i" case-insensitively; the tables
    # are looked up with the same folding, not with str.lower.
    (some,) = find_quantities("ſome 10 people")
    assert (some.value, some.bound) == (10.0, "about")
    (so,) = find_quantities("10 or ſo people")
    assert (so.value, so.bound) == (10.0, "about")
    assert [q.value for q in find_quantities("2 mıllion people")] == [2_000_000.0]
    assert [d.relative for d in find_dates("ſeven days ago")] == ["seven days ago"]


def test_date_starts_hidden_in_words_and_relative_phrases() -> None:
    # "the" glued to a word still opens "the 3rd of March"; long s reads as "s".
    assert [d.text for d in find_dates("bathe 3rd of March")] == ["the 3rd of March"]
    assert [d.text for d in find_dates("xFebruary 3 and ٣ days ago")] == [
        "February 3",
        "٣ days ago",
    ]
    assert find_dates("no date here at all") == []

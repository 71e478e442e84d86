"""A text supports itself: every number, date and name it states is in it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.grounding.compare import FactSet, compare_claim, missing_facts

_PIECES = st.sampled_from(
    [
        "0", "1", "12", "2019", "1990s", "100,000", "3.2", ",", ".", "-", "–", " ", "\n", "\t",
        "%", "$", "€", "m", "bn", "st", "million", "dozen", "a", "half", "and", "to", "between",
        "more than", "about", "up to", "one", "twenty", "February", "May", "Friday",
        "last week", "ago", "Mr", "Dr", "President", "Putin’s", "Zoë", "NATO", "U.S.", "US",
        "United", "States", "COVID-19", "da", "DÀ", "De", "van", "Der", "of", "Sea", "O’Brien",
        "Jones'", "İ", "ı", "ſ", "K", "ǅ", "ﬁ", "٣", "１２", "²", "\u200b", "\x00",
    ]
)  # fmt: skip
_TEXT = st.one_of(
    st.text(max_size=80),
    st.lists(_PIECES, max_size=25).map(" ".join),
    st.lists(_PIECES, max_size=25).map("".join),
    st.lists(st.one_of(_PIECES, st.text(max_size=3)), max_size=20).map(" ".join),
)


@settings(max_examples=500, deadline=None)
@given(_TEXT)
def test_compare_claim_of_a_text_with_itself_finds_nothing_missing(text: str) -> None:
    assert compare_claim(text, text) == []


@settings(max_examples=500, deadline=None)
@given(_TEXT)
def test_each_fact_of_a_text_is_found_in_that_text(text: str) -> None:
    # The fact-by-fact comparison, without the shortcut for identical texts.
    facts = FactSet(text)
    assert all(facts.has_quantity(q) for q in facts.quantities)
    assert all(facts.has_date(d) for d in facts.dates)
    assert all(facts.has_name(name) for name in facts.names)


def test_identical_text_of_particles_supports_itself() -> None:
    assert missing_facts(FactSet("DÀ"), FactSet("DÀ")) == []
    assert compare_claim("DÀ", "DÀ") == []
    assert compare_claim("DÀ", "nothing here") == ["name DÀ not in evidence"]


def test_the_shortcut_needs_the_text_inside_the_wider_name_evidence() -> None:
    text = "Ines Okafor approved it."
    # Names are looked for in ``name_evidence``; a window without the text
    # gets the full comparison.
    assert missing_facts(FactSet(text), FactSet(text), name_evidence=FactSet("x")) != []
    wider = FactSet("The mayor spoke. " + text)
    assert missing_facts(FactSet(text), FactSet(text), name_evidence=wider) == []

"""locate_quote: exact, normalised and fuzzy matches with exact body spans."""

from __future__ import annotations

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from factcheck import Article
from factcheck.grounding.locate import locate_quote
from factcheck.grounding.normalise import normalise


def test_exact_match(harbour: Article) -> None:
    body = harbour.body
    quote = "approved a €40m plan to deepen the main channel"
    ev = locate_quote(body, quote)
    assert ev is not None
    assert (ev.method, ev.score) == ("exact", 100.0)
    assert body[ev.start : ev.end] == quote == ev.text
    assert ev.start == body.index(quote)


def test_enclosing_sentence(harbour: Article) -> None:
    body = harbour.body
    ev = locate_quote(body, "approved a €40m plan")
    assert ev is not None
    assert ev.sentence_start is not None
    assert ev.sentence_end is not None
    sentence = body[ev.sentence_start : ev.sentence_end]
    assert sentence.startswith("The Port Kelby harbour authority on Tuesday")
    assert sentence.endswith("the largest investment at the port since 2009.")


def test_window_is_searched_first() -> None:
    body = "The ferry left at dawn. Later, the ferry left at dawn again."
    second = body.index("the ferry left", 10)
    assert locate_quote(body, "ferry left at dawn").start == body.index("ferry")  # type: ignore[union-attr]
    ev = locate_quote(body, "ferry left at dawn", window=(second, len(body)))
    assert ev is not None
    assert ev.start == second + len("the ")


def test_exact_match_outside_the_window_is_still_found() -> None:
    body = "First paragraph about ferries.\n\nSecond paragraph about tolls."
    ev = locate_quote(body, "about ferries", window=(32, len(body)))
    assert ev is not None
    assert ev.method == "exact"
    assert ev.start == body.index("about ferries")


def test_straight_quotes_find_curly_ones_with_an_exact_span(harbour: Article) -> None:
    body = harbour.body
    quote = '"We cannot stay a regional port forever," she told reporters'
    ev = locate_quote(body, quote)
    assert ev is not None
    assert ev.method == "normalized"
    assert body[ev.start : ev.end] == "“We cannot stay a regional port forever,” she told reporters"


def test_curly_apostrophe_from_a_straight_one(harbour: Article) -> None:
    body = harbour.body
    ev = locate_quote(body, "Transport Minister Ivan Petrović's office said last week")
    assert ev is not None
    assert ev.method == "normalized"
    assert body[ev.start : ev.end] == "Transport Minister Ivan Petrović’s office said last week"


def test_whitespace_and_line_breaks() -> None:
    body = "Engineers said the channel will be\ndeepened   to 16 metres by 2026.\nNothing else."
    ev = locate_quote(body, "the channel will be deepened to 16 metres")
    assert ev is not None
    assert ev.method == "normalized"
    assert body[ev.start : ev.end] == "the channel will be\ndeepened   to 16 metres"


def test_dashes_and_spaces_around_them() -> None:
    body = "The Kelby–Hull ferry — the oldest route — resumes in May."
    ev = locate_quote(body, "Kelby - Hull ferry - the oldest route")
    assert ev is not None
    assert ev.method == "normalized"
    assert body[ev.start : ev.end] == "Kelby–Hull ferry — the oldest route"


def test_ellipsis_character_and_three_dots() -> None:
    body = "She paused… then said the port would grow."
    ev = locate_quote(body, "She paused... then said")
    assert ev is not None
    assert body[ev.start : ev.end] == "She paused… then said"


def test_a_quote_cut_with_an_ellipsis(harbour: Article) -> None:
    body = harbour.body
    ev = locate_quote(body, "The Port Kelby harbour authority ... approved a €40m plan")
    assert ev is not None
    assert ev.method == "normalized"
    assert (
        body[ev.start : ev.end]
        == "The Port Kelby harbour authority on Tuesday approved a €40m plan"
    )


def test_case_differences() -> None:
    body = "The Buildup began in spring."
    ev = locate_quote(body, "the buildup began")
    assert ev is not None
    assert body[ev.start : ev.end] == "The Buildup began"


def test_fuzzy_match_with_one_word_changed(harbour: Article) -> None:
    body = harbour.body
    quote = (
        "the work would let vessels carrying more than 12,000 containers dock for the first time"
    )
    ev = locate_quote(body, quote)
    assert ev is not None
    assert ev.method == "fuzzy"
    assert 90 <= ev.score < 100
    assert body[ev.start : ev.end] == (
        "the work would let ships carrying more than 12,000 containers dock for the first time"
    )
    assert locate_quote(body, quote, threshold=99) is None


def test_fuzzy_match_stays_inside_the_window(harbour: Article) -> None:
    body = harbour.body
    quote = (
        "the work would let vessels carrying more than 12,000 containers dock for the first time"
    )
    last_paragraph = body.index("Transport Minister")
    assert locate_quote(body, quote, window=(last_paragraph, len(body))) is None
    assert locate_quote(body, quote, window=(0, last_paragraph)) is not None


def test_quote_not_in_the_article(harbour: Article) -> None:
    assert (
        locate_quote(harbour.body, "The mayor resigned after floods destroyed the bridge") is None
    )


def test_trailer_text_is_not_in_the_body(harbour: Article) -> None:
    bio = "She joined the Courier in 2019 and covers shipping"
    assert bio in harbour.text
    assert locate_quote(harbour.body, bio) is None


def test_blank_quotes_and_empty_bodies() -> None:
    assert locate_quote("Some body text.", "") is None
    assert locate_quote("Some body text.", "   \n") is None
    assert locate_quote("", "Some") is None


def test_short_quotes_are_not_fuzzily_matched() -> None:
    assert locate_quote("The port grew fast.", "port grow") is None


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=300), st.data())
def test_a_substring_is_always_found_exactly(body: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(min_value=0, max_value=len(body) - 1))
    end = data.draw(st.integers(min_value=start + 1, max_value=len(body)))
    quote = body[start:end]
    assume(quote.strip())
    ev = locate_quote(body, quote)
    assert ev is not None
    assert ev.method == "exact"
    assert body[ev.start : ev.end] == quote


_NOISY = st.text(alphabet=st.sampled_from(list("ab cd\n\t-–—…“”‘’\"'\u200b\u00a0İ.,")), max_size=80)


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=200), _NOISY))
def test_normalised_characters_map_back_in_order(text: str) -> None:
    norm = normalise(text)
    previous = (0, 0)
    for i in range(len(norm.text)):
        start, end = norm.source_span(i, i + 1)
        assert 0 <= start < end <= len(text)
        assert start >= previous[0]
        assert end >= previous[1]
        previous = (start, end)
    assert norm.source_span(0, len(norm.text))[1] <= len(text)


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.text(max_size=200), _NOISY), st.one_of(st.text(max_size=60), _NOISY))
def test_locate_never_crashes(body: str, quote: str) -> None:
    ev = locate_quote(body, quote, window=(3, 40))
    if ev is not None:
        assert 0 <= ev.start <= ev.end <= len(body)
        assert ev.text == body[ev.start : ev.end]
        assert ev.sentence_start is not None
        assert ev.sentence_end is not None
        assert ev.sentence_start <= ev.start
        assert ev.end <= ev.sentence_end

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.facts.numbers import NUMBER_WORDS
from factcheck.facts.vocabulary import COMMON_WORDS
from factcheck.sentences import (
    _INNER_END,
    CONTINUING_WORDS,
    LETTER_LABELS,
    LOST_STOP_OPENERS,
    _after_lost_stop,
    opens_after_lost_stop,
    paragraph_spans,
    sentence_containing,
    sentence_spans,
)


def _texts(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


def test_abbreviations_initials_and_decimals_do_not_split() -> None:
    text = "Mr. Smith met Dr. J. K. Lee at 3.5 p.m. on Friday. They spoke in the U.S. Senate."
    assert _texts(text) == [
        "Mr. Smith met Dr. J. K. Lee at 3.5 p.m. on Friday.",
        "They spoke in the U.S. Senate.",
    ]


def test_closing_quotes_and_line_breaks_end_sentences() -> None:
    text = "“It works,” she said. “We are sure.” Then it rained!\nA new line\n\n  Indented one."
    assert _texts(text) == [
        "“It works,” she said.",
        "“We are sure.”",
        "Then it rained!",
        "A new line",
        "Indented one.",
    ]


def test_lowercase_after_full_stop_is_not_a_new_sentence() -> None:
    assert _texts("The border. of his country is long.") == ["The border. of his country is long."]


def test_paragraphs_and_lookup() -> None:
    text = "One.\nStill one.\n\n\nTwo.\n \nThree."
    spans = paragraph_spans(text)
    assert [text[s:e] for s, e in spans] == ["One.\nStill one.", "Two.", "Three."]
    sentences = sentence_spans(text)
    assert sentence_containing(sentences, text.index("Two")) == 2
    assert sentence_containing(sentences, text.index("\n\n")) is None


def test_capitals_beyond_latin_1_open_sentences() -> None:
    text = "It cost 5 euros. Łukasiewicz won it. The prize went to a žena. Ørsted agreed."
    assert _texts(text) == [
        "It cost 5 euros.",
        "Łukasiewicz won it.",
        "The prize went to a žena.",
        "Ørsted agreed.",
    ]
    assert _texts("Prices rose. ščepec of salt.") == ["Prices rose. ščepec of salt."]


def test_a_sentence_longer_than_the_library_window_stays_whole() -> None:
    long = "word " * 3000 + "end."
    text = f"{long} Next one. And more sentences follow here."
    assert _texts(text) == [long, "Next one.", "And more sentences follow here."]


def test_a_run_with_no_sentence_end_is_cut_at_white_space_into_bounded_pieces() -> None:
    from factcheck.sentences import MAX_SENTENCE_CHARS

    text = "word " * 12_000
    spans = sentence_spans(text)
    assert len(spans) == 3
    assert all(e - s <= MAX_SENTENCE_CHARS for s, e in spans)
    assert " ".join(text[s:e] for s, e in spans) == text.strip()


def test_many_exclamation_marks_in_a_row_of_sentences() -> None:
    text = "Go!-" * 3000  # 12,000 characters: three windows of the library
    texts = [text[s:e] for s, e in sentence_spans(text)]
    assert texts == ["Go!", *["-Go!"] * 2999, "-"]


@pytest.mark.parametrize("word", sorted(LOST_STOP_OPENERS))
def test_every_lost_stop_opener_ends_a_caption_run_into_it(word: str) -> None:
    caption = "The mayor stands on the new bridge at dawn"
    text = f"{caption} {word.capitalize()} crowd was small."
    assert _texts(text) == [caption, f"{word.capitalize()} crowd was small."]
    # Written in lower case it is the same sentence going on.
    assert len(_texts(f"{caption} {word} crowd was small.")) == 1


@pytest.mark.parametrize("word", sorted(CONTINUING_WORDS))
def test_no_lost_stop_after_a_word_that_needs_more(word: str) -> None:
    text = f"The prize went {word} The crowd favourite."
    assert _texts(text) == [text]


@pytest.mark.parametrize("label", sorted(LETTER_LABELS))
def test_a_letter_after_the_word_it_labels_is_no_sentence(label: str) -> None:
    text = f"The level of {label} A rose again."
    assert _texts(text) == [text]


def test_lost_stop_openers_are_words_capitalised_only_to_open_a_sentence() -> None:
    assert COMMON_WORDS | NUMBER_WORDS | {"far"} >= LOST_STOP_OPENERS
    assert not LOST_STOP_OPENERS & {"i", "no"}


def test_opens_after_lost_stop_needs_the_opener_and_the_word_before() -> None:
    text = "the spread As for her role"
    assert opens_after_lost_stop(text, text.index("As"))
    assert not opens_after_lost_stop(text, text.index("for"))
    assert not opens_after_lost_stop("As for her role", 0)  # nothing before it
    glued = "the club £40.5mLast month"
    assert opens_after_lost_stop(glued, glued.index("Last"))
    assert not opens_after_lost_stop("his LinkedIn page", 4 + len("Linked"))


def test_a_quote_mark_before_white_space_closes_the_sentence_before_it() -> None:
    # Quotation marks out of step (a paragraph of a quotation opened anew): the
    # library ends a sentence before a closing quote; the quote stays with it.
    text = (
        'The chair, Rob Rees, said: "Every parent knows it is hard to watch a child push food '
        'around the plate. "School meals can help parents to try new foods with their '
        'children." Mumsnet founder Carrie Longton said: "Getting children to eat well is hard."'
    )
    found = _texts(text)
    assert 'School meals can help parents to try new foods with their children."' in found
    assert (
        found[-1] == 'Mumsnet founder Carrie Longton said: "Getting children to eat well is hard."'
    )


_SHORTCUT_PIECES = st.sampled_from(
    [". ", "! ", "? ", ".", "The", "He", " the", " said", "U.S.", "Mr.", '"', "’", ")",
     "\n", " ", "3", "it", "A", "Smith", "end.", "mLast"]
)  # fmt: skip


@given(st.lists(_SHORTCUT_PIECES, max_size=12).map("".join))
def test_an_inner_end_always_has_its_mark_before_the_last_character(text: str) -> None:
    # ``_inner_ends`` passes over a stretch with no mark before its last character.
    for start in range(len(text)):
        for end in range(start + 1, len(text) + 1):
            for m in _INNER_END.finditer(text, start, end):
                assert m.start() < end - 1


@given(st.lists(_SHORTCUT_PIECES, max_size=12).map("".join))
def test_no_stop_is_lost_right_after_a_mark_and_a_space(text: str) -> None:
    # ``_lost_ends`` passes over an opener after ". " without reading it.
    for start in range(len(text)):
        for pos in range(start + 2, len(text)):
            if text[pos - 1] == " " and text[pos - 2] in ".!?":
                assert not _after_lost_stop(text, pos, start)

from __future__ import annotations

from factcheck.sentences import paragraph_spans, sentence_containing, sentence_spans


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

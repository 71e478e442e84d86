"""Kept sentence spans are the spans a fresh split gives, and every reader shares them."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from factcheck import load_article
from factcheck.grounding.claims import ground_claims
from factcheck.result import Claim
from factcheck.sentences import clear_sentence_cache, sentence_containing, sentence_spans

REPO = Path(__file__).resolve().parents[2]
SHIPPED = sorted([REPO / "examples" / "article.txt", *(REPO / "evals").rglob("*.txt")])
FRANK = REPO.parent / "shared" / "data" / "frank-valid" / "articles"


def _fresh(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    clear_sentence_cache()
    return sentence_spans(text, start, end)


def _texts() -> list[str]:
    texts = [path.read_text(encoding="utf-8") for path in SHIPPED]
    if FRANK.is_dir():
        texts += [p.read_text(encoding="utf-8") for p in sorted(FRANK.glob("*.txt"))]
    return texts


def test_kept_spans_equal_a_fresh_split_on_every_article() -> None:
    texts = _texts()
    assert len(texts) >= 2
    for text in texts:
        body = load_article(text).body
        fresh = _fresh(body)
        assert sentence_spans(body) == fresh  # answered from the kept spans
        assert sentence_spans(body) == fresh
        # A stretch of the text is its own entry, not the whole text's spans.
        half = len(body) // 2
        assert sentence_spans(body, half) == _fresh(body, half)
        assert sentence_spans(body, 0, half) == _fresh(body, 0, half)


def test_a_caller_changing_its_list_changes_no_later_answer() -> None:
    text = "One sentence here. Another one there.\nA third line."
    first = _fresh(text)
    first.clear()
    again = sentence_spans(text)
    assert [text[s:e] for s, e in again] == [
        "One sentence here.",
        "Another one there.",
        "A third line.",
    ]


def test_equal_texts_that_are_different_objects_get_equal_spans() -> None:
    text = "Dr. Lee spoke. The U.S. Senate listened.\nDone."
    copy = "".join(list(text))
    assert copy is not text
    assert sentence_spans(copy) == _fresh(text)


@pytest.mark.parametrize("path", SHIPPED[:3], ids=lambda p: p.name)
def test_evidence_sentences_are_the_body_sentences(path: Path) -> None:
    article = load_article(path)
    body = article.body
    sentences = _fresh(body)
    # Quotes taken from the middle of sentences: their evidence widens to the
    # whole sentence, exactly as the body's one split draws it.
    long = [(s, e) for s, e in sentences[::3] if e - s > 60]
    quotes = [body[s + (e - s) // 3 : s + 2 * (e - s) // 3] for s, e in long]
    assert quotes
    claims = [Claim(text=q, quote=q) for q in quotes]
    for grounded in ground_claims(body, claims):
        evidence = grounded.evidence
        assert evidence is not None
        first = sentence_containing(sentences, evidence.start)
        last = sentence_containing(sentences, evidence.end - 1)
        assert first is not None and last is not None
        assert evidence.sentence_start == sentences[first][0]
        assert evidence.sentence_end == sentences[last][1]


def test_a_stretch_between_white_space_splits_as_the_same_text_alone() -> None:
    # The kept spans of a stretch also answer for the stretch as a string of
    # its own; that holds only if the split never reads past white space.
    checked = 0
    for original in _texts():
        article = load_article(original)
        text = article.text
        cuts = [article.body_start, article.body_end]
        spaces = [i for i, c in enumerate(text) if c.isspace()]
        cuts += [i + 1 for i in spaces[:: max(1, len(spaces) // 6)]]  # after a space
        cuts += spaces[len(spaces) // 7 :: max(1, len(spaces) // 5)]  # at a space
        cuts = sorted(set(cuts))
        for a, b in itertools.pairwise(cuts):
            within = _fresh(text, a, b)
            alone = _fresh(text[a:b])
            assert [(s - a, e - a) for s, e in within] == alone, (a, b)
            checked += 1
    assert checked > 100


def test_the_body_split_inside_the_text_serves_the_body() -> None:
    text = (REPO / "examples" / "article.txt").read_text(encoding="utf-8")
    article = load_article(text)
    body = article.body
    assert body == article.raw_body  # no furniture blanked in this one
    clear_sentence_cache()
    inside = sentence_spans(article.text, article.body_start, article.body_end)
    # The body as a string of its own (another object) gets the same spans.
    kept = sentence_spans("".join(list(body)))
    assert kept == [(s - article.body_start, e - article.body_start) for s, e in inside]
    assert kept == _fresh(body)


@pytest.mark.parametrize(("start", "end"), [(0, 10_000), (5, 500), (-12, None), (0, -3)])
def test_a_range_is_read_as_a_slice_reads_it(start: int, end: int | None) -> None:
    text = "The vote was held. It passed easily. Turnout was low."
    lo, hi, _ = slice(start, end).indices(len(text))
    assert sentence_spans(text, start, end) == sentence_spans(text[:hi], lo)

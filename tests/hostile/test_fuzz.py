"""Arbitrary input never crashes ingest, chunking, grounding or number handling.

The only exceptions allowed are the documented typed ones (the InputError
family for unusable articles); everything returned keeps its invariants.
"""

from __future__ import annotations

import json
import math

import jsonschema
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from factcheck import Article, EmptyArticleError, InputError, NotTextError, check, load_article
from factcheck.chunker import chunk_text
from factcheck.facts.numbers import normalise_number_words, parse_number_words
from factcheck.facts.quantities import find_quantities
from factcheck.grounding import verify_text
from factcheck.grounding.claims import ground_claims
from factcheck.grounding.compare import FactSet, missing_facts
from factcheck.grounding.summary import check_summary
from factcheck.result import STATUSES, Claim
from factcheck.schemas import result_schema
from factcheck.tokens import resolve_encoding

ENCODING = resolve_encoding(None)

_CONTROL = st.characters(min_codepoint=0, max_codepoint=0x1F) | st.sampled_from(
    ["\x7f", "\x85", "\u2028", "\u2029", "\ufeff", "\u200b", "\u202e", "\ufffd"]
)
_BLANK_LINES = st.text(alphabet=" \t\r\n\x0b\x0c\u00a0\u2028\u2029\u3000", max_size=80)
_HUGE = st.one_of(
    st.integers(min_value=10**15, max_value=10**400).map(str),
    st.integers(min_value=10**6, max_value=10**40).map(lambda n: f"{n:,}"),
    st.sampled_from(["1e308", "1e309", "9" * 320 + ".5", "0." + "0" * 400 + "1", "NaN", "inf"]),
    st.sampled_from(["a trillion trillion", "ninety-nine quintillion", "half a billion"]),
)
_WORDS = st.sampled_from(
    [
        "The", "council", "voted", "on", "Tuesday", "million", "euros", "percent", "said",
        "Mayor", "Zoë", "Okafor", "©", "2026", "All rights reserved.", "Back to top",
        "https://example.org/x", "By", "Staff", ".", ",", "“", "”", "\n", "\n\n", "–",
    ]
)  # fmt: skip
_ARTICLE_LIKE = st.lists(st.one_of(_WORDS, _HUGE, _CONTROL, st.text(max_size=6)), max_size=80).map(
    " ".join
)
TEXT = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=_CONTROL, max_size=60),
    _BLANK_LINES,
    _ARTICLE_LIKE,
)


def _article_or_input_error(source: str | bytes) -> Article | None:
    try:
        return load_article(source)
    except InputError:
        return None


@settings(max_examples=150, deadline=None)
@given(TEXT)
def test_ingest_returns_a_consistent_article_or_an_input_error(text: str) -> None:
    article = _article_or_input_error(text)
    if article is None:
        return
    body = article.body
    assert body and body.strip()
    # Furniture is blanked in place: the body keeps the length of the text it covers.
    assert article.raw_body == article.text[article.body_start : article.body_end]
    assert len(body) == len(article.raw_body)
    for start, end in ((0, len(body)), (0, 0), (len(body) // 2, len(body))):
        o_start, o_end = article.body_span_to_original(start, end)
        assert 0 <= o_start <= o_end <= len(article.original)
    for block in article.trailer:
        assert article.text[block.start : block.end] == block.text


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=300))
def test_ingest_of_arbitrary_bytes(data: bytes) -> None:
    article = _article_or_input_error(data)
    assert article is None or article.body.strip()


@settings(max_examples=100, deadline=None)
@given(TEXT, st.integers(min_value=16, max_value=120), st.integers(min_value=0, max_value=2))
def test_chunks_fit_the_budget_and_cover_the_text(text: str, budget: int, overlap: int) -> None:
    sections = chunk_text(text, budget, overlap_sentences=overlap, encoding=ENCODING)
    covered = [False] * len(text)
    for section in sections:
        assert text[section.start : section.end] == section.text
        assert section.tokens == len(ENCODING.encode_ordinary(section.text))
        assert section.tokens <= budget
        for i in range(section.start, section.end):
            covered[i] = True
    assert all(covered[i] for i, ch in enumerate(text) if not ch.isspace())


@st.composite
def body_and_claims(draw: st.DrawFn) -> tuple[str, list[Claim]]:
    body = draw(TEXT.filter(lambda t: t.strip() != ""))
    claims = []
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        if draw(st.booleans()):
            start = draw(st.integers(min_value=0, max_value=len(body)))
            end = draw(st.integers(min_value=start, max_value=len(body)))
            quote = body[start:end]
        else:
            quote = draw(TEXT)
        claims.append(Claim(text=draw(TEXT), quote=quote))
    return body, claims


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body_and_claims())
def test_grounding_keeps_every_claim_and_exact_spans(case: tuple[str, list[Claim]]) -> None:
    body, claims = case
    grounded = ground_claims(body, claims, to_original=lambda s, e: (s, e))
    assert len(grounded) == len(claims)  # nothing is silently dropped
    for claim in grounded:
        assert claim.status in STATUSES
        if claim.status == "unsupported":
            continue
        evidence = claim.evidence
        assert evidence is not None
        assert 0 <= evidence.start <= evidence.end <= len(body)
        assert body[evidence.start : evidence.end] == evidence.text
        assert math.isfinite(evidence.score)


@settings(max_examples=150, deadline=None)
@given(TEXT.filter(lambda t: t.strip() != ""), TEXT)
def test_summary_checks_index_into_the_summary(body: str, summary: str) -> None:
    for sentence in check_summary(body, summary):
        assert sentence.status in STATUSES
        assert summary[sentence.start : sentence.end] == sentence.text
    try:
        report = verify_text(body, [summary, "", summary[:10]])  # ingests body as an article
    except InputError:
        return
    assert len(report.checks) == 3


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(_HUGE, _WORDS, st.text(max_size=4)), max_size=20).map(" ".join))
def test_number_handling_survives_huge_and_odd_numbers(text: str) -> None:
    assert isinstance(normalise_number_words(text), str)
    for pos in range(0, len(text), max(1, len(text) // 8)):
        parse_number_words(text, pos)
    for quantity in find_quantities(text):
        assert text[quantity.start : quantity.end] == quantity.text
        assert not math.isnan(quantity.value)
    for problem in missing_facts(FactSet(text), FactSet(text[: len(text) // 2])):
        assert problem.text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_the_offline_check_returns_a_valid_result_or_an_input_error(text: str) -> None:
    try:
        result = check(text)
    except InputError:
        assume(False)
        return
    data = result.to_dict()
    jsonschema.validate(data, result_schema())
    json.dumps(data, allow_nan=False)  # strict JSON: no NaN or Infinity anywhere


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("", EmptyArticleError),
        ("\n\n\n", EmptyArticleError),
        (" \t\r\n\u2028\u2029\u3000", EmptyArticleError),
        ("\ufeff\n\n", EmptyArticleError),
        ("\x00", NotTextError),
        ("Harbour fees rose.\x00", NotTextError),
    ],
)
def test_empty_or_binary_input_is_a_typed_error(text: str, error: type[InputError]) -> None:
    with pytest.raises(error):
        check(text)


@pytest.mark.parametrize("text", ["© 2026 All rights reserved.", "Back to top"])
def test_boilerplate_alone_is_kept_as_the_body_rather_than_lost(text: str) -> None:
    # With nothing else to read, the lone line is the article: never an empty body.
    result = check(text)
    assert result.body == text

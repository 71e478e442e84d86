"""Work done once and reused: span facts, claim facts, evidence, the normalised body."""

from __future__ import annotations

import dataclasses
import functools
import threading

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck import Article, Claim
from factcheck.grounding import normalise as normalise_module
from factcheck.grounding.claims import ground_claims
from factcheck.grounding.locate import BodyIndex
from factcheck.grounding.normalise import normalise
from factcheck.grounding.overlap import SentenceIndex
from factcheck.grounding.recent import Recent


def test_recent_keeps_the_newest_values() -> None:
    made: list[str] = []
    recent: Recent[str, str] = Recent(2)

    def make(key: str) -> str:
        made.append(key)
        return key.upper()

    def get(key: str) -> str:
        return recent.get(key, lambda: make(key))

    assert [get("a"), get("b"), get("a")] == ["A", "B", "A"]
    assert made == ["a", "b"]
    get("c")  # drops "a", the oldest made
    assert len(recent) == 2
    get("b")
    get("a")
    assert made == ["a", "b", "c", "a"]


def test_span_facts_are_extracted_once(harbour: Article) -> None:
    index = BodyIndex(harbour.body)
    first = index.facts(0, 120)
    assert index.facts(0, 120) is first
    assert first.text == harbour.body[:120]
    assert index.facts(0, 121) is not first


def test_evidence_that_needs_no_change_is_not_copied(harbour: Article) -> None:
    quote = "Some 1,200 people work at the port"
    (located,) = ground_claims(
        harbour.body,
        [Claim(text="Some 1,200 people work at the port.", quote=quote)],
        to_original=harbour.body_span_to_original,
    )
    assert located.status == "supported"
    assert located.evidence is not None
    again = dataclasses.replace(located, status="unsupported", problems=("not grounded",))
    (regrounded,) = ground_claims(harbour.body, [again], to_original=harbour.body_span_to_original)
    assert regrounded.evidence is located.evidence
    assert regrounded.status == "supported"


def test_claims_sharing_a_sentence_agree(harbour: Article) -> None:
    quote = "Some 1,200 people work at the port"
    claims = [
        Claim(text="Some 1,200 people work at the port.", quote=quote),
        Claim(text="Some 12,000 people work at the port.", quote=quote),
        Claim(text="Some 1,200 people work at the port.", quote=quote),
    ]
    first, wrong, repeat = ground_claims(harbour.body, claims)
    assert first == repeat
    assert first.status == "supported"
    assert wrong.problems == ("number Some 12,000 not in evidence",)


def test_a_claim_that_is_its_sentence_is_supported(harbour: Article) -> None:
    sentence = (
        "Transport Minister Ivan Petrović’s office said last week that the government would "
        "cover 40 per cent of the cost, or roughly €16m."
    )
    (grounded,) = ground_claims(harbour.body, [Claim(text=sentence, quote=sentence)])
    assert grounded.status == "supported"
    assert grounded.evidence is not None
    assert (grounded.evidence.sentence_start, grounded.evidence.sentence_end) == (
        grounded.evidence.start,
        grounded.evidence.end,
    )


def test_a_long_body_is_normalised_in_pieces_like_a_short_one() -> None:
    block = "Port Kelby \u2014 the  harbour\u2019s \u201cplan\u201d\u2026 ΑΣ \u20ac40m\n\nZoë said "
    count = (1 << 20) // len(block) + 50  # more than one piece
    text = block * count
    norm = normalise(text)
    one = normalise(block)
    assert norm.text == one.text * count
    # A span found in the last copy maps back to the last copy in the source.
    where = norm.text.rindex("harbour's")
    start, end = norm.source_span(where, where + len("harbour's"))
    assert text[start:end] == "harbour\u2019s"
    assert start > len(text) - len(block)
    assert norm.norm_position(start) == where


_PIECES = st.sampled_from(
    ["a", "b", "ab", "Σ", "ΑΣ", "σ", " ", "  ", "\n", "\t", "\u2014", "-", " - ", "\u2026",
     "\u200b", "\u2019", "\u201c", "\u0130", "x", "Ab", "\u00a0"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_any_piece_size_gives_the_same_normal_form(text: str) -> None:
    whole = normalise(text)
    default = normalise_module._PIECE
    try:
        normalise_module._PIECE = 2
        pieces = normalise(text)
    finally:
        normalise_module._PIECE = default
    assert pieces.text == whole.text
    for start in range(len(whole.text)):
        for end in range(start, len(whole.text) + 1):
            assert pieces.source_span(start, end) == whole.source_span(start, end)
    for pos in range(len(text) + 1):
        assert pieces.norm_position(pos) == whole.norm_position(pos)


def test_sentence_index_works_out_a_sentence_s_words_when_asked() -> None:
    texts = ["Putin’s troops crossed the border.", "", "Troops crossing borders said nothing."]
    index = SentenceIndex(texts)
    assert index.words(0) == {"putin", "troop", "cross", "border"}
    assert index.words(1) == set()
    assert index.coverage({"putin", "troop"}, [2]) == 0.5
    assert index.coverage({"putin", "troop"}, [0, 1, 2, 7]) == 1.0
    assert [i for i, _ in index.ranked({"putin", "border"}, limit=5)] == [0, 2]
    assert index.containing({"border"}, limit=5) == [0, 2]


def test_recent_is_safe_to_share_between_threads() -> None:
    # Many threads asking for overlapping keys of a tiny memo force evictions
    # while others read; every answer must still be the value made for its key.
    recent: Recent[int, str] = Recent(3)
    failures: list[BaseException] = []
    wrong: list[tuple[int, str]] = []

    def work(offset: int) -> None:
        try:
            for step in range(2_000):
                key = (step * 7 + offset) % 11
                value = recent.get(key, functools.partial(str.format, "v{}", key))
                if value != f"v{key}":
                    wrong.append((key, value))
        except Exception as error:  # the test reports any failure
            failures.append(error)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert wrong == []
    assert len(recent) <= 3


def test_recent_keeps_the_first_value_made_for_a_key() -> None:
    recent: Recent[str, list[str]] = Recent(2)
    first = recent.get("a", lambda: ["first"])
    assert recent.get("a", lambda: ["second"]) is first

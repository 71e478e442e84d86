"""Fixtures for the offline engine tests: an engine and a checked extraction."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from factcheck.offline.drafting import opens_on_loose_pronoun
from factcheck.offline.engine import OfflineEngine, OfflineOutput
from factcheck.offline.lexicon import DANGLING_ENDS, TOKEN
from factcheck.result import Claim

Extract = Callable[[str], OfflineOutput]

_POSSESSIVE_END = re.compile(r"(?:['’]s|['’])$")
_SUMMARY_PRONOUNS = frozenset("he she it they its his her their this these those".split())


def _base(word: str) -> str:
    return _POSSESSIVE_END.sub("", word.lower())


def unsupported_words(body: str, claim: Claim) -> list[str]:
    """Words of the claim text that its quote does not support.

    A word is supported when the quote holds it, when the evidence window (the
    sentences the claim's evidence spans) holds it, or, for a capitalised name
    word, when the body wrote it before the quote ("Arjun Mehta" for "He").
    "said" frames a quotation whose speaker is named earlier.
    """
    ev = claim.evidence
    assert ev is not None and ev.sentence_start is not None and ev.sentence_end is not None
    quoted = {_base(w) for w in TOKEN.findall(claim.quote)}
    window = {_base(w) for w in TOKEN.findall(body, ev.sentence_start, ev.sentence_end)}
    extra: list[str] = []
    for word in TOKEN.findall(claim.text):
        base = _base(word)
        if base in quoted or base in window or base == "said":
            continue
        if word[0].isupper() and re.search(rf"\b{re.escape(_base(word))}", body[: ev.end], re.I):
            continue
        extra.append(word)
    return extra


def check_text_follows_quote(body: str, claim: Claim) -> None:
    """The claim text is its quote with at most a few leading words replaced."""
    assert unsupported_words(body, claim) == [], (claim.text, claim.quote)
    quote = [w.lower() for w in TOKEN.findall(claim.quote)]
    text = [w.lower() for w in TOKEN.findall(claim.text)]
    assert any(
        text[len(text) - (len(quote) - skip) :] == quote[skip:]
        for skip in range(min(4, len(quote)))
    ), (claim.text, claim.quote)
    if claim.quote.rstrip()[-1] not in ".!?”’\"')":
        # A clause cut out of a sentence never ends on a word that needs more.
        assert text[-1] not in DANGLING_ENDS, claim.text


def check_invariants(body: str, out: OfflineOutput) -> None:
    """What must hold for any body: verbatim quotes at their spans, a body-only summary,
    claim texts that say nothing their quotes do not, a summary with no loose pronoun."""
    for claim in out.claims:
        check_text_follows_quote(body, claim)
        ev = claim.evidence
        assert ev is not None
        assert body[ev.start : ev.end] == claim.quote == ev.text
        assert ev.method == "exact"
        assert ev.score == 100.0
        assert ev.sentence_start is not None
        assert ev.sentence_end is not None
        assert ev.sentence_start <= ev.start <= ev.end <= ev.sentence_end
        assert claim.text.strip()
        assert claim.quote.strip()
        assert claim.stance in ("asserted", "hedged", "denied")
        assert claim.status == "unsupported"
        assert claim.problems == ("not grounded",)
        if opens_on_loose_pronoun(claim.text):
            # Only a quotation whose speaker the claim names may open on "I" or "We".
            assert claim.speaker is not None and claim.speaker in claim.text, claim.text
    for start, end in out.summary_spans:
        assert body[start:end] in out.summary
        first = TOKEN.search(body, start, end)
        if len(out.summary_spans) > 1 and first is not None:
            assert first.group().lower() not in _SUMMARY_PRONOUNS, body[start:end]
            assert not first.group()[0].islower(), body[start:end]
    assert out.summary == " ".join(body[s:e] for s, e in out.summary_spans)
    assert out.summary_spans == sorted(out.summary_spans)


@pytest.fixture
def invariants() -> Callable[[str, OfflineOutput], None]:
    """``check_invariants`` for test modules (conftest is not importable under importlib)."""
    return check_invariants


@pytest.fixture
def extract() -> Extract:
    engine = OfflineEngine()

    def run(body: str) -> OfflineOutput:
        out = engine.extract_text(body)
        check_invariants(body, out)
        return out

    return run


def claims_with(out: OfflineOutput, *words: str) -> list[Claim]:
    """The claims whose text contains every one of ``words``."""
    return [c for c in out.claims if all(w in c.text for w in words)]


@pytest.fixture
def find() -> Callable[..., Claim]:
    """The single claim whose text contains all the given words (fails otherwise)."""

    def one(out: OfflineOutput, *words: str) -> Claim:
        found = claims_with(out, *words)
        texts = [c.text for c in out.claims]
        assert len(found) == 1, f"{len(found)} claims with {words}: {texts}"
        return found[0]

    return one

"""Fixtures for the offline engine tests: an engine and a checked extraction."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from factcheck.offline import OfflineEngine, OfflineOutput
from factcheck.result import Claim

Extract = Callable[[str], OfflineOutput]


def check_invariants(body: str, out: OfflineOutput) -> None:
    """What must hold for any body: verbatim quotes at their spans, a body-only summary."""
    for claim in out.claims:
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
    for start, end in out.summary_spans:
        assert body[start:end] in out.summary
    assert out.summary == " ".join(body[s:e] for s, e in out.summary_spans)
    assert out.summary_spans == sorted(out.summary_spans)


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

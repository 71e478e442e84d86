"""Every offline claim passes the project's own grounding check, or is left out and counted."""

from __future__ import annotations

from collections.abc import Callable

from factcheck.grounding.claims import ground_claims
from factcheck.offline.engine import OfflineOutput, _passing_own_check
from factcheck.result import Claim, Evidence

Extract = Callable[[str], OfflineOutput]

BODY = "The Tessel ferry carried 9,000 passengers in 2023. It was built in 1988 in Norby."


def _claim(text: str, quote: str) -> Claim:
    start = BODY.index(quote)
    end = start + len(quote)
    sentence_end = BODY.index(".", start) + 1
    evidence = Evidence(
        start=start,
        end=end,
        text=quote,
        method="exact",
        score=100.0,
        sentence_start=start,
        sentence_end=sentence_end,
    )
    return Claim(text=text, quote=quote, evidence=evidence)


def test_a_claim_that_says_more_than_its_evidence_is_left_out() -> None:
    good = _claim("The Tessel ferry carried 9,000 passengers in 2023.", BODY[: BODY.index(" It")])
    # A figure the evidence does not hold: grounding makes it partial.
    wrong = _claim("The Tessel ferry carried 19,000 passengers in 2023.", good.quote)
    notes: list[str] = []
    assert _passing_own_check(BODY, [good, wrong], notes) == [good]
    assert notes == ["offline engine: left out 1 claim(s) that failed their own grounding check"]


def test_every_claim_of_the_engine_is_supported(extract: Extract) -> None:
    body = (
        "Dr. B.B. Okoro, 61, opened the Tessel clinic in 1998. The clinic treated 4,200 "
        "patients in 2023, the council said. It plans to hire 12 nurses by March."
    )
    out = extract(body)
    assert out.claims
    for claim in ground_claims(body, out.claims):
        assert claim.status == "supported", (claim.text, claim.problems)

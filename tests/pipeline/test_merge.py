"""Folding the claims that overlapping sections produced twice, and nothing else."""

from __future__ import annotations

from rapidfuzz import fuzz

from factcheck.merge import NEAR_IDENTICAL, merge_claims
from factcheck.result import Claim, Evidence, Status


def claim(
    text: str, section: int, span: tuple[int, int] | None = None, status: Status = "supported"
) -> Claim:
    evidence = None if span is None else Evidence(span[0], span[1], text, "exact", 100.0)
    return Claim(text=text, quote=text, section=section, status=status, evidence=evidence)


def test_the_same_evidence_from_two_sections_is_one_claim() -> None:
    first = claim("Crews worked 8 shifts.", 0, (10, 32), status="partial")
    second = claim("The crews worked 8 shifts that week.", 1, (10, 32))
    assert merge_claims([first, second]) == [second]  # the better-grounded one stays


def test_a_reworded_claim_in_the_next_section_is_folded() -> None:
    first = claim("Inspectors counted 1,000 containers on pier 3, the authority said.", 0)
    second = claim("Inspectors counted 1000 containers on pier 3, the authority said", 1)
    assert merge_claims([first, second]) == [first]


def test_alike_wording_with_other_numbers_is_two_claims() -> None:
    first = claim("Inspectors counted 1000 containers on pier 3, the port authority said.", 0)
    second = claim("Inspectors counted 1444 containers on pier 3, the port authority said.", 1)
    # Built to fool a text-only comparison: the wording is near-identical.
    assert fuzz.token_sort_ratio(first.text, second.text) >= NEAR_IDENTICAL
    assert merge_claims([first, second]) == [first, second]


def test_alike_wording_with_another_date_is_two_claims() -> None:
    first = claim("The council met on 3 May 2026 to vote on the bridge.", 0)
    second = claim("The council met on 4 May 2026 to vote on the bridge.", 1)
    assert fuzz.token_sort_ratio(first.text, second.text) >= NEAR_IDENTICAL
    assert merge_claims([first, second]) == [first, second]


def test_claims_within_one_section_all_stay() -> None:
    first = claim("Inspectors counted 1,000 containers on pier 3.", 0)
    second = claim("Inspectors counted 1,000 containers on pier 3!", 0)
    assert merge_claims([first, second]) == [first, second]


def test_only_neighbouring_sections_are_compared() -> None:
    first = claim("Inspectors counted 1,000 containers on pier 3.", 0)
    far = claim("Inspectors counted 1,000 containers on pier 3.", 2)
    assert merge_claims([first, far]) == [first, far]

"""Rules first: every verdict against every offline status, entry by entry."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from factcheck.judge.combine import (
    SEVERITY,
    VERDICT_PROBLEM,
    VERDICT_STATUS,
    apply_verdict,
    combined_status,
)
from factcheck.judge.verdicts import VERDICTS, JudgeVerdict
from factcheck.result import Claim, SentenceCheck, Status

# (offline status, verdict) -> combined status, written out by hand.
TABLE: dict[tuple[Status, str], Status] = {
    ("supported", "supported"): "supported",
    ("supported", "not_in_source"): "unsupported",
    ("supported", "contradicted"): "contradicted",
    ("partial", "supported"): "partial",  # a missing number is never overruled
    ("partial", "not_in_source"): "unsupported",
    ("partial", "contradicted"): "contradicted",
    ("unsupported", "supported"): "unsupported",
    ("unsupported", "not_in_source"): "unsupported",
    ("unsupported", "contradicted"): "contradicted",
    ("contradicted", "supported"): "contradicted",
    ("contradicted", "not_in_source"): "contradicted",
    ("contradicted", "contradicted"): "contradicted",
}


def test_the_table_covers_every_status_and_verdict() -> None:
    assert set(TABLE) == {(s, v) for s in SEVERITY for v in VERDICTS}


@pytest.mark.parametrize(("rules", "verdict"), list(TABLE))
def test_combined_status(rules: Status, verdict: str) -> None:
    assert combined_status(rules, verdict) == TABLE[(rules, verdict)]  # type: ignore[arg-type]


def test_lookup_tables_entry_by_entry() -> None:
    assert SEVERITY == {"supported": 0, "partial": 1, "unsupported": 2, "contradicted": 3}
    assert VERDICT_STATUS == {
        "supported": "supported",
        "not_in_source": "unsupported",
        "contradicted": "contradicted",
    }
    assert VERDICT_PROBLEM["supported"] == ""
    assert VERDICT_PROBLEM["not_in_source"] == "the judge found it is not in the article"
    assert VERDICT_PROBLEM["contradicted"] == "the judge found it contradicted by the article"


def test_a_status_the_combiner_does_not_know_is_never_raised() -> None:
    # A status added to the rules later ranks as worst, so "supported" cannot lift it.
    unknown: Any = "disputed"
    assert combined_status(unknown, "supported") == unknown
    assert combined_status(unknown, "contradicted") == unknown


def test_apply_keeps_both_verdicts_and_names_the_downgrade() -> None:
    claim = Claim("Lee shot Roe.", "Roe shot Lee", status="supported", problems=())
    verdict = JudgeVerdict("contradicted", "Roe shot Lee, not the reverse.")
    judged = apply_verdict(claim, verdict)
    assert judged.status == "contradicted"
    assert judged.rules_status == "supported"
    assert judged.judge is verdict
    assert judged.problems == (
        "the judge found it contradicted by the article: Roe shot Lee, not the reverse.",
    )
    data = judged.to_dict()
    assert data["judge"] == {
        "verdict": "contradicted",
        "reason": "Roe shot Lee, not the reverse.",
        "evidence": [],
    }
    assert data["rules_status"] == "supported"


def test_a_supported_verdict_adds_no_problem_and_keeps_offline_problems() -> None:
    check = SentenceCheck("It cost 5 million.", 0, 18, "partial", ("number 5 not in evidence",))
    judged = apply_verdict(check, JudgeVerdict("supported", "Sentence 1 says so."))
    assert judged.status == "partial"
    assert judged.problems == ("number 5 not in evidence",)
    assert judged.to_dict()["rules_status"] == "partial"


def test_judging_again_combines_with_the_rules_not_the_last_verdict() -> None:
    check = SentenceCheck("A.", 0, 2, "supported")
    once = apply_verdict(check, JudgeVerdict("not_in_source", ""))
    twice = apply_verdict(once, JudgeVerdict("supported", ""))
    assert (once.status, twice.status, twice.rules_status) == (
        "unsupported",
        "supported",
        "supported",
    )
    # No reason given: the problem is the bare verdict.
    assert once.problems == ("the judge found it is not in the article",)


def test_unjudged_items_say_so_in_json() -> None:
    claim = dataclasses.replace(Claim("x", "x"), status="partial")
    assert claim.to_dict()["judge"] is None
    assert claim.to_dict()["rules_status"] == "partial"

"""The support check on hand-made cases, including ones built to fool it."""

from __future__ import annotations

import pytest

from factcheck.grounding import verify_text
from factcheck.grounding.claims import ground_claims
from factcheck.grounding.polarity import NEGATORS, OPPOSITES, flips, has_opposite, stem
from factcheck.grounding.tokenised import BRACKETS, is_caseless, readable, recase, sentences
from factcheck.result import Claim

BODY = (
    "The Portville council approved the harbour plan on Tuesday by six votes to three.\n\n"
    "Ruth Okafor, the council's treasurer, said the wall would cost an estimated "
    "€48 million. Two people were treated in hospital for hypothermia."
)


def status(claim: str) -> str:
    (check,) = verify_text(BODY, [claim]).checks
    return check.status


def test_a_faithful_claim_is_supported() -> None:
    assert status("The Portville council approved the harbour plan.") == "supported"


@pytest.mark.parametrize(
    "claim",
    [
        "The Portville council rejected the harbour plan.",
        "The Portville council did not approve the harbour plan.",
        "The Portville council unanimously approved the harbour plan.",
        "Ruth Okafor said the wall would cost €50 million.",
    ],
)
def test_flips_and_other_figures_are_contradicted(claim: str) -> None:
    assert status(claim) == "contradicted"


def test_an_approximation_the_claim_states_is_accepted() -> None:
    assert status("Ruth Okafor said the wall would cost about €50 million.") == "supported"


def test_content_the_evidence_lacks_is_not_supported() -> None:
    assert status("Two people died of hypothermia.") != "supported"


@pytest.mark.parametrize("quote", ["Okafor", "a", "."])
def test_a_trivial_quote_is_no_evidence(quote: str) -> None:
    (grounded,) = ground_claims(BODY, [Claim(text="Ruth Okafor was arrested.", quote=quote)])
    assert grounded.status == "unsupported"


def test_problems_name_the_part_and_the_span() -> None:
    (check,) = verify_text(BODY, ["The Portville council rejected the harbour plan."]).checks
    (finding,) = [f for f in check.findings if f.kind == "polarity"]
    assert finding.kind == "polarity" and finding.contradicts
    assert "rejected" in finding.part and "approved" in finding.part
    (span,) = finding.spans
    assert BODY[span[0] : span[1]].startswith("The Portville council approved")
    assert check.evidence_spans == finding.spans


def test_a_tokenised_lower_case_summary_is_split_and_read() -> None:
    summary = "ruth okafor -lrb- treasurer -rrb- said the wall would cost # 48 million . two people were treated in hospital ."  # noqa: E501
    assert is_caseless(summary)
    assert len(sentences(summary)) == 2
    assert readable("ruth okafor 's wall -lrb- big -rrb- , he said") == (
        "ruth okafor's wall (big), he said"
    )
    assert recase("ruth okafor said", frozenset({"okafor", "ruth"})) == "Ruth Okafor said"
    assert "UNK" not in readable("UNK UNK wed 10 men")


def test_negation_governs_the_next_word_that_says_something() -> None:
    assert flips("No one was injured.", "No one was injured in the blast.") == []
    assert [f.said for f in flips("Two were injured.", "No one was injured.")] == ["injured"]
    assert flips("The team did not win.", "The team lost the final.") == []
    assert flips("only 44 per cent", "no more than 44 per cent") == []


@pytest.mark.parametrize("pair", range(len(OPPOSITES)))
def test_every_opposite_pair_flips_both_ways(pair: int) -> None:
    plus, minus = OPPOSITES[pair]
    for a in sorted(plus):
        assert has_opposite(a)
    for b in sorted(minus):
        assert has_opposite(b)
    a, b = sorted(plus)[0], sorted(minus)[0]
    assert flips(f"x {a} y", f"x {b} y"), (a, b)
    assert flips(f"x {b} y", f"x {a} y"), (b, a)


def test_stem_joins_inflections_only() -> None:
    assert stem("approved") == stem("approves") == "approv"
    assert stem("class") == "class"


@pytest.mark.parametrize("token", sorted(BRACKETS))
def test_every_bracket_token_is_read_as_its_bracket(token: str) -> None:
    bracket = BRACKETS[token]
    expected = f"a {bracket}b" if bracket in "([{" else f"a{bracket} b"
    assert readable(f"a {token} b") == expected


@pytest.mark.parametrize("negator", sorted(NEGATORS))
def test_every_negator_negates_the_word_after_it(negator: str) -> None:
    assert flips(f"they {negator} approved it", "they approved it"), negator


def test_a_lower_case_month_beside_a_day_is_a_date() -> None:
    assert readable("the vote was on march 3 .") == "the vote was on March 3."
    assert readable("she may go .") == "she may go."


def test_unk_is_never_a_name() -> None:
    (check,) = verify_text(BODY, "UNK approved the harbour plan .").checks
    assert not any(f.kind == "name" for f in check.findings)


def test_a_caseless_summary_gets_its_names_from_the_article() -> None:
    checks = verify_text(
        BODY, "ruth okafor said the wall would cost an estimated € 48 million . bob smith agreed ."
    ).checks
    assert checks[0].status == "supported"
    assert checks[1].status != "supported"  # Bob Smith is nowhere in the article
    assert checks[0].text == "ruth okafor said the wall would cost an estimated € 48 million ."


def test_a_claim_from_another_article_has_no_evidence() -> None:
    (check,) = verify_text(BODY, ["The striker scored twice in the cup final at Wembley."]).checks
    assert check.status == "unsupported"
    assert check.evidence_spans == ()


def test_roles_reversed_are_contradicted() -> None:
    body = "Arsenal beat Chelsea 2-0 on Sunday in a tense derby at the Emirates."
    (check,) = verify_text(body, ["Chelsea beat Arsenal 2-0 on Sunday."]).checks
    assert check.status == "contradicted"
    assert any(f.kind == "role" for f in check.findings)
    (same,) = verify_text(body, ["Arsenal beat Chelsea 2-0 on Sunday."]).checks
    assert same.status == "supported"
    (passive,) = verify_text(body, ["Chelsea were beaten by Arsenal on Sunday."]).checks
    assert passive.status != "contradicted"


def test_a_name_put_where_the_evidence_has_another_is_contradicted() -> None:
    body = "Wright, who had seven seasons at Arsenal, will hand over McCoy's trophy on Saturday."
    (check,) = verify_text(body, ["McCoy had seven seasons at Arsenal."]).checks
    assert check.status == "contradicted"
    assert check.problems == ("McCoy: the evidence says this of Wright",)
    (right,) = verify_text(body, ["Wright had seven seasons at Arsenal."]).checks
    assert right.status == "supported"


def test_the_words_around_a_name_stop_at_the_end_of_its_sentence() -> None:
    body = "Okafor, 44, leads a group in France.\n\nHer team sequenced 1,140 coral genomes."
    (check,) = verify_text(body, ["Okafor's team sequenced 1,140 coral genomes."]).checks
    assert check.status != "contradicted"
    assert not any("France" in p for p in check.problems)

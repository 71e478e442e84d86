"""Claim texts that say what their quotes say: no dangling cuts, run-ons or loose pronouns."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from factcheck.offline.clauses import split_clauses
from factcheck.offline.engine import OfflineOutput
from factcheck.offline.summary import select_summary
from factcheck.result import Claim
from factcheck.sentences import sentence_spans

Extract = Callable[[str], OfflineOutput]
Find = Callable[..., Claim]


def _clauses(text: str) -> list[str]:
    return [text[p.start : p.end] for p in split_clauses(text, 0, len(text))]


# -- 1. cuts at "after" / "before" ------------------------------------------------------


@pytest.mark.parametrize(
    "time_words",
    ["three weeks after", "shortly after", "hours after", "days before", "the day after"],
)
def test_no_cut_inside_a_time_expression(time_words: str) -> None:
    text = (
        f"The Vesta council voted 12 to 3 on Monday to repair the old pier, {time_words} "
        "a storm sank 40 fishing boats in the harbour."
    )
    assert _clauses(text) == [text.rstrip(".") + "."]


def test_the_time_expression_stays_with_its_event(extract: Extract, find: Find) -> None:
    body = (
        "The Vesta council voted 12 to 3 on Monday to repair the old pier, three weeks after "
        "a storm sank 40 fishing boats in the harbour. The repairs will cost 2 million euros."
    )
    out = extract(body)  # checks every claim text against its quote
    vote = find(out, "12 to 3")
    assert vote.text.endswith("three weeks after a storm sank 40 fishing boats in the harbour.")
    assert not any(c.text.endswith("three weeks.") for c in out.claims)


def test_a_cut_never_leaves_a_conjunction_behind() -> None:
    text = (
        "The weir was built in 1921 to feed the Brena mill and, after the mill closed in 1980, "
        "to drive a small turbine owned by Kolm Energy."
    )
    assert _clauses(text) == [text]


def test_a_participle_between_commas_is_not_a_clause() -> None:
    text = (
        "The deal, reached shortly after midnight following ten hours of talks, gives the "
        "crews a 5 percent raise."
    )
    assert _clauses(text) == [text]


def test_after_between_two_clauses_is_still_cut(extract: Extract, find: Find) -> None:
    body = (
        "The Kolm ferry stopped running on Friday, after inspectors found rust on 3 of its "
        "hull plates during a routine check."
    )
    out = extract(body)
    assert find(out, "Friday").quote == "The Kolm ferry stopped running on Friday"
    assert find(out, "hull plates").quote.startswith("inspectors found rust")


def test_a_thin_clause_before_after_is_not_cut_off() -> None:
    text = "The result held after the team removed 2,000 doubtful records from the data."
    assert _clauses(text) == [text]


def test_a_list_of_complements_does_not_borrow_the_subject(extract: Extract) -> None:
    body = (
        "The Okow tunnel has been late, over budget, criticised by the audit office, and "
        "questioned by engineers who inspected it in 2024."
    )
    out = extract(body)
    assert [c.quote for c in out.claims] == [body]


def test_an_elided_clause_is_not_cut_off(extract: Extract) -> None:
    body = (
        "The port promised to dredge the channel by 2024. "
        "It did not, and the mayor says 3 ships ran aground."
    )
    for claim in extract(body).claims:
        assert claim.quote != "It did not"
        assert not claim.text.endswith("did not.")


# -- run-on text after a full stop ---------------------------------------------------------


def test_lower_case_after_a_full_stop(extract: Extract, find: Find) -> None:
    body = (
        "The Pallin council approved a 9 million euro sea wall on Tuesday. "
        "the vote came after a four-hour debate. "
        "Work will start along the harbour. of the old town in 2027."
    )
    out = extract(body)
    wall = find(out, "sea wall")
    assert wall.quote == "The Pallin council approved a 9 million euro sea wall on Tuesday."
    # What follows stands alone: a sentence of its own.
    vote = find(out, "four-hour")
    assert vote.quote == "the vote came after a four-hour debate."
    assert vote.text == "The vote came after a four-hour debate."
    # What follows does not: a stray full stop, left in the quote, taken out of the text.
    work = find(out, "2027")
    assert work.quote == "Work will start along the harbour. of the old town in 2027."
    assert work.text == "Work will start along the harbour of the old town in 2027."


def test_abbreviations_are_not_breaks(extract: Extract, find: Find) -> None:
    body = "The ferry leaves at 6 a.m. every day and returns by 9 p.m. on weekdays."
    claim = find(extract(body), "ferry")
    assert claim.quote == body
    assert claim.text == body  # "a.m." keeps its full stops


def test_a_capital_outside_a_to_z_starts_a_new_sentence(extract: Extract, find: Find) -> None:
    body = (
        "The prize carries an award of 80,000 euros. Łukasz Żmuda, 51, leads the coral "
        "group at the Vesta institute."
    )
    out = extract(body)
    assert find(out, "80,000").quote == "The prize carries an award of 80,000 euros."
    assert find(out, "coral group").speaker is None


# -- 2. the summary never opens with a loose pronoun ----------------------------------------


def test_summary_skips_sentences_that_open_with_a_pronoun() -> None:
    body = (
        "The Norby council approved a new harbour wall for the town on Tuesday evening. "
        "He argued that the harbour wall plan had not been studied by the council. "
        "Its chair said the harbour wall would protect the town from winter storms. "
        "This wall is the cheapest protection the harbour town can buy this decade. "
        "In a letter, she wrote that the harbour wall would cost the town too much. "
        "Engineers said the harbour wall would be finished in the spring of next year."
    )
    chosen = [body[s:e] for s, e in select_summary(body, sentence_spans(body), count=3, share=1)]
    assert chosen == [
        "The Norby council approved a new harbour wall for the town on Tuesday evening.",
        "Engineers said the harbour wall would be finished in the spring of next year.",
    ]


def test_summary_skips_run_on_pieces() -> None:
    body = (
        "The Norby council approved a new harbour wall for the town on Tuesday. "
        "the harbour wall vote came after a long and heated debate in the town hall. "
        "Engineers said the harbour wall would be finished in the spring of next year."
    )
    chosen = [body[s:e] for s, e in select_summary(body, sentence_spans(body), count=3, share=1)]
    assert chosen == [
        "The Norby council approved a new harbour wall for the town on Tuesday.",
        "Engineers said the harbour wall would be finished in the spring of next year.",
    ]


# -- 3. "Its <noun>" and "The <noun>" -----------------------------------------------------------


def test_its_after_an_organisation_named_by_a_phrase(extract: Extract, find: Find) -> None:
    body = (
        "The Norby fishermen's association has denied claims that its members sold 40 tonnes "
        "of cod. Its chair, Ana Silva, said the association had sold nothing until last week."
    )
    claim = find(extract(body), "Ana Silva")
    assert claim.text == (
        "The Norby fishermen's association's chair, Ana Silva, said the association had sold "
        "nothing until last week."
    )
    assert claim.quote.startswith("Its chair, Ana Silva")
    assert claim.evidence is not None
    assert claim.evidence.sentence_start == 0  # where the association is named


def test_its_without_an_organisation_is_left_alone(extract: Extract, find: Find) -> None:
    body = (
        "A storm sank 40 fishing boats in Norby on Monday. "
        "Its chair, Ana Silva, said the association had sold nothing until last week."
    )
    claim = find(extract(body), "Ana Silva")
    assert claim.text.startswith("Its chair, Ana Silva")


def test_it_after_a_phrase_is_not_guessed(extract: Extract) -> None:
    # "It" is as often the thing the association acted on: no name is put in, and
    # a claim that would open on it is left out and reported.
    body = (
        "The Norby fishermen's association bought the old ferry in 2019. "
        "It sank in 2023 with 12 tonnes of cod on board."
    )
    out = extract(body)
    assert not [c for c in out.claims if "2023" in c.text]
    assert (
        "offline engine: left out 1 clause(s) that open on a pronoun whose antecedent "
        "is not certain" in out.notes
    )


def test_the_noun_becomes_the_organisation_in_focus(extract: Extract, find: Find) -> None:
    body = (
        "The Saren Basin Authority removed 19 weirs by 2023. "
        "The authority spent 140 million euros on the programme. "
        "Alvern Water opened a plant in 2021. "
        "The authority fined the plant 2 million euros in 2024."
    )
    out = extract(body)
    spent = find(out, "140 million")
    assert spent.text == "Saren Basin Authority spent 140 million euros on the programme."
    assert spent.quote.startswith("The authority spent")
    # "the authority" cannot be Alvern Water: left as written.
    assert find(out, "fined").text.startswith("The authority fined")


def test_a_borrowed_subject_drops_its_appositive(extract: Extract, find: Find) -> None:
    body = (
        "The town's mayor, Lejla Horvat, said she understood the anger but believed 300 new "
        "jobs would come by 2027."
    )
    claim = find(extract(body), "300 new jobs")
    assert claim.text == "Lejla Horvat believed 300 new jobs would come by 2027."


# -- more atomic claims ------------------------------------------------------------------------


def test_while_joins_two_facts(extract: Extract, find: Find) -> None:
    body = (
        "Dana Whitfield said port traffic rose 8 percent in May, while rail freight fell 3 percent."
    )
    out = extract(body)
    port = find(out, "8 percent")
    assert port.quote == "Dana Whitfield said port traffic rose 8 percent in May"
    assert port.speaker == "Dana Whitfield"
    rail = find(out, "3 percent")
    assert rail.text == "Rail freight fell 3 percent."
    assert rail.speaker is None  # the contrast is the article's, not hers


def test_an_s_form_after_and_borrows_the_subject(extract: Extract, find: Find) -> None:
    body = "The ruling gives the Okow utility 90 days to pay, and orders an audit of 12 meters."
    out = extract(body)
    assert find(out, "90 days").quote == "The ruling gives the Okow utility 90 days to pay"
    assert find(out, "audit").text == "The ruling orders an audit of 12 meters."


def test_no_subject_is_borrowed_across_a_parenthesis(extract: Extract) -> None:
    body = (
        "The flames lasted 10 minutes and nobody was hurt, but the photograph on page one "
        "— a sheet of fire under the old bridge — did more than any report to change the "
        "town's name in 1979."
    )
    for claim in extract(body).claims:
        assert not claim.text.startswith("The flames did")


def test_a_borrowed_possessive_subject_is_resolved(extract: Extract, find: Find) -> None:
    body = (
        "Zoë Łukasiewicz leads the coral group at the Vesta institute. "
        "Her team sequenced 1,140 coral genomes, and identified 12 genes linked to heat."
    )
    out = extract(body)
    assert find(out, "1,140").text.startswith("Zoë Łukasiewicz's team sequenced")
    genes = find(out, "12 genes")
    assert genes.text == "Zoë Łukasiewicz's team identified 12 genes linked to heat."
    assert genes.evidence is not None
    assert genes.evidence.sentence_start == 0

"""The role check on hand-made cases: who did what, and cases built to fool it."""

from __future__ import annotations

import pytest

from factcheck.facts.titles import TITLES
from factcheck.grounding import verify_text
from factcheck.grounding.compare import FactSet
from factcheck.grounding.roles import (
    PERSON_NOUNS,
    PERSON_PRONOUNS,
    PLACE_NOUNS,
    PLACE_WORDS,
    PREPOSITIONS,
    THING_NOUNS,
    THING_PRONOUNS,
    People,
    displacement_holds,
    doer_before,
    may_stand_for,
    misplaced,
    object_after,
    predicate_after,
    repeated_name,
)

BODY = (
    "VELLMAR — Mayor Teodora Brisk said the cycle lanes had worked. The city spent "
    "€7.2 million to build 38 kilometres of lanes.\n\n"
    "The country is due to repay a loan on Thursday. Deputy minister Dimitris Mardas said "
    "Greece would pay.\n\n"
    "Police in Maryland issued a warrant on Monday. Alexander Soumbadze, who has been "
    "charged with eight counts of fraud, fled the country.\n\n"
    "Daniel Reyes, the hospital's chief executive, said the demand could not be met. "
    "Ruth Okafor, 52, ruled on Monday.\n\n"
    "About 40 percent of the cost was covered by the National Heritage Fund.\n\n"
    "Otters were photographed by a camera trap near Kolm in 2021. Aurelio Banić, 61, said he "
    "had waited years to see them.\n\n"
    "His first job was as assistant to Ruud Gullit in 1999, when John Carver was a coach."
)


def status(claim: str) -> str:
    (check,) = verify_text(BODY, [claim]).checks
    return check.status


def problems(claim: str) -> tuple[str, ...]:
    (check,) = verify_text(BODY, [claim]).checks
    return check.problems


@pytest.mark.parametrize(
    "claim",
    [
        "Vellmar spent €7.2 million to build 38 kilometres of lanes.",
        "Greece is due to repay a loan on Thursday.",
        "Alexander Soumbadze has been charged with eight counts of fraud.",
        "Daniel Reyes said the demand could not be met.",
        "About 40 percent of the cost was covered by the National Heritage Fund.",
        "Otters were photographed near Kolm in 2021.",
    ],
)
def test_the_right_name_in_the_role_is_not_a_role_problem(claim: str) -> None:
    # Built to fool the check: the same predicate words, the name the evidence means.
    assert not [p for p in problems(claim) if "evidence has" in p or "twice" in p]


@pytest.mark.parametrize(
    ("claim", "named"),
    [
        # A person where the evidence has a place ("the city", "the country").
        ("Teodora Brisk spent €7.2 million to build 38 kilometres of lanes.", '"city"'),
        ("Dimitris Mardas is due to repay a loan on Thursday.", '"country"'),
        # Another name of the evidence before the predicate (past an aside).
        ("Maryland has been charged with eight counts of fraud.", "Alexander Soumbadze"),
        ("Ruth Okafor said the demand could not be met.", "Daniel Reyes"),
        # Another name after the same word and preposition, even further on.
        ("About 40 percent of the cost was covered by Teodora Brisk.", "National Heritage Fund"),
        ("Otters were photographed near Aurelio Banić in 2021.", "Kolm"),
    ],
)
def test_a_name_in_another_role_is_contradicted(claim: str, named: str) -> None:
    assert status(claim) == "contradicted"
    assert any(named in p for p in problems(claim))


def test_an_organisation_may_say_what_its_spokesman_said() -> None:
    body = "Tony Welsh, the authority's spokesman, said the horse had never collapsed before."
    (check,) = verify_text(body, ["The BHA said the horse had never collapsed before."]).checks
    assert not [p for p in check.problems if "evidence has" in p]


def test_a_name_given_twice_where_the_evidence_has_someone_else() -> None:
    claim = "Gullit was assistant to Ruud Gullit in 1999."
    assert status(claim) == "contradicted"
    assert any("twice" in p for p in problems(claim))
    # The faithful copy names him once.
    assert status("His first job was as assistant to Ruud Gullit in 1999.") == "supported"
    # A name the article never gives is not read as given twice (it is held to the
    # name the evidence has in its place instead).
    stranger = "Edda Marr was assistant to Edda Marr in 1999."
    assert not any("twice" in p for p in problems(stranger))
    assert any("evidence says Ruud Gullit" in p for p in problems(stranger))


def test_repeated_name_needs_one_name_twice() -> None:
    evidence = ["Ben Elton took a swipe at Myleene Klass over the tax."]
    twice = FactSet("Myleene Klass took a swipe at Myleene Klass over the tax.")
    assert repeated_name(twice, evidence) == "Myleene Klass"
    # Two of one family are two people; a passage that names him twice too is fine.
    family = FactSet("Stan Freberg died at home, his son Donavan Freberg said.")
    assert repeated_name(family, ["Freberg died at home, his son said."]) is None
    both = FactSet("Smith said Smith would stay.")
    assert repeated_name(both, ["Smith, 40, said that Smith would stay."]) is None


def test_reading_a_predicate_past_asides_and_function_words() -> None:
    tokens = "maryland , 26 , has been charged".split()
    slot = predicate_after(tokens, 1, [])
    assert slot is not None and tokens[slot.index] == "charged" and slot.passive
    relative = "veep , who stars as".split()
    slot = predicate_after(relative, 1, [])
    assert slot is not None and relative[slot.index] == "stars"
    # A preposition means the next word is not the name's: "move to Porto at the end".
    assert predicate_after("porto at the end".split(), 1, []) is None
    # A name right after is no predicate.
    assert predicate_after("smith and jones said".split(), 1, [(2, 3, "Jones")]) is None


def test_reading_the_doer_before_a_predicate() -> None:
    tokens = "daniel reyes , the hospital s chief executive , said".split()
    slot = doer_before(tokens, len(tokens) - 1, [(0, 2, "Daniel Reyes")])
    assert slot is not None and tokens[slot.index] == "reyes"
    aged = "the 54 year old , who stars".split()
    slot = doer_before(aged, len(aged) - 1, [])
    assert slot is not None and aged[slot.index] == "old"
    places = "the man , a native of tbilisi , georgia , fled".split()
    names = [(6, 7, "Tbilisi"), (8, 9, "Georgia")]
    slot = doer_before(places, len(places) - 1, names)
    assert slot is not None and places[slot.index] == "man"


def test_object_after_gives_the_prepositions() -> None:
    tokens = "covered by the national heritage fund".split()
    assert object_after(tokens, 0) == (3, ("by",))
    assert object_after("said , and".split(), 0) is None


def test_people_are_read_from_sentences_that_show_a_person() -> None:
    people = People.of(
        [
            "Mayor Teodora Brisk opened the lanes.",
            "The Carrow Ridge fire burned 3,500 hectares.",
            "Aurelio Banić, 61, fishes here.",
            "Okafor said the deal was done, after talks with Ruth Okafor's team.",
        ]
    )
    assert people.kind("Teodora Brisk") == "person"
    assert people.kind("Brisk") == "person"
    assert people.kind("Aurelio Banić") == "person"
    assert people.kind("Carrow Ridge") == "thing"
    assert people.kind("River Venn") == "place"
    assert people.kind("Alvern Water") == "org"
    assert people.kind("Polish") == "person"  # a people


def test_an_organisation_that_says_something_is_no_person() -> None:
    people = People.of(
        ["Dunmore Transit will raise fares.", "Tourists pay the full fare, Dunmore said."]
    )
    assert people.kind("Dunmore") != "person"
    assert People.of(["Fares rise, said Ruth Okafor."]).kind("Okafor") == "person"


def test_a_person_left_out_needs_a_person_in_the_passage() -> None:
    people = People.of(["Mayor Teodora Brisk opened the lanes."])
    assert not may_stand_for("Teodora Brisk", "The city spent €7.2 million.", people)
    assert may_stand_for("Teodora Brisk", "She said the city spent €7.2 million.", people)
    assert may_stand_for("Teodora Brisk", "The mayor said the lanes worked.", people)
    assert may_stand_for("Teodora Brisk", "Brisk, 51, spent it.", people)
    assert may_stand_for("Vellmar", "The city spent €7.2 million.", people)


def test_a_swapped_name_of_the_same_person_or_place_is_no_displacement() -> None:
    people = People.of(["Stan Freberg, 88, died.", "Donna Lane said so.", "Peter Lane, 60, ran."])
    statement = FactSet("Stan died at a hospital.")
    assert not displacement_holds("Stan", "Freberg", statement, people)
    assert not displacement_holds("Georgia", "Georgian", statement, people)
    assert displacement_holds("Donna Lane", "Peter Lane", statement, people)
    assert displacement_holds("Swedish", "Les Misérables", statement, people)


def test_a_displacement_the_article_also_states_holds_not() -> None:
    people = People.of([])
    statement = FactSet("Sterling was exposed for inhaling the gas on Monday.")
    article = ["Sterling was exposed for inhaling nitrous oxide.", "Sturridge was exposed too."]
    assert not displacement_holds("Sterling", "Sturridge", statement, people, article)
    assert displacement_holds("Sterling", "Sturridge", statement, people, article[1:])


def test_misplaced_without_people_finds_only_other_names() -> None:
    statement = FactSet("Vellmar spent €7.2 million on lanes.")
    evidence = FactSet("The city spent €7.2 million on lanes.")
    assert misplaced(statement, evidence) is None
    assert misplaced(FactSet("Teodora Brisk spent €7.2 million."), evidence) is None
    people = People.of(["Mayor Teodora Brisk opened the lanes."])
    found = misplaced(FactSet("Teodora Brisk spent €7.2 million."), evidence, people)
    assert found == ("Teodora Brisk", '"city"')


@pytest.mark.parametrize("word", sorted(PERSON_PRONOUNS))
def test_person_pronouns_stand_for_a_person(word: str) -> None:
    people = People.of(["Mayor Teodora Brisk opened the lanes."])
    evidence = FactSet(f"Then {word} spent €7.2 million.")
    assert misplaced(FactSet("Teodora Brisk spent €7.2 million."), evidence, people) is None
    found = misplaced(FactSet("Alvern Water spent €7.2 million."), evidence, people)
    assert found == ("Alvern Water", f'"{word}"')


@pytest.mark.parametrize("word", sorted(PERSON_NOUNS))
def test_person_nouns_stand_for_a_person(word: str) -> None:
    people = People.of(["Mayor Teodora Brisk opened the lanes."])
    evidence = FactSet(f"The {word} spent €7.2 million.")
    assert misplaced(FactSet("Teodora Brisk spent €7.2 million."), evidence, people) is None
    found = misplaced(FactSet("Alvern Water spent €7.2 million."), evidence, people)
    assert found == ("Alvern Water", f'"{word}"')


@pytest.mark.parametrize("word", sorted(THING_NOUNS | THING_PRONOUNS))
def test_thing_words_stand_for_no_person(word: str) -> None:
    people = People.of(["Mayor Teodora Brisk opened the lanes."])
    opener = "Then" if word in THING_PRONOUNS else "The"
    evidence = FactSet(f"{opener} {word} spent €7.2 million.")
    found = misplaced(FactSet("Teodora Brisk spent €7.2 million."), evidence, people)
    assert found == ("Teodora Brisk", f'"{word}"')


@pytest.mark.parametrize("word", sorted(PLACE_NOUNS))
def test_place_nouns_stand_for_no_organisation(word: str) -> None:
    people = People.of([])
    evidence = FactSet(f"The {word} spent €7.2 million.")
    assert misplaced(FactSet("Alvern Water spent €7.2 million."), evidence, people) is not None
    assert misplaced(FactSet("Vellmar spent €7.2 million."), evidence, people) is None


@pytest.mark.parametrize("word", sorted(PLACE_WORDS))
def test_place_words_make_a_place(word: str) -> None:
    assert People.of([]).kind(f"Venn {word.capitalize()}") == "place"


@pytest.mark.parametrize("word", sorted(PREPOSITIONS))
def test_prepositions_end_a_doer(word: str) -> None:
    assert predicate_after(f"porto {word} the end".split(), 1, []) is None


def test_titles_count_as_a_person_in_the_passage() -> None:
    people = People.of(["Mayor Teodora Brisk opened the lanes."])
    for title in sorted(TITLES):
        assert may_stand_for("Teodora Brisk", f"The {title} spent it.", people), title

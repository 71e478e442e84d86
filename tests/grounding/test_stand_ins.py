"""Who a passage means without naming them, and names a statement leaves out.

Hand-made articles: cases that must pass beside cases built to fool each rule.
"""

from __future__ import annotations

import pytest

from factcheck.grounding import verify_text
from factcheck.grounding.compare import FactSet
from factcheck.grounding.roles import (
    STANDS_FOR_PERSON,
    SUBJECT_PRONOUNS,
    People,
    misplaced,
    stands_in_place,
    written_in_place,
)


def check(body: str, claim: str) -> tuple[str, tuple[str, ...]]:
    (result,) = verify_text(body, [claim]).checks
    return result.status, result.problems


# A name the statement leaves out of its passage moves no one into its place.

STUDIO = (
    "Police searched the karate school on Monday. Recordings allegedly showed the suspect "
    "with boys at his studio on Wisconsin Avenue in Chevy Chase."
)
GARDEN = (
    "Nine-year-old Frankie, who plays for Redbridge Football Club, took to the garden to "
    "have a go. Frankie's coach, John Mercer, took the squad to Wembley."
)


@pytest.mark.parametrize(
    ("body", "claim"),
    [
        (STUDIO, "Recordings allegedly showed the suspect with boys at his studio in Chevy Chase."),
        (GARDEN, "Frankie took to the garden to have a go."),
    ],
)
def test_a_name_left_out_with_its_aside_is_no_displacement(body: str, claim: str) -> None:
    assert check(body, claim)[0] == "supported"


@pytest.mark.parametrize(
    ("claim", "named"),
    [
        # The aside's name put where the one it describes stands.
        ("Redbridge Football Club took to the garden to have a go.", "Frankie"),
        # A possessive is not an aside: the coach took the squad, not Frankie.
        ("Frankie took the squad to Wembley.", "John Mercer"),
    ],
)
def test_a_name_in_the_place_of_its_aside_is_still_displaced(claim: str, named: str) -> None:
    status, problems = check(GARDEN, claim)
    assert status == "contradicted"
    assert any(named in p for p in problems)


def test_a_name_moved_out_of_its_relative_clause_is_still_displaced() -> None:
    body = (
        "Wright, who had seven seasons at Arsenal, will hand over McCoy's trophy. "
        "McCoy rode his first winner in 1992."
    )
    status, problems = check(body, "McCoy had seven seasons at Arsenal.")
    assert status == "contradicted"
    assert any("Wright" in p for p in problems)


# A "he" or "she" in the evidence is the person named before it.

BAIL = (
    "Phillip Pama covered his face as he left court, where he was granted bail on Friday "
    "while the family of Leon Yeaman watched. Leon Yeaman, 55, died in hospital."
)
STABLE = (
    "Jonjo O'Neill hosted a visit at his yard on Thursday. He trains the gelding for his "
    "patron J P McManus, who retains jockey AP McCoy."
)


@pytest.mark.parametrize(
    ("body", "claim", "meant"),
    [
        (BAIL, "Leon Yeaman was granted bail on Friday.", "Phillip Pama"),
        (STABLE, "AP McCoy trains the gelding for his patron J P McManus.", "Jonjo O'Neill"),
    ],
)
def test_a_name_where_a_pronoun_means_another_is_contradicted(
    body: str, claim: str, meant: str
) -> None:
    status, problems = check(body, claim)
    assert status == "contradicted"
    assert any(meant in p for p in problems)


@pytest.mark.parametrize(
    ("body", "claim"),
    [
        (BAIL, "Phillip Pama was granted bail on Friday."),
        (STABLE, "Jonjo O'Neill trains the gelding for his patron J P McManus."),
    ],
)
def test_the_person_a_pronoun_means_is_in_its_place(body: str, claim: str) -> None:
    status, problems = check(body, claim)
    assert not [p for p in problems if "evidence has" in p]
    assert status == "supported"


PEOPLE = People.of(
    [
        "Ruth Okafor, 52, spoke.",
        "Marguerite Lund, 60, spoke.",
        "Jim Mann, 70, spoke.",
        "Tom Hale, 23, spoke.",
    ]
)


def test_a_pronoun_before_the_name_it_means_is_not_read_backwards() -> None:
    # "She" may be the Ruth Okafor who opens the next clause, not Marguerite Lund.
    article = ["Marguerite Lund chaired the meeting.", "She voted against, Ruth Okafor said."]
    evidence = FactSet(article[1])
    assert misplaced(FactSet("Ruth Okafor voted against."), evidence, PEOPLE, article) is None
    # Without the name after it, "She" is the Marguerite Lund of the sentence before.
    article = ["Marguerite Lund chaired the meeting.", "She voted against, the minutes say."]
    found = misplaced(FactSet("Ruth Okafor voted against."), FactSet(article[1]), PEOPLE, article)
    assert found == ("Ruth Okafor", "Marguerite Lund")


def test_a_quoted_pronoun_is_whoever_the_speaker_means() -> None:
    article = ["Jim Mann spoke after the game.", "'He was brilliant,' Mann said of Tom Hale."]
    statement = FactSet("Tom Hale was brilliant.")
    assert misplaced(statement, FactSet(article[1]), PEOPLE, article) is None
    # Unquoted, the "He" that opens the sentence is the Jim Mann of the one before.
    article = ["Jim Mann spoke after the game.", "He was brilliant, the club said."]
    found = misplaced(statement, FactSet(article[1]), PEOPLE, article)
    assert found == ("Tom Hale", "Jim Mann")


def test_a_pronoun_after_a_person_word_means_no_one_known() -> None:
    # "he" may be the 39-year-old: Jim Mann is not the only one it can mean.
    article = ["The 39-year-old thanked chairman Jim Mann, since he replaced Tom Hale in May."]
    evidence = FactSet(article[0])
    assert misplaced(FactSet("Ruth Okafor replaced Tom Hale."), evidence, PEOPLE, article) is None
    # Without the person word, "he" is Jim Mann.
    article = ["Chairman Jim Mann spoke to reporters, since he replaced Tom Hale in May."]
    found = misplaced(FactSet("Ruth Okafor replaced Tom Hale."), FactSet(article[0]), PEOPLE)
    assert found == ("Ruth Okafor", "Jim Mann")


@pytest.mark.parametrize("word", sorted(SUBJECT_PRONOUNS))
def test_subject_pronouns_are_read_as_the_person_before(word: str) -> None:
    article = [f"Jim Mann left early, and {word} missed the vote."]
    found = misplaced(FactSet("Ruth Okafor missed the vote."), FactSet(article[0]), PEOPLE)
    assert found == ("Ruth Okafor", "Jim Mann")
    assert misplaced(FactSet("Jim Mann missed the vote."), FactSet(article[0]), PEOPLE) is None


# The article's main person stands where the passage gives the deed to a word for them.

KILMARNOCK = (
    "Gary Locke will be confirmed as Kilmarnock manager on Friday. Locke, 39, took charge in "
    "February. Kilmarnock have won four games since. The board met on Thursday at Rugby Park. "
    "The 39-year-old paid tribute to the players who helped him win favour with chairman Jim "
    "Mann. Kilmarnock fans sang in the rain. The director of football praised the squad, "
    "chairman Jim Mann said. Locke said the club was in good shape."
)


def test_a_prominent_person_stands_for_the_word_that_does_the_deed() -> None:
    assert check(KILMARNOCK, "Locke paid tribute to the players who helped him.")[0] == "supported"


@pytest.mark.parametrize(
    "claim",
    [
        # A club is no "39-year-old".
        "Kilmarnock paid tribute to the players who helped him.",
        # "the director" may be someone else: only "he", "she", "the N-year-old" prove it.
        "Locke praised the squad.",
    ],
)
def test_a_word_that_cannot_be_the_name_proves_no_place(claim: str) -> None:
    assert check(KILMARNOCK, claim)[0] != "supported"


@pytest.mark.parametrize("word", sorted(STANDS_FOR_PERSON))
def test_words_that_stand_for_one_person(word: str) -> None:
    people = People.of(["Ruth Okafor, 52, spoke."])
    opener = "The 52-year-old" if word == "old" else word.capitalize()
    evidence = FactSet(f"{opener} paid tribute to the players, as Tom Hale watched.")
    statement = FactSet("Ruth Okafor paid tribute to the players.")
    assert stands_in_place("Ruth Okafor", statement, evidence, people, [evidence.text])
    other = FactSet("The manager paid tribute to the players, as Tom Hale watched.")
    assert not stands_in_place("Ruth Okafor", statement, other, people, [other.text])


# A passage that writes part of a name where the statement writes all of it.

DUNDEE = (
    "Dundee manager Jim Mann, 61, named his squad on Friday. Mann left out midfielder Paul "
    "McGowan, 27. Donna Lane, 50, and Peter Lane, 55, were in court. Mann said the club "
    "would support its players. Fans were told by Mann on Friday. McGowan was handed his "
    "third conviction at Airdrie Sheriff Court. Lane was shot in the back in 2013. Mann "
    "thanked the fans. The officers praised McGowan after the hearing in Perth on Monday."
)


def test_a_full_name_where_the_passage_writes_its_surname() -> None:
    claim = "Paul McGowan was handed his third conviction at Airdrie Sheriff Court."
    assert check(DUNDEE, claim)[0] == "supported"


@pytest.mark.parametrize(
    "claim",
    [
        # A full name the article never writes.
        "Tom McGowan was handed his third conviction at Airdrie Sheriff Court.",
        # Two persons of the article have the surname the passage gives.
        "Peter Lane was shot in the back in 2013.",
        # The surname is in another place in the passage: praised, not praising.
        "Paul McGowan praised the officers after the hearing in Perth on Monday.",
    ],
)
def test_a_surname_in_the_passage_does_not_always_carry_the_full_name(claim: str) -> None:
    assert check(DUNDEE, claim)[0] != "supported"


def test_written_in_place_reads_the_words_around_the_name() -> None:
    people = People.of(["Dundee midfielder Paul McGowan, 27, will stay."])
    statement = FactSet("Paul McGowan was handed his third conviction.")
    assert written_in_place(
        "Paul McGowan", statement, FactSet("McGowan was handed his third conviction."), people
    )
    assert not written_in_place(
        "Paul McGowan", statement, FactSet("The court handed McGowan a fine."), people
    )
    # "Lane" may be Donna Lane or Peter Lane.
    family = People.of(["Donna Lane, 50, and Peter Lane, 55, were in court."])
    shot = FactSet("Peter Lane was shot in the back.")
    assert not written_in_place("Peter Lane", shot, FactSet("Lane was shot in the back."), family)
    # The whole name written is not a part.
    whole = FactSet("Paul McGowan was handed his third conviction.")
    assert not written_in_place("Paul McGowan", statement, whole, people)


# A description the article gives to someone else than the person the passage has.

CRICKET = (
    "Michael Vaughan, the former England captain, is the favourite for the post. Alec "
    "Stewart, 52, the Surrey director, wants the job too. Stewart, who played 133 Tests, has "
    "not yet been approached by the board. Jack Grealish, 19, made his debut. Tom Hale, 23, "
    "scored twice. Grealish was handed his first start by the manager. The coach praised Tom "
    "Hale and is hopeful of a start on Monday."
)


@pytest.mark.parametrize(
    ("claim", "meant"),
    [
        ("The former England captain has not yet been approached by the board.", "Vaughan"),
        ("The 23-year-old was handed his first start by the manager.", "Tom Hale"),
    ],
)
def test_a_description_of_another_person_is_contradicted(claim: str, meant: str) -> None:
    status, problems = check(CRICKET, claim)
    assert status == "contradicted"
    assert any(meant in p and "article says this of" in p for p in problems)


@pytest.mark.parametrize(
    "claim",
    [
        "The former England captain is the favourite for the post.",
        "The Surrey director has not yet been approached by the board.",
        "The 19-year-old was handed his first start by the manager.",
        # "Hale and is hopeful": the one before "and" is not the one who is hopeful.
        "The 19-year-old is hopeful of a start on Monday.",
    ],
)
def test_a_description_of_the_person_in_the_passage_is_no_role_problem(claim: str) -> None:
    assert not [p for p in check(CRICKET, claim)[1] if "article says this of" in p]


# Two names the other way round: names are found as whole words.

DIORAMA = (
    "The lot is a diorama of the Battle of Agincourt, a diorama in 3D made by craftsmen in 1990."
)


def test_two_names_the_other_way_round_are_contradicted() -> None:
    body = "Arsenal beat Chelsea 2-0 at home on Saturday."
    status, problems = check(body, "Chelsea beat Arsenal 2-0 at home on Saturday.")
    assert status == "contradicted"
    assert any("opposite roles" in p for p in problems)


def test_a_name_inside_a_word_is_not_the_name() -> None:
    # The "D" of "3D" is not a name the evidence writes after the battle.
    claim = "The lot is a 3D diorama of the Battle of Agincourt."
    status, problems = check(DIORAMA, claim)
    assert not [p for p in problems if "opposite roles" in p]
    assert status == "supported"


# A common noun where the passage has another doer, which it has do something else.

STATION = (
    "As the train pulled into the station, the lawmen found a homeless man in the next car. "
    "A New York woman running an immigration scheme pleaded not guilty on Friday. One of the "
    "men she wed was deported in 2006."
)


@pytest.mark.parametrize(
    ("claim", "noun", "doer"),
    [
        ("The train found a homeless man in the next car.", "train", "lawmen"),
        ("One of the men pleaded not guilty on Friday.", "men", "scheme"),
    ],
)
def test_a_common_noun_in_another_doers_place_is_contradicted(
    claim: str, noun: str, doer: str
) -> None:
    status, problems = check(STATION, claim)
    assert status == "contradicted"
    assert f'"{noun}": the evidence has "{doer}" there' in problems


@pytest.mark.parametrize(
    ("body", "claim"),
    [
        # The right doer.
        (STATION, "The lawmen found a homeless man in the next car."),
        # A noun the passage gives no deed of its own: a paraphrase.
        (
            "Boffins are working towards recreating the brain of a honeybee.",
            "The scientists are working towards recreating the brain of a honeybee.",
        ),
        # "the man" may be the holidaymaker.
        (
            "A holidaymaker walked into a station. Police tweeted after the man tried to lodge "
            "a complaint.",
            "Police tweeted after a holidaymaker tried to lodge a complaint.",
        ),
        # The noun before an aside between dashes is the doer.
        (
            "The comedian said the popstar - who claimed the levy would hit grannies - had made "
            "her money in a bikini. The grannies sent letters.",
            "The comedian said the popstar had made her money in a bikini.",
        ),
        # "and" joins the deed to the ruling, not to the interest.
        (
            "The ruling gives the firm 90 days to pay the refunds, plus interest, and orders an "
            "independent audit. The refunds reach 4,000 homes.",
            "The ruling orders an independent audit.",
        ),
    ],
)
def test_a_common_noun_that_may_do_the_deed_is_no_role_problem(body: str, claim: str) -> None:
    assert not [p for p in check(body, claim)[1] if "the evidence has" in p]


# A passage that calls a person by a description the article gives that person alone.

FILM = (
    "Peter Hale, 70, starred in the film and died last year. Tom Ward wrote the music. The "
    "film was shot in 2014 by director Anna Lind, 45. Hale played a king. Hale had been ill "
    "for years. Critics praised Hale on Monday. The director also paid tribute to the late "
    "actor's sense of humour."
)
TWO_DIRECTORS = FILM.replace("Tom Ward wrote", "Tom Ward, the director of music, wrote")


def test_a_name_the_article_gives_the_passages_description() -> None:
    claim = "Director Anna Lind paid tribute to the late actor's sense of humour."
    assert check(FILM, claim)[0] == "supported"


@pytest.mark.parametrize(
    ("body", "claim"),
    [
        # Someone else than the director.
        (FILM, "Tom Ward paid tribute to the late actor's sense of humour."),
        # Two people are called director: the passage may mean either.
        (TWO_DIRECTORS, "Director Anna Lind paid tribute to the late actor's sense of humour."),
    ],
)
def test_a_description_that_may_be_someone_else_does_not_carry_the_name(
    body: str, claim: str
) -> None:
    assert check(body, claim)[0] != "supported"

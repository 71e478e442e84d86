"""Rules that keep a faithful statement supported, each with a case built to fool it."""

from __future__ import annotations

from factcheck.grounding.polarity import flips, flips_across
from factcheck.grounding.summary import _subjects, check_summary
from factcheck.grounding.tokenised import readable


def status(body: str, statement: str, title: str | None = None) -> str:
    (check,) = check_summary(body, statement, title=title)
    return check.status


# --- polarity -------------------------------------------------------------


def test_a_negator_stops_at_the_end_of_its_sentence() -> None:
    evidence = "You shouldn't say no. The early favourite is Vaughan."
    assert flips("The early favourite is Vaughan.", evidence) == []
    # Inside one sentence the negator still reaches the word.
    assert flips("The favourite is early.", "The favourite is not early.")


def test_no_before_a_figure_is_a_number_not_a_negation() -> None:
    assert flips("He worked under Johnston.", "He worked as No 2 under Johnston.") == []
    # "no two" is a negation: "two" is a word, not a figure.
    assert flips("Two people agreed.", "No two people agreed.")


def test_two_negations_cancel() -> None:
    assert [f.said for f in flips("There was no evidence.", "There was not no evidence.")] == [
        "no evidence"
    ]
    assert flips("There was no evidence.", "There was no evidence at all.") == []
    assert flips("It was not without risk.", "It was risky.") == []


def test_a_flip_one_part_denies_another_part_confirms_is_none() -> None:
    parts = [
        "Police tweeted a warning about wasting time.",
        "The public should not waste police time.",
    ]
    assert flips_across("Police warned about wasting time.", parts) == []


def test_a_flip_stands_when_no_part_says_it_the_statements_way() -> None:
    assert flips_across("They wasted time.", ["They did not waste time.", "The weather was hot."])
    assert flips_across("They wasted time.", ["They did not waste time.", "They never waste time."])


# --- tokenised summaries --------------------------------------------------


def test_a_tokenised_hash_before_a_figure_is_the_pound_sign() -> None:
    assert readable("homes worth more than # 2 million , he said") == (
        "homes worth more than £2 million, he said"
    )
    assert readable("up to # 100,000 -lrb- $ 150,000 -rrb- .") == "up to £100,000 ($150,000)."


def test_a_hash_stays_a_hash_elsewhere() -> None:
    assert readable("a #1 hit , he said") == "a #1 hit, he said"  # no space: a hashtag
    assert readable("Item # 2 was sold.") == "Item # 2 was sold."  # not tokenised text


def test_a_tokenised_pound_figure_is_checked_as_pounds() -> None:
    body = "The levy on homes worth more than £2 million would hit pensioners, she said."
    assert status(body, "the levy on homes worth more than # 2 million would hit pensioners .") == (
        "supported"
    )
    assert status(body, "the levy on homes worth more than # 3 million would hit pensioners .") != (
        "supported"
    )


# --- the article's subject ------------------------------------------------

MINE_TITLE = "Kestrel Minerals denies polluting River Venn"
MINE = (
    "ARDLOCH — Kestrel Minerals has denied that its Ardloch zinc mine polluted the River Venn, "
    "after dead fish were found in the water below the site. Kestrel said it would help.\n\n"
    "Inspectors from the Environmental Protection Office opened an inquiry on Wednesday. "
    "Kestrel chief executive Graham Achterberg said the company had done nothing wrong. "
    "Kestrel has run the site since 1998 and Kestrel shares fell on Thursday.\n\n"
    "Water samples taken downstream of the mine contained zinc at 14 times the legal limit.\n\n"
    "The mine employs 420 people and is the largest employer in the valley."
)


def test_the_dateline_place_stands_for_an_unnamed_passage() -> None:
    assert status(MINE, "The Ardloch mine employs 420 people.", MINE_TITLE) == "supported"


def test_a_longer_name_the_dateline_only_begins_is_not_the_setting() -> None:
    statement = "The Ardloch Valley Trust employs 420 people."
    assert status(MINE, statement, MINE_TITLE) != "supported"


def test_the_dateline_place_does_not_stand_where_the_passage_names_someone() -> None:
    body = MINE.replace("The mine employs", "Graham Achterberg's mine employs")
    assert status(body, "The Ardloch mine employs 420 people.", MINE_TITLE) != "supported"


def test_an_unnamed_passage_stands_for_one_subject_not_two() -> None:
    one = "Samples taken downstream of the Ardloch mine contained zinc at 14 times the legal limit."
    two = "River Venn samples taken downstream of the Ardloch mine contained zinc at 14 times the legal limit."  # noqa: E501
    assert status(MINE, one, MINE_TITLE) == "supported"
    assert status(MINE, two, MINE_TITLE) != "supported"


def test_parts_of_one_name_are_one_subject() -> None:
    assert _subjects("The Harlow & Finch Gallery reopened.", ["Harlow", "Finch Gallery"]) == 1
    assert _subjects("The Bank of England said", ["Bank", "England"]) == 1
    text = "River Venn samples from the Ardloch mine"
    assert _subjects(text, ["River Venn", "Ardloch"]) == 2
    assert _subjects(text, ["Ardloch"]) == 1
    assert _subjects(text, []) == 0


BRIDGE_TITLE = "Tessel Harbour Bridge to close for six weeks"
BRIDGE = (
    "TESSEL — The Tessel Harbour Bridge will close to all traffic for six weeks from Monday "
    "after engineers found cracks in two of its steel beams, city officials said.\n\n"
    "Mayor Ilse Brandt said the closure would be painful.\n\n"
    "The bridge, which opened in 1974, was last fully refurbished in 2009."
)


def test_the_words_of_the_subjects_name_count_as_found() -> None:
    statement = "The Tessel Harbour Bridge was last fully refurbished in 2009."
    assert status(BRIDGE, statement, BRIDGE_TITLE) == "supported"


def test_other_words_beside_the_subjects_name_still_count() -> None:
    statement = "The Tessel Harbour tunnel was last fully refurbished in 2009."
    assert status(BRIDGE, statement, BRIDGE_TITLE) != "supported"


# --- figures said of a name elsewhere --------------------------------------

WIDOW = (
    "A merry widow from Edinburgh loves to party the night away.\n\n"
    "Her friend Ruth Okafor, 72, joins her most weekends. "
    "Pat Ingles, 69, remembers her grandmother singing at the piano.\n\n"
    "Grandmother-of-three Pat lost her husband 12 years ago to prostate cancer after caring "
    "for him during the last nine years of his life."
)


def test_an_age_in_apposition_is_found_beside_the_same_name() -> None:
    statement = "Pat Ingles, 69, lost her husband 12 years ago to prostate cancer."
    assert status(WIDOW, statement) == "supported"


def test_an_age_of_another_name_is_not_found() -> None:
    statement = "Pat Ingles, 72, lost her husband 12 years ago to prostate cancer."
    assert status(WIDOW, statement) != "supported"


def test_an_age_the_article_never_gives_is_not_found() -> None:
    statement = "Pat Ingles, 68, lost her husband 12 years ago to prostate cancer."
    assert status(WIDOW, statement) != "supported"


def test_an_age_is_one_figure_not_words() -> None:
    body = (
        "Villa play Liverpool in the semi-final at Wembley. "
        "Grealish, 19, was handed his first start by Tim Sherwood and is hopeful of "
        "retaining his place for the April 19 date. "
        "Sherwood said the youngster had been superb in training all week."
    )
    assert status(body, "The 19-year-old is hopeful of retaining his place.") == "supported"
    assert status(body, "The 21-year-old is hopeful of retaining his place.") != "supported"


def test_an_age_and_a_term_of_years_are_not_one_kind_of_figure() -> None:
    body = "The former Hearts boss was given a three-year deal by the club on Friday."
    (age,) = check_summary(body, "The 39-year-old was given a three-year deal by the club.")
    assert age.status == "partial"  # the age is missing, not contradicted
    (term,) = check_summary(body, "The former Hearts boss was given a five-year deal.")
    assert term.status == "contradicted"

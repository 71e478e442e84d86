"""A statement in its own words is held to the article; a copied one to its passage."""

from __future__ import annotations

import dataclasses

from factcheck import Article, load_article
from factcheck.article import TrailerBlock
from factcheck.grounding import verify_text
from factcheck.grounding.compare import FactSet
from factcheck.grounding.paraphrase import ArticleVocabulary
from factcheck.grounding.polarity import turning_words
from factcheck.grounding.summary import SummaryChecker, check_summary
from factcheck.grounding.support import has_inflection, inflection_keys
from factcheck.grounding.verify import evidence_body


def test_copied_share_counts_words_inside_three_word_runs_of_the_body() -> None:
    vocabulary = ArticleVocabulary("The cat sat on the mat.")
    # "the cat sat" and "cat sat on" are runs of the body: 4 of 6 words.
    assert vocabulary.copied_share("The cat sat on a rug") == 4 / 6
    # Every word is in the body, but no three in a row.
    assert vocabulary.copied_share("mat the on sat cat") == 0.0
    assert vocabulary.copied_share("") == 0.0


def test_absent_words_ignore_inflections_and_function_words() -> None:
    vocabulary = ArticleVocabulary("Police arrested two visitors near the harbour.")
    # "arrest" and "visit" are inflections of body words; "officers" is nowhere.
    assert vocabulary.absent_words("Officers arrest a visitor at the harbour") == ["officer"]


def test_inflection_keys_let_a_stem_meet_its_longer_forms() -> None:
    words = {"visitors", "apologised"}
    keys = inflection_keys(words)
    assert has_inflection("visit", words, keys)
    assert has_inflection("apologise", words, keys)
    assert not has_inflection("vista", words, keys)


# Two passages, far apart, each carrying part of what the summaries below say.
_BODY = (
    "The Port Kelby harbour authority on Tuesday approved a plan to deepen the main channel. "
    "The vote was taken after a long public consultation. "
    "Officials described the weather on the day as calm. "
    "Harbour chairwoman Zoe Kovac said the deeper channel would cost 40 million euros. "
    "Engineers will begin dredging next spring."
)


def test_a_paraphrase_fusing_two_passages_is_supported() -> None:
    # Own words (no three-word run of the body); the cost is stated in
    # another passage than the approval, and every word is in the article.
    (check,) = check_summary(
        _BODY, "Kelby's harbour authority chose to deepen its channel, a 40 million euros job."
    )
    assert check.status == "supported", check.problems
    assert check.problems == ()


def test_a_paraphrase_with_content_the_article_never_has_stays_partial() -> None:
    # Same shape, but "protesters", "blocked" and "quay" are nowhere in the article.
    (check,) = check_summary(
        _BODY,
        "Kelby's harbour authority backed deepening its channel as protesters blocked the quay.",
    )
    assert check.status == "partial"
    assert any(f.kind == "words" and "protester" in f.part for f in check.findings)


def test_a_name_put_in_another_names_place_is_not_excused_as_paraphrase() -> None:
    body = (
        "Maria Lopez was elected mayor of Dunmore on Sunday. "
        "Turnout was the highest in a decade. "
        "Her rival, Peter Hale, ran the city's transport board for six years."
    )
    # Few copied words; the passage names Lopez, and the statement puts Hale there.
    (check,) = check_summary(body, "Hale was elected Dunmore's mayor on Sunday.")
    assert check.status != "supported"
    assert any(f.kind == "name" and f.part == "Hale" for f in check.findings)
    (faithful,) = check_summary(body, "Lopez was elected Dunmore's mayor on Sunday.")
    assert faithful.status == "supported", faithful.problems


def test_a_caption_is_evidence_for_verify_and_offsets_stay_those_of_the_body() -> None:
    article = load_article(
        "Rare monkey found in Tibet\n\n"
        "The white-cheeked macaque was discovered in the remote forests of south-east Tibet. "
        "Scroll down for video\n"
        "The macaque has pale whiskers on its chin.\n"
        "Researchers set up camera traps across the region last year."
    )
    caption = "The macaque has pale whiskers on its chin."
    start = article.text.index(caption)
    block = TrailerBlock("caption", caption, start, start + len(caption))
    prompt = [b for b in article.furniture if b.kind == "video-prompt"]
    article = dataclasses.replace(article, furniture=(*prompt, block))
    body = evidence_body(article)
    assert len(body) == len(article.body)
    assert caption not in article.body  # blanked for the model
    assert caption in body  # kept as evidence
    assert "Scroll down for video" not in body
    (check,) = verify_text(article, "The macaque has pale whiskers on its chin.").checks
    assert check.status == "supported"
    assert check.evidence is not None
    assert body[check.evidence.start : check.evidence.end] == check.evidence.text


def test_evidence_body_keeps_only_captions(harbour: Article) -> None:
    # No furniture: the body itself.
    assert evidence_body(harbour) == harbour.body


def test_a_negated_paraphrase_is_not_excused() -> None:
    # Built like the supported paraphrase above, with "never" added: the
    # passage has no negation, so the sentence is not read as said elsewhere.
    (check,) = check_summary(
        _BODY,
        "Kelby's harbour authority never chose to deepen its channel, a 40 million euros job.",
    )
    assert check.status != "supported"


def test_turning_words_are_negators_and_opposites_of_what_the_passage_says() -> None:
    passage = "Shares rose 3 percent after the board approved the deal."
    # "fell" against "rose", "never" against no negation: both may turn it round.
    assert turning_words("Shares fell after the board never approved it.", passage) == [
        "fell",
        "never",
    ]
    # "died" has an opposite, but the passage says nothing of surviving.
    assert turning_words("A trader died after the board approved the deal.", passage) == []
    # Words the passage itself uses are no turn.
    assert turning_words("Shares rose after the board approved the deal.", passage) == []


def test_a_name_matched_by_one_word_only_is_not_in_the_evidence() -> None:
    body = (
        "The Dunmore Transit board approved new fares on Wednesday. "
        "Riders may buy a Dunmore Card at any station."
    )
    evidence = FactSet("The Dunmore Transit board approved new fares on Wednesday.")
    assert evidence.has_name("Dunmore Card")  # one of its words is there
    assert not evidence.writes_name("Dunmore Card")  # "card" is not
    assert evidence.writes_name("Dunmore Transit")
    assert evidence.writes_name("Transit")
    (check,) = check_summary(body, "The Dunmore Card board approved new fares on Wednesday.")
    assert check.status == "partial"
    assert check.problems == ("name Dunmore Card not near the matching text",)


def test_a_name_written_whole_elsewhere_in_the_body_counts_as_written() -> None:
    body = FactSet("Vladimir Putin met the envoy. Putin said little.")
    assert body.writes_name("Vladimir Putin")
    assert not FactSet("Putin said little.").writes_name("Vladimir Putin")
    assert FactSet("Putin said little.").has_name("Vladimir Putin")


_CITY = (
    "ARDEN — Teodora Brisk, a shop owner, has complained for a year. "
    "The city spent 7 million euros to build 38 kilometres of cycle lanes. "
    "Cycling trips on the main corridors rose 27 percent in the first year."
)


def test_the_title_names_what_an_unnamed_passage_speaks_of() -> None:
    claim = "Vellmar spent 7 million euros to build 38 kilometres of cycle lanes."
    titled = SummaryChecker(_CITY, title="Vellmar's cycle lanes are worth it")
    (check,) = titled.check_summary(claim)
    assert check.status == "supported", check.problems
    # Without a title, Vellmar is named nowhere near the passage.
    (untitled,) = SummaryChecker(_CITY).check_summary(claim)
    assert untitled.status != "supported"


def test_a_lead_name_the_article_rarely_mentions_is_not_its_subject() -> None:
    body = (
        "KELBY — Anna Berg, a fisher, watched the Saren rise for a week. "
        "The Saren burst its banks at Kolm on Monday. "
        "Officials said the Saren would fall again by Friday. "
        "The river flooded 40 homes, officials said."
    )
    checker = SummaryChecker(body)
    # Saren: in the lead and three sentences; Anna Berg: once.
    (faithful,) = checker.check_summary("The Saren flooded 40 homes.")
    assert faithful.status == "supported", faithful.problems
    (swapped,) = checker.check_summary("Anna Berg flooded 40 homes.")
    assert swapped.status != "supported"
    assert swapped.findings[0].kind == "name"
    assert swapped.findings[0].part == "Anna Berg"


def test_one_passage_with_a_word_the_article_never_uses_is_changed_not_fused() -> None:
    body = (
        "The council approved the harbour plan on Tuesday. "
        "Two people were treated in hospital for hypothermia."
    )
    # "died" is nowhere in the article; all else is in one sentence: the
    # statement changes that sentence, it draws on no other passage.
    (check,) = check_summary(body, "Two people died of hypothermia.")
    assert check.status == "partial"
    assert any(f.kind == "words" and "died" in f.part.split(", ") for f in check.findings)


def test_a_third_of_the_words_absent_from_the_article_is_too_many() -> None:
    # Four informative words, two of them ("chose", "quay") nowhere in the
    # article: two is within MAX_ABSENT, but half is not under a third.
    statement = "Kelby's harbour chose its quay."
    vocabulary = ArticleVocabulary(_BODY)
    assert vocabulary.copied_share(statement) == 0.0  # in its own words
    assert vocabulary.absent_words(statement) == ["chose", "quay"]
    (check,) = check_summary(_BODY, statement)
    assert check.status != "supported"

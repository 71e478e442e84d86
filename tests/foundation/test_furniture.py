"""Page furniture inside a body: found by its shape, blanked for readers, listed in the result."""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck import check, load_article
from factcheck.facts.casing import lower_for_matching
from factcheck.furniture import (
    _CREDIT,
    _CREDIT_WORD_LOWER,
    _PROMO_START,
    _PROMO_VERB_LOWER,
    _PROMO_VERBS,
    _ROW_FIGURE,
    _SHARE_BAR,
    _SHARE_BAR_WORDS,
    _VIDEO_PROMPT,
    _VIDEO_PROMPT_WORDS,
    SHARE_TARGETS,
    STORY_OPENERS,
    _row_like,
    _rows,
    blank_furniture,
    find_furniture,
)

FRANK = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "frank-valid" / "articles"


def _kinds(text: str) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in find_furniture(text)]


def test_a_share_bar_glued_to_the_first_sentence() -> None:
    text = (
        "Share this withEmailFacebookTwitterWhatsAppLinkedinCopy this link"
        "Researchers found that four in five pupils tried new food at school."
    )
    assert _kinds(text) == [
        ("share-bar", "Share this withEmailFacebookTwitterWhatsAppLinkedinCopy this link")
    ]


def test_a_playback_prompt_glued_between_sentences() -> None:
    text = (
        'The coach said: "I feel alive."Media playback is not supported on this device'
        "Kyrgios is also in the same half of the draw."
    )
    assert _kinds(text) == [("video-prompt", "Media playback is not supported on this device")]


def test_scroll_prompt_and_the_captions_after_it_up_to_the_story() -> None:
    text = (
        "The actress spoke about her hair. Scroll down for video "
        "Strictly business: The actress covers the May issue of the magazine "
        "Short and sweet: She revealed the cut was inspired by a candidate "
        "And she said the scrutiny had been unfair. Later she left."
    )
    found = _kinds(text)
    assert found[0] == ("video-prompt", "Scroll down for video")
    assert found[1][0] == "caption"
    assert found[1][1].startswith("Strictly business:")
    assert found[1][1].endswith("inspired by a candidate")
    assert len(found) == 2


def test_a_caption_run_into_the_story_without_a_full_stop() -> None:
    text = (
        "The actress spoke about her role. Sharp dresser: The actress wears a striped shirt "
        "in the spread As for her character, she said it was a challenge. Later she left."
    )
    assert _kinds(text) == [
        ("caption", "Sharp dresser: The actress wears a striped shirt in the spread")
    ]


def test_the_last_caption_of_a_run_ends_the_body_with_no_end_mark() -> None:
    text = (
        "The striker scored twice. He celebrates with the fans in the north stand The "
        "manager watches from the touchline in the rain"
    )
    assert _kinds(text) == [
        ("caption", "He celebrates with the fans in the north stand"),
        ("caption", "The manager watches from the touchline in the rain"),
    ]


def test_a_body_that_is_furniture_end_to_end_keeps_it() -> None:
    assert _kinds("A boy waves from the pier at dusk The sea is calm at night") == []
    assert load_article("aShe 0").body == "aShe 0"


def test_linked_headlines_glued_together_are_captions() -> None:
    text = (
        "The minister resigned on Friday. Ministers clash over the new budget planThe "
        "bridge that took ten years to build"
    )
    kinds = _kinds(text)
    assert [k for k, _ in kinds] == ["caption", "caption"]
    assert kinds[1][1] == "The bridge that took ten years to build"


@pytest.mark.parametrize(
    "text",
    [
        # Its own full stop: a sentence of the story.
        "The actress wore a striped shirt. As for her character, she said it was hard.",
        # A line of its own: a heading or a list item, not a caption glued on.
        "The actress wore a striped shirt\nAs for her character, she said it was hard.",
        # A capitalised word that opens no sentence: a title, not a lost stop.
        "She told The Times that the show would return. It did.",
        # The last sentence lacks its stop, but nothing was run into it.
        "The actress wore a striped shirt. She said the role was a challenge",
    ],
)
def test_no_caption_without_a_lost_stop(text: str) -> None:
    assert [k for k, _ in _kinds(text)] == []


def test_captions_stop_at_a_quotation_that_resumes_the_story() -> None:
    text = (
        "He spoke at a rally. Scroll down for video Comedian Ann Lee, left, spoke during a rally "
        "in Leeds 'I made my money telling jokes, and I am proud of it,' she said."
    )
    captions = [t for k, t in _kinds(text) if k == "caption"]
    assert captions == ["Comedian Ann Lee, left, spoke during a rally in Leeds"]


def test_a_quoted_title_inside_a_caption_does_not_end_it() -> None:
    text = (
        "She moved in 2012. Scroll down for video Ann Moon (pictured) landed a role in the "
        "new sitcom 'Ismol Family' as a maid."
    )
    captions = [t for k, t in _kinds(text) if k == "caption"]
    assert captions == [
        "Ann Moon (pictured) landed a role in the new sitcom 'Ismol Family' as a maid."
    ]


@pytest.mark.parametrize(
    "line",
    [
        "Follow updates on this story and other news from Essex",
        "Read more on this story and other news from Suffolk",
        "Follow us on Twitter @ExampleNews, on Instagram at examplenews",
        "Listen: the manager on loyalty and mentality",
        "Subscribe to the Sport newsletter to get our pick of news sent to your inbox.",
        "Follow Matt on Twitter and on Facebook",
    ],
)
def test_calls_to_action_about_the_page_are_promos(line: str) -> None:
    text = f"The prison was searched on Monday.{line}A woman who lives nearby said so."
    assert _kinds(text) == [("promo", line)]


@pytest.mark.parametrize(
    "line",
    [
        "CNN's Jane Roe contributed to this report.",
        "Additional reporting by Jane Roe in Paris.",
        "Reporting by Jane Roe; Editing by John Doe.",
    ],
)
def test_inline_credits(line: str) -> None:
    text = f"The bridge opened on Friday. {line} Traffic was light."
    assert _kinds(text) == [("credit", line)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Listen, I know I am biased about the club.",
        "Following the vote, the council met again.",
        "Forget learning ABCs.",
        "Watch out for falling prices, the economist warned.",
        "Share prices fell 3% on Facebook and Twitter news.",
        "Her work contributed to the report's findings on housing.",
        "He scrolled down the page and found the video.",
        "They won 3-1, 2-0 and 4-2 in three games.",
    ],
)
def test_prose_that_looks_like_furniture_is_kept(sentence: str) -> None:
    text = f"The club met on Monday. {sentence} It ended late."
    assert _kinds(text) == []


def test_a_results_table_is_one_block() -> None:
    rows = " ".join(
        f"{i}. Driver Name{i} (Country) Team - Engine 1:3{i}.{i}{i}2" for i in range(1, 6)
    )
    text = f"Hamilton took pole in Shanghai. Rosberg was second. {rows}"
    found = _kinds(text)
    assert [k for k, _ in found] == ["table"]
    assert found[0][1].startswith("1. Driver Name1")
    assert found[0][1].endswith("1:35.552")


def test_blanking_keeps_every_offset() -> None:
    text = "Intro. Media playback is not supported on this deviceThe match went on."
    blocks = find_furniture(text)
    blanked = blank_furniture(text, blocks, 0, len(text))
    assert len(blanked) == len(text)
    assert "playback" not in blanked
    assert blanked.endswith("The match went on.")
    assert blanked[: len("Intro. ")] == "Intro. "


def test_the_body_a_model_reads_has_no_furniture_and_the_result_lists_it() -> None:
    raw = (
        "Pupils try new food\n\n"
        "Share this withEmailFacebookTwitterWhatsAppLinkedinCopy this link"
        "Researchers found that four in five pupils tried 12 new foods at school in 2011. "
        "The survey of 1,000 parents was published on Monday."
    )
    article = load_article(raw)
    assert "Facebook" not in article.body
    assert "Facebook" in article.raw_body
    assert len(article.body) == len(article.raw_body)
    result = check(raw)
    assert [b["kind"] for b in result.furniture] == ["share-bar"]
    assert result.to_dict()["furniture"][0]["text"].startswith("Share this with")
    assert all("Facebook" not in c.text and "Share" not in c.text for c in result.claims)
    assert "Share" not in result.summary
    for claim in result.claims:
        assert claim.evidence is not None
        start, end = claim.evidence.original_start, claim.evidence.original_end
        assert start is not None and end is not None
        assert raw[start:end] == claim.evidence.text


def test_no_furniture_without_trailer_detection() -> None:
    raw = "Intro here. Media playback is not supported on this device. More."
    assert load_article(raw, detect_trailer=False).furniture == ()


@pytest.mark.parametrize("target", sorted(SHARE_TARGETS))
def test_every_share_target_makes_a_share_bar(target: str) -> None:
    text = f"Share this with{target.capitalize()}Email. The story goes on here."
    kinds = [k for k, _ in _kinds(text)]
    assert kinds == ["share-bar"], target


@pytest.mark.parametrize("word", sorted(STORY_OPENERS))
def test_every_story_opener_ends_the_captions(word: str) -> None:
    text = (
        "It opened. Scroll down for video Opening day: crowds at the gate on Monday "
        f"{word.capitalize()} council said it went well."
    )
    captions = [t for k, t in _kinds(text) if k == "caption"]
    assert captions == ["Opening day: crowds at the gate on Monday"], word


@pytest.mark.skipif(not FRANK.is_dir(), reason="frank-valid is not beside the repository")
def test_real_articles_furniture_is_found_and_short() -> None:
    blocks = 0
    for path in sorted(FRANK.glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        article = load_article(raw)
        for block in article.furniture:
            blocks += 1
            assert article.text[block.start : block.end] == block.text
        if "Scroll down for video" in raw or "Media playback is not supported" in raw:
            assert any(b.kind == "video-prompt" for b in article.furniture), path.name
            assert "Scroll down for video" not in article.body
        if "Share this with" in raw:
            assert any(b.kind == "share-bar" for b in article.furniture), path.name
        # Furniture never takes more than a small part of a real article (a
        # picture story's captions come to nearly 40% of its body).
        blanked = sum(b.end - b.start for b in article.furniture)
        assert blanked <= 0.4 * len(article.raw_body), path.name
    assert blocks >= 60


_PIECES = st.sampled_from(
    [
        "Follow", "follow us", "Read more", "read More", "more on", "Listen:", "WATCH",
        "sign up", "get the latest", "See also", "related", "contributed to this report",
        "CONTRIBUTED to the story.", "Additional reporting by", "(Reporting by", "Written by",
        "Photographs by", "Image copyright", "Photos courtesy of", "video credit", "by",
        "the", "Essex", "A", " ", "\n", ".", ":", "'", "-", "x", "Follows", "byline",
    ]
)  # fmt: skip


@given(st.lists(_PIECES, max_size=8).map(" ".join))
def test_a_sentence_passed_over_could_not_have_been_a_promo_or_a_credit(text: str) -> None:
    # The quick test before a sentence's line breaks are looked for lets through
    # every sentence whose head a promo or a credit could match.
    for end in range(len(text) + 1):
        head = text[:end]
        if _PROMO_START.match(head):
            assert _PROMO_VERB_LOWER.match(lower_for_matching(text))
        if _CREDIT.search(head):
            assert _CREDIT_WORD_LOWER.search(lower_for_matching(text))


@pytest.mark.parametrize("verb", _PROMO_VERBS.split("|"))
def test_each_promo_verb_opens_a_sentence_the_quick_test_lets_through(verb: str) -> None:
    assert _PROMO_VERB_LOWER.match(lower_for_matching(f"{verb.title()} us on Twitter"))
    assert _PROMO_START.match(f"{verb} us on Twitter")


@pytest.mark.parametrize(
    "credit",
    [
        "CNN's Jo Smith contributed to this report.",
        "Additional reporting by Ann Lee",
        "Written by Sam Park",
        "Image copyright Getty Images",
        "Photo courtesy of the family",
        "Video credit Reuters",
    ],
)
def test_each_kind_of_credit_has_a_word_the_quick_test_looks_for(credit: str) -> None:
    assert _CREDIT.search(credit)
    assert _CREDIT_WORD_LOWER.search(lower_for_matching(credit))


# The plain form of ``_ROW_FIGURE``, which the module writes digit first.
_ROW_FIGURE_PLAIN = re.compile(r"\b\d{1,2}:\d{2}(?:[.:]\d+)?\b|\b\d+\.\d{3}\b|\b\d{1,3}-\d{1,3}\b")


@given(st.text(alphabet="0123456789٣:.- a_x", max_size=14))
def test_a_row_figure_is_found_where_the_plain_pattern_finds_one(text: str) -> None:
    for start in range(len(text) + 1):
        piece = text[start:]
        assert bool(_ROW_FIGURE.search(piece)) == bool(_ROW_FIGURE_PLAIN.search(piece))


_PAGE_PIECES = st.sampled_from(
    ["Share this with", "SHARE ON", "share the story", "Share via", "share ",
     " Email", " Facebook", " Twitter", "Scroll down for video",
     "scroll down for more", "Media playback is not supported on this device",
     "PLAYBACK isn't supported on your browser", "The", " man", " said.", "\n", "\n\n",
     " İ", "ſ", "K", " By Ann Lee", "Copy this link", "Follow us on Twitter", "x",
     "READ MORE", "_", "Sign Up"]
)  # fmt: skip


# The case-insensitive forms of the quick tests, which the module matches in
# the lowered text.
_PROMO_OPENING = re.compile(rf"\b(?:{_PROMO_VERBS})", re.I)
_CREDIT_WORD = re.compile(_CREDIT_WORD_LOWER.pattern, re.I)


@given(st.lists(_PAGE_PIECES, max_size=12).map("".join))
def test_furniture_skipped_by_the_word_checks_is_furniture_the_patterns_miss(text: str) -> None:
    # A body the quick checks pass over holds nothing the full patterns find.
    lowered = lower_for_matching(text)
    if not any(word in lowered for word in _SHARE_BAR_WORDS):
        assert _SHARE_BAR.search(text) is None
    if not any(word in lowered for word in _VIDEO_PROMPT_WORDS):
        assert _VIDEO_PROMPT.search(text) is None
    for s in range(len(text) + 1):
        found = _CREDIT_WORD_LOWER.search(lowered, s) is not None
        assert found == (_CREDIT_WORD.search(text[s:]) is not None)
        if s < len(text) and not text[s].isspace():  # where a trimmed sentence may start
            verb = _PROMO_VERB_LOWER.match(lowered, s) is not None
            assert verb == (_PROMO_OPENING.match(text[s:]) is not None)


@given(
    st.text(alphabet="0123456789٣:.- aBx\n", max_size=40),
    st.lists(st.integers(min_value=0, max_value=40), max_size=8),
)
def test_the_rows_found_from_hints_are_the_sentences_that_read_as_rows(
    text: str, cuts: list[int]
) -> None:
    # Any partition into spans, as a sentence split may cut anywhere.
    bounds = sorted({0, len(text), *(c for c in cuts if c <= len(text))})
    spans = [(s, e) for s, e in pairwise(bounds) if text[s:e].strip()]
    expected = {i for i, (s, e) in enumerate(spans) if _row_like(text[s:e])}
    assert _rows(text, spans, [s for s, _ in spans]) == expected

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck import (
    ArticleNotFoundError,
    EmptyArticleError,
    InputError,
    NotTextError,
    load_article,
)

ARTICLE = (
    "Council backs new bridge\n\n"
    "The council approved a 300-metre bridge on Monday, officials said.\n\n"
    "Work will start in 2027 and cost €12 million, said engineer Ana Ruiz.\n\n"
    "Copyright 2026 Example News Ltd. All rights reserved.\n\n"
    "https://news.example/bridge Council backs new bridge\n\n"
    "Related Articles\n\n"
    "Back to top"
)


def test_title_body_and_trailer_are_separated() -> None:
    article = load_article(ARTICLE)
    assert article.title == "Council backs new bridge"
    assert article.body.startswith("The council approved")
    assert article.body.endswith("said engineer Ana Ruiz.")
    kinds = [block.kind for block in article.trailer]
    assert kinds == ["copyright", "url", "navigation", "navigation"]
    assert "Copyright" not in article.body
    # Trailer blocks point at their own text.
    for block in article.trailer:
        assert article.text[block.start : block.end] == block.text


def test_bio_of_byline_person_goes_to_trailer() -> None:
    text = (
        "Storm closes port\n\n"
        "The port closed on Friday after winds of 120 km/h, the harbour master said.\n\n"
        "Ships will wait until Sunday.\n\n"
        "Jane Doe\n\n"
        "Jane Doe is a reporter for the Other Daily based in Oslo. She joined in 2024 "
        "and is a graduate of Example University.\n\n"
        "Back to top button"
    )
    article = load_article(text)
    assert article.body.endswith("Ships will wait until Sunday.")
    assert [b.kind for b in article.trailer] == ["byline", "bio", "navigation"]


def test_article_without_trailer_keeps_its_last_short_line() -> None:
    text = "Headline here\n\nFirst paragraph has facts: 12 ships.\n\nThe end"
    article = load_article(text)
    assert article.trailer == ()
    assert article.body.endswith("The end")


def test_crlf_bom_and_original_offsets() -> None:
    raw = "\ufeffTitle line\r\n\r\nBody with 100,000 troops.\r\nSecond line 2019.\r\n"
    article = load_article(raw.encode("utf-8"))
    assert "\r" not in article.text
    assert article.body == "Body with 100,000 troops.\nSecond line 2019."
    start = article.body.index("2019")
    o_start, o_end = article.body_span_to_original(start, start + 4)
    assert article.original[o_start:o_end] == "2019"
    o_start, o_end = article.body_span_to_original(0, 4)
    assert article.original[o_start:o_end] == "Body"


def test_html_remnants_are_removed_with_offsets_kept() -> None:
    raw = "Title\n\n<p>Prices rose 5&nbsp;percent in <b>May</b> &amp; June.</p>"
    article = load_article(raw)
    assert article.body == "Prices rose 5 percent in May & June."
    start = article.body.index("May")
    o_start, o_end = article.body_span_to_original(start, start + 3)
    assert article.original[o_start:o_end] == "May"
    o_start, o_end = article.body_span_to_original(start, len(article.body))
    assert article.original[o_start:o_end] == "May</b> &amp; June."


def test_str_is_text_and_path_is_a_file(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Just one line of text with 3 facts.", encoding="utf-8")
    from_path = load_article(path)
    assert from_path.body == "Just one line of text with 3 facts."
    assert from_path.source == str(path)
    assert load_article(str(path)).body == str(path)  # a str is the text itself


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t \r\n", "\ufeff  "])
def test_empty_input_is_rejected(text: str) -> None:
    with pytest.raises(EmptyArticleError):
        load_article(text)
    with pytest.raises(InputError):
        load_article(text.encode("utf-8"))


@pytest.mark.parametrize("data", [b"abc\x00def", b"\xff\xfe\x00", b"caf\xe9 au lait"])
def test_bytes_that_are_not_text_are_rejected(data: bytes) -> None:
    with pytest.raises(NotTextError):
        load_article(data)


def test_missing_path_and_directory_are_rejected(tmp_path: Path) -> None:
    with pytest.raises(ArticleNotFoundError, match="no such file"):
        load_article(tmp_path / "missing.txt")
    with pytest.raises(ArticleNotFoundError, match="directory"):
        load_article(tmp_path)


def test_ten_megabyte_input_works() -> None:
    paragraph = "The agency counted 1,204 ships in March, up 12 percent, its report said. "
    text = "Big report\n\n" + "\n\n".join(paragraph * 5 for _ in range(30_000))
    assert len(text) > 10_000_000
    article = load_article(text)
    assert article.title == "Big report"
    assert len(article.body) > 10_000_000 - 100


def test_seed_article_trailer_is_found(seed_article_path: Path) -> None:
    article = load_article(seed_article_path)
    assert article.title is not None and article.title.startswith("Putin")
    kinds = [block.kind for block in article.trailer]
    assert "copyright" in kinds and "url" in kinds and "bio" in kinds
    for marker in ("Copyright", "https://", "Dailynationtoday", "Back to top"):
        assert marker not in article.body
    assert article.body.rstrip().endswith("defense capabilities.")


def test_example_article_trailer_is_found(example_article_path: Path) -> None:
    article = load_article(example_article_path)
    assert [b.kind for b in article.trailer] == [
        "copyright",
        "url",
        "byline",
        "bio",
        "navigation",
        "navigation",
    ]
    assert "Westmoor" not in article.body


def test_body_paragraphs_about_copyright_or_newsletters_stay_in_the_body() -> None:
    text = (
        "Court rules on song rights\n\n"
        "The court ruled on Tuesday that the melody was not original, the judge said.\n\n"
        "Residents can sign up for alerts, and the copyright office will publish the ruling "
        "in March, officials said."
    )
    article = load_article(text)
    assert article.trailer == ()
    assert article.body.endswith("officials said.")


@pytest.mark.parametrize(
    "first",
    [
        "‘It was the best day of my life’",
        '"We will fight on to the end"',
        "We will fight on to the end.”",
        "'Is this really the end?'",
    ],
)
def test_a_short_opening_quotation_is_body_not_a_title(first: str) -> None:
    article = load_article(f"{first}\n\nThe minister spoke in Leeds on Friday.")
    assert article.title is None
    assert article.body.startswith(first)


@pytest.mark.parametrize(
    "headline", ["'No deal' warning from ministers", 'Minister rules out "no deal"']
)
def test_a_headline_holding_a_quotation_is_still_a_title(headline: str) -> None:
    article = load_article(f"{headline}\n\nThe minister spoke in Leeds on Friday.")
    assert article.title == headline


def test_a_leading_byline_is_not_a_title() -> None:
    article = load_article("By Jane Doe\n\nThe port closed on Friday, officials said.")
    assert article.title is None
    assert article.body.startswith("By Jane Doe")


def test_contact_line_with_email_is_trailer() -> None:
    text = (
        "Title\n\nThe port closed on Friday, officials said.\n\n"
        "Tips? Write to newsdesk@example.org.\n\nFollow us on social media"
    )
    article = load_article(text)
    assert [b.kind for b in article.trailer] == ["contact", "contact"]


def test_link_labels_and_one_line_columnist_bio_are_trailer() -> None:
    text = (
        "Storm hits coast\n\nThe storm brought 120 mm of rain on Sunday, forecasters said.\n\n"
        "Comments from residents will be accepted until May 3.\n\n"
        "Ana Ruiz is a columnist for the Coast Herald.\n\n"
        "Read more: How to prepare your home for the next big storm"
    )
    article = load_article(text)
    assert article.body.endswith("accepted until May 3.")
    assert [b.kind for b in article.trailer] == ["bio", "navigation"]

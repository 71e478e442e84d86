"""ground_claims: statuses, problems, evidence spans, windows and the trailer trap."""

from __future__ import annotations

from factcheck import Article, Claim, Evidence
from factcheck.grounding.claims import ground_claims


def test_statuses_in_order_and_none_dropped(harbour: Article) -> None:
    claims = [
        Claim(
            text="Port Kelby's harbour authority approved a €40m plan on Tuesday.",
            quote="The Port Kelby harbour authority on Tuesday approved a €40m plan",
        ),
        Claim(
            text="The harbour authority approved a €50m plan on Tuesday.",
            quote="The Port Kelby harbour authority on Tuesday approved a €40m plan",
        ),
        Claim(
            text="The mayor resigned.",
            quote="The mayor resigned after floods destroyed the bridge",
        ),
        Claim(text="Blue Estuary opposes dredging.", quote=""),
    ]
    grounded = ground_claims(harbour.body, claims)
    assert [c.text for c in grounded] == [c.text for c in claims]
    # €50m against the quote's €40m: another figure for the same amount.
    assert [c.status for c in grounded] == [
        "supported",
        "contradicted",
        "unsupported",
        "unsupported",
    ]
    assert grounded[0].problems == ()
    assert grounded[1].problems == ("number €50m not in evidence",)
    assert grounded[2].problems == ("quote not found in the article",)
    assert grounded[2].evidence is None
    assert grounded[3].problems == ("empty quote",)


def test_100000_is_not_10000() -> None:
    body = "Officials counted more than 100,000 visitors at the fair this year."
    claims = [
        Claim(text="More than 10,000 visitors were counted.", quote="more than 100,000 visitors"),
        Claim(text="More than 100,000 visitors were counted.", quote="more than 100,000 visitors"),
    ]
    first, second = ground_claims(body, claims)
    assert first.status == "contradicted"
    assert first.problems == ("number More than 10,000 not in evidence",)
    assert second.status == "supported"


def test_a_year_only_in_the_trailer_does_not_support_a_claim(harbour: Article) -> None:
    # The trailer's author bio says 2019; the body says 2009. The full text holds
    # both, so a check that looked past the body would pass this claim.
    assert "2019" in harbour.text
    assert "2019" not in harbour.body
    claim = Claim(
        text="It is the port's largest investment since 2019.",
        quote="the largest investment at the port since 2009",
    )
    (grounded,) = ground_claims(harbour.body, [claim])
    assert grounded.status == "partial"
    assert grounded.problems == ("date 2019 not in evidence",)


def test_a_quote_from_the_trailer_is_unsupported(harbour: Article) -> None:
    claim = Claim(
        text="Mara Lindqvist joined the Courier in 2019.",
        quote="She joined the Courier in 2019",
    )
    (grounded,) = ground_claims(harbour.body, [claim])
    assert grounded.status == "unsupported"


def test_names_must_be_in_the_quote_sentence(harbour: Article) -> None:
    claim = Claim(
        text="Blue Estuary says Ivan Petrović fears dredging could harm the seagrass beds.",
        quote="dredging could harm the seagrass beds",
    )
    (grounded,) = ground_claims(harbour.body, [claim])
    assert grounded.status == "partial"
    assert grounded.problems == ("name Ivan Petrović not in evidence",)


def test_evidence_spans_map_to_the_original_text(harbour: Article) -> None:
    quote = "a dozen protected species"
    claim = Claim(text="The seagrass shelters a dozen protected species.", quote=quote)
    (grounded,) = ground_claims(harbour.body, [claim], to_original=harbour.body_span_to_original)
    ev = grounded.evidence
    assert ev is not None
    assert ev.original_start is not None
    assert harbour.body[ev.start : ev.end] == quote
    assert harbour.original[ev.original_start : ev.original_end] == quote


def test_known_evidence_is_kept_without_a_search() -> None:
    body = "The ferry left at dawn. Later the ferry left at dawn again."
    quote = "the ferry left at dawn"
    second = body.index(quote)  # the lower-case occurrence is the second sentence's
    known = Evidence(start=second, end=second + len(quote), text=quote, method="exact", score=100)
    claim = Claim(text="A ferry left at dawn.", quote=quote, evidence=known)
    (grounded,) = ground_claims(body, [claim])
    assert grounded.status == "supported"
    assert grounded.evidence is not None
    assert grounded.evidence.start == second
    assert grounded.evidence.sentence_start == body.index("Later")


def test_stale_evidence_is_searched_again() -> None:
    body = "Tolls rose by 5% in spring. Fares fell."
    stale = Evidence(start=0, end=5, text="Fares", method="exact", score=100)
    claim = Claim(text="Fares fell.", quote="Fares fell", evidence=stale)
    (grounded,) = ground_claims(body, [claim])
    assert grounded.evidence is not None
    assert grounded.evidence.start == body.index("Fares fell")


def test_section_window_picks_the_occurrence_in_the_section() -> None:
    body = "Part one: the toll rose to 5 dollars.\n\nPart two: the toll rose to 5 dollars."
    second_part = body.index("Part two")
    spans = [(0, second_part), (second_part, len(body))]
    claims = [
        Claim(text="The toll rose to $5.", quote="the toll rose to 5 dollars", section=1),
        Claim(text="The toll rose to $5.", quote="the toll rose to 5 dollars", section=0),
        Claim(text="The toll rose to $5.", quote="the toll rose to 5 dollars", section=7),
    ]
    in_two, in_one, unknown = ground_claims(body, claims, section_spans=spans)
    assert in_two.evidence is not None
    assert in_two.evidence.start > second_part
    assert in_one.evidence is not None
    assert in_one.evidence.start < second_part
    assert unknown.evidence is not None
    assert unknown.evidence.start < second_part
    assert {c.status for c in (in_two, in_one, unknown)} == {"supported"}


def test_a_fuzzy_quote_with_a_changed_number_is_flagged(harbour: Article) -> None:
    claim = Claim(
        text="Ships will be able to dock for the first time.",
        quote="ships carrying more than 12,500 containers dock for the first time",
    )
    (grounded,) = ground_claims(harbour.body, [claim])
    assert grounded.evidence is not None
    assert grounded.evidence.method == "fuzzy"
    assert grounded.status == "partial"
    assert grounded.problems == (
        "quote differs from the article: number more than 12,500 not in evidence "
        "(evidence says more than 12,000)",
    )


def test_normalised_quote_is_supported(harbour: Article) -> None:
    claim = Claim(
        text="Zoë Kovačević said the port cannot stay regional forever.",
        quote='"We cannot stay a regional port forever," she told reporters',
    )
    (grounded,) = ground_claims(harbour.body, [claim])
    assert grounded.status == "supported"
    assert grounded.evidence is not None
    assert grounded.evidence.method == "normalized"


def test_empty_claim_text_is_partial(harbour: Article) -> None:
    (grounded,) = ground_claims(harbour.body, [Claim(text=" ", quote="a dozen protected species")])
    assert grounded.status == "partial"
    assert grounded.problems == ("empty claim text",)


def test_a_speaker_named_in_the_sentence_before_counts(harbour: Article) -> None:
    quote = "“We cannot stay a regional port forever,” she told reporters"
    claims = [
        Claim(text="Zoë Kovačević said the port cannot stay regional forever.", quote=quote),
        # Petrović is named two paragraphs later, not in the sentence before.
        Claim(text="Ivan Petrović said the port cannot stay regional forever.", quote=quote),
    ]
    speaker, stranger = ground_claims(harbour.body, claims)
    assert speaker.status == "supported"
    assert stranger.problems == ("name Ivan Petrović not in evidence",)


def test_the_speaker_rule_stops_at_a_paragraph_break() -> None:
    body = "Mayor Ana Ruiz opened the bridge.\n\nIt carries 9,000 cars a day, officials said."
    claim = Claim(
        text="Ana Ruiz says it carries 9,000 cars a day.", quote="It carries 9,000 cars a day"
    )
    (grounded,) = ground_claims(body, [claim])
    assert grounded.problems == ("name Ana Ruiz not in evidence",)


def test_a_long_body_is_grounded_claim_by_claim(harbour: Article) -> None:
    paragraphs = [f"Report {i}: the ferry carried {1000 + i} passengers." for i in range(20000)]
    body = "\n\n".join([*paragraphs, harbour.body])
    claims = [
        Claim(
            text="The ferry carried 1,007 passengers.", quote="the ferry carried 1007 passengers"
        ),
        Claim(
            text="The ferry carried 1,007 passengers.", quote="the ferry carried 1008 passengers"
        ),
        Claim(text="A dozen species shelter there.", quote="shelter a dozen protected species"),
        Claim(text="The mayor resigned.", quote="The mayor resigned after floods destroyed it"),
    ]
    spans = [(0, len(body) // 2), (len(body) // 2, len(body))]
    claims[3] = Claim(text=claims[3].text, quote=claims[3].quote, section=1)
    grounded = ground_claims(body, claims, section_spans=spans)
    assert [c.status for c in grounded] == [
        "supported",
        "contradicted",
        "supported",
        "unsupported",
    ]
    assert grounded[1].problems == ("number 1,007 not in evidence (evidence says 1008)",)
    assert len(body) > 800_000


def test_a_quote_of_common_words_carries_a_claim_through_its_figure() -> None:
    from factcheck.grounding.claims import TRIVIAL_QUOTE, ground_claim
    from factcheck.grounding.locate import BodyIndex

    body = "Harbour master Yuri Petrov counted the boats. There were 212 of them."
    index = BodyIndex(body)
    # Every word but the figure is a common one: the figure is what the claim rests on.
    kept = ground_claim(index, Claim(text="There were 212 boats.", quote="There were 212 of them."))
    assert TRIVIAL_QUOTE not in kept.problems
    # Without a figure, common words alone still carry nothing.
    bare = ground_claim(index, Claim(text="Petrov counted the boats.", quote="There were"))
    assert bare.status == "unsupported" and TRIVIAL_QUOTE in bare.problems

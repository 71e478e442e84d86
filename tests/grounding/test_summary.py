"""check_summary and verify_text against the harbour article."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck import Article, SentenceCheck, load_article
from factcheck.grounding import VerifyReport, verify_text
from factcheck.grounding.summary import SummaryChecker, check_summary


def by_text(checks: list[SentenceCheck]) -> dict[str, SentenceCheck]:
    return {c.text: c for c in checks}


def test_a_verbatim_sentence_is_supported_with_exact_evidence(harbour: Article) -> None:
    sentence = "Chairwoman Zoë Kovačević said the work would let ships carrying more than 12,000 containers dock for the first time."  # noqa: E501
    (check,) = check_summary(harbour.body, sentence)
    assert check.status == "supported"
    assert check.problems == ()
    assert check.evidence is not None
    assert check.evidence.method == "exact"
    assert harbour.body[check.evidence.start : check.evidence.end] == sentence


def test_statuses_of_a_paraphrased_summary(harbour: Article) -> None:
    summary = (
        "Port Kelby's harbour authority approved a €40m channel plan on Tuesday. "
        "Some 1,200 people work at Port Kelby, which plans to hire 500 more by 2026. "
        "Critics, including Blue Estuary, say dredging could harm the seagrass beds that shelter a dozen protected species costing €40m. "  # noqa: E501
        "The port employs some 12,000 people. "
        "The mayor resigned after floods destroyed the old bridge."
    )
    checks = check_summary(harbour.body, summary)
    assert [c.status for c in checks] == [
        "supported",
        "contradicted",
        "partial",
        "contradicted",
        "unsupported",
    ]
    # The matching sentence gives another figure for the new jobs.
    assert checks[1].problems == ("number 500 not in evidence",)
    # €40m is in the article, but not where the Blue Estuary sentence is, and
    # the sentence copies that passage: it is held to it.
    assert checks[2].problems[0] == "number €40m not near the matching text"
    # The body counts 1,200 people at the port ("more than 12,000" are containers).
    assert checks[3].problems[0] == "number some 12,000 not in evidence"
    assert checks[4].problems == ("no matching text in the article",)
    assert checks[4].evidence is None
    for check in checks:
        assert summary[check.start : check.end] == check.text


def test_evidence_points_at_the_best_matching_sentence(harbour: Article) -> None:
    (check,) = check_summary(harbour.body, "Blue Estuary warns dredging may harm seagrass beds.")
    assert check.status == "supported"
    assert check.evidence is not None
    assert check.evidence.method == "fuzzy"
    assert "Blue Estuary" in check.evidence.text
    assert check.evidence.sentence_start is not None
    assert check.evidence.sentence_start <= check.evidence.start


def test_trailer_facts_do_not_support_a_summary(harbour: Article) -> None:
    checks = check_summary(
        harbour.body,
        "It is the port's largest investment since 2019. "
        "It is the largest investment at Port Kelby since 2019. "
        "Mara Lindqvist joined the Courier.",
    )
    # The words match the first paragraph, but its one fact (2019) is only in the
    # trailer: with every fact absent the sentence is unsupported. Naming the port
    # adds a fact that is there, which makes the second sentence partial.
    assert [c.status for c in checks] == ["unsupported", "partial", "unsupported"]
    assert checks[0].problems == ("date 2019 not in the article",)
    assert checks[0].evidence is not None
    assert checks[1].problems == ("date 2019 not in the article",)


def test_empty_inputs() -> None:
    assert check_summary("Some body.", "") == []
    (check,) = check_summary("", "A sentence about nothing.")
    assert check.status == "unsupported"


def test_verify_text_loads_a_string_and_ignores_its_trailer(harbour_text: str) -> None:
    report = verify_text(harbour_text, "Port Kelby's largest investment since 2019.")
    assert report.kind == "summary"
    assert [c.status for c in report.checks] == ["partial"]
    assert report.checks[0].problems == ("date 2019 not in the article",)
    assert report.counts == {"supported": 0, "partial": 1, "unsupported": 0, "contradicted": 0}


def test_verify_text_with_an_article_and_a_claim_list(harbour: Article) -> None:
    claims = [
        "The government will cover 40 per cent of the cost.",
        "  ",
        "Ivan Petrović's office says the government will cover 45% of the cost.",
    ]
    report = verify_text(harbour, claims)
    assert report.kind == "claims"
    # 45% where the article says 40 per cent of the same cost: contradicted.
    assert [c.status for c in report.checks] == ["supported", "unsupported", "contradicted"]
    assert report.checks[1].problems == ("empty claim",)
    assert report.checks[2].problems[0].startswith("number 45% not in evidence")
    joined = "\n".join(claims)
    assert joined[report.checks[2].start : report.checks[2].end] == claims[2]
    assert (report.supported, report.contradicted, report.unsupported) == (1, 1, 1)
    assert not report.all_supported


def test_verify_text_reads_a_path(tmp_path: Path, harbour_text: str) -> None:
    path = tmp_path / "harbour.txt"
    path.write_text(harbour_text, encoding="utf-8")
    report = verify_text(path, "The seagrass beds shelter a dozen protected species.")
    assert report.source == str(path)
    assert report.all_supported


def test_report_to_dict_and_markdown(harbour: Article) -> None:
    report = verify_text(harbour, ["Blue Estuary | says 45% of seagrass is gone."])
    data = report.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["kind"] == "claims"
    assert data["total"] == 1
    assert data["counts"] == {"supported": 0, "partial": 1, "unsupported": 0, "contradicted": 0}
    assert data["checks"][0]["problems"][0] == "number 45% not in the article"
    markdown = report.to_markdown()
    assert "0 supported, 1 partial, 0 unsupported, 0 contradicted" in markdown
    assert "| 1 | partial | Blue Estuary \\| says 45% of seagrass is gone." in markdown
    table = [line for line in markdown.splitlines() if line.startswith("|")]
    assert len(table) == 3  # header, separator, one row


def test_empty_report_markdown() -> None:
    assert "Nothing to check." in VerifyReport([]).to_markdown()


_SENTENCES = st.lists(
    st.sampled_from(
        [
            "Port Kelby approved €40m.",
            "More than 12,000 ships came last week.",
            "Zoë said “yes” — again…",
            "In 2019, 2,000 people left.",
            "\x00\x1b odd \u200b text.",
            "٣ or １２ or ² apples.",
            "9" * 60 + " units.",
        ]
    ),
    max_size=6,
).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(st.one_of(st.text(max_size=200), _SENTENCES), st.one_of(st.text(max_size=200), _SENTENCES))
def test_check_summary_never_crashes(body: str, summary: str) -> None:
    for check in check_summary(body, summary):
        assert check.status in ("supported", "partial", "contradicted", "unsupported")
        assert summary[check.start : check.end] == check.text
        if check.evidence is not None:
            assert 0 <= check.evidence.start <= check.evidence.end <= len(body)


_FARES = (
    "DUNMORE — Dunmore Transit will raise fares in March.\n\n"
    "Buses will run later at night. Trains will run every ten minutes. "
    "Ferries will stop at the new pier. Riders aged 65 and over will pay half fare. "
    "Older riders said little. Spanish tourists pay the full fare, Dunmore said."
)


def test_a_sentence_opener_the_article_writes_in_lower_case_stands_in_for_no_one() -> None:
    # "Riders" opens the passage's sentence; the article writes "riders" too.
    (check,) = SummaryChecker(_FARES).check_summary(
        "Dunmore riders aged 65 and over will pay half fare."
    )
    assert check.status == "supported", check.problems


def test_a_demonym_stands_in_for_no_one_but_must_be_in_the_evidence() -> None:
    checker = SummaryChecker(_FARES)
    (kept,) = checker.check_summary("Dunmore said Spanish tourists pay the full fare.")
    assert kept.status == "supported", kept.problems
    (changed,) = checker.check_summary("Dunmore said French tourists pay the full fare.")
    assert changed.status != "supported"


def test_a_real_name_in_the_passage_still_stands_in() -> None:
    body = "Okafor runs the network. Brisk will raise fares in March, officials said."
    (check,) = SummaryChecker(body).check_summary("Okafor will raise fares in March.")
    assert check.status != "supported"


def test_who_may_stand_in_for_a_name() -> None:
    from factcheck.facts.names import ArticleCasing
    from factcheck.grounding.compare import FactSet
    from factcheck.grounding.summary import _names_someone_else

    casing = ArticleCasing.of(_FARES)
    claim = FactSet("Dunmore will raise fares.", casing)
    assert not _names_someone_else(claim, FactSet("Spanish tourists pay the full fare.", casing))
    assert not _names_someone_else(claim, FactSet("Riders aged 65 will pay half fare.", casing))
    assert _names_someone_else(claim, FactSet("Riders aged 65 will pay half fare."))  # no casing
    assert _names_someone_else(claim, FactSet("Mayor Brisk will raise fares.", casing))


def test_check_summary_reads_the_title_as_verify_does() -> None:
    """The pipeline's summary check and ``verify_text`` give one status for one sentence."""
    article = load_article(
        "Vellmar's cycle lanes are worth it\n\n"
        "ARDEN — Teodora Brisk, a shop owner, has complained for a year. "
        "The city spent 7 million euros to build 38 kilometres of cycle lanes. "
        "Cycling trips on the main corridors rose 27 percent in the first year.\n"
    )
    summary = "Vellmar spent 7 million euros to build 38 kilometres of cycle lanes."
    (with_title,) = check_summary(article.body, summary, title=article.title)
    (verified,) = verify_text(article, summary).checks
    assert with_title.status == verified.status == "supported"
    (without,) = check_summary(article.body, summary)
    assert without.status != "supported"

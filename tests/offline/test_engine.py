"""The engine as the pipeline calls it: options, notes, spans, size, determinism."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable

import pytest

from factcheck import ConfigurationError, load_article
from factcheck.offline.engine import OfflineEngine, OfflineOutput
from factcheck.result import Claim

Extract = Callable[[str], OfflineOutput]
Find = Callable[..., Claim]

TOWNS = ("Norby", "Vesta", "Castel", "Brena", "Okow", "Pallin", "Riverton")
PEOPLE = ("Maria Okafor", "Arjun Mehta", "Dana Whitfield", "Leo Varga", "Ines Roth")


def _generated(size: int) -> str:
    """A long article built from varied paragraphs (no randomness: fully reproducible)."""
    paragraphs: list[str] = []
    total = 0
    i = 0
    while total < size:
        town, person = TOWNS[i % len(TOWNS)], PEOPLE[i % len(PEOPLE)]
        paragraph = (
            f"{person} opened a school for {100 + i} pupils in {town} on Monday. "
            f"She said the building cost {i * 7 % 900 + 10} thousand euros; the council paid half. "
            f"Is the road to {town} safe? "
            f"Officials may review the plan in {1990 + i % 30}, but critics say it could fail."
        )
        paragraphs.append(paragraph)
        total += len(paragraph) + 2
        i += 1
    return "\n\n".join(paragraphs)


def test_no_checkable_content_gives_a_summary_and_no_claims(extract: Extract) -> None:
    body = (
        "It is a lovely time of year. People should enjoy the sunshine. "
        "What could be better than a walk?"
    )
    out = extract(body)
    assert out.claims == []
    assert out.summary == "It is a lovely time of year."
    assert out.notes == [
        "offline engine: the summary has 1 sentence(s); the other sentences are "
        "questions, fragments, quotations, repeats, or would pass a third of the body",
        "offline engine: no checkable claims found in the body",
    ]


def test_one_sentence_article(extract: Extract) -> None:
    body = "The council approved a budget of 5 million euros on Monday."
    out = extract(body)
    assert out.summary == body
    assert out.summary_spans == [(0, len(body))]
    assert [c.quote for c in out.claims] == [body]
    assert out.claims[0].category == "quantity"
    assert out.notes == []  # a short body is not a problem worth a warning


def test_extract_uses_the_article_body_and_maps_original_offsets() -> None:
    original = (
        "Harbour works finish\r\n\r\n"
        "The town of Vesta finished a sea wall on Friday.\r\n"
        "It cost 4 million euros, <b>the mayor</b> said.\r\n\r\n"
        "Copyright 2031 Vesta Gazette. All rights reserved.\r\n"
    )
    article = load_article(original)
    out = OfflineEngine().extract(article)
    assert "Copyright" not in out.summary
    assert "Harbour works finish" not in out.summary
    assert out.claims
    for claim in out.claims:
        ev = claim.evidence
        assert ev is not None
        assert ev.original_start is not None
        assert ev.original_end is not None
        assert article.body[ev.start : ev.end] == claim.quote
        assert (ev.original_start, ev.original_end) == article.body_span_to_original(
            ev.start, ev.end
        )
        assert "Copyright" not in claim.text
    sea_wall = next(c for c in out.claims if "sea wall" in c.text)
    assert sea_wall.evidence is not None
    assert original[sea_wall.evidence.original_start : sea_wall.evidence.original_end] == (
        "The town of Vesta finished a sea wall on Friday."
    )


def test_max_claims_keeps_the_strongest_in_reading_order() -> None:
    body = (
        "The town of Vesta held a fair. "
        "The ferry carried 1,200 passengers on 4 June, the first time since 1998. "
        "Mayor Ines Roth opened the market. "
        "The market sold 300 tonnes of fish in 2024."
    )
    out = OfflineEngine(max_claims=2).extract_text(body)
    assert [c.quote for c in out.claims] == [
        "The ferry carried 1,200 passengers on 4 June, the first time since 1998.",
        "The market sold 300 tonnes of fish in 2024.",
    ]
    assert any("kept the 2 strongest of" in note for note in out.notes)
    assert OfflineEngine(max_claims=0).extract_text(body).claims == []


def test_bad_options_are_refused() -> None:
    with pytest.raises(ConfigurationError, match="summary_sentences"):
        OfflineEngine(summary_sentences=0)
    with pytest.raises(ConfigurationError, match="between 1 and 5"):
        OfflineEngine(summary_sentences=6)
    with pytest.raises(ConfigurationError, match="max_claims"):
        OfflineEngine(max_claims=-1)


def test_clause_splitting_can_be_switched_off(find: Find) -> None:
    body = "Sales fell 8 percent in May, but profits rose 3 percent in June."
    whole = find(OfflineEngine(split_clauses=False).extract_text(body), "8 percent")
    assert whole.quote == body
    split = OfflineEngine().extract_text(body)
    assert len(split.claims) == 2


def test_generated_two_megabyte_article(extract: Extract) -> None:
    body = _generated(2_000_000)
    out = extract(body)  # also checks every quote against its span
    assert 1 <= len(out.summary_spans) <= 3
    assert len(out.summary) < 1000
    paragraphs = body.count("\n\n") + 1
    assert paragraphs > 8000
    # Each paragraph's school claim is unique (its pupil count); the cost claims
    # repeat every 900 paragraphs and the review claims every 30, and repeats go.
    schools = [c for c in out.claims if "opened a school" in c.text]
    assert len(schools) == paragraphs
    costs = [c for c in out.claims if "thousand euros" in c.text]
    assert len(costs) == 900
    assert all(c.text.startswith(PEOPLE) and c.speaker in PEOPLE for c in costs)
    reviews = [c for c in out.claims if "review the plan" in c.text]
    assert len(reviews) == 30
    assert all(c.stance == "hedged" for c in reviews)
    assert not any("safe?" in c.quote for c in out.claims)


def test_two_runs_are_identical() -> None:
    body = _generated(20_000)
    first = OfflineEngine().extract_text(body)
    second = OfflineEngine().extract_text(body)
    assert first == second
    assert first.claims  # a non-trivial comparison


def test_unpunctuated_run_gives_a_clipped_summary() -> None:
    body = " ".join(["harbour"] * 5000)
    out = OfflineEngine().extract_text(body)
    assert out.claims == []
    assert len(out.summary_spans) == 1
    start, end = out.summary_spans[0]
    assert start == 0
    assert 1000 < end <= 1500
    assert out.summary == body[start:end]
    assert not out.summary.endswith(" ")
    assert any("unpunctuated" in note for note in out.notes)
    assert any("longer than 60 words or 800 characters" in note for note in out.notes)


def test_blank_body() -> None:
    out = OfflineEngine().extract_text("  \n  ")
    assert (out.summary, out.summary_spans, out.claims) == ("", [], [])
    assert out.notes == ["offline engine: the body has no sentences"]


def test_output_does_not_depend_on_the_hash_seed() -> None:
    # Sets of words drive several decisions; none may follow their iteration order.
    script = (
        "import json, sys; from factcheck.offline.engine import OfflineEngine; "
        "out = OfflineEngine().extract_text(sys.stdin.read()); "
        "print(json.dumps([out.summary, [c.to_dict() for c in out.claims]]))"
    )
    body = _generated(6_000)
    runs = {
        subprocess.run(
            [sys.executable, "-c", script],
            input=body,
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    }
    assert len(runs) == 1
    assert json.loads(runs.pop())[1]  # claims were produced

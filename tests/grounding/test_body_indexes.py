"""Every check of one article reads one index of its body."""

from __future__ import annotations

import threading
from pathlib import Path

from factcheck import check, load_article
from factcheck.grounding.body_indexes import KEPT, body_index
from factcheck.grounding.claims import ground_claims
from factcheck.grounding.summary import SummaryChecker
from factcheck.result import Claim

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "article.txt"
BODY = (
    "The council approved the budget on Monday. Spending on roads rises by 12 percent.\n\n"
    "Mayor Ruth Okafor said the vote was close."
)


def test_the_same_body_gets_the_same_index() -> None:
    assert body_index(BODY) is body_index(BODY)
    # Equal text, another string object: still the same index.
    assert body_index("".join(list(BODY))) is body_index(BODY)


def test_another_body_gets_another_index() -> None:
    assert body_index(BODY) is not body_index(BODY + " More.")


def test_the_summary_check_reads_the_shared_index() -> None:
    assert SummaryChecker(BODY).index is body_index(BODY)


def test_grounding_fills_the_shared_index() -> None:
    body = BODY + " A line of its own."
    index = body_index(body)
    assert "normalized" not in vars(index)
    ground_claims(
        body, [Claim(text="The council approved the budget.", quote="approved the budget")]
    )
    # The quote was looked for in this very index: its sentence spans were built on it.
    assert "sentences" in vars(index)


def test_a_check_builds_one_index_that_later_checks_reuse() -> None:
    article = load_article(EXAMPLE)
    result = check(article)
    index = body_index(article.body)
    # The offline engine's own check, grounding and the summary check all ran on it:
    # its word index (the summary check's) and sentence spans are already built.
    assert {"sentences", "words", "casing"} <= set(vars(index))
    assert result.summary_checks
    assert SummaryChecker(article.body).index is index


def test_only_the_last_bodies_are_kept() -> None:
    first = body_index("First body. " * 3)
    for i in range(KEPT):
        body_index(f"Body number {i}.")
    assert body_index("First body. " * 3) is not first


def test_each_thread_has_its_own_index() -> None:
    body = BODY + " Threads."
    here = body_index(body)
    there: list[object] = []
    thread = threading.Thread(target=lambda: there.append(body_index(body)))
    thread.start()
    thread.join()
    assert there and there[0] is not here
    assert body_index(body) is here

"""Ordinary unit tests of the summariser, beside the eval suite's gold cases."""

from __future__ import annotations

from pathlib import Path

import pytest
from summariser import summarise

from factcheck.evals import assert_grounded

GOLD = Path(__file__).resolve().parents[1] / "gold"


def test_school_summary_is_grounded() -> None:
    article = (GOLD / "school-reopening" / "article.txt").read_text(encoding="utf-8")
    assert_grounded(article, str(summarise(article, "school-reopening")["summary"]))


def test_an_invented_figure_fails_assert_grounded() -> None:
    article = (GOLD / "ferry-subsidy" / "article.txt").read_text(encoding="utf-8")
    with pytest.raises(AssertionError, match=r"€2\.5 million"):
        assert_grounded(article, str(summarise(article, "ferry-subsidy")["summary"]))

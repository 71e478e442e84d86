"""bench/realnews.py: its rules on hand-made cases, and its invariants on a few real articles.

The real articles are read from ``../shared`` and never copied; those tests skip
when it is absent. No timing is asserted.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from functools import lru_cache
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "realnews.py"
ARTICLES = Path(__file__).resolve().parents[3] / "shared" / "data" / "frank-valid" / "articles"

pytestmark = pytest.mark.skipif(not BENCH.is_file(), reason="bench/ is not part of this checkout")


@lru_cache(maxsize=1)
def _bench() -> ModuleType:
    name = "factcheck_bench_realnews"
    spec = importlib.util.spec_from_file_location(name, BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # its dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


# (the script's rule, text, what the rule must say); some built to fool the rule.
RULE_CASES = [
    ("spans_sentences", "The vote was held on Monday.", False),
    ("spans_sentences", "He was sentenced.He appealed.", True),  # glued
    ("spans_sentences", '"It is over," he said. The club agreed.', True),
    ("spans_sentences", "Dr. Ana Ruiz of the U.S. Navy spoke.", False),  # abbreviations
    ("spans_sentences", "The University of Texas M.D. Anderson Cancer Center opened.", False),
    ("spans_sentences", "George W. Bush spoke.", False),  # an initial
    ("spans_sentences", "Growth was 3.5 per cent.", False),  # a decimal point
    ("spans_sentences", "“Is it safe?” she asked.", False),  # runs on in lower case
    ("spans_sentences", "Is it safe? Nobody knows.", True),
    ("opens_on_pronoun", "He was sentenced in 2015.", True),
    ("opens_on_pronoun", "“We had no warning,” she said.", True),
    ("opens_on_pronoun", "Their goal is to finish.", True),
    ("opens_on_pronoun", "Hearts won 2-1.", False),
    ("opens_on_pronoun", "Ithaca voted.", False),
    ("opens_on_pronoun", "The council said it would act.", False),
    ("has_furniture", "Scroll down for video", True),
    ("has_furniture", "Share this withEmailFacebookCopy this link", True),
    ("has_furniture", "Media playback is not supported on this device", True),
    ("has_furniture", "CNN's Ana Ruiz contributed to this report.", True),
    ("has_furniture", "Daniel Vettel (Germany) Ferrari 1:37.540", True),
    ("has_furniture", "The video was shared 3,000 times.", False),
    ("has_furniture", "He scrolled through the report.", False),
]


@pytest.mark.parametrize(("rule", "text", "expected"), RULE_CASES)
def test_rule(rule: str, text: str, expected: bool) -> None:
    assert getattr(_bench(), rule)(text) is expected


@pytest.mark.skipif(not ARTICLES.is_dir(), reason="../shared/data/frank-valid is not present")
def test_invariants_on_a_few_real_articles() -> None:
    done = subprocess.run(
        [sys.executable, str(BENCH), "--articles", str(ARTICLES), "--limit", "6", "--no-gold"],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["articles"] == 6
    assert report["claims"] > 0
    assert report["articles_without_claims"] == 0
    assert report["quotes_verbatim"] == 1.0
    assert report["summary_max_sentences"] <= 5
    assert 0.0 <= report["claims_over_40_words"] <= 1.0
    assert "gold_claim_f1" not in report


@pytest.mark.skipif(not ARTICLES.is_dir(), reason="../shared/data/frank-valid is absent")
def test_the_gold_figure_scores_every_real_text_case() -> None:
    figures = _bench().gold_f1(ARTICLES)
    assert figures["gold_cases"] == len(figures["gold_claim_f1_by_case"]) >= 12
    assert all(0.0 <= f1 <= 1.0 for f1 in figures["gold_claim_f1_by_case"].values())
    assert set(figures["gold_claim_f1_by_dataset"]) == {"bbc", "cnndm"}


def test_a_missing_articles_directory_is_exit_2(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(BENCH), "--articles", str(tmp_path / "none")],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1

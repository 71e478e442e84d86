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


@pytest.mark.parametrize(
    ("quote", "spans"),
    [
        ("The vote was held on Monday.", False),
        ("He was sentenced.He appealed.", True),  # glued
        ('"It is over," he said. The club agreed.', True),
        ("Dr. Ana Ruiz of the U.S. Navy spoke.", False),  # abbreviations
        ("The University of Texas M.D. Anderson Cancer Center opened.", False),  # initials
        ("George W. Bush spoke.", False),
        ("Growth was 3.5 per cent.", False),  # a decimal point
        ("“Is it safe?” she asked.", False),  # the question runs on in lower case
        ("Is it safe? Nobody knows.", True),
    ],
)
def test_sentence_rule(quote: str, spans: bool) -> None:
    assert _bench().spans_sentences(quote) is spans


@pytest.mark.parametrize(
    ("text", "pronoun"),
    [
        ("He was sentenced in 2015.", True),
        ("“We had no warning,” she said.", True),
        ("Their goal is to finish.", True),
        ("Hearts won 2-1.", False),
        ("Ithaca voted.", False),
        ("The council said it would act.", False),
    ],
)
def test_pronoun_rule(text: str, pronoun: bool) -> None:
    assert _bench().opens_on_pronoun(text) is pronoun


@pytest.mark.parametrize(
    ("text", "furniture"),
    [
        ("Scroll down for video", True),
        ("Share this withEmailFacebookCopy this link", True),
        ("Media playback is not supported on this device", True),
        ("CNN's Ana Ruiz contributed to this report.", True),
        ("Daniel Vettel (Germany) Ferrari 1:37.540", True),
        ("The video was shared 3,000 times.", False),
        ("He scrolled through the report.", False),
    ],
)
def test_furniture_rule(text: str, furniture: bool) -> None:
    assert _bench().has_furniture(text) is furniture


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

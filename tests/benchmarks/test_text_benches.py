"""The text-layer benchmark scripts run on small inputs and report what they promise.

No timing is asserted: the scripts hold their own bounds. What does not depend
on the machine is: which inputs ran, the hard cases, the furniture counts.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
FRANK = BENCH.parent.parent / "shared" / "data" / "frank-valid"

pytestmark = pytest.mark.skipif(not BENCH.is_dir(), reason="bench/ is not part of this checkout")


def _run(script: str, *args: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, str(BENCH / script), *args],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return report


def test_hostile_text_bench_runs_every_input_and_bounds_memory() -> None:
    report = _run("hostile_text.py", "--chars", "3000", "--mb", "0.3", "--repeats", "1")
    assert set(report["ratio_to_ordinary"]) >= {
        "full_stops",
        "exclamations",
        "questions",
        "ellipses",
        "system_lines",
        "unclosed_comments",
        "glued_ends",
        "one_sentence",
    }
    assert report["single_sentence"]["peak_rss_mb"] < 300


def test_segmenter_bench_scores_the_project_segmenter_on_every_hard_case() -> None:
    report = _run(
        "segmenters.py", "--only", "factcheck.sentences", "--repeats", "1", "--run", "2000"
    )
    ours = report["segmenters"]["factcheck.sentences"]
    assert ours["hard_cases"]["wrong"] == []
    if FRANK.is_dir():
        assert ours["bbc"]["at_most_2_sentences"] == 0


@pytest.mark.skipif(not FRANK.is_dir(), reason="frank-valid is not beside the repository")
def test_furniture_bench_counts_blocks_on_real_articles() -> None:
    report = _run("furniture.py", "--quiet")
    assert report["articles"] == 146
    assert report["blocks"] == sum(report["by_kind"].values())
    assert report["by_kind"]["share-bar"] >= 15
    assert report["share_of_body_chars"] < 0.05

"""The benchmark scripts run end to end on small inputs and report what they promise.

Timings are not asserted (they belong to the machine); the figures that do not
depend on it are: request counts, token ratios, chunk budgets, exact offsets.
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


def run_bench(script: str, *args: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, str(BENCH / script), *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    last = done.stdout.strip().splitlines()[-1]
    report: dict[str, Any] = json.loads(last)
    return report


@pytest.mark.skipif(not BENCH.is_dir(), reason="bench/ is not part of this checkout")
def test_pipeline_bench_counts_requests_and_billed_tokens() -> None:
    report = run_bench(
        "pipeline.py",
        "--articles", "6",
        "--multi-articles", "2",
        "--concurrency", "3",
        "--latency", "0.01",
        "--processes", "2",
        "--no-peer",
    )  # fmt: skip
    assert report["processes"] == 2
    ours, multi = report["ours"], report["ours_multi_section"]
    one, one_multi = report["ours_one_process"], report["ours_one_process_multi_section"]
    assert ours["articles"] == 6
    assert ours["requests"] == 6
    assert ours["requests_per_article"] == 1.0
    # The schema is billed on top of the messages, and both exceed the body.
    assert 1.0 < ours["message_tokens_per_article_token"] < ours["prompt_tokens_per_article_token"]
    assert ours["ideal_s"] == pytest.approx(6 * 0.01 / 3)
    # wall_s is rounded to the millisecond; the ratio was taken before rounding.
    rounding = 0.0005 / ours["ideal_s"] + 0.0001
    assert ours["ratio_to_ideal"] == pytest.approx(ours["wall_s"] / ours["ideal_s"], abs=rounding)
    # 4,200-5,800 tokens at the default 2,000-token budget: 3 sections and a reduce each.
    assert multi["requests_per_article"] == 4.0
    # Every pass stays within the bound, as the server measured it.
    for row in (ours, multi, one, one_multi):
        assert 1 <= row["max_in_flight"] <= 3
    assert (one["requests"], one_multi["requests_per_article"]) == (6, 4.0)
    assert multi["client_cpu_s"] > 0
    # What the slots waited for, timed in one process: the first article's three
    # sections fill all three slots.
    assert 0 < one_multi["slots_first_full_s"] <= one_multi["wall_s"]
    for row in (one, one_multi):
        late = row["reply_read_late_ms"]
        assert late["median"] <= late["p90"]
        assert 0 <= row["after_last_reply_s"] <= row["wall_s"]
    for row in (ours, multi, one, one_multi):
        # client_cpu_s is rounded to the millisecond, the figure per article was not.
        assert row["client_cpu_ms_per_article"] == pytest.approx(
            1000 * row["client_cpu_s"] / row["articles"], abs=0.5 / row["articles"] + 0.001
        )
        # Every slot taken some of the time (the bound was reached) is at most
        # as much as slots in use on average, and both are shares of the run.
        assert 0.0 <= row["all_slots_busy"] <= 1.0
        assert 0.0 < row["slots_in_use"] <= 1.0
        assert row["load_average"] >= 0
    assert report["meets_targets"]["one_request_per_single_section_article"] is True
    assert set(report["meets_targets"]) == {
        "ratio_to_ideal",
        "multi_section_ratio_to_ideal",
        "prompt_tokens_per_article_token",
        "one_request_per_single_section_article",
    }


@pytest.mark.skipif(not BENCH.is_dir(), reason="bench/ is not part of this checkout")
def test_pipeline_bench_holds_the_peer_to_the_same_bound() -> None:
    pytest.importorskip("langchain_classic", reason="the bench extra is not installed")
    # Two multi-section articles have six sections to send at once: only the
    # peer's connection limit keeps it to three (the script stops above that).
    report = run_bench(
        "pipeline.py",
        "--articles", "4",
        "--multi-articles", "2",
        "--concurrency", "3",
        "--latency", "0.05",
    )  # fmt: skip
    peer = report["langchain_map_reduce_multi_section"]
    assert peer["requests"] == 8  # three sections and a reduce each
    assert 1 <= peer["max_in_flight"] <= 3
    assert report["langchain_map_reduce"]["max_in_flight"] <= 3
    assert report["multi_section_wall_to_peer"] == pytest.approx(
        report["ours_multi_section"]["wall_s"] / peer["wall_s"], rel=0.01
    )
    assert "multi_section_wall_to_peer" in report["meets_targets"]


@pytest.mark.skipif(not BENCH.is_dir(), reason="bench/ is not part of this checkout")
def test_judge_bench_holds_requests_to_its_bound() -> None:
    report = run_bench("judge.py", "--limit", "4", "--per-kind", "2", "--concurrency", "2")
    sets = [name for name in ("perturbations", "frank") if name in report]
    assert "perturbations" in sets
    for name in sets:
        cost = report[name]["cost"]
        # Counted by the loopback server itself, for each set on its own.
        assert cost["max_in_flight_seen_by"] == "server"
        assert 1 <= cost["max_in_flight"] <= 2
        assert cost["requests"] >= cost["max_in_flight"]


@pytest.mark.skipif(not BENCH.is_dir(), reason="bench/ is not part of this checkout")
def test_offline_bench_reports_speed_and_memory() -> None:
    report = run_bench("offline.py", "--runs", "3", "--mb", "0.2", "--first-calls", "1")
    assert report["input_mb"] == 0.2
    assert report["first_call_ms"] > 0
    assert report["claims"] > 0
    assert report["peak_rss_mb"] >= report["baseline_rss_mb"] > 0
    assert report["seed_ms"] > 0
    assert set(report["meets_targets"]) == {"seed_ms", "peak_rss_mb"}


@pytest.mark.skipif(not BENCH.is_dir(), reason="bench/ is not part of this checkout")
def test_chunking_bench_keeps_budget_and_offsets() -> None:
    report = run_bench("chunking.py", "--repeats", "1", "--articles", "20", "--no-peers")
    assert report["budget"] == 512
    assert 0 < report["max_section_tokens"] <= 512
    assert report["offsets_exact"] is True
    assert report["sentence_end_share"] > 0.9
    assert report["ratio_to_raw_encode"] > 0


# The text layer: no timing is asserted (the scripts hold their own bounds).
@pytest.mark.skipif(not BENCH.is_dir(), reason="bench/ is not part of this checkout")
def test_hostile_text_bench_runs_every_input_and_bounds_memory() -> None:
    report = run_bench("hostile_text.py", "--chars", "3000", "--mb", "0.3", "--repeats", "1")
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


@pytest.mark.skipif(not BENCH.is_dir(), reason="bench/ is not part of this checkout")
def test_segmenter_bench_scores_the_project_segmenter_on_every_hard_case() -> None:
    report = run_bench(
        "segmenters.py", "--only", "factcheck.sentences", "--repeats", "1", "--run", "2000"
    )
    ours = report["segmenters"]["factcheck.sentences"]
    assert ours["hard_cases"]["wrong"] == []
    if FRANK.is_dir():
        assert ours["bbc"]["at_most_2_sentences"] == 0


@pytest.mark.skipif(not FRANK.is_dir(), reason="frank-valid is not beside the repository")
@pytest.mark.skipif(not BENCH.is_dir(), reason="bench/ is not part of this checkout")
def test_furniture_bench_counts_blocks_on_real_articles() -> None:
    report = run_bench("furniture.py", "--quiet")
    assert report["articles"] == 146
    assert report["blocks"] == sum(report["by_kind"].values())
    assert report["by_kind"]["share-bar"] >= 15
    # Photo captions run into the story (about a hundred on these pages) are
    # most of it; still a small part of the text.
    assert report["by_kind"]["caption"] >= 90
    assert report["share_of_body_chars"] < 0.07


@pytest.mark.skipif(not BENCH.is_dir(), reason="bench/ is not part of this checkout")
def test_every_sampled_table_mutant_is_killed() -> None:
    # One entry of each table, both mutations; the full run is reported in the README.
    report = run_bench("mutate_tables.py", "--sample", "1", "--control")
    assert report["survivors"] == []
    tables = len(report["tables"])
    # A dict entry gives two mutants (value, key), a tuple item one.
    assert tables <= report["mutants"] <= 2 * tables
    assert report["killed"] == report["mutants"]
    # The harness does see survivors: a change that changes nothing passes the tests.
    assert report["control"] == "survived"


@pytest.mark.skipif(not FRANK.is_dir(), reason="frank-valid is not available")
def test_ingest_bench_times_every_set() -> None:
    report = run_bench("ingest.py", "--passes", "1")
    counts = {name: report[name]["articles"] for name in ("frank_valid", "multi_section")}
    assert counts == {"frank_valid": 146, "multi_section": 24}
    assert report["single_section"]["articles"] == 100
    for name in ("frank_valid", "multi_section", "single_section"):
        assert report[name]["cpu_ms_per_article"] > 0

"""bench/judge.py runs end to end against the loopback server with the promised request count."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench" / "judge.py"


def test_judge_bench_counts_one_request_per_twenty_statements() -> None:
    done = subprocess.run(
        [sys.executable, str(BENCH), "--limit", "6", "--per-kind", "3", "--concurrency", "2"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    sets = [name for name in ("perturbations", "frank") if name in report]
    assert "perturbations" in sets
    for name in sets:
        cost = report[name]["cost"]
        assert cost["requests"] == cost["expected_requests"] > 0
        assert cost["judged"] == cost["statements"] and cost["failed_calls"] == 0
    kinds = report["perturbations"]
    assert set(kinds) == {"control", "number", "negation", "swapped_names", "cost"}
    assert all(kinds[k]["cases"] == 3 for k in ("control", "number", "negation", "swapped_names"))
    # The loopback model calls everything supported: the judge catches nothing, and
    # the combined flag is exactly the rules' flag.
    for kind in ("number", "negation", "swapped_names"):
        rates = kinds[kind]["catch_rate"]
        assert rates["judge"] == 0.0 and rates["combined"] == rates["rules"]
    pipeline = report["pipeline"]
    assert pipeline["judge_requests"] == math.ceil(pipeline["judged_statements"] / 20)
    assert pipeline["prompt_tokens_with_judge"] > pipeline["prompt_tokens_without_judge"]

"""Offline engine speed and memory: the example article, and a 10 MB input.

- ``seed_ms``: median wall time of ``factcheck.check`` on
  ``examples/article.txt`` (offline engine, end to end: ingest, extraction,
  grounding, summary checks), over ``--runs`` runs after one warm-up run;
  ``seed_cold_ms`` is the first run in a process that has imported the pipeline
  already; ``first_call_ms`` is what a user meets: the median over fresh
  processes of the first ``factcheck.check`` right after ``import factcheck``
  (the pipeline's modules, numpy and tiktoken load on that first call).
- ``mb_per_s`` and ``peak_rss_mb``: one ``check`` of a ~10 MB text built from
  the paragraphs of the articles this repository ships, with numbers and
  names varied, in a child process; ``peak_rss_mb`` is the child's
  high-water mark (reset at its start); ``baseline_rss_mb`` is its RSS after imports, before
  the check.

The last line printed is one JSON object.

    python bench/offline.py [--runs 30] [--mb 10] [--first-calls 5] [--profile]
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from _corpus import EXAMPLE, shipped_paragraphs, vary
from _rss import peak_rss_mb, reset_peak

from factcheck import check

TARGETS = {"seed_ms": 100.0, "peak_rss_mb": 300.0}


def big_text(megabytes: float, seed: int = 5) -> str:
    paragraphs = shipped_paragraphs()
    rng = random.Random(seed)
    size = int(megabytes * 1_000_000)
    parts = ["Generated council and court reports"]
    total = len(parts[0])
    while total < size:
        paragraph = vary(rng.choice(paragraphs), rng)
        parts.append(paragraph)
        total += len(paragraph.encode("utf-8")) + 2
    return "\n\n".join(parts) + "\n"


def child(path: str, profile: bool) -> None:
    """Run in a fresh process: one check of the file at ``path``; prints a JSON line."""
    # The parent's peak is inherited across fork and exec: start the mark afresh.
    reset_peak()
    text = Path(path).read_text(encoding="utf-8")
    baseline = peak_rss_mb()
    started = time.perf_counter()
    if profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.enable()
        result = check(text)
        profiler.disable()
        pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(30)
    else:
        result = check(text)
    seconds = time.perf_counter() - started
    size = len(text.encode("utf-8"))
    print(
        json.dumps(
            {
                "input_mb": round(size / 1e6, 3),
                "seconds": round(seconds, 3),
                "mb_per_s": round(size / 1e6 / seconds, 4),
                "baseline_rss_mb": round(baseline, 1),
                "peak_rss_mb": round(peak_rss_mb(), 1),
                "claims": len(result.claims),
            }
        )
    )


FIRST_CALL = (
    "import time, factcheck\n"
    "text = open({path!r}, encoding='utf-8').read()\n"
    "started = time.perf_counter()\n"
    "factcheck.check(text)\n"
    "print(time.perf_counter() - started)\n"
)


def first_call_ms(processes: int = 5) -> float:
    """Median over fresh processes of the first check after ``import factcheck``."""
    times = []
    for _ in range(processes):
        done = subprocess.run(
            [sys.executable, "-c", FIRST_CALL.format(path=str(EXAMPLE))],
            capture_output=True,
            text=True,
            check=True,
        )
        times.append(float(done.stdout.split()[-1]))
    return round(statistics.median(times) * 1000, 1)


def seed_timings(runs: int) -> dict[str, float]:
    text = EXAMPLE.read_text(encoding="utf-8")
    started = time.perf_counter()
    check(text)
    cold = time.perf_counter() - started
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        check(text)
        times.append(time.perf_counter() - started)
    return {
        "seed_ms": round(statistics.median(times) * 1000, 2),
        "seed_p90_ms": round(sorted(times)[int(0.9 * (len(times) - 1))] * 1000, 2),
        "seed_cold_ms": round(cold * 1000, 2),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--mb", type=float, default=10.0, help="size of the big input")
    parser.add_argument(
        "--first-calls", type=int, default=5, help="fresh processes timing the first call"
    )
    parser.add_argument("--profile", action="store_true", help="cProfile the big run (stderr)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    # The offline engine says once per check that no model was used.
    logging.getLogger("factcheck").setLevel(logging.ERROR)
    if args.child:
        child(args.child, args.profile)
        return

    report: dict[str, Any] = {"targets": TARGETS, **seed_timings(args.runs)}
    report["first_call_ms"] = first_call_ms(args.first_calls)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.txt"
        path.write_text(big_text(args.mb), encoding="utf-8")
        command = [sys.executable, __file__, "--child", str(path)]
        if args.profile:
            command.append("--profile")
        done = subprocess.run(command, check=True, capture_output=True, text=True)
        if args.profile:
            print(done.stderr, file=sys.stderr)
        big = json.loads(done.stdout.strip().splitlines()[-1])
    report.update(big)
    report["meets_targets"] = {
        "seed_ms": report["seed_ms"] < TARGETS["seed_ms"],
        "peak_rss_mb": report["peak_rss_mb"] < TARGETS["peak_rss_mb"],
    }
    print(json.dumps(report))


if __name__ == "__main__":
    main()

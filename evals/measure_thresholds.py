"""Suggest per-case thresholds for this repository's gold cases (offline engine by default).

    python evals/measure_thresholds.py [DIR] [--system S] [--margin 0.05] [--json]

A thin wrapper: the helper ships in the package as ``factcheck gold thresholds``
(``factcheck.evals.measure_thresholds``); this script only defaults to ``evals/cases``.
"""

from __future__ import annotations

from pathlib import Path

from factcheck.evals.measure_thresholds import main

HERE = Path(__file__).resolve().parent

if __name__ == "__main__":
    raise SystemExit(main(default_directory=str(HERE / "cases")))

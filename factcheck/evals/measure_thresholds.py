"""Measure what an engine scores on every case and suggest per-case thresholds.

    factcheck gold thresholds DIR [--system package.module:callable]
                                  [--external-dir D] [--margin 0.05] [--step 0.05] [--json]
    python -m factcheck.evals.measure_thresholds DIR ...   (the same)

The engine is the offline engine, or your own system with ``--system``.

A suggested threshold is the measured score minus the margin, rounded down to
a multiple of the step (both 0.05 by default): a measured recall of 0.89
suggests 0.80, a perfect 1.00 suggests 0.95; a suggestion of 0 is left out,
since it would constrain nothing. Thresholds follow the engine,
never the other way round: when a lower-is-better metric (forbidden text,
unsupported summary sentences) is past its limit, the script says so and
suggests no threshold for it, because the engine has to be fixed.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import Any

from factcheck.evals.cli_args import add_threshold_arguments
from factcheck.evals.runner import EvalOptions, default_external_dirs, find_cases, run_suite
from factcheck.evals.thresholds import METRICS

# Quality floors worth pinning per case; counts and usage are left to the defaults.
FLOOR_METRICS = (
    "claim_precision",
    "claim_recall",
    "claim_f1",
    "grounding_rate",
    "key_point_coverage",
    "stance_accuracy",
)


def suggest(measured: float, *, margin: float = 0.05, step: float = 0.05) -> float:
    """``measured - margin`` rounded down to a multiple of ``step``, never below 0."""
    # Rounding the quotient first keeps 0.85 / 0.05 (= 16.999999...) from flooring to 16.
    steps = math.floor(round((measured - margin) / step, 9))
    return max(0.0, round(steps * step, 4))


def measure(
    directory: Path,
    external_dirs: tuple[Path, ...],
    margin: float,
    step: float,
    *,
    system: str | None = None,
) -> dict[str, Any]:
    """Per case: measured floors, suggested thresholds, current thresholds, problems."""
    options = EvalOptions(external_dirs=external_dirs, system=system, baseline="none")
    suite = run_suite(find_cases(directory), options)
    out: dict[str, Any] = {}
    for case in suite.cases:
        score = case.primary.score
        entry: dict[str, Any] = {"status": score.status}
        if score.status in ("skipped", "error"):
            entry["reason"] = score.reason
            out[case.case_id] = entry
            continue
        measured = {m: score.metrics[m] for m in FLOOR_METRICS if m in score.metrics}
        entry["measured"] = {m: round(v, 4) for m, v in measured.items()}
        suggested = {m: suggest(v, margin=margin, step=step) for m, v in measured.items()}
        # A floor of 0 constrains nothing; leave such metrics to the defaults.
        entry["suggested"] = {m: v for m, v in suggested.items() if v > 0}
        entry["current"] = dict(case.gold.thresholds) if case.gold is not None else {}
        entry["problems"] = [
            failure
            for failure in score.failures
            if METRICS[failure.split()[0].rstrip(":")].higher_is_better is False
        ]
        out[case.case_id] = entry
    return out


def print_table(measured: dict[str, Any], engine: str = "offline") -> None:
    short = {"claim_precision": "P", "claim_recall": "R", "claim_f1": "F1"}
    short |= {"grounding_rate": "grnd", "key_point_coverage": "cov", "stance_accuracy": "stance"}
    width = max(len(case_id) for case_id in measured)
    print(f"measured -> suggested threshold, per case ({engine})")
    for case_id, entry in measured.items():
        if "measured" not in entry:
            print(f"{case_id.ljust(width)}  {entry['status']}: {entry.get('reason')}")
            continue
        cells = [
            f"{short[m]} {value:.2f}->{entry['suggested'].get(m, 0.0):.2f}"
            for m, value in entry["measured"].items()
        ]
        print(f"{case_id.ljust(width)}  " + "  ".join(cells))
        for problem in entry["problems"]:
            print(f"{' ' * width}  ENGINE PROBLEM (no threshold suggested): {problem}")
    print()
    print('Paste into each gold file as "thresholds":')
    for case_id, entry in measured.items():
        if "suggested" in entry:
            print(f"  {case_id}: {json.dumps(entry['suggested'])}")


def run(args: argparse.Namespace, *, root: Path | None = None) -> int:
    """Measure and print; ``root`` is where ``../shared`` is looked for external articles."""
    here = root or Path.cwd()
    external = tuple(Path(d) for d in args.external_dir) or default_external_dirs(here)
    system = args.system or None
    if system is not None and str(Path.cwd()) not in sys.path:
        sys.path.insert(0, str(Path.cwd()))  # as with ``python -m``
    measured = measure(Path(args.directory), external, args.margin, args.step, system=system)
    if args.json:
        json.dump(measured, sys.stdout, indent=2)
        print()
    else:
        print_table(measured, system or "offline engine")
    return 0


def main(argv: list[str] | None = None, *, default_directory: str | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    add_threshold_arguments(parser, default_directory=default_directory)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())

"""``factcheck eval [DIR]``: the eval suite without pytest.

Runs every gold file under DIR on the configured engine (a model, your own
system with ``--system``, or the offline engine; the offline baseline beside a
model or a system), prints why each failing case failed and
the same table as the pytest plugin, and writes the reports. Exit status: 0
when every case that was not skipped passed, 1 otherwise; a missing directory
or one without gold files is an input error (2, through the main CLI).
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import TextIO

from factcheck.cli import model_options_from_args
from factcheck.errors import ConfigurationError, InputError
from factcheck.evals.gold import GOLD_SUFFIX
from factcheck.evals.report_files import write_reports
from factcheck.evals.report_terminal import failure_message, format_table
from factcheck.evals.runner import (
    OFFLINE,
    CaseRun,
    EvalOptions,
    default_external_dirs,
    find_cases,
    run_suite,
)
from factcheck.evals.systems import load_system
from factcheck.evals.thresholds import parse_thresholds
from factcheck.model_options import DEFAULT_CACHE_MODE

EXIT_PASSED = 0
EXIT_FAILED = 1

log = logging.getLogger("factcheck")


def options_from_args(args: argparse.Namespace, *, cwd: Path | None = None) -> EvalOptions:
    """EvalOptions from parsed ``factcheck eval`` arguments (absent attributes: defaults)."""
    here = cwd or Path.cwd()
    given = [Path(here, d) for d in (getattr(args, "external_dir", None) or [])]
    system = getattr(args, "system", None) or None
    system_cache = getattr(args, "system_cache", None)
    connection = model_options_from_args(args)
    if system is not None:
        # As with ``python -m``: the system's module may live in the current directory.
        if str(here) not in sys.path:
            sys.path.insert(0, str(here))
        load_system(system)  # a typo is one usage error, not an error in every case
    return EvalOptions(
        model=connection.model if isinstance(connection.model, str) else None,
        connection=connection,
        max_section_tokens=getattr(args, "max_section_tokens", None),
        overlap=getattr(args, "overlap", None),
        baseline=getattr(args, "baseline", None) or OFFLINE,
        external_dirs=tuple(given) or default_external_dirs(here),
        judge=bool(getattr(args, "judge", False)),
        thresholds=parse_thresholds(getattr(args, "threshold", None) or []) or None,
        system=system,
        system_cache=Path(here, system_cache) if system_cache else None,
    )


def _progress(case: CaseRun) -> None:
    line = f"{case.case_id}: {case.status} ({case.primary.elapsed_s:.2f}s)"
    if case.baseline is not None:
        line += f"; baseline {case.baseline.engine.label}: {case.baseline.status}"
    log.info("%s", line)


def run_eval(args: argparse.Namespace, stdout: TextIO) -> int:
    """Run the suite named by ``args`` (see the module doc); returns the exit status."""
    directory = Path(getattr(args, "directory", None) or "evals")
    if not directory.exists():
        raise InputError(f"no such directory: {directory}")
    suffix = getattr(args, "suffix", None) or GOLD_SUFFIX
    paths = find_cases(directory, suffix=suffix)
    if not paths:
        raise InputError(f"no gold files (*{suffix}) under {directory}")
    options = options_from_args(args)
    if options.model is None and (
        options.connection.base_url or options.connection.cache != DEFAULT_CACHE_MODE
    ):
        raise ConfigurationError("--base-url and --cache need --model (a model to talk to)")
    if options.model is None and options.judge:
        raise ConfigurationError("--judge needs --model (a model to judge with)")
    if options.model is not None and options.system is not None:
        raise ConfigurationError("give --system or --model, not both")
    suite = run_suite(paths, options, on_case=_progress)
    for case in suite.cases:
        if case.status in ("failed", "error"):
            stdout.write(failure_message(case) + "\n\n")
    stdout.write(format_table(suite) + "\n")
    from factcheck.judge.agreement import agreement_line

    for run in suite.runs():
        line = agreement_line(run.score.case_id, run.score.metrics)
        if line is not None:
            stdout.write(line + "\n")
    report_dir = getattr(args, "report_dir", None)
    if report_dir:
        written = write_reports(suite, Path(report_dir), root=Path.cwd())
        names = ", ".join(path.name for path in written)
        stdout.write(f"reports written to {report_dir}: {names}\n")
    return EXIT_PASSED if suite.passed else EXIT_FAILED


def run_gold(args: argparse.Namespace, stdout: TextIO) -> int:
    """``factcheck gold lint``: 0 when every gold file is clean, 1 otherwise.

    ``factcheck gold thresholds``: measured scores and suggested thresholds (0).
    """
    if args.gold_command == "thresholds":
        from factcheck.evals.measure_thresholds import run

        if not Path(args.directory).exists():
            raise InputError(f"no such file or directory: {args.directory}")
        return run(args)
    from factcheck.evals.discovery import discover
    from factcheck.evals.gold_lint import lint_paths

    for target in args.paths:
        if not Path(target).exists():
            raise InputError(f"no such file or directory: {target}")
    paths = discover(args.paths, suffix=args.suffix)
    if not paths:
        raise InputError(f"no gold files (*{args.suffix}) in {', '.join(args.paths)}")
    here = Path.cwd()
    external = tuple(Path(here, d) for d in args.external_dir) or default_external_dirs(here)
    reports = lint_paths(paths, external)
    for report in reports:
        stdout.write(report.format() + "\n")
    bad = sum(not report.ok for report in reports)
    stdout.write(f"{len(reports)} gold file(s), {bad} with problems\n")
    return EXIT_FAILED if bad else EXIT_PASSED

"""``factcheck batch INPUT --out results.jsonl``: many articles, resumably.

Exit codes: 0 when every article succeeded, 1 when any failed (its line in
the output says why; re-running retries it), 2 for usage or input errors.
A one-line tally always goes to stderr; a live status line only when stderr
is a terminal.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any, TextIO

from factcheck.batch.openai_batch import run_openai_batch
from factcheck.batch.progress import BatchSummary
from factcheck.batch.runner import run_batch as run_library_batch
from factcheck.cli import model_options_from_args
from factcheck.display_text import for_terminal
from factcheck.errors import ConfigurationError
from factcheck.model_options import DEFAULT_CACHE_MODE
from factcheck.settings import CheckSettings

EXIT_OK = 0
EXIT_FAILURES = 1


def _settings(args: argparse.Namespace) -> CheckSettings | None:
    given: dict[str, Any] = {}
    if getattr(args, "max_section_tokens", None) is not None:
        given["max_section_tokens"] = args.max_section_tokens
    if getattr(args, "overlap", None) is not None:
        given["overlap_sentences"] = args.overlap
    if getattr(args, "judge", False):
        if not args.model:
            raise ConfigurationError("--judge needs --model (a model to judge with)")
        given["judge"] = True
    return CheckSettings(**given) if given else None


def _run(args: argparse.Namespace, progress: TextIO | None) -> BatchSummary:
    settings = _settings(args)
    options = model_options_from_args(args)
    processes = getattr(args, "processes", 1)
    if processes != 1 and (getattr(args, "ray", False) or getattr(args, "openai_batch", False)):
        raise ConfigurationError(
            "--processes applies to live calls from this machine, not to --ray or --openai-batch"
        )
    if getattr(args, "ray", False):
        from factcheck.ray.cli import run_on_ray

        return run_on_ray(args, options, settings)
    if getattr(args, "ray_address", None) or getattr(args, "ray_actors", None):
        raise ConfigurationError("--ray-address and --ray-actors need --ray")
    if getattr(args, "openai_batch", False):
        if options.model is None:
            raise ConfigurationError("--openai-batch needs --model")
        if options.cache != DEFAULT_CACHE_MODE:
            raise ConfigurationError("--cache applies to live calls, not to --openai-batch")
        return run_openai_batch(
            args.input,
            args.out,
            options=options,
            settings=settings,
            poll_interval=args.poll_interval,
            progress=progress,
        )
    return run_library_batch(
        args.input,
        args.out,
        options=options,
        settings=settings,
        progress=progress,
        processes=processes,
    )


def run_batch(args: argparse.Namespace, stdout: TextIO) -> int:
    """The ``batch`` command; input and usage errors propagate (the caller exits 2)."""
    progress = sys.stderr if sys.stderr.isatty() else None
    summary = _run(args, progress)
    print(f"factcheck: {summary.tally()}", file=sys.stderr)
    if summary.failed_ids:
        # Ids come from file names and input lines: no escape sequence of theirs is printed.
        shown = for_terminal(", ".join(summary.failed_ids[:5]))
        more = f" and {len(summary.failed_ids) - 5} more" if len(summary.failed_ids) > 5 else ""
        print(f"factcheck: failed: {shown}{more} (see {args.out})", file=sys.stderr)
    return EXIT_OK if summary.all_ok else EXIT_FAILURES

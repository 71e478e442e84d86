"""The ``factcheck`` command.

Exit codes: 0 success, 1 partial result (a section failed, a batch had
failures, ``verify`` found a sentence it cannot support, an eval case failed,
a gold file failed lint), 2 usage or input error. Errors are one line on stderr; a traceback
only ever means a bug.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from factcheck._version import __version__
from factcheck.errors import ConfigurationError, FactcheckError, InputError
from factcheck.model_options import (
    CACHE_MODES,
    DEFAULT_CACHE_MODE,
    DEFAULT_CONCURRENCY,
    DEFAULT_TIMEOUT_S,
    ModelOptions,
)
from factcheck.settings import DEFAULT_OVERLAP_SENTENCES, DEFAULT_SECTION_TOKENS, with_given

EXIT_OK = 0
EXIT_PARTIAL = 1
EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"factcheck: error: {message}\n")


# The numeric options of a check, with the defaults their help shows.
_NUMBER_OPTIONS: tuple[tuple[str, type, str], ...] = (
    ("--timeout", float, f"per-request timeout in seconds (default {DEFAULT_TIMEOUT_S:g})"),
    (
        "--max-section-tokens",
        int,
        f"token budget of one section (default {DEFAULT_SECTION_TOKENS})",
    ),
    (
        "--overlap",
        int,
        f"sentences repeated between sections (default {DEFAULT_OVERLAP_SENTENCES})",
    ),
    ("--concurrency", int, f"model calls in flight at once (default {DEFAULT_CONCURRENCY})"),
)


def _add_model_options(parser: argparse.ArgumentParser, *, sections: bool = True) -> None:
    group = parser.add_argument_group("model (default: the built-in offline engine)")
    group.add_argument(
        "--model",
        default=os.environ.get("FACTCHECK_MODEL"),
        help="model name on an OpenAI-compatible server (env FACTCHECK_MODEL); "
        "omit to use the offline engine",
    )
    group.add_argument(
        "--base-url",
        help="OpenAI-compatible server URL, e.g. http://localhost:8000/v1 for vLLM "
        "(default: OPENAI_BASE_URL or api.openai.com)",
    )
    group.add_argument(
        "--cache",
        choices=CACHE_MODES,
        default=DEFAULT_CACHE_MODE,
        help=f"response cache mode; replay makes a cache miss an error "
        f"(default: {DEFAULT_CACHE_MODE})",
    )
    group.add_argument("--cache-path", help="SQLite cache file (default: the user cache dir)")
    for flag, kind, meaning in _NUMBER_OPTIONS:
        # verify sends no article sections: it takes no section options.
        if sections or flag in ("--timeout", "--concurrency"):
            group.add_argument(flag, type=kind, help=meaning)


def model_options_from_args(args: argparse.Namespace) -> ModelOptions:
    """The :class:`ModelOptions` that ``run``, ``verify``, ``eval`` and ``batch`` flags give.

    A flag a command does not have, or one left out, keeps the default.
    """
    return with_given(
        ModelOptions(),
        model=getattr(args, "model", None) or None,
        base_url=getattr(args, "base_url", None),
        cache=getattr(args, "cache", None),
        cache_path=getattr(args, "cache_path", None),
        timeout=getattr(args, "timeout", None),
        concurrency=getattr(args, "concurrency", None),
    )


# Output formats by file extension, for -o without --format.
FORMAT_BY_SUFFIX = {".json": "json", ".md": "markdown", ".markdown": "markdown"}


def _add_format_options(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument(
        "--format",
        choices=["json", "markdown"],
        help=f"how the {what} is written (default: from the -o extension, "
        ".json or .md; otherwise markdown)",
    )
    parser.add_argument(
        "-o",
        "--output",
        help=f"write the {what} to this file (atomically, mode 0600) instead of stdout",
    )


def output_format(given: str | None, output: str | None) -> str:
    """``--format`` when given, else the one ``-o``'s extension names, else markdown."""
    if given is not None:
        return given
    if output is not None:
        return FORMAT_BY_SUFFIX.get(Path(output).suffix.lower(), "markdown")
    return "markdown"


def _add_ray_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("Ray (the ray extra): --out is a directory of shards")
    group.add_argument("--ray", action="store_true", help="run on Ray Data")
    group.add_argument(
        "--ray-address", help="cluster to join, e.g. auto or ray://head:10001 (default: local)"
    )
    group.add_argument("--ray-actors", type=int, help="actors checking articles (default: CPUs)")
    group.add_argument(
        "--out-format", choices=["jsonl", "parquet"], default="jsonl", help="shard format"
    )
    group.add_argument(
        "--skip-done", action="store_true", help="check only ids not yet ok in --out"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="factcheck",
        description="Summaries and grounded, checkable claims from news articles.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    run = commands.add_parser("run", help="summarise an article and check its claims")
    run.add_argument("article", help="article file, or - for standard input")
    _add_format_options(run, "result")
    _add_model_options(run)
    _add_judge_flag(run)

    verify = commands.add_parser(
        "verify", help="check a summary (or claims) written elsewhere against its source"
    )
    verify.add_argument("--source", required=True, help="the article file")
    verify.add_argument("--summary", help="summary file, or - for standard input")
    verify.add_argument("--claims", help="file with one claim per line, or - for stdin")
    _add_format_options(verify, "report")
    # With --model, the model also judges every sentence or claim.
    _add_model_options(verify, sections=False)
    verify.add_argument(
        "--fail-on",
        choices=["unsupported", "partial"],
        default="unsupported",
        help="exit 1 when any sentence is unsupported (or contradicted; the default), "
        "or also when any is only partly supported",
    )

    from factcheck.evals.cli_args import add_eval_options, add_external_dir, add_gold_parser

    evaluate = commands.add_parser("eval", help="run the eval suite over gold files")
    evaluate.add_argument("directory", nargs="?", default="evals", help="default: evals")
    evaluate.add_argument("--report-dir", default="reports", help="default: reports")
    add_external_dir(evaluate)
    evaluate.add_argument(
        "--baseline",
        default="offline",
        help="engine shown beside the model: offline, another model name, or none",
    )
    _add_model_options(evaluate)
    _add_judge_flag(evaluate)
    add_eval_options(evaluate)
    add_gold_parser(commands)

    batch = commands.add_parser("batch", help="check many articles, resumably, into JSONL")
    batch.add_argument(
        "input",
        help="a directory of articles, a JSONL file of {id, text}, or (with --ray) Parquet",
    )
    batch.add_argument("--out", required=True, help="output JSONL (re-running resumes it)")
    batch.add_argument(
        "--openai-batch",
        action="store_true",
        help="submit through the OpenAI Batch API instead of live calls",
    )
    batch.add_argument(
        "--processes",
        type=int,
        default=1,
        help="worker processes checking articles, sharing --concurrency (default 1; "
        "more when this side's CPU is what holds a batch back)",
    )
    batch.add_argument(
        "--poll-interval",
        type=float,
        default=30.0,
        help="seconds between Batch API status checks (default 30)",
    )
    _add_ray_options(batch)
    _add_model_options(batch)
    _add_judge_flag(batch)
    return parser


def _add_judge_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--judge",
        action="store_true",
        help="the model also judges every claim and summary sentence (one call per 20; "
        "needs --model)",
    )


def _read(path: str) -> str | Path:
    """Text from stdin for "-", otherwise a Path to be read by ingest."""
    if path == "-":
        data = sys.stdin.buffer.read()
        from factcheck.ingest import decode_bytes

        return decode_bytes(data)
    return Path(path)


def _write(text: str, output: str | None, stdout: TextIO) -> None:
    text = text if text.endswith("\n") else text + "\n"
    if output is None:
        if stdout.isatty():
            from factcheck.display_text import for_terminal

            text = for_terminal(text)
        stdout.write(text)
        return
    from factcheck.private_files import write_private

    # Results quote the article: owner-only. Only a regular file or a new name in an
    # existing directory is written (OutputPathError otherwise).
    write_private(Path(output), text)


def _cmd_run(args: argparse.Namespace, stdout: TextIO) -> int:
    from factcheck.pipeline import check

    result = check(
        _read(args.article),
        options=model_options_from_args(args),
        max_section_tokens=args.max_section_tokens,
        overlap_sentences=args.overlap,
        judge=args.judge,
    )
    fmt = output_format(args.format, args.output)
    text = result.to_json() if fmt == "json" else result.to_markdown()
    _write(text, args.output, stdout)
    if result.partial:
        print(
            f"factcheck: partial result: {len(result.failed_sections)} section(s) failed",
            file=sys.stderr,
        )
        return EXIT_PARTIAL
    return EXIT_OK


def _cmd_verify(args: argparse.Namespace, stdout: TextIO) -> int:
    from factcheck.grounding import verify_text
    from factcheck.ingest import load_article

    if (args.summary is None) == (args.claims is None):
        raise InputError("give exactly one of --summary or --claims")
    article = load_article(_read(args.source))
    if args.summary is not None:
        text: str | list[str] = _text_of(args.summary)
    else:
        text = [line.strip() for line in _text_of(args.claims).splitlines() if line.strip()]
    report: Any
    options = model_options_from_args(args)
    if options.model is not None:
        from factcheck.judge import verify_with_model

        report = verify_with_model(article, text, options=options)
    elif args.base_url or args.cache != DEFAULT_CACHE_MODE:
        raise ConfigurationError("--base-url and --cache need --model (a model to judge with)")
    else:
        report = verify_text(article, text)
    out = (
        json.dumps(report.to_dict(), ensure_ascii=False, indent=2)
        if output_format(args.format, args.output) == "json"
        else report.to_markdown()
    )
    _write(out, args.output, stdout)
    from factcheck.evals.grounded_output import failing_checks

    return EXIT_PARTIAL if failing_checks(report.checks, args.fail_on) else EXIT_OK


def _text_of(path: str) -> str:
    source = _read(path)
    if isinstance(source, str):
        return source
    from factcheck.ingest import read_source

    return read_source(source)[0]


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from factcheck.log_output import cli_logging

    with cli_logging(args.verbose):
        return _dispatch(args, stdout or sys.stdout)


def _error_line(exc: BaseException) -> str:
    """``exc`` as one line fit for a terminal: no keys, no controls, no line breaks."""
    from factcheck.display_text import for_terminal
    from factcheck.redaction import redact

    return " ".join(for_terminal(redact(str(exc))).split())


def _dispatch(args: argparse.Namespace, out: TextIO) -> int:
    try:
        if args.command == "run":
            return _cmd_run(args, out)
        if args.command == "verify":
            return _cmd_verify(args, out)
        if args.command == "eval":
            from factcheck.evals.cli import run_eval

            return int(run_eval(args, out))
        if args.command == "gold":
            from factcheck.evals.cli import run_gold

            return int(run_gold(args, out))
        from factcheck.batch.cli import run_batch

        return int(run_batch(args, out))
    except (InputError, FactcheckError) as exc:
        print(f"factcheck: error: {_error_line(exc)}", file=sys.stderr)
        return EXIT_USAGE if isinstance(exc, InputError) or _is_config(exc) else EXIT_PARTIAL
    except KeyboardInterrupt:
        print("factcheck: interrupted", file=sys.stderr)
        return 130


def _is_config(exc: Exception) -> bool:
    """Errors of the setup, not of the article: a bad option, a server that cannot be used."""
    from factcheck.errors import ConfigurationError, ServerConfigurationError

    return isinstance(exc, (ConfigurationError, ServerConfigurationError))


if __name__ == "__main__":
    raise SystemExit(main())

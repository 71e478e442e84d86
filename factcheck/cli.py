"""The ``factcheck`` command.

Exit codes: 0 success, 1 partial result (a section failed, or a batch had
failures), 2 usage or input error. Errors are one line on stderr; a traceback
only ever means a bug.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from factcheck._version import __version__
from factcheck.errors import FactcheckError, InputError

EXIT_OK = 0
EXIT_PARTIAL = 1
EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"factcheck: error: {message}\n")


def _add_model_options(parser: argparse.ArgumentParser) -> None:
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
        choices=["off", "read-write", "replay"],
        default="off",
        help="response cache mode; replay makes a cache miss an error (default: off)",
    )
    group.add_argument("--cache-path", help="SQLite cache file (default: the user cache dir)")
    group.add_argument("--timeout", type=float, help="per-request timeout in seconds (default 60)")
    group.add_argument("--max-section-tokens", type=int, help="token budget of one section")
    group.add_argument("--overlap", type=int, help="sentences repeated between sections")
    group.add_argument("--concurrency", type=int, help="model calls in flight at once")


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
    run.add_argument("--format", choices=["json", "markdown"], default="markdown")
    run.add_argument("-o", "--output", help="write the result here instead of stdout")
    _add_model_options(run)

    verify = commands.add_parser(
        "verify", help="check a summary (or claims) written elsewhere against its source"
    )
    verify.add_argument("--source", required=True, help="the article file")
    verify.add_argument("--summary", help="summary file, or - for standard input")
    verify.add_argument("--claims", help="file with one claim per line, or - for stdin")
    verify.add_argument("--format", choices=["json", "markdown"], default="markdown")
    verify.add_argument("-o", "--output", help="write the report here instead of stdout")

    evaluate = commands.add_parser("eval", help="run the eval suite over gold files")
    evaluate.add_argument("directory", nargs="?", default="evals", help="default: evals")
    evaluate.add_argument("--report-dir", default="reports", help="default: reports")
    evaluate.add_argument(
        "--external-dir",
        action="append",
        default=[],
        help="directory searched for external articles (repeatable)",
    )
    evaluate.add_argument(
        "--baseline",
        default="offline",
        help="engine shown beside the model: offline, another model name, or none",
    )
    _add_model_options(evaluate)

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
        "--poll-interval",
        type=float,
        default=30.0,
        help="seconds between Batch API status checks (default 30)",
    )
    _add_ray_options(batch)
    _add_model_options(batch)
    return parser


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
        stdout.write(text)
        return
    from factcheck.private_files import write_private

    path = Path(output)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_private(path, text)  # results quote the article: owner-only


def _cmd_run(args: argparse.Namespace, stdout: TextIO) -> int:
    from factcheck.pipeline import check

    result = check(
        _read(args.article),
        model=args.model,
        base_url=args.base_url,
        cache=args.cache,
        cache_path=args.cache_path,
        timeout=args.timeout,
        max_section_tokens=args.max_section_tokens,
        overlap_sentences=args.overlap,
        concurrency=args.concurrency,
    )
    text = result.to_json() if args.format == "json" else result.to_markdown()
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
    report = verify_text(article, text)
    out = (
        json.dumps(report.to_dict(), ensure_ascii=False, indent=2)
        if args.format == "json"
        else report.to_markdown()
    )
    _write(out, args.output, stdout)
    return EXIT_OK


def _text_of(path: str) -> str:
    source = _read(path)
    if isinstance(source, str):
        return source
    from factcheck.ingest import read_source

    return read_source(source)[0]


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="factcheck: %(message)s",
        stream=sys.stderr,
    )
    out = stdout or sys.stdout
    try:
        if args.command == "run":
            return _cmd_run(args, out)
        if args.command == "verify":
            return _cmd_verify(args, out)
        if args.command == "eval":
            from factcheck.evals.cli import run_eval

            return int(run_eval(args, out))
        from factcheck.batch.cli import run_batch

        return int(run_batch(args, out))
    except (InputError, FactcheckError) as exc:
        print(f"factcheck: error: {exc}", file=sys.stderr)
        return EXIT_USAGE if isinstance(exc, InputError) or _is_config(exc) else EXIT_PARTIAL
    except KeyboardInterrupt:
        print("factcheck: interrupted", file=sys.stderr)
        return 130


def _is_config(exc: Exception) -> bool:
    from factcheck.errors import ConfigurationError

    return isinstance(exc, ConfigurationError)


if __name__ == "__main__":
    raise SystemExit(main())

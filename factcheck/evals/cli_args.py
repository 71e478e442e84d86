"""The eval and gold-lint arguments of the ``factcheck`` command (no heavy imports here).

Kept apart from ``evals.cli`` so building the parser, which every
``factcheck`` command does, loads none of the harness.
"""

from __future__ import annotations

import argparse
from typing import Any


def add_external_dir(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--external-dir",
        action="append",
        default=[],
        help="directory searched for external articles (repeatable)",
    )


def add_eval_options(parser: argparse.ArgumentParser) -> None:
    """``factcheck eval``'s options beyond the model ones."""
    group = parser.add_argument_group("your own system and suite-wide limits")
    group.add_argument(
        "--system",
        help="evaluate your own system: package.module:callable, called with the article "
        "text (and the case id); its output is grounded, then scored",
    )
    group.add_argument(
        "--system-cache",
        help="directory caching the system's outputs by system, case and article hash",
    )
    group.add_argument(
        "--threshold",
        action="append",
        default=[],
        metavar="METRIC=VALUE",
        help="a suite-wide limit (repeatable); it can only tighten a gold file's own",
    )
    group.add_argument("--suffix", default=".gold.json", help="gold file suffix")


def add_gold_parser(commands: Any) -> None:
    """``factcheck gold lint DIR|FILE...``."""
    gold = commands.add_parser("gold", help="gold file tools")
    actions = gold.add_subparsers(dest="gold_command", required=True, parser_class=type(gold))
    lint = actions.add_parser("lint", help="check gold files against their articles")
    lint.add_argument("paths", nargs="+", help="gold files, or directories searched for them")
    add_external_dir(lint)
    lint.add_argument("--suffix", default=".gold.json", help="gold file suffix")
    thresholds = actions.add_parser(
        "thresholds", help="measure every case and suggest per-case thresholds"
    )
    add_threshold_arguments(thresholds, default_directory=None)


def add_threshold_arguments(
    parser: argparse.ArgumentParser, *, default_directory: str | None
) -> None:
    """The options of ``factcheck gold thresholds`` (and of this module run as a script)."""
    if default_directory is None:
        parser.add_argument("directory", help="gold files, or a directory searched for them")
    else:
        parser.add_argument("directory", nargs="?", default=default_directory)
    parser.add_argument("--system", help="measure your own system: package.module:callable")
    add_external_dir(parser)
    parser.add_argument("--margin", type=float, default=0.05)
    parser.add_argument("--step", type=float, default=0.05)
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")

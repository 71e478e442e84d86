"""Plain-text views of a suite run: the end-of-run table and the message of a failing case.

Both are printed to a terminal, and case ids, claims and error reasons come
from files and servers: what they return goes through ``for_terminal``, so no
escape sequence in them reaches the terminal.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from factcheck.display_text import for_terminal
from factcheck.evals.runner import CaseRun, Engine, EngineRun, SuiteRun
from factcheck.evals.scoring import CaseScore
from factcheck.evals.thresholds import METRICS


@dataclass(frozen=True)
class Column:
    header: str
    metric: str  # a CaseScore metric, or "elapsed_s" (the run's wall-clock time)
    width: int
    kind: str  # "rate", "count" or "seconds"


COLUMNS = (
    Column("P", "claim_precision", 5, "rate"),
    Column("R", "claim_recall", 5, "rate"),
    Column("F1", "claim_f1", 5, "rate"),
    Column("grnd", "grounding_rate", 5, "rate"),
    Column("cov", "key_point_coverage", 5, "rate"),
    Column("forb", "forbidden_hits", 5, "count"),
    Column("tokens", "total_tokens", 7, "count"),
    Column("time", "elapsed_s", 7, "seconds"),
)
STATUS_WIDTH = 6
STATUS_LABELS = {"passed": "pass", "failed": "FAIL", "skipped": "skip", "error": "ERROR"}
LEGEND = (
    "P/R/F1 claim precision/recall/F1 (one-to-one matching), grnd grounding rate, "
    "cov summary key-point coverage, forb forbidden strings found, tokens prompt+completion, "
    "time seconds per case; ! marks a value past its threshold. "
    "overall: means over the cases that ran; tokens and time are totals."
)
MAX_LISTED = 12


def _number(value: float, kind: str) -> str:
    if kind == "rate":
        return f"{value:.2f}"
    if kind == "seconds":
        return f"{value:.2f}s"
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}"


def breaches(score: CaseScore) -> set[str]:
    """Metrics of ``score`` that are past their thresholds."""
    out = set()
    for name, limit in score.thresholds.items():
        value = score.metrics.get(name)
        spec = METRICS.get(name)
        if value is None or spec is None:
            continue
        if (spec.higher_is_better and value < limit) or (
            spec.higher_is_better is False and value > limit
        ):
            out.add(name)
    return out


def _cells(run: EngineRun | None, columns: Sequence[Column]) -> list[str]:
    """Status then one cell per column; blanks where the case did not run."""
    if run is None:
        return ["", *("" for _ in columns)]
    score = run.score
    status = STATUS_LABELS.get(score.status, score.status)
    if score.status in ("skipped", "error") and not score.metrics:
        return [status, *("- " for _ in columns)]
    past = breaches(score)
    cells = [status]
    for column in columns:
        if column.metric == "elapsed_s":
            cells.append(_number(run.elapsed_s, column.kind) + " ")
            continue
        value = score.metrics.get(column.metric)
        if value is None:
            cells.append("- ")
            continue
        cells.append(_number(value, column.kind) + ("!" if column.metric in past else " "))
    return cells


def _overall_cells(summary: Mapping[str, Any], columns: Sequence[Column]) -> list[str]:
    """The overall row: passed/ran, metric means, total tokens and time."""
    means: Mapping[str, float] = summary["mean_metrics"]
    cells = [f"{summary['passed']}/{summary['passed'] + summary['failed']}"]
    for column in columns:
        if column.metric in ("elapsed_s", "total_tokens"):
            cells.append(_number(float(summary[column.metric]), column.kind) + " ")
        elif column.metric in means:
            cells.append(_number(means[column.metric], column.kind) + " ")
        else:
            cells.append("- ")
    return cells


def _group(cells: Sequence[str], columns: Sequence[Column]) -> str:
    parts = [cells[0].ljust(STATUS_WIDTH)]
    parts += [cell.rjust(column.width) for cell, column in zip(cells[1:], columns, strict=True)]
    return " ".join(parts)


def _width(columns: Sequence[Column]) -> int:
    return STATUS_WIDTH + sum(column.width + 1 for column in columns)


def _columns(engine: Engine) -> tuple[Column, ...]:
    """The offline engine uses no tokens, so its group leaves that column out."""
    if engine.model is None:
        return tuple(c for c in COLUMNS if c.metric != "total_tokens")
    return COLUMNS


def format_table(suite: SuiteRun) -> str:
    """The per-case table with an overall row; the baseline's columns sit beside the model's."""
    ids = [for_terminal(case.case_id) for case in suite.cases]
    first = max([len("overall"), len("case"), *(len(i) for i in ids)])
    groups = [(suite.engine, _columns(suite.engine), False)]
    title = f"llm-factcheck eval: {suite.engine.label}"
    if suite.baseline is not None and any(c.baseline for c in suite.cases):
        groups.append((suite.baseline, _columns(suite.baseline), True))
        title += f" (baseline: {suite.baseline.label})"

    def row(label: str, cells: Sequence[Sequence[str]]) -> str:
        parts = [_group(c, columns) for c, (_, columns, _) in zip(cells, groups, strict=True)]
        return (label.ljust(first) + "  " + " │ ".join(parts)).rstrip()

    names = [
        (engine.label + (" (baseline)" if is_baseline else "")).ljust(_width(columns))
        for engine, columns, is_baseline in groups
    ]
    header = row(
        "case", [["status", *(c.header + " " for c in columns)] for _, columns, _ in groups]
    )
    rule = "─" * len(header)
    lines = [title, (" " * first + "  " + " │ ".join(names)).rstrip(), header, rule]
    for case_id, case in zip(ids, suite.cases, strict=True):
        runs = [case.primary, case.baseline][: len(groups)]
        lines.append(
            row(
                case_id,
                [_cells(r, columns) for r, (_, columns, _) in zip(runs, groups, strict=True)],
            )
        )
    lines.append(rule)
    summaries = [suite.summary(), suite.summary(baseline=True)][: len(groups)]
    lines.append(
        row(
            "overall",
            [
                _overall_cells(s, columns)
                for s, (_, columns, _) in zip(summaries, groups, strict=True)
            ],
        )
    )
    lines += textwrap.wrap(LEGEND, width=max(len(rule), 60))
    for case in suite.cases:
        score = case.primary.score
        if score.status in ("skipped", "error") and score.reason:
            lines.append(f"{score.status} {case.case_id}: {score.reason}")
        if case.baseline is not None and case.baseline.status == "error":
            reason = case.baseline.score.reason or ""
            lines.append(f"baseline error {case.case_id}: {reason}")
    return for_terminal("\n".join(lines))


def _limited(items: Sequence[str], what: str) -> list[str]:
    shown = list(items[:MAX_LISTED])
    if len(items) > MAX_LISTED:
        shown.append(f"  … and {len(items) - MAX_LISTED} more {what} (the report lists all)")
    return shown


def _quote(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= limit else text[: limit - 1].rstrip() + "…")


def score_details(score: CaseScore) -> list[str]:
    """Why a case scored as it did: misses with reasons, unmatched predictions, hits."""
    lines: list[str] = []
    matching = score.matching
    if matching is not None and matching.missed and matching.n_predicted == 0:
        lines.append(
            f"missed gold claims ({len(matching.missed)} of {matching.n_gold}): "
            "the result has no claims"
        )
        lines += _limited([f"  #{m.index} {_quote(m.text)}" for m in matching.missed], "claims")
    elif matching is not None and matching.missed:
        lines.append(f"missed gold claims ({len(matching.missed)} of {matching.n_gold}):")
        lines += _limited(
            [f"  #{m.index} {_quote(m.text)}\n      {m.reason}" for m in matching.missed],
            "missed claims",
        )
    if matching is not None and matching.unmatched:
        lines.append(
            f"unmatched predictions ({len(matching.unmatched)} of {matching.n_predicted}):"
        )
        lines += _limited(
            [f"  #{m.index} {_quote(m.text)}\n      {m.reason}" for m in matching.unmatched],
            "unmatched predictions",
        )
    missed_points = [k for k in score.key_points if not k.covered]
    if missed_points:
        lines.append("summary key points not covered:")
        for point in missed_points:
            groups = "; ".join(" | ".join(group) for group in point.missing_groups)
            lines.append(f"  {point.label!r}: none of {groups}")
    if score.forbidden:
        lines.append("forbidden strings found:")
        lines += _limited([f"  {hit.string!r} in {hit.where}" for hit in score.forbidden], "hits")
    if score.stance_mismatches:
        lines.append("stance mismatches:")
        lines += [f"  {line}" for line in score.stance_mismatches]
    if score.invalid_claims:
        lines.append("claims that break the claim schema:")
        lines += _limited([f"  #{i}: {error}" for i, error in score.invalid_claims], "claims")
    if score.unsupported_summary:
        lines.append("unsupported summary sentences:")
        lines += _limited(
            [f"  {_quote(s.text)}: {'; '.join(s.problems)}" for s in score.unsupported_summary],
            "sentences",
        )
    if score.invented:
        lines.append("figures the article never states:")
        lines += _limited(
            [f"  {f.kind} {_quote(f.text)} in {f.where}" for f in score.invented], "figures"
        )
    return lines


def failed_sections(result: Mapping[str, Any] | None) -> list[str]:
    """The sections the model could not process, with the error of each."""
    sections = result.get("failed_sections") if result is not None else None
    if not isinstance(sections, Sequence) or not sections:
        return []
    lines = [f"sections the model could not process ({len(sections)}):"]
    for section in sections:
        if isinstance(section, Mapping):
            lines.append(
                f"  section {section.get('index')} "
                f"[{section.get('start')}:{section.get('end')}]: "
                f"{section.get('error_type')}: {section.get('message')}"
            )
    return lines


def failure_message(case: CaseRun) -> str:
    """What a failing (or erroring) case says in pytest: thresholds first, then the reasons."""
    score = case.primary.score
    engine = case.primary.engine.label
    if score.status == "error":
        return for_terminal(f"case {case.case_id} could not run on {engine}: {score.reason}")
    lines = [f"case {case.case_id} failed on {engine}:"]
    lines += [f"  {failure}" for failure in score.failures]
    lines += failed_sections(case.primary.result)
    lines += score_details(score)
    if case.baseline is not None:
        lines.append(baseline_line(case.baseline))
    return for_terminal("\n".join(lines))


def baseline_line(run: EngineRun) -> str:
    score = run.score
    if score.status in ("skipped", "error"):
        return f"baseline {run.engine.label}: {score.status} ({score.reason})"
    parts = [
        f"{column.header} {_number(score.metrics[column.metric], column.kind)}"
        for column in COLUMNS
        if column.metric in score.metrics
    ]
    return f"baseline {run.engine.label}: {score.status}, " + ", ".join(parts)

"""The Markdown report (``report.md``): overview table, then per case what went wrong."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from factcheck._version import __version__
from factcheck.evals.metric_table import LEGEND, Row, case_metric_lines, metric_groups
from factcheck.evals.report_alignment import AlignmentRow, alignment_rows
from factcheck.evals.report_json import display_path
from factcheck.evals.runner import CaseRun, EngineRun, SuiteRun
from factcheck.markdown import code_span, heading_anchor, inline


def _counts(summary: Mapping[str, Any]) -> str:
    ran = summary["passed"] + summary["failed"]
    parts = [f"**{summary['passed']} of {ran} cases passed**"]
    for status in ("failed", "skipped", "error"):
        if summary[status]:
            parts.append(f"{summary[status]} {status}")
    return ", ".join(parts)


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def _cells(row: Row) -> list[str]:
    # Cell texts are our own digits and units, never input text: nothing to escape.
    return [inline(row.status), *(cell.shown for cell in row.cells)]


def _overview(suite: SuiteRun) -> list[str]:
    """The metric table: a column group per engine, the baseline's named by its label."""
    groups = metric_groups(suite)
    headers = ["case"]
    for group in groups:
        prefix = f"{inline(group.engine.label)} " if group.baseline else ""
        headers += [f"{prefix}status", *(prefix + inline(c.label) for c in group.columns)]
    rows = []
    for index, case in enumerate(suite.cases):
        row = [f"[{inline(case.case_id)}](#{heading_anchor(case.case_id)})"]
        for group in groups:
            row += _cells(group.rows[index])
        rows.append(row)
    overall = ["overall"]
    for group in groups:
        overall += _cells(group.overall)
    rows.append(overall)
    return [*_table(headers, rows), "", inline(LEGEND)]


def _metric_lines(case: CaseRun) -> list[str]:
    """Every metric of the case with its limit, the baseline's beside the engine's."""
    runs = [case.primary, *([case.baseline] if case.baseline is not None else [])]
    lines = case_metric_lines(runs, case.primary.score.thresholds)
    if not lines:
        return []
    headers = ["metric", "threshold", *(inline(run.engine.label) for run in runs)]
    rows = [
        [code_span(line.metric), inline(line.threshold), *(c.shown for c in line.cells)]
        for line in lines
    ]
    return ["All metrics:", "", *_table(headers, rows), ""]


def _alignment(rows: Sequence[AlignmentRow]) -> list[str]:
    table = []
    for row in rows:
        if row.kind == "match":
            similarity = f"{row.similarity:.0f}" if row.similarity is not None else ""
            table.append(
                [
                    f"{row.gold_index}",
                    inline(row.gold_text or ""),
                    f"#{row.predicted_index} {inline(row.predicted_text or '')}",
                    f"matched, similarity {similarity}; {inline(row.predicted_status or '')}",
                ]
            )
        elif row.kind == "missed":
            table.append(
                [
                    f"{row.gold_index}",
                    inline(row.gold_text or ""),
                    "—",
                    f"**missed**: {inline(row.reason or '')}",
                ]
            )
        else:
            table.append(
                [
                    "",
                    "—",
                    f"#{row.predicted_index} {inline(row.predicted_text or '')}",
                    f"unmatched ({inline(row.predicted_status or '')}): {inline(row.reason or '')}",
                ]
            )
    return _table(["#", "gold claim", "predicted claim", "outcome"], table)


def _run_details(run: EngineRun) -> list[str]:
    score = run.score
    if score.status in ("skipped", "error"):
        return [f"{score.status.capitalize()}: {inline(score.reason or '')}", ""]
    lines: list[str] = []
    if score.failures:
        lines.append("Thresholds not met:")
        lines += [f"- {inline(failure)}" for failure in score.failures]
        lines.append("")
    rows = alignment_rows(score, run.result)
    if rows:
        lines += _alignment(rows)
        lines.append("")
    points = [
        f"{'covered' if k.covered else '**not covered**'}: {inline(k.label)}"
        for k in score.key_points
    ]
    if points:
        lines.append("Summary key points: " + "; ".join(points) + ".")
        lines.append("")
    if score.forbidden:
        hits = ", ".join(
            f"{code_span(hit.string)} in {inline(hit.where)}" for hit in score.forbidden
        )
        lines += [f"Forbidden strings found: {hits}.", ""]
    if score.stance_mismatches:
        lines += ["Stance mismatches:", *(f"- {inline(m)}" for m in score.stance_mismatches), ""]
    if score.unsupported_summary:
        lines.append("Unsupported summary sentences:")
        lines += [
            f"- {inline(s.text)} ({inline('; '.join(s.problems))})"
            for s in score.unsupported_summary
        ]
        lines.append("")
    return lines


def _case(case: CaseRun, root: Path | None) -> list[str]:
    lines = [f"## {inline(case.case_id)}", ""]
    description = case.gold.description if case.gold is not None else ""
    if description:
        lines += [f"> {inline(description)}", ""]
    lines += [
        f"Status **{inline(case.status)}** on {inline(case.primary.engine.label)} "
        f"({case.primary.elapsed_s:.2f}s). "
        f"Gold file: {code_span(str(display_path(case.gold_path, root)))}.",
        "",
    ]
    lines += _metric_lines(case)
    lines += _run_details(case.primary)
    if case.baseline is not None:
        lines += [
            f"### Baseline: {inline(case.baseline.engine.label)} ({inline(case.baseline.status)})",
            "",
        ]
        lines += _run_details(case.baseline)
    return lines


def report_markdown(suite: SuiteRun, *, root: Path | None = None) -> str:
    engines = f"Engine **{inline(suite.engine.label)}**"
    if suite.baseline is not None:
        engines += f", baseline **{inline(suite.baseline.label)}**"
    lines = [
        "# llm-factcheck eval report",
        "",
        f"{engines}. Generated {suite.generated_at} by llm-factcheck {__version__}.",
        "",
        _counts(suite.summary()) + ".",
        "",
    ]
    lines += _overview(suite)
    lines.append("")
    for case in suite.cases:
        lines += _case(case, root)
    return "\n".join(lines).rstrip() + "\n"

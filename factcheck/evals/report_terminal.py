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
from factcheck.evals.metric_table import LEGEND, Group, Row, columns_for, metric_groups, run_row
from factcheck.evals.runner import CaseRun, EngineRun, SuiteRun
from factcheck.evals.scoring import CaseScore

STATUS_LABELS = {"passed": "pass", "failed": "FAIL", "skipped": "skip", "error": "ERROR"}
MAX_LISTED = 12


@dataclass(frozen=True)
class _Layout:
    """One group as text: the status column, then a right-aligned column per metric."""

    group: Group
    widths: tuple[int, ...]  # status first

    @classmethod
    def of(cls, group: Group) -> _Layout:
        rows = [*group.rows, group.overall]
        status = max(len("status"), *(len(_status(r)) for r in rows))
        widths = [status]
        for index, column in enumerate(group.columns):
            # One place after each value is kept for the breach mark, so digits line up.
            texts = [column.label, *(r.cells[index].text for r in rows)]
            widths.append(max(len(t) for t in texts) + 1)
        return cls(group, tuple(widths))

    @property
    def width(self) -> int:
        return sum(self.widths) + len(self.widths) - 1

    def line(self, status: str, cells: Sequence[str]) -> str:
        parts = [status.ljust(self.widths[0])]
        parts += [cell.rjust(width) for cell, width in zip(cells, self.widths[1:], strict=True)]
        return " ".join(parts)

    def header(self) -> str:
        return self.line("status", [c.label + " " for c in self.group.columns])

    def row(self, row: Row) -> str:
        return self.line(_status(row), [(c.shown if c.breach else c.text + " ") for c in row.cells])


def _status(row: Row) -> str:
    return STATUS_LABELS.get(row.status, row.status)


def format_table(suite: SuiteRun) -> str:
    """The per-case table with an overall row; the baseline's columns sit beside the model's."""
    layouts = [_Layout.of(group) for group in metric_groups(suite)]
    ids = [for_terminal(case.case_id) for case in suite.cases]
    first = max([len("overall"), len("case"), *(len(i) for i in ids)])
    title = f"llm-factcheck eval: {suite.engine.label}"
    if len(layouts) > 1:
        title += f" (baseline: {layouts[1].group.engine.label})"

    def line(label: str, parts: Sequence[str]) -> str:
        return (label.ljust(first) + "  " + " │ ".join(parts)).rstrip()

    header = line("case", [layout.header() for layout in layouts])
    rule = "─" * len(header)
    lines = [
        title,
        line("", [layout.group.title.ljust(layout.width) for layout in layouts]),
        header,
        rule,
    ]
    for index, case_id in enumerate(ids):
        lines.append(line(case_id, [layout.row(layout.group.rows[index]) for layout in layouts]))
    lines.append(rule)
    lines.append(line("overall", [layout.row(layout.group.overall) for layout in layouts]))
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
    columns = columns_for(run.engine)
    parts = [
        f"{column.label} {cell.shown}"
        for column, cell in zip(columns, run_row("", run, columns).cells, strict=True)
        if cell.value is not None
    ]
    return f"baseline {run.engine.label}: {score.status}, " + ", ".join(parts)

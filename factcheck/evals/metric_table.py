"""The metric table every report renders: its columns, their labels and number formats,
and which values are past their limits.

The terminal table, ``report.md``, ``report.html`` and ``report.json`` all draw
the same :class:`Group` objects, so they show the same columns in the same
order with the same digits; only the markup around the cells differs. Which
way a metric is better lives with the metric itself (``thresholds.METRICS``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any, Literal

from factcheck.evals.runner import Engine, EngineRun, SuiteRun
from factcheck.evals.scoring import CaseScore
from factcheck.evals.thresholds import METRICS, format_limit, past_limit

Format = Literal["rate", "count", "seconds", "usd"]

ELAPSED = "elapsed_s"  # not a CaseScore metric: the run's wall-clock time
MISSING = "–"  # the metric was not measured for this run
BREACH_MARK = "!"


@dataclass(frozen=True)
class Column:
    metric: str  # a CaseScore metric, or ELAPSED
    label: str
    meaning: str
    total: bool = False  # the overall row sums it (tokens, time) rather than averaging

    @property
    def format(self) -> Format:
        return metric_format(self.metric)


COLUMNS = (
    Column("claim_precision", "P", "claim precision: matched predictions / predictions"),
    Column("claim_recall", "R", "claim recall: matched gold claims / gold claims"),
    Column("claim_f1", "F1", "claim F1: harmonic mean of claim precision and recall"),
    Column("grounding_rate", "grnd", "grounding rate: claims whose evidence supports them"),
    Column("key_point_coverage", "cov", "summary key points covered"),
    Column("forbidden_hits", "forb", "forbidden strings found in summary or claims"),
    Column("total_tokens", "tokens", "prompt + completion tokens", total=True),
    Column(ELAPSED, "time", "seconds to check the case", total=True),
)
LEGEND = (
    "P/R/F1 claim precision/recall/F1 (one-to-one matching), grnd grounding rate, "
    "cov summary key-point coverage, forb forbidden strings found, tokens prompt+completion, "
    f"time seconds per case; {BREACH_MARK} marks a value past its threshold. "
    "overall: means over the cases that ran; tokens and time are totals."
)

# Metrics shown as whole numbers; every other metric is a rate unless named below.
COUNT_METRICS = frozenset(
    {
        "forbidden_hits",
        "invented_figures",
        "prompt_tokens",
        "completion_tokens",
        "total_tokens",
        "requests",
        "claims_gold",
        "claims_predicted",
        "claims_matched",
        "summary_sentences",
        "unsupported_summary_sentences",
        "summary_words",
        "failed_sections",
    }
)
SECONDS_METRICS = frozenset({"latency_s", ELAPSED})
USD_METRICS = frozenset({"cost_usd"})


def metric_format(metric: str) -> Format:
    if metric in COUNT_METRICS:
        return "count"
    if metric in SECONDS_METRICS:
        return "seconds"
    if metric in USD_METRICS:
        return "usd"
    return "rate"


def format_metric(metric: str, value: float | None) -> str:
    """``value`` as every report prints ``metric``; MISSING when there is none."""
    if value is None:
        return MISSING
    kind = metric_format(metric)
    if kind == "rate":
        return f"{value:.2f}"
    if kind == "seconds":
        return f"{value:.2f}s"
    if kind == "usd":
        return f"${value:.4f}"
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}"


def breaches(score: CaseScore) -> set[str]:
    """Metrics of ``score`` that are past their thresholds."""
    return {
        name
        for name, limit in score.thresholds.items()
        if name in METRICS
        and name in score.metrics
        and past_limit(name, score.metrics[name], limit)
    }


def threshold_text(metric: str, limit: float) -> str:
    """``≥ 0.8`` for a minimum, ``≤ 0`` for a maximum, as threshold failures write it."""
    sign = "≥ " if METRICS[metric].higher_is_better else "≤ "
    return sign + format_limit(limit)


@dataclass(frozen=True)
class Cell:
    metric: str
    text: str  # the formatted value; "" where the case has no run for this engine
    value: float | None
    breach: bool = False

    @property
    def shown(self) -> str:
        """The text with the breach mark, as the text reports print it."""
        return self.text + (BREACH_MARK if self.breach else "")


@dataclass(frozen=True)
class Row:
    label: str  # the case id, or "overall"
    status: str  # the run's status; "passed/ran" on the overall row; "" when it did not run
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Group:
    """One engine's columns: a row per case and the overall row."""

    engine: Engine
    baseline: bool
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    overall: Row

    @property
    def title(self) -> str:
        return self.engine.label + (" (baseline)" if self.baseline else "")


def columns_for(engine: Engine) -> tuple[Column, ...]:
    """Only a model spends tokens: other engines' groups leave that column out."""
    if engine.model is None:
        return tuple(c for c in COLUMNS if c.metric != "total_tokens")
    return COLUMNS


def run_row(label: str, run: EngineRun | None, columns: Sequence[Column]) -> Row:
    """A case's cells; blanks where it did not run, MISSING where nothing was measured."""
    if run is None:
        return Row(label, "", tuple(Cell(c.metric, "", None) for c in columns))
    score = run.score
    if score.status in ("skipped", "error") and not score.metrics:
        return Row(label, score.status, tuple(Cell(c.metric, MISSING, None) for c in columns))
    past = breaches(score)
    cells = []
    for column in columns:
        value = run.elapsed_s if column.metric == ELAPSED else score.metrics.get(column.metric)
        cells.append(
            Cell(column.metric, format_metric(column.metric, value), value, column.metric in past)
        )
    return Row(label, score.status, tuple(cells))


def overall_row(summary: Mapping[str, Any], columns: Sequence[Column]) -> Row:
    """Passed of ran, metric means over the cases that ran, total tokens and time."""
    means: Mapping[str, float] = summary["mean_metrics"]
    cells = []
    for column in columns:
        value = float(summary[column.metric]) if column.total else means.get(column.metric)
        cells.append(Cell(column.metric, format_metric(column.metric, value), value))
    status = f"{summary['passed']}/{summary['passed'] + summary['failed']}"
    return Row("overall", status, tuple(cells))


def metric_groups(suite: SuiteRun) -> list[Group]:
    """The primary engine's group, then the baseline's when any case ran it."""
    out = []
    engines = [(suite.engine, False)]
    if suite.baseline is not None and any(case.baseline for case in suite.cases):
        engines.append((suite.baseline, True))
    for engine, is_baseline in engines:
        columns = columns_for(engine)
        rows = tuple(
            run_row(case.case_id, case.baseline if is_baseline else case.primary, columns)
            for case in suite.cases
        )
        overall = overall_row(suite.summary(baseline=is_baseline), columns)
        out.append(Group(engine, is_baseline, columns, rows, overall))
    return out


def _row_data(row: Row) -> dict[str, Any]:
    return {"label": row.label, "status": row.status, "cells": [asdict(c) for c in row.cells]}


def metric_table_data(suite: SuiteRun) -> dict[str, Any]:
    """The table as plain JSON data (the ``metric_table`` of ``report.json``)."""
    groups = [
        {
            "engine": group.engine.label,
            "baseline": group.baseline,
            "columns": [{**asdict(c), "format": c.format} for c in group.columns],
            "rows": [_row_data(row) for row in group.rows],
            "overall": _row_data(group.overall),
        }
        for group in metric_groups(suite)
    ]
    return {"legend": LEGEND, "groups": groups}


@dataclass(frozen=True)
class MetricLine:
    """One metric of one case across its runs, with the limit it is held to."""

    metric: str
    meaning: str
    threshold: str  # "" when the metric has no limit for this case
    cells: tuple[Cell, ...]  # one per run


def case_metric_lines(runs: Sequence[EngineRun], limits: Mapping[str, float]) -> list[MetricLine]:
    """Every metric any of ``runs`` measured, in ``METRICS`` order (a case's full scores)."""
    names = [name for name in METRICS if any(name in run.score.metrics for run in runs)]
    out = []
    for name in names:
        cells = []
        for run in runs:
            value = run.score.metrics.get(name)
            cells.append(Cell(name, format_metric(name, value), value, name in breaches(run.score)))
        limit = threshold_text(name, limits[name]) if name in limits else ""
        out.append(MetricLine(name, METRICS[name].description, limit, tuple(cells)))
    return out

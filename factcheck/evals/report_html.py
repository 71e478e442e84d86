"""The HTML report (``report.html``): one self-contained page a person can read.

Metric summary on top; then per case the thresholds it missed, gold and
predicted claims side by side (the scorer's one-to-one matching, misses in
red) and the article body with every claim's evidence highlighted by its
grounding status. CSS and JavaScript are inlined and a Content-Security-Policy
allows only those two blocks (by hash), so the page loads nothing from
anywhere and no text from an article or a model can run as script. Every
piece of text goes through ``html.escape``, and bidi controls (which would
reorder how a line reads without changing what it holds) are shown as their
code points.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Mapping, Sequence
from functools import cache
from html import escape
from importlib import resources
from typing import Any

from factcheck._version import __version__
from factcheck.display_text import visible_bidi
from factcheck.evals.report_alignment import AlignmentRow, alignment_rows, predicted_claims
from factcheck.evals.report_highlight import Span, segments
from factcheck.evals.report_terminal import breaches
from factcheck.evals.runner import CaseRun, EngineRun, SuiteRun
from factcheck.evals.thresholds import METRICS

# (column name, metric, meaning shown on hover); "elapsed_s" is the run's wall-clock time.
OVERVIEW = (
    ("P", "claim_precision", "claim precision: matched predictions / predictions"),
    ("R", "claim_recall", "claim recall: matched gold claims / gold claims"),
    ("F1", "claim_f1", "claim F1"),
    ("grnd", "grounding_rate", "grounding rate: claims whose evidence supports them"),
    ("cov", "key_point_coverage", "summary key points covered"),
    ("forb", "forbidden_hits", "forbidden strings found in summary or claims"),
    ("tokens", "total_tokens", "prompt + completion tokens"),
    ("time", "elapsed_s", "seconds to check the case"),
)
# Metrics shown as whole numbers; the others are rates, money or seconds.
COUNT_METRICS = frozenset(
    {
        "forbidden_hits",
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


def _e(text: object) -> str:
    return escape(visible_bidi(str(text)), quote=True)


@cache
def _asset(name: str) -> str:
    return resources.files("factcheck.evals").joinpath(f"report_assets/{name}").read_text("utf-8")


def _hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _fmt(metric: str, value: float | None) -> str:
    if value is None:
        return "–"
    if metric in COUNT_METRICS:
        return str(int(value)) if float(value).is_integer() else f"{value:.2f}"
    if metric in ("cost_usd",):
        return f"${value:.4f}"
    if metric == "latency_s":
        return f"{value:.2f}s"
    return f"{value:.2f}"


def _metric_cell(run: EngineRun | None, metric: str, *, sep: bool = False) -> str:
    classes = ["num", *(["sep"] if sep else [])]
    if run is None:
        return f'<td class="{" ".join(classes)}"></td>'
    value = run.score.metrics.get(metric)
    if metric in breaches(run.score):
        classes.append("breach")
    return f'<td class="{" ".join(classes)}">{_e(_fmt(metric, value))}</td>'


def _badge(status: str) -> str:
    return f'<span class="badge {_e(status)}">{_e(status)}</span>'


def _anchor(case: CaseRun) -> str:
    return f"case-{case.case_id}"


def _heads(columns: Sequence[tuple[str, str, str]], *, sep: bool = False) -> str:
    cells = []
    for index, (name, _, meaning) in enumerate(columns):
        classes = "num sep" if sep and index == 0 else "num"
        cells.append(f'<th class="{classes}"><abbr title="{_e(meaning)}">{_e(name)}</abbr></th>')
    return "".join(cells)


def _overall_cells(summary: Mapping[str, Any], columns: Sequence[tuple[str, str, str]]) -> str:
    """Means of the rates; totals of tokens and time, as in the terminal table."""
    means = summary["mean_metrics"]
    cells = []
    for _, metric, _ in columns:
        if metric in ("total_tokens", "elapsed_s"):
            value = _fmt("total_tokens", summary["total_tokens"])
            if metric == "elapsed_s":
                value = f"{summary['elapsed_s']:.2f}s"
        else:
            value = _fmt(metric, means.get(metric))
        cells.append(f'<td class="num">{_e(value)}</td>')
    return "".join(cells)


def _run_cells(run: EngineRun | None, columns: Sequence[tuple[str, str, str]]) -> str:
    cells = []
    for _, metric, _ in columns:
        if metric == "elapsed_s":
            text = f"{run.elapsed_s:.2f}s" if run is not None else ""
            cells.append(f'<td class="num">{text}</td>')
        else:
            cells.append(_metric_cell(run, metric))
    return "".join(cells)


def _overview(suite: SuiteRun) -> str:
    summary = suite.summary()
    counts = "".join(
        f'<div class="count {status}"><b>{summary[status]}</b>{status}</div>'
        for status in ("passed", "failed", "skipped", "error")
    )
    baseline = suite.baseline
    primary_columns = [c for c in OVERVIEW if suite.engine.model or c[1] != "total_tokens"]
    groups = f'<tr><th colspan="2"></th><th class="group" colspan="{len(primary_columns)}">'
    groups += f"{_e(suite.engine.label)}</th>"
    head = f"<tr><th>case</th><th>status</th>{_heads(primary_columns)}"
    baseline_columns: list[tuple[str, str, str]] = []
    if baseline is not None:
        baseline_columns = [c for c in OVERVIEW if baseline.model or c[1] != "total_tokens"]
        groups += (
            f'<th class="group sep" colspan="{len(baseline_columns) + 1}">'
            f"{_e(baseline.label)} (baseline)</th>"
        )
        head += f'<th class="sep">status</th>{_heads(baseline_columns)}'
    rows = []
    for case in suite.cases:
        row = f'<tr><td class="name"><a href="#{_e(_anchor(case))}">{_e(case.case_id)}</a></td>'
        row += f"<td>{_badge(case.status)}</td>{_run_cells(case.primary, primary_columns)}"
        if baseline is not None:
            status = case.baseline.status if case.baseline is not None else ""
            row += f'<td class="sep">{_badge(status) if status else ""}</td>'
            row += _run_cells(case.baseline, baseline_columns)
        rows.append(row + "</tr>")
    overall = '<tr class="mean"><td>overall</td><td></td>'
    overall += _overall_cells(summary, primary_columns)
    if baseline is not None:
        overall += '<td class="sep"></td>'
        overall += _overall_cells(suite.summary(baseline=True), baseline_columns)
    table = f"<table>{groups}</tr>{head}</tr>{''.join(rows)}{overall}</tr></table>"
    note = (
        '<p class="why">overall: means over the cases that ran; tokens and time are totals. '
        "Hover a column name for its meaning.</p>"
    )
    return (
        f'<section class="card" id="overview"><div class="counts">{counts}</div>'
        f'<div class="scroll">{table}</div>{note}</section>'
    )


def _metrics_table(case: CaseRun) -> str:
    runs = [case.primary, *([case.baseline] if case.baseline is not None else [])]
    names = [name for name in METRICS if any(name in run.score.metrics for run in runs)]
    if not names:
        return ""
    limits = case.primary.score.thresholds
    head = '<tr><th>metric</th><th class="num">threshold</th>'
    head += "".join(f'<th class="num">{_e(run.engine.label)}</th>' for run in runs) + "</tr>"
    rows = []
    for name in names:
        spec = METRICS[name]
        limit = ""
        if name in limits:
            limit = ("≥ " if spec.higher_is_better else "≤ ") + _fmt(name, limits[name])
        cells = "".join(_metric_cell(run, name) for run in runs)
        rows.append(
            f'<tr><td title="{_e(spec.description)}">{_e(name)}</td>'
            f'<td class="num">{_e(limit)}</td>{cells}</tr>'
        )
    return (
        "<details><summary>All metrics</summary>"
        f'<table class="metrics">{head}{"".join(rows)}</table></details>'
    )


def _claim_spans(claims: Sequence[Mapping[str, Any]]) -> list[Span]:
    spans = []
    for index, claim in enumerate(claims):
        span = claim.get("span")
        if isinstance(span, Mapping):
            start, end = span.get("start"), span.get("end")
            if isinstance(start, int) and isinstance(end, int):
                spans.append(Span(index, start, end, str(claim.get("status", "unsupported"))))
    return spans


def highlighted_body(body: str, claims: Sequence[Mapping[str, Any]], key: str) -> str:
    """``body`` escaped, each claim's evidence span wrapped in ``<mark>`` (see report_highlight)."""
    spans = _claim_spans(claims)
    starts: dict[int, list[int]] = {}
    for span in spans:
        starts.setdefault(span.start, []).append(span.key)
    out = []
    for segment in segments(len(body), spans):
        text = _e(body[segment.start : segment.end])
        if not segment.keys:
            out.append(text)
            continue
        anchors = "".join(
            f'<a class="anchor" id="{_e(key)}-claim-{k}"></a>'
            for k in starts.pop(segment.start, [])
        )
        title = "\n".join(
            f"#{k} [{claims[k].get('status', '')}] {claims[k].get('text', '')}"
            for k in segment.keys
        )
        classes = f"ev {segment.status}" + (" overlap" if len(segment.keys) > 1 else "")
        keys = " ".join(str(k) for k in segment.keys)
        out.append(
            f'{anchors}<mark class="{_e(classes)}" data-claims="{keys}" title="{_e(title)}">'
            f"{text}</mark>"
        )
    return "".join(out)


def _status(status: str | None) -> str:
    return f' <span class="status {_e(status)}">{_e(status)}</span>' if status else ""


def _alignment(rows: Sequence[AlignmentRow], key: str) -> str:
    if not rows:
        return '<p class="empty">No claims to compare.</p>'
    out = []
    for row in rows:
        if row.kind == "match":
            sim = f"similarity {row.similarity:.0f}" if row.similarity is not None else ""
            out.append(
                f'<tr class="match" data-claim="{row.predicted_index}">'
                f'<td class="idx">{row.gold_index}</td><td class="gold">{_e(row.gold_text)}</td>'
                f'<td class="pred"><a href="#{_e(key)}-claim-{row.predicted_index}">'
                f"#{row.predicted_index}</a> {_e(row.predicted_text)}"
                f'{_status(row.predicted_status)}<span class="why">{_e(sim)}</span></td></tr>'
            )
        elif row.kind == "missed":
            out.append(
                f'<tr class="missed"><td class="idx">{row.gold_index}</td>'
                f'<td class="gold">{_e(row.gold_text)}</td>'
                f'<td class="pred">missed<span class="why">{_e(row.reason)}</span></td></tr>'
            )
        else:
            out.append(
                f'<tr class="unmatched" data-claim="{row.predicted_index}"><td class="idx"></td>'
                f'<td class="gold">—</td><td class="pred">'
                f'<a href="#{_e(key)}-claim-{row.predicted_index}">#{row.predicted_index}</a> '
                f"{_e(row.predicted_text)}{_status(row.predicted_status)}"
                f'<span class="why">unmatched: {_e(row.reason)}</span></td></tr>'
            )
    head = "<tr><th>#</th><th>gold claim</th><th>predicted claim</th></tr>"
    return f'<table class="align">{head}{"".join(out)}</table>'


def _summary(result: Mapping[str, Any], run: EngineRun) -> str:
    text = str(result.get("summary") or "")
    if not text:
        return '<p class="empty">No summary.</p>'
    checks = result.get("summary_checks")
    spans = []
    if isinstance(checks, Sequence):
        for index, check in enumerate(checks):
            if isinstance(check, Mapping) and check.get("status") != "supported":
                start, end = check.get("start"), check.get("end")
                if isinstance(start, int) and isinstance(end, int):
                    spans.append(Span(index, start, end, str(check.get("status"))))
    parts = []
    for segment in segments(len(text), spans):
        piece = _e(text[segment.start : segment.end])
        parts.append(
            f'<span class="{_e(segment.status)}">{piece}</span>' if segment.keys else piece
        )
    items = []
    for point in run.score.key_points:
        if point.covered:
            items.append(f'<li class="covered">{_e(point.label)}</li>')
            continue
        lacking = "; ".join(" | ".join(group) for group in point.missing_groups)
        items.append(
            f'<li class="not-covered">{_e(point.label)}'
            f' <span class="why">none of: {_e(lacking)}</span></li>'
        )
    points = "".join(items)
    listing = f'<ul class="points">{points}</ul>' if points else ""
    return f'<p class="summary-text">{"".join(parts)}</p>{listing}'


LEGEND = (
    '<div class="legend"><span><mark class="ev supported">supported</mark></span>'
    '<span><mark class="ev partial">partial</mark></span>'
    '<span><mark class="ev unsupported">unsupported</mark></span>'
    '<span><mark class="ev supported overlap">overlapping quotes</mark></span></div>'
)


def _run_panels(run: EngineRun, key: str) -> str:
    score = run.score
    if run.result is None:
        return f'<p class="reason">{_e(score.status)}: {_e(score.reason or "")}</p>'
    result = run.result
    claims = predicted_claims(result)
    body = str(result.get("body") or "")
    title = result.get("title")
    title_html = f'<p class="article-title">{_e(title)}</p>' if title else ""
    unplaced = [i for i, c in enumerate(claims) if not isinstance(c.get("span"), Mapping)]
    note = (
        f'<p class="why">{len(unplaced)} claim(s) have no evidence in the body: '
        + ", ".join(f"#{i}" for i in unplaced)
        + "</p>"
        if unplaced
        else ""
    )
    extras = []
    if score.forbidden:
        hits = ", ".join(f"“{_e(h.string)}” in {_e(h.where)}" for h in score.forbidden)
        extras.append(f'<p class="failures">Forbidden text found: {hits}</p>')
    trailer = result.get("trailer")
    if isinstance(trailer, Sequence) and trailer:
        blocks = "\n".join(
            f"[{b.get('kind', '')}] {b.get('text', '')}" for b in trailer if isinstance(b, Mapping)
        )
        extras.append(
            f"<details><summary>Trailer kept out of the body ({len(trailer)} block(s))</summary>"
            f'<div class="trailer">{_e(blocks)}</div></details>'
        )
    return (
        f'<div class="run"><h3>Summary</h3>{_summary(result, run)}{"".join(extras)}'
        '<div class="columns">'
        f"<section><h3>Gold vs predicted claims</h3>"
        f"{_alignment(alignment_rows(score, result), key)}</section>"
        f"<section><h3>Article body ({len(claims)} claims)</h3>{title_html}"
        f'<div class="article-body">{highlighted_body(body, claims, key)}</div>'
        f"{LEGEND}{note}</section></div></div>"
    )


def _case(case: CaseRun) -> str:
    key = _anchor(case)
    run = case.primary
    description = case.gold.description if case.gold is not None else ""
    failures = "".join(f"<li>{_e(f)}</li>" for f in run.score.failures)
    parts = [
        f'<article class="case card" id="{_e(key)}" data-status="{_e(case.status)}">',
        f'<div class="case-head"><h2>{_e(case.case_id)}</h2>{_badge(case.status)}'
        f'<span class="time">{_e(run.engine.label)} · {run.elapsed_s:.2f}s</span></div>',
        f'<p class="description">{_e(description)}</p>' if description else "",
        f'<ul class="failures">{failures}</ul>' if failures else "",
        _metrics_table(case),
        _run_panels(run, key),
    ]
    if case.baseline is not None:
        base = case.baseline
        parts.append(
            f"<details><summary>Baseline {_e(base.engine.label)}: {_e(base.status)}"
            f" ({base.elapsed_s:.2f}s)</summary>{_run_panels(base, key + '-baseline')}</details>"
        )
    parts.append("</article>")
    return "".join(parts)


def report_html(suite: SuiteRun) -> str:
    css, js = _asset("report.css"), _asset("report.js")
    policy = f"default-src 'none'; style-src {_hash(css)}; script-src {_hash(js)}"
    summary = suite.summary()
    verdict = "passed" if suite.passed else "failed"
    engines = f"engine {_e(suite.engine.label)}"
    if suite.baseline is not None:
        engines += f", baseline {_e(suite.baseline.label)}"
    ran = summary["passed"] + summary["failed"]
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>llm-factcheck eval: {summary['passed']} of {ran} passed</title>"
        f"<style>{css}</style></head><body><main>"
        "<h1>llm-factcheck eval report</h1>"
        f'<p class="meta">{engines} · generated {_e(suite.generated_at)} · '
        f"llm-factcheck {_e(__version__)}</p>"
        f'<p class="verdict {verdict}">{summary["passed"]} of {ran} cases passed'
        f"{'' if suite.passed else ' — suite failed'}</p>"
        f"{_overview(suite)}"
        '<div class="controls"><label><input type="checkbox" id="only-problems"> '
        'show only failing cases</label><span id="shown-count"></span></div>'
        f"{''.join(_case(case) for case in suite.cases)}"
        f"</main><script>{js}</script></body></html>\n"
    )

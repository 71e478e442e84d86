"""The HTML report (``report.html``): one self-contained page a person can read.

Metric summary on top (the shared metric table); then per case the thresholds
it missed, gold and predicted claims side by side (the scorer's one-to-one
matching, misses in red) and the article body with every claim's evidence
highlighted by its grounding status. The markup lives in Jinja2 templates
(``templates/*.html.j2``) rendered with autoescaping on, so every value from an
article, a gold file or a model is escaped where it is written; bidi controls
(which would reorder how a line reads without changing what it holds) are
shown as their code points. CSS and JavaScript are inlined and a
Content-Security-Policy allows only those two blocks (by hash), so the page
loads nothing from anywhere and no text can run as script.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import jinja2
from markupsafe import Markup

from factcheck._version import __version__
from factcheck.display_text import visible_bidi
from factcheck.evals.metric_table import LEGEND, case_metric_lines, metric_groups
from factcheck.evals.report_alignment import alignment_rows, predicted_claims
from factcheck.evals.report_highlight import Span, segments
from factcheck.evals.runner import CaseRun, EngineRun, SuiteRun

STATUS_ORDER = ("passed", "failed", "skipped", "error")


def _shown(value: Any) -> Any:
    """What ``{{ value }}`` prints: None as nothing, text with its bidi controls made visible.

    Markup (a rendered macro, an inlined asset) was built from escaped values
    already and is passed through as it is.
    """
    if isinstance(value, Markup):
        return value
    return "" if value is None else visible_bidi(str(value))


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("factcheck.evals", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        finalize=_shown,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@cache
def _asset(name: str) -> str:
    return resources.files("factcheck.evals").joinpath(f"report_assets/{name}").read_text("utf-8")


def _hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


@dataclass(frozen=True)
class BodySegment:
    """A piece of the article body: plain, or covered by the evidence of ``keys``."""

    text: str
    keys: tuple[int, ...]
    status: str | None
    anchors: tuple[int, ...]  # claims whose evidence starts here
    title: str  # the covering claims, shown on hover


def _claim_spans(claims: Sequence[Mapping[str, Any]]) -> list[Span]:
    spans = []
    for index, claim in enumerate(claims):
        span = claim.get("span")
        if isinstance(span, Mapping):
            start, end = span.get("start"), span.get("end")
            if isinstance(start, int) and isinstance(end, int):
                spans.append(Span(index, start, end, str(claim.get("status", "unsupported"))))
    return spans


def body_segments(body: str, claims: Sequence[Mapping[str, Any]]) -> list[BodySegment]:
    """``body`` cut at every evidence boundary (see report_highlight)."""
    spans = _claim_spans(claims)
    starts: dict[int, list[int]] = {}
    for span in spans:
        starts.setdefault(span.start, []).append(span.key)
    out = []
    for segment in segments(len(body), spans):
        title = "\n".join(
            f"#{k} [{claims[k].get('status', '')}] {claims[k].get('text', '')}"
            for k in segment.keys
        )
        anchors = tuple(starts.pop(segment.start, [])) if segment.keys else ()
        out.append(
            BodySegment(
                body[segment.start : segment.end], segment.keys, segment.status, anchors, title
            )
        )
    return out


def highlighted_body(body: str, claims: Sequence[Mapping[str, Any]], key: str) -> str:
    """``body`` escaped, each claim's evidence span wrapped in ``<mark>``."""
    macros = _environment().get_template("macros.html.j2").module
    return str(macros.highlighted_body(body_segments(body, claims), key))  # type: ignore[attr-defined]


def _summary_segments(result: Mapping[str, Any], text: str) -> list[BodySegment]:
    """The summary cut around the sentences its check did not find supported."""
    checks = result.get("summary_checks")
    spans = []
    if isinstance(checks, Sequence):
        for index, check in enumerate(checks):
            if isinstance(check, Mapping) and check.get("status") != "supported":
                start, end = check.get("start"), check.get("end")
                if isinstance(start, int) and isinstance(end, int):
                    spans.append(Span(index, start, end, str(check.get("status"))))
    return [
        BodySegment(text[s.start : s.end], s.keys, s.status, (), "")
        for s in segments(len(text), spans)
    ]


def _trailer(result: Mapping[str, Any]) -> list[str]:
    trailer = result.get("trailer")
    if not isinstance(trailer, Sequence):
        return []
    return [f"[{b.get('kind', '')}] {b.get('text', '')}" for b in trailer if isinstance(b, Mapping)]


def _run_view(run: EngineRun, key: str) -> dict[str, Any]:
    """What the template needs to draw one engine's answer for one case."""
    view: dict[str, Any] = {"run": run, "score": run.score, "key": key, "result": run.result}
    result = run.result
    if result is None:
        return view
    claims = predicted_claims(result)
    summary = str(result.get("summary") or "")
    view.update(
        claims=claims,
        title=result.get("title") or "",
        summary=_summary_segments(result, summary) if summary else [],
        trailer=_trailer(result),
        alignment=alignment_rows(run.score, result),
        body=body_segments(str(result.get("body") or ""), claims),
        unplaced=[i for i, c in enumerate(claims) if not isinstance(c.get("span"), Mapping)],
    )
    return view


def _case_view(case: CaseRun) -> dict[str, Any]:
    key = f"case-{case.case_id}"
    runs = [case.primary, *([case.baseline] if case.baseline is not None else [])]
    return {
        "case": case,
        "key": key,
        "description": case.gold.description if case.gold is not None else "",
        "runs": runs,
        "metrics": case_metric_lines(runs, case.primary.score.thresholds),
        "primary": _run_view(case.primary, key),
        "baseline": _run_view(case.baseline, key + "-baseline") if case.baseline else None,
    }


def report_html(suite: SuiteRun) -> str:
    css, js = _asset("report.css"), _asset("report.js")
    summary = suite.summary()
    page = _environment().get_template("report.html.j2")
    return page.render(
        suite=suite,
        summary=summary,
        ran=summary["passed"] + summary["failed"],
        statuses=STATUS_ORDER,
        groups=metric_groups(suite),
        legend=LEGEND,
        cases=[_case_view(case) for case in suite.cases],
        version=__version__,
        # Our own package files, inlined verbatim: the policy allows exactly these bytes.
        css=Markup(css),
        js=Markup(js),
        # Fixed words and base64 digests only; kept unescaped so the quotes read as written.
        policy=Markup(f"default-src 'none'; style-src {_hash(css)}; script-src {_hash(js)}"),
    )

"""A Result as Markdown, for people: summary, claims with their status, warnings."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from factcheck.result import Result

_MARK = {
    "supported": "supported",
    "partial": "PARTIAL",
    "unsupported": "UNSUPPORTED",
    "contradicted": "CONTRADICTED",
}


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def result_to_markdown(result: Result) -> str:
    lines: list[str] = [f"# {result.title}" if result.title else "# Fact-check"]
    engine = result.engine if result.model is None else f"{result.engine} ({result.model})"
    lines += ["", f"Engine: {engine}" + (" — PARTIAL RESULT" if result.partial else "")]
    if result.warnings:
        lines += ["", "## Warnings", ""] + [f"- {w}" for w in result.warnings]
    lines += ["", "## Summary", "", result.summary or "(no summary)"]
    flagged = [c for c in result.summary_checks if c.status != "supported"]
    if flagged:
        lines += ["", "Summary sentences not fully supported by the article:", ""]
        lines += [
            f"- {_MARK[c.status]}: {_cell(c.text)} ({'; '.join(c.problems) or 'no evidence'})"
            for c in flagged
        ]
    lines += ["", f"## Claims ({len(result.claims)})", ""]
    if result.claims:
        lines += ["| # | Claim | Status | Evidence | Problems |", "|---|---|---|---|---|"]
        for k, claim in enumerate(result.claims, 1):
            where = "" if claim.evidence is None else f"{claim.evidence.start}–{claim.evidence.end}"
            label = claim.text if claim.stance == "asserted" else f"{claim.text} [{claim.stance}]"
            lines.append(
                f"| {k} | {_cell(label)} | {_MARK[claim.status]} | {where} "
                f"| {_cell('; '.join(claim.problems))} |"
            )
    else:
        lines.append("(no claims)")
    if result.failed_sections:
        lines += ["", "## Failed sections", ""]
        lines += [
            f"- section {f.index} ({f.start}–{f.end}): {f.error_type}: {_cell(f.message)} "
            f"after {f.attempts} attempt(s)"
            for f in result.failed_sections
        ]
    usage = result.usage
    if usage["requests"] or usage["cached_requests"]:
        cost = "" if usage["cost_usd"] is None else f", ${usage['cost_usd']:.4f}"
        lines += [
            "",
            f"Usage: {usage['requests']} requests, {usage['prompt_tokens']} prompt + "
            f"{usage['completion_tokens']} completion tokens{cost}, "
            f"{usage['latency_s']:.2f} s in calls",
        ]
    if result.trailer:
        lines += ["", f"Trailer kept out of the check: {len(result.trailer)} block(s)."]
    return "\n".join(lines) + "\n"

"""Markdown for people: a Result rendered, and the escaping every report shares.

Article text, model output, file names and server messages are data: any of
them may hold HTML (``<img onerror=...>``, which ingest produces from ``&lt;``
entities), link or image syntax (``![x](http://host/pixel)``, ``[a](javascript:...)``)
or backticks that end a code span early. Everything taken from input goes
through :func:`inline` (or :func:`code_span`) before it is put into Markdown,
so a viewer shows it as the text it is and never renders it as markup.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from factcheck.display_text import for_terminal

if TYPE_CHECKING:
    from factcheck.result import Result

_MARK = {
    "supported": "supported",
    "partial": "PARTIAL",
    "unsupported": "UNSUPPORTED",
    "contradicted": "CONTRADICTED",
}

# Characters with inline meaning in CommonMark or GitHub Flavored Markdown:
# emphasis, code, links and images, tables, strikethrough, math. Escaped with
# a backslash, which CommonMark allows before any ASCII punctuation.
_BACKSLASHED = frozenset("\\`*_[]|~$")
# HTML and entities: written as entities, which every renderer shows as text.
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_SPECIAL = re.compile(r"[\\`*_\[\]|~$&<>]")
# What would start a heading, list, quote, rule or setext underline at the
# beginning of a line (or of a list item or table cell's content).
_BLOCK_START = re.compile(r"^(?:[#+=-]|\d+(?=[.)]))")
# Quote shown in the evidence column: long enough to compare with the claim.
QUOTE_CHARS = 160


def _flat(text: str) -> str:
    """One line: no terminal controls, bidi controls visible, whitespace runs as one space."""
    return " ".join(for_terminal(text).split())


def _escape_char(match: re.Match[str]) -> str:
    char = match.group()
    return _ENTITIES.get(char) or "\\" + char


def inline(text: str) -> str:
    """``text`` as literal inline Markdown on one line: no markup in it takes effect."""
    flat = _SPECIAL.sub(_escape_char, _flat(text))
    start = _BLOCK_START.match(flat)
    if start is not None:
        # "1." and "1)" are list markers; a backslash before the punctuation defuses them.
        end = start.end()
        flat = flat[:end] + "\\" + flat[end:] if start.group()[0].isdigit() else "\\" + flat
    return flat


def code_span(text: str, *, in_table: bool = False) -> str:
    """``text`` as one code span, fenced by more backticks than any run inside it.

    In a table cell GitHub splits cells at ``|`` even inside code, so there it
    is escaped too.
    """
    flat = _flat(text)
    longest = max((len(run) for run in re.findall(r"`+", flat)), default=0)
    fence = "`" * (longest + 1)
    # A space on each side keeps a backtick at either end from joining the fence;
    # CommonMark strips one such space from each side.
    padded = f" {flat} " if flat.startswith("`") or flat.endswith("`") else flat
    if in_table:
        padded = padded.replace("|", "\\|")
    return f"{fence}{padded}{fence}"


def shorten(text: str, limit: int) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def heading_anchor(text: str) -> str:
    """The anchor GitHub gives a heading that reads ``text``: lower case, punctuation dropped."""
    lowered = _flat(text).lower()
    kept = "".join(c for c in lowered if c.isalnum() or c in " _-")
    return kept.replace(" ", "-")


def _evidence(claim_evidence: object, quote: str) -> str:
    """The evidence cell: the quote found (or asked for) and its span in the body."""
    from factcheck.result import Evidence

    if isinstance(claim_evidence, Evidence):
        where = f"{claim_evidence.start}–{claim_evidence.end}"
        return f"“{inline(shorten(claim_evidence.text, QUOTE_CHARS))}” ({where})"
    if quote.strip():
        return f"not found: “{inline(shorten(quote, QUOTE_CHARS))}”"
    return ""


def _listed(heading: str, items: list[str]) -> list[str]:
    """A section of bullet points under ``heading``; nothing at all when there are none."""
    if not items:
        return []
    return ["", f"## {heading}", "", *(f"- {item}" for item in items)]


def result_to_markdown(result: Result) -> str:
    title = f"# {inline(result.title)}" if result.title else "# Fact-check"
    lines: list[str] = [title]
    engine = result.engine if result.model is None else f"{result.engine} ({result.model})"
    lines += ["", f"Engine: {inline(engine)}" + (" — PARTIAL RESULT" if result.partial else "")]
    if result.warnings:
        lines += ["", "## Warnings", ""] + [f"- {inline(w)}" for w in result.warnings]
    lines += ["", "## Summary", "", inline(result.summary) if result.summary else "(no summary)"]
    flagged = [c for c in result.summary_checks if c.status != "supported"]
    if flagged:
        lines += ["", "Summary sentences not fully supported by the article:", ""]
        lines += [
            f"- {_MARK[c.status]}: {inline(c.text)} "
            f"({inline('; '.join(c.problems)) or 'no evidence'})"
            for c in flagged
        ]
    lines += ["", f"## Claims ({len(result.claims)})", ""]
    if result.claims:
        lines += ["| # | Claim | Status | Evidence | Problems |", "|---|---|---|---|---|"]
        for k, claim in enumerate(result.claims, 1):
            label = claim.text if claim.stance == "asserted" else f"{claim.text} [{claim.stance}]"
            lines.append(
                f"| {k} | {inline(label)} | {_MARK[claim.status]} "
                f"| {_evidence(claim.evidence, claim.quote)} "
                f"| {inline('; '.join(claim.problems))} |"
            )
    else:
        lines.append("(no claims)")
    lines += _listed(
        "Failed sections",
        [
            f"section {f.index} ({f.start}–{f.end}): {inline(f.error_type)}: "
            f"{inline(f.message)} after {f.attempts} attempt(s)"
            for f in result.failed_sections
        ],
    )
    lines += _listed(
        "Judge calls that failed (offline status kept)",
        [
            f"{inline(', '.join(f.statements))}: {inline(f.outcome)} "
            f"({inline(f.error_type)}: {inline(f.message)})"
            for f in result.judge_failures
        ],
    )
    usage = result.usage
    if usage.requests or usage.cached_requests:
        cost = "" if usage.cost_usd is None else f", ${usage.cost_usd:.4f}"
        lines += [
            "",
            f"Usage: {usage.requests} requests, {usage.prompt_tokens} prompt + "
            f"{usage.completion_tokens} completion tokens{inline(cost)}, "
            f"{usage.latency_s:.2f} s in calls",
        ]
    if result.trailer:
        lines += ["", f"Trailer kept out of the check: {len(result.trailer)} block(s)."]
    return "\n".join(lines) + "\n"

"""Check a summary or a list of claims written by any system against an article.

``source`` is an Article (its body is used) or the article itself as a ``str``
(or a path), read with ``factcheck.ingest.load_article``: the title and the
trailer (copyright, URLs, author bios, navigation) are split off, and only the
body counts as evidence. Photo captions inside the body are evidence too: a
summary may state what only a caption says ("it earned its common name due to
the pale whiskers on its chin"), and a caption is the article's own text. The
rest of the page furniture (video prompts, share bars, promos, credits) is
not. Offsets stay those of the body: furniture is blanked at its own length.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from factcheck.article import Article
from factcheck.furniture import blank_furniture
from factcheck.grounding.locate import DEFAULT_THRESHOLD
from factcheck.grounding.recent import Recent
from factcheck.grounding.summary import SummaryChecker
from factcheck.ingest import load_article
from factcheck.result import STATUSES, SentenceCheck, Status

_KEPT_CHECKERS = 4  # several summaries of one article reuse its indexes
_checkers: Recent[tuple[str, str | None, float], SummaryChecker] = Recent(_KEPT_CHECKERS)
EMPTY = "empty claim"


class _StatusCount:
    """A read-only count of one status, e.g. ``report.supported``."""

    def __init__(self, status: Status) -> None:
        self.status = status

    def __get__(self, report: VerifyReport, owner: type[VerifyReport] | None = None) -> int:
        return report.counts[self.status]


@dataclass
class VerifyReport:
    """The verdict for every sentence (or claim) checked, with counts per status."""

    checks: list[SentenceCheck]
    source: str | None = None
    kind: str = "summary"  # "summary" (split into sentences) or "claims" (one check each)

    @property
    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = dict.fromkeys(STATUSES, 0)
        for check in self.checks:
            counts[check.status] += 1
        return counts

    supported = _StatusCount("supported")
    partial = _StatusCount("partial")
    unsupported = _StatusCount("unsupported")
    contradicted = _StatusCount("contradicted")

    @property
    def all_supported(self) -> bool:
        return all(check.status == "supported" for check in self.checks)

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "kind": self.kind,
            "counts": self.counts,
            "total": len(self.checks),
            "checks": [check.to_dict() for check in self.checks],
        }

    def to_markdown(self) -> str:
        from factcheck.markdown import code_span, inline, shorten

        counts = self.counts
        lines = [
            f"# Verification of {self.kind}"
            + (f" against {code_span(self.source)}" if self.source else ""),
            "",
            f"{len(self.checks)} checked: {counts['supported']} supported, "
            f"{counts['partial']} partial, {counts['unsupported']} unsupported, "
            f"{counts['contradicted']} contradicted.",
            "",
        ]
        if not self.checks:
            lines.append("Nothing to check.")
            return "\n".join(lines) + "\n"
        lines += ["| # | status | text | problems | evidence |", "|---|---|---|---|---|"]
        for i, check in enumerate(self.checks, 1):
            evidence = "" if check.evidence is None else shorten(check.evidence.text, 160)
            problems = "; ".join(check.problems)
            lines.append(
                f"| {i} | {check.status} | {inline(check.text)} | {inline(problems)} "
                f"| {inline(evidence)} |"
            )
        return "\n".join(lines) + "\n"


CAPTION = "caption"


def evidence_body(article: Article) -> str:
    """The body with its page furniture blanked, captions kept (module notes)."""
    if not any(block.kind == CAPTION for block in article.furniture):
        return article.body
    others = [block for block in article.furniture if block.kind != CAPTION]
    return blank_furniture(article.text, others, article.body_start, article.body_end)


def _article(source: Article | str | os.PathLike[str]) -> Article:
    return source if isinstance(source, Article) else load_article(source)


def verify_text(
    source: Article | str | os.PathLike[str],
    text_or_claims: str | Sequence[str],
    *,
    threshold: float = DEFAULT_THRESHOLD,
) -> VerifyReport:
    """Check a summary (a ``str``, split into sentences) or claims (a list, one check each).

    Each is supported only when body text carries what it says (its informative
    words, every number, date and name, the same polarity and roles); see
    ``SummaryChecker`` and ``support.assess``. Several summaries of one article
    reuse its indexes. For a list of claims the check offsets are into the
    claims joined by newlines.
    """
    article = _article(source)
    body, title, origin = evidence_body(article), article.title, article.source
    checker = _checkers.get(
        (body, title, threshold),
        lambda: SummaryChecker(body, threshold=threshold, title=title),
    )
    if isinstance(text_or_claims, str):
        return VerifyReport(checker.check_summary(text_or_claims), source=origin, kind="summary")
    checks: list[SentenceCheck] = []
    offset = 0
    for claim in text_or_claims:
        stripped = claim.strip()
        start = offset + len(claim) - len(claim.lstrip())
        if stripped:
            checks.append(checker.check(stripped, start, start + len(stripped)))
        else:
            checks.append(
                SentenceCheck(claim, offset, offset + len(claim), "unsupported", (EMPTY,))
            )
        offset += len(claim) + 1
    return VerifyReport(checks, source=origin, kind="claims")

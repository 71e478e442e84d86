"""``verify`` with a model: the offline report on a summary or claims, then a judge on each."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from factcheck.article import Article
from factcheck.errors import ConfigurationError
from factcheck.grounding import VerifyReport, verify_text
from factcheck.ingest import load_article
from factcheck.judge.apply import downgrade_notice, with_verdicts
from factcheck.judge.calls import Judge
from factcheck.judge.statements import check_statements
from factcheck.judge.verdicts import JudgeFailure
from factcheck.llm import JsonModel
from factcheck.model_options import (
    DEFAULT_CONCURRENCY,
    ModelKeywords,
    ModelOptions,
    build_model,
    release_model,
)
from factcheck.result import CallRecord, SentenceCheck, calls_usage
from factcheck.settings import CheckSettings
from factcheck.sync_bridge import run_sync
from factcheck.usage import Usage

if TYPE_CHECKING:
    from typing_extensions import Unpack


@dataclass
class JudgedReport:
    """A :class:`VerifyReport` whose checks a model judged, with what the judging cost."""

    report: VerifyReport
    model: str
    prompt_version: str
    calls: list[CallRecord] = field(default_factory=list)
    judge_failures: list[JudgeFailure] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def checks(self) -> list[SentenceCheck]:
        """The judged checks, so callers read a judged report like a plain one."""
        return self.report.checks

    @property
    def usage(self) -> Usage:
        return calls_usage(self.calls)

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.report.to_dict(),
            "model": self.model,
            "prompt_version": self.prompt_version,
            "judge_failures": [f.to_dict() for f in self.judge_failures],
            "usage": self.usage.to_dict(),
            "calls": [call.to_dict() for call in self.calls],
            "warnings": list(self.warnings),
        }

    def to_markdown(self) -> str:
        # The reasons come from a model and the warnings quote it: escaped like article text.
        from factcheck.markdown import inline

        lines = [self.report.to_markdown().rstrip("\n"), ""]
        contradicted = self.report.counts.get("contradicted", 0)
        lines += [
            f"## Judge ({inline(self.model)}, {inline(self.prompt_version)})",
            "",
            f"{contradicted} contradicted after judging.",
        ]
        judged = [(i, c) for i, c in enumerate(self.report.checks, 1) if c.judge is not None]
        if judged:
            lines += ["", "| # | verdict | status (rules) | reason |", "|---|---|---|---|"]
            for i, check in judged:
                assert check.judge is not None
                reason = inline(check.judge.reason)
                lines.append(
                    f"| {i} | {check.judge.verdict} | {check.status} ({check.rules_status}) "
                    f"| {reason} |"
                )
        if self.warnings:
            lines += ["", *(f"- {inline(w)}" for w in self.warnings)]
        usage = self.usage
        lines += [
            "",
            f"Usage: {usage.requests} requests ({usage.cached_requests} cached), "
            f"{usage.prompt_tokens} prompt + {usage.completion_tokens} completion tokens",
        ]
        return "\n".join(lines) + "\n"


async def ajudge_report(
    report: VerifyReport,
    body: str,
    model: JsonModel,
    *,
    title: str | None = None,
    settings: CheckSettings | None = None,
    concurrency: int = DEFAULT_CONCURRENCY,
) -> JudgedReport:
    """``report`` (from :func:`verify_text` on ``body``) with every check judged by ``model``."""
    judge = Judge(model, body, title=title, settings=settings, concurrency=concurrency)
    outcome = await judge.run(check_statements(report.checks, "checks"))
    checks = with_verdicts(report.checks, "checks", outcome)
    notice = downgrade_notice(report.checks, checks, f"{report.kind} sentence(s)")
    return JudgedReport(
        report=VerifyReport(checks, source=report.source, kind=report.kind),
        model=model.name,
        prompt_version=outcome.prompt_version,
        calls=outcome.calls,
        judge_failures=outcome.failures,
        warnings=[*outcome.warnings, *([notice] if notice else [])],
    )


def verify_with_model(
    source: Article | str | os.PathLike[str],
    text_or_claims: str | Sequence[str],
    *,
    options: ModelOptions | None = None,
    settings: CheckSettings | None = None,
    **model_keywords: Unpack[ModelKeywords],
) -> JudgedReport:
    """:func:`verify_text`, then a model's verdict on each sentence or claim (rules first).

    The model is ``options`` (a :class:`ModelOptions`) with ``model_keywords``
    (its fields: ``model``, ``base_url``, ``cache``...) on top; it needs a model.
    """
    connection = ModelOptions.given(options, model_keywords)
    article = source if isinstance(source, Article) else load_article(source)
    report = verify_text(article, text_or_claims)
    json_model = build_model(connection)
    if json_model is None:
        raise ConfigurationError("judging needs a model; none is configured (--model NAME)")

    async def judged(model: JsonModel) -> JudgedReport:
        try:
            return await ajudge_report(
                report,
                article.body,
                model,
                title=article.title,
                settings=settings,
                concurrency=connection.concurrency,
            )
        finally:
            await release_model(model, connection)

    return run_sync(judged(json_model))

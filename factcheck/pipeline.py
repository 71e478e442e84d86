"""The one entry point: ``check(article) -> Result`` (and ``acheck`` for asyncio).

ingest -> (offline engine | chunk -> model calls) -> ground -> merge -> verify summary.
With no model configured the built-in offline engine runs, so a check works
out of the box with no network and no key.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import tiktoken

from factcheck.article import Article
from factcheck.chunker import chunk_text
from factcheck.errors import ConfigurationError
from factcheck.grounding.claims import ground_claims, grounding
from factcheck.grounding.summary import SummaryChecker
from factcheck.ingest import ArticleSource, load_article
from factcheck.injection import find_injections
from factcheck.loop_turns import in_turns
from factcheck.merge import merge_claims
from factcheck.model_options import (
    ModelKeywords,
    ModelOptions,
    build_model,
    release_model,
)
from factcheck.result import Claim, Result, SectionInfo, SentenceCheck
from factcheck.settings import CheckSettings, with_given
from factcheck.sync_bridge import run_sync
from factcheck.tokens import resolve_encoding

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from factcheck.llm import JsonModel

log = logging.getLogger("factcheck")

OFFLINE_ENGINE = "offline"
OFFLINE_VERSION = "offline/1"
NO_LLM_NOTICE = (
    "no LLM was used: this result comes from the built-in offline engine (extractive, "
    "deterministic). To use a model, pass model='NAME' (CLI: --model NAME) with "
    "OPENAI_API_KEY set; for another OpenAI-compatible server add base_url / --base-url "
    "(or OPENAI_BASE_URL)."
)


class CheckKeywords(ModelKeywords, total=False):
    """The keyword arguments of :func:`check` and :func:`acheck`.

    The model's own (see :class:`ModelOptions`) build on ``options`` when
    given; ``max_section_tokens``, ``overlap_sentences`` and ``judge`` build
    on ``settings`` likewise.
    """

    options: ModelOptions | None
    settings: CheckSettings | None
    max_section_tokens: int | None
    overlap_sentences: int | None
    judge: bool | None


_CHECK_KEYWORDS = frozenset(CheckKeywords.__annotations__) - frozenset(
    ModelKeywords.__annotations__
)


@dataclass(frozen=True)
class _Plan:
    """Everything a check needs before its first request."""

    article: Article
    model: JsonModel | None
    options: ModelOptions
    settings: CheckSettings


def _prepare(source: ArticleSource | Article, keywords: CheckKeywords) -> _Plan:
    """Read the options, load the article and build the model."""
    checks = with_given(
        keywords.get("settings") or CheckSettings(),
        max_section_tokens=keywords.get("max_section_tokens"),
        overlap_sentences=keywords.get("overlap_sentences"),
        judge=keywords.get("judge"),
    )
    connection = ModelOptions.given(
        keywords.get("options"), keywords, besides=CheckKeywords.__annotations__
    )
    article = source if isinstance(source, Article) else load_article(source)
    json_model = build_model(connection)
    if checks.judge and json_model is None:
        raise ConfigurationError("judging needs a model; none is configured (--model NAME)")
    return _Plan(article, json_model, connection, checks)


async def _model_check(plan: _Plan, model: JsonModel) -> Result:
    try:
        result = await _with_model(plan.article, model, plan.settings, plan.options.concurrency)
        return _finish(result, plan.article)
    finally:
        # A model built here opened its HTTP clients on this event loop: closed here.
        await release_model(model, plan.options)


def check(source: ArticleSource | Article, **keywords: Unpack[CheckKeywords]) -> Result:
    """Summarise ``source`` and extract grounded, checkable claims.

    ``source`` is the article text (``str``), raw ``bytes``, a ``pathlib.Path``
    or an already loaded :class:`Article`. With no model the offline engine
    runs; otherwise ``model`` names a model on an OpenAI-compatible server
    (``base_url``, ``api_key`` or the SDK's ``OPENAI_*`` variables), or is any
    :class:`factcheck.llm.JsonModel`. The model keywords are the fields of
    :class:`factcheck.model_options.ModelOptions` (``options=`` takes a whole
    one): ``cache`` is ``"off"``, ``"read-write"`` or ``"replay"`` (a miss is
    an error), or a ResponseCache; ``concurrency`` bounds the calls in flight.
    ``settings`` (a :class:`CheckSettings`) shapes the check itself;
    ``judge=True`` has the model judge every claim and summary sentence after
    the offline check (see :mod:`factcheck.judge`); it needs a model.
    """
    plan = _prepare(source, keywords)
    if plan.model is None:
        return _finish(_offline(plan.article), plan.article)  # no event loop needed
    return run_sync(_model_check(plan, plan.model))


async def acheck(source: ArticleSource | Article, **keywords: Unpack[CheckKeywords]) -> Result:
    """The asyncio twin of :func:`check`."""
    plan = _prepare(source, keywords)
    if plan.model is None:
        return _finish(_offline(plan.article), plan.article)
    return await _model_check(plan, plan.model)


def _result(
    article: Article,
    summary: str,
    claims: list[Claim],
    *,
    engine: str,
    model: str | None,
    prompt_version: str,
    summary_checks: list[SentenceCheck] | None = None,
    **rest: Any,
) -> Result:
    """A result on ``article``'s body, its summary checked against it (``summary_checks``,
    if the caller has checked it already)."""
    result = Result(summary, claims, engine, model, prompt_version, **rest)
    body = result.body = article.body
    result.title, result.source = article.title, article.source
    if summary_checks is None:
        checker = SummaryChecker(body, title=article.title)
        summary_checks = checker.check_summary(summary) if summary else []
    result.summary_checks = summary_checks
    result.trailer = [block.to_dict() for block in article.trailer]
    return result


def _offline(article: Article) -> Result:
    from factcheck.offline.engine import OfflineEngine

    log.warning("%s", NO_LLM_NOTICE)
    output = OfflineEngine().extract(article)
    claims = ground_claims(article.body, output.claims, to_original=article.body_span_to_original)
    return _result(
        article,
        output.summary,
        claims,
        engine=OFFLINE_ENGINE,
        model=None,
        prompt_version=OFFLINE_VERSION,
        warnings=[NO_LLM_NOTICE, *output.notes],
    )


async def _with_model(
    article: Article, model: JsonModel, settings: CheckSettings, concurrency: int
) -> Result:
    from factcheck.extraction import ExtractionOutcome, ModelExtraction

    encoding = resolve_encoding(model.name)
    body = article.body
    overhead = _prompt_overhead(encoding, article.title)
    room = model.context_window - overhead - settings.max_output_tokens
    budget = min(settings.max_section_tokens, room)
    if budget < 16:
        raise ConfigurationError(
            f"the model's context window ({model.context_window} tokens) leaves no room for "
            f"an article section after the prompt and {settings.max_output_tokens} output tokens"
        )
    sections = chunk_text(
        body, budget, overlap_sentences=settings.overlap_sentences, encoding=encoding
    )
    extraction = ModelExtraction(model, settings, encoding, article.title, concurrency)
    early: list[tuple[list[Claim], SummaryChecker]] = []

    async def grounded_and_prepared(outcome: ExtractionOutcome) -> None:
        # In steps, the loop given a turn between them (see loop_turns): the
        # requests of the other articles in a batch share this loop.
        claims = await in_turns(
            grounding(
                body,
                outcome.claims,
                section_spans=[(s.start, s.end) for s in outcome.sections],
                to_original=article.body_span_to_original,
            )
        )
        checker = SummaryChecker(body, title=article.title)
        await in_turns(checker.preparation())
        early.append((claims, checker))

    # The claims are final once the sections are in: they are grounded, and
    # what the summary check reads is built, while the reduce reply is on its way.
    outcome = await extraction.run(sections, while_reducing=grounded_and_prepared)
    if not early:  # one section: no reduce call to wait for
        await grounded_and_prepared(outcome)
    grounded, checker = early[0]
    summary_checks = await in_turns(checker.checks(outcome.summary)) if outcome.summary else []
    result = _result(
        article,
        outcome.summary,
        merge_claims(grounded),
        summary_checks=summary_checks,
        engine="openai",
        model=model.name,
        prompt_version=outcome.prompt_version,
        sections=[SectionInfo(s.index, s.start, s.end, s.tokens) for s in outcome.sections],
        failed_sections=outcome.failed,
        calls=outcome.calls,
        warnings=list(outcome.warnings),
    )
    if settings.judge:
        from factcheck.judge.apply import judge_result

        await judge_result(result, model, settings, concurrency)
    return result


def _prompt_overhead(encoding: tiktoken.Encoding, title: str | None) -> int:
    """Tokens a section prompt costs besides the section itself (schema included)."""
    # An upper bound is all the budget needs: the fixed cost, plus the title's tokens.
    return _fixed_prompt_cost(encoding) + (len(encoding.encode_ordinary(title)) if title else 0)


@lru_cache(maxsize=16)
def _fixed_prompt_cost(encoding: tiktoken.Encoding) -> int:
    from factcheck.prompt_files import load_prompt

    costs = []
    for name in ("single", "extract_section"):
        prompt = load_prompt(name)
        messages = prompt.render(title=None, section_text="", section_index=1, section_count=1)
        text = "".join(m["content"] for m in messages) + json.dumps(prompt.schema)
        costs.append(len(encoding.encode_ordinary(text)))
    return max(costs)


# What a reader is told about claims of each status other than "supported".
_CLAIM_WARNINGS = (
    (
        "unsupported",
        "are unsupported: their quotes were not found in the article body, or only inside "
        "text addressed to a model, or were too short to carry the claim",
    ),
    (
        "partial",
        "are only partly supported: some of their content (words, numbers, dates or names) "
        "is not in the evidence",
    ),
    ("contradicted", "are contradicted: their evidence says otherwise"),
)


def _finish(result: Result, article: Article) -> Result:
    """Add the warnings a reader needs before trusting the result, and the furniture."""
    result.furniture = [block.to_dict() for block in article.furniture]
    result.warnings.extend(note for note in article.notes if note not in result.warnings)
    injections = find_injections(article.body)
    if injections:
        result.warnings.append(
            "the article contains text that reads like instructions to a model "
            f"({len(injections)} place(s), e.g. “{injections[0]}”); it was treated as data, "
            "and anything it asked for must not be trusted"
        )
    for status, why in _CLAIM_WARNINGS:
        count = sum(1 for c in result.claims if (c.rules_status or c.status) == status)
        if count:
            result.warnings.append(f"{count} claim(s) {why}")
    flagged = [c for c in result.summary_checks if c.status != "supported"]
    if flagged:
        result.warnings.append(
            f"{len(flagged)} summary sentence(s) are not fully supported by the article"
        )
    return result

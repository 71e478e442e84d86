"""The one entry point: ``check(article) -> Result`` (and ``acheck`` for asyncio).

ingest -> (offline engine | chunk -> model calls) -> ground -> merge -> verify summary.
With no model configured the built-in offline engine runs, so a check works
out of the box with no network and no key.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import logging
import threading
from collections.abc import Coroutine
from functools import lru_cache
from typing import TYPE_CHECKING, Any, TypeVar

import tiktoken

from factcheck.article import Article
from factcheck.chunker import chunk_text
from factcheck.errors import ConfigurationError
from factcheck.grounding.claims import ground_claims
from factcheck.grounding.summary import check_summary
from factcheck.ingest import ArticleSource, load_article
from factcheck.injection import find_injections
from factcheck.merge import merge_claims
from factcheck.result import Result, SectionInfo, SentenceCheck
from factcheck.settings import CheckSettings
from factcheck.tokens import resolve_encoding

if TYPE_CHECKING:
    import openai

    from factcheck.llm import JsonModel, ResponseCache

log = logging.getLogger("factcheck")

OFFLINE_ENGINE = "offline"
OFFLINE_VERSION = "offline/1"
NO_LLM_NOTICE = (
    "no LLM was used: this result comes from the built-in offline engine (extractive, "
    "deterministic). To use a model, pass model='NAME' (CLI: --model NAME) with "
    "OPENAI_API_KEY set; for another OpenAI-compatible server add base_url / --base-url "
    "(or OPENAI_BASE_URL)."
)

T = TypeVar("T")


def _run_sync(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run ``coroutine`` to completion from synchronous code, even inside a running loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    # Called from a thread that already runs a loop (a notebook, an async app):
    # that loop cannot be blocked on, so the check gets a loop of its own.
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["value"] = asyncio.run(coroutine)
        except BaseException as exc:  # handed back to the caller below
            box["error"] = exc

    thread = threading.Thread(target=target, name="factcheck-check")
    thread.start()
    thread.join()
    if "error" in box:
        raise box["error"]
    return box["value"]  # type: ignore[no-any-return]


def _settings(settings: CheckSettings | None, overrides: dict[str, Any]) -> CheckSettings:
    base = settings or CheckSettings()
    given = {k: v for k, v in overrides.items() if v is not None}
    return dataclasses.replace(base, **given) if given else base


def build_model(
    model: str | JsonModel | None,
    *,
    base_url: str | None = None,
    api_key: str | None = None,
    client: openai.OpenAI | None = None,
    async_client: openai.AsyncOpenAI | None = None,
    cache: str | ResponseCache = "off",
    cache_path: str | None = None,
    timeout: float | None = None,
    settings: CheckSettings | None = None,
) -> JsonModel | None:
    """The model a check talks to, or None for the offline engine."""
    if model is not None and not isinstance(model, str):
        return model
    if model is None:
        if base_url or client or async_client:
            raise ConfigurationError("a model name is required with a base URL or a client")
        if cache not in ("off", None) and isinstance(cache, str):
            raise ConfigurationError("the response cache needs a model; none is configured")
        return None
    from factcheck.llm import OpenAICompatibleModel, ResponseCache

    response_cache: ResponseCache | None
    if isinstance(cache, str):
        response_cache = None if cache == "off" else ResponseCache(cache_path, mode=cache)
    else:
        response_cache = cache
    return OpenAICompatibleModel(
        model,
        base_url=base_url,
        api_key=api_key,
        client=client,
        async_client=async_client,
        cache=response_cache,
        timeout=timeout if timeout is not None else 60.0,
        pricing=settings.pricing if settings else None,
    )


def _prepare(
    source: ArticleSource | Article,
    model: str | JsonModel | None,
    settings: CheckSettings | None,
    overrides: dict[str, Any],
    connection: dict[str, Any],
) -> tuple[Article, JsonModel | None, CheckSettings]:
    """Load the article and build the model: everything before the first request."""
    options = _settings(settings, overrides)
    article = source if isinstance(source, Article) else load_article(source)
    json_model = build_model(model, settings=options, **connection)
    if options.judge and json_model is None:
        raise ConfigurationError("judging needs a model; none is configured (--model NAME)")
    return article, json_model, options


async def _model_check(
    article: Article, model: JsonModel, options: CheckSettings, *, owned: bool
) -> Result:
    try:
        return _finish(await _with_model(article, model, options), article)
    finally:
        if owned:
            # We opened its HTTP clients, on this event loop: close them here.
            await model.aclose()  # type: ignore[attr-defined]


def check(
    source: ArticleSource | Article,
    *,
    model: str | JsonModel | None = None,
    base_url: str | None = None,
    api_key: str | None = None,
    client: openai.OpenAI | None = None,
    async_client: openai.AsyncOpenAI | None = None,
    cache: str | ResponseCache = "off",
    cache_path: str | None = None,
    timeout: float | None = None,
    settings: CheckSettings | None = None,
    max_section_tokens: int | None = None,
    overlap_sentences: int | None = None,
    concurrency: int | None = None,
    judge: bool | None = None,
) -> Result:
    """Summarise ``source`` and extract grounded, checkable claims.

    ``source`` is the article text (``str``), raw ``bytes``, a ``pathlib.Path``
    or an already loaded :class:`Article`. With ``model=None`` the offline
    engine runs; otherwise ``model`` names a model on an OpenAI-compatible
    server (``base_url``, ``api_key`` or the SDK's ``OPENAI_*`` variables), or
    is any :class:`factcheck.llm.JsonModel`. ``cache`` is ``"off"``,
    ``"read-write"`` or ``"replay"`` (a miss is an error), or a ResponseCache.
    ``judge=True`` has the model judge every claim and summary sentence after
    the offline check (see :mod:`factcheck.judge`); it needs a model.
    """
    article, json_model, options = _prepare(
        source,
        model,
        settings,
        {
            "max_section_tokens": max_section_tokens,
            "overlap_sentences": overlap_sentences,
            "concurrency": concurrency,
            "judge": judge,
        },
        {
            "base_url": base_url,
            "api_key": api_key,
            "client": client,
            "async_client": async_client,
            "cache": cache,
            "cache_path": cache_path,
            "timeout": timeout,
        },
    )
    if json_model is None:
        return _finish(_offline(article), article)  # no event loop needed
    return _run_sync(_model_check(article, json_model, options, owned=isinstance(model, str)))


async def acheck(
    source: ArticleSource | Article,
    *,
    model: str | JsonModel | None = None,
    base_url: str | None = None,
    api_key: str | None = None,
    client: openai.OpenAI | None = None,
    async_client: openai.AsyncOpenAI | None = None,
    cache: str | ResponseCache = "off",
    cache_path: str | None = None,
    timeout: float | None = None,
    settings: CheckSettings | None = None,
    max_section_tokens: int | None = None,
    overlap_sentences: int | None = None,
    concurrency: int | None = None,
    judge: bool | None = None,
) -> Result:
    """The asyncio twin of :func:`check`."""
    article, json_model, options = _prepare(
        source,
        model,
        settings,
        {
            "max_section_tokens": max_section_tokens,
            "overlap_sentences": overlap_sentences,
            "concurrency": concurrency,
            "judge": judge,
        },
        {
            "base_url": base_url,
            "api_key": api_key,
            "client": client,
            "async_client": async_client,
            "cache": cache,
            "cache_path": cache_path,
            "timeout": timeout,
        },
    )
    if json_model is None:
        return _finish(_offline(article), article)
    return await _model_check(article, json_model, options, owned=isinstance(model, str))


def _offline(article: Article) -> Result:
    from factcheck.offline.engine import OfflineEngine

    log.warning("%s", NO_LLM_NOTICE)
    output = OfflineEngine().extract(article)
    body = article.body
    claims = ground_claims(body, output.claims, to_original=article.body_span_to_original)
    return Result(
        summary=output.summary,
        claims=claims,
        engine=OFFLINE_ENGINE,
        model=None,
        prompt_version=OFFLINE_VERSION,
        body=body,
        title=article.title,
        source=article.source,
        summary_checks=check_summary(body, output.summary) if output.summary else [],
        trailer=[block.to_dict() for block in article.trailer],
        warnings=[NO_LLM_NOTICE, *output.notes],
    )


async def _with_model(article: Article, model: JsonModel, options: CheckSettings) -> Result:
    from factcheck.extraction import ModelExtraction

    encoding = resolve_encoding(model.name)
    body = article.body
    overhead = _prompt_overhead(encoding, article.title)
    room = model.context_window - overhead - options.max_output_tokens
    budget = min(options.max_section_tokens, room)
    if budget < 16:
        raise ConfigurationError(
            f"the model's context window ({model.context_window} tokens) leaves no room for "
            f"an article section after the prompt and {options.max_output_tokens} output tokens"
        )
    sections = chunk_text(
        body, budget, overlap_sentences=options.overlap_sentences, encoding=encoding
    )
    outcome = await ModelExtraction(model, options, encoding, article.title).run(sections)
    spans = [(s.start, s.end) for s in outcome.sections]
    grounded = ground_claims(
        body, outcome.claims, section_spans=spans, to_original=article.body_span_to_original
    )
    claims = merge_claims(grounded)
    summary_checks: list[SentenceCheck] = (
        check_summary(body, outcome.summary) if outcome.summary else []
    )
    result = Result(
        summary=outcome.summary,
        claims=claims,
        engine="openai",
        model=model.name,
        prompt_version=outcome.prompt_version,
        body=body,
        title=article.title,
        source=article.source,
        summary_checks=summary_checks,
        sections=[SectionInfo(s.index, s.start, s.end, s.tokens) for s in outcome.sections],
        failed_sections=outcome.failed,
        trailer=[block.to_dict() for block in article.trailer],
        calls=outcome.calls,
        warnings=list(outcome.warnings),
    )
    if options.judge:
        from factcheck.judge.apply import judge_result

        await judge_result(result, model, options)
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

"""Answering a request from the response cache, and filling it."""

from __future__ import annotations

from typing import cast

from factcheck.errors import CacheMissError
from factcheck.llm._cache import CachedReply, CacheMode, ResponseCache, cache_key
from factcheck.llm._ladder import LADDER, Mode
from factcheck.llm._protocol import JsonReply, JsonRequest
from factcheck.usage import Usage


def request_key(model: str, request: JsonRequest, mode: Mode) -> str:
    return cache_key(
        model=model,
        messages=request.messages,
        schema=request.schema,
        schema_name=request.schema_name,
        prompt_version=request.prompt_version,
        temperature=request.temperature,
        max_output_tokens=request.max_output_tokens,
        mode=mode,
    )


def lookup(
    cache: ResponseCache | None, model: str, request: JsonRequest, first: Mode
) -> JsonReply | None:
    """The cached reply (None: ask the server); replay mode raises on a miss."""
    if cache is None or cache.mode is CacheMode.OFF:
        return None
    # A reply recorded at any ladder step answers the same request; look at
    # the step this server is on first.
    for mode in (first, *(m for m in LADDER if m != first)):
        hit = cache.get(request_key(model, request, mode))
        if hit is not None:
            usage = Usage(
                prompt_tokens=hit.prompt_tokens,
                completion_tokens=hit.completion_tokens,
                requests=0,
                cached_requests=1,
                estimated=hit.estimated,
            )
            return JsonReply(
                data=hit.data, raw=hit.raw, usage=usage, mode=hit.mode, attempts=0, cached=True
            )
    if cache.mode is CacheMode.REPLAY:
        raise CacheMissError(
            f"{request.label or request.schema_name}: no cached reply in {cache.path} "
            f"(replay mode makes no requests)",
            attempts=0,
            usage=Usage(),
        )
    return None


def store(cache: ResponseCache | None, model: str, request: JsonRequest, reply: JsonReply) -> None:
    """Keep a validated reply (read-write mode only)."""
    if cache is None or cache.mode is not CacheMode.READ_WRITE:
        return
    cache.put(
        request_key(model, request, cast(Mode, reply.mode)),
        model=model,
        prompt_version=request.prompt_version,
        reply=CachedReply(
            mode=reply.mode,
            raw=reply.raw,
            data=reply.data,
            prompt_tokens=reply.usage.prompt_tokens,
            completion_tokens=reply.usage.completion_tokens,
            estimated=reply.usage.estimated,
        ),
    )

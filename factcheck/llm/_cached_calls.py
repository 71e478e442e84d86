"""Answering a request from the response cache, and filling it.

A cached entry is trusted no more than a server's reply: it must satisfy the
request's schema again when read. One that does not (the file was edited, or
written by a version with another schema) is a miss in read-write mode, and
fetched again; in replay mode, which cannot fetch, it is an error.
"""

from __future__ import annotations

import logging
from typing import cast

from factcheck.errors import CacheMissError, InvalidCacheEntryError
from factcheck.llm._cache import CachedReply, CacheMode, ResponseCache, cache_key
from factcheck.llm._ladder import LADDER, Mode
from factcheck.llm._protocol import JsonReply, JsonRequest
from factcheck.llm._replies import schema_problems
from factcheck.usage import Usage

log = logging.getLogger(__name__)


def request_key(model: str, request: JsonRequest, mode: Mode, *, server: str) -> str:
    """The cache key of ``request`` sent to ``model`` on ``server`` (a URL without credentials)."""
    return cache_key(request, server=server, model=model, mode=mode)


def lookup(
    cache: ResponseCache | None, model: str, request: JsonRequest, first: Mode, *, server: str
) -> JsonReply | None:
    """The cached reply (None: ask the server); replay mode raises on a miss."""
    if cache is None or cache.mode is CacheMode.OFF:
        return None
    label = request.label or request.schema_name
    # A reply recorded at any ladder step answers the same request; look at
    # the step this server is on first.
    for mode in (first, *(m for m in LADDER if m != first)):
        key = request_key(model, request, mode, server=server)
        hit = cache.get(key)
        if hit is not None:
            problem = schema_problems(hit.data, request.schema)
            if problem is not None:
                message = (
                    f"{label}: the cached reply in {cache.path} does not satisfy the schema "
                    f"({problem})"
                )
                if cache.mode is CacheMode.REPLAY:
                    raise InvalidCacheEntryError(message, attempts=0, usage=Usage())
                log.warning("%s; asking the server again", message)
                continue
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
            f"{label}: no cached reply in {cache.path} (replay mode makes no requests)",
            attempts=0,
            usage=Usage(),
        )
    return None


def store(
    cache: ResponseCache | None,
    model: str,
    request: JsonRequest,
    reply: JsonReply,
    *,
    server: str,
) -> None:
    """Keep a validated reply (read-write mode only)."""
    if cache is None or cache.mode is not CacheMode.READ_WRITE:
        return
    cache.put(
        request_key(model, request, cast(Mode, reply.mode), server=server),
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

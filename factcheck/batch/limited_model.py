"""A JsonModel that takes a slot from an :class:`AdaptiveLimiter` for every call.

Every article of a batch talks to the server through one of these, so the
limit bounds the requests in flight across all articles and all their
sections, not just the number of articles being worked on. Each article has
its own view (:meth:`LimitedModel.at`) carrying its place in the batch as the
priority its calls wait with.
"""

from __future__ import annotations

import asyncio
import copy

from factcheck.batch.limiter import CALL_EPOCH, AdaptiveLimiter
from factcheck.llm import JsonModel, JsonReply, JsonRequest, OpenAICompatibleModel


class ModelWrapper:
    """A JsonModel that passes its calls on to ``inner``, under the same name and window.

    ``inner`` is not the wrapper's to close: whoever built it closes it.
    """

    def __init__(self, inner: JsonModel) -> None:
        self.inner = inner

    @property
    def name(self) -> str:
        return self.inner.name

    @property
    def context_window(self) -> int:
        return self.inner.context_window

    async def aclose(self) -> None:
        return None


class LimitedModel(ModelWrapper):
    """``inner`` behind ``limiter``; 429s seen by ``inner`` reach the limiter."""

    def __init__(self, inner: JsonModel, limiter: AdaptiveLimiter, priority: int = 0) -> None:
        super().__init__(inner)
        self.limiter = limiter
        self.priority = priority
        # Set by this view's first call: the article has made its way to the server.
        self.called = asyncio.Event()
        if isinstance(inner, OpenAICompatibleModel):
            _chain_rate_limit_callback(inner, limiter)

    def at(self, priority: int) -> LimitedModel:
        """The same model behind the same limiter, its calls waiting with ``priority``."""
        view = copy.copy(self)  # not __init__: the 429 callback is chained once
        view.priority = priority
        view.called = asyncio.Event()
        return view

    async def complete_json(self, request: JsonRequest) -> JsonReply:
        self.called.set()
        epoch = await self.limiter.acquire(self.priority)
        token = CALL_EPOCH.set(epoch)
        ok = False
        try:
            reply = await self.inner.complete_json(request)
            ok = True
            return reply
        finally:
            CALL_EPOCH.reset(token)
            self.limiter.release(ok=ok)


def _chain_rate_limit_callback(model: OpenAICompatibleModel, limiter: AdaptiveLimiter) -> None:
    ours = limiter.callback()
    theirs = model.on_rate_limit
    if theirs is None:
        model.on_rate_limit = ours
        return

    def both(retry_after: float | None) -> None:
        ours(retry_after)
        theirs(retry_after)

    model.on_rate_limit = both

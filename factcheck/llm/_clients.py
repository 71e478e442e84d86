"""The SDK clients a model talks through: yours, or ones it builds and owns."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import urlsplit

import openai

from factcheck.errors import AuthenticationError
from factcheck.redaction import remember

# Sent as the key to servers that need none (local vLLM, Ollama, llama.cpp):
# the SDK refuses to build a client without some key.
NO_KEY_PLACEHOLDER = "no-key-needed"
_OPENAI_HOSTS = ("api.openai.com",)


def _is_openai_host(base_url: str) -> bool:
    host = (urlsplit(base_url).hostname or "").lower()
    return host in _OPENAI_HOSTS


def resolve_api_key(api_key: str | None, base_url: str | None) -> str | None:
    """The key to pass to the SDK (None: let it read ``OPENAI_API_KEY``)."""
    if api_key:
        return api_key
    if os.environ.get("OPENAI_API_KEY"):
        return None
    effective_url = base_url or os.environ.get("OPENAI_BASE_URL")
    if effective_url and not _is_openai_host(effective_url):
        return NO_KEY_PLACEHOLDER
    raise AuthenticationError(
        "no API key: set OPENAI_API_KEY, pass api_key=, or pass base_url= for a server "
        "that needs no key"
    )


class Clients:
    """A sync and an async client for one server, SDK retries off.

    User clients are used through ``with_options(max_retries=0)`` and never
    closed here. Missing ones are built from the same key, URL, organization
    and project, and closed by :meth:`close` / :meth:`aclose` (later calls
    build new ones). An owned async client belongs to the event loop of its
    first use and is closed as that loop shuts down; a call from another loop
    gets a fresh one.
    """

    def __init__(
        self,
        *,
        api_key: str | None,
        base_url: str | None,
        client: openai.OpenAI | None,
        async_client: openai.AsyncOpenAI | None,
        timeout: float,
    ) -> None:
        self._user_sync = client.with_options(max_retries=0) if client else None
        self._user_async = async_client.with_options(max_retries=0) if async_client else None
        self._owned_sync: openai.OpenAI | None = None
        self._owned_async: openai.AsyncOpenAI | None = None
        self._async_loop: asyncio.AbstractEventLoop | None = None
        self._closer: tuple[AsyncIterator[None], asyncio.Future[None]] | None = None
        template: openai.OpenAI | openai.AsyncOpenAI
        if self._user_sync is not None:
            template = self._user_sync
        elif self._user_async is not None:
            template = self._user_async
        else:
            # Built now so the SDK resolves OPENAI_API_KEY / OPENAI_BASE_URL once.
            self._owned_sync = openai.OpenAI(
                api_key=resolve_api_key(api_key, base_url),
                base_url=base_url,
                timeout=timeout,
                max_retries=0,
            )
            template = self._owned_sync
        self.base_url = str(template.base_url)
        # What every client this object builds is built with.
        self._options: dict[str, Any] = {
            "api_key": template.api_key or NO_KEY_PLACEHOLDER,
            "base_url": self.base_url,
            "organization": template.organization,
            "project": template.project,
            "timeout": timeout,
            "max_retries": 0,
        }
        # Everything that could be a key, for scrubbing error text; known process-wide
        # too, so that caches, results and reports never store it either.
        self.secrets = [
            s
            for s in (api_key, template.api_key, os.environ.get("OPENAI_API_KEY"))
            if s and s != NO_KEY_PLACEHOLDER
        ]
        remember(*self.secrets)

    def sync(self) -> openai.OpenAI:
        if self._user_sync is not None:
            return self._user_sync
        if self._owned_sync is None:
            self._owned_sync = openai.OpenAI(**self._options)
        return self._owned_sync

    def async_(self) -> openai.AsyncOpenAI:
        if self._user_async is not None:
            return self._user_async
        loop = asyncio.get_running_loop()
        if self._owned_async is not None and self._async_loop is not loop:
            # Pooled connections belong to the loop that opened them, which may
            # be closed by now (a second asyncio.run).
            self._owned_async = None
        if self._owned_async is None:
            self._owned_async = openai.AsyncOpenAI(**self._options)
            self._async_loop = loop
            self._close_with_loop(self._owned_async)
        return self._owned_async

    def _close_with_loop(self, client: openai.AsyncOpenAI) -> None:
        """Close ``client`` as the running loop shuts down, on that loop.

        ``asyncio.run`` (and any loop that calls ``shutdown_asyncgens``)
        finalises the async generators started on it before it closes; this
        one closes the client there. Left open, the client would be closed by
        the SDK when garbage-collected, on whatever loop runs then, and fail
        loudly ("Event loop is closed").
        """

        async def closer() -> AsyncIterator[None]:
            try:
                yield
            finally:
                await client.close()
                if self._owned_async is client:
                    self._owned_async = None
                    self._async_loop = None

        generator = closer()
        # The first __anext__ registers the generator with the running loop,
        # which holds it only weakly; the task runs it to its ``yield``.
        self._closer = (generator, asyncio.ensure_future(generator.__anext__()))

    def close(self) -> None:
        if self._owned_sync is not None:
            self._owned_sync.close()
            self._owned_sync = None

    async def aclose(self) -> None:
        self.close()
        if self._owned_async is not None:
            # A client from another, maybe closed, loop cannot be closed from here
            # (that loop closed it as it ended).
            if self._async_loop is asyncio.get_running_loop():
                await self._owned_async.close()
            self._owned_async = None
            self._async_loop = None

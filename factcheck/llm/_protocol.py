"""The one protocol the pipeline talks to: "give me JSON matching this schema"."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from factcheck.usage import Usage


@dataclass(frozen=True)
class JsonRequest:
    """One schema-constrained request.

    ``schema_name`` names the schema for servers that want one (letters,
    digits, ``_`` and ``-``); ``prompt_version`` goes into the cache key;
    ``label`` names the call in logs and results (e.g. ``"extract[2]"``).
    """

    messages: list[dict[str, str]]
    schema: dict[str, Any]
    schema_name: str
    prompt_version: str
    max_output_tokens: int | None = None
    temperature: float = 0.0
    label: str = ""


@dataclass(frozen=True)
class JsonReply:
    """A reply that is valid JSON and satisfies the request's schema.

    ``mode`` is the ladder step that produced it (``json_schema_strict``,
    ``json_schema``, ``json_object`` or ``text``); ``attempts`` counts every
    HTTP request the call made (transport retries, format step-downs and
    re-asks included; 0 for a cached reply). ``usage`` sums all of them; a
    cached reply reports the tokens recorded with it, ``requests=0``,
    ``cached_requests=1`` and no cost.
    """

    data: dict[str, Any]
    raw: str
    usage: Usage
    mode: str
    attempts: int
    cached: bool


@runtime_checkable
class JsonModel(Protocol):
    """Anything that can answer a :class:`JsonRequest` with a :class:`JsonReply`.

    Failures raise the :class:`factcheck.errors.ModelError` family:
    ``TruncatedReplyError`` (the caller should re-split its input),
    ``RefusalError``, ``InvalidReplyError``, ``TransportError`` and so on.
    """

    @property
    def name(self) -> str:
        """The model name, as recorded in results."""
        ...

    @property
    def context_window(self) -> int:
        """Context window in tokens; the pipeline sizes sections from it."""
        ...

    async def complete_json(self, request: JsonRequest) -> JsonReply: ...

    async def aclose(self) -> None:
        """Release what the model holds open (HTTP clients); a later call may reopen it."""
        ...

"""Token, request, latency and cost accounting for model calls."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from factcheck._attributes import attributes

# The counts a usage record reports as they are, in their JSON order.
_COUNTS = ("prompt_tokens", "completion_tokens", "total_tokens", "requests", "cached_requests")


@dataclass(frozen=True)
class Usage:
    """What one call, or a sum of calls, cost.

    ``estimated`` is true when any part of the token counts came from the local
    tokenizer because the server did not report ``usage``.
    """

    prompt_tokens: int = 0
    completion_tokens: int = 0
    requests: int = 0
    latency_s: float = 0.0
    cost_usd: float | None = None
    estimated: bool = False
    cached_requests: int = 0

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens

    def __add__(self, other: Usage) -> Usage:
        if self.cost_usd is None and other.cost_usd is None:
            cost = None
        else:
            cost = (self.cost_usd or 0.0) + (other.cost_usd or 0.0)
        return Usage(
            prompt_tokens=self.prompt_tokens + other.prompt_tokens,
            completion_tokens=self.completion_tokens + other.completion_tokens,
            requests=self.requests + other.requests,
            latency_s=self.latency_s + other.latency_s,
            cost_usd=cost,
            estimated=self.estimated or other.estimated,
            cached_requests=self.cached_requests + other.cached_requests,
        )

    def to_dict(self) -> dict[str, Any]:
        counts = (
            "prompt_tokens",
            "completion_tokens",
            "total_tokens",
            "requests",
            "cached_requests",
        )
        return {
            **attributes(self, *counts),
            "latency_s": round(self.latency_s, 6),
            "cost_usd": None if self.cost_usd is None else round(self.cost_usd, 8),
            "estimated": self.estimated,
        }


@dataclass(frozen=True)
class Pricing:
    """Price per million tokens, for the estimated cost in results."""

    prompt_per_million: float
    completion_per_million: float

    def cost(self, prompt_tokens: int, completion_tokens: int) -> float:
        return (
            prompt_tokens * self.prompt_per_million
            + completion_tokens * self.completion_per_million
        ) / 1_000_000


def total_usage(usages: Iterable[Usage]) -> Usage:
    """The sum of ``usages`` (all zero when there are none)."""
    return sum(usages, Usage())

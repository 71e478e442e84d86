"""Which transport faults are retried, and how long to wait between tries."""

from __future__ import annotations

import contextvars
import email.utils
import math
import random
import time
from collections.abc import Mapping
from dataclasses import dataclass

from tenacity import RetryCallState
from tenacity.wait import wait_base

from factcheck.model_options import DEFAULT_MAX_ATTEMPTS, DEFAULT_MAX_RETRY_SECONDS

# The article a call is made for, when a caller checks several at once (a
# batch): retry log lines name it, or a reader could not tell whose call it was.
# A context variable follows the call onto the loop that sends it.
CURRENT_ARTICLE: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "factcheck_current_article", default=None
)


def call_subject(label: str) -> str:
    """``label`` (e.g. ``extract[2]``), preceded by the article's id when one is set."""
    article = CURRENT_ARTICLE.get()
    return label if article is None else f"{article!r} {label}"


# Statuses worth another try: request timeout, conflict, rate limit, server faults.
RETRYABLE_STATUSES = frozenset({408, 409, 429})


def is_retryable_status(status: int) -> bool:
    return status in RETRYABLE_STATUSES or status >= 500


class TransientError(Exception):
    """A fault worth retrying: 429, 5xx, a timeout or a dropped connection.

    Internal: it never leaves the model; after the last try it becomes a
    :class:`factcheck.errors.TransportError` or ``RateLimitError``.
    """

    def __init__(
        self, message: str, *, status: int | None = None, retry_after: float | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.retry_after = retry_after


def parse_retry_after(headers: Mapping[str, str], now: float | None = None) -> float | None:
    """Seconds to wait from ``retry-after-ms`` or ``retry-after`` (seconds or HTTP date)."""
    lowered = {k.lower(): v for k, v in headers.items()}
    ms = lowered.get("retry-after-ms")
    if ms is not None:
        try:
            value = float(ms) / 1000
        except ValueError:
            value = math.nan
        if math.isfinite(value) and value >= 0:
            return value
    raw = lowered.get("retry-after")
    if raw is None:
        return None
    try:
        value = float(raw)
    except ValueError:
        parsed = email.utils.parsedate_tz(raw)
        if parsed is None:
            return None
        value = email.utils.mktime_tz(parsed) - (time.time() if now is None else now)
        return max(0.0, value)
    return value if math.isfinite(value) and value >= 0 else None


@dataclass(frozen=True)
class RetryPolicy:
    """Bounds and pacing of transport retries.

    ``max_attempts`` counts tries of one HTTP request (the first included);
    ``max_seconds`` bounds the total time spent on them: no retry starts
    whose wait would end past it. Between tries the wait is exponential with
    jitter from ``initial_wait`` up to ``max_wait``, unless the server sent
    ``Retry-After``, which is honoured up to ``retry_after_cap``.
    """

    max_attempts: int = DEFAULT_MAX_ATTEMPTS
    max_seconds: float = DEFAULT_MAX_RETRY_SECONDS
    initial_wait: float = 0.5
    max_wait: float = 20.0
    jitter: float = 0.5
    retry_after_cap: float = 60.0

    def wait_seconds(self, attempt: int, retry_after: float | None) -> float:
        """The wait before try ``attempt + 1``; jitter makes the fallback vary."""
        if retry_after is not None:
            return min(retry_after, self.retry_after_cap)
        exponent = min(max(attempt - 1, 0), 60)  # 2**60 s is past any max_wait
        backoff = self.initial_wait * 2.0**exponent + random.uniform(0, self.jitter)
        return min(backoff, self.max_wait)


class RetryAfterWait(wait_base):
    """Tenacity wait strategy that applies a :class:`RetryPolicy`."""

    def __init__(self, policy: RetryPolicy) -> None:
        self.policy = policy

    def __call__(self, retry_state: RetryCallState) -> float:
        outcome = retry_state.outcome
        exc = outcome.exception() if outcome is not None else None
        retry_after = exc.retry_after if isinstance(exc, TransientError) else None
        return self.policy.wait_seconds(retry_state.attempt_number, retry_after)

"""Counting a batch as it runs: a live status line on a terminal, a final tally."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TextIO

from factcheck.usage import Usage


@dataclass
class BatchSummary:
    """What a batch run did. ``skipped`` articles were already complete in the output."""

    total: int = 0
    skipped: int = 0
    ok: int = 0
    failed: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    requests: int = 0
    wall_s: float = 0.0
    peak_in_flight: int = 0
    # Shares of wall_s: with every request slot taken; of the slots in use, on average.
    all_slots_busy: float = 0.0
    slots_in_use: float = 0.0
    rate_limit_halvings: int = 0
    failed_ids: list[str] = field(default_factory=list)

    def add(self, article_id: str, ok: bool, usage: Usage) -> None:
        """Count one article's outcome and what its calls cost."""
        self.prompt_tokens += usage.prompt_tokens
        self.completion_tokens += usage.completion_tokens
        self.requests += usage.requests
        if ok:
            self.ok += 1
        else:
            self.failed += 1
            self.failed_ids.append(article_id)

    @property
    def done(self) -> int:
        return self.ok + self.failed

    @property
    def tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens

    @property
    def all_ok(self) -> bool:
        return self.failed == 0

    def tally(self) -> str:
        """One line for stderr at the end of a run."""
        parts = [
            f"{self.total} article(s): {self.ok} ok, {self.failed} failed",
            f"{self.skipped} already done",
            f"{self.requests} request(s)",
            f"{self.tokens:,} tokens",
            f"{self.wall_s:.1f} s",
        ]
        if self.rate_limit_halvings:
            parts.append(f"rate limited: concurrency halved {self.rate_limit_halvings} time(s)")
        return "batch: " + "; ".join(parts)


def _clock_text(seconds: float) -> str:
    seconds = max(0, round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class Progress:
    """Redraws one status line on ``stream`` (a terminal) at most every ``interval`` s.

    With ``stream=None`` it only counts.
    """

    def __init__(
        self,
        summary: BatchSummary,
        stream: TextIO | None,
        *,
        interval: float = 0.2,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.summary = summary
        self.stream = stream
        self.interval = interval
        self._clock = clock
        self._started = clock()
        self._drawn_at: float | None = None
        self._width = 0

    def line(self) -> str:
        s = self.summary
        todo = s.total - s.skipped
        elapsed = max(self._clock() - self._started, 1e-9)
        rate = s.done / elapsed
        eta = "--:--" if rate <= 0 else _clock_text((todo - s.done) / rate)
        return (
            f"{s.done}/{todo} articles ({s.ok} ok, {s.failed} failed) | "
            f"{s.tokens:,} tokens | {rate:.1f}/s | ETA {eta}"
        )

    def update(self, *, force: bool = False) -> None:
        if self.stream is None:
            return
        now = self._clock()
        if not force and self._drawn_at is not None and now - self._drawn_at < self.interval:
            return
        self._drawn_at = now
        text = self.line()
        pad = max(0, self._width - len(text))
        self._width = len(text)
        self.stream.write("\r" + text + " " * pad)
        self.stream.flush()

    def finish(self) -> None:
        if self.stream is None or self._drawn_at is None:
            return
        self.update(force=True)
        self.stream.write("\n")
        self.stream.flush()

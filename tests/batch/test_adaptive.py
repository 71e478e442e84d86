"""429s halve the requests in flight, as the server sees them."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from factcheck.batch import arun_batch, read_results
from factcheck.testing import FakeOpenAIServer, Fault, RecordedRequest
from factcheck.testing._script import Outcome

BOUND = 8


@dataclass
class Gauge:
    """Counts requests in flight inside the server; the first ``wave`` get a 429.

    The first ``wave`` requests are held until all of them are in, so the wave
    is all in flight at once however slowly a loaded machine prepares them.
    """

    wave: int
    hold: float
    lock: threading.Lock = field(default_factory=threading.Lock)
    barrier: threading.Barrier = field(init=False)
    in_flight: int = 0
    arrivals: int = 0
    # (arrival number, in flight at arrival, start, end, messages)
    log: list[tuple[int, int, float, float, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.barrier = threading.Barrier(self.wave, timeout=20)

    def __call__(self, request: RecordedRequest) -> Outcome | None:
        with self.lock:
            self.arrivals += 1
            number = self.arrivals
            self.in_flight += 1
            seen = self.in_flight
        if number <= self.wave:
            self.barrier.wait()
        start = time.monotonic()
        time.sleep(self.hold)
        end = time.monotonic()
        with self.lock:
            self.in_flight -= 1
            messages = json.dumps(request.body["messages"], sort_keys=True)
            self.log.append((number, seen, start, end, messages))
        return Fault.rate_limited(retry_after=0) if number <= self.wave else None


def test_a_wave_of_429s_halves_the_requests_in_flight(
    fake_openai: FakeOpenAIServer,
    articles: Callable[[int], list[tuple[str, str]]],
    make_model: Callable[..., Any],
    tmp_path: Path,
) -> None:
    gauge = Gauge(wave=BOUND, hold=0.03)
    fake_openai.handler = gauge
    out = tmp_path / "out.jsonl"
    summary = asyncio.run(
        arun_batch(
            articles(48),
            out,
            model=make_model(),
            concurrency=BOUND,
            recover_after=10_000,  # no recovery during the test
        )
    )
    assert summary.ok == 48
    assert all(record["ok"] for record in read_results(out).values())
    wave = [entry for entry in gauge.log if entry[0] <= BOUND]
    assert max(entry[1] for entry in wave) == BOUND  # the wave ran at the full bound
    # One wave of 429s halves the limit once, not once per 429.
    assert summary.rate_limit_halvings == 1
    # The wave's calls keep their slots while they retry; once they are done,
    # the server never sees more than half the bound at once.
    wave_requests = {entry[4] for entry in wave}
    wave_over = max(entry[3] for entry in gauge.log if entry[4] in wave_requests)
    later = [entry[1] for entry in gauge.log if entry[2] > wave_over]
    assert later, "the test should run past the wave"
    assert max(later) <= BOUND // 2
    assert max(later) >= 2  # still concurrent, just less so

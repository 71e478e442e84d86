"""One local Ray cluster (2 CPUs) for the whole test session, started and stopped here.

Under pytest-xdist every worker process starts a cluster of its own; each is a
separate Ray session with its own ports and temp directory, so they do not meet.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from factcheck.llm import JsonModel, OpenAICompatibleModel
from factcheck.testing import FakeOpenAIServer

CASES = Path(__file__).resolve().parents[2] / "evals" / "cases"


@pytest.fixture(scope="session")
def shipped() -> list[tuple[str, str]]:
    """(case name, text) of every article the eval suite ships, in name order."""
    return [
        (path.parent.name, path.read_text("utf-8")) for path in sorted(CASES.glob("*/article.txt"))
    ]


@pytest.fixture(scope="session")
def ray_cluster() -> Iterator[None]:
    import ray

    from factcheck.ray.cli import quiet_ray

    ray.init(
        num_cpus=2,
        include_dashboard=False,
        log_to_driver=False,
        logging_level=logging.WARNING,
    )
    quiet_ray()
    try:
        yield
    finally:
        ray.shutdown()


@pytest.fixture
def model_factory(
    fake_openai: FakeOpenAIServer, make_model: Callable[..., OpenAICompatibleModel]
) -> Callable[[], JsonModel]:
    """Builds, on an actor, a model like ``make_model``'s: the fake server, fast retries."""
    factory: Callable[[], JsonModel] = functools.partial(
        OpenAICompatibleModel,
        "fake-model",
        base_url=fake_openai.base_url,
        api_key="test-key",
        timeout=5.0,
        retry=make_model().retry,
    )
    return factory


def _comparable(value: Any) -> Any:
    if isinstance(value, dict):
        out = {k: _comparable(v) for k, v in value.items() if k != "latency_s"}
        if isinstance(out.get("calls"), list):  # listed as they finished: by timing
            out["calls"] = sorted(out["calls"], key=lambda call: call["label"])
        return out
    if isinstance(value, list):
        return [_comparable(v) for v in value]
    return value


@pytest.fixture
def comparable() -> Callable[[Any], Any]:
    """Results less what differs between two runs of the same check: timings, call order."""
    return _comparable

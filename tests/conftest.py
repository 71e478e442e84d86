"""Fixtures every test directory may use."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from factcheck.llm import OpenAICompatibleModel, RetryPolicy
from factcheck.llm._ladder import LadderMemory
from factcheck.testing import FakeOpenAIServer

# Property tests draw the same examples on every run and every machine: a red run
# is reproducible, and CI never fails on an example no developer saw. Examples
# are not stored between runs for the same reason.
settings.register_profile("factcheck", derandomize=True, database=None)
settings.load_profile("factcheck")

REPO = Path(__file__).resolve().parent.parent
SEED_ARTICLE = REPO.parent / "shared" / "seed-article.txt"


@pytest.fixture
def seed_article_path() -> Path:
    """The copyrighted seed article, read in place; tests skip where it is absent."""
    if not SEED_ARTICLE.is_file():
        pytest.skip("../shared/seed-article.txt is not present")
    return SEED_ARTICLE


@pytest.fixture
def example_article_path() -> Path:
    return REPO / "examples" / "article.txt"


# The loopback OpenAI-compatible server, for every test directory.
from factcheck.testing.fixtures import fake_openai  # noqa: E402

__all__ = ["example_article_path", "fake_openai", "make_model", "seed_article_path"]

# Backoff small enough that retries cost milliseconds.
FAST_RETRY = RetryPolicy(
    max_attempts=4, max_seconds=10.0, initial_wait=0.001, max_wait=0.01, jitter=0.001
)

ModelFactory = Callable[..., OpenAICompatibleModel]


@pytest.fixture
def make_model(fake_openai: FakeOpenAIServer) -> Iterator[ModelFactory]:
    """Models pointed at the fake server with fast retries and a private ladder memory."""
    made: list[OpenAICompatibleModel] = []
    memory = LadderMemory()

    def factory(**kwargs: Any) -> OpenAICompatibleModel:
        options: dict[str, Any] = {
            "base_url": fake_openai.base_url,
            "api_key": "test-key",
            "timeout": 5.0,
            "retry": FAST_RETRY,
            "ladder_memory": memory,
        }
        options.update(kwargs)
        model = OpenAICompatibleModel(options.pop("model", "fake-model"), **options)
        made.append(model)
        return model

    yield factory
    for model in made:
        asyncio.run(model.aclose())

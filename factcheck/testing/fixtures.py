"""pytest fixtures for the fake OpenAI server.

Use them from a conftest.py: ``from factcheck.testing.fixtures import fake_openai``.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from factcheck.testing._server import FakeOpenAIServer

__all__ = ["fake_openai"]


@pytest.fixture
def fake_openai() -> Iterator[FakeOpenAIServer]:
    """A started :class:`FakeOpenAIServer` on 127.0.0.1, stopped after the test."""
    with FakeOpenAIServer() as server:
        yield server

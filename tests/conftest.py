"""Fixtures every test directory may use."""

from __future__ import annotations

from pathlib import Path

import pytest

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

__all__ = ["example_article_path", "fake_openai", "seed_article_path"]

"""Fixtures for the batch tests: generated articles, fast models, result validation."""

from __future__ import annotations

import functools
import random
from collections.abc import Callable
from typing import Any

import jsonschema
import pytest

from factcheck.schemas import result_schema
from factcheck.testing.fixtures import fake_openai

__all__ = ["fake_openai"]

_TOWNS = ["Ostvik", "Marlow Bay", "Kettering Cross", "Valdane", "Hessby", "Port Carran", "Lindau"]
_PEOPLE = ["Ines Okafor", "Tomas Brandt", "Mira Solberg", "Arjun Patel", "Elena Vos", "Kofi Mensah"]
_WORKS = ["a new bus depot", "flood barriers", "a public library", "cycle lanes", "a school roof"]
_MONTHS = ["March", "April", "June", "September", "November"]


def short_article(index: int, seed: int = 7) -> str:
    """A short invented local-news article; ``index`` makes its numbers unique."""
    rng = random.Random(seed * 100_003 + index)
    town, work, month = rng.choice(_TOWNS), rng.choice(_WORKS), rng.choice(_MONTHS)
    mayor, critic = rng.sample(_PEOPLE, 2)
    yes = rng.randint(12, 30)
    no = rng.randint(1, 11)
    cost = 1.0 + index / 10
    residents = 1_000 + 37 * index
    return (
        f"{town} council approves {work} worth {cost:.1f} million euros\n\n"
        f"{town} councillors voted {yes} to {no} on Tuesday to pay for {work}, "
        f"at a cost of {cost:.1f} million euros. Mayor {mayor} said the work would begin "
        f"in {month} {2026 + index % 3}.\n\n"
        f"The project will serve about {residents:,} residents, according to council figures. "
        f"{critic}, who leads the opposition group, said the plan was rushed.\n"
    )


@pytest.fixture
def article() -> Callable[[int], str]:
    """``article(i)``: the text of generated article ``i``."""
    return short_article


@pytest.fixture
def articles() -> Callable[[int], list[tuple[str, str]]]:
    """``articles(n)``: n (id, text) pairs, ids ``art-000``..."""

    def make(count: int) -> list[tuple[str, str]]:
        return [(f"art-{i:03d}", short_article(i)) for i in range(count)]

    return make


@functools.cache
def _result_validator() -> jsonschema.Draft202012Validator:
    schema = result_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _assert_valid_result(result: dict[str, Any]) -> None:
    error = jsonschema.exceptions.best_match(_result_validator().iter_errors(result))
    if error is not None:
        raise error


@pytest.fixture
def valid_result() -> Callable[[dict[str, Any]], None]:
    """Asserts that a result dict satisfies the published result schema."""
    return _assert_valid_result

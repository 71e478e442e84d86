"""Fixtures for the eval-harness tests: gold cases built in a temporary directory."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from factcheck.evals import GoldCase, load_gold

REPO = Path(__file__).resolve().parents[2]
EVALS = REPO / "evals"

ARTICLE = """Harbour council approves ferry subsidy

PELLING — The council approved a subsidy of more than 1 million euros for the harbour
ferry on Friday.
"""

GoldFactory = Callable[..., GoldCase]


def gold_data(**overrides: Any) -> dict[str, Any]:
    """A small valid gold document; keyword arguments replace top-level fields."""
    data: dict[str, Any] = {
        "id": "case",
        "description": "A small case for the scorer tests.",
        "article": "article.txt",
        "claims": [
            {
                "text": "The council approved a ferry subsidy of more than 1 million euros.",
                "key_facts": [{"kind": "number", "value": "more than 1 million"}],
            }
        ],
        "summary_key_points": [],
        "forbidden": [],
    }
    data.update(overrides)
    return data


@pytest.fixture
def write_gold(tmp_path: Path) -> Callable[..., Path]:
    """Write ``article.txt`` and ``<id>.gold.json`` into tmp_path; return the gold path."""

    def write(data: dict[str, Any] | None = None, *, article: str = ARTICLE) -> Path:
        doc = gold_data() if data is None else data
        (tmp_path / "article.txt").write_text(article, encoding="utf-8")
        path = tmp_path / f"{doc.get('id', 'case')}.gold.json"
        path.write_text(json.dumps(doc), encoding="utf-8")
        return path

    return write


@pytest.fixture
def make_gold(write_gold: Callable[..., Path]) -> GoldFactory:
    """Build and load a GoldCase from keyword overrides of ``gold_data``."""

    def make(*, article: str = ARTICLE, **overrides: Any) -> GoldCase:
        return load_gold(write_gold(gold_data(**overrides), article=article))

    return make

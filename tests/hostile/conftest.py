"""Fixtures for the hostile-input tests."""

from __future__ import annotations

from factcheck.testing.fixtures import fake_openai

__all__ = ["fake_openai"]

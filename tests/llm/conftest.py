"""Fixtures for the model-client tests: the loopback server, fast models, requests."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest

from factcheck.llm import (
    JsonReply,
    JsonRequest,
    OpenAICompatibleModel,
)
from factcheck.prompt_files import load_prompt
from factcheck.testing.fixtures import fake_openai

__all__ = ["fake_openai"]

# Invented for these tests.
SECTION = (
    "The Lindqvist ferry line carried 1.2 million passengers in 2023, its busiest year. "
    "Managing director Aino Lindqvist said three new vessels would enter service by 2026. "
    "The company has denied reports that it plans to close the northern route. "
    "Passengers praised the new timetable."
)


@pytest.fixture
def section_text() -> str:
    return SECTION


@pytest.fixture
def section_request() -> JsonRequest:
    return load_prompt("extract_section").to_request(
        title="Ferry line reports record year",
        section_text=SECTION,
        section_index=1,
        section_count=2,
        label="extract[1]",
    )


@pytest.fixture
def reduce_request() -> JsonRequest:
    return load_prompt("reduce").to_request(
        title="Ferry line reports record year",
        section_summaries=["The line carried 1.2 million passengers.", "New ships by 2026."],
        label="reduce",
    )


Runner = Callable[[OpenAICompatibleModel, JsonRequest], JsonReply]


@pytest.fixture(params=["sync", "async"])
def run(request: pytest.FixtureRequest) -> Runner:
    """One call through the sync path, then (second parametrization) the async one."""

    def run_sync(model: OpenAICompatibleModel, json_request: JsonRequest) -> JsonReply:
        return model.complete_json_sync(json_request)

    def run_async(model: OpenAICompatibleModel, json_request: JsonRequest) -> JsonReply:
        async def call_then_close() -> JsonReply:
            # Close in the loop that opened the connections; the next call reopens.
            try:
                return await model.complete_json(json_request)
            finally:
                await model.aclose()

        return asyncio.run(call_then_close())

    return run_async if request.param == "async" else run_sync

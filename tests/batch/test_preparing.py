"""Articles in progress on one event loop are prepared in turn, each after the one
before it has made its section calls.

Every event is recorded on the loop, where their order is exact: the ingest of
an article (its debug log line) and each model call as it is made. Replies
come from the loopback server.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine, Iterator
from typing import Any

import pytest

from factcheck.batch.articles import check_item
from factcheck.batch.items import BatchItem
from factcheck.batch.limited_model import ModelWrapper
from factcheck.batch.records import Record
from factcheck.llm import JsonReply, JsonRequest, OpenAICompatibleModel
from factcheck.llm._retrying import CURRENT_ARTICLE
from factcheck.settings import CheckSettings
from factcheck.testing import FakeOpenAIServer
from factcheck.usage import Usage

Events = list[tuple[str, str | None]]
Outcome = tuple[Record, Usage]

_PARAGRAPHS = [
    "The harbour board of Tessel approved a plan on Monday to dredge the eastern "
    "channel, a project it costed at 14 million euros.",
    "Board chair Ines Marlow said the channel had silted up faster than expected "
    "after two winters of storms.",
    "Ferry operators had asked for the work since 2021, when the first of their "
    "boats ran aground at low tide.",
    "The dredging is due to start in April and to take eleven weeks, the board said.",
    "Fishermen who use the western quay will not be affected, according to the plan.",
    "A second phase, to deepen the old coal berth, was put off until next year.",
]


def _article(title: str) -> str:
    return title + "\n\n" + "\n\n".join(_PARAGRAPHS) + "\n"


class Calls(ModelWrapper):
    """Records each call as it is made, then asks ``inner``."""

    def __init__(self, inner: OpenAICompatibleModel, events: Events) -> None:
        super().__init__(inner)
        self.events = events

    def complete_json(self, request: JsonRequest) -> Coroutine[Any, Any, JsonReply]:
        self.events.append(("call", CURRENT_ARTICLE.get()))
        return self.inner.complete_json(request)


class IngestLog(logging.Handler):
    def __init__(self, events: Events) -> None:
        super().__init__(logging.DEBUG)
        self.events = events

    def emit(self, record: logging.LogRecord) -> None:
        if record.getMessage().startswith("article:"):
            self.events.append(("ingest", CURRENT_ARTICLE.get()))


@pytest.fixture
def events() -> Iterator[Events]:
    recorded: Events = []
    logger = logging.getLogger("factcheck.ingest")
    handler, level = IngestLog(recorded), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        yield recorded
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


def _check_together(
    events: Events, items: list[BatchItem], settings: CheckSettings | None, *, in_turn: bool
) -> list[Record]:
    """Each item's record, all begun in one step of the loop (as the runner's
    workers begin theirs), with replies from the loopback server."""

    async def together() -> list[Outcome]:
        model = OpenAICompatibleModel("fake-model", base_url=server.base_url, api_key="k")
        calls = Calls(model, events)
        preparing = asyncio.Lock() if in_turn else None
        try:
            return await asyncio.gather(
                *(check_item(item, calls, settings, preparing) for item in items)
            )
        finally:
            await model.aclose()

    with FakeOpenAIServer() as server:
        outcomes = asyncio.run(together())
    return [record for record, _ in outcomes]


def _run(events: Events, *, in_turn: bool) -> None:
    items = [BatchItem(name, _article(f"Harbour plan {name}")) for name in ("a", "b", "c")]
    # Small sections: each article has several, all sent at once.
    settings = CheckSettings(max_section_tokens=60, overlap_sentences=0)
    records = _check_together(events, items, settings, in_turn=in_turn)
    assert [r["ok"] for r in records] == [True, True, True]


def _before_ingest_of(events: Events, article: str) -> Events:
    return events[: events.index(("ingest", article))]


def test_an_article_is_prepared_once_the_one_before_has_handed_over_its_sections(
    events: Events,
) -> None:
    _run(events, in_turn=True)
    first = _before_ingest_of(events, "b")
    assert first[0] == ("ingest", "a")
    # Every section of "a" (several: it is over twice the section budget), and nothing else.
    assert len(first) >= 3
    assert set(first[1:]) == {("call", "a")}
    second = _before_ingest_of(events, "c")[len(first) :]
    assert second[0] == ("ingest", "b")
    assert len(second) >= 3
    assert set(second[1:]) == {("call", "b")}


def test_without_the_lock_the_next_ingest_runs_before_the_sections_leave(
    events: Events,
) -> None:
    # What the lock is for: the sections' calls of "a" are queued behind the
    # other articles' ingest on the loop.
    _run(events, in_turn=False)
    assert events[:3] == [("ingest", "a"), ("ingest", "b"), ("ingest", "c")]
    assert events[3] == ("call", "a")


def test_an_article_that_fails_before_any_call_lets_the_next_start(events: Events) -> None:
    empty = BatchItem("empty", "   \n")
    later = BatchItem("later", _article("Harbour plan later"))
    records = _check_together(events, [empty, later], None, in_turn=True)
    assert [r["ok"] for r in records] == [False, True]
    assert ("ingest", "later") in events

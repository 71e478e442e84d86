"""A multi-section article's claims are grounded while its reduce call is on its way."""

from __future__ import annotations

import asyncio

from factcheck import check
from factcheck.batch.limited_model import ModelWrapper
from factcheck.chunker import chunk_text
from factcheck.extraction import ExtractionOutcome, ModelExtraction
from factcheck.grounding.summary import check_summary
from factcheck.ingest import load_article
from factcheck.llm import JsonModel, JsonReply, JsonRequest, OpenAICompatibleModel
from factcheck.settings import CheckSettings
from factcheck.testing import FakeOpenAIServer, Fault, Reply
from factcheck.testing._request_contents import prompt_name
from factcheck.tokens import resolve_encoding

from .articles import long_article


class _Started(ModelWrapper):
    """``inner``, noting the schema of each call as the call begins."""

    def __init__(self, inner: JsonModel) -> None:
        super().__init__(inner)
        self.started: list[str] = []

    async def complete_json(self, request: JsonRequest) -> JsonReply:
        self.started.append(request.schema_name)
        return await self.inner.complete_json(request)


def _extract(
    server: FakeOpenAIServer, hook_sees: list[tuple[list[str], ExtractionOutcome]]
) -> tuple[ExtractionOutcome, _Started]:
    text = long_article()
    body = load_article(text).body
    encoding = resolve_encoding("fake-model")
    sections = chunk_text(body, 150, overlap_sentences=0, encoding=encoding)
    assert len(sections) >= 3

    async def run() -> tuple[ExtractionOutcome, _Started]:
        model = OpenAICompatibleModel("fake-model", base_url=server.base_url, api_key="k")
        started = _Started(model)
        extraction = ModelExtraction(started, CheckSettings(), encoding, None, 4)

        async def while_reducing(outcome: ExtractionOutcome) -> None:
            hook_sees.append((list(started.started), outcome))
            assert outcome.summary == ""  # the reply is not in yet

        try:
            return await extraction.run(sections, while_reducing=while_reducing), started
        finally:
            await model.aclose()

    return asyncio.run(run())


def test_the_reduce_call_has_begun_when_the_claims_are_handed_over(
    fake_openai: FakeOpenAIServer,
) -> None:
    seen: list[tuple[list[str], ExtractionOutcome]] = []
    outcome, started = _extract(fake_openai, seen)
    [(calls_then, handed)] = seen
    # Every section call, then the reduce call, had begun before the hook ran.
    assert calls_then == started.started
    assert "reduce" in calls_then[-1] and not any("reduce" in c for c in calls_then[:-1])
    # The hook saw the very claims and sections of the outcome; the summary came after.
    assert handed is outcome
    assert outcome.claims and outcome.summary
    names = [prompt_name(r) for r in fake_openai.chat_requests]
    assert names[-1] == "reduce" and names.count("reduce") == 1


def test_a_failed_reduce_still_hands_the_claims_over_and_joins_the_summaries(
    fake_openai: FakeOpenAIServer,
) -> None:
    encoding = resolve_encoding("fake-model")
    body = load_article(long_article()).body
    sections = len(chunk_text(body, 150, overlap_sentences=0, encoding=encoding))
    # Every section gets the default model's answer; the reduce call is refused.
    fake_openai.script(*([Fault.delay(0.0)] * sections), Reply.refused())
    seen: list[tuple[list[str], ExtractionOutcome]] = []
    outcome, _ = _extract(fake_openai, seen)
    assert len(seen) == 1 and seen[0][1] is outcome
    assert any("the reduce call failed" in w for w in outcome.warnings)
    assert outcome.summary  # the section summaries, joined


def test_the_summary_check_built_early_gives_the_same_verdicts(
    fake_openai: FakeOpenAIServer,
) -> None:
    text = long_article()
    result = check(
        text,
        model="fake-model",
        base_url=fake_openai.base_url,
        api_key="k",
        max_section_tokens=150,
    )
    assert len(result.sections) >= 3 and result.summary
    fresh = check_summary(result.body, result.summary, title=result.title)
    assert result.summary_checks == fresh
    assert all(c.status for c in result.claims)

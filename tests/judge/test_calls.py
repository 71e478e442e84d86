"""Judge calls against the loopback server: batches, pinned counts, failures, cache."""

from __future__ import annotations

import asyncio
import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from factcheck.errors import InvalidReplyError
from factcheck.grounding import verify_text
from factcheck.judge import verify_with_model
from factcheck.judge.calls import OUTCOMES, Judge, failure_outcome, pinned_schema
from factcheck.judge.statements import Statement
from factcheck.judge.verify import ajudge_report
from factcheck.llm import OpenAICompatibleModel, ResponseCache
from factcheck.testing import FakeOpenAIServer, Fault, Reply
from factcheck.testing._request_contents import prompt_name

from .articles import ARTICLE, CLAIMS, ELSEWHERE, SUPPORTED, WRONG_FIGURE
from .conftest import judge_requests, scripted_judge, statements_of
from .test_combine import TABLE

ModelFactory = Callable[..., OpenAICompatibleModel]
VERDICT_CYCLE = ("supported", "contradicted", "not_in_source")


def _judged(model: OpenAICompatibleModel, claims: list[str]) -> Any:
    report = verify_text(ARTICLE, claims)
    return asyncio.run(ajudge_report(report, _body(), model))


def _body() -> str:
    from factcheck.ingest import load_article

    return load_article(ARTICLE).body


def _verdicts(*verdicts: str) -> Reply:
    return Reply.with_json(
        {
            "verdicts": [
                {"evidence": [1], "reason": f"r{i}", "verdict": v} for i, v in enumerate(verdicts)
            ]
        }
    )


def test_every_verdict_with_every_offline_status(
    fake_openai: FakeOpenAIServer, make_model: ModelFactory
) -> None:
    # Each group of three claims gets supported, contradicted, not_in_source in turn.
    script = {text: VERDICT_CYCLE[i % 3] for i, text in enumerate(CLAIMS)}
    fake_openai.handler = scripted_judge(script)
    judged = _judged(make_model(), list(CLAIMS))
    offline = verify_text(ARTICLE, list(CLAIMS))
    rules = [c.status for c in offline.checks]
    # Three offline statuses (a wrong figure is partial, or contradicted where the rules
    # see the article give another one), each meeting every verdict.
    assert len(set(rules)) >= 3
    for check, rule, text in zip(judged.report.checks, rules, CLAIMS, strict=True):
        assert check.rules_status == rule
        assert check.judge is not None and check.judge.verdict == script[text]
        assert check.judge.reason == f"scripted {script[text]}"
        assert check.status == TABLE[(rule, script[text])]
    # Nine statements: one call.
    assert len(judge_requests(fake_openai)) == 1
    expected = sum(
        TABLE[(r, script[t])] == "contradicted" for r, t in zip(rules, CLAIMS, strict=True)
    )
    assert judged.report.counts["contradicted"] == expected >= 3
    assert any("downgraded" in w for w in judged.warnings)


@pytest.mark.parametrize("count", [1, 20, 21, 45])
def test_one_call_per_twenty_statements_with_the_count_pinned(
    fake_openai: FakeOpenAIServer, make_model: ModelFactory, count: int
) -> None:
    fake_openai.handler = scripted_judge({})
    statements = [Statement(f"checks/{i}", f"{SUPPORTED[i % 3]} ({i})") for i in range(count)]
    outcome = asyncio.run(Judge(make_model(), _body()).run(statements))
    requests = judge_requests(fake_openai)
    assert len(requests) == math.ceil(count / 20)
    sizes = sorted(len(statements_of(r)) for r in requests)
    assert sum(sizes) == count and max(sizes) <= 20
    for request in requests:
        spec = request.body["response_format"]["json_schema"]
        assert spec["strict"] is True
        verdicts = spec["schema"]["properties"]["verdicts"]
        n = len(statements_of(request))
        assert verdicts["minItems"] == verdicts["maxItems"] == n
    assert len(outcome.verdicts) == count and not outcome.failures
    assert [c.usage.requests for c in outcome.calls] == [1] * len(requests)


def test_the_fixed_part_comes_first_and_is_byte_identical(
    fake_openai: FakeOpenAIServer, make_model: ModelFactory
) -> None:
    fake_openai.handler = scripted_judge({})
    model = make_model()
    _judged(model, list(SUPPORTED))
    _judged(model, list(ELSEWHERE))
    first, second = judge_requests(fake_openai)
    assert first.body["messages"][0] == second.body["messages"][0]
    assert first.body["messages"][0]["role"] == "system"
    user = first.body["messages"][1]["content"]
    # The article travels last, as data between its delimiters.
    assert user.rstrip().endswith("</article>")
    assert user.index("<statements>") < user.index("<article>")
    assert "Nordlys Ferries" not in first.body["messages"][0]["content"]


def test_evidence_numbers_point_at_the_sentences_shown(
    fake_openai: FakeOpenAIServer, make_model: ModelFactory
) -> None:
    fake_openai.script(
        Reply.with_json(
            {"verdicts": [{"evidence": [3, 3, 1], "reason": "ok", "verdict": "supported"}]}
        )
    )
    judged = _judged(make_model(), [SUPPORTED[1]])
    (check,) = judged.report.checks
    assert check.judge is not None
    body = _body()
    texts = [p.text for p in check.judge.evidence]
    assert len(texts) == 2  # a repeated number is one passage
    assert texts[0].startswith("Inspector Maja Holm") and texts[1].startswith("The harbour board")
    for passage in check.judge.evidence:
        assert body[passage.start : passage.end] == passage.text
    # A number past the sentences shown is refused by the pinned schema.
    schema = judge_requests(fake_openai)[0].body["response_format"]["json_schema"]["schema"]
    shown = schema["properties"]["verdicts"]["items"]["properties"]["evidence"]["items"]
    assert shown["maximum"] == 5


def test_a_reply_with_the_wrong_count_is_re_asked_with_the_validators_message(
    fake_openai: FakeOpenAIServer, make_model: ModelFactory
) -> None:
    fake_openai.script(_verdicts("supported"), _verdicts("contradicted", "supported"))
    judged = _judged(make_model(), list(SUPPORTED[:2]))
    requests = judge_requests(fake_openai)
    assert len(requests) == 2
    reask = requests[1].body["messages"][-1]["content"]
    assert "cannot be used" in reask and "verdicts" in reask and "too short" in reask
    assert [c.judge.verdict for c in judged.report.checks if c.judge] == [
        "contradicted",
        "supported",
    ]
    assert judged.calls[0].usage.requests == 2 and not judged.judge_failures


def test_a_wrong_count_every_time_leaves_the_offline_status_and_says_so(
    fake_openai: FakeOpenAIServer, make_model: ModelFactory
) -> None:
    too_many = _verdicts("contradicted", "contradicted", "contradicted")
    fake_openai.script(too_many, too_many, too_many)
    judged = _judged(make_model(reasks=2), list(SUPPORTED[:2]))
    assert [c.status for c in judged.report.checks] == ["supported", "supported"]
    assert all(c.judge is None for c in judged.report.checks)
    (failure,) = judged.judge_failures
    assert failure.outcome == "invalid" and failure.error_type == "InvalidReplyError"
    assert failure.statements == ("checks/0", "checks/1") and failure.attempts == 3
    assert failure.raw_reply is not None and "contradicted" in failure.raw_reply
    assert any("offline status stands" in w for w in judged.warnings)
    assert judged.usage.requests == 3


def test_a_refusal_is_its_own_outcome_and_is_not_split(
    fake_openai: FakeOpenAIServer, make_model: ModelFactory
) -> None:
    fake_openai.script(Reply.refused("I will not judge news."))
    judged = _judged(make_model(), list(SUPPORTED))
    assert len(judge_requests(fake_openai)) == 1
    (failure,) = judged.judge_failures
    assert (failure.outcome, failure.error_type) == ("refused", "RefusalError")
    assert failure.raw_reply == "I will not judge news."
    assert [c.status for c in judged.report.checks] == ["supported"] * 3


def test_a_truncated_batch_is_split_and_asked_again(
    fake_openai: FakeOpenAIServer, make_model: ModelFactory
) -> None:
    fake_openai.script(Reply.truncated('{"verdicts": [{"evidence": [1], "rea'))
    fake_openai.handler = scripted_judge({"Maja Holm": "contradicted"})
    judged = _judged(make_model(), list(SUPPORTED))
    sizes = [len(statements_of(r)) for r in judge_requests(fake_openai)]
    assert sizes[0] == 3 and sorted(sizes[1:]) == [1, 2]
    assert [c.status for c in judged.report.checks] == ["supported", "contradicted", "supported"]
    assert not judged.judge_failures
    assert any("hit the output limit" in w and "split in 2" in w for w in judged.warnings)
    assert [c.label for c in judged.calls] == ["judge[1-3]", "judge[1-2]", "judge[3-3]"]


def test_a_single_truncated_statement_fails_as_truncated(
    fake_openai: FakeOpenAIServer, make_model: ModelFactory
) -> None:
    fake_openai.script(Reply.truncated('{"verdicts": ['))
    judged = _judged(make_model(), [SUPPORTED[0]])
    (failure,) = judged.judge_failures
    assert failure.outcome == "truncated"
    assert judged.report.checks[0].status == "supported"


def test_a_transport_failure_keeps_the_offline_status(
    fake_openai: FakeOpenAIServer, make_model: ModelFactory
) -> None:
    fake_openai.script(*[Fault.server_error()] * 4)
    judged = _judged(make_model(), list(WRONG_FIGURE))
    (failure,) = judged.judge_failures
    assert (failure.outcome, failure.error_type) == ("error", "TransportError")
    offline = verify_text(ARTICLE, list(WRONG_FIGURE))
    assert [c.status for c in judged.report.checks] == [c.status for c in offline.checks]
    assert all(c.status != "supported" and c.judge is None for c in judged.report.checks)
    assert judged.usage.requests == 0  # no reply ever came
    assert failure.attempts == 4


def test_cache_replay_answers_judge_calls_without_requests(
    fake_openai: FakeOpenAIServer, make_model: ModelFactory, tmp_path: Path
) -> None:
    fake_openai.handler = scripted_judge({"Vetrano": "contradicted"})
    path = str(tmp_path / "cache.sqlite3")
    recorded = _judged(make_model(cache=ResponseCache(path, mode="read-write")), list(CLAIMS))
    sent = len(fake_openai.chat_requests)
    replayed = _judged(make_model(cache=ResponseCache(path, mode="replay")), list(CLAIMS))
    assert len(fake_openai.chat_requests) == sent == 1
    assert replayed.report.to_dict()["checks"] == recorded.report.to_dict()["checks"]
    assert replayed.usage.cached_requests == 1 and replayed.usage.requests == 0


def test_verify_with_model_opens_and_closes_its_own_client(fake_openai: FakeOpenAIServer) -> None:
    fake_openai.handler = scripted_judge({"Iceland": "not_in_source"})
    report = verify_with_model(
        ARTICLE, list(ELSEWHERE), model="fake-model", base_url=fake_openai.base_url, api_key="k"
    )
    data = report.to_dict()
    assert data["model"] == "fake-model" and data["prompt_version"] == "judge/1"
    assert [c["judge"]["verdict"] for c in data["checks"]] == ["supported"] * 2 + ["not_in_source"]
    assert data["usage"]["requests"] == 1
    markdown = report.to_markdown()
    assert "## Judge (fake-model, judge/1)" in markdown and "| 3 | not_in_source |" in markdown
    json.dumps(data)


@pytest.mark.parametrize(("kind", "outcome"), OUTCOMES)
def test_failure_outcomes_entry_by_entry(kind: type[Exception], outcome: str) -> None:
    assert failure_outcome(kind("x")) == outcome  # type: ignore[arg-type]


def test_failure_outcome_table_is_the_one_written_here() -> None:
    assert [(k.__name__, o) for k, o in OUTCOMES] == [
        ("RefusalError", "refused"),
        ("TruncatedReplyError", "truncated"),
        ("ContextLengthError", "too_long"),
        ("InvalidReplyError", "invalid"),
        ("CacheMissError", "cache_miss"),
    ]
    from factcheck.errors import AuthenticationError, ContextLengthError

    assert failure_outcome(AuthenticationError("x")) == "error"
    assert failure_outcome(ContextLengthError("x")) == "too_long"  # not a plain bad request
    assert isinstance(InvalidReplyError("x"), Exception)


def test_pinned_schema_leaves_the_shipped_one_alone() -> None:
    from factcheck.prompt_files import load_prompt

    shipped = load_prompt("judge").schema
    before = json.dumps(shipped)
    pinned = pinned_schema(shipped, 7, 12)
    assert json.dumps(shipped) == before
    verdicts = pinned["properties"]["verdicts"]
    assert (verdicts["minItems"], verdicts["maxItems"]) == (7, 7)
    assert verdicts["items"]["properties"]["evidence"]["items"] == {
        "type": "integer",
        "minimum": 1,
        "maximum": 12,
    }


def test_requests_without_a_judge_schema_are_not_judge_requests(
    fake_openai: FakeOpenAIServer, make_model: ModelFactory
) -> None:
    fake_openai.handler = scripted_judge({})
    _judged(make_model(), [SUPPORTED[0]])
    assert [prompt_name(r) for r in fake_openai.chat_requests] == ["judge"]


def test_a_summary_is_judged_sentence_by_sentence(fake_openai: FakeOpenAIServer) -> None:
    fake_openai.handler = scripted_judge({"appeal": "contradicted"})
    summary = "Nordlys Ferries was fined 40,000 euros. The operator will not appeal."
    report = verify_with_model(
        ARTICLE, summary, model="fake-model", base_url=fake_openai.base_url, api_key="k"
    )
    data = report.to_dict()
    assert data["kind"] == "summary" and data["total"] == 2
    assert [c["judge"]["verdict"] for c in data["checks"]] == ["supported", "contradicted"]
    assert data["checks"][1]["status"] == "contradicted"
    (request,) = judge_requests(fake_openai)
    assert statements_of(request) == [
        "Nordlys Ferries was fined 40,000 euros.",
        "The operator will not appeal.",
    ]

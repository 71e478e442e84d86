"""Where the judge is used: check(judge=True), batch, the Batch API route, the CLI, evals."""

from __future__ import annotations

import io
import json
import math
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from markdown_it import MarkdownIt

import factcheck
from factcheck.batch import read_results, run_batch, run_openai_batch
from factcheck.cli import main
from factcheck.errors import ConfigurationError
from factcheck.judge.agreement import AGREEMENT, JUDGED, agreement_line, judge_agreement
from factcheck.schemas import result_schema
from factcheck.settings import CheckSettings
from factcheck.testing import FakeOpenAIServer, RecordedRequest, Reply
from factcheck.testing._batch_api import FakeBatchAPI
from factcheck.testing._request_contents import prompt_name
from factcheck.testing._script import Outcome

from .articles import ARTICLE, SUPPORTED
from .conftest import judge_requests, scripted_judge, statements_of

# The default model quotes every sentence with a digit as a claim; the judge
# is told that the sentence about the appeal is contradicted.
SCRIPT = {"14 days": "contradicted", "2,300": "not_in_source"}


def _valid(result: dict[str, Any]) -> None:
    jsonschema.Draft202012Validator(result_schema()).validate(result)


def _check(server: FakeOpenAIServer, **kwargs: Any) -> factcheck.Result:
    return factcheck.check(
        ARTICLE, model="fake-model", base_url=server.base_url, api_key="k", **kwargs
    )


def test_check_with_judge_judges_claims_and_summary(fake_openai: FakeOpenAIServer) -> None:
    fake_openai.handler = scripted_judge(SCRIPT)
    result = _check(fake_openai, judge=True)
    data = result.to_dict()
    _valid(data)
    statements = len(result.claims) + len(result.summary_checks)
    assert len(judge_requests(fake_openai)) == math.ceil(statements / 20)
    assert all(c["judge"] is not None for c in data["claims"] + data["summary_checks"])
    holm = [c for c in result.claims if "14 days" in c.text]
    assert holm and all(c.status == "contradicted" for c in holm)
    assert all(c.rules_status == "supported" for c in holm)
    assert result.prompt_version == "single/2+judge/1"
    # Usage and cost include the judge call.
    assert [c.label for c in result.calls] == ["single", f"judge[1-{statements}]"]
    assert data["usage"]["requests"] == 2
    assert data["judge_failures"] == []
    assert "CONTRADICTED" in result.to_markdown()
    # A claim the judge put out of the article is not reported as a quote not found.
    assert any(c.status == "unsupported" and c.rules_status == "supported" for c in result.claims)
    assert not any("quotes were not found" in w for w in result.warnings)
    assert any(w.startswith("the judge downgraded") for w in result.warnings)


def test_without_judge_nothing_is_judged(fake_openai: FakeOpenAIServer) -> None:
    data = _check(fake_openai).to_dict()
    _valid(data)
    assert judge_requests(fake_openai) == []
    assert all(c["judge"] is None for c in data["claims"] + data["summary_checks"])
    assert all(c["rules_status"] == c["status"] for c in data["claims"])


def test_judging_needs_a_model() -> None:
    with pytest.raises(ConfigurationError, match="judging needs a model"):
        factcheck.check(ARTICLE, judge=True)


def test_a_failed_judge_call_is_in_the_result(fake_openai: FakeOpenAIServer) -> None:
    def refuse(request: Any) -> Any:
        from factcheck.testing import Reply

        return Reply.refused("No.") if prompt_name(request) == "judge" else None

    fake_openai.handler = refuse
    result = _check(fake_openai, judge=True)
    data = result.to_dict()
    _valid(data)
    (failure,) = data["judge_failures"]
    assert failure["outcome"] == "refused"
    assert failure["statements"][0] == "claims/0"
    assert all(c["judge"] is None for c in data["claims"])
    assert result.partial is False  # the offline check is complete
    assert "Judge calls that failed" in result.to_markdown()


def test_batch_with_judge(fake_openai: FakeOpenAIServer, tmp_path: Path) -> None:
    fake_openai.handler = scripted_judge(SCRIPT)
    items = [("a", ARTICLE), ("b", ARTICLE.replace("Nordlys", "Sundby"))]
    out = tmp_path / "out.jsonl"
    summary = run_batch(
        items,
        out,
        model="fake-model",
        base_url=fake_openai.base_url,
        api_key="k",
        settings=CheckSettings(judge=True),
    )
    assert (summary.ok, summary.failed) == (2, 0)
    assert len(judge_requests(fake_openai)) == 2
    for record in read_results(out).values():
        _valid(record["result"])
        assert all(c["judge"] is not None for c in record["result"]["claims"])


def _comparable(result: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in result.items() if k not in ("calls", "usage")}


def test_the_batch_api_route_judges_in_a_later_batch(
    fake_openai: FakeOpenAIServer, tmp_path: Path
) -> None:
    fake_openai.handler = scripted_judge(SCRIPT)
    items = [("a", ARTICLE), ("b", ARTICLE.replace("Nordlys", "Sundby"))]
    settings = CheckSettings(judge=True)
    live, batched = tmp_path / "live.jsonl", tmp_path / "batch.jsonl"
    connection: dict[str, Any] = {"base_url": fake_openai.base_url, "api_key": "k"}
    run_batch(items, live, model="fake-model", settings=settings, **connection)
    fake_openai.clear()
    api = FakeBatchAPI(fake_openai)
    summary = run_openai_batch(
        items, batched, model="fake-model", settings=settings, poll_interval=0.01, **connection
    )
    assert (summary.ok, summary.failed) == (2, 0)
    assert len(api.created) == 2
    names = [
        sorted(
            json.loads(line)["body"]["response_format"]["json_schema"]["name"]
            for line in api.files[api.batches[b]["input_file_id"]].data.decode().splitlines()
        )
        for b in api.created
    ]
    assert names == [["single", "single"], ["judge", "judge"]]
    live_results, batch_results = read_results(live), read_results(batched)
    for key in ("a", "b"):
        _valid(batch_results[key]["result"])
        assert _comparable(batch_results[key]["result"]) == _comparable(live_results[key]["result"])
        statuses = {c["status"] for c in batch_results[key]["result"]["claims"]}
        assert "contradicted" in statuses


def test_the_batch_api_route_splits_a_truncated_judge_batch(
    fake_openai: FakeOpenAIServer, tmp_path: Path
) -> None:
    from factcheck.testing import Reply

    first_judge = {"seen": False}
    scripted = scripted_judge(SCRIPT)

    def handler(request: Any) -> Any:
        if prompt_name(request) == "judge" and not first_judge["seen"]:
            first_judge["seen"] = True
            return Reply.truncated('{"verdicts": [')
        return scripted(request)

    fake_openai.handler = handler
    api = FakeBatchAPI(fake_openai)
    out = tmp_path / "batch.jsonl"
    summary = run_openai_batch(
        [("a", ARTICLE)],
        out,
        model="fake-model",
        base_url=fake_openai.base_url,
        api_key="k",
        settings=CheckSettings(judge=True),
        poll_interval=0.01,
    )
    assert summary.ok == 1
    assert len(api.created) == 3  # extraction, the judge call, its two halves
    result = read_results(out)["a"]["result"]
    assert result["judge_failures"] == []
    assert any("split in 2" in w for w in result["warnings"])


def test_cli_verify_with_a_model(fake_openai: FakeOpenAIServer, tmp_path: Path) -> None:
    fake_openai.handler = scripted_judge({"Maja Holm": "contradicted"})
    source = tmp_path / "article.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    claims = tmp_path / "claims.txt"
    claims.write_text("\n".join(SUPPORTED), encoding="utf-8")
    out = io.StringIO()
    argv = ["verify", "--source", str(source), "--claims", str(claims), "--format", "json"]
    # A contradicted claim fails the verdict: exit 1, the report written all the same.
    assert main([*argv, "--model", "fake-model", "--base-url", fake_openai.base_url], out) == 1
    data = json.loads(out.getvalue())
    assert [c["status"] for c in data["checks"]] == ["supported", "contradicted", "supported"]
    assert data["counts"]["contradicted"] == 1
    assert data["usage"]["requests"] == 1
    # Without --model it stays offline and sends nothing.
    fake_openai.clear()
    out = io.StringIO()
    assert main(argv, out) == 0
    assert all(c["judge"] is None for c in json.loads(out.getvalue())["checks"])
    assert fake_openai.chat_requests == []


def test_cli_judge_flags_need_a_model(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fake_openai: FakeOpenAIServer
) -> None:
    source = tmp_path / "article.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    assert main(["run", str(source), "--judge"], io.StringIO()) == 2
    assert "judging needs a model" in capsys.readouterr().err
    argv = ["verify", "--source", str(source), "--summary", str(source)]
    assert main([*argv, "--base-url", fake_openai.base_url], io.StringIO()) == 2
    assert main(["batch", str(tmp_path), "--out", str(tmp_path / "o.jsonl"), "--judge"]) == 2


def test_cli_run_with_judge(fake_openai: FakeOpenAIServer, tmp_path: Path) -> None:
    fake_openai.handler = scripted_judge(SCRIPT)
    source = tmp_path / "article.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    out = io.StringIO()
    argv = ["run", str(source), "--format", "json", "--judge", "--model", "fake-model"]
    assert main([*argv, "--base-url", fake_openai.base_url], out) == 0
    data = json.loads(out.getvalue())
    _valid(data)
    assert data["prompt_version"].endswith("+judge/1")


def test_agreement_is_counted_by_hand() -> None:
    result = {
        "claims": [
            {"judge": {"verdict": "supported"}, "rules_status": "supported"},  # agree
            {"judge": {"verdict": "contradicted"}, "rules_status": "supported"},  # disagree
            {"judge": {"verdict": "not_in_source"}, "rules_status": "partial"},  # agree
            {"judge": None, "rules_status": "supported"},  # not judged
        ],
        "summary_checks": [
            {"judge": {"verdict": "supported"}, "rules_status": "unsupported"},  # disagree
        ],
    }
    assert judge_agreement(result) == {JUDGED: 4.0, AGREEMENT: 0.5}
    assert judge_agreement({"claims": [{"judge": None}]}) == {}
    line = agreement_line("case-1", judge_agreement(result))
    assert line == "case-1: judge and rules agree on 2 of 4 statement(s) (50%)"
    assert agreement_line("case-2", {}) is None


def test_eval_runner_reports_agreement(fake_openai: FakeOpenAIServer, tmp_path: Path) -> None:
    from factcheck.evals.runner import EvalOptions, run_suite
    from factcheck.model_options import ModelOptions

    fake_openai.handler = scripted_judge(SCRIPT)
    repo = Path(__file__).resolve().parents[2]
    case = sorted((repo / "evals").rglob("*.gold.json"))[0]
    options = EvalOptions(
        model="fake-model",
        connection=ModelOptions(base_url=fake_openai.base_url),
        judge=True,
        baseline="none",
    )
    suite = run_suite([case], options)
    (run,) = suite.runs()
    assert run.result is not None
    assert run.score.metrics == {**run.score.metrics, **judge_agreement(run.result)}
    assert run.score.metrics[JUDGED] >= 1
    assert len(judge_requests(fake_openai)) >= 1


def test_cli_batch_with_judge(fake_openai: FakeOpenAIServer, tmp_path: Path) -> None:
    fake_openai.handler = scripted_judge(SCRIPT)
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "one.txt").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    argv = ["batch", str(articles), "--out", str(out), "--judge", "--model", "fake-model"]
    assert main([*argv, "--base-url", fake_openai.base_url], io.StringIO()) == 0
    (record,) = read_results(out).values()
    _valid(record["result"])
    assert any(c["status"] == "contradicted" for c in record["result"]["claims"])
    assert len(judge_requests(fake_openai)) == 1


def test_cli_eval_with_judge(fake_openai: FakeOpenAIServer, tmp_path: Path) -> None:
    case = Path(__file__).resolve().parents[2] / "evals" / "cases" / "approximations"
    argv = ["eval", str(case), "--report-dir", str(tmp_path), "--baseline", "none", "--judge"]
    out = io.StringIO()
    assert main([*argv, "--model", "fake-model", "--base-url", fake_openai.base_url], out) in (0, 1)
    assert "approximations: judge and rules agree on" in out.getvalue()
    assert len(judge_requests(fake_openai)) == 1
    assert main(argv, io.StringIO()) == 2  # no model to judge with


def test_a_judged_report_escapes_the_models_reasons_in_markdown(
    fake_openai: FakeOpenAIServer, tmp_path: Path
) -> None:
    hostile = "<img src=x onerror=alert(1)> [click](javascript:alert(1)) a | b"

    def handler(request: RecordedRequest) -> Outcome | None:
        if prompt_name(request) != "judge":
            return None
        statements = statements_of(request)
        return Reply.with_json(
            {
                "verdicts": [
                    {"evidence": [1], "reason": hostile, "verdict": "contradicted"}
                    for _ in statements
                ]
            }
        )

    fake_openai.handler = handler
    source = tmp_path / "article.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    claims = tmp_path / "claims.txt"
    claims.write_text(SUPPORTED[0], encoding="utf-8")
    out = io.StringIO()
    argv = ["verify", "--source", str(source), "--claims", str(claims)]
    assert main([*argv, "--model", "fake-model", "--base-url", fake_openai.base_url], out) == 1
    text = out.getvalue()
    # Rendered as a viewer with raw HTML on would: no live image, no link.
    rendered = MarkdownIt("commonmark", {"html": True}).enable("table").render(text)
    assert "<img" not in rendered and "<a " not in rendered
    assert "&lt;img src=x onerror=alert(1)&gt;" in rendered
    # The reason stays in one table cell: its "|" is escaped.
    row = next(line for line in text.splitlines() if "contradicted (" in line)
    assert row.count(" | ") == 3

"""``--factcheck-judge``: the model judges each case's claims; agreement is reported per case."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from factcheck.testing import FakeOpenAIServer
from factcheck.testing._request_contents import prompt_name

Run = Callable[..., pytest.RunResult]


def test_judged_cases_report_agreement(
    gold_project: pytest.Pytester,
    run_inner: Run,
    fake_openai: FakeOpenAIServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    server = fake_openai
    model = ["--factcheck-model", "fake-model", "--factcheck-base-url", server.base_url]
    options = ["--factcheck-judge", "--factcheck-baseline", "none"]
    result = run_inner("--factcheck-evals", *model, *options, "--factcheck-report-dir", "reports")
    result.assert_outcomes(passed=1, failed=1, skipped=1)
    # Each case that ran made one extraction call and one judge call.
    names = [prompt_name(r) for r in server.chat_requests]
    assert sorted(str(n) for n in names) == ["judge", "judge", "single", "single"]
    out = result.stdout.str()
    # The loopback model calls everything supported, as do the rules on this article.
    assert "library: judge and rules agree on" in out
    assert "(100%)" in out
    data = json.loads((gold_project.path / "reports" / "report.json").read_text("utf-8"))
    ran = [c for c in data["cases"] if c["status"] != "skipped"]
    assert ran and all(c["run"]["score"]["metrics"]["judge_agreement"] == 1.0 for c in ran)


def test_judge_needs_a_model(gold_project: pytest.Pytester, run_inner: Run) -> None:
    result = run_inner("--factcheck-evals", "--factcheck-judge")
    assert result.ret != 0
    assert "--factcheck-judge needs --factcheck-model" in result.stderr.str()

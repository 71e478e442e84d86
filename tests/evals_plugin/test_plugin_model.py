"""The plugin against the loopback OpenAI-compatible server: model runs beside the baseline."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator

import pytest

from factcheck.evals.report_json import validate_report
from factcheck.testing import FakeOpenAIServer

Run = Callable[..., pytest.RunResult]


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeOpenAIServer]:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    with FakeOpenAIServer() as running:
        yield running


def _words(output: str, first: str) -> list[str]:
    table = output[output.index("= llm-factcheck eval =") :]
    rows = [line.split() for line in table.splitlines() if line.split()[:1] == [first]]
    assert len(rows) == 1, rows
    return rows[0]


def test_cases_run_through_http_beside_the_offline_baseline(
    gold_project: pytest.Pytester, run_inner: Run, server: FakeOpenAIServer
) -> None:
    result = run_inner(
        "--factcheck-evals",
        "--factcheck-model",
        "fake-model",
        "--factcheck-base-url",
        server.base_url,
        "--factcheck-report-dir",
        "reports",
        "--junitxml=junit.xml",
    )
    result.assert_outcomes(passed=1, failed=1, skipped=1)
    # One request per case that ran (each article fits one section); the skipped one sent none.
    requests = server.chat_requests
    assert len(requests) == 2
    assert {r.body["model"] for r in requests} == {"fake-model"}
    assert all(r.headers["authorization"] == "Bearer sk-test" for r in requests)
    assert all("2.3 million euros" in json.dumps(r.body["messages"]) for r in requests)
    out = result.stdout.str()
    assert "llm-factcheck eval: fake-model (baseline: offline)" in out
    assert _words(out, "case") == [
        "case",
        *"status P R F1 grnd cov forb tokens time".split(),
        "│",
        *"status P R F1 grnd cov forb time".split(),
    ]
    library = _words(out, "library")
    separator = library.index("│")
    model, baseline = library[1:separator], library[separator + 1 :]
    assert model[:7] == "pass 1.00 1.00 1.00 1.00 1.00 0".split()
    assert int(model[7]) > 0  # tokens reported by the server
    assert baseline[:7] == "pass 1.00 1.00 1.00 1.00 1.00 0".split()
    assert "case library-missing failed on fake-model:" in out
    assert "baseline offline: failed, P 1.00, R 0.67!, F1 0.80" in out
    # The offline engine's notice stays out of the model case's failure output.
    assert "no LLM was used" not in out

    root = ET.parse(gold_project.path / "junit.xml").getroot()
    case = next(c for c in root.iter("testcase") if c.get("name") == "library")
    props = {p.get("name"): p.get("value") for p in case.iter("property")}
    assert props["factcheck.engine"] == "fake-model"
    assert props["factcheck.baseline.engine"] == "offline"
    assert props["factcheck.baseline.status"] == "passed"
    assert props["factcheck.requests"] == "1.0"
    assert float(props["factcheck.total_tokens"] or 0) > 0

    data = json.loads((gold_project.path / "reports" / "report.json").read_text("utf-8"))
    assert validate_report(data) == []
    assert data["engine"] == {
        "label": "fake-model",
        "kind": "openai",
        "model": "fake-model",
        "system": None,
    }
    assert data["baseline"] == {
        "label": "offline",
        "kind": "offline",
        "model": None,
        "system": None,
    }
    assert data["baseline_summary"]["failed"] == 1
    first = data["cases"][0]
    assert first["run"]["result"]["engine"] == "openai"
    assert first["baseline"]["result"]["engine"] == "offline"


def test_baseline_none_leaves_the_baseline_out(
    gold_project: pytest.Pytester, run_inner: Run, server: FakeOpenAIServer
) -> None:
    result = run_inner(
        "--factcheck-evals",
        "-k",
        "library and not missing",
        "--factcheck-model",
        "fake-model",
        "--factcheck-base-url",
        server.base_url,
        "--factcheck-baseline",
        "none",
    )
    result.assert_outcomes(passed=1, skipped=1)
    out = result.stdout.str()
    assert "llm-factcheck eval: fake-model\n" in out
    assert "│" not in out[out.index("= llm-factcheck eval =") :]


def test_a_model_the_server_lacks_fails_the_case_with_the_error(
    gold_project: pytest.Pytester, run_inner: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    with FakeOpenAIServer(known_models=["other-model"]) as running:
        result = run_inner(
            "--factcheck-evals",
            "-k",
            "library and not missing",
            "--factcheck-model",
            "fake-model",
            "--factcheck-base-url",
            running.base_url,
        )
    # The pipeline keeps a failed section instead of raising; the message carries its error.
    result.assert_outcomes(failed=1, skipped=1)
    result.stdout.fnmatch_lines(
        [
            "case library failed on fake-model:",
            "  claim_recall 0 < minimum 1",
            "*",
            "sections the model could not process (1):",
            "  section 0 [[]0:242[]]: ModelNotFoundError: HTTP 404 from *fake-model*",
            "missed gold claims (2 of 2): the result has no claims",
        ]
    )

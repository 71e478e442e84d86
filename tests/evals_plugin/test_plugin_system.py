"""The plugin with the user's own system as the engine, suite-wide limits and discovery."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest

from factcheck.evals.report_json import validate_report

Run = Callable[..., pytest.RunResult]
Writer = Callable[..., Path]

# A user's system: the article's sentences that carry a figure, as claims without quotes.
# Each call is counted in calls.txt, so a test can see whether the system ran.
SYSTEM = """
import re
from pathlib import Path

def _sentences(article):
    body = article.split("\\n\\n", 1)[1]
    return [s for s in re.split(r"(?<=[.])\\s+", " ".join(body.split())) if s]

def _count(case_id):
    with Path(__file__).with_name("calls.txt").open("a") as handle:
        handle.write(case_id + "\\n")

def summarise(article, case_id):
    _count(case_id)
    sentences = _sentences(article)
    claims = [s for s in sentences if re.search(r"\\d", s)]
    return {"summary": sentences[0], "claims": claims}

async def asummarise(article):
    sentences = _sentences(article)
    return sentences[0], [s for s in sentences if re.search(r"\\d", s)]

def inventive(article, case_id):
    # Claims the library's reopening cost 3.1 million euros: the article says 2.3 million.
    return {
        "summary": "The library reopened after repairs that cost 3.1 million euros.",
        "claims": [{"text": "Repairs cost 2.3 million euros.", "status": "supported"}],
        "summary_checks": [],
    }
"""
SYSTEM_PATH = "usersystem:summarise"


@pytest.fixture
def system_project(gold_project: pytest.Pytester) -> pytest.Pytester:
    gold_project.makepyfile(usersystem=SYSTEM)
    gold_project.syspathinsert()
    return gold_project


def with_system(system: str) -> tuple[str, ...]:
    return ("--factcheck-evals", "--factcheck-system", system)


def _table_title(output: str) -> str:
    table = output[output.index("= llm-factcheck eval =") :]
    return table.splitlines()[1]


def _calls(project: pytest.Pytester) -> list[str]:
    path = project.path / "calls.txt"
    return path.read_text().split() if path.exists() else []


def test_the_system_is_the_engine_and_is_named_everywhere(
    system_project: pytest.Pytester, run_inner: Run
) -> None:
    result = run_inner(
        *with_system(SYSTEM_PATH), "--factcheck-report-dir", "reports", "--junitxml", "junit.xml"
    )
    result.assert_outcomes(passed=1, failed=1, skipped=1)
    out = result.stdout.str()
    assert _table_title(out) == f"llm-factcheck eval: {SYSTEM_PATH} (baseline: offline)"
    assert f"case library-missing failed on {SYSTEM_PATH}:" in out
    assert sorted(_calls(system_project)) == ["library", "library-missing"]
    report = json.loads((system_project.path / "reports" / "report.json").read_text())
    assert validate_report(report) == []
    system = {"label": SYSTEM_PATH, "kind": "system", "model": None, "system": SYSTEM_PATH}
    assert report["engine"] == system
    assert report["baseline"]["kind"] == "offline"
    library = next(case for case in report["cases"] if case["id"] == "library")
    assert library["run"]["engine"] == system
    assert library["run"]["result"]["engine"] == "system"
    # The claims came without quotes; the check found the evidence for both.
    claims = library["run"]["result"]["claims"]
    assert [c["status"] for c in claims] == ["supported", "supported"]
    assert library["run"]["score"]["metrics"]["claim_recall"] == 1.0
    markdown = (system_project.path / "reports" / "report.md").read_text()
    assert f"Engine **{SYSTEM_PATH}**" in markdown
    assert "openai" not in json.dumps(report["engine"]) + markdown.split("\n", 3)[2]
    tree = ET.parse(system_project.path / "junit.xml")
    cases = {case.get("name"): case for case in tree.iter("testcase")}
    props = {p.get("name"): p.get("value") for p in cases["library"].iter("property")}
    assert props["factcheck.engine"] == SYSTEM_PATH
    assert props["factcheck.baseline.engine"] == "offline"
    assert props["factcheck.status"] == "passed"


def test_an_async_system_from_the_ini_file(
    system_project: pytest.Pytester, run_inner: Run, write_gold_case: Writer
) -> None:
    system_project.makeini(
        "[pytest]\nfactcheck_evals = true\nfactcheck_system = usersystem:asummarise\n"
        "factcheck_baseline = none\n"
    )
    result = run_inner("-rf")
    result.assert_outcomes(passed=1, failed=1, skipped=1)
    assert _table_title(result.stdout.str()) == "llm-factcheck eval: usersystem:asummarise"


def test_a_figure_the_article_lacks_fails_whatever_the_output_says(
    system_project: pytest.Pytester, run_inner: Run
) -> None:
    result = run_inner(*with_system("usersystem:inventive"), "-k", "library and not missing")
    result.assert_outcomes(failed=1, skipped=1, deselected=1)
    out = result.stdout.str()
    assert "invented_figures 1 > maximum 0" in out
    assert "figures the article never states:" in out
    assert "number '3.1 million euros' in summary" in out


def test_suite_thresholds_tighten_only(system_project: pytest.Pytester, run_inner: Run) -> None:
    system_project.makeini(
        "[pytest]\nfactcheck_thresholds =\n    claim_precision=1.0\n    summary_words=3\n"
    )
    args = (*with_system(SYSTEM_PATH), "--factcheck-baseline", "none")
    # The ini's summary_words=3 fails the passing case; the command line loosens recall,
    # which cannot relax library-missing's own 0.9.
    result = run_inner(*args, "--factcheck-threshold", "claim_recall=0.1")
    result.assert_outcomes(failed=2, skipped=1)
    out = result.stdout.str()
    assert "case library failed" in out and "summary_words 20 > maximum 3" in out
    assert "claim_recall 0.667 < minimum 0.9" in out
    # The command line wins over the ini file for the same metric.
    relaxed = run_inner(*args, "--factcheck-threshold", "summary_words=100")
    relaxed.assert_outcomes(passed=1, failed=1, skipped=1)
    bad = run_inner(*args, "--factcheck-threshold", "claims_matched=1")
    assert bad.ret == pytest.ExitCode.USAGE_ERROR
    assert "no threshold can be set on claims_matched" in bad.stderr.str()


def test_outputs_are_cached_when_asked(system_project: pytest.Pytester, run_inner: Run) -> None:
    args = (*with_system(SYSTEM_PATH), "--factcheck-baseline", "none")
    first = run_inner(*args, "--factcheck-system-cache", "outputs")
    assert len(_calls(system_project)) == 2
    second = run_inner(*args, "--factcheck-system-cache", "outputs")
    assert len(_calls(system_project)) == 2  # every output came from the cache
    for run in (first, second):
        run.assert_outcomes(passed=1, failed=1, skipped=1)
    assert len(list((system_project.path / "outputs").iterdir())) == 2
    run_inner(*args)  # no cache: the system runs again
    assert len(_calls(system_project)) == 4


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--factcheck-system", "usersystem:missing"), "has no 'missing'"),
        (("--factcheck-system", "no_such_module_here:f"), "cannot import 'no_such_module_here'"),
        (("--factcheck-system", SYSTEM_PATH, "--factcheck-model", "m"), "not both"),
    ],
)
def test_bad_system_settings_are_usage_errors(
    system_project: pytest.Pytester, run_inner: Run, args: tuple[str, ...], message: str
) -> None:
    result = run_inner("--factcheck-evals", *args)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert message in result.stderr.str()


def test_a_hint_when_gold_files_exist_but_the_suite_is_off(
    gold_project: pytest.Pytester, run_inner: Run
) -> None:
    gold_project.makepyfile(test_plain="def test_plain():\n    assert True\n")
    result = run_inner()
    result.assert_outcomes(passed=1)
    hints = [line for line in result.stdout.lines if line.startswith("llm-factcheck:")]
    assert hints == [
        "llm-factcheck: 3 gold file(s) found but the eval suite is off; run with "
        "--factcheck-evals (or set factcheck_evals = true) to run them"
    ]


def test_a_gold_file_named_on_the_command_line_runs(
    gold_project: pytest.Pytester, run_inner: Run
) -> None:
    result = run_inner("cases/library/library.gold.json", "-v")
    result.assert_outcomes(passed=1)
    assert "cases/library/library.gold.json::library PASSED" in result.stdout.str()
    selected = run_inner("cases/library-missing/library-missing.gold.json::library-missing")
    selected.assert_outcomes(failed=1)


def test_other_tools_gold_files_are_not_items(
    gold_project: pytest.Pytester, run_inner: Run
) -> None:
    snapshots = gold_project.path / "snapshots"
    snapshots.mkdir()
    (snapshots / "headline.gold.json").write_text('{"expected": "Library reopens"}')
    result = run_inner("--factcheck-evals", "--collect-only", "-q")
    ids = [line for line in result.stdout.lines if "::" in line]
    assert len(ids) == 3 and not any("snapshots" in i for i in ids)
    # With the gold directories configured, only they are searched, whatever a file holds.
    gold_project.makeini("[pytest]\nfactcheck_gold_paths = cases/library\n")
    result = run_inner("--factcheck-evals", "--collect-only", "-q")
    assert [line for line in result.stdout.lines if "::" in line] == [
        "cases/library/library.gold.json::library"
    ]


def test_a_custom_suffix(gold_project: pytest.Pytester, run_inner: Run) -> None:
    source = gold_project.path / "cases" / "library" / "library.gold.json"
    source.rename(source.with_name("library.case.json"))
    gold_project.makeini("[pytest]\nfactcheck_gold_suffix = .case.json\n")
    result = run_inner("--factcheck-evals", "--collect-only", "-q")
    assert [line for line in result.stdout.lines if "::" in line] == [
        "cases/library/library.case.json::library"
    ]


def test_lint_inside_the_plugin(
    pytester: pytest.Pytester, run_inner: Run, write_gold_case: Writer
) -> None:
    pytester.makeini("[pytest]\nfactcheck_evals = true\n")
    write_gold_case(pytester.path, "library")
    write_gold_case(pytester.path, "staffed", ["reopened", "staff"])  # "12 staff": not in it
    plain = run_inner()
    plain.assert_outcomes(passed=2)  # no threshold of its own notices the unfair claim

    linted = run_inner("--factcheck-lint")
    linted.assert_outcomes(passed=1, failed=1)
    out = linted.stdout.str()
    assert "gold lint:" in out
    assert "claims[1]: key fact '12' (number) is not in the article" in out

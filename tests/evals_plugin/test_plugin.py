"""The pytest plugin run in throwaway projects (pytester) on the offline engine."""

from __future__ import annotations

import json
import stat
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest

from factcheck.evals.metric_table import MISSING
from factcheck.evals.report_json import validate_report

Run = Callable[..., pytest.RunResult]
Writer = Callable[..., Path]


def table_row(output: str, first: str) -> list[str]:
    """The words of the end-of-run table's line that starts with ``first``."""
    table = output[output.index("= llm-factcheck eval =") :]
    rows = [line.split() for line in table.splitlines() if line.split()[:1] == [first]]
    assert len(rows) == 1, f"expected one table row for {first!r}, got {rows}"
    return rows[0]


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_silent_unless_asked(gold_project: pytest.Pytester, run_inner: Run) -> None:
    gold_project.makepyfile(test_plain="def test_plain():\n    assert True\n")
    result = run_inner("-v")
    result.assert_outcomes(passed=1)
    assert "test_plain.py::test_plain PASSED" in result.stdout.str()
    assert "gold.json" not in result.stdout.str()
    assert "llm-factcheck eval" not in result.stdout.str()
    # The plugin is loaded (its options exist); it just collected nothing.
    assert "--factcheck-evals" in run_inner("--help").stdout.str()


def test_option_collects_one_item_per_case(gold_project: pytest.Pytester, run_inner: Run) -> None:
    result = run_inner("--factcheck-evals", "--collect-only", "-q")
    ids = [line for line in result.stdout.lines if "::" in line]
    assert ids == [
        "cases/library/library.gold.json::library",
        "cases/library-external/library-external.gold.json::library-external",
        "cases/library-missing/library-missing.gold.json::library-missing",
    ]


def test_ini_setting_collects(
    pytester: pytest.Pytester, run_inner: Run, write_gold_case: Writer
) -> None:
    pytester.makeini("[pytest]\nfactcheck_evals = true\n")
    write_gold_case(pytester.path, "library")
    result = run_inner("-v")
    result.assert_outcomes(passed=1)
    assert "cases/library/library.gold.json::library PASSED" in result.stdout.str()


def test_failing_case_names_the_missed_claim_and_why(
    gold_project: pytest.Pytester, run_inner: Run
) -> None:
    result = run_inner("--factcheck-evals", "-rfs")
    result.assert_outcomes(passed=1, failed=1, skipped=1)
    out = result.stdout.str()
    # Recall is 2 of 3: the staff claim is in no article.
    assert "case library-missing failed on offline:" in out
    assert "claim_recall 0.667 < minimum 0.9" in out
    assert "missed gold claims (1 of 3):" in out
    assert "#2 'The Lakeside library will hire 12 new staff.'" in out
    assert "missing key fact '12'" in out
    assert "missing key fact 'staff'" in out
    # The table: P = R = F1 = 1 for the passing case; 2/2, 2/3 and 0.8 for the failing one.
    assert "llm-factcheck eval: offline" in out
    assert table_row(out, "case") == "case status P R F1 grnd cov forb time".split()
    assert table_row(out, "library")[:-1] == "library pass 1.00 1.00 1.00 1.00 1.00 0".split()
    assert table_row(out, "library-external") == ["library-external", "skip", *[MISSING] * 7]
    assert table_row(out, "library-missing")[:-1] == (
        "library-missing FAIL 1.00 0.67! 0.80 1.00 1.00 0".split()
    )
    assert table_row(out, "overall")[:-1] == "overall 1/2 1.00 0.83 0.90 1.00 1.00 0".split()


def test_absent_external_article_skips_with_reason(
    gold_project: pytest.Pytester, run_inner: Run
) -> None:
    result = run_inner("--factcheck-evals", "-rs", "-k", "external")
    result.assert_outcomes(skipped=1)
    result.stdout.fnmatch_lines(["SKIPPED*external article not present: lakeside.txt (searched: *"])


def test_external_dir_option_finds_the_article(
    gold_project: pytest.Pytester, run_inner: Run, article_text: str
) -> None:
    shelf = gold_project.path / "shelf"
    shelf.mkdir()
    (shelf / "lakeside.txt").write_text(article_text, encoding="utf-8")
    result = run_inner("--factcheck-evals", "-k", "external", "--factcheck-external-dir", "shelf")
    result.assert_outcomes(passed=1)


def test_default_external_dir_is_shared_beside_rootdir(
    pytester: pytest.Pytester, run_inner: Run, write_gold_case: Writer, article_text: str
) -> None:
    project = pytester.mkdir("project")
    (project / "pytest.ini").write_text("[pytest]\nfactcheck_evals = true\n", encoding="utf-8")
    write_gold_case(project, "beside", external="beside-article.txt")
    shared = pytester.mkdir("shared")
    (shared / "beside-article.txt").write_text(article_text, encoding="utf-8")
    result = run_inner("project")
    result.assert_outcomes(passed=1)


def test_broken_gold_file_is_a_failing_item(pytester: pytest.Pytester, run_inner: Run) -> None:
    pytester.makeini("[pytest]\n")
    (pytester.path / "torn.gold.json").write_text('{"id": "torn",', encoding="utf-8")
    result = run_inner("--factcheck-evals")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        ["*case torn could not run on offline: *torn.gold.json: not valid JSON*"]
    )


def test_junit_xml_carries_the_scores(gold_project: pytest.Pytester, run_inner: Run) -> None:
    run_inner("--factcheck-evals", "--junitxml=junit.xml")
    root = ET.parse(gold_project.path / "junit.xml").getroot()
    cases = {case.get("name"): case for case in root.iter("testcase")}
    assert set(cases) == {"library", "library-missing", "library-external"}
    props = {p.get("name"): p.get("value") for p in cases["library-missing"].iter("property")}
    assert props["factcheck.engine"] == "offline"
    assert props["factcheck.status"] == "failed"
    assert props["factcheck.claim_recall"] == "0.6667"
    assert props["factcheck.claim_precision"] == "1.0"
    assert props["factcheck.claims_gold"] == "3.0"
    assert props["factcheck.claims_matched"] == "2.0"
    assert props["factcheck.forbidden_hits"] == "0.0"
    assert "factcheck.baseline.engine" not in props  # no model, so no baseline run
    skipped = {p.get("name"): p.get("value") for p in cases["library-external"].iter("property")}
    assert skipped["factcheck.status"] == "skipped"


def test_reports_are_private_and_valid(gold_project: pytest.Pytester, run_inner: Run) -> None:
    result = run_inner("--factcheck-evals", "--factcheck-report-dir", "out/reports")
    directory = gold_project.path / "out" / "reports"
    result.stdout.fnmatch_lines(
        [f"reports written to {directory}: report.json, report.md, report.html"]
    )
    assert _mode(directory) == 0o700
    assert sorted(p.name for p in directory.iterdir()) == [
        "report.html",
        "report.json",
        "report.md",
    ]
    for path in directory.iterdir():
        assert _mode(path) == 0o600, path.name
    data = json.loads((directory / "report.json").read_text(encoding="utf-8"))
    assert validate_report(data) == []
    assert data["passed"] is False
    assert data["engine"] == {"label": "offline", "kind": "offline", "model": None, "system": None}
    assert data["baseline"] is None
    assert data["summary"]["passed"] == 1
    assert data["summary"]["failed"] == 1
    assert data["summary"]["skipped"] == 1
    by_id = {case["id"]: case for case in data["cases"]}
    assert by_id["library"]["gold_file"] == "cases/library/library.gold.json"
    missing = by_id["library-missing"]["run"]
    assert missing["score"]["claims"]["missed"][0]["text"] == (
        "The Lakeside library will hire 12 new staff."
    )
    assert missing["result"]["engine"] == "offline"
    assert by_id["library-external"]["run"]["result"] is None
    # The schema is not vacuous: a wrong status and a missing field are caught.
    by_id["library"]["run"]["status"] = "excellent"
    del data["summary"]["elapsed_s"]
    problems = validate_report(data)
    assert any("'excellent' is not one of" in p for p in problems)
    assert any("'elapsed_s' is a required property" in p for p in problems)


def test_existing_report_dir_keeps_its_mode(gold_project: pytest.Pytester, run_inner: Run) -> None:
    existing = gold_project.mkdir("shared-reports")
    existing.chmod(0o755)
    run_inner(
        "--factcheck-evals",
        "-k",
        "library and not missing",
        "--factcheck-report-dir",
        "shared-reports",
    )
    assert _mode(existing) == 0o755
    assert _mode(existing / "report.json") == 0o600


def test_ini_report_dir_is_relative_to_the_ini_file(
    pytester: pytest.Pytester,
    run_inner: Run,
    write_gold_case: Writer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pytester.makeini("[pytest]\nfactcheck_evals = true\nfactcheck_report_dir = build/evals\n")
    write_gold_case(pytester.path, "library")
    monkeypatch.chdir(pytester.mkdir("elsewhere"))
    result = run_inner(str(pytester.path))
    result.assert_outcomes(passed=1)
    assert (pytester.path / "build" / "evals" / "report.md").is_file()
    assert not (pytester.path / "elsewhere" / "build").exists()


def test_no_report_files_by_default(gold_project: pytest.Pytester, run_inner: Run) -> None:
    before = set(gold_project.path.rglob("*"))
    run_inner("--factcheck-evals", "-k", "library and not missing")
    created = {p.name for p in set(gold_project.path.rglob("*")) - before}
    assert not created & {"report.json", "report.md", "report.html"}


def test_cache_without_model_is_a_usage_error(
    gold_project: pytest.Pytester, run_inner: Run
) -> None:
    result = run_inner("--factcheck-evals", "--factcheck-cache", "replay")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*--factcheck-cache needs --factcheck-model*"])


def _without_timings(value: object) -> object:
    """``value`` with every timing and timestamp taken out, which differ from run to run."""
    if isinstance(value, dict) and value.get("metric") in ("elapsed_s", "latency_s"):
        return {"metric": value["metric"]}  # a metric-table cell of a timing
    if isinstance(value, dict):
        return {
            k: _without_timings(v)
            for k, v in value.items()
            if k not in ("elapsed_s", "generated_at", "latency_s")
        }
    if isinstance(value, list):
        return [_without_timings(v) for v in value]
    return value


def test_xdist_workers_report_the_whole_suite(
    gold_project: pytest.Pytester, run_inner_subprocess: Run
) -> None:
    pytest.importorskip("xdist")
    alone = run_inner_subprocess("--factcheck-evals", "--factcheck-report-dir", "alone")
    split = run_inner_subprocess(
        "-p", "xdist", "-n", "2", "--factcheck-evals", "--factcheck-report-dir", "split"
    )
    split.assert_outcomes(passed=1, failed=1, skipped=1)
    # The controller prints the table of every case, whichever worker ran it.
    for case_id in ("library", "library-external", "library-missing"):
        assert table_row(split.stdout.str(), case_id)[0] == case_id
    reports = [
        json.loads((gold_project.path / name / "report.json").read_text(encoding="utf-8"))
        for name in ("alone", "split")
    ]
    assert validate_report(reports[1]) == []
    assert _without_timings(reports[1]) == _without_timings(reports[0])
    assert alone.ret == split.ret

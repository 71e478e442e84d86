"""examples/own-summariser run exactly as its users would: ``pytest`` in a fresh interpreter."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from factcheck.evals.report_json import validate_report

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "own-summariser"
SYSTEM = "summariser:summarise"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the example, so its reports and caches stay out of the repository."""
    copy = tmp_path / "own-summariser"
    shutil.copytree(EXAMPLE, copy, ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache"))
    return copy


def pytest_in(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def table(output: str) -> list[list[str]]:
    """The end-of-run table's rows, without the time columns (which vary run to run)."""
    start = output.index("= llm-factcheck eval =")
    lines = output[start:].splitlines()[1:]
    rows = []
    for line in lines:
        if line.startswith("P/R/F1"):
            break
        rows.append([cell for cell in line.split() if not re.fullmatch(r"[\d.]+s", cell)])
    return rows


def test_one_case_fails_on_the_planted_figure_and_reports_name_the_system(project: Path) -> None:
    run = pytest_in(project, "--junitxml", "junit.xml", "--factcheck-report-dir", "reports")
    out = run.stdout
    assert run.returncode == 1, out + run.stderr
    assert "1 failed, 4 passed" in out  # two unit tests, three gold cases
    assert f"case ferry-subsidy failed on {SYSTEM}:" in out
    assert "invented_figures 1 > maximum 0" in out
    assert "number '€2.5 million' in summary" in out
    assert f"llm-factcheck eval: {SYSTEM} (baseline: offline)" in out
    assert "snapshots" not in out  # another tool's *.gold.json is no item
    report = json.loads((project / "reports" / "report.json").read_text(encoding="utf-8"))
    assert validate_report(report) == []
    assert report["engine"] == {"label": SYSTEM, "kind": "system", "model": None, "system": SYSTEM}
    statuses = {case["id"]: case["status"] for case in report["cases"]}
    assert statuses == {
        "ferry-subsidy": "failed",
        "school-reopening": "passed",
        "wind-farm": "passed",
    }
    assert f"Engine **{SYSTEM}**" in (project / "reports" / "report.md").read_text("utf-8")
    assert SYSTEM in (project / "reports" / "report.html").read_text("utf-8")
    tree = ET.parse(project / "junit.xml")
    engines = {
        case.get("name"): {p.get("name"): p.get("value") for p in case.iter("property")}.get(
            "factcheck.engine"
        )
        for case in tree.iter("testcase")
    }
    assert engines == {
        "ferry-subsidy": SYSTEM,
        "school-reopening": SYSTEM,
        "wind-farm": SYSTEM,
        "test_school_summary_is_grounded": None,
        "test_an_invented_figure_fails_assert_grounded": None,
    }


def test_xdist_gives_the_same_table(project: Path) -> None:
    pytest.importorskip("xdist")
    alone = pytest_in(project)
    split = pytest_in(project, "-n", "2")
    assert (alone.returncode, split.returncode) == (1, 1), split.stdout + split.stderr
    assert "1 failed, 4 passed" in split.stdout
    assert table(split.stdout) == table(alone.stdout)
    rows = table(alone.stdout)
    # Title, engine groups, columns, rule, three cases, rule, overall.
    assert len(rows) == 9
    assert rows[4][:2] == ["ferry-subsidy", "FAIL"]
    assert [row[:2] for row in rows[5:7]] == [["school-reopening", "pass"], ["wind-farm", "pass"]]

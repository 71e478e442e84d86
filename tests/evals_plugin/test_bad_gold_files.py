"""One hostile gold file is an error for its own case; every other case runs and reports."""

from __future__ import annotations

import io
import json
import resource
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from factcheck.cli import main
from factcheck.errors import GoldFileError
from factcheck.evals.gold import MAX_GOLD_BYTES, load_gold

Writer = Callable[..., Path]
Run = Callable[..., pytest.RunResult]


def _valid_doc(root: Path, write_gold_case: Writer, case_id: str) -> dict[str, object]:
    """A valid gold document to spoil; the files written to get it are removed again."""
    path = write_gold_case(root, case_id)
    doc: dict[str, object] = json.loads(path.read_text("utf-8"))
    shutil.rmtree(root)
    return doc


def _hostile_files(root: Path, write_gold_case: Writer) -> dict[str, str]:
    """Write one bad gold file per kind; returns case id -> what its error must say."""
    expected: dict[str, str] = {}

    def write(case_id: str, text: str | bytes, says: str) -> None:
        folder = root / "cases" / case_id
        folder.mkdir(parents=True, exist_ok=True)
        data = text if isinstance(text, bytes) else text.encode("utf-8")
        (folder / f"{case_id}.gold.json").write_bytes(data)
        expected[case_id] = says

    template = _valid_doc(root / "templates", write_gold_case, "template")
    huge_int = dict(template, id="huge-int", tags=["x"])
    text = json.dumps(huge_int).replace('"tags": ["x"]', '"tags": [' + "9" * 5000 + "]")
    write("huge-int", text, "not usable JSON")
    write("deep", "[" * 200_000 + "]" * 200_000, "nested more than")
    write("nul", json.dumps(dict(template, id="nul", description="a\x00b")), "NUL")
    long_name = dict(template, id="long-name", article="a" * 5000 + ".txt")
    write("long-name", json.dumps(long_name), "cannot be used")
    write(
        "big",
        b'{"id": "big", "description": "' + b"x" * (MAX_GOLD_BYTES + 10) + b'"}',
        "larger than",
    )
    long_string = dict(template, id="long-string", description="y" * 50_000)
    write("long-string", json.dumps(long_string), "characters (at most")
    return expected


def test_each_hostile_gold_file_is_a_gold_file_error(
    tmp_path: Path, write_gold_case: Writer
) -> None:
    for case_id, says in _hostile_files(tmp_path, write_gold_case).items():
        with pytest.raises(GoldFileError, match=says.replace("(", r"\(")) as caught:
            load_gold(tmp_path / "cases" / case_id / f"{case_id}.gold.json")
        assert len(str(caught.value)) < 600, case_id


def test_the_eval_command_runs_the_good_cases_and_writes_every_report(
    tmp_path: Path, write_gold_case: Writer
) -> None:
    write_gold_case(tmp_path, "library")
    expected = _hostile_files(tmp_path, write_gold_case)
    reports = tmp_path / "reports"
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    out = io.StringIO()
    assert main(["eval", str(tmp_path / "cases"), "--report-dir", str(reports)], out) == 1
    grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown_kb < 300_000  # a 1 MB file may not cost hundreds of megabytes
    data = json.loads((reports / "report.json").read_text("utf-8"))
    status = {case["id"]: case["status"] for case in data["cases"]}
    assert status.pop("library") == "passed"
    assert status == dict.fromkeys(expected, "error")
    for name in ("report.md", "report.html"):
        assert (reports / name).stat().st_size < 2_000_000
    reasons = {case["id"]: case["run"]["reason"] or "" for case in data["cases"]}
    for case_id, says in expected.items():
        assert says in reasons[case_id], (case_id, reasons[case_id])


def test_pytest_collects_an_error_item_per_bad_file_and_runs_the_rest(
    pytester: pytest.Pytester, run_inner: Run, write_gold_case: Writer
) -> None:
    pytester.makeini("[pytest]\nfactcheck_evals = true\n")
    write_gold_case(pytester.path, "library")
    expected = _hostile_files(pytester.path, write_gold_case)
    result = run_inner()
    result.assert_outcomes(passed=1, failed=len(expected))
    assert "errors during collection" not in result.stdout.str()

"""``factcheck eval``: the same suite without pytest, through the real command-line entry."""

from __future__ import annotations

import io
import json
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from factcheck.cli import main
from factcheck.evals.report_json import validate_report

Writer = Callable[..., Path]


def _eval(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(["eval", *args], stdout=out)
    return code, out.getvalue()


def _row(output: str, first: str) -> list[str]:
    rows = [line.split() for line in output.splitlines() if line.split()[:1] == [first]]
    assert len(rows) == 1, rows
    return rows[0]


def test_all_passing_exits_0_and_writes_private_reports(
    tmp_path: Path, write_gold_case: Writer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write_gold_case(tmp_path / "suite", "library", thresholds={"claim_recall": 1.0})
    code, out = _eval("suite", "--report-dir", "out")
    assert code == 0
    assert _row(out, "library")[:-1] == "library pass 1.00 1.00 1.00 1.00 1.00 0".split()
    assert "reports written to out: report.json, report.md, report.html" in out
    directory = tmp_path / "out"
    assert stat.S_IMODE(directory.stat().st_mode) == 0o700
    for name in ("report.json", "report.md", "report.html"):
        assert stat.S_IMODE((directory / name).stat().st_mode) == 0o600
    data = json.loads((directory / "report.json").read_text("utf-8"))
    assert validate_report(data) == []
    assert data["passed"] is True
    assert data["cases"][0]["gold_file"] == "suite/cases/library/library.gold.json"


def test_a_failing_case_exits_1_and_says_why(tmp_path: Path, write_gold_case: Writer) -> None:
    suite = tmp_path / "suite"
    write_gold_case(suite, "library")
    write_gold_case(
        suite, "library-missing", ["reopened", "books", "staff"], thresholds={"claim_recall": 0.9}
    )
    code, out = _eval(str(suite), "--report-dir", "")
    assert code == 1
    assert "case library-missing failed on offline:" in out
    assert "claim_recall 0.667 < minimum 0.9" in out
    assert "missing key fact '12'" in out
    assert _row(out, "library-missing")[:4] == ["library-missing", "FAIL", "1.00", "0.67!"]
    assert _row(out, "overall")[:2] == ["overall", "1/2"]
    assert not (tmp_path / "reports").exists()


def test_skipped_cases_do_not_fail_the_run(tmp_path: Path, write_gold_case: Writer) -> None:
    suite = tmp_path / "suite"
    write_gold_case(suite, "library")
    write_gold_case(suite, "library-external", external="not-anywhere.txt")
    code, out = _eval(str(suite), "--report-dir", "", "--external-dir", str(tmp_path / "none"))
    assert code == 0
    assert _row(out, "library-external")[:2] == ["library-external", "skip"]
    assert "skipped library-external: external article not present: not-anywhere.txt" in out


def test_external_dir_is_searched(
    tmp_path: Path, write_gold_case: Writer, article_text: str
) -> None:
    write_gold_case(tmp_path / "suite", "library-external", external="shelved.txt")
    shelf = tmp_path / "shelf"
    shelf.mkdir()
    (shelf / "shelved.txt").write_text(article_text, encoding="utf-8")
    code, out = _eval(str(tmp_path / "suite"), "--report-dir", "", "--external-dir", str(shelf))
    assert code == 0
    assert _row(out, "library-external")[:3] == ["library-external", "pass", "1.00"]


def test_an_article_that_cannot_be_read_is_an_error_case(
    tmp_path: Path, write_gold_case: Writer
) -> None:
    write_gold_case(tmp_path / "suite", "blank", article="   \n")
    code, out = _eval(str(tmp_path / "suite"), "--report-dir", "")
    assert code == 1
    assert "case blank could not run on offline: EmptyArticleError" in out
    assert _row(out, "blank")[:2] == ["blank", "ERROR"]


def test_input_errors_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert _eval("missing-dir")[0] == 2
    assert "no such directory: missing-dir" in capsys.readouterr().err
    (tmp_path / "empty").mkdir()
    assert _eval("empty")[0] == 2
    assert "no gold files (*.gold.json) under empty" in capsys.readouterr().err
    # Not a gold case (no id, no claims): another tool's golden file is not collected.
    (tmp_path / "empty" / "other.gold.json").write_text("{}", encoding="utf-8")
    assert _eval("empty")[0] == 2
    assert "no gold files (*.gold.json) under empty" in capsys.readouterr().err
    (tmp_path / "empty" / "x.gold.json").write_text('{"id": "x", "claims": []}', "utf-8")
    assert _eval("empty", "--cache", "replay")[0] == 2
    assert "--cache need --model" in capsys.readouterr().err


USER_SYSTEM = """
def summarise(article, case_id):
    body = article.split("\\n\\n", 1)[1]
    sentences = [s.strip() + "." for s in " ".join(body.split()).split(". ") if s.strip()]
    return sentences[0], [s for s in sentences if any(c.isdigit() for c in s)]
"""


def test_eval_with_a_users_system_and_suite_thresholds(
    tmp_path: Path, write_gold_case: Writer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("sys.path", list(__import__("sys").path))  # the CLI adds the cwd
    (tmp_path / "cli_user_system.py").write_text(USER_SYSTEM, encoding="utf-8")
    write_gold_case(tmp_path / "suite", "library", thresholds={"claim_recall": 1.0})
    args = ("suite", "--system", "cli_user_system:summarise", "--report-dir", "out")
    code, out = _eval(*args)
    assert code == 0, out
    assert (
        out.splitlines()[0] == "llm-factcheck eval: cli_user_system:summarise (baseline: offline)"
    )
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert validate_report(report) == []
    assert report["engine"]["kind"] == "system"
    assert report["engine"]["system"] == "cli_user_system:summarise"
    code, out = _eval(*args, "--threshold", "summary_words=5", "--baseline", "none")
    assert code == 1
    assert "summary_words 20 > maximum 5" in out


def test_eval_system_errors_exit_2(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    write_gold_case: Writer,
) -> None:
    monkeypatch.chdir(tmp_path)
    write_gold_case(tmp_path / "suite", "library")
    assert _eval("suite", "--system", "not-a-path")[0] == 2
    assert "package.module:callable" in capsys.readouterr().err
    assert _eval("suite", "--threshold", "claim_recall")[0] == 2
    assert "NAME=NUMBER" in capsys.readouterr().err


def test_gold_lint_exit_codes(
    tmp_path: Path, write_gold_case: Writer, capsys: pytest.CaptureFixture[str]
) -> None:
    clean = write_gold_case(tmp_path / "clean", "library")
    out = io.StringIO()
    assert main(["gold", "lint", str(clean.parent.parent)], stdout=out) == 0
    assert out.getvalue().splitlines()[-1] == "1 gold file(s), 0 with problems"
    write_gold_case(tmp_path / "unfair", "staffed", ["reopened", "staff"])
    out = io.StringIO()
    assert main(["gold", "lint", str(tmp_path / "unfair")], stdout=out) == 1
    assert "claims[1]: key fact '12' (number) is not in the article" in out.getvalue()
    assert main(["gold", "lint", str(tmp_path / "nowhere")], stdout=io.StringIO()) == 2
    assert "no such file or directory" in capsys.readouterr().err


def test_gold_thresholds_measures_and_suggests(
    tmp_path: Path, write_gold_case: Writer, capsys: pytest.CaptureFixture[str]
) -> None:
    write_gold_case(tmp_path / "suite", "library-missing", ["reopened", "books", "staff"])
    assert main(["gold", "thresholds", str(tmp_path / "suite"), "--json"]) == 0
    measured = json.loads(capsys.readouterr().out)
    assert measured["library-missing"]["measured"]["claim_recall"] == 0.6667
    assert measured["library-missing"]["suggested"]["claim_recall"] == 0.6

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from factcheck import __version__
from factcheck.cli import main
from factcheck.schemas import result_schema
from factcheck.testing import FakeOpenAIServer, Reply


def _run(argv: list[str]) -> tuple[int, str]:
    out = io.StringIO()
    code = main(argv, stdout=out)
    return code, out.getvalue()


def test_run_json_is_the_published_shape(example_article_path: Path) -> None:
    code, out = _run(["run", str(example_article_path), "--format", "json"])
    assert code == 0
    data = json.loads(out)
    jsonschema.validate(data, result_schema())
    assert data["engine"] == "offline" and data["claims"]


def test_run_markdown_to_a_file(tmp_path: Path, example_article_path: Path) -> None:
    target = tmp_path / "result.md"
    code, out = _run(["run", str(example_article_path), "-o", str(target)])
    assert code == 0 and out == ""
    assert target.read_text("utf-8").startswith("# Harbour city approves")


def test_run_reads_stdin(monkeypatch: pytest.MonkeyPatch, example_article_path: Path) -> None:
    monkeypatch.setattr(
        sys, "stdin", io.TextIOWrapper(io.BytesIO(example_article_path.read_bytes()))
    )
    code, out = _run(["run", "-", "--format", "json"])
    assert code == 0 and json.loads(out)["source"] is None


def test_offline_notice_goes_to_stderr(
    example_article_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "factcheck.cli", "run", str(example_article_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert "no LLM was used" in result.stderr
    assert "--model" in result.stderr
    assert result.stdout.startswith("# Harbour city approves")


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["run", "does-not-exist.txt"], "no such file"),
        (
            [
                "run",
                "README.md",
                "--max-section-tokens",
                "3",
                "--model",
                "m",
                "--base-url",
                "http://127.0.0.1:9/v1",
            ],
            "max_section_tokens",
        ),
        (["run", "README.md", "--cache", "replay"], "cache"),
        (["run"], "required"),
        (["verify", "--source", "README.md"], "exactly one of --summary or --claims"),
    ],
)
def test_user_mistakes_are_one_line_and_exit_2(argv: list[str], needle: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "factcheck.cli", *argv], capture_output=True, text=True, check=False
    )
    assert result.returncode == 2, result.stderr
    assert needle in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) <= 2


def test_binary_input_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "blob.bin"
    path.write_bytes(b"\x00\x01\x02binary")
    code, _ = _run(["run", str(path)])
    assert code == 2


def test_version() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "factcheck.cli", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0 and __version__ in result.stdout


def test_partial_result_exits_1(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-cli-test")
    article = tmp_path / "a.txt"
    article.write_text("Title\n\nThe port handled 12 ships on Monday, officials said.\n", "utf-8")
    with FakeOpenAIServer() as server:
        server.script(Reply.refused())
        code, out = _run(
            [
                "run",
                str(article),
                "--model",
                "fake-model",
                "--base-url",
                server.base_url,
                "--format",
                "json",
            ]
        )
    assert code == 1
    data = json.loads(out)
    assert data["partial"] is True and data["failed_sections"][0]["error_type"] == "RefusalError"
    assert "sk-cli-test" not in out


def test_verify_summary_and_claims(tmp_path: Path, example_article_path: Path) -> None:
    summary = tmp_path / "summary.txt"
    summary.write_text(
        "Port Ellery's council voted 31 to 9 for a flood wall costing €48 million. "
        "The wall will cost €95 million and protect 5,000 homes.",
        "utf-8",
    )
    code, out = _run(
        [
            "verify",
            "--source",
            str(example_article_path),
            "--summary",
            str(summary),
            "--format",
            "json",
        ]
    )
    assert code == 1  # a sentence is contradicted: the exit status says so
    checks = json.loads(out)["checks"]
    assert checks[0]["status"] == "supported"
    # The article gives the wall's cost as €48 million: another figure for the same quantity.
    assert checks[1]["status"] == "contradicted"
    assert any("95" in p for p in checks[1]["problems"])
    claims = tmp_path / "claims.txt"
    claims.write_text("The vote was 31 to 9.\nThe surge reached 7.5 metres.\n", "utf-8")
    code, out = _run(["verify", "--source", str(example_article_path), "--claims", str(claims)])
    assert code == 1 and "7.5" in out

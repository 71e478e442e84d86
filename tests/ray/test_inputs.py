"""Ray stays optional, and bad input is refused before any cluster is started."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck.cli import main


def test_factcheck_and_its_batch_command_never_import_ray(
    example_article_path: Path, tmp_path: Path
) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "one.txt").write_text(example_article_path.read_text("utf-8"), "utf-8")
    code = (
        "import sys\n"
        "import factcheck, factcheck.batch, factcheck.cli\n"
        "rc = factcheck.cli.main(['batch', sys.argv[1], '--out', sys.argv[2]])\n"
        "assert rc == 0, rc\n"
        "import factcheck.ray\n"  # the callable class needs pyarrow, not Ray
        "print(sorted(m for m in ('ray', 'ray.data') if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(articles), str(tmp_path / "out.jsonl")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "[]"
    assert json.loads((tmp_path / "out.jsonl").read_text("utf-8"))["ok"] is True


def _parquet(path: Path, **columns: list[object]) -> Path:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    pq.write_table(pa.table(columns), path)
    return path


@pytest.mark.parametrize(
    ("columns", "message"),
    [
        ({"id": ["a"], "body": ["x"]}, "no 'text' column"),
        ({"id": ["a", "a"], "text": ["x", "y"]}, "duplicate id 'a'"),
        ({"id": ["a", None], "text": ["x", "y"]}, "1 row(s) have no 'id'"),
        ({"id": [1, 2], "text": ["x", "y"]}, "'id' must be a string column"),
    ],
)
def test_bad_parquet_input_is_a_one_line_error_before_ray_starts(
    columns: dict[str, list[object]],
    message: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    source = _parquet(tmp_path / "in.parquet", **columns)
    rc = main(["batch", str(source), "--out", str(tmp_path / "out"), "--ray"])
    err = capsys.readouterr().err
    assert rc == 2
    assert err.count("\n") == 1 and message in err
    assert not (tmp_path / "out").exists()


def test_ray_options_without_ray_are_usage_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.txt").write_text("Title\n\nBody 1.\n", "utf-8")
    rc = main(["batch", str(tmp_path), "--out", str(tmp_path / "o.jsonl"), "--ray-actors", "2"])
    assert rc == 2
    assert "need --ray" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("keywords", "message"),
    [
        ({"api_key": "sk-test"}, "not sent through Ray"),
        ({"model": "m", "api_key": "sk-test"}, "not sent through Ray"),
        ({"base_url": "http://127.0.0.1:9/v1"}, "model name is required"),
        ({"concurrency": 0}, "concurrency must be >= 1"),
    ],
)
def test_model_options_ray_cannot_use_are_errors_before_ray_starts(
    tmp_path: Path, keywords: dict[str, object], message: str
) -> None:
    pytest.importorskip("pyarrow", reason="the ray extra is not installed")
    from factcheck.errors import ConfigurationError
    from factcheck.ray import run_ray_batch

    (tmp_path / "in").mkdir()
    with pytest.raises(ConfigurationError, match=message):
        run_ray_batch(tmp_path / "in", tmp_path / "out", **keywords)  # type: ignore[arg-type]


def test_a_ready_model_is_not_sent_through_ray(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow", reason="the ray extra is not installed")
    from factcheck.errors import ConfigurationError
    from factcheck.llm import OpenAICompatibleModel
    from factcheck.ray import run_ray_batch

    ready = OpenAICompatibleModel("m", api_key="k")
    with pytest.raises(ConfigurationError, match="model_factory"):
        run_ray_batch(tmp_path / "in", tmp_path / "out", model=ready)

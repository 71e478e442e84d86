"""What a user meets first: where output may go, servers that cannot be used, help and formats."""

from __future__ import annotations

import io
import json
import logging
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

import factcheck
from factcheck.cli import build_parser, main, output_format
from factcheck.testing import FakeOpenAIServer, Fault

ARTICLE = (
    "Valdane opens a public library\n\n"
    "Valdane opened its new public library on Saturday after 26 months of building work. "
    "The library cost 7.8 million euros and holds 140,000 books, the town council said.\n"
)


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def _one_line_error(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.startswith("factcheck: error:")]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


# --- -o -------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["null-device", "fifo"])
def test_output_onto_a_special_file_is_refused_and_it_stays_what_it_was(
    kind: str, article: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / kind
    if kind == "fifo":
        os.mkfifo(target)
    elif os.geteuid() == 0:
        # A private copy of /dev/null: should the check ever fail, the machine's own stays.
        os.mknod(target, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    else:
        pytest.skip("creating a device node needs root")
    before = stat.S_IFMT(os.stat(target).st_mode)
    assert main(["run", str(article), "-o", str(target)], io.StringIO()) == 2
    assert "not a regular file" in _one_line_error(capsys)
    assert stat.S_IFMT(os.stat(target).st_mode) == before


def test_output_onto_a_directory_is_a_one_line_error(
    article: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "dir"
    target.mkdir()
    assert main(["run", str(article), "-o", str(target)], io.StringIO()) == 2
    assert "is a directory" in _one_line_error(capsys)
    assert target.is_dir() and list(target.iterdir()) == []


def test_output_into_a_missing_directory_is_an_error_not_created(
    article: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "missing" / "out.md"
    assert (
        main(
            ["verify", "--source", str(article), "--claims", str(article), "-o", str(target)],
            io.StringIO(),
        )
        == 2
    )
    assert "does not exist" in _one_line_error(capsys)
    assert not target.parent.exists()


def test_output_replaces_a_regular_file_atomically(article: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    target.write_text("old", encoding="utf-8")
    assert main(["run", str(article), "-o", str(target)], io.StringIO()) == 0
    assert target.read_text("utf-8").startswith("# Valdane opens a public library")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.md")] == []


# --- batch --out --------------------------------------------------------------


@pytest.mark.parametrize("kind", ["dev-zero", "fifo", "directory"])
def test_batch_out_must_be_a_regular_file(
    kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "a", "text": ARTICLE}) + "\n", encoding="utf-8")
    if kind == "dev-zero":
        out = "/dev/zero"
    elif kind == "dev-stdout":
        out = "/dev/stdout"
    elif kind == "fifo":
        out = str(tmp_path / "pipe")
        os.mkfifo(out)
    else:
        out = str(tmp_path)
    started = time.monotonic()
    assert main(["batch", str(source), "--out", out], io.StringIO()) == 2
    assert time.monotonic() - started < 60  # not reading zeros until memory runs out
    line = _one_line_error(capsys)
    assert "regular file" in line or "directory" in line


def test_batch_out_onto_a_piped_stdout_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "a", "text": ARTICLE}) + "\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "factcheck.cli", "batch", str(source), "--out", "/dev/stdout"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.startswith("factcheck: error: --out /dev/stdout is not a regular file")
    assert "Illegal seek" not in done.stderr and done.stdout == ""


# --- servers that cannot be used -------------------------------------------------


def _refused_url() -> str:
    with FakeOpenAIServer() as server:
        # The server stops as the block ends: nothing listens there any more.
        return server.base_url


def test_a_refused_connection_is_one_line_naming_the_server_exit_2(
    article: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = _refused_url().replace("http://", "http://user:hunter2-secret@")
    argv = ["run", str(article), "--model", "fake-model", "--base-url", url, "--timeout", "2"]
    assert main(argv, io.StringIO()) == 2
    line = _one_line_error(capsys)
    host = url.split("@", 1)[1].split("/", 1)[0]
    assert "connection refused" in line and host in line
    assert "hunter2" not in line
    assert "attempt" not in line.replace("(attempts: 1)", "")


def test_a_refused_connection_is_not_retried(
    article: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from factcheck.errors import ServerUnreachableError

    caplog.set_level(logging.WARNING)
    with pytest.raises(ServerUnreachableError) as caught:
        factcheck.check(article, model="fake-model", base_url=_refused_url(), api_key="k")
    assert caught.value.attempts == 1
    assert "retrying" not in caplog.text


def test_a_rejected_key_is_one_line_exit_2(
    article: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with FakeOpenAIServer() as server:
        server.handler = lambda request: Fault.unauthorized()
        url = server.base_url
        argv = ["run", str(article), "--model", "fake-model", "--base-url", url]
        assert main(argv, io.StringIO()) == 2
        assert len(server.chat_requests) == 1
    line = _one_line_error(capsys)
    assert "HTTP 401" in line and url.split("//", 1)[1] in line


def test_a_batch_stops_at_a_refused_connection(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.jsonl"
    lines = [json.dumps({"id": f"a{i}", "text": ARTICLE}) for i in range(5)]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    argv = ["batch", str(source), "--out", str(out), "--model", "fake-model"]
    assert main([*argv, "--base-url", _refused_url()], io.StringIO()) == 2
    assert "connection refused" in _one_line_error(capsys)
    assert out.read_text("utf-8") == ""  # no article was checked: none gets a line


def test_retry_lines_in_a_batch_name_their_article(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from factcheck.batch import run_batch
    from factcheck.llm import OpenAICompatibleModel, RetryPolicy

    caplog.set_level(logging.WARNING, logger="factcheck")
    fast = RetryPolicy(max_attempts=3, initial_wait=0.001, max_wait=0.01, jitter=0.0)
    with FakeOpenAIServer() as server:
        server.script(Fault.unavailable())
        base_url = server.base_url
        model = OpenAICompatibleModel(
            "fake-model", base_url=server.base_url, api_key="k", retry=fast
        )
        summary = run_batch([("world/ferry-strike", ARTICLE)], tmp_path / "o.jsonl", model=model)
    assert summary.ok == 1
    retries = [r.getMessage() for r in caplog.records if "retrying" in r.getMessage()]
    assert retries and all(m.startswith("'world/ferry-strike' single: HTTP 503") for m in retries)
    assert all(f"from {base_url}" in m for m in retries)


# --- logging --------------------------------------------------------------------


def test_the_library_prints_nothing_by_default() -> None:
    code = (
        "import factcheck, pathlib, sys\n"
        "for _ in range(3): factcheck.check(pathlib.Path(sys.argv[1]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(Path(__file__).parents[2] / "examples/article.txt")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stderr == "" and done.stdout == ""


def test_the_cli_shows_the_offline_notice_once(article: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "factcheck.cli", "run", str(article)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stderr.count("no LLM was used") == 1
    assert done.stderr.startswith("factcheck: no LLM was used")


# --- help, formats, inputs ------------------------------------------------------------


def test_help_shows_the_defaults_and_what_format_does(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        build_parser().parse_args(["run", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "token budget of one section (default 2000)" in text
    assert "sentences repeated between sections (default 1)" in text
    assert "model calls in flight at once (default 4)" in text
    assert "--timeout TIMEOUT per-request timeout in seconds (default 60)" in text
    assert "--format {json,markdown}" in text and "from the -o extension" in text


@pytest.mark.parametrize(
    ("given", "output", "expected"),
    [
        (None, None, "markdown"),
        (None, "out.json", "json"),
        (None, "OUT.JSON", "json"),
        (None, "out.md", "markdown"),
        (None, "out.markdown", "markdown"),
        (None, "out.txt", "markdown"),
        ("markdown", "out.json", "markdown"),
        ("json", "out.md", "json"),
    ],
)
def test_the_output_format_follows_the_extension_unless_given(
    given: str | None, output: str | None, expected: str
) -> None:
    assert output_format(given, output) == expected


def test_dash_o_json_writes_json(article: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    assert main(["run", str(article), "-o", str(target)], io.StringIO()) == 0
    assert json.loads(target.read_text("utf-8"))["engine"] == "offline"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32"])
def test_a_utf16_or_utf32_file_with_a_bom_is_read_as_text(tmp_path: Path, codec: str) -> None:
    path = tmp_path / "a.txt"
    data = ARTICLE.encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
    path.write_bytes(data)
    out = io.StringIO()
    assert main(["run", str(path), "--format", "json"], out) == 0
    assert json.loads(out.getvalue())["title"] == "Valdane opens a public library"


def test_a_jsonl_line_without_text_names_the_line_and_the_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "a", "text": "x"}\n{"id": "b", "body": "y"}\n', encoding="utf-8")
    assert main(["batch", str(source), "--out", str(tmp_path / "o.jsonl")], io.StringIO()) == 2
    line = _one_line_error(capsys)
    assert "in.jsonl:2: no 'text' field" in line

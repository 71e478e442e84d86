"""No fragment of a key survives: long error bodies, URL credentials, replies that quote it."""

from __future__ import annotations

import io
import json
import logging
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from factcheck import check
from factcheck.batch import run_batch
from factcheck.cli import main
from factcheck.testing import FakeOpenAIServer, RecordedRequest, Reply
from factcheck.testing._script import Response

SENTINEL = "sk-SENTINEL-leakcheck-93b1f0c7d2e4"
FRAGMENT = SENTINEL[:8]  # "sk-SENTI": what a cut through the key would leave
ARTICLE = (
    "Hessby council approves cycle lanes\n\n"
    "Hessby councillors voted 21 to 4 on Monday to build 14 kilometres of cycle lanes, "
    "at a cost of 3.1 million euros. Mayor Kofi Mensah said work would start in June.\n"
)


def _long_body_naming_the_key(request: RecordedRequest) -> Response:
    # Plain text, not JSON: the whole body is the message, and it is longer than the cut.
    given = request.headers.get("authorization", "").removeprefix("Bearer ")
    body = ("upstream proxy rejected the request; " * 13)[:495] + f" key={given} (end)"
    return Response(status=400, body=body.encode(), headers={"content-type": "text/plain"})


def test_a_long_error_body_is_redacted_before_it_is_cut(tmp_path: Path) -> None:
    with FakeOpenAIServer(handler=_long_body_naming_the_key) as server:
        result = check(ARTICLE, model="fake-model", base_url=server.base_url, api_key=SENTINEL)
    [failed] = result.failed_sections
    assert failed.error_type == "BadRequestError"
    assert "upstream proxy rejected" in failed.message
    assert FRAGMENT not in result.to_json()
    assert len(failed.message) < 700  # still cut, after redaction


def test_verbose_logs_never_show_url_credentials(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    source = tmp_path / "a.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    with FakeOpenAIServer() as server:
        url = server.base_url.replace("http://", f"http://user:{SENTINEL}@")
        argv = ["-v", "run", str(source), "--model", "fake-model", "--base-url", url]
        code = main([*argv, "--format", "json"], io.StringIO())
    assert code == 0
    err = capsys.readouterr().err
    assert "HTTP Request" in err  # the transport's own log lines are shown with -v
    assert FRAGMENT not in err
    assert "user:" not in err


def _reply_quoting_the_key(request: RecordedRequest) -> Reply:
    return Reply.with_json({"summary": f"The key is {SENTINEL}.", "claims": []})


def test_a_reply_that_quotes_the_key_is_redacted_in_every_file_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", SENTINEL)
    source = tmp_path / "a.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "result.json"
    cache = tmp_path / "cache.sqlite3"
    with FakeOpenAIServer(handler=_reply_quoting_the_key) as server:
        argv = ["run", str(source), "--model", "fake-model", "--base-url", server.base_url]
        argv += ["-o", str(out), "--cache", "read-write", "--cache-path", str(cache)]
        assert main(argv, io.StringIO()) == 0
        run_batch(
            [("one", ARTICLE)],
            tmp_path / "batch.jsonl",
            model="fake-model",
            base_url=server.base_url,
        )
    assert json.loads(out.read_text("utf-8"))["summary"] == "The key is [redacted]."
    with closing(sqlite3.connect(cache)) as db:
        assert FRAGMENT not in "\n".join(db.iterdump())
    for path in tmp_path.iterdir():
        assert FRAGMENT.encode() not in path.read_bytes(), path.name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("http://user:pw@host/v1", "http://[redacted]@host/v1"),
        ("see HTTPS://tok@h.example:8443/x?y=1", "see HTTPS://[redacted]@h.example:8443/x?y=1"),
        ("mail a@b.example, not a URL", "mail a@b.example, not a URL"),
        ("http://host/v1?email=a@b", "http://host/v1?email=a@b"),
    ],
)
def test_url_credentials_are_redacted_and_nothing_else(text: str, expected: str) -> None:
    from factcheck.redaction import redact_url_credentials

    assert redact_url_credentials(text) == expected


def test_remembered_keys_are_redacted_whole_longest_first() -> None:
    from factcheck.redaction import MIN_SECRET_LENGTH, redact, remember

    short = "k" * (MIN_SECRET_LENGTH - 1)
    remember("sk-outer-0123456789-inner", short)
    assert redact("a sk-outer-0123456789-inner b") == "a [redacted] b"
    assert redact(f"short {short} stays") == f"short {short} stays"
    assert redact("x sk-other y", ["sk-other"]) == "x [redacted] y"

"""``factcheck verify`` exit codes: 1 when a sentence fails at the ``--fail-on`` level, else 0."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from factcheck.cli import main

SUPPORTED = "Port Ellery's council voted 31 to 9 for a flood wall costing €48 million."
PARTIAL = "Port Ellery's council voted 31 to 9 for a flood wall, Reuters reported."
UNSUPPORTED = "The wall will cost €95 million and protect 5,000 homes."


def _verify(article: Path, tmp_path: Path, summary: str, *args: str) -> tuple[int, str]:
    path = tmp_path / "summary.txt"
    path.write_text(summary, encoding="utf-8")
    out = io.StringIO()
    code = main(["verify", "--source", str(article), "--summary", str(path), *args], stdout=out)
    return code, out.getvalue()


@pytest.mark.parametrize(
    ("summary", "args", "expected"),
    [
        (SUPPORTED, (), 0),
        (f"{SUPPORTED} {PARTIAL}", (), 0),  # partial passes the default level
        (f"{SUPPORTED} {UNSUPPORTED}", (), 1),
        (SUPPORTED, ("--fail-on", "partial"), 0),
        (f"{SUPPORTED} {PARTIAL}", ("--fail-on", "partial"), 1),
        (f"{SUPPORTED} {UNSUPPORTED}", ("--fail-on", "unsupported"), 1),
    ],
)
def test_exit_status_follows_fail_on(
    example_article_path: Path, tmp_path: Path, summary: str, args: tuple[str, ...], expected: int
) -> None:
    code, out = _verify(example_article_path, tmp_path, summary, *args)
    assert code == expected, out


def test_the_partial_sentence_is_partial(example_article_path: Path, tmp_path: Path) -> None:
    code, out = _verify(example_article_path, tmp_path, PARTIAL, "--format", "json")
    assert '"status": "partial"' in out and code == 0


def test_an_unknown_level_is_a_usage_error(
    example_article_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as info:
        _verify(example_article_path, tmp_path, SUPPORTED, "--fail-on", "never")
    assert info.value.code == 2
    assert "invalid choice: 'never'" in capsys.readouterr().err

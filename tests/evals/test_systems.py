"""A user's system: named by import path, called sync or async, its answer normalised."""

from __future__ import annotations

import asyncio
import json
import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from factcheck.errors import ConfigurationError, SystemOutputError
from factcheck.evals.output_cache import OutputCache
from factcheck.evals.systems import (
    SystemOutput,
    call_system,
    load_system,
    normalize_output,
    takes_case_id,
)
from factcheck.result import Claim, Result

MODULE = """
calls = []

def plain(article):
    calls.append(("plain", article))
    return "A summary."

def with_case(article, case_id):
    calls.append(("with_case", case_id))
    return ("Summary of " + case_id, ["A claim."])

def keyword_only(article, *, case_id):
    return {"summary": case_id, "claims": [{"text": "c", "quote": "q", "status": "supported"}]}

def flexible(article, **options):
    return options["case_id"]

async def later(article, case_id):
    return {"summary": "async " + case_id}

class Holder:
    class Inner:
        @staticmethod
        def run(article):
            return "nested"

not_callable = 42
"""


@pytest.fixture
def user_module(tmp_path: Path) -> Iterator[str]:
    name = f"user_system_{tmp_path.name.replace('-', '_')}"
    (tmp_path / f"{name}.py").write_text(MODULE, encoding="utf-8")
    sys.path.insert(0, str(tmp_path))
    try:
        yield name
    finally:
        sys.path.remove(str(tmp_path))
        sys.modules.pop(name, None)


def test_load_system_by_import_path(user_module: str) -> None:
    assert load_system(f"{user_module}:plain")("x") == "A summary."
    assert load_system(f"{user_module}:Holder.Inner.run")("x") == "nested"


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("no_colon_here", "package.module:callable"),
        (":plain", "package.module:callable"),
        ("MOD:", "package.module:callable"),
        ("factcheck_no_such_module_x:f", "cannot import 'factcheck_no_such_module_x'"),
        ("MOD:missing", "has no 'missing'"),
        ("MOD:not_callable", "is not callable"),
    ],
)
def test_bad_system_paths_are_one_line_errors(user_module: str, path: str, message: str) -> None:
    with pytest.raises(ConfigurationError, match=message):
        load_system(path.replace("MOD", user_module))


def test_case_id_is_passed_when_the_callable_takes_it(user_module: str) -> None:
    module = __import__(user_module)
    assert takes_case_id(module.with_case)
    assert takes_case_id(module.keyword_only)
    assert takes_case_id(module.flexible)
    assert not takes_case_id(module.plain)
    assert call_system(module.plain, "text", "c1") == SystemOutput("A summary.")
    assert call_system(module.with_case, "text", "c1") == SystemOutput(
        "Summary of c1", ("A claim.",)
    )
    # Only the claim's wording and quote are kept: its self-reported status is dropped.
    assert call_system(module.keyword_only, "text", "c2") == SystemOutput(
        "c2", ({"text": "c", "quote": "q"},)
    )
    assert call_system(module.flexible, "text", "c3").summary == "c3"
    assert module.calls == [("plain", "text"), ("with_case", "c1")]


def test_async_systems_run_on_a_loop_of_their_own(user_module: str) -> None:
    module = __import__(user_module)
    assert call_system(module.later, "text", "c4").summary == "async c4"

    async def inside_a_running_loop() -> SystemOutput:
        return call_system(module.later, "text", "c5")

    assert asyncio.run(inside_a_running_loop()).summary == "async c5"


def test_a_result_is_reduced_to_its_summary_and_claim_wording() -> None:
    result = Result(
        summary="S.",
        claims=[Claim(text="T.", quote="Q", status="supported", problems=())],
        engine="offline",
        model=None,
        prompt_version=None,
    )
    output = normalize_output(result)
    assert output == SystemOutput(
        "S.", ({"text": "T.", "quote": "Q", "category": "other", "stance": "asserted"},)
    )


@pytest.mark.parametrize(
    "value",
    [None, 42, ["a list"], ("summary", "not a list"), {"summary": 3}, ("s", [1])],
)
def test_other_answers_are_refused(value: Any) -> None:
    with pytest.raises(SystemOutputError):
        normalize_output(value)


def test_output_cache_round_trip_and_misses(tmp_path: Path) -> None:
    cache = OutputCache(tmp_path / "cache")
    output = SystemOutput("S.", ("a", {"text": "b", "quote": "B"}))
    assert cache.get("pkg:f", "case", "article") is None
    assert cache.put("pkg:f", "case", "article", output)
    assert cache.get("pkg:f", "case", "article") == output
    # Any part of the key differing is a miss: the system, the case, the article text.
    assert cache.get("pkg:g", "case", "article") is None
    assert cache.get("pkg:f", "other", "article") is None
    assert cache.get("pkg:f", "case", "article, edited") is None
    files = list((tmp_path / "cache").iterdir())
    assert len(files) == 1
    assert stat.S_IMODE(files[0].stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "cache").stat().st_mode) == 0o700


def test_output_cache_ignores_foreign_and_broken_files(tmp_path: Path) -> None:
    cache = OutputCache(tmp_path)
    cache.put("pkg:f", "case", "article", SystemOutput("S."))
    (path,) = tmp_path.iterdir()
    data = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({**data, "format": "something else"}), encoding="utf-8")
    assert cache.get("pkg:f", "case", "article") is None
    path.write_text("{not json", encoding="utf-8")
    assert cache.get("pkg:f", "case", "article") is None
    path.write_text(json.dumps({**data, "output": {"summary": 3}}), encoding="utf-8")
    assert cache.get("pkg:f", "case", "article") is None


def test_output_cache_stores_nothing_that_is_not_json(tmp_path: Path) -> None:
    cache = OutputCache(tmp_path / "c")
    odd = SystemOutput("S.", ({"text": "t", "quote": object()},))
    assert not cache.put("pkg:f", "case", "article", odd)
    assert cache.get("pkg:f", "case", "article") is None


def test_a_type_error_inside_the_system_is_not_retried(tmp_path: Path) -> None:
    calls: list[str] = []

    def broken(article: str, case_id: str) -> str:
        calls.append(case_id)
        raise TypeError("a bug in the system")

    with pytest.raises(TypeError, match="a bug in the system"):
        call_system(broken, "text", "c")
    assert calls == ["c"]

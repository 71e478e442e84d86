"""A case run sent as JSON and rebuilt on the other side scores exactly the same."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from factcheck.errors import GoldFileError
from factcheck.evals import load_gold
from factcheck.evals.runner import CaseRun, Engine, EvalOptions, run_case, unloadable_case
from factcheck.evals.wire import case_from_wire, case_to_wire

from .conftest import gold_data


def through_json(case: CaseRun, options: EvalOptions) -> CaseRun:
    return case_from_wire(json.loads(json.dumps(case_to_wire(case))), options)


def scores(case: CaseRun) -> list[dict[str, Any] | None]:
    runs = [case.primary, case.baseline]
    return [None if run is None else run.score.to_dict() for run in runs]


def test_a_scored_case_comes_back_with_the_same_scores(
    write_gold: Callable[..., Path],
) -> None:
    options = EvalOptions()
    case = run_case(load_gold(write_gold()), options)
    assert case.primary.score.status in ("passed", "failed")
    back = through_json(case, options)
    assert (back.case_id, back.gold_path, back.primary.result) == (
        case.case_id,
        case.gold_path,
        case.primary.result,
    )
    assert back.primary.elapsed_s == case.primary.elapsed_s
    assert scores(back) == scores(case)


def test_an_errored_case_keeps_its_reason_and_its_baseline(
    write_gold: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    # No key and no server: the model run fails at once; the offline baseline runs.
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    options = EvalOptions(model="some-model")
    case = run_case(load_gold(write_gold()), options)
    assert case.primary.score.status == "error"
    assert case.baseline is not None
    assert case.baseline.score.status in ("passed", "failed")
    back = through_json(case, options)
    assert back.primary.engine == Engine("some-model")
    assert back.primary.score.reason == case.primary.score.reason
    assert scores(back) == scores(case)


def test_a_skipped_case_stays_skipped(write_gold: Callable[..., Path]) -> None:
    options = EvalOptions()
    data = gold_data(external_article="not-here.txt")
    del data["article"]
    case = run_case(load_gold(write_gold(data)), options)
    assert case.primary.score.status == "skipped"
    assert scores(through_json(case, options)) == scores(case)


def test_an_unloadable_gold_file_is_an_error_again(tmp_path: Path) -> None:
    path = tmp_path / "broken.gold.json"
    path.write_text("{not json", encoding="utf-8")
    options = EvalOptions()
    with pytest.raises(GoldFileError) as caught:  # the error the worker saw
        load_gold(path)
    case = unloadable_case(path, caught.value, Engine())
    back = through_json(case, options)
    assert back.gold is None
    assert back.primary.score.status == "error"
    assert back.primary.score.reason == case.primary.score.reason


def test_a_system_run_comes_back_named_and_scored_the_same(
    write_gold: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "wire_user_system.py").write_text(
        "def run(article):\n    return 'The council approved a subsidy of more than 1 million "
        "euros for the harbour ferry on Friday.'\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    options = EvalOptions(system="wire_user_system:run")
    case = run_case(load_gold(write_gold()), options)
    assert case.primary.engine == Engine(None, "wire_user_system:run")
    assert case.baseline is not None and case.baseline.engine == Engine()
    back = through_json(case, options)
    assert back.primary.engine == case.primary.engine
    assert scores(back) == scores(case)


def test_a_result_whose_article_is_gone_is_an_error_not_a_crash(
    write_gold: Callable[..., Path], tmp_path: Path
) -> None:
    options = EvalOptions()
    case = run_case(load_gold(write_gold()), options)
    data = json.loads(json.dumps(case_to_wire(case)))
    gold = json.loads(Path(data["gold_path"]).read_text(encoding="utf-8"))
    del gold["article"]
    gold["external_article"] = "gone.txt"
    Path(data["gold_path"]).write_text(json.dumps(gold), encoding="utf-8")
    back = case_from_wire(data, options)
    assert back.primary.score.status == "error"
    assert "external article not present" in str(back.primary.score.reason)

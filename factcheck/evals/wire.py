"""A case run as plain JSON and back, for runs split across processes (pytest-xdist).

What travels is what cannot be recomputed: each engine's result and timing, or
why it did not run. The receiving side loads the gold file again and scores
the results with the same options, so its reports are exactly those a
single-process run would write, without a serialised form of every score.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from factcheck.errors import GoldFileError, InputError
from factcheck.evals.gold import GoldCase, load_gold
from factcheck.evals.runner import CaseRun, Engine, EngineRun, EvalOptions, unloadable_case
from factcheck.evals.scoring import error_score, score_case, skipped_score
from factcheck.judge.agreement import judge_agreement


def _run_to_wire(run: EngineRun) -> dict[str, Any]:
    return {
        "model": run.engine.model,
        "system": run.engine.system,
        "status": run.score.status,
        "reason": run.score.reason,
        "result": run.result,
        "elapsed_s": run.elapsed_s,
    }


def case_to_wire(case: CaseRun) -> dict[str, Any]:
    """``case`` as JSON-ready data (see the module notes)."""
    return {
        "case_id": case.case_id,
        "gold_path": str(case.gold_path),
        "primary": _run_to_wire(case.primary),
        "baseline": None if case.baseline is None else _run_to_wire(case.baseline),
    }


def _run_from_wire(data: dict[str, Any], gold: GoldCase, options: EvalOptions) -> EngineRun:
    result = data["result"]
    reason = str(data["reason"] or "")
    if result is not None:
        try:
            score = score_case(
                gold, result, external_dirs=options.external_dirs, thresholds=options.thresholds
            )
            score.metrics.update(judge_agreement(result))
        except InputError as exc:  # the article the worker read is not here
            score = error_score(gold, f"cannot score the worker's result: {exc}")
    elif data["status"] == "skipped":
        score = skipped_score(gold, reason)
    else:
        score = error_score(gold, reason)
    engine = Engine(data["model"], data.get("system"))
    return EngineRun(engine, score, result, float(data["elapsed_s"]))


def case_from_wire(data: dict[str, Any], options: EvalOptions) -> CaseRun:
    """The case run ``data`` describes, scored here against its gold file."""
    path = Path(data["gold_path"])
    try:
        gold = load_gold(path)
    except GoldFileError as exc:
        primary = data["primary"]
        return unloadable_case(path, exc, Engine(primary["model"], primary.get("system")))
    baseline = data["baseline"]
    return CaseRun(
        data["case_id"],
        path,
        gold,
        _run_from_wire(data["primary"], gold, options),
        None if baseline is None else _run_from_wire(baseline, gold, options),
    )

"""The machine-readable report (``report.json``) and the JSON Schema it satisfies.

Each case carries the gold case, the scorer's full verdict and the engine's
whole result (``Result.to_dict()``), so other tools can re-score or re-render
a run without running it again. The schema refers to the published result
schema (``factcheck/schemas/result.schema.json``) for the results.
"""

from __future__ import annotations

import json
import os
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, cast

import jsonschema
from referencing import Registry, Resource

from factcheck._version import __version__
from factcheck.evals.metric_table import metric_table_data
from factcheck.evals.runner import CaseRun, EngineRun, SuiteRun

REPORT_FORMAT = "llm-factcheck eval report"
REPORT_VERSION = 1


def display_path(path: Path, root: Path | None) -> str:
    """``path`` relative to ``root`` when it lies inside, so reports do not carry home dirs."""
    if root is not None:
        try:
            return Path(os.path.relpath(path.resolve(), root.resolve())).as_posix()
        except ValueError:  # another drive on Windows
            return str(path)
    return str(path)


def _run(run: EngineRun | None) -> dict[str, Any] | None:
    if run is None:
        return None
    return {
        "engine": run.engine.to_dict(),
        "status": run.score.status,
        "reason": run.score.reason,
        "elapsed_s": round(run.elapsed_s, 6),
        "score": run.score.to_dict(),
        "result": run.result,
    }


def _case(case: CaseRun, root: Path | None) -> dict[str, Any]:
    gold = case.gold
    return {
        "id": case.case_id,
        "description": gold.description if gold is not None else "",
        "tags": list(gold.tags) if gold is not None else [],
        "gold_file": display_path(case.gold_path, root),
        "status": case.status,
        "gold": gold.to_dict() if gold is not None else None,
        "run": _run(case.primary),
        "baseline": _run(case.baseline),
    }


def _summary(summary: dict[str, Any]) -> dict[str, Any]:
    out = dict(summary)
    out["elapsed_s"] = round(float(summary["elapsed_s"]), 6)
    return out


def report_data(suite: SuiteRun, *, root: Path | None = None) -> dict[str, Any]:
    """The report as plain JSON data; paths are shown relative to ``root`` when inside it."""
    has_baseline = suite.baseline is not None
    return {
        "format": REPORT_FORMAT,
        "version": REPORT_VERSION,
        "factcheck_version": __version__,
        "generated_at": suite.generated_at,
        "engine": suite.engine.to_dict(),
        "baseline": suite.baseline.to_dict() if suite.baseline is not None else None,
        "passed": suite.passed,
        "summary": _summary(suite.summary()),
        "baseline_summary": _summary(suite.summary(baseline=True)) if has_baseline else None,
        "metric_table": metric_table_data(suite),
        "cases": [_case(case, root) for case in suite.cases],
    }


def report_json(suite: SuiteRun, *, root: Path | None = None) -> str:
    return json.dumps(report_data(suite, root=root), ensure_ascii=False, indent=2) + "\n"


@cache
def report_schema() -> dict[str, Any]:
    """The JSON Schema (Draft 2020-12) of ``report.json``."""
    text = resources.files("factcheck.evals").joinpath("schemas/report.schema.json").read_text()
    return cast(dict[str, Any], json.loads(text))


@cache
def _registry() -> Registry[Any]:
    """The schemas the report refers to, by their ``$id``."""
    from factcheck.evals.gold import gold_schema
    from factcheck.schemas import result_schema

    resources = [Resource.from_contents(schema) for schema in (result_schema(), gold_schema())]
    return Registry().with_resources((resource.id() or "", resource) for resource in resources)


def validate_report(data: Any) -> list[str]:
    """Schema violations of report data, one readable line each (empty when valid)."""
    validator = jsonschema.Draft202012Validator(report_schema(), registry=_registry())
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    return [
        "$" + "".join(f"[{p!r}]" for p in error.absolute_path) + f": {error.message}"
        for error in errors
    ]

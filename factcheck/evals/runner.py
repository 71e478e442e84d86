"""Run gold cases through an engine and score them: shared by the pytest plugin and the CLI.

A case runs on the configured engine (a model on an OpenAI-compatible server,
or the offline engine when no model is named) and, when a model is
configured, once more on the baseline (the offline engine unless told
otherwise), so every report can show both side by side. Only the primary
run decides whether a case passes; the baseline is there for comparison.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factcheck.errors import ExternalArticleMissingError, GoldFileError
from factcheck.evals.gold import GOLD_SUFFIX, GoldCase, load_gold
from factcheck.evals.grounded_output import SYSTEM_ENGINE, system_result
from factcheck.evals.scoring import (
    CaseScore,
    error_score,
    score_case,
    skipped_score,
    summarize_scores,
)
from factcheck.judge.agreement import judge_agreement
from factcheck.model_options import ModelOptions

if TYPE_CHECKING:
    from factcheck.evals.systems import SystemOutput

OFFLINE = "offline"
# Values of ``baseline`` that mean "run no baseline".
NO_BASELINE = frozenset({"", "none", "off"})


@dataclass(frozen=True)
class Engine:
    """What a case runs on: the offline engine, a named model, or a system by import path."""

    model: str | None = None
    system: str | None = None  # ``package.module:callable``

    @property
    def label(self) -> str:
        return self.system or self.model or OFFLINE

    @property
    def kind(self) -> str:
        if self.system is not None:
            return SYSTEM_ENGINE
        return OFFLINE if self.model is None else "openai"

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "kind": self.kind, "model": self.model, "system": self.system}


@dataclass(frozen=True)
class EvalOptions:
    """How to run the suite; the same fields as ``factcheck eval`` and the plugin options."""

    model: str | None = None
    # How every model (the primary's and a model baseline's) is reached; its own
    # ``model`` is not used: each engine names its model.
    connection: ModelOptions = field(default_factory=ModelOptions)
    max_section_tokens: int | None = None
    overlap: int | None = None
    # "offline", a model name on the same server, or "none".
    baseline: str | None = OFFLINE
    external_dirs: tuple[Path, ...] = ()
    judge: bool = False  # the model also judges its claims and summary (factcheck.judge)
    # Suite-wide limits: they tighten the gold file's own, never loosen them.
    thresholds: Mapping[str, float] | None = None
    system: str | None = None  # ``package.module:callable``: the user's system is the engine
    system_cache: Path | None = None  # directory of cached system outputs (opt-in)

    @property
    def engine(self) -> Engine:
        if self.system:
            return Engine(None, self.system)
        return Engine(self.model or None)

    @property
    def baseline_engine(self) -> Engine | None:
        """The engine to compare with, or None when it would repeat the primary run."""
        if (self.model is None and not self.system) or self.baseline is None:
            return None
        name = self.baseline.strip()
        if name.casefold() in NO_BASELINE:
            return None
        engine = Engine(None if name.casefold() == OFFLINE else name)
        return None if engine == self.engine else engine


@dataclass
class EngineRun:
    """One engine's answer for one case, its score and how long it took."""

    engine: Engine
    score: CaseScore
    result: dict[str, Any] | None  # ``Result.to_dict()``; None when the case did not run
    elapsed_s: float = 0.0

    @property
    def status(self) -> str:
        return self.score.status


@dataclass
class CaseRun:
    """A gold case with its primary run and, when configured, its baseline run."""

    case_id: str
    gold_path: Path
    gold: GoldCase | None  # None when the gold file itself could not be loaded
    primary: EngineRun
    baseline: EngineRun | None = None

    @property
    def status(self) -> str:
        return self.primary.status


def _now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


@dataclass
class SuiteRun:
    """Every case run, in order, with the engines that ran them."""

    engine: Engine
    baseline: Engine | None
    cases: list[CaseRun] = field(default_factory=list)
    generated_at: str = field(default_factory=_now)

    @property
    def passed(self) -> bool:
        """True when every case that was not skipped passed."""
        return all(case.status in ("passed", "skipped") for case in self.cases)

    def runs(self, *, baseline: bool = False) -> list[EngineRun]:
        """The primary runs of every case, or the baseline runs of the cases that have one."""
        if not baseline:
            return [case.primary for case in self.cases]
        return [case.baseline for case in self.cases if case.baseline is not None]

    def summary(self, *, baseline: bool = False) -> dict[str, Any]:
        """Counts by status, metric means over the cases that ran, total tokens and time."""
        runs = self.runs(baseline=baseline)
        out = summarize_scores([run.score for run in runs])
        out["total_tokens"] = sum(run.score.metrics.get("total_tokens", 0.0) for run in runs)
        out["elapsed_s"] = sum(run.elapsed_s for run in runs)
        return out


def default_external_dirs(root: Path) -> tuple[Path, ...]:
    """``<root>/../shared`` (the seed article) and its FRANK articles, where they exist."""
    shared = root.resolve().parent / "shared"
    found = (shared, shared / "data" / "frank-valid" / "articles")
    return tuple(d for d in found if d.is_dir())


def find_cases(target: str | os.PathLike[str], *, suffix: str = GOLD_SUFFIX) -> list[Path]:
    """Gold files under a directory (sorted), or the one gold file named."""
    from factcheck.evals.discovery import discover

    return discover([target], suffix=suffix)


def run_engine(gold: GoldCase, article: Path, engine: Engine, options: EvalOptions) -> EngineRun:
    """Check ``article`` with ``engine`` and score the result against ``gold``.

    An exception from the check becomes an ``error`` score whose reason names
    it, so one bad case (or a server that is down) cannot hide the others.
    """
    import factcheck

    if engine.system is not None:
        return run_system(gold, article, engine.system, options)
    started = time.perf_counter()
    try:
        if engine.model is None:
            with _quiet_offline_notice():
                result = factcheck.check(article)
        else:
            result = factcheck.check(
                article,
                options=dataclasses.replace(options.connection, model=engine.model),
                max_section_tokens=options.max_section_tokens,
                overlap_sentences=options.overlap,
                judge=options.judge,
            )
    except Exception as exc:  # reported per case, see the docstring
        elapsed = time.perf_counter() - started
        return EngineRun(engine, error_score(gold, _describe(exc)), None, elapsed)
    elapsed = time.perf_counter() - started
    data = result.to_dict()
    score = score_case(gold, data, article=article, thresholds=options.thresholds)
    score.metrics.update(judge_agreement(data))
    return EngineRun(engine, score, data, elapsed)


def _system_output(system: str, case_id: str, text: str, options: EvalOptions) -> SystemOutput:
    """The system's output for one article, from the cache when one is configured."""
    from factcheck.evals.output_cache import OutputCache
    from factcheck.evals.systems import call_system, load_system

    cache = OutputCache(options.system_cache) if options.system_cache is not None else None
    if cache is not None:
        cached = cache.get(system, case_id, text)
        if cached is not None:
            return cached
    output = call_system(load_system(system), text, case_id)
    if cache is not None:
        cache.put(system, case_id, text, output)
    return output


def run_system(gold: GoldCase, article: Path, system: str, options: EvalOptions) -> EngineRun:
    """Run the user's system on ``article``, ground its output with our check, and score it.

    Nothing the system says about its output is trusted: ``score_case``
    grounds the summary and claims against the article before scoring.
    """
    engine = Engine(None, system)
    started = time.perf_counter()
    try:
        text = article.read_text(encoding="utf-8")
        output = _system_output(system, gold.id, text, options)
    except Exception as exc:  # reported per case, like a failing model call
        elapsed = time.perf_counter() - started
        return EngineRun(engine, error_score(gold, _describe(exc)), None, elapsed)
    elapsed = time.perf_counter() - started
    data = system_result(article, summary=output.summary, claims=output.claims, label=system)
    score = score_case(gold, data, article=article, thresholds=options.thresholds)
    return EngineRun(engine, score, data, elapsed)


class _DropNotice(logging.Filter):
    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message

    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() != self.message


@contextlib.contextmanager
def _quiet_offline_notice() -> Iterator[None]:
    """Drop the "no LLM was used" warning: every report already names the engine that ran.

    Left alone it repeats once per case, and in a model run it would sit in the
    failure output of a model case, as if the model had not been used.
    """
    from factcheck.pipeline import NO_LLM_NOTICE

    drop = _DropNotice(NO_LLM_NOTICE)
    logger = logging.getLogger("factcheck")
    logger.addFilter(drop)
    try:
        yield
    finally:
        logger.removeFilter(drop)


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"


def run_case(gold: GoldCase, options: EvalOptions) -> CaseRun:
    """Run one loaded case on the primary engine and, when configured, the baseline."""
    try:
        article = gold.article_path(options.external_dirs)
    except ExternalArticleMissingError as exc:
        run = EngineRun(options.engine, skipped_score(gold, str(exc)), None)
        return CaseRun(gold.id, gold.path, gold, run)
    except GoldFileError as exc:
        run = EngineRun(options.engine, error_score(gold, str(exc)), None)
        return CaseRun(gold.id, gold.path, gold, run)
    primary = run_engine(gold, article, options.engine, options)
    baseline_engine = options.baseline_engine
    baseline = None
    if baseline_engine is not None:
        baseline = run_engine(gold, article, baseline_engine, options)
    return CaseRun(gold.id, gold.path, gold, primary, baseline)


def unloadable_case(path: Path, error: Exception, engine: Engine) -> CaseRun:
    """A gold file that could not be read or validated, kept as an ``error`` case."""
    case_id = path.name.removesuffix(GOLD_SUFFIX)
    score = CaseScore(case_id, "", "error", reason=str(error))
    return CaseRun(case_id, path, None, EngineRun(engine, score, None))


def run_suite(
    paths: Iterable[Path],
    options: EvalOptions,
    *,
    on_case: Callable[[CaseRun], None] | None = None,
) -> SuiteRun:
    """Load and run every gold file in ``paths`` in order; ``on_case`` sees each as it ends."""
    suite = SuiteRun(options.engine, options.baseline_engine)
    for path in paths:
        try:
            gold = load_gold(path)
        except GoldFileError as exc:
            case = unloadable_case(path, exc, options.engine)
        else:
            case = run_case(gold, options)
        suite.cases.append(case)
        if on_case is not None:
            on_case(case)
    return suite

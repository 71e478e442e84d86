"""pytest plugin: collects gold files as test items when asked.

Registered through the ``pytest11`` entry point, so it loads in every pytest
run where llm-factcheck is installed; it stays silent unless a run asks for it
(``--factcheck-evals`` or ``factcheck_evals = true`` in the ini file). This
module imports nothing beyond pytest at load time: the harness, the engines
and the model client are imported only once a run has asked for the suite.

Each gold file (``*.gold.json``; see ``discovery`` for which files count)
becomes one item named by its case id. The item checks the case's article
with the configured engine (the offline engine, a model, or the user's own
system named by ``--factcheck-system package.module:callable``), grounds and
scores the output and fails with the reasons (missed claims, unmatched
predictions, forbidden text, invented figures) when a metric is past its
threshold. At the end a table compares every case with the baseline, and
reports go to ``--factcheck-report-dir`` when given. When gold files exist but
the suite is off, one line says so.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from factcheck.model_options import CACHE_MODES

if TYPE_CHECKING:
    from factcheck.evals.gold import GoldCase
    from factcheck.evals.runner import CaseRun, EvalOptions, SuiteRun

GOLD_SUFFIX = ".gold.json"  # the default; ``factcheck_gold_suffix`` changes it


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("factcheck", "llm-factcheck eval suite")
    group.addoption(
        "--factcheck-evals",
        action="store_true",
        default=None,
        help="collect llm-factcheck gold files (*.gold.json) as test items",
    )
    group.addoption(
        "--factcheck-model",
        help="model on an OpenAI-compatible server (default: the offline engine)",
    )
    group.addoption("--factcheck-base-url", help="the server's URL (default: OPENAI_BASE_URL)")
    group.addoption(
        "--factcheck-cache", choices=CACHE_MODES, help="response cache mode (default: off)"
    )
    group.addoption("--factcheck-cache-path", help="SQLite response cache file")
    group.addoption(
        "--factcheck-report-dir",
        help="write report.json, report.md and report.html here (default: no report files)",
    )
    group.addoption(
        "--factcheck-baseline",
        help="engine each case is compared with when a model is configured: offline "
        "(default), another model name on the same server, or none",
    )
    group.addoption(
        "--factcheck-external-dir",
        action="append",
        default=[],
        help="directory searched for external articles (repeatable; default "
        "<rootdir>/../shared when it exists)",
    )
    group.addoption("--factcheck-timeout", type=float, help="per-request timeout in seconds")
    group.addoption(
        "--factcheck-max-section-tokens", type=int, help="token budget of one article section"
    )
    group.addoption("--factcheck-overlap", type=int, help="sentences repeated between sections")
    group.addoption("--factcheck-concurrency", type=int, help="model calls in flight at once")
    group.addoption(
        "--factcheck-judge",
        action="store_true",
        default=False,
        help="the model also judges its claims and summary; reports judge/rules agreement",
    )
    group.addoption(
        "--factcheck-system",
        help="your own system as the engine: package.module:callable, called with the "
        "article text (and the case id); its output is grounded, then scored",
    )
    group.addoption(
        "--factcheck-system-cache",
        help="directory caching the system's outputs by system, case and article hash "
        "(default: no cache)",
    )
    group.addoption(
        "--factcheck-threshold",
        action="append",
        default=[],
        metavar="METRIC=VALUE",
        help="a suite-wide limit (repeatable); it can only tighten a gold file's own",
    )
    group.addoption(
        "--factcheck-lint",
        action="store_true",
        default=None,
        help="fail a case whose gold file does not pass 'factcheck gold lint'",
    )
    parser.addini(
        "factcheck_evals",
        type="bool",
        default=False,
        help="collect llm-factcheck gold files (*.gold.json) as test items",
    )
    parser.addini("factcheck_model", help="default for --factcheck-model")
    parser.addini("factcheck_base_url", help="default for --factcheck-base-url")
    parser.addini("factcheck_cache", default="off", help="default for --factcheck-cache")
    parser.addini("factcheck_cache_path", help="default for --factcheck-cache-path")
    parser.addini(
        "factcheck_report_dir",
        help="default for --factcheck-report-dir, relative to the ini file",
    )
    parser.addini("factcheck_baseline", default="offline", help="default for --factcheck-baseline")
    for name, kind, default, text in INI_SETTINGS:
        if default is None:  # pytest's own empty value of the type ("" or [])
            parser.addini(name, help=text, type=kind)
        else:
            parser.addini(name, help=text, type=kind, default=default)
    parser.addini(
        "factcheck_external_dirs",
        type="paths",
        help="directories searched for external articles, relative to the ini file",
    )


# More ini settings: (name, type, default, help). A new setting is one more row.
INI_SETTINGS: tuple[tuple[str, Any, Any, str], ...] = (
    ("factcheck_system", "string", None, "default for --factcheck-system"),
    (
        "factcheck_system_cache",
        "string",
        None,
        "default for --factcheck-system-cache, relative to the ini file",
    ),
    (
        "factcheck_thresholds",
        "linelist",
        None,
        "suite-wide limits, one METRIC=VALUE a line (--factcheck-threshold wins)",
    ),
    ("factcheck_lint", "bool", False, "default for --factcheck-lint"),
    (
        "factcheck_gold_paths",
        "paths",
        None,
        "directories holding gold files, relative to the ini file (default: anywhere, for "
        "files that look like gold files)",
    ),
    ("factcheck_gold_suffix", "string", GOLD_SUFFIX, "gold file suffix (default .gold.json)"),
)


@dataclass
class EvalState:
    """What one pytest run of the suite holds: options, finished cases, written reports."""

    options: EvalOptions
    root: Path
    report_dir: Path | None
    runs: list[CaseRun] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    write_error: str | None = None
    from_workers: bool = False  # runs arrived from pytest-xdist workers, in finishing order

    def suite(self) -> SuiteRun:
        from factcheck.evals.runner import SuiteRun

        runs = list(self.runs)
        if self.from_workers:
            # The order pytest collects in: directory entries sorted by name.
            runs.sort(key=lambda case: case.gold_path.parts)
        return SuiteRun(self.options.engine, self.options.baseline_engine, runs)


class WorkerCases:
    """In a pytest-xdist controller: the cases the workers ran, rebuilt from their reports.

    A worker attaches each case to its test report (:func:`pytest_runtest_makereport`);
    here it is scored again against its gold file, so the table and the report
    files cover the whole suite, as in a run without workers.
    """

    def __init__(self, state: EvalState) -> None:
        self.state = state

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        data = getattr(report, WIRE_ATTRIBUTE, None)
        if data is None:
            return
        from factcheck.evals.wire import case_from_wire

        self.state.from_workers = True
        self.state.runs.append(case_from_wire(data, self.state.options))


STATE = pytest.StashKey[EvalState]()
WIRE_ATTRIBUTE = "factcheck_case"


def enabled(config: pytest.Config) -> bool:
    """Asked for by option or ini, or a gold file is named on the command line."""
    if config.getoption("factcheck_evals") or config.getini("factcheck_evals"):
        return True
    return bool(_named_gold_files(config))


def _suffix(config: pytest.Config) -> str:
    return str(config.getini("factcheck_gold_suffix") or GOLD_SUFFIX)


def _named_gold_files(config: pytest.Config) -> list[Path]:
    """Gold files given as command-line arguments (``path::id`` selects one item)."""
    suffix = _suffix(config)
    named = []
    for arg in config.args:
        path = Path(config.invocation_params.dir, str(arg).split("::", 1)[0])
        if path.name.endswith(suffix) and path.is_file():
            named.append(path.resolve())
    return named


def _gold_paths(config: pytest.Config) -> tuple[Path, ...]:
    return tuple(Path(p) for p in config.getini("factcheck_gold_paths"))


def _thresholds(config: pytest.Config) -> dict[str, float]:
    """Suite-wide limits: the ini's lines, then the command line's (which win per metric)."""
    from factcheck.errors import ConfigurationError
    from factcheck.evals.thresholds import parse_thresholds

    try:
        out = parse_thresholds(config.getini("factcheck_thresholds"))
        out.update(parse_thresholds(config.getoption("factcheck_threshold")))
    except ConfigurationError as exc:
        raise pytest.UsageError(str(exc)) from None
    return out


def _system(config: pytest.Config) -> str | None:
    from factcheck.errors import ConfigurationError
    from factcheck.evals.systems import load_system

    system = _setting(config, "factcheck_system", "factcheck_system")
    if system is None:
        return None
    try:
        load_system(system)  # a typo is a usage error now, not an error in every case
    except ConfigurationError as exc:
        raise pytest.UsageError(str(exc)) from None
    return system


def _setting(config: pytest.Config, option: str, ini: str) -> str | None:
    value = config.getoption(option)
    if value is None:
        value = config.getini(ini) or None
    return None if value is None else str(value)


def _ini_base(config: pytest.Config) -> Path:
    return config.inipath.parent if config.inipath is not None else config.rootpath


def _directory(config: pytest.Config, name: str) -> Path | None:
    """A directory option: relative to where pytest runs, or to the ini file when set there."""
    given = config.getoption(name)
    if given:
        return Path(config.invocation_params.dir, given)
    ini = config.getini(name)
    return Path(_ini_base(config), str(ini)) if ini else None


def _report_dir(config: pytest.Config) -> Path | None:
    return _directory(config, "factcheck_report_dir")


def _external_dirs(config: pytest.Config) -> tuple[Path, ...]:
    from factcheck.evals.runner import default_external_dirs

    given = [
        Path(config.invocation_params.dir, d) for d in config.getoption("factcheck_external_dir")
    ]
    ini = [Path(p) for p in config.getini("factcheck_external_dirs")]
    return tuple(given + ini) or default_external_dirs(config.rootpath)


def build_options(config: pytest.Config) -> EvalOptions:
    """EvalOptions from the command line, falling back to the ini file."""
    from factcheck.evals.runner import EvalOptions
    from factcheck.model_options import ModelOptions
    from factcheck.settings import with_given

    model = _setting(config, "factcheck_model", "factcheck_model")
    base_url = _setting(config, "factcheck_base_url", "factcheck_base_url")
    cache = _setting(config, "factcheck_cache", "factcheck_cache") or "off"
    if cache not in CACHE_MODES:
        raise pytest.UsageError(f"factcheck_cache must be one of {', '.join(CACHE_MODES)}")
    if model is None and base_url is not None:
        raise pytest.UsageError("--factcheck-base-url needs --factcheck-model")
    if model is None and cache != "off":
        raise pytest.UsageError("--factcheck-cache needs --factcheck-model")
    judge = bool(config.getoption("factcheck_judge", False))
    if model is None and judge:
        raise pytest.UsageError("--factcheck-judge needs --factcheck-model")
    system = _system(config)
    if system is not None and model is not None:
        raise pytest.UsageError("give --factcheck-system or --factcheck-model, not both")
    connection = with_given(
        ModelOptions(),
        base_url=base_url,
        cache=cache,
        cache_path=_setting(config, "factcheck_cache_path", "factcheck_cache_path"),
        timeout=config.getoption("factcheck_timeout"),
        concurrency=config.getoption("factcheck_concurrency"),
    )
    return EvalOptions(
        model=model,
        connection=connection,
        max_section_tokens=config.getoption("factcheck_max_section_tokens"),
        overlap=config.getoption("factcheck_overlap"),
        baseline=_setting(config, "factcheck_baseline", "factcheck_baseline"),
        external_dirs=_external_dirs(config),
        judge=judge,
        thresholds=_thresholds(config) or None,
        system=system,
        system_cache=_directory(config, "factcheck_system_cache"),
    )


def _is_worker(config: pytest.Config) -> bool:
    return hasattr(config, "workerinput")  # set by pytest-xdist in its worker processes


HINTED = pytest.StashKey[list[Path]]()


def pytest_configure(config: pytest.Config) -> None:
    if not enabled(config):
        config.stash[HINTED] = []
        return
    state = EvalState(build_options(config), config.rootpath, _report_dir(config))
    config.stash[STATE] = state
    if not _is_worker(config):
        config.pluginmanager.register(WorkerCases(state), "factcheck-worker-cases")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    if isinstance(item, GoldItem) and item.case_run is not None and _is_worker(item.config):
        report = outcome.get_result()  # type: ignore[attr-defined]
        if report.when == "call":
            from factcheck.evals.wire import case_to_wire

            setattr(report, WIRE_ATTRIBUTE, case_to_wire(item.case_run))


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> GoldFile | None:
    config = parent.config
    suffix = _suffix(config)
    if not file_path.name.endswith(suffix):
        return None
    from factcheck.evals.discovery import is_gold_file

    if STATE not in config.stash:
        # The suite is off: remember real gold files for a one-line hint.
        if HINTED in config.stash and is_gold_file(file_path, suffix=suffix):
            config.stash[HINTED].append(file_path)
        return None
    named = file_path.resolve() in _named_gold_files(config)
    if named or is_gold_file(file_path, suffix=suffix, directories=_gold_paths(config)):
        return GoldFile.from_parent(parent, path=file_path)
    return None


class GoldFile(pytest.File):
    """A ``*.gold.json`` file: one item, named by the case id."""

    def collect(self) -> Iterator[GoldItem]:
        from factcheck.errors import GoldFileError
        from factcheck.evals.gold import load_gold

        try:
            gold = load_gold(self.path)
        except GoldFileError as exc:
            # Kept as an item that fails, so one broken file cannot stop the session.
            name = self.path.name.removesuffix(_suffix(self.config))
            yield GoldItem.from_parent(self, name=name, gold=None, load_error=exc)
            return
        if self.config.getoption("factcheck_lint") or self.config.getini("factcheck_lint"):
            from factcheck.evals.gold_lint import lint_case

            report = lint_case(gold, self.config.stash[STATE].options.external_dirs)
            if not report.ok:
                error = GoldFileError("gold lint:\n  " + "\n  ".join(report.problems))
                yield GoldItem.from_parent(self, name=gold.id, gold=None, load_error=error)
                return
        yield GoldItem.from_parent(self, name=gold.id, gold=gold, load_error=None)


class CaseFailed(Exception):
    """A gold case under or over a threshold; the message says why."""


class GoldItem(pytest.Item):
    def __init__(
        self,
        *,
        gold: GoldCase | None,
        load_error: Exception | None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.gold = gold
        self.load_error = load_error
        self.case_run: CaseRun | None = None

    def runtest(self) -> None:
        from factcheck.evals.report_terminal import failure_message
        from factcheck.evals.runner import run_case, unloadable_case

        state = self.config.stash[STATE]
        if self.gold is None:
            assert self.load_error is not None
            case = unloadable_case(self.path, self.load_error, state.options.engine)
        else:
            case = run_case(self.gold, state.options)
        self.case_run = case
        state.runs.append(case)
        self.user_properties.extend(case_properties(case))
        if case.status == "skipped":
            # Reported at the gold file, not at this line of the plugin.
            raise pytest.skip.Exception(
                case.primary.score.reason or "skipped", _use_item_location=True
            )
        if case.status != "passed":
            raise CaseFailed(failure_message(case))

    def repr_failure(
        self,
        excinfo: pytest.ExceptionInfo[BaseException],
        style: Any = None,
    ) -> str | Any:
        if isinstance(excinfo.value, CaseFailed):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style=style)

    def reportinfo(self) -> tuple[Path, int, str]:
        # Line 0 (shown as 1): skips are reported at the gold file, which needs a line.
        return self.path, 0, f"gold case {self.name}"


def case_properties(case: CaseRun) -> list[tuple[str, object]]:
    """Per-case scores as ``user_properties`` (JUnit XML ``<property>`` elements)."""
    out: list[tuple[str, object]] = []
    runs = [("factcheck", case.primary)]
    if case.baseline is not None:
        runs.append(("factcheck.baseline", case.baseline))
    for prefix, run in runs:
        out.append((f"{prefix}.engine", run.engine.label))
        out.append((f"{prefix}.status", run.status))
        out.append((f"{prefix}.elapsed_s", round(run.elapsed_s, 4)))
        out += [(f"{prefix}.{k}", round(v, 4)) for k, v in sorted(run.score.metrics.items())]
    return out


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Write the reports; runs before the terminal summary, which then names the files."""
    state = session.config.stash.get(STATE, None)
    if state is None or not state.runs or state.report_dir is None:
        return
    if _is_worker(session.config):  # a pytest-xdist worker holds only its share
        return
    from factcheck.evals.report_files import write_reports

    try:
        state.written = write_reports(state.suite(), state.report_dir, root=state.root)
    except OSError as exc:
        state.write_error = f"could not write the reports to {state.report_dir}: {exc}"


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, exitstatus: int, config: pytest.Config
) -> None:
    state = config.stash.get(STATE, None)
    hinted = config.stash.get(HINTED, [])
    if state is None and hinted:
        terminalreporter.write_line(
            f"llm-factcheck: {len(hinted)} gold file(s) found but the eval suite is off; "
            "run with --factcheck-evals (or set factcheck_evals = true) to run them"
        )
    if state is None or not state.runs:
        return
    from factcheck.evals.report_terminal import format_table

    terminalreporter.write_sep("=", "llm-factcheck eval")
    for line in format_table(state.suite()).splitlines():
        terminalreporter.write_line(line)
    from factcheck.judge.agreement import agreement_line

    for run in state.suite().runs():
        agreement = agreement_line(run.score.case_id, run.score.metrics)
        if agreement is not None:
            terminalreporter.write_line(agreement)
    if state.written:
        names = ", ".join(path.name for path in state.written)
        terminalreporter.write_line(f"reports written to {state.report_dir}: {names}")
    if state.write_error is not None:
        terminalreporter.write_line(state.write_error, red=True)

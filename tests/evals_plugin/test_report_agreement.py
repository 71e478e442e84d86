"""One run rendered four ways (terminal, Markdown, HTML, JSON) shows one metric table: the same
columns in the same order, and every cell with the same digits and the same breach mark."""

from __future__ import annotations

import json
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from factcheck.evals import load_gold, score_case
from factcheck.evals.metric_table import BREACH_MARK, COLUMNS, MISSING, metric_groups
from factcheck.evals.report_html import report_html
from factcheck.evals.report_json import report_json
from factcheck.evals.report_markdown import report_markdown
from factcheck.evals.report_terminal import format_table
from factcheck.evals.runner import CaseRun, Engine, EngineRun, EvalOptions, SuiteRun, run_case
from factcheck.result import Claim

Writer = Callable[..., Path]
Table = tuple[list[list[str]], list[list[list[str]]]]  # labels per group; rows of cells per group

REOPENED = "The Lakeside library reopened on Monday after 2.3 million euros of repairs."
REOPENED_QUOTE = (
    "The Lakeside public library reopened on Monday after repairs that cost 2.3 million euros"
)
BOOKS_QUOTE = "Floodwater entered the building in March and damaged more than 40,000 books"


def _claim(text: str, quote: str) -> dict[str, Any]:
    return Claim(text=text, quote=quote, status="supported", problems=()).to_dict()


def _result(claims: list[dict[str, Any]], tokens: int | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"summary": "", "claims": claims, "summary_checks": [], "body": ""}
    if tokens is not None:
        out["usage"] = {"prompt_tokens": tokens - 34, "completion_tokens": 34}
    return out


def _suite(tmp_path: Path, write_gold_case: Writer) -> SuiteRun:
    """A model run beside the offline baseline: a failing case, a passing one, a skipped one."""
    model, offline = Engine("m1"), Engine()
    both = _result(
        [
            _claim(REOPENED, REOPENED_QUOTE),
            _claim("Floodwater damaged more than 40,000 books.", BOOKS_QUOTE),
        ]
    )
    cases = []
    for case_id, model_result, elapsed in (
        ("short", _result([_claim(REOPENED, REOPENED_QUOTE)], tokens=1234), 1.5),
        ("full", {**both, "usage": {"prompt_tokens": 900, "completion_tokens": 99}}, 0.75),
    ):
        gold_path = write_gold_case(tmp_path, case_id, thresholds={"claim_recall": 0.9})
        gold = load_gold(gold_path)
        run = EngineRun(model, score_case(gold, model_result), model_result, elapsed)
        baseline = EngineRun(offline, score_case(gold, both), both, 0.125)
        cases.append(CaseRun(case_id, gold_path, gold, run, baseline))
    shelved = load_gold(write_gold_case(tmp_path, "shelved", external="gone.txt"))
    cases.append(run_case(shelved, EvalOptions()))
    return SuiteRun(model, offline, cases)


def _terminal(suite: SuiteRun) -> Table:
    lines = format_table(suite).splitlines()
    sizes = [len(group.columns) for group in metric_groups(suite)]

    def split(line: str, skip: int) -> list[list[str]]:
        """Each group's cells, past the case column and the group's status column."""
        parts = line.split("│")
        out = []
        for index, size in enumerate(sizes):
            words = parts[index].split() if index < len(parts) else []
            out.append(words[skip + 1 if index == 0 else 1 :] if words else [""] * size)
        return out

    body = [*lines[4 : 4 + len(suite.cases)], lines[5 + len(suite.cases)]]
    return split(lines[2], 1), [split(line, 1) for line in body]


def _markdown(suite: SuiteRun) -> Table:
    text = report_markdown(suite)
    lines = [line for line in text.splitlines() if line.startswith("| ")]
    table = [[c.strip() for c in line[2:-2].split(" | ")] for line in lines]
    header, body = table[0], table[1 : 2 + len(suite.cases)]
    sizes = [len(group.columns) for group in metric_groups(suite)]

    def split(cells: list[str]) -> list[list[str]]:
        out, at = [], 1  # past the case column
        for size in sizes:
            out.append(cells[at + 1 : at + 1 + size])  # past the group's status column
            at += 1 + size
        return out

    labels = [[label.split()[-1] for label in group] for group in split(header)]
    return labels, [split(row) for row in body]


class _Overview(HTMLParser):
    """The overview table of report.html: header labels and each row's metric cells."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.inside = False
        self.labels: list[str] = []
        self.rows: list[list[str]] = []
        self.cell: list[str] | None = None
        self.in_abbr = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = dict(attrs)
        if tag == "section" and attr.get("id") == "overview":
            self.inside = True
        if not self.inside:
            return
        if tag == "tr":
            self.rows.append([])
        if tag == "abbr":
            self.in_abbr = True
            self.labels.append("")
        if tag == "td" and "num" in (attr.get("class") or "").split():
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "section":
            self.inside = False
        if tag == "abbr":
            self.in_abbr = False
        if tag == "td" and self.cell is not None:
            self.rows[-1].append("".join(self.cell))
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.in_abbr:
            self.labels[-1] += data
        if self.cell is not None:
            self.cell.append(data)


def _html(suite: SuiteRun) -> Table:
    parser = _Overview()
    parser.feed(report_html(suite))
    sizes = [len(group.columns) for group in metric_groups(suite)]

    def split(cells: list[str]) -> list[list[str]]:
        out, at = [], 0
        for size in sizes:
            out.append(cells[at : at + size])
            at += size
        return out

    rows = [split(row) for row in parser.rows if row]
    return split(parser.labels), rows


def _json(suite: SuiteRun) -> Table:
    data = json.loads(report_json(suite))
    groups = data["metric_table"]["groups"]
    labels = [[column["label"] for column in group["columns"]] for group in groups]
    rows = []
    for index in range(len(suite.cases) + 1):
        row = []
        for group in groups:
            source = group["rows"][index] if index < len(suite.cases) else group["overall"]
            row.append([c["text"] + (BREACH_MARK if c["breach"] else "") for c in source["cells"]])
        rows.append(row)
    return labels, rows


def test_one_run_rendered_four_ways_shows_one_table(
    tmp_path: Path, write_gold_case: Writer
) -> None:
    suite = _suite(tmp_path, write_gold_case)
    tables = {
        "terminal": _terminal(suite),
        "markdown": _markdown(suite),
        "html": _html(suite),
        "json": _json(suite),
    }
    # The model's group has every column; the offline baseline's spends no tokens.
    labels = [[c.label for c in COLUMNS], [c.label for c in COLUMNS if c.metric != "total_tokens"]]
    full = ["1.00", "1.00", "1.00", "1.00", "0.00", "0"]  # no summary: no key point covered
    expected_rows = [
        [["1.00", "0.50!", "0.67", "1.00", "0.00", "0", "1234", "1.50s"], [*full, "0.12s"]],
        [[*full, "999", "0.75s"], [*full, "0.12s"]],
        [[MISSING] * 8, [""] * 7],  # skipped; the baseline never ran it
        [["1.00", "0.75", "0.83", "1.00", "0.00", "0", "2233", "2.25s"], [*full, "0.25s"]],
    ]
    for name, (got_labels, got_rows) in tables.items():
        assert got_labels == labels, name
        assert got_rows == expected_rows, name


def test_the_json_cells_carry_the_values_the_scorer_measured(
    tmp_path: Path, write_gold_case: Writer
) -> None:
    suite = _suite(tmp_path, write_gold_case)
    groups = json.loads(report_json(suite))["metric_table"]["groups"]
    for group, baseline in zip(groups, (False, True), strict=True):
        assert group["baseline"] is baseline
        for case, row in zip(suite.cases, group["rows"], strict=True):
            run = case.baseline if baseline else case.primary
            if run is None or not run.score.metrics:
                assert all(cell["value"] is None for cell in row["cells"])
                continue
            for cell in row["cells"]:
                metric = cell["metric"]
                measured = run.elapsed_s if metric == "elapsed_s" else run.score.metrics[metric]
                assert cell["value"] == measured
                assert cell["breach"] == (metric == "claim_recall" and measured < 0.9)

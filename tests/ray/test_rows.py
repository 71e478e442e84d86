"""Result rows: flat columns computed from the batch record, and the record read back."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pa = pytest.importorskip("pyarrow", reason="the ray extra is not installed")

from factcheck import load_article  # noqa: E402
from factcheck.batch import read_results, run_batch  # noqa: E402
from factcheck.llm import JsonModel  # noqa: E402
from factcheck.ray import CheckArticles  # noqa: E402
from factcheck.ray.rows import ROW_SCHEMA, STATUS_COLUMNS, record_of_row, row_of_record, rows_table  # noqa: E402
from factcheck.testing import FakeOpenAIServer, RecordedRequest, Reply  # noqa: E402
from factcheck.testing._script import Outcome  # noqa: E402
from factcheck.usage import Usage  # noqa: E402


def _claim(status: str) -> dict[str, Any]:
    return {"text": "x", "quote": "x", "status": status}


def test_each_status_has_its_own_count_column() -> None:
    assert STATUS_COLUMNS == {
        "supported": "claims_supported",
        "partial": "claims_partial",
        "unsupported": "claims_unsupported",
        "contradicted": "claims_contradicted",
    }
    for column in STATUS_COLUMNS.values():
        assert ROW_SCHEMA.field(column).type == pa.int64()


def test_a_row_counts_claims_by_status_and_carries_tokens_and_cost() -> None:
    result = {
        "claims": [_claim(s) for s in ("supported", "partial", "supported", "unsupported")],
        "usage": {"cost_usd": 0.0125},
    }
    record = {"id": "a", "ok": True, "result": result}
    usage = Usage(prompt_tokens=900, completion_tokens=120, requests=2, cost_usd=0.0125)
    row = row_of_record(record, usage, "2026-01-01T00:00:00+00:00")
    assert row["claims"] == 4
    assert row["claims_supported"] == 2
    assert row["claims_partial"] == 1
    assert row["claims_unsupported"] == 1
    assert (row["prompt_tokens"], row["completion_tokens"], row["requests"]) == (900, 120, 2)
    assert row["cost_usd"] == 0.0125
    assert row["error_type"] is None and row["error"] is None
    assert json.loads(row["result"]) == result
    assert record_of_row(row) == record


def test_a_failed_row_keeps_its_error_and_its_partial_result() -> None:
    partial = {"claims": [_claim("partial")], "usage": {"cost_usd": None}}
    record = {
        "id": "b",
        "ok": False,
        "error": {"type": "RefusalError", "message": "1 of 2 section(s) failed"},
        "result": partial,
    }
    row = row_of_record(record, Usage(), "2026-01-01T00:00:00+00:00")
    assert (row["ok"], row["error_type"], row["error"]) == (
        False,
        "RefusalError",
        "1 of 2 section(s) failed",
    )
    assert (row["claims"], row["claims_partial"], row["cost_usd"]) == (1, 1, None)
    assert record_of_row(row) == record
    no_result = {"id": "c", "ok": False, "error": {"type": "InputError", "message": "empty"}}
    row = row_of_record(no_result, Usage(), "2026-01-01T00:00:00+00:00")
    assert row["result"] is None and row["claims"] == 0
    assert record_of_row(row) == no_result
    # Every row fits the one schema, nulls included.
    assert rows_table([row]).schema == ROW_SCHEMA


def test_the_callable_class_gives_the_batch_runners_records(
    shipped: list[tuple[str, str]],
    fake_openai: FakeOpenAIServer,
    tmp_path: Path,
    model_factory: Callable[[], JsonModel],
    comparable: Callable[[Any], Any],
) -> None:
    """In this process, without Ray: rows in input order, each the runner's record."""
    items = shipped[:5]
    victim = load_article(items[2][1]).body[:60]

    def refuse_one(request: RecordedRequest) -> Outcome | None:
        messages = request.body["messages"]
        return Reply.refused() if victim in messages[-1]["content"] else None

    fake_openai.handler = refuse_one
    udf = CheckArticles(model_factory=model_factory, concurrency=2)
    try:
        table = udf(pa.table({"id": [i for i, _ in items], "text": [t for _, t in items]}))
    finally:
        udf.close()
    assert table.schema == ROW_SCHEMA
    rows = table.to_pylist()
    assert [row["id"] for row in rows] == [i for i, _ in items]
    assert [(row["ok"], row["error_type"]) for row in rows] == [
        (i != 2, None if i != 2 else "RefusalError") for i in range(5)
    ]
    # The same articles and the same replies through factcheck batch.
    out = tmp_path / "out.jsonl"
    run_batch(items, out, model=model_factory(), concurrency=2)
    expected = read_results(out)
    assert {r["id"]: comparable(record_of_row(r)) for r in rows} == {
        k: comparable(v) for k, v in expected.items()
    }


def test_rows_without_text_fail_alone_and_offline_rows_need_no_model(
    shipped: list[tuple[str, str]],
) -> None:
    udf = CheckArticles()  # no model: the offline engine
    try:
        rows = udf({"id": ["a", "b"], "text": [shipped[0][1], None]}).to_pylist()
    finally:
        udf.close()
    assert [(r["id"], r["ok"], r["error_type"]) for r in rows] == [
        ("a", True, None),
        ("b", False, "BatchInputError"),
    ]
    assert rows[0]["requests"] == 0 and rows[0]["claims"] > 0
    result = json.loads(rows[0]["result"])
    assert result["engine"] == "offline"
    for status, column in STATUS_COLUMNS.items():
        assert rows[0][column] == sum(1 for c in result["claims"] if c["status"] == status)


def test_a_batch_without_the_columns_is_an_input_error() -> None:
    from factcheck.errors import BatchInputError

    udf = CheckArticles()
    try:
        with pytest.raises(BatchInputError, match="missing \\['text'\\]"):
            udf(pa.table({"id": ["a"]}))
    finally:
        udf.close()

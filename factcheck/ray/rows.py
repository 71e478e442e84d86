"""One output row per article: the batch record as JSON, and flat columns to filter on.

A row carries the same outcome as a line of ``factcheck batch``'s JSONL file
(:mod:`factcheck.batch.records`): ``ok``, the error, and the result (as a JSON
string, which Parquet and JSONL shards both store as it is), plus columns a
user filters or sums on without parsing it: the error type, the claim counts
by status, tokens, requests and cost. :func:`record_of_row` turns a row back
into the batch record, so the two routes compare line for line.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime, timezone
from typing import Any

import pyarrow as pa

from factcheck.batch.records import Record
from factcheck.result import STATUSES, Status
from factcheck.usage import Usage

# One count column per claim status, named for it.
STATUS_COLUMNS: dict[Status, str] = {status: f"claims_{status}" for status in STATUSES}

ROW_SCHEMA = pa.schema(
    [
        pa.field("id", pa.string(), nullable=False),
        pa.field("ok", pa.bool_(), nullable=False),
        pa.field("error_type", pa.string()),
        pa.field("error", pa.string()),
        pa.field("claims", pa.int64(), nullable=False),
        *(pa.field(column, pa.int64(), nullable=False) for column in STATUS_COLUMNS.values()),
        pa.field("prompt_tokens", pa.int64(), nullable=False),
        pa.field("completion_tokens", pa.int64(), nullable=False),
        pa.field("requests", pa.int64(), nullable=False),
        pa.field("cost_usd", pa.float64()),
        pa.field("result", pa.string()),
        pa.field("checked_at", pa.string(), nullable=False),
    ]
)

# The columns a tally or a resume needs; reading them skips the result JSON.
TALLY_COLUMNS = ("id", "ok", "prompt_tokens", "completion_tokens", "requests", "checked_at")


def checked_at() -> str:
    """The time a row was made, UTC, in a form that sorts as it reads."""
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def row_of_record(record: Record, usage: Usage, when: str) -> dict[str, Any]:
    """The output row for one batch record and what its calls cost."""
    result = record.get("result")
    error = record.get("error") or {}
    claims = result["claims"] if isinstance(result, dict) else []
    row: dict[str, Any] = {
        "id": record["id"],
        "ok": bool(record["ok"]),
        "error_type": error.get("type"),
        "error": error.get("message"),
        "claims": len(claims),
    }
    for status, column in STATUS_COLUMNS.items():
        row[column] = sum(1 for claim in claims if claim.get("status") == status)
    row["prompt_tokens"] = usage.prompt_tokens
    row["completion_tokens"] = usage.completion_tokens
    row["requests"] = usage.requests
    row["cost_usd"] = usage.to_dict()["cost_usd"]
    row["result"] = (
        None if result is None else json.dumps(result, ensure_ascii=False, separators=(",", ":"))
    )
    row["checked_at"] = when
    return row


def rows_table(rows: Sequence[Mapping[str, Any]]) -> pa.Table:
    """Rows as a table of :data:`ROW_SCHEMA`, the same types in every batch and shard."""
    return pa.Table.from_pylist(list(rows), schema=ROW_SCHEMA)


def record_of_row(row: Mapping[str, Any]) -> Record:
    """The ``factcheck batch`` line that ``row`` stands for."""
    record: Record = {"id": row["id"], "ok": bool(row["ok"])}
    if not record["ok"]:
        record["error"] = {"type": row["error_type"], "message": row["error"]}
    if row.get("result") is not None:
        record["result"] = json.loads(row["result"])
    return record

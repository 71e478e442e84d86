"""What a Ray run reads: a directory of articles, a JSONL file, or Parquet data.

A directory of ``*.txt`` files and a JSONL file are read and validated on this
machine by :func:`factcheck.batch.items.load_items`, with the same ids and the same
one-line errors as ``factcheck batch``. Parquet (a ``.parquet`` file, a
directory of them, or a URI such as ``s3://bucket/articles/``) is read by the
cluster's workers, in parallel, so a large archive never passes through this
process; only its ``id`` column is read here, to check that ids are present and
unique before anything is sent to a model. A Parquet row whose ``text`` is
missing comes back as a failed row.
"""

from __future__ import annotations

import os
from collections.abc import Set
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as pads

from factcheck.batch.items import load_items
from factcheck.errors import BatchInputError

if TYPE_CHECKING:
    from ray.data import Dataset


@dataclass
class Todo:
    """The articles of a run still to check, and how many were done already."""

    source: str
    total: int
    skipped: int
    ids: list[str]
    done: Set[str]
    rows: list[dict[str, str]] | None  # read here (directory, JSONL); None: Parquet


def is_parquet(source: str | os.PathLike[str]) -> bool:
    text = os.fspath(source)
    if "://" in text or text.endswith(".parquet"):
        return True
    path = Path(text)
    return path.is_dir() and not any(path.rglob("*.txt")) and any(path.rglob("*.parquet"))


def parquet_ids(source: str | os.PathLike[str]) -> list[str]:
    """The ``id`` column of Parquet data, after checking both columns are there."""
    where = os.fspath(source)
    try:
        data = pads.dataset(where, format="parquet")
    except (OSError, pa.ArrowInvalid) as exc:
        raise BatchInputError(f"cannot read Parquet {where}: {exc}") from None
    for name in ("id", "text"):
        field = data.schema.field(name) if name in data.schema.names else None
        if field is None:
            raise BatchInputError(f"{where}: no {name!r} column (found {data.schema.names})")
        if not (pa.types.is_string(field.type) or pa.types.is_large_string(field.type)):
            raise BatchInputError(f"{where}: {name!r} must be a string column, got {field.type}")
    ids = data.to_table(columns=["id"]).column("id")
    if ids.null_count:
        raise BatchInputError(f"{where}: {ids.null_count} row(s) have no 'id'")
    values: list[str] = ids.to_pylist()
    blank = [v for v in values if not v.strip()]
    if blank:
        raise BatchInputError(f"{where}: 'id' must be a non-empty string, got {blank[0]!r}")
    if len(set(values)) != len(values):
        counts = pc.value_counts(ids)
        dup = next(c["values"] for c in counts.to_pylist() if c["counts"] > 1)
        raise BatchInputError(f"{where}: duplicate id {dup!r}")
    return values


def _keep_not_done(done: Set[str]) -> Any:
    done_ids = pa.array(sorted(done), type=pa.string())

    def keep(batch: pa.Table) -> pa.Table:
        return batch.filter(pc.invert(pc.is_in(batch.column("id"), value_set=done_ids)))

    return keep


def plan_input(source: str | os.PathLike[str], done: Set[str]) -> Todo:
    """What a run of ``source`` has to do, checked before anything starts."""
    where = os.fspath(source)
    if is_parquet(source):
        ids = parquet_ids(source)
        todo_ids = [i for i in ids if i not in done]
        return Todo(where, len(ids), len(ids) - len(todo_ids), todo_ids, done, None)
    items = load_items(source)
    rows = [{"id": item.id, "text": item.text} for item in items if item.id not in done]
    todo_ids = [row["id"] for row in rows]
    return Todo(where, len(items), len(items) - len(rows), todo_ids, done, rows)


def todo_dataset(todo: Todo, *, blocks: int) -> Dataset:
    """The articles still to check as a Ray dataset of ``{id, text}`` rows."""
    import ray.data

    if todo.rows is not None:
        return ray.data.from_items(
            todo.rows, override_num_blocks=max(1, min(blocks, len(todo.rows)))
        )
    dataset = ray.data.read_parquet(todo.source, columns=["id", "text"])
    if todo.skipped:
        dataset = dataset.map_batches(_keep_not_done(todo.done), batch_format="pyarrow")
    return dataset

"""The output directory of a Ray run: JSONL or Parquet shards of result rows.

Every run writes shards of its own, named ``run-<run id>_...``, beside those
of earlier runs; nothing is rewritten. An article checked twice (it failed,
then a later run completed it) has a row in each run's shards: a row with
``ok`` true wins, and among rows alike in that the latest ``checked_at`` does.
The directory may be local or any URI pyarrow knows (``s3://...``).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pyarrow.fs as pafs
import pyarrow.parquet as pq

from factcheck.batch.records import Record
from factcheck.errors import BatchInputError
from factcheck.ray.rows import ROW_SCHEMA, record_of_row

FORMATS = {"jsonl": ".jsonl", "parquet": ".parquet"}


def run_prefix(run_id: str) -> str:
    """The start of every shard name that run ``run_id`` writes."""
    return f"run-{run_id}"


class ShardDir:
    """The shards under ``out``: listed, read, and made private to their owner."""

    def __init__(self, out: str | os.PathLike[str]) -> None:
        text = os.fspath(out)
        self.local = "://" not in text
        if self.local:
            self.fs: pafs.FileSystem = pafs.LocalFileSystem()
            self.path = str(Path(text).resolve())
        else:
            self.fs, self.path = pafs.FileSystem.from_uri(text)
        self.uri = self.path if self.local else text.rstrip("/")

    def files(self, prefix: str = "") -> list[str]:
        """Shard paths (on ``self.fs``) whose names start with ``prefix``, sorted."""
        info = self.fs.get_file_info(self.path)
        if info.type == pafs.FileType.NotFound:
            return []
        if info.type != pafs.FileType.Directory:
            raise BatchInputError(f"{self.uri} is not a directory (--ray writes a directory)")
        found = self.fs.get_file_info(pafs.FileSelector(self.path, recursive=False))
        suffixes = tuple(FORMATS.values())
        return sorted(
            f.path
            for f in found
            if f.type == pafs.FileType.File
            and f.base_name.endswith(suffixes)
            and f.base_name.startswith(prefix)
        )

    def rows(self, files: Iterable[str], columns: Iterable[str]) -> Iterator[dict[str, Any]]:
        """The rows of ``files``, with just ``columns``."""
        wanted = list(columns)
        for path in files:
            if path.endswith(FORMATS["parquet"]):
                table = pq.read_table(path, filesystem=self.fs, columns=wanted)
                yield from table.to_pylist()
                continue
            with self.fs.open_input_stream(path) as stream:
                data = stream.read()
            for number, line in enumerate(data.splitlines(), 1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except ValueError:
                    raise BatchInputError(f"{path}:{number}: not a JSON line") from None
                yield {name: row.get(name) for name in wanted}

    def make_private(self, files: Iterable[str]) -> None:
        """Owner-only shards, as ``factcheck batch`` output is: rows quote the article."""
        if self.local:
            for path in files:
                os.chmod(path, 0o600)


def _wins(new: dict[str, Any], old: dict[str, Any] | None) -> bool:
    if old is None:
        return True
    if bool(new["ok"]) != bool(old["ok"]):
        return bool(new["ok"])
    return str(new["checked_at"]) >= str(old["checked_at"])


def latest_rows(shards: ShardDir, columns: Iterable[str]) -> dict[str, dict[str, Any]]:
    """The winning row per id over every shard in the directory."""
    wanted = list(dict.fromkeys(["id", "ok", "checked_at", *columns]))
    best: dict[str, dict[str, Any]] = {}
    for row in shards.rows(shards.files(), wanted):
        if _wins(row, best.get(row["id"])):
            best[row["id"]] = row
    return best


def read_ray_results(out: str | os.PathLike[str]) -> dict[str, Record]:
    """The outcome of every article in a ``--ray`` output directory, as batch records.

    The same shape as :func:`factcheck.batch.read_results` gives for a JSONL file.
    """
    rows = latest_rows(ShardDir(out), ROW_SCHEMA.names)
    return {key: record_of_row(row) for key, row in rows.items()}
